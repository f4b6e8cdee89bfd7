"""Precision and recall of the quantity reader, and accuracy of strength, against hand-checked sets.

The sample is every unit of the seeds (``tests/data/labelled.jsonl``) and of the devset
(``../shared/devset/labels.jsonl``, read at run time); the gold
(``tests/data/quantities.jsonl``) lists the units that state quantities, by offsets, so the
devset's news texts never need to be copied. A unit not in the gold states none.
A prediction matches a gold quantity of the same kind whose span it overlaps; matched
pairs are then checked for the right values (normalised value(s), bound, per year).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..scoring import Score
from .extract import extract_quantities
from .kinds import Quantity
from .strength import measure_strength, strength_level

UnitKey = tuple[str, int]


@dataclass(frozen=True)
class GoldQuantity:
    kind: str
    start: int
    end: int
    normalised: float | None
    normalised_max: float | None
    bound: str
    per_year: bool


@dataclass(frozen=True)
class QuantityMistake:
    key: UnitKey
    kind: str  # "missed", "spurious" or "wrong value"
    detail: str


@dataclass(frozen=True)
class QuantityReport:
    units: int
    scores: tuple[Score, ...]
    values_right: int
    matched: int
    mistakes: tuple[QuantityMistake, ...] = field(default=())


@dataclass(frozen=True)
class StrengthReport:
    measures: int
    correct: int
    confusion: Mapping[tuple[str, str], int]  # (gold, predicted) → count
    mistakes: tuple[tuple[UnitKey, str, str, str], ...] = ()  # key, gold, predicted, cue

    @property
    def accuracy(self) -> float:
        return self.correct / self.measures if self.measures else 1.0


def load_unit_texts(*, seeds: Path, devset: Path | None) -> dict[UnitKey, str]:
    """Every unit's text: seeds keyed by (source, position), devset by (doc, n)."""
    texts: dict[UnitKey, str] = {}
    for row in _jsonl(seeds):
        texts[(row["source"], int(row["position"]))] = row["text"]
    if devset is not None and devset.exists():
        for row in _jsonl(devset):
            texts[(row["doc"], int(row["n"]))] = row["text"]
    return texts


def load_gold(path: Path) -> dict[UnitKey, tuple[GoldQuantity, ...]]:
    gold: dict[UnitKey, tuple[GoldQuantity, ...]] = {}
    for row in _jsonl(path):
        gold[(row["doc"], int(row["unit"]))] = tuple(
            GoldQuantity(
                q["kind"], q["start"], q["end"], q["normalised"], q["normalised_max"], q["bound"], q["per_year"]
            )
            for q in row["quantities"]
        )
    return gold


def evaluate_quantities(
    texts: Mapping[UnitKey, str], gold: Mapping[UnitKey, tuple[GoldQuantity, ...]]
) -> QuantityReport:
    """Score the reader on every unit in ``texts`` (gold units whose text is absent are skipped)."""
    counts: Counter[tuple[str, str]] = Counter()
    mistakes: list[QuantityMistake] = []
    values_right = matched = 0
    for key, text in texts.items():
        expected = list(gold.get(key, ()))
        for quantity in extract_quantities(text):
            partner = next((g for g in expected if g.kind == quantity.kind and _overlap(g, quantity)), None)
            if partner is None:
                counts[(quantity.kind.value, "fp")] += 1
                mistakes.append(QuantityMistake(key, "spurious", f"{quantity.kind.value} {quantity.text}"))
                continue
            expected.remove(partner)
            counts[(partner.kind, "tp")] += 1
            matched += 1
            if _same_values(partner, quantity):
                values_right += 1
            else:
                mistakes.append(QuantityMistake(key, "wrong value", f"{quantity.kind.value} {quantity.text}"))
        for missed in expected:
            counts[(missed.kind, "fn")] += 1
            mistakes.append(QuantityMistake(key, "missed", f"{missed.kind} {text[missed.start : missed.end]}"))
    kinds = sorted({kind for kind, _ in counts})
    scores = tuple(Score(kind, counts[(kind, "tp")], counts[(kind, "fp")], counts[(kind, "fn")]) for kind in kinds)
    total = Score(
        "all",
        sum(s.true_positives for s in scores),
        sum(s.false_positives for s in scores),
        sum(s.false_negatives for s in scores),
    )
    return QuantityReport(len(texts), (*scores, total), values_right, matched, tuple(mistakes))


def evaluate_strength(texts: Mapping[UnitKey, str], gold: Iterable[tuple[UnitKey, str]]) -> StrengthReport:
    """Accuracy of the level readers see for measures (``strength_level`` with is_measure=True)."""
    confusion: Counter[tuple[str, str]] = Counter()
    mistakes = []
    total = correct = 0
    for key, expected in gold:
        if key not in texts:
            continue
        strength = measure_strength(texts[key])
        level = strength_level(strength, is_measure=True)
        predicted = level.value if level else ""
        total += 1
        confusion[(expected, predicted)] += 1
        if predicted == expected:
            correct += 1
        else:
            mistakes.append((key, expected, predicted, strength.cue))
    return StrengthReport(total, correct, dict(confusion), tuple(mistakes))


def load_strength_gold(path: Path) -> list[tuple[UnitKey, str]]:
    return [((row["doc"], int(row["unit"])), row["strength"]) for row in _jsonl(path)]


def _overlap(gold: GoldQuantity, quantity: Quantity) -> bool:
    return gold.start < quantity.end and quantity.start < gold.end


def _same_values(gold: GoldQuantity, quantity: Quantity) -> bool:
    return (
        _close(gold.normalised, quantity.normalised)
        and _close(gold.normalised_max, quantity.normalised_max)
        and gold.bound == quantity.bound.value
        and gold.per_year == quantity.per_year
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
