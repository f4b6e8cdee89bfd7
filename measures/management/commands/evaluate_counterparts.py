"""``manage.py evaluate_counterparts``: precision/recall of comparison counterparts (``make eval``)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from measures.compare.evaluate import Figures, evaluate_pairs, load_pairs, load_units, region_similarities
from measures.compare.similarity import COUNTERPART_THRESHOLD
from measures.ingest.classify import build_lexicon
from measures.paths import DEVSET, LABELLED, SOURCES

CATEGORIES = SOURCES / "categories.json"
# Devset excerpts hold a handful of measures; the similarity range is also given over fuller documents.
LARGER = 10


class Command(BaseCommand):
    help = (
        "Score counterpart vs 独有 decisions against tests/data/counterparts.jsonl: held out (threshold chosen "
        "on the other document-pair folds) and at the shipped threshold; the region similarity's range."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", type=Path, default=LABELLED / "counterparts.jsonl")
        parser.add_argument("--seeds", type=Path, default=LABELLED / "labelled.jsonl")
        parser.add_argument(
            "--devset",
            type=Path,
            default=DEVSET / "labels.jsonl",
            help="the devset's labels.jsonl (pairs naming devset units are skipped when it is missing)",
        )
        parser.add_argument("--threshold", type=float, default=COUNTERPART_THRESHOLD, help="try another threshold")
        parser.add_argument("--mistakes", action="store_true", help="list every wrong held-out decision")

    def handle(self, *args: object, **options: object) -> None:
        categories = json.loads(CATEGORIES.read_text(encoding="utf-8"))
        lexicon = build_lexicon((c["slug"], "\n".join(c["lexicon"]), c["threshold"]) for c in categories)
        units = load_units(options["seeds"], options["devset"])  # type: ignore[arg-type]
        pairs = load_pairs(options["pairs"])  # type: ignore[arg-type]
        threshold = float(options["threshold"])  # type: ignore[arg-type]
        result = evaluate_pairs(pairs, units, lexicon)
        held = result.cross_validate()
        training = result.at(threshold)
        positives, negatives = training.support
        write = self.stdout.write
        write(
            f"\n{len(result.scored)} labelled counterpart pairs ({positives} counterparts, {negatives} not) "
            f"between {len({s.pair.documents for s in result.scored})} document pairs; "
            f"{len(units)} units weigh the terms"
        )
        if result.skipped:
            write(f"{result.skipped} pairs skipped: their devset units are not available")
        write(
            "held out: 5 folds by document pair, each decided at the threshold with the best F1 on the others "
            f"({', '.join(f'{t:.2f}' for t in held.thresholds)})"
        )
        write(f"{'':18} {'precision':>9} {'recall':>7} {'pairs':>9}")
        self._row("counterpart", held.figures)
        write(f"{'独有 unique':16} {held.figures.unique_precision:9.2f} {held.figures.unique_recall:7.2f}")
        for category, figures in held.figures.by_category().items():
            self._row(f"  {category}", figures)
        write(f"training (every pair at the shipped threshold {threshold:.2f}, chosen on these pairs):")
        self._row("counterpart", training)
        write(f"{'独有 unique':16} {training.unique_precision:9.2f} {training.unique_recall:7.2f}")
        write("held-out mistakes by type:")
        for kind, count in sorted(held.figures.error_types().items(), key=lambda item: (-item[1], item[0])):
            write(f"  {count:3} {kind}")
        if options["mistakes"]:
            for decision in held.figures.mistakes():
                scored, pair = decision.scored, decision.scored.pair
                write(
                    f"  {scored.error_type(decision.threshold):38} {pair.category:9} {pair.a[0]}#{pair.a[1]} ~ "
                    f"{pair.b[0]}#{pair.b[1]} {scored.score:.2f} (at {decision.threshold:.2f}) "
                    f"shared: {' '.join(scored.shared) or '-'}"
                )
        similarities = region_similarities(units, lexicon, threshold=threshold)
        larger = [s for s in similarities if min(s.sizes) >= LARGER]
        for name, chosen in [("labelled documents", similarities), (f"documents with ≥ {LARGER} measures", larger)]:
            if not chosen:
                continue
            measures = sorted(s.measures for s in chosen)
            mixes = sorted(s.mix for s in chosen)
            write(
                f"region similarity over {len(chosen)} pairs of {name} (seeds + devset, hand labels): "
                f"from the measures {measures[0]:.2f}–{measures[-1]:.2f} (median {measures[len(measures) // 2]:.2f}, "
                f"spread {measures[-1] - measures[0]:.2f}); category-mix cosine {mixes[0]:.2f}–{mixes[-1]:.2f} "
                f"(median {mixes[len(mixes) // 2]:.2f}, spread {mixes[-1] - mixes[0]:.2f})"
            )

    def _row(self, name: str, figures: Figures) -> None:
        positives, negatives = figures.support
        self.stdout.write(f"{name:18} {figures.precision:9.2f} {figures.recall:7.2f} {positives:>4}+{negatives:<4}")
