"""``manage.py evaluate_metadata``: accuracy of title, issuer, type and year detection (``make eval``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest.evaluate_metadata import FIELDS, load_truth, score_all
from measures.paths import DEVSET, LABELLED, SOURCES

TRUTH = LABELLED / "metadata_truth.json"


class Command(BaseCommand):
    help = "Score metadata detection against tests/data/metadata_truth.json (seeds and devset)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--truth", type=Path, default=TRUTH)
        parser.add_argument("--devset", type=Path, default=DEVSET, help="directory of the devset .txt files")
        parser.add_argument("--fields", default=",".join(FIELDS), help=f"comma-separated, from {', '.join(FIELDS)}")
        parser.add_argument("--mistakes", action="store_true", help="print what was expected and what was detected")

    def handle(self, *args: object, **options: object) -> None:
        truth_path: Path = options["truth"]  # type: ignore[assignment]
        devset: Path = options["devset"]  # type: ignore[assignment]
        fields = [f.strip() for f in str(options["fields"]).split(",") if f.strip()]
        if unknown := [f for f in fields if f not in FIELDS]:
            raise CommandError(f"unknown field(s) {', '.join(unknown)}; choose from {', '.join(FIELDS)}")
        if not truth_path.is_file():
            raise CommandError(f"no truth file at {truth_path}")
        if not devset.is_dir():
            self.stdout.write(f"devset not found at {devset}: scoring the seeds only")
        scores = score_all(load_truth(truth_path, {"seed": SOURCES, "devset": devset}), fields)
        self.stdout.write(f"{'document':44} " + " ".join(f"{f:>8}" for f in fields))
        for score in scores:
            marks = {r.field: ("ok" if r.correct else "MISS") for r in score.results}
            self.stdout.write(f"{score.name[:44]:44} " + " ".join(f"{marks.get(f, 'n/a'):>8}" for f in fields))
            if options["mistakes"]:
                for r in score.results:
                    if not r.correct:
                        self.stdout.write(f"    {r.field}: expected {r.expected}  detected {r.detected}")
        for field in fields:
            results = [r for s in scores for r in s.results if r.field == field]
            right = sum(r.correct for r in results)
            share = right / len(results) if results else 0.0
            self.stdout.write(f"{field:9} {right}/{len(results)} correct ({share:.0%})")
