"""``manage.py build_fixtures``: regenerate ``fixtures/*.json`` from ``fixtures/sources/``."""

from django.core.management.base import BaseCommand

from measures.fixtures_build import write_fixtures
from measures.paths import FIXTURES, SOURCES


class Command(BaseCommand):
    help = "Regenerate the seed fixtures deterministically from the source texts and metadata."

    def handle(self, *args: object, **options: object) -> None:
        counts = write_fixtures(SOURCES, FIXTURES)
        for name, n in counts.items():
            self.stdout.write(f"fixtures/{name}: {n} objects")
