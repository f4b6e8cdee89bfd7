"""``manage.py reclassify``: re-run the classifier on stored sentences, keeping curator decisions."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest.pipeline import RECLASSIFY_BATCH, reclassify_in_batches
from measures.models import Document, Measure


class Command(BaseCommand):
    help = "Re-classify stored sentences with the current lexicons; curator decisions are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--document", type=int, help="only this document id")
        parser.add_argument("--batch-size", type=int, default=RECLASSIFY_BATCH, help="sentences per transaction")

    def handle(self, *args: object, **options: object) -> None:
        measures = Measure.objects.all()
        if options["document"]:
            if not Document.objects.filter(pk=options["document"]).exists():
                raise CommandError(f"no document with id {options['document']}")
            measures = measures.filter(document_id=options["document"])
        report = reclassify_in_batches(measures=measures, batch_size=int(options["batch_size"]))  # type: ignore[call-overload]
        self.stdout.write(
            f"{report.measures} sentences: {report.kinds_changed} changed kind, {report.labels_added} labels added, "
            f"{report.labels_removed} removed, {report.curated_kept} curator labels kept"
        )
