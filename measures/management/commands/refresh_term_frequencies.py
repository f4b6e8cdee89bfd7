"""``manage.py refresh_term_frequencies``: recount the corpus-wide weights of comparison."""

from django.core.management.base import BaseCommand

from measures.compare.corpus import refresh_term_frequencies


class Command(BaseCommand):
    help = (
        "Recount in how many stored sentences each concept term occurs (the weights of comparison "
        "counterparts). Ingest keeps them current; run this after editing measures/concepts.py or deleting documents."
    )

    def handle(self, *args: object, **options: object) -> None:
        terms = refresh_term_frequencies()
        self.stdout.write(f"{terms} terms counted")
