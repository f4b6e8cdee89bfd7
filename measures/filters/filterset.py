"""``MeasureFilterSet``: the list's GET parameters, the filters and order they apply, the text search they run."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import django_filters
from django import forms
from django.db.models import F
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..bounded import FACET_FILTERS, Candidates
from ..models import (
    Category,
    Document,
    DocumentType,
    Industry,
    Measure,
    MeasureQuerySet,
    MeasureStrength,
    QuantityKind,
    Region,
    Tag,
)
from ..search import SearchQuery, Window, matching_id_pages, parse_query, search_window, within_phrases
from .base import FilterSet
from .chips import ChipsMixin
from .choices import Kind, Sort
from .facets import FacetsMixin

# Matches per page of a bounded search's CSV export: few enough for the first row to come at once.
EXPORT_PAGE = 500


class MeasureFilterSet(FacetsMixin, ChipsMixin, FilterSet):
    """Every filter lives in GET parameters, so each view of the list is a shareable URL."""

    q = django_filters.CharFilter(label=_("全文检索"), method="filter_search")
    category = django_filters.ModelMultipleChoiceFilter(
        label=_("类别"), queryset=Category.objects.all(), to_field_name="slug", method="filter_category"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("地区"), queryset=Region.objects.all(), to_field_name="slug", method="filter_region"
    )
    document = django_filters.ModelChoiceFilter(label=_("文件"), queryset=Document.objects.only("id", "title"))
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("标签"), queryset=Tag.objects.all(), to_field_name="slug", field_name="tags__slug", distinct=True
    )
    industry = django_filters.ModelChoiceFilter(
        label=_("产业"), queryset=Industry.objects.all(), to_field_name="slug", field_name="document__industries"
    )
    doc_type = django_filters.ChoiceFilter(
        label=_("文件类型"), choices=DocumentType.choices, field_name="document__doc_type"
    )
    year_min = django_filters.NumberFilter(
        label=_("起始年份"), field_name="document__date__year", lookup_expr="gte", min_value=1900, max_value=2100
    )
    year_max = django_filters.NumberFilter(
        label=_("截止年份"), field_name="document__date__year", lookup_expr="lte", min_value=1900, max_value=2100
    )
    kind = django_filters.ChoiceFilter(
        label=_("句子类型"), choices=Kind.CHOICES, method="filter_kind", empty_label=None
    )
    strength = django_filters.MultipleChoiceFilter(
        label=_("力度"), choices=MeasureStrength.choices, method="filter_strength"
    )
    has = django_filters.MultipleChoiceFilter(label=_("含有数量"), choices=QuantityKind.choices, method="filter_has")
    money_min = django_filters.NumberFilter(
        label=_("金额不少于（万元）"), method="filter_money_min", min_value=0, max_value=1e12
    )
    money_max = django_filters.NumberFilter(
        label=_("金额不超过（万元）"), method="filter_money_max", min_value=0, max_value=1e12
    )
    land_min = django_filters.NumberFilter(
        label=_("土地不少于（亩）"), method="filter_land_min", min_value=0, max_value=1e12
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"), choices=Sort.CHOICES, method="sort_results", empty_label=_("默认（检索时按相关度）")
    )

    class Meta:
        model = Measure
        fields: list[str] = []

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.search_query: SearchQuery = parse_query(self.data.get("q", "") if self.data else "")
        self._window: Window | None = None
        self.form.fields["year_min"].widget = forms.NumberInput(attrs={"min": 1900, "max": 2100})
        self.form.fields["year_max"].widget = forms.NumberInput(attrs={"min": 1900, "max": 2100})

    @property
    def window(self) -> Window:
        """Which matches of the text query this search considers (exact unless there are very many)."""
        if self._window is None:
            self._window = search_window(self.search_query)
        return self._window

    @cached_property
    def searching(self) -> bool:
        """Whether a text query that can run was given (not blank, not only stop words)."""
        return bool(self.data and str(self.data.get("q", "")).strip()) and not self.search_query.is_empty

    @property
    def search_problem(self) -> str | None:
        """Why the given text query cannot run (only stop words, say): answered with a message, not an error."""
        given = bool(self.data and str(self.data.get("q", "")).strip())
        return self.search_query.problem if given else None

    def estimate(self, count: int) -> int:
        """A count over the considered matches, scaled to all of them when the search is bounded."""
        return self.window.estimate(count) if self.searching else count

    @property
    def is_estimate(self) -> bool:
        return self.searching and not self.window.is_exact

    def filter_search(self, queryset: MeasureQuerySet, name: str, value: str) -> MeasureQuerySet:
        return queryset.search(self.search_query, self.window) if value.strip() else queryset

    def filter_category(self, queryset: MeasureQuerySet, name: str, value: list[Category]) -> MeasureQuerySet:
        return queryset.in_category(*(c.slug for c in value)) if value else queryset

    def filter_region(self, queryset: MeasureQuerySet, name: str, value: Region | None) -> MeasureQuerySet:
        return queryset.in_region(value) if value else queryset

    def filter_strength(self, queryset: MeasureQuerySet, name: str, value: list[str]) -> MeasureQuerySet:
        return queryset.of_strength(*value) if value else queryset

    def filter_has(self, queryset: MeasureQuerySet, name: str, value: list[str]) -> MeasureQuerySet:
        for kind in value:
            queryset = queryset.stating(kind)
        return queryset

    def filter_money_min(self, queryset: MeasureQuerySet, name: str, value: Any) -> MeasureQuerySet:
        return queryset.stating(QuantityKind.MONEY, at_least=float(value)) if value is not None else queryset

    def filter_money_max(self, queryset: MeasureQuerySet, name: str, value: Any) -> MeasureQuerySet:
        return queryset.stating(QuantityKind.MONEY, at_most=float(value)) if value is not None else queryset

    def filter_land_min(self, queryset: MeasureQuerySet, name: str, value: Any) -> MeasureQuerySet:
        return queryset.stating(QuantityKind.LAND, at_least=float(value)) if value is not None else queryset

    def filter_kind(self, queryset: MeasureQuerySet, name: str, value: str) -> MeasureQuerySet:
        return queryset  # applied in filter_queryset, where the default (measures only) lives

    def sort_results(self, queryset: MeasureQuerySet, name: str, value: str) -> MeasureQuerySet:
        return queryset  # applied last, in filter_queryset

    def filter_queryset(self, queryset: MeasureQuerySet) -> MeasureQuerySet:
        return self._filtered(queryset, skip=())

    def _filtered(self, queryset: MeasureQuerySet, *, skip: Collection[str]) -> MeasureQuerySet:
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        kind = data.get("kind") or Kind.MEASURES
        if kind == Kind.MEASURES:
            queryset = queryset.measures()
        elif kind == Kind.CONTEXT:
            queryset = queryset.context()
        return self._ordered(queryset, data.get("sort") or "")

    def _ordered(self, queryset: MeasureQuerySet, sort: str) -> MeasureQuerySet:
        if sort == Sort.NEWEST:
            # Undated documents last on PostgreSQL too (it sorts NULLs first when descending).
            return queryset.order_by(F("document__date").desc(nulls_last=True), "document_id", "position")
        if sort in Sort.BY_QUANTITY:
            kind, descending = Sort.BY_QUANTITY[sort]
            largest = F(f"largest_{kind}")
            order = largest.desc(nulls_last=True) if descending else largest.asc(nulls_last=True)
            return queryset.with_largest(kind).order_by(order, "document_id", "position")
        if self.searching and sort in (Sort.RELEVANCE, ""):
            # F(), not "-relevance": the same ORDER BY, and django-stubs checks names in strings against fields.
            return queryset.order_by(F("relevance").desc(), "document_id", "position")
        return queryset.order_by("document_id", "position")

    @cached_property
    def candidates(self) -> Candidates | None:
        """A bounded search's candidates (``measures.bounded``); None when the search is not bounded."""
        if not (self.searching and self.window.bounded):
            return None
        return Candidates(self._filtered(self.queryset, skip=FACET_FILTERS), self.form.cleaned_data)

    def ranked_ids(self) -> list[int] | None:
        """The ids in relevance order, when a bounded search is ordered by relevance (else None: use ``qs``)."""
        if self.candidates is None or (self.form.cleaned_data.get("sort") or Sort.RELEVANCE) != Sort.RELEVANCE:
            return None
        return self.candidates.ranked()

    def export_pages(self) -> Iterator[MeasureQuerySet]:
        """Every filtered row, for the CSV export, as consecutive querysets.

        Without a search, or with an exact one, the list's rows in the list's order. A bounded
        search's list shows only the newest ``WINDOW`` matches; the export takes every match,
        ``EXPORT_PAGE`` at a time (``matching_id_pages``), newest first: ranking them all before
        the first row would hold back the download.
        """
        if not self.searching or self.window.is_exact:
            yield self.qs
            return
        # The ids already match the words; the other filters and the phrases still apply.
        data = self.data.copy()
        data.pop("q")
        others = type(self)(data, queryset=self.queryset)
        others.is_valid()
        for ids in matching_id_pages(self.search_query, EXPORT_PAGE):
            page = others._filtered(self.queryset.filter(pk__in=ids), skip=())
            yield within_phrases(page, self.search_query).order_by("-pk")
