"""Precision and recall of counterparts against hand-labelled pairs (``tests/data/counterparts.jsonl``).

Each labelled pair names two units by document and unit number — seeds as
``{"doc": "000", "unit": 13}`` (``position`` in ``tests/data/labelled.jsonl``), devset
documents as ``{"doc": "d07", "unit": 14}`` (``n`` in ``../shared/devset/labels.jsonl``) —
so no devset text is copied into the repository. A pair is predicted a counterpart when
its score in the pair's category row reaches the threshold, exactly as on the page: the
clauses carrying the category (the classifier's evidence), weighted by term frequencies
over every unit available, the way the database counts every stored sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ingest.classify import Lexicon, classify_sentence
from .similarity import COUNTERPART_THRESHOLD, Matcher, TermStats, clauses, focus_clauses, sentence_terms

UnitKey = tuple[str, int]


@dataclass(frozen=True)
class LabelledPair:
    category: str
    a: UnitKey
    b: UnitKey
    counterpart: bool


@dataclass(frozen=True)
class ScoredPair:
    pair: LabelledPair
    score: float

    def predicted(self, threshold: float) -> bool:
        return self.score >= threshold


@dataclass(frozen=True)
class PairEvaluation:
    scored: tuple[ScoredPair, ...]
    skipped: int  # pairs naming a unit whose text is not available (no devset here)
    threshold: float

    def _count(self, predicted: bool, actual: bool) -> int:
        return sum(s.predicted(self.threshold) is predicted and s.pair.counterpart is actual for s in self.scored)

    @property
    def precision(self) -> float:
        """Of the pairs called counterparts, the share that are."""
        tp, fp = self._count(True, True), self._count(True, False)
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        """Of the true counterparts, the share found."""
        tp, fn = self._count(True, True), self._count(False, True)
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def unique_precision(self) -> float:
        """Of the pairs called 独有 (not counterparts), the share that are not."""
        tn, fn = self._count(False, False), self._count(False, True)
        return tn / (tn + fn) if tn + fn else 1.0

    @property
    def unique_recall(self) -> float:
        tn, fp = self._count(False, False), self._count(True, False)
        return tn / (tn + fp) if tn + fp else 1.0

    def mistakes(self) -> list[ScoredPair]:
        return [s for s in self.scored if s.predicted(self.threshold) is not s.pair.counterpart]


def load_pairs(path: Path) -> list[LabelledPair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append(
                LabelledPair(
                    row["category"],
                    (row["a"]["doc"], int(row["a"]["unit"])),
                    (row["b"]["doc"], int(row["b"]["unit"])),
                    bool(row["counterpart"]),
                )
            )
    return pairs


def load_units(seeds: Path, devset: Path | None) -> dict[UnitKey, str]:
    """Unit texts by (document, unit): the seeds' labelled set, and the devset's when it is there."""
    units: dict[UnitKey, str] = {}
    for line in seeds.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            units[(row["source"][:3], int(row["position"]))] = row["text"]
    if devset is not None and devset.exists():
        for line in devset.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                units[(row["doc"], int(row["n"]))] = row["text"]
    return units


def corpus_stats(texts: Sequence[str]) -> TermStats:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(sentence_terms(text))
    return TermStats(counts, len(texts))


def evaluate_pairs(
    pairs: Sequence[LabelledPair],
    units: Mapping[UnitKey, str],
    lexicon: Lexicon,
    *,
    threshold: float = COUNTERPART_THRESHOLD,
) -> PairEvaluation:
    matcher = Matcher(corpus_stats(list(units.values())), threshold=threshold)

    def focus(key: UnitKey, category: str) -> tuple[str, ...]:
        text = units[key]
        evidence = classify_sentence(text, lexicon).evidence.get(category, ())
        return focus_clauses(clauses(text), evidence)

    scored = []
    skipped = 0
    for pair in pairs:
        if pair.a not in units or pair.b not in units:
            skipped += 1
            continue
        score = matcher.score(focus(pair.a, pair.category), focus(pair.b, pair.category))
        scored.append(ScoredPair(pair, score))
    return PairEvaluation(tuple(scored), skipped, threshold)
