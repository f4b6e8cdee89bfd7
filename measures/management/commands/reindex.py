"""``manage.py reindex``: recompute every sentence's search tokens and rebuild the index.

Needed after changing the jieba user dictionary or the tokenising rules.
"""

from django.core.management.base import BaseCommand

from measures.models import Measure
from measures.search import rebuild_index, refresh_tokens


class Command(BaseCommand):
    help = "Recompute search tokens for every sentence and rebuild the full-text index."

    def handle(self, *args: object, **options: object) -> None:
        changed = refresh_tokens(Measure.objects.only("id", "text", "search_tokens").iterator(chunk_size=1000))
        rebuild_index()
        self.stdout.write(f"{changed} sentences re-tokenised; index rebuilt")
