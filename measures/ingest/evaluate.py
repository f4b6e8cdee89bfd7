"""Precision, recall and F1 of the classifier against a hand-labelled set.

The set is ``tests/data/labelled.jsonl`` (rules in ``tests/data/LABELLING.md``);
evaluation keys on each sentence's text, so it does not depend on how a document
was split when the labels were written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .classify import Lexicon, classify_sentence
from .split import split_sentences


@dataclass(frozen=True)
class LabelledSentence:
    source: str
    position: int
    text: str
    is_measure: bool
    categories: frozenset[str]


@dataclass(frozen=True)
class Score:
    name: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


@dataclass(frozen=True)
class Mistake:
    sentence: LabelledSentence
    name: str
    kind: str  # "missed" or "spurious"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    scores: tuple[Score, ...]
    mistakes: tuple[Mistake, ...]


def load_labelled(path: Path) -> list[LabelledSentence]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sentences.append(
                LabelledSentence(
                    row["source"], row["position"], row["text"], row["is_measure"], frozenset(row["categories"])
                )
            )
    return sentences


def evaluate(sentences: Sequence[LabelledSentence], lexicon: Lexicon, slugs: Iterable[str]) -> Evaluation:
    """Score measure detection and each category over ``sentences``."""
    counts: dict[str, list[int]] = {"measure": [0, 0, 0]}
    for slug in slugs:
        counts[slug] = [0, 0, 0]
    mistakes: list[Mistake] = []
    for sentence in sentences:
        units = split_sentences(sentence.text)
        is_heading = len(units) == 1 and units[0].is_heading
        result = classify_sentence(sentence.text, lexicon, is_heading=is_heading)
        outcomes = {"measure": (result.is_measure, sentence.is_measure, result.kind_evidence)}
        for slug in counts.keys() - {"measure"}:
            outcomes[slug] = (
                slug in result.categories,
                slug in sentence.categories,
                tuple(result.evidence.get(slug, ())),
            )
        for name, (predicted, actual, evidence) in outcomes.items():
            if predicted and actual:
                counts[name][0] += 1
            elif predicted:
                counts[name][1] += 1
                mistakes.append(Mistake(sentence, name, "spurious", evidence))
            elif actual:
                counts[name][2] += 1
                mistakes.append(Mistake(sentence, name, "missed", evidence))
    scores = tuple(Score(name, *values) for name, values in counts.items())
    return Evaluation(scores, tuple(mistakes))
