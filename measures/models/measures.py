"""Sentences of documents (``Measure``, whether a measure or context) and how lists, search and comparison read them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .. import search
from .categories import Label
from .documents import Document
from .quantities import Quantity
from .regions import Region
from .tags import Tag

if TYPE_CHECKING:
    from ..search import SearchQuery


class MeasureStrength(models.TextChoices):
    """How firmly a measure commits (see ``measures.quantities.strength``)."""

    BINDING = "binding", _("约束性")
    COMMITMENT = "commitment", _("承诺")
    ENCOURAGEMENT = "encouragement", _("鼓励")
    TARGET = "target", _("目标")


# Columns no list row shows: the index tokens and each document's whole text, which
# select_related would otherwise copy into every sentence row.
LIST_DEFERRED = ("search_tokens", "search_vector", "clause_terms", "document__raw_text", "document__cleaned_text")


# What comparison pages, their CSV and the matcher read of a measure (``MeasureQuerySet.for_compare``).
COMPARE_FIELDS = (
    "document", "position", "text", "is_measure", "stated_strength", "strength_cue", "strength", "clause_terms",
)  # fmt: skip


class MeasureQuerySet(models.QuerySet["Measure"]):
    def measures(self) -> MeasureQuerySet:
        return self.filter(is_measure=True)

    def context(self) -> MeasureQuerySet:
        return self.filter(is_measure=False)

    def in_region(self, region: Region) -> MeasureQuerySet:
        """Sentences of documents about the region or any region below it.

        Through the documents' ids, not a join to each sentence's document: SQLite stores a
        document's region after its two long texts, so reading it row by row walks their
        overflow pages (35 ms for a province's first page at a million sentences, 0.5 ms so).
        """
        return self.filter(document__in=Document.objects.in_region(region).values("pk"))

    def in_regions(self, regions: Iterable[Region]) -> MeasureQuerySet:
        """Sentences of documents about any of the regions or the regions below them."""
        condition = Q(pk__in=[])
        for region in regions:
            condition |= Q(document__in=Document.objects.in_region(region).values("pk"))
        return self.filter(condition)

    def in_documents(self, documents: Iterable[Document]) -> MeasureQuerySet:
        return self.filter(document__in=[document.pk for document in documents])

    def in_category(self, *slugs: str) -> MeasureQuerySet:
        """Sentences carrying any of the categories (curator rejections excluded)."""
        return self.filter(Exists(Label.objects.applied().filter(measure=OuterRef("pk"), category__slug__in=slugs)))

    def uncategorised(self) -> MeasureQuerySet:
        return self.exclude(Exists(Label.objects.applied().filter(measure=OuterRef("pk"))))

    def curator_decided(self) -> MeasureQuerySet:
        """Sentences with a curator decision: a kind set by hand, or a category confirmed, added or rejected."""
        return self.filter(Q(kind_curated=True) | Exists(Label.objects.curated().filter(measure=OuterRef("pk"))))

    def search(self, query: SearchQuery, window: search.Window | None = None) -> MeasureQuerySet:
        """Full-text matches, annotated with ``relevance`` (see ``measures.search``); within ``window`` if given."""
        return search.filter_measures(self, query, window)

    def in_document_order(self) -> MeasureQuerySet:
        return self.order_by("document_id", "position")

    def for_compare(self) -> MeasureQuerySet:
        """The fields a comparison reads per measure, with the clause terms it matches on (no texts of
        documents, no search tokens); ``compare.grid`` attaches documents, labels and quantities."""
        return self.only(*COMPARE_FIELDS)

    def for_list(self) -> MeasureQuerySet:
        """Everything a list row shows, in a fixed number of queries (and not the documents' texts)."""
        return (
            self.select_related("document__region")
            .defer(*LIST_DEFERRED)
            .prefetch_related(
                Prefetch(
                    "labels",
                    queryset=Label.objects.applied().select_related("category").order_by("category__order"),
                    to_attr="applied_labels",
                ),
                "tags",
            )
            .with_quantities()
        )

    def with_quantities(self) -> MeasureQuerySet:
        """Prefetch each measure's stated quantities, in text order, as ``stated_quantities``."""
        return self.prefetch_related(
            Prefetch("quantities", queryset=Quantity.objects.order_by("start"), to_attr="stated_quantities")
        )

    def stating(self, kind: str, *, at_least: float | None = None, at_most: float | None = None) -> MeasureQuerySet:
        """Sentences stating a comparable quantity of ``kind`` within the bounds (normalised units).

        A range counts when it reaches the bound: 50—100万元 states "at least 80万元".
        """
        stated = Quantity.objects.filter(measure=OuterRef("pk"), kind=kind, normalised__isnull=False)
        if at_least is not None:
            stated = stated.alias(high=Coalesce("normalised_max", "normalised")).filter(high__gte=at_least)
        if at_most is not None:
            stated = stated.filter(normalised__lte=at_most)
        return self.filter(Exists(stated))

    def with_largest(self, kind: str) -> MeasureQuerySet:
        """Annotate ``largest_<kind>``: the largest comparable quantity of that kind stated (or None)."""
        largest = (
            Quantity.objects.filter(measure=OuterRef("pk"), kind=kind, normalised__isnull=False)
            .annotate(high=Coalesce("normalised_max", "normalised"))
            .order_by("-high")
            .values("high")[:1]
        )
        return self.annotate(**{f"largest_{kind}": Subquery(largest)})

    def of_strength(self, *levels: str) -> MeasureQuerySet:
        return self.filter(strength__in=levels)


class Measure(models.Model):
    """One sentence of a document's cleaned text, in order.

    Every sentence is stored, so a document can be read whole; ``is_measure``
    separates concrete actions from context. When a curator decides the kind,
    ``kind_curated`` is set and the machine never changes it again.
    """

    document = models.ForeignKey(Document, verbose_name=_("文件"), on_delete=models.CASCADE, related_name="sentences")
    position = models.PositiveIntegerField(_("序号"))
    paragraph = models.PositiveIntegerField(
        _("段落"), default=0, help_text=_("index of its paragraph in the cleaned text")
    )
    text = models.TextField(_("文本"))
    is_heading = models.BooleanField(_("标题"), default=False)
    is_measure = models.BooleanField(_("是否措施"), default=False)
    kind_curated = models.BooleanField(_("类型经人工确认"), default=False)
    kind_evidence = models.JSONField(_("类型依据"), default=list, blank=True)
    stated_strength = models.CharField(
        _("力度标记"), max_length=15, choices=MeasureStrength.choices, blank=True, editable=False
    )
    strength_cue = models.CharField(_("力度依据"), max_length=30, blank=True, editable=False)
    # What readers filter and see: a measure with no cue states a commitment of the issuer
    # (quantities.strength_level, kept by the database so a curator's kind change follows).
    strength = models.GeneratedField(
        expression=Case(
            When(stated_strength="", is_measure=True, then=Value(MeasureStrength.COMMITMENT.value)),
            default=F("stated_strength"),
        ),
        output_field=models.CharField(max_length=15),
        db_persist=True,
        verbose_name=_("力度"),
    )
    search_tokens = models.TextField(_("分词"), blank=True, editable=False)
    # PostgreSQL: ``search_tokens`` as a tsvector, kept by a trigger (migration 0020) and
    # indexed, so a search never recomputes it per row; always NULL on SQLite (see ``measures.search``).
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    # Per clause of the text (``compare.similarity.clauses``), its concept terms: what comparison
    # weighs, stored at ingest so a comparison does not segment thousands of sentences per view.
    clause_terms = models.JSONField(_("分句概念词"), default=list, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("标签"), blank=True, related_name="measures")
    # Categories are read through ``labels`` and ``Label.objects.applied()``, never through a
    # plain many-to-many: a curator's rejection is a Label row too.

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("句子")
        verbose_name_plural = _("句子")
        ordering = ["document_id", "position"]
        indexes = [
            models.Index(fields=["strength"], name="measure_strength"),
            # The default list (measures only, in document order) pages through this index alone.
            models.Index(fields=["document", "position"], condition=Q(is_measure=True), name="measure_in_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="measure_unique_position"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#s{self.position}"

    @property
    def measure_reasons(self) -> list[str]:
        """Why the classifier took this sentence for a measure: the cues that spoke for it, in the reader's language."""
        return self._reasons("+")

    @property
    def context_reasons(self) -> list[str]:
        """The cues that spoke against a measure (for background), in the reader's language."""
        return self._reasons("-")

    def _reasons(self, sign: str) -> list[str]:
        # Imported here: the classifier package loads jieba, which models alone (migrate, admin) never need.
        from ..ingest.classify.evidence import in_reader_language

        return [in_reader_language(str(item)[1:]) for item in self.kind_evidence if str(item).startswith(sign)]

    @property
    def strength_label(self) -> str:
        return str(MeasureStrength(self.strength).label) if self.strength else ""
