"""Precision and recall of counterparts against hand-labelled pairs (``tests/data/counterparts.jsonl``).

Each labelled pair names two units by document and unit number — seeds as
``{"doc": "000", "unit": 13}`` (``position`` in ``tests/data/labelled.jsonl``), devset
documents as ``{"doc": "d07", "unit": 14}`` (``n`` in ``../shared/devset/labels.jsonl``) —
so no devset text is copied into the repository. A pair is predicted a counterpart when
its score in the pair's category row reaches the threshold, exactly as on the page: the
clauses carrying the category (the classifier's evidence), weighted by term frequencies
over every unit available, the way the database counts every stored sentence.

Two sets of figures:

- *training* (``evaluate_pairs``): every pair at the shipped threshold, which was chosen
  on these same pairs, so it flatters;
- *held out* (``cross_validate``): the pairs are grouped by document pair and split into
  folds; each fold is decided at the threshold that does best on the other folds, so no
  pair's decision used its own label (nor any pair between the same two documents).

``region_similarities`` scores every pair of labelled documents as if each were a region,
for the range of the region similarity that ``make eval`` reports.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..ingest.classify import Lexicon, classify_sentence
from .similarity import (
    COUNTERPART_THRESHOLD,
    Matcher,
    TermStats,
    clauses,
    concept_terms,
    cosine,
    focus_clauses,
    region_similarity,
    sentence_terms,
)

UnitKey = tuple[str, int]
FOLDS = 5
# Thresholds tried when one is chosen on the training folds.
CANDIDATE_THRESHOLDS = tuple(round(0.05 + 0.01 * step, 2) for step in range(56))


@dataclass(frozen=True)
class LabelledPair:
    category: str
    a: UnitKey
    b: UnitKey
    counterpart: bool

    @property
    def documents(self) -> frozenset[str]:
        """The pair's group for held-out folds: the two documents it joins."""
        return frozenset([self.a[0], self.b[0]])


@dataclass(frozen=True)
class ScoredPair:
    pair: LabelledPair
    score: float
    shared: tuple[str, ...] = ()  # concept terms both sides' focused clauses carry

    def predicted(self, threshold: float) -> bool:
        return self.score >= threshold

    def error_type(self, threshold: float) -> str | None:
        """What kind of mistake this decision is, in words; None when it is right."""
        if self.predicted(threshold) is self.pair.counterpart:
            return None
        if self.pair.counterpart:
            return "missed: no concept in common" if not self.shared else "missed: concepts shared, score too low"
        return "spurious: one concept in common" if len(self.shared) <= 1 else "spurious: several concepts in common"


@dataclass(frozen=True)
class Decision:
    scored: ScoredPair
    threshold: float

    @property
    def predicted(self) -> bool:
        return self.scored.predicted(self.threshold)

    @property
    def actual(self) -> bool:
        return self.scored.pair.counterpart


@dataclass(frozen=True)
class Figures:
    """Precision and recall of "counterpart" and of "独有" over some decisions."""

    decisions: tuple[Decision, ...]

    def _count(self, predicted: bool, actual: bool) -> int:
        return sum(d.predicted is predicted and d.actual is actual for d in self.decisions)

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
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unique_precision(self) -> float:
        """Of the pairs called 独有 (not counterparts), the share that are not."""
        tn, fn = self._count(False, False), self._count(False, True)
        return tn / (tn + fn) if tn + fn else 1.0

    @property
    def unique_recall(self) -> float:
        tn, fp = self._count(False, False), self._count(True, False)
        return tn / (tn + fp) if tn + fp else 1.0

    @property
    def support(self) -> tuple[int, int]:
        """(counterparts, not) among the pairs."""
        positives = sum(d.actual for d in self.decisions)
        return positives, len(self.decisions) - positives

    def by_category(self) -> dict[str, Figures]:
        groups: dict[str, list[Decision]] = defaultdict(list)
        for decision in self.decisions:
            groups[decision.scored.pair.category].append(decision)
        return {category: Figures(tuple(group)) for category, group in sorted(groups.items())}

    def error_types(self) -> Counter[str]:
        return Counter(kind for d in self.decisions if (kind := d.scored.error_type(d.threshold)) is not None)

    def mistakes(self) -> list[Decision]:
        return [d for d in self.decisions if d.predicted is not d.actual]


@dataclass(frozen=True)
class PairEvaluation:
    """Every labelled pair scored; ``skipped`` name a unit whose text is not available."""

    scored: tuple[ScoredPair, ...]
    skipped: int

    def at(self, threshold: float) -> Figures:
        """Every pair decided at one threshold (training figures when it was chosen on them)."""
        return Figures(tuple(Decision(s, threshold) for s in self.scored))

    def cross_validate(self, *, folds: int = FOLDS) -> HeldOut:
        """Each fold decided at the threshold that scores the best F1 on the other folds."""
        decisions: list[Decision] = []
        thresholds = []
        for fold in range(folds):
            held = [s for s in self.scored if fold_of(s.pair, folds) == fold]
            if not held:
                continue
            training = PairEvaluation(tuple(s for s in self.scored if fold_of(s.pair, folds) != fold), 0)
            threshold = best_threshold(training)
            thresholds.append(threshold)
            decisions.extend(Decision(s, threshold) for s in held)
        order = {s: i for i, s in enumerate(self.scored)}
        decisions.sort(key=lambda d: order[d.scored])
        return HeldOut(Figures(tuple(decisions)), tuple(thresholds))


