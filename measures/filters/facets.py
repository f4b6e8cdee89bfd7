"""The counts beside the list: the total, one disjunctive facet per filter, and the region facet as a tree."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet, TextChoices
from django.utils.translation import get_language

from ..aggregates import cached
from ..models import Category, DocumentType, Measure, MeasureQuerySet, MeasureStrength, Region
from .base import FilterSetMixin

if TYPE_CHECKING:
    from ..bounded import Candidates


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


class FacetsMixin(FilterSetMixin):
    """Counts for ``MeasureFilterSet``, which this is mixed into: over its rows, or a bounded search's candidates.

    Reads the filter set's form, ``searching``, ``candidates``, ``estimate()`` and ``_filtered()``.
    """

    if TYPE_CHECKING:

        @property
        def searching(self) -> bool: ...

        @property
        def candidates(self) -> Candidates | None: ...

        def estimate(self, count: int) -> int: ...

        def _filtered(self, queryset: MeasureQuerySet, *, skip: Collection[str]) -> MeasureQuerySet: ...

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


def _labelled(rows: list[dict[str, Any]], choices: type[TextChoices]) -> list[dict[str, Any]]:
    """Facet rows of a choice field, each with its value's label in the reader's language."""
    return [{**row, "label": str(choices(row["value"]).label)} for row in rows]
