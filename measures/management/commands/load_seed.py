"""``manage.py load_seed``: load the gazetteer, then the shipped fixtures into an empty database.

The gazetteer (every region) is created or updated on every run; it holds no curators' work.
The seed documents refuse to reload over existing documents: that would overwrite curators' decisions
on the seed sentences. ``make run`` calls it on every start, so it must be a no-op
once the data is there.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from measures.compare.corpus import refresh_term_frequencies
from measures.models import Document
from measures.paths import FIXTURES
from measures.regions.load import load_gazetteer_tables

# regions.json is the seeds' slice of the gazetteer, for tests; here the whole gazetteer is loaded.
SEED_FIXTURES = ["categories.json", "documents.json"]


class Command(BaseCommand):
    help = "Load the seed fixtures unless documents already exist."

    def handle(self, *args: object, **options: object) -> None:
        gazetteer = load_gazetteer_tables()
        if options.get("verbosity", 1):
            self.stdout.write(f"gazetteer: {gazetteer.regions} regions, {gazetteer.names} former names")
        if Document.objects.exists():
            self.stdout.write("seed data already loaded; nothing to do")
            return
        paths = [str(FIXTURES / name) for name in SEED_FIXTURES]
        call_command("loaddata", *paths, verbosity=options.get("verbosity", 1))
        refresh_term_frequencies()
