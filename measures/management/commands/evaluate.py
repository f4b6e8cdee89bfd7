"""``manage.py evaluate``: precision/recall/F1 of the classifier on the labelled set (``make eval``)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from measures.ingest.classify import build_lexicon
from measures.ingest.evaluate import evaluate, load_labelled

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources" / "categories.json"
LABELLED = Path(settings.BASE_DIR) / "tests" / "data" / "labelled.jsonl"


class Command(BaseCommand):
    help = "Score measure detection and each category against tests/data/labelled.jsonl."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--labelled", type=Path, default=LABELLED)
        parser.add_argument("--mistakes", action="store_true", help="list every wrong decision")

    def handle(self, *args: object, **options: object) -> None:
        categories = json.loads(SOURCES.read_text(encoding="utf-8"))
        lexicon = build_lexicon((c["slug"], "\n".join(c["lexicon"]), c["threshold"]) for c in categories)
        sentences = load_labelled(options["labelled"])  # type: ignore[arg-type]
        result = evaluate(sentences, lexicon, [c["slug"] for c in categories])
        self.stdout.write(f"{len(sentences)} labelled sentences, lexicons from {SOURCES.name}\n")
        self.stdout.write(f"{'':10} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}   FP  FN")
        for score in result.scores:
            self.stdout.write(
                f"{score.name:10} {score.precision:9.2f} {score.recall:7.2f} {score.f1:6.2f} {score.support:8}"
                f"  {score.false_positives:3} {score.false_negatives:3}"
            )
        if options["mistakes"]:
            for mistake in result.mistakes:
                where = f"{mistake.sentence.source[:3]}#{mistake.sentence.position}"
                self.stdout.write(
                    f"{mistake.name:9} {mistake.kind:8} {where:8} {' '.join(mistake.evidence)} | {mistake.sentence.text[:80]}"
                )
