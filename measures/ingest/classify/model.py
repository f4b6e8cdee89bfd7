"""The learned part of the classifier: linear models over named features, stored as JSON.

One logistic model decides *measure or not*; one per category decides the category
(applied only to measures). Weights are plain ``{feature: weight}`` mappings, so the
model is data — readable, diffable, stored in the database — and scoring needs no
scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .evidence import describe
from .features import UnitFeatures

SHIPPED_MODEL = Path(__file__).with_name("model.json")
FORMAT = 1


@dataclass(frozen=True)
class LinearModel:
    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))

    def contributions(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each present feature's share of the decision, largest effect first."""
        shares = [(name, self.weights.get(name, 0.0) * value) for name, value in features.items()]
        return sorted((share for share in shares if share[1]), key=lambda share: -abs(share[1]))


@dataclass(frozen=True)
class Model:
    kind: LinearModel
    categories: Mapping[str, LinearModel]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def linear(model: LinearModel) -> dict[str, Any]:
            weights = {name: round(weight, 4) for name, weight in sorted(model.weights.items()) if abs(weight) >= 1e-4}
            return {"bias": round(model.bias, 4), "threshold": model.threshold, "weights": weights}

        return {
            "format": FORMAT,
            "meta": dict(self.meta),
            "kind": linear(self.kind),
            "categories": {slug: linear(model) for slug, model in self.categories.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown classifier model format {data.get('format')!r}")

        def linear(raw: Mapping[str, Any]) -> LinearModel:
            return LinearModel(dict(raw["weights"]), float(raw["bias"]), float(raw.get("threshold", 0.5)))

        return cls(
            linear(data["kind"]),
            {slug: linear(raw) for slug, raw in data["categories"].items()},
            dict(data.get("meta", {})),
        )


@cache
def load_shipped_model() -> Model:
    """The model shipped with the code (``model.json``, written by ``manage.py train --ship``)."""
    return Model.from_json(json.loads(SHIPPED_MODEL.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Classification:
    is_measure: bool
    kind_evidence: tuple[str, ...]
    categories: tuple[str, ...]
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    scores: Mapping[str, float] = field(default_factory=dict)
    measure_score: float = 0.0
    measure_categories: tuple[str, ...] = ()
    """The categories the unit commits to if it is a measure, whatever the machine decided about its kind."""

    def categories_for(self, *, is_measure: bool) -> tuple[str, ...]:
        """The categories to store once the unit's kind is settled (by the machine or by a curator).

        A curator who makes a sentence a measure gets the machine's categories for it; one who makes
        a machine measure context leaves it without the categories it had as a measure.
        """
        if is_measure:
            return self.measure_categories
        return () if self.is_measure else self.categories

    def as_json(self, text: str) -> dict[str, object]:
        return {
            "text": text,
            "is_measure": self.is_measure,
            "categories": list(self.categories),
            "evidence": {slug: list(terms) for slug, terms in self.evidence.items()},
            "measure_evidence": list(self.kind_evidence),
        }


def decide(features: UnitFeatures, model: Model) -> Classification:
    """Apply ``model`` to one unit's features; headings and a document's statements about
    itself are never measures (GUIDELINE §4)."""
    heading = "heading" in features.kind
    never = next((f"-{describe(name)}" for name in _NEVER_MEASURES if name in features.kind), "")
    measure_score = model.kind.probability(features.kind)
    is_measure = not never and measure_score >= model.kind.threshold
    kind_evidence = (never,) if never else _kind_evidence(model.kind, features.kind, is_measure)
    categories: list[str] = []
    as_measure: list[str] = []
    evidence: dict[str, tuple[str, ...]] = {}
    scores: dict[str, float] = {}
    for slug, category_features in features.categories.items():
        category_model = model.categories.get(slug)
        if category_model is None:
            continue
        score = category_model.probability(category_features)
        match = features.matches[slug]
        committed = score >= category_model.threshold
        # A heading keeps the categories its own words name, so a section reads as its topic.
        wanted = committed if is_measure else heading and match.reaches_threshold
        if committed:
            as_measure.append(slug)
        if wanted:
            categories.append(slug)
        if wanted or committed:
            scores[slug] = round(score, 3)
            evidence[slug] = _category_evidence(category_model, category_features, match.evidence)
    return Classification(
        is_measure, kind_evidence, tuple(categories), evidence, scores, round(measure_score, 3), tuple(as_measure)
    )


# Units that are never measures, by the guideline's definition rather than by weight.
_NEVER_MEASURES = ("heading", "declaration")
# Features too generic to explain anything to a reader.
_SILENT = ("lex:any", "lex:score", "lex:terms", "lex:threshold", "lex:other", "in_section", "len:", "c:")


def _telling(name: str) -> bool:
    if name.startswith(_SILENT):
        return False
    if name.startswith(("w:", "first:", "first_verb:")):
        word = name.split(":", 1)[1]
        return len(word) >= 2 and word.strip("0") != ""
    return True


def _kind_evidence(model: LinearModel, features: Mapping[str, float], is_measure: bool) -> tuple[str, ...]:
    """The decisive features: up to four for the decision and two against, in Chinese."""
    shares = [(name, share) for name, share in model.contributions(features) if _telling(name)]
    sign = 1 if is_measure else -1
    pro = _distinct(name for name, share in shares if share * sign > 0)[:4]
    con = _distinct(name for name, share in shares if share * sign < 0)[:2]
    mark_pro, mark_con = ("+", "-") if is_measure else ("-", "+")
    return tuple(f"{mark_pro}{item}" for item in pro) + tuple(f"{mark_con}{item}" for item in con)


def _category_evidence(model: LinearModel, features: Mapping[str, float], terms: tuple[str, ...]) -> tuple[str, ...]:
    """The lexicon terms found, plus the section heading when it named the category;
    without any term, the two words that weighed most for it."""
    shares = [(name, share) for name, share in model.contributions(features) if share > 0 and _telling(name)]
    section = ("章节标题",) if any(name == "lex:section" for name, _ in shares) else ()
    if terms:
        return tuple(terms) + section
    words = _distinct(name for name, _ in shares if name.startswith("w:"))[:2]
    return section + tuple(words)


def _distinct(names: Any) -> list[str]:
    """The described names, each once; a cue paired with its section only if the cue is not already listed."""
    seen: list[str] = []
    for name in names:
        text = describe(name)
        if text not in seen and text.rpartition("·")[2] not in seen:
            seen.append(text)
    return seen
