"""Learning the model from labelled units, and scoring it honestly.

Labelled units come from the shipped labels (the seeds, ``tests/data/labelled.jsonl``,
and the public government texts of the devset, ``tests/data/devset_public.jsonl``)
plus curator decisions. ``held_out`` scores every document with a model trained
without it, so the figures say how the classifier does on a document it has never
seen. The lexicons are fixed data during training and evaluation: they were written
from the category definitions, and no term is added to fit a held-out document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...scoring import Score
from ..clean import clean_text
from ..detect import detect_metadata
from ..errors import IngestError
from ..normalise import normalise_text
from ..split import is_heading_text, split_sentences
from .features import UnitContext, UnitFeatures, contexts_for, unit_features
from .lexicon import Lexicon
from .model import Classification, LinearModel, Model, decide

DEFAULT_C = 0.3


@dataclass(frozen=True)
class LabelledUnit:
    doc: str
    n: int
    text: str
    is_measure: bool
    categories: frozenset[str]
    context: UnitContext = field(default_factory=UnitContext)

    @property
    def reference(self) -> str:
        """``doc-n`` as the labels cite a unit (``004-182``, ``p123-4``): a seed's id without its hash."""
        return f"{self.doc.partition('_')[0]}-{self.n}"


def load_labels(
    path: Path, *, docs: Iterable[str] | None = None, sources: Mapping[str, str] | None = None
) -> list[LabelledUnit]:
    """Read labelled units in either shipped format, each document's units in reading order.

    ``{"source", "position", "text", "is_measure", "categories"}`` (the seeds) or the
    guideline's ``{"doc", "n", "text", "measure", "categories"}`` (the devset). Whether a
    unit is a heading is what the app's splitter says of it: from the document's raw text
    when ``sources`` holds it (``{doc: text}``), else the row's ``heading`` field (written
    the same way), else the whole-line rule of ``split.is_heading_text``. The document's
    type is what detection says of that raw text (as ingest stores it without a hint), else
    the rows' ``doc_type`` field (written the same way, ``detected_doc_type``).
    """
    wanted = set(docs) if docs is not None else None
    by_doc: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        doc = str(row.get("doc") or row["source"])
        if wanted is None or doc in wanted:
            by_doc[doc].append((int(row["n"]) if "n" in row else int(row["position"]), row))
    units: list[LabelledUnit] = []
    for doc, rows in by_doc.items():
        rows.sort(key=lambda r: r[0])
        if sources and doc in sources:
            flags = app_headings(sources[doc], [row["text"] for _, row in rows])
            doc_type = detected_doc_type(sources[doc])
        else:
            flags, doc_type = None, str(rows[0][1].get("doc_type", ""))
        units += _document_units(doc, rows, flags, doc_type=doc_type)
    return units


def detected_doc_type(raw: str) -> str:
    """The type detection gives a document's raw text (a ``DocumentType`` value; ``other`` if none)."""
    try:
        cleaned = clean_text(normalise_text(raw))
    except IngestError:
        return "other"
    detected = detect_metadata(cleaned.text, removed=cleaned.removed).doc_type
    return detected.value if detected else "other"


def app_headings(raw: str, texts: Sequence[str]) -> list[bool]:
    """Which of ``texts`` (a document's units in order) the app's splitter marks as headings.

    A labelled unit that ends a line's text without a terminator (a page cut mid-word)
    is a heading only if it stood alone on its line; reading the units one per line
    cannot tell. Units the splitter does not produce fall back to the whole-line rule.
    """
    try:
        cleaned = clean_text(normalise_text(raw)).text
    except IngestError:
        cleaned = ""
    flags: dict[str, bool] = {}
    for sentence in split_sentences(cleaned):
        flags.setdefault(_unit_key(sentence.text), sentence.is_heading)
    return [flags.get(_unit_key(text), is_heading_text(text, whole_line=True)) for text in texts]


def _unit_key(text: str) -> str:
    return "".join(normalise_text(text).split())


