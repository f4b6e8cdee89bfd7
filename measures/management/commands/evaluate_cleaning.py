"""``manage.py evaluate_cleaning``: chrome lines left and body lines lost per document (``make eval``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.ingest.evaluate_cleaning import load_truth, score_all
from measures.paths import DEVSET, LABELLED, SOURCES

TRUTH = LABELLED / "cleaning_truth.json"


class Command(BaseCommand):
    help = "Score page-chrome removal against the hand-marked lines in tests/data/cleaning_truth.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--truth", type=Path, default=TRUTH)
        parser.add_argument("--devset", type=Path, default=DEVSET, help="directory of the devset .txt files")
        parser.add_argument("--lines", action="store_true", help="print every chrome line left and body line lost")

    def handle(self, *args: object, **options: object) -> None:
        truth_path: Path = options["truth"]  # type: ignore[assignment]
        devset: Path = options["devset"]  # type: ignore[assignment]
        if not truth_path.is_file():
            raise CommandError(f"no truth file at {truth_path}")
        truths = load_truth(truth_path, {"seed": SOURCES, "devset": devset})
        if not devset.is_dir():
            self.stdout.write(f"devset not found at {devset}: scoring the seeds only")
        scores = score_all(truths)
        self.stdout.write(f"{'document':44} {'body':>5} {'chrome':>6} {'chrome left':>11} {'body lost':>9}")
        for score in scores:
            self.stdout.write(
                f"{score.name[:44]:44} {score.body_lines:5} {score.chrome_lines:6} "
                f"{len(score.chrome_left):11} {len(score.body_lost):9}"
            )
            if options["lines"] and (score.chrome_left or score.body_lost):
                self.stdout.write(f"    chrome left: {list(score.chrome_left)}  body lost: {list(score.body_lost)}")
        self.stdout.write(
            f"{'total':44} {sum(s.body_lines for s in scores):5} {sum(s.chrome_lines for s in scores):6} "
            f"{sum(len(s.chrome_left) for s in scores):11} {sum(len(s.body_lost) for s in scores):9}"
        )
