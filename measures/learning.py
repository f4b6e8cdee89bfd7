"""Curators teach the classifier: retrain from shipped labels plus curator decisions.

Every curator decision is labelled data: a kind marked by hand (``kind_curated``)
and every curator label, confirmation or rejection. ``train`` fits a model on the
shipped labels plus those decisions, measures it document-held-out, and stores it
(as JSON, in ``ClassifierModel``) only when it is not worse than the model in use,
unless forced. Reclassification never overrides a curator (``pipeline.reclassify``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .ingest.classify import Lexicon, Model, build_lexicon, contexts_for, load_shipped_model
from .ingest.classify.training import LabelledUnit, featurise, fit, held_out, load_labels
from .ingest.pipeline import current_lexicon
from .models import Category, ClassifierModel, Document, Label, Measure
from .paths import LABELLED, SOURCES

# Seeds, the devset's public government texts, and further labelled pages (tests/data/PAGES.md).
PAGES_LABELS = LABELLED / "pages_labelled.jsonl"
SHIPPED_LABELS = (LABELLED / "labelled.jsonl", LABELLED / "devset_public.jsonl", PAGES_LABELS)
# The labelled pages' document ids (p01…), so ``make eval`` can also show the seeds + devset alone.
EXTRA_DOCUMENTS = frozenset(
    json.loads(line)["doc"] for line in PAGES_LABELS.read_text(encoding="utf-8").splitlines() if line.strip()
)
# A new model may lose this much F1 to noise and still count as "not worse".
TOLERANCE = 0.005


SHIPPED_CATEGORIES = SOURCES / "categories.json"


def shipped_lexicon() -> Lexicon:
    """The lexicons as shipped (``fixtures/sources/categories.json``), independent of the database."""
    rows = json.loads(SHIPPED_CATEGORIES.read_text(encoding="utf-8"))
    return build_lexicon((row["slug"], "\n".join(row["lexicon"]), row["threshold"]) for row in rows)


def shipped_units() -> list[LabelledUnit]:
    """Every labelled unit shipped with the code (``SHIPPED_LABELS``)."""
    return [unit for path in SHIPPED_LABELS for unit in load_labels(path)]


def curator_units() -> list[LabelledUnit]:
    """Units a curator decided, with their document's section context.

    A unit counts when its kind was set by hand or it has a curator label; its
    categories are the labels that apply to it (a rejection removes one).
    """
    decided_rows = Measure.objects.curator_decided().values("pk")
    decided = set(decided_rows.values_list("pk", flat=True))
    if not decided:
        return []
    # Only the decided sentences' labels, and each document's sentences in one query (not one per
    # document), without the documents' texts: a national corpus has millions of labels.
    applied: dict[int, set[str]] = defaultdict(set)
    labels = Label.objects.applied().filter(measure__in=decided_rows)
    for measure_id, slug in labels.values_list("measure_id", "category__slug"):
        applied[measure_id].add(slug)
    documents = (
        Document.objects.filter(pk__in=Measure.objects.filter(pk__in=decided_rows).values("document"))
        .only("pk", "doc_type")
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "sentences",
                queryset=Measure.objects.only(
                    "pk", "document", "position", "text", "is_heading", "is_measure"
                ).order_by("position"),
                to_attr="in_order",
            )
        )
    )
    units: list[LabelledUnit] = []
    for document in documents:
        sentences: list[Measure] = document.in_order  # type: ignore[attr-defined]
        contexts = contexts_for([(s.text, s.is_heading) for s in sentences], doc_type=document.doc_type)
        for sentence, context in zip(sentences, contexts, strict=True):
            if sentence.pk in decided:
                categories = frozenset(applied[sentence.pk]) if sentence.is_measure else frozenset()
                units.append(
                    LabelledUnit(
                        f"doc{document.pk}", sentence.position, sentence.text, sentence.is_measure, categories, context
                    )
                )
    return units


def training_units() -> list[LabelledUnit]:
    """Shipped labels, where a curator decided the same text the curator's decision wins."""
    curated = curator_units()
    by_text = {unit.text for unit in curated}
    return [unit for unit in shipped_units() if unit.text not in by_text] + curated


def model_in_use() -> tuple[Model, dict[str, Any]]:
    """The model classifying now and its held-out figures."""
    stored = ClassifierModel.objects.in_use()
    if stored is not None:
        return Model.from_json(stored.parameters), dict(stored.heldout)
    shipped = load_shipped_model()
    return shipped, dict(shipped.meta.get("heldout", {}))


@dataclass(frozen=True)
class ModelSummary:
    """What the quality view shows about the model in use."""

    version: int
    trained_at: Any
    counts: dict[str, Any]
    heldout: dict[str, Any]


def model_summary() -> ModelSummary:
    """Version, training time, counts and held-out figures of the model in use (1: the shipped one)."""
    stored = ClassifierModel.objects.in_use()
    if stored is not None:
        return ModelSummary(stored.version, stored.created_at, dict(stored.training_counts), dict(stored.heldout))
    meta = load_shipped_model().meta
    return ModelSummary(1, None, dict(meta.get("counts", {})), dict(meta.get("heldout", {})))


