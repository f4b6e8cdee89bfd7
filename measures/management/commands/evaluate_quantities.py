"""``manage.py evaluate_quantities``: quantity precision/recall by kind and strength accuracy (``make eval``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from measures.paths import DEVSET, LABELLED
from measures.quantities.evaluate import (
    evaluate_quantities,
    evaluate_strength,
    load_gold,
    load_strength_gold,
    load_unit_texts,
)

DEVSET_LABELS = DEVSET / "labels.jsonl"


class Command(BaseCommand):
    help = "Score the quantity reader and strength on the seeds and the devset."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--devset", type=Path, default=DEVSET_LABELS, help="the devset's labels.jsonl")
        parser.add_argument("--mistakes", action="store_true", help="list every wrong reading")

    def handle(self, *args: object, **options: object) -> None:
        devset: Path = options["devset"]  # type: ignore[assignment]
        texts = load_unit_texts(seeds=LABELLED / "labelled.jsonl", devset=devset)
        gold = load_gold(LABELLED / "quantities.jsonl")
        if not devset.exists():
            self.stderr.write(f"devset not found at {devset}: scoring the seeds only")
        missing = [key for key in gold if key not in texts and not key[0].startswith("d")]
        if missing:
            raise CommandError(f"gold units with no text: {missing[:5]}")
        report = evaluate_quantities(texts, gold)
        self.stdout.write(f"quantities: {report.units} units (seeds + devset), gold in quantities.jsonl")
        self.stdout.write(f"{'':10} {'precision':>9} {'recall':>7} {'support':>8}   FP  FN")
        for score in report.scores:
            self.stdout.write(
                f"{score.name:10} {score.precision:9.2f} {score.recall:7.2f} {score.support:8}"
                f"  {score.false_positives:3} {score.false_negatives:3}"
            )
        self.stdout.write(
            f"values right (normalised, bound, per year) on matches: {report.values_right}/{report.matched}"
        )
        strength = evaluate_strength(texts, load_strength_gold(LABELLED / "strength.jsonl"))
        self.stdout.write(f"strength: accuracy {strength.accuracy:.2f} on {strength.measures} devset measures")
        levels = sorted({gold for gold, _ in strength.confusion} | {p for _, p in strength.confusion})
        for expected in levels:
            row = "  ".join(
                f"{predicted or '-'}:{n}" for (g, predicted), n in sorted(strength.confusion.items()) if g == expected
            )
            self.stdout.write(f"  {expected:14} → {row}")
        if options["mistakes"]:
            for mistake in report.mistakes:
                self.stdout.write(f"{mistake.kind:12} {mistake.key[0][:3]}#{mistake.key[1]:<4} {mistake.detail}")
            for key, expected, predicted, cue in strength.mistakes:
                self.stdout.write(f"strength     {key[0]}#{key[1]:<4} gold {expected}, read {predicted or '-'} ({cue})")
