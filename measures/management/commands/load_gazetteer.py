"""``manage.py load_gazetteer``: create or update every region from ``fixtures/gazetteer/``."""

from django.core.management.base import BaseCommand

from measures.regions.load import load_gazetteer_tables


class Command(BaseCommand):
    help = "Load the national gazetteer (every province, prefecture and county since 1980); safe to repeat."

    def handle(self, *args: object, **options: object) -> None:
        result = load_gazetteer_tables()
        self.stdout.write(f"gazetteer: {result.regions} regions, {result.names} former names")