@dataclass(frozen=True)
class TrainReport:
    before: dict[str, Any]
    after: dict[str, Any]
    counts: dict[str, int]
    applied: bool
    version: int | None


def is_not_worse(after: dict[str, Any], before: dict[str, Any]) -> bool:
    """Measure F1 and category micro-F1 both at least as good (within ``TOLERANCE``)."""
    if not before:
        return True
    return all(
        after[key]["f1"] >= before[key]["f1"] - TOLERANCE for key in ("measure", "category_micro") if key in before
    )


@dataclass(frozen=True)
class Candidate:
    """A model fitted on every labelled unit, not yet in use, with its held-out figures.

    ``before`` are the figures of the model in use (version ``based_on``) when it was
    trained; ``parameters`` is ``Model.to_json()``, so a candidate can wait as JSON (in
    a background job's outcome) until a curator applies it.
    """

    parameters: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]
    counts: dict[str, int]
    based_on: int

    @property
    def not_worse(self) -> bool:
        return is_not_worse(self.after, self.before)

    def as_json(self) -> dict[str, Any]:
        return {
            "parameters": self.parameters,
            "before": self.before,
            "after": self.after,
            "counts": self.counts,
            "based_on": self.based_on,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        return cls(data["parameters"], data["before"], data["after"], data["counts"], int(data["based_on"]))


def train_candidate() -> Candidate:
    """Fit on all labelled units and evaluate document-held-out; store nothing."""
    lexicon = current_lexicon()
    units = training_units()
    after = held_out(units, units, lexicon).as_json()
    _, before = model_in_use()
    counts = {
        "units": len(units),
        "measures": sum(unit.is_measure for unit in units),
        "documents": len({unit.doc for unit in units}),
        "curator_units": sum(unit.doc.startswith("doc") for unit in units),
    }
    model = fit(units, featurise(units, lexicon), lexicon.slugs, meta={"heldout": after, "counts": counts})
    return Candidate(model.to_json(), before, after, counts, model_summary().version)


def apply_candidate(*, candidate: Candidate, force: bool = False, user: User | None = None) -> int | None:
    """Put ``candidate`` in use if it is not worse than the model in use *now* (or ``force``).

    Returns the new version, or ``None`` when refused. Compared with the model in use at
    the time of applying, not when it was trained, so a model applied meanwhile is never
    replaced by a worse one. Sentences keep their labels until reclassified (``reclassify``
    never overrides a curator decision).
    """
    _, in_use = model_in_use()
    if not (force or is_not_worse(candidate.after, in_use)):
        return None
    return _store(Model.from_json(candidate.parameters), candidate.after, candidate.counts, user)


def train(*, force: bool = False, apply: bool = True, user: User | None = None) -> TrainReport:
    """Fit on all labelled units, evaluate document-held-out, store when not worse (or forced)."""
    candidate = train_candidate()
    version = apply_candidate(candidate=candidate, force=force, user=user) if apply else None
    return TrainReport(
        candidate.before, candidate.after, candidate.counts, applied=version is not None, version=version
    )


@transaction.atomic
def _store(model: Model, heldout: dict[str, Any], counts: dict[str, int], user: User | None) -> int:
    latest = ClassifierModel.objects.select_for_update().order_by("-version").first()
    version = (latest.version if latest else 1) + 1  # version 1 is the shipped model
    ClassifierModel.objects.create(
        version=version,
        parameters=model.to_json(),
        training_counts=counts,
        heldout=heldout,
        trained_by=user if user is not None and user.pk else None,
    )
    return version


@dataclass(frozen=True)
class FigureRow:
    """One line of a before/after table: precision, recall and F1 of the model in use and the candidate."""

    key: str  # "measure", "category_micro" or a category slug
    name: str
    before: dict[str, float]
    after: dict[str, float]

    @property
    def before_f1(self) -> str:
        return _shown(self.before.get("f1"))

    @property
    def after_f1(self) -> str:
        return _shown(self.after.get("f1"))

    @property
    def worse(self) -> bool:
        """The candidate's F1 is lower than the model in use's by more than ``TOLERANCE``."""
        before, after = self.before.get("f1"), self.after.get("f1")
        return before is not None and after is not None and after < before - TOLERANCE


def headline_rows(before: dict[str, Any], after: dict[str, Any]) -> list[FigureRow]:
    """Held-out figures before and after for measures and category micro-average (no query)."""
    return [
        FigureRow("measure", str(_("措施识别")), before.get("measure", {}), after.get("measure", {})),
        FigureRow(
            "category_micro",
            str(_("类别（微平均）")),
            before.get("category_micro", {}),
            after.get("category_micro", {}),
        ),
    ]


def figure_rows(before: dict[str, Any], after: dict[str, Any]) -> list[FigureRow]:
    """``headline_rows``, then each category's, named in the reader's language (one query)."""
    names = {category.slug: category.name for category in Category.objects.all()}
    rows = headline_rows(before, after)
    for slug in after.get("categories", {}):
        rows.append(
            FigureRow(
                slug,
                names.get(slug, slug),
                before.get("categories", {}).get(slug, {}),
                after["categories"][slug],
            )
        )
    return rows


def _shown(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "–"