def _document_units(
    doc: str, rows: Sequence[tuple[int, dict[str, Any]]], flags: Sequence[bool] | None = None, *, doc_type: str = ""
) -> list[LabelledUnit]:
    texts = [row["text"] for _, row in rows]
    if flags is None:
        flags = [bool(row.get("heading", is_heading_text(row["text"], whole_line=True))) for _, row in rows]
    contexts = contexts_for(list(zip(texts, flags, strict=True)), doc_type=doc_type)
    return [
        LabelledUnit(
            doc,
            n,
            row["text"],
            bool(row["measure"] if "measure" in row else row["is_measure"]),
            frozenset(row["categories"]),
            context,
        )
        for (n, row), context in zip(rows, contexts, strict=True)
    ]


def featurise(units: Sequence[LabelledUnit], lexicon: Lexicon) -> list[UnitFeatures]:
    return [unit_features(unit.text, unit.context, lexicon) for unit in units]


def fit(
    units: Sequence[LabelledUnit],
    features: Sequence[UnitFeatures],
    slugs: Sequence[str],
    *,
    c: float = DEFAULT_C,
    meta: Mapping[str, Any] | None = None,
) -> Model:
    """Fit the kind model on every unit and each category model on the measures."""
    design = _TrainingDesign(units, features, slugs)
    return design.model(design.solve(c=c), meta)


# newton-cg reaches the optimum in a few Newton steps on these sparse rows, several times sooner
# than lbfgs at a tenth of its tolerance, so the fit is both faster and closer to exact.
SOLVER_TOLERANCE = 1e-6


@dataclass(frozen=True)
class _Solution:
    coef: Any  # numpy vector, one weight per column of the design
    intercept: float


class _Design:
    """One linear model's training rows, vectorised once: a held-out fold is a slice of its rows."""

    def __init__(self, rows: Sequence[Mapping[str, float]], targets: Sequence[bool], docs: Sequence[str]) -> None:
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer

        vectoriser = DictVectorizer()
        self.matrix = vectoriser.fit_transform(rows).tocsr()
        self.names = [str(name) for name in vectoriser.get_feature_names_out()]
        self.targets = np.array(targets, dtype=bool)
        self.docs = np.array(docs, dtype=object)

    def solve(self, *, c: float, without: str | None = None) -> _Solution:
        """L2 logistic regression on every row not of document ``without``.

        Columns only the left-out document uses are all zero in the fold, so their weights stay at
        zero: the fold is the fit a vocabulary of its own rows would give.
        """
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        keep = self.docs != without
        matrix, targets = self.matrix[keep], self.targets[keep]
        if targets.all() or not targets.any():  # nothing to learn: always the one answer seen
            return _Solution(np.zeros(matrix.shape[1]), 10.0 if targets.any() else -10.0)
        classifier = LogisticRegression(
            C=c, class_weight="balanced", solver="newton-cg", tol=SOLVER_TOLERANCE, max_iter=1000
        )
        classifier.fit(matrix, targets)
        return _Solution(classifier.coef_[0], float(classifier.intercept_[0]))

    def linear(self, solution: _Solution) -> LinearModel:
        weights = {name: float(weight) for name, weight in zip(self.names, solution.coef, strict=True) if weight}
        return LinearModel(weights, solution.intercept)


class _TrainingDesign:
    """The kind model's design over every unit and each category model's over the measures."""

    def __init__(self, units: Sequence[LabelledUnit], features: Sequence[UnitFeatures], slugs: Sequence[str]) -> None:
        measures = [i for i, unit in enumerate(units) if unit.is_measure]
        self.kind = _Design([f.kind for f in features], [u.is_measure for u in units], [u.doc for u in units])
        self.categories = {
            slug: _Design(
                [features[i].categories[slug] for i in measures],
                [slug in units[i].categories for i in measures],
                [units[i].doc for i in measures],
            )
            for slug in slugs
        }

    def solve(self, *, c: float, without: str | None = None) -> dict[str, _Solution]:
        designs = {"": self.kind, **self.categories}
        return {name: design.solve(c=c, without=without) for name, design in designs.items()}

    def model(self, solutions: dict[str, _Solution], meta: Mapping[str, Any] | None = None) -> Model:
        categories = {slug: design.linear(solutions[slug]) for slug, design in self.categories.items()}
        return Model(self.kind.linear(solutions[""]), categories, dict(meta or {}))


