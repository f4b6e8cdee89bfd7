"""``manage.py evaluate_counterparts``: precision/recall of comparison counterparts (``make eval``)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from measures.compare.evaluate import evaluate_pairs, load_pairs, load_units
from measures.ingest.classify import build_lexicon

BASE = Path(settings.BASE_DIR)
CATEGORIES = BASE / "fixtures" / "sources" / "categories.json"


class Command(BaseCommand):
    help = "Score counterpart vs 独有 decisions against tests/data/counterparts.jsonl."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", type=Path, default=BASE / "tests" / "data" / "counterparts.jsonl")
        parser.add_argument("--seeds", type=Path, default=BASE / "tests" / "data" / "labelled.jsonl")
        parser.add_argument(
            "--devset",
            type=Path,
            default=BASE.parent / "shared" / "devset" / "labels.jsonl",
            help="the devset's labels.jsonl (pairs naming devset units are skipped when it is missing)",
        )
        parser.add_argument("--threshold", type=float, help="try another threshold")
        parser.add_argument("--mistakes", action="store_true", help="list every wrong decision")

    def handle(self, *args: object, **options: object) -> None:
        categories = json.loads(CATEGORIES.read_text(encoding="utf-8"))
        lexicon = build_lexicon((c["slug"], "\n".join(c["lexicon"]), c["threshold"]) for c in categories)
        units = load_units(options["seeds"], options["devset"])  # type: ignore[arg-type]
        pairs = load_pairs(options["pairs"])  # type: ignore[arg-type]
        extra = {"threshold": options["threshold"]} if options["threshold"] is not None else {}
        result = evaluate_pairs(pairs, units, lexicon, **extra)  # type: ignore[arg-type]
        positives = sum(s.pair.counterpart for s in result.scored)
        self.stdout.write(
            f"\n{len(result.scored)} labelled counterpart pairs ({positives} counterparts, "
            f"{len(result.scored) - positives} not), {len(units)} units weigh the terms, threshold {result.threshold:.2f}"
        )
        if result.skipped:
            self.stdout.write(f"{result.skipped} pairs skipped: their devset units are not available")
        self.stdout.write(f"{'':12} {'precision':>9} {'recall':>7}")
        self.stdout.write(f"{'counterpart':12} {result.precision:9.2f} {result.recall:7.2f}")
        self.stdout.write(f"{'独有 unique':12} {result.unique_precision:9.2f} {result.unique_recall:7.2f}")
        if options["mistakes"]:
            for scored in result.mistakes():
                pair = scored.pair
                kind = "missed" if pair.counterpart else "spurious"
                self.stdout.write(
                    f"{kind:8} {pair.category:9} {pair.a[0]}#{pair.a[1]} ~ {pair.b[0]}#{pair.b[1]} {scored.score:.2f}"
                )
