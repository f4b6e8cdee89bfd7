"""The measure filters, shared by the list page, the JSON API and the CSV export."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.db.models import Count, F, QuerySet, TextChoices
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .aggregates import cached
from .bounded import FACET_FILTERS, Candidates
from .models import (
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
from .search import SearchQuery, Window, matching_id_pages, parse_query, search_window, within_phrases


class Kind:
    MEASURES = "measures"
    CONTEXT = "context"
    ALL = "all"
    CHOICES = [(MEASURES, _("措施")), (CONTEXT, _("背景")), (ALL, _("全部句子"))]


class Sort:
    RELEVANCE = "relevance"
    DOCUMENT = "document"
    NEWEST = "newest"
    MONEY_DESC = "-money"
    MONEY = "money"
    LAND_DESC = "-land"
    CHOICES = [
        (RELEVANCE, _("相关度")),
        (DOCUMENT, _("文件顺序")),
        (NEWEST, _("最新文件")),
        (MONEY_DESC, _("金额从高到低")),
        (MONEY, _("金额从低到高")),
        (LAND_DESC, _("土地面积从大到小")),
    ]
    # sort value → (quantity kind, descending)
    BY_QUANTITY = {
        MONEY_DESC: (QuantityKind.MONEY, True),
        MONEY: (QuantityKind.MONEY, False),
        LAND_DESC: (QuantityKind.LAND, True),
    }


@dataclass(frozen=True)
class Chip:
    """One active filter value in words, and the URL of the same list without it."""

    name: str
    text: str
    remove_url: str


# Range filters read better as a comparison than as "label：value".
# Matches per page of a bounded search's CSV export: few enough for the first row to come at once.
EXPORT_PAGE = 500
RANGE_CHIPS = {
    "money_min": _("金额 ≥ %(value)s万元"),
    "money_max": _("金额 ≤ %(value)s万元"),
    "land_min": _("土地 ≥ %(value)s亩"),
    "year_min": _("年份 ≥ %(value)s"),
    "year_max": _("年份 ≤ %(value)s"),
}


def _number(value: Any) -> str:
    """``Decimal("1000.0")`` → ``1000``: as a reader would write it."""
    number = Decimal(str(value)).normalize()
    return format(number, "f") if number == number.to_integral() else str(number)


def build_region_tree(rows: list[dict[str, Any]], ancestors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nest per-region counts into province → city → county, each count covering its subtree.

    ``rows`` hold ``path``, ``value`` (slug), ``label`` and ``n`` (rows of that region
    itself); ``ancestors`` the same keys, without ``n``, for the units above them. A
    region's node appears when it or a region below it has rows; children are ordered by
    count, then code. Pure, so the tree is built once from one grouped query.
    """
    nodes: dict[str, dict[str, Any]] = {}
    for unit in [*ancestors, *rows]:
        node = nodes.setdefault(unit["path"], {"children": [], "count": 0})
        node.update(value=unit["value"], label=unit["label"], path=unit["path"])
    for row in rows:
        path = row["path"]
        for end in range(len(path)):
            if path[end] == "/" and path[: end + 1] in nodes:
                nodes[path[: end + 1]]["count"] += row["n"]
    roots: list[dict[str, Any]] = []
    for path in sorted(nodes):
        parent = path[: path.rstrip("/").rfind("/") + 1]
        (nodes[parent]["children"] if parent in nodes else roots).append(nodes[path])

    def ordered(level: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for node in level:
            node["children"] = ordered(node["children"])
        return sorted(level, key=lambda node: (-node["count"], node["path"]))

    return ordered([node for node in roots if node["count"]])


class MeasureFilterSet(django_filters.FilterSet):
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

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.search_query: SearchQuery = parse_query(self.data.get("q", "") if self.data else "")
        self._window: Window | None = None
        self.form.fields["year_min"].widget = forms.NumberInput(attrs={"min": 1900, "max": 2100})
        self.form.fields["year_max"].widget = forms.NumberInput(attrs={"min": 1900, "max": 2100})

    # --- filters --------------------------------------------------------------------

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

    def filter_search(self, queryset: MeasureQuerySet, name: str, value: str) -> QuerySet[Measure]:
        return queryset.search(self.search_query, self.window) if value.strip() else queryset

    def filter_category(self, queryset: MeasureQuerySet, name: str, value: list[Category]) -> QuerySet[Measure]:
        return queryset.in_category(*(c.slug for c in value)) if value else queryset

    def filter_region(self, queryset: MeasureQuerySet, name: str, value: Region | None) -> QuerySet[Measure]:
        return queryset.in_region(value) if value else queryset

    def filter_strength(self, queryset: MeasureQuerySet, name: str, value: list[str]) -> QuerySet[Measure]:
        return queryset.of_strength(*value) if value else queryset

    def filter_has(self, queryset: MeasureQuerySet, name: str, value: list[str]) -> QuerySet[Measure]:
        for kind in value:
            queryset = queryset.stating(kind)
        return queryset

    def filter_money_min(self, queryset: MeasureQuerySet, name: str, value: Any) -> QuerySet[Measure]:
        return queryset.stating(QuantityKind.MONEY, at_least=float(value)) if value is not None else queryset

    def filter_money_max(self, queryset: MeasureQuerySet, name: str, value: Any) -> QuerySet[Measure]:
        return queryset.stating(QuantityKind.MONEY, at_most=float(value)) if value is not None else queryset

    def filter_land_min(self, queryset: MeasureQuerySet, name: str, value: Any) -> QuerySet[Measure]:
        return queryset.stating(QuantityKind.LAND, at_least=float(value)) if value is not None else queryset

    def filter_kind(self, queryset: MeasureQuerySet, name: str, value: str) -> QuerySet[Measure]:
        return queryset  # applied in filter_queryset, where the default (measures only) lives

    def sort_results(self, queryset: MeasureQuerySet, name: str, value: str) -> QuerySet[Measure]:
        return queryset  # applied last, in filter_queryset

    def filter_queryset(self, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        return self._filtered(queryset, skip=())

    def _filtered(self, queryset: QuerySet[Measure], *, skip: Collection[str]) -> QuerySet[Measure]:
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        kind = data.get("kind") or Kind.MEASURES
        if kind == Kind.MEASURES:
            queryset = queryset.measures()  # type: ignore[attr-defined]
        elif kind == Kind.CONTEXT:
            queryset = queryset.context()  # type: ignore[attr-defined]
        return self._ordered(queryset, data.get("sort") or "")

    def _ordered(self, queryset: QuerySet[Measure], sort: str) -> QuerySet[Measure]:
        if sort == Sort.NEWEST:
            # Undated documents last on PostgreSQL too (it sorts NULLs first when descending).
            return queryset.order_by(F("document__date").desc(nulls_last=True), "document_id", "position")
        if sort in Sort.BY_QUANTITY:
            kind, descending = Sort.BY_QUANTITY[sort]
            largest = F(f"largest_{kind}")
            order = largest.desc(nulls_last=True) if descending else largest.asc(nulls_last=True)
            return queryset.with_largest(kind).order_by(order, "document_id", "position")  # type: ignore[attr-defined,no-any-return]
        if self.searching and sort in (Sort.RELEVANCE, ""):
            return queryset.order_by("-relevance", "document_id", "position")
        return queryset.order_by("document_id", "position")

    # --- facets ---------------------------------------------------------------------

    def cache_key(self) -> tuple[object, ...]:
        """What the counts depend on besides the data: every filter value, and the language."""
        data = self.form.cleaned_data
        values = sorted(
            (name, str(sorted(str(v) for v in value) if isinstance(value, list | QuerySet) else value))
            for name, value in data.items()
            if name != "sort"
        )
        return (get_language(), *values)

    def count(self) -> int:
        """How many rows the filters give: cached until the data changes when there is no text query."""
        if self.candidates is not None:
            return len(self.candidates.passing())
        if self.searching:
            return self.qs.count()
        return cached("count", self.qs.count, *self.cache_key())

    def facets(self) -> dict[str, list[dict[str, Any]]]:
        """Counts beside each filter value, computed as if that filter were not set.

        So ticking one category shows how many more the others would add, as in
        Datasette and most search UIs ("disjunctive" facets). One query per facet;
        without a text query, cached until the data changes (``measures.aggregates``).
        """
        if self.searching:
            return self._facets() if self.candidates is None else self._bounded_facets()
        return cached("facets", self._facets, *self.cache_key())

    def _facets(self) -> dict[str, list[dict[str, Any]]]:
        base = self.queryset

        def without(name: str) -> QuerySet[Measure]:
            return self._filtered(base, skip=(name,)).order_by()

        # Grouped straight over the filtered rows: no "pk IN (subquery)" nesting, which
        # PostgreSQL can plan disastrously when statistics are missing.
        categories = (
            without("category")
            .filter(labels__rejected=False)
            .values("labels__category")
            .annotate(n=Count("pk", distinct=True))
        )
        category_counts = {row["labels__category"]: row["n"] for row in categories}
        return {
            "category": self._category_facet(category_counts),
            **self._region_facets(without("region")),
            "doc_type": _labelled(self._facet(without("doc_type"), "document__doc_type", None), DocumentType),
            "industry": self._facet(without("industry"), "document__industries__slug", "document__industries__name"),
            "tag": self._facet(without("tag"), "tags__slug", "tags__name"),
            "strength": _labelled(
                self._facet(without("strength").exclude(strength=""), "strength", None), MeasureStrength
            ),
        }

    def _region_facets(self, rows: QuerySet[Measure]) -> dict[str, list[dict[str, Any]]]:
        """The flat region facet (documents' own regions) and the same counts as a tree.

        One grouped query for the counts, one for the names of the units above them; the
        subtree sums are added up in Python (a measure has one document, so one region).
        """
        return self._region_tree(
            [
                {
                    "path": row["document__region__path"],
                    "value": row["document__region__slug"],
                    "label": row["document__region__name"],
                    "n": row["n"],
                }
                for row in rows.filter(document__region__isnull=False)
                .values("document__region__path", "document__region__slug", "document__region__name")
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n", "document__region__slug")
            ]
        )

    def _category_facet(self, counts: Mapping[int, int]) -> list[dict[str, Any]]:
        """Every category, in order, with its count (by category id) as this page states counts."""
        return [
            {
                "value": c.slug,
                "label": c.name,  # in the reader's language, as every other facet's label
                "color": c.color,
                "count": self.estimate(counts.get(c.pk, 0)),
            }
            for c in Category.objects.all()
        ]

    def _region_tree(self, counts: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        own = {row["path"] for row in counts}
        above = {row["path"][: end + 1] for row in counts for end, c in enumerate(row["path"]) if c == "/"} - own
        ancestors = (
            [
                {"path": unit["path"], "value": unit["slug"], "label": unit["name"]}
                for unit in Region.objects.filter(path__in=above).values("path", "slug", "name")
            ]
            if above
            else []
        )
        tree = build_region_tree(counts, ancestors)
        selected = self.form.cleaned_data.get("region")
        # Unfold the way down to the selected region, or the only province there is.
        unfold = selected.path if selected else (tree[0]["path"] if len(tree) == 1 else "")

        def estimated(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [
                {
                    **node,
                    "count": self.estimate(node["count"]),
                    "open": bool(unfold) and unfold.startswith(node["path"]),
                    "children": estimated(node["children"]),
                }
                for node in nodes
            ]

        return {
            "region": [
                {"value": row["value"], "label": row["label"], "count": self.estimate(row["n"])} for row in counts
            ],
            "region_tree": estimated(tree),
        }

    def _facet(self, rows: QuerySet[Measure], value: str, label: str | None) -> list[dict[str, Any]]:
        fields = [value, label] if label else [value]
        counts = (
            rows.filter(**{f"{value}__isnull": False})
            .values(*fields)
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", value)
        )
        return [
            {"value": row[value], "label": row[label] if label else row[value], "count": self.estimate(row["n"])}
            for row in counts
        ]

    def export_pages(self) -> Iterator[QuerySet[Measure]]:
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

    def _bounded_facets(self) -> dict[str, list[dict[str, Any]]]:
        """``_facets()`` counted over a bounded search's candidates: same counts, same order."""
        assert self.candidates is not None
        counts = self.candidates.facet_counts()

        def listed(name: str, label: dict[Any, Any] | None = None) -> list[dict[str, Any]]:
            return [
                {"value": value, "label": label[value] if label else value, "count": self.estimate(n)}
                for value, n in counts[name]
            ]

        return {
            "category": self._category_facet(counts["category"]),
            **self._region_tree(counts["region"]),
            "doc_type": _labelled(listed("doc_type"), DocumentType),
            "industry": listed("industry", counts["names"]["industry"]),
            "tag": listed("tag", counts["names"]["tag"]),
            "strength": _labelled(listed("strength"), MeasureStrength),
        }

    def selected(self, name: str) -> set[str]:
        """The values of a filter as they appear in the URL (slugs, ids)."""
        if not self.data:
            return set()
        return set(self.data.getlist(name)) if hasattr(self.data, "getlist") else {self.data.get(name)}

    # --- active filters in words ------------------------------------------------------

    def chips(self, base_url: str) -> list[Chip]:
        """Each active filter value in words ("地区：浙江省"), linking to ``base_url`` without it.

        Call after validation. Multi-valued filters give one chip per value, whose link
        drops that value only; every link keeps the other filters and drops ``page``.
        """
        if not self.data:
            return []
        data = self.data if isinstance(self.data, QueryDict) else _querydict(self.data)
        cleaned = self.form.cleaned_data
        chips: list[Chip] = []
        for name, field in self.filters.items():
            if name == "sort" or name not in cleaned:
                continue
            words = self._words(name, cleaned[name], field)
            for raw in data.getlist(name):
                raw = str(raw).strip()
                if not raw or raw not in words:
                    continue
                params = data.copy()
                params.pop("page", None)
                params.setlist(name, [v for v in params.getlist(name) if str(v).strip() != raw])
                query = params.urlencode()
                chips.append(Chip(name=name, text=words[raw], remove_url=f"{base_url}?{query}" if query else base_url))
        return chips

    def _words(self, name: str, value: Any, field: django_filters.Filter) -> dict[str, str]:
        """URL value → the chip's words, for the values that validated."""
        label = str(field.label)

        def said(text: object) -> str:
            return gettext("%(label)s：%(value)s") % {"label": label, "value": text}

        if value in (None, "", []):
            return {}
        if name in RANGE_CHIPS:
            return {raw: str(RANGE_CHIPS[name]) % {"value": _number(value)} for raw in self._raw(name)}
        if name == "q":
            return {raw: said(raw) for raw in self._raw(name)}
        if name == "category":
            return {c.slug: said(c.name) for c in value}
        if name == "tag":
            return {t.slug: said(t.name) for t in value}
        if name in ("region", "industry"):
            return {value.slug: said(value.name)}
        if name == "document":
            return {str(value.pk): said(value.title)}
        choices = {str(key): text for key, text in field.extra.get("choices", [])}
        values = value if isinstance(value, list) else [value]
        return {str(v): said(choices.get(str(v), v)) for v in values}

    def _raw(self, name: str) -> list[str]:
        data = self.data
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [str(v).strip() for v in values if v is not None and str(v).strip()]


def _labelled(rows: list[dict[str, Any]], choices: type[TextChoices]) -> list[dict[str, Any]]:
    """Facet rows of a choice field, each with its value's label in the reader's language."""
    return [{**row, "label": str(choices(row["value"]).label)} for row in rows]


def _querydict(data: Any) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, value in data.items():
        params.setlist(key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)])
    return params