@dataclass(frozen=True)
class Mistake:
    unit: LabelledUnit
    name: str  # "measure" or a category slug
    kind: str  # "missed" or "spurious"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    measure: Score
    categories: tuple[Score, ...]
    mistakes: tuple[Mistake, ...]
    units: int
    documents: int
    # Every unit with its prediction, so the figures of a subset of documents can be had.
    scored: tuple[tuple[LabelledUnit, Classification], ...] = ()
    slugs: tuple[str, ...] = ()

    def restricted(self, keep: Callable[[str], bool]) -> Evaluation:
        """The same predictions scored on the documents ``keep`` accepts (by document id)."""
        pairs = [(unit, result) for unit, result in self.scored if keep(unit.doc)]
        return score([unit for unit, _ in pairs], [result for _, result in pairs], self.slugs)

    @property
    def category_micro(self) -> Score:
        return Score(
            "micro",
            sum(s.true_positives for s in self.categories),
            sum(s.false_positives for s in self.categories),
            sum(s.false_negatives for s in self.categories),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "documents": self.documents,
            "measure": self.measure.as_json(),
            "category_micro": self.category_micro.as_json(),
            "categories": {score.name: score.as_json() for score in self.categories},
        }


def score(units: Sequence[LabelledUnit], results: Sequence[Classification], slugs: Sequence[str]) -> Evaluation:
    """Measure P/R/F1, and per-category P/R/F1 counted on the units predicted as measures."""
    measure = [0, 0, 0]
    per_category = {slug: [0, 0, 0] for slug in slugs}
    mistakes: list[Mistake] = []
    for unit, result in zip(units, results, strict=True):
        _count(measure, result.is_measure, unit.is_measure)
        if result.is_measure != unit.is_measure:
            kind = "spurious" if result.is_measure else "missed"
            mistakes.append(Mistake(unit, "measure", kind, result.kind_evidence))
        if not result.is_measure:
            continue
        for slug in slugs:
            predicted, actual = slug in result.categories, slug in unit.categories
            _count(per_category[slug], predicted, actual)
            if predicted != actual:
                kind = "spurious" if predicted else "missed"
                mistakes.append(Mistake(unit, slug, kind, tuple(result.evidence.get(slug, ()))))
    return Evaluation(
        Score("measure", *measure),
        tuple(Score(slug, *counts) for slug, counts in per_category.items()),
        tuple(mistakes),
        len(units),
        len({unit.doc for unit in units}),
        tuple(zip(units, results, strict=True)),
        tuple(slugs),
    )


def _count(counts: list[int], predicted: bool, actual: bool) -> None:
    if predicted and actual:
        counts[0] += 1
    elif predicted:
        counts[1] += 1
    elif actual:
        counts[2] += 1


def held_out(
    train: Sequence[LabelledUnit],
    test: Sequence[LabelledUnit],
    lexicon: Lexicon,
    *,
    c: float = DEFAULT_C,
) -> Evaluation:
    """Score every document of ``test`` with a model fitted on ``train`` minus that document."""
    slugs = lexicon.slugs
    design = _TrainingDesign(train, featurise(train, lexicon), slugs)
    trained_on = {unit.doc for unit in train}
    test_features = featurise(test, lexicon)
    results: list[Classification] = [decide(f, Model(LinearModel({}, 0), {})) for f in test_features]
    whole: Model | None = None  # the fit on all of ``train``, for test documents it does not hold
    for doc in dict.fromkeys(unit.doc for unit in test):
        if doc in trained_on:
            model = design.model(design.solve(c=c, without=doc))
        else:
            whole = whole or design.model(design.solve(c=c))
            model = whole
        for i, unit in enumerate(test):
            if unit.doc == doc:
                results[i] = decide(test_features[i], model)
    return score(test, results, slugs)
