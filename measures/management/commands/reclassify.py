"""``manage.py reclassify``: re-run the classifier on stored sentences, keeping curator decisions."""

from django.core.management.base import BaseCommand, CommandParser

from measures.ingest.pipeline import reclassify
from measures.models import Measure

# Each batch is its own short transaction: curators' writes interleave instead of waiting
# for the whole run, and a curator decision made mid-run is read by the batches after it.
BATCH_SIZE = 100


class Command(BaseCommand):
    help = "Re-classify stored sentences with the current lexicons; curator decisions are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--document", type=int, help="only this document id")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="sentences per transaction")

    def handle(self, *args: object, **options: object) -> None:
        measures = Measure.objects.all()
        if options["document"]:
            measures = measures.filter(document_id=options["document"])
        ids = list(measures.order_by("pk").values_list("pk", flat=True))
        size = max(int(options["batch_size"]), 1)  # type: ignore[call-overload]
        totals = [0, 0, 0, 0, 0]
        for start in range(0, len(ids), size):
            report = reclassify(measures=Measure.objects.filter(pk__in=ids[start : start + size]))
            counts = (report.measures, report.kinds_changed, report.labels_added, report.labels_removed)
            for index, value in enumerate((*counts, report.curated_kept)):
                totals[index] += value
        self.stdout.write(
            f"{totals[0]} sentences: {totals[1]} changed kind, {totals[2]} labels added, "
            f"{totals[3]} removed, {totals[4]} curator labels kept"
        )
