"""Classify a unit: is it a measure, and which categories does it commit to?

A pure function of (unit, its context, the lexicons, the model): ``features.py`` reads
the unit as a policy reader would (section, numbering, grammar, lexicon terms),
``model.py`` weighs those features with weights learned from labelled units
(``training.py``), and every decision carries its evidence in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence

from .features import UnitContext, contexts_for, contexts_for_lines, unit_features
from .lexicon import CategoryLexicon, Lexicon, Term, build_lexicon, parse_lexicon
from .model import SHIPPED_MODEL, Classification, LinearModel, Model, decide, load_shipped_model

__all__ = [
    "SHIPPED_MODEL",
    "CategoryLexicon",
    "Classification",
    "Lexicon",
    "LinearModel",
    "Model",
    "Term",
    "UnitContext",
    "build_lexicon",
    "classify_sentence",
    "classify_units",
    "contexts_for",
    "contexts_for_lines",
    "load_shipped_model",
    "parse_lexicon",
]


def classify_units(units: Sequence[tuple[str, UnitContext]], lexicon: Lexicon, model: Model) -> list[Classification]:
    """Classify ``(text, context)`` units."""
    return [decide(unit_features(text, context, lexicon), model) for text, context in units]


def classify_sentence(
    text: str,
    lexicon: Lexicon,
    *,
    is_heading: bool = False,
    context: UnitContext | None = None,
    model: Model | None = None,
) -> Classification:
    """Classify one unit (default: no section context, the shipped model).

    >>> lexicon = build_lexicon([("finance", "专项资金 2\\n资金", 1.0)])
    >>> result = classify_sentence("从今年开始，区财政每年拿出50万元设立专项资金。", lexicon)
    >>> result.is_measure, result.categories, result.evidence["finance"][:2]
    (True, ('finance',), ('专项资金', '资金'))
    """
    context = context or UnitContext(is_heading=is_heading)
    return decide(unit_features(text, context, lexicon), model or load_shipped_model())
