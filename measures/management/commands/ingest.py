"""``manage.py ingest PATH``: add one document through the pipeline."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest import IngestError
from measures.ingest.pipeline import DocumentMeta, ingest_document
from measures.models import DatePrecision, DocumentType
from measures.regions.resolve import (
    RegionNotFound,
    detect_document_region,
    detected_region,
    detection_record,
    find_region,
)


class Command(BaseCommand):
    help = "Ingest a text file: clean, split, classify and store it as one document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--region", metavar="CODE_OR_SLUG", help="GB/T 2260 code or slug; detected from the text when omitted"
        )
        parser.add_argument("--title", default="", help="defaults to the first line of the cleaned text")
        parser.add_argument("--doc-type", default=DocumentType.OTHER, choices=DocumentType.values)
        parser.add_argument("--issuer", default="")
        parser.add_argument("--year", type=int, help="approximate year, when no exact date is known")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="exact date, YYYY-MM-DD")
        parser.add_argument("--industry", action="append", default=[], help="repeat for several industries")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--source-site", default="")

    def handle(self, *args: object, **options: object) -> None:
        path = options["path"]
        assert isinstance(path, Path)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        dating = _dating(options["date"], options["year"])  # type: ignore[arg-type]
        data = path.read_bytes()
        detection = {}
        try:
            if options["region"]:
                region = find_region(str(options["region"]))
            else:
                found = detect_document_region(
                    data=data, title=str(options["title"]), issuer=str(options["issuer"]), date=dating.get("date")
                )
                region, detection = detected_region(found), detection_record(found)
                self.stdout.write(f"{path}: region {region.code} {region.name} ({'；'.join(found.evidence)})")
        except RegionNotFound as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except IngestError as exc:
            raise CommandError(f"{path}: {exc}; nothing was saved") from exc
        meta = DocumentMeta(
            title=str(options["title"]),
            issuer=str(options["issuer"]),
            doc_type=str(options["doc_type"]),
            industries=list(options["industry"]),  # type: ignore[call-overload]
            source_url=str(options["source_url"]),
            source_site=str(options["source_site"]),
            region_detection=detection,
            **dating,  # type: ignore[arg-type]
        )
        try:
            result = ingest_document(data=data, region=region, meta=meta)
        except IngestError as exc:
            raise CommandError(f"{path}: {exc}; nothing was saved") from exc
        document = result.document
        if not result.created:
            self.stdout.write(f"{path}: already ingested as document {document.pk} ({document.title}); nothing created")
            return
        categories = ", ".join(f"{slug} {n}" for slug, n in sorted(result.per_category.items())) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"document {document.pk}: {document.title}\n"
                f"  sentences {result.sentences}, measures {result.measures}\n"
                f"  measures per category: {categories}"
            )
        )


def _dating(date: dt.date | None, year: int | None) -> dict[str, object]:
    if date is not None:
        return {"date": date, "date_precision": DatePrecision.DAY}
    if year is not None:
        if not 1949 <= year <= 2100:
            raise CommandError(f"--year {year} is out of range")
        return {"date": dt.date(year, 1, 1), "date_precision": DatePrecision.CIRCA}
    return {}
