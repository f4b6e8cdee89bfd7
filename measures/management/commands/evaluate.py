"""``manage.py evaluate`` (``make eval``): document-held-out figures on the seeds and the devset.

Every document is scored by a model trained without it (on the shipped labels of the
other documents); the devset's news excerpts (d13–d15) are read from the shared devset
at run time and only ever tested, never trained on. The lexicons are the shipped ones
and are not tuned during evaluation.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from measures.ingest.classify.training import Evaluation, Score, held_out, load_labels
from measures.learning import EXTRA_DOCUMENTS, shipped_lexicon, shipped_units
from measures.paths import DEVSET

TEST_ONLY = ("d13", "d14", "d15")
TARGETS = {"measure": 0.85, "category micro": 0.85, "per category": 0.75}


class Command(BaseCommand):
    help = "Document-held-out P/R/F1 for measures and each category on the seeds plus the devset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--devset", type=Path, default=DEVSET, help="folder with the devset's labels.jsonl")
        parser.add_argument("--mistakes", action="store_true", help="list every wrong decision with its evidence")

    def handle(self, *args: object, **options: object) -> None:
        lexicon = shipped_lexicon()
        train = shipped_units()
        test = list(train)
        devset = Path(str(options["devset"]))
        labels = devset / "labels.jsonl"
        if labels.exists():
            sources = {
                doc: path.read_text(encoding="utf-8") for doc in TEST_ONLY for path in devset.glob(f"{doc}_*.txt")
            }
            test += load_labels(labels, docs=TEST_ONLY, sources=sources)
        else:
            self.stderr.write(f"{labels} not found: scoring the shipped labels only")
        result = held_out(train, test, lexicon)
        self._table(result, "document-held-out")
        if any(unit.doc in EXTRA_DOCUMENTS for unit in test):
            # The same predictions on the seeds and the devset alone, comparable with figures
            # measured before the extra labelled pages were added.
            self.stdout.write("")
            self._table(result.restricted(lambda doc: doc not in EXTRA_DOCUMENTS), "seeds + devset only")
        if labels.exists():
            # The devset alone: the set the starting figures and targets were measured on.
            devset_docs = {json.loads(line)["doc"] for line in labels.read_text(encoding="utf-8").splitlines() if line}
            self.stdout.write("")
            self._table(result.restricted(lambda doc: doc in devset_docs), "devset only")
        if options["mistakes"]:
            self._mistakes(result)

    def _table(self, result: Evaluation, title: str) -> None:
        self.stdout.write(
            f"{title}: {result.units} units in {result.documents} documents; categories counted on predicted measures"
        )
        self.stdout.write(
            f"{'':16} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}  {'FP':>3} {'FN':>3} target"
        )
        rows: list[tuple[Score, float]] = [(result.measure, TARGETS["measure"])]
        rows.append((result.category_micro, TARGETS["category micro"]))
        rows += [(score, TARGETS["per category"]) for score in result.categories]
        for score, target in rows:
            name = "category micro" if score.name == "micro" else score.name
            self.stdout.write(
                f"{name:16} {score.precision:9.2f} {score.recall:7.2f} {score.f1:6.2f} {score.support:8}"
                f"  {score.false_positives:3} {score.false_negatives:3} ≥{target:.2f}"
            )

    def _mistakes(self, result: Evaluation) -> None:
        for mistake in result.mistakes:
            self.stdout.write(
                f"{mistake.name:9} {mistake.kind:8} {mistake.unit.reference:8} {' '.join(mistake.evidence)}"
                f" | {mistake.unit.text[:80]}"
            )
