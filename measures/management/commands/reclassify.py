"""``manage.py reclassify``: re-run the classifier on stored sentences, keeping curator decisions."""

from django.core.management.base import BaseCommand, CommandParser

from measures.ingest.pipeline import reclassify
from measures.models import Measure


class Command(BaseCommand):
    help = "Re-classify stored sentences with the current lexicons; curator decisions are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--document", type=int, help="only this document id")

    def handle(self, *args: object, **options: object) -> None:
        measures = Measure.objects.all()
        if options["document"]:
            measures = measures.filter(document_id=options["document"])
        report = reclassify(measures=measures)
        self.stdout.write(
            f"{report.measures} sentences: {report.kinds_changed} changed kind, "
            f"{report.labels_added} labels added, {report.labels_removed} removed, "
            f"{report.curated_kept} curator labels kept"
        )