@dataclass(frozen=True)
class HeldOut:
    figures: Figures
    thresholds: tuple[float, ...]  # the one chosen for each fold


def fold_of(pair: LabelledPair, folds: int) -> int:
    """The held-out fold of a pair: every pair between the same two documents lands in the same one."""
    return zlib.crc32("+".join(sorted(pair.documents)).encode()) % folds


def best_threshold(evaluation: PairEvaluation) -> float:
    """The candidate threshold with the best F1 on ``evaluation``'s pairs (the lowest on a tie)."""
    return max(CANDIDATE_THRESHOLDS, key=lambda t: (round(evaluation.at(t).f1, 9), -t))


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


@dataclass(frozen=True)
class Unit:
    """A labelled unit: its text, and the hand labels (measure or not, categories)."""

    text: str
    is_measure: bool
    categories: frozenset[str]


def load_units(seeds: Path, devset: Path | None) -> dict[UnitKey, Unit]:
    """Labelled units by (document, unit): the seeds', and the devset's when it is there."""
    units: dict[UnitKey, Unit] = {}
    for line in seeds.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            units[(row["source"][:3], int(row["position"]))] = Unit(
                row["text"], bool(row["is_measure"]), frozenset(row["categories"])
            )
    if devset is not None and devset.exists():
        for line in devset.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                units[(row["doc"], int(row["n"]))] = Unit(
                    row["text"], bool(row["measure"]), frozenset(row["categories"])
                )
    return units


def corpus_stats(texts: Sequence[str]) -> TermStats:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(sentence_terms(text))
    return TermStats(counts, len(texts))


def _focuser(units: Mapping[UnitKey, Unit], lexicon: Lexicon) -> Callable[[UnitKey, str], tuple[str, ...]]:
    def focus(key: UnitKey, category: str) -> tuple[str, ...]:
        text = units[key].text
        evidence = classify_sentence(text, lexicon).evidence.get(category, ())
        return focus_clauses(clauses(text), evidence)

    return focus


def evaluate_pairs(pairs: Sequence[LabelledPair], units: Mapping[UnitKey, Unit], lexicon: Lexicon) -> PairEvaluation:
    """Score every labelled pair whose units are available, in its category row as the page does."""
    matcher = Matcher(corpus_stats([unit.text for unit in units.values()]))
    focus = _focuser(units, lexicon)
    scored = []
    skipped = 0
    for pair in pairs:
        if pair.a not in units or pair.b not in units:
            skipped += 1
            continue
        a, b = focus(pair.a, pair.category), focus(pair.b, pair.category)
        shared = {t for c in a for t in concept_terms(c)} & {t for c in b for t in concept_terms(c)}
        scored.append(ScoredPair(pair, matcher.score(a, b), tuple(sorted(shared))))
    return PairEvaluation(tuple(scored), skipped)


@dataclass(frozen=True)
class DocumentSimilarity:
    a: str
    b: str
    measures: float  # region_similarity, from the measures' counterparts
    mix: float  # cosine of the category shares
    sizes: tuple[int, int]  # hand-labelled measures in a and b


def region_similarities(
    units: Mapping[UnitKey, Unit],
    lexicon: Lexicon,
    *,
    threshold: float = COUNTERPART_THRESHOLD,
) -> list[DocumentSimilarity]:
    """Every pair of documents with hand-labelled measures, each treated as a region.

    Uses the hand labels (measure or not, categories), so the figures are about the
    similarity score, not the classifier; counterparts are found row by row as on the page.
    """
    matcher = Matcher(corpus_stats([unit.text for unit in units.values()]), threshold=threshold)
    focus = _focuser(units, lexicon)
    documents: dict[str, list[UnitKey]] = defaultdict(list)
    for key, unit in sorted(units.items()):
        if unit.is_measure:
            documents[key[0]].append(key)
    categories = sorted({c for unit in units.values() for c in unit.categories})
    rows = [*categories, None]

    def members(document: str, category: str | None) -> list[UnitKey]:
        keys = documents[document]
        if category is None:
            return [k for k in keys if not units[k].categories]
        return [k for k in keys if category in units[k].categories]

    def best(mine: str, theirs: str) -> list[float]:
        """Per measure of ``mine``, its best counterpart score in ``theirs`` over its rows."""
        scores: dict[UnitKey, float] = dict.fromkeys(documents[mine], 0.0)
        for category in rows:
            own, other = members(mine, category), members(theirs, category)
            if not own or not other:
                continue
            grid = matcher.scores(
                [focus(k, category) if category else clauses(units[k].text) for k in own],
                [focus(k, category) if category else clauses(units[k].text) for k in other],
            )
            for key, value in zip(own, grid.max(axis=1), strict=True):
                scores[key] = max(scores[key], float(value))
        return [scores[key] for key in documents[mine]]

    def mix(document: str) -> list[float]:
        keys = documents[document]
        return [len(members(document, c)) / len(keys) for c in rows]

    result = []
    for a, b in itertools.combinations(sorted(documents), 2):
        result.append(
            DocumentSimilarity(
                a,
                b,
                region_similarity(best(a, b), best(b, a), threshold=threshold),
                cosine(mix(a), mix(b)),
                (len(documents[a]), len(documents[b])),
            )
        )
    return result
