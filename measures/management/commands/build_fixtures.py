"""``manage.py build_fixtures``: regenerate ``fixtures/*.json`` from ``fixtures/sources/``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from measures.fixtures_build import write_fixtures

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Regenerate the seed fixtures deterministically from the source texts and metadata."

    def handle(self, *args: object, **options: object) -> None:
        counts = write_fixtures(FIXTURES / "sources", FIXTURES)
        for name, n in counts.items():
            self.stdout.write(f"fixtures/{name}: {n} objects")
