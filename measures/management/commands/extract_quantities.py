"""``manage.py extract_quantities``: read quantities and strength again for stored sentences (a backfill)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest.pipeline import reread
from measures.models import Document, Measure


class Command(BaseCommand):
    help = "Extract the quantities and strength of stored sentences again, replacing the previous reading."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--document", type=int, help="only this document id")

    def handle(self, *args: object, **options: object) -> None:
        measures = Measure.objects.all()
        if options["document"]:
            if not Document.objects.filter(pk=options["document"]).exists():
                raise CommandError(f"no document with id {options['document']}")
            measures = measures.filter(document_id=options["document"])
        report = reread(measures=measures.only("pk", "text", "stated_strength", "strength_cue"))
        self.stdout.write(
            f"{report.measures} sentences: {report.quantities} quantities "
            f"({report.quantities_changed} sentences' quantities and {report.strengths_changed} strengths changed)"
        )
