"""A bounded search's candidates, fetched once, then counted, faceted and ranked in Python.

A text search on SQLite considers at most ``search.window.WINDOW`` matches. Instead of asking the
database for the count, the page of ids and one grouped query per facet — each matching the
text again and joining every row to its document, whose region SQLite stores after its two
long texts — the candidates (the matches that pass every filter without a facet) are read
once with their relevance and labels (then, only if facets or facet filters ask for them,
their tags and their documents' attributes), and every number is counted over them: each facet over the candidates that pass every active
facet filter but its own, the count and the ranked page over those that pass them all. The
results equal the grouped queries' (``tests/test_views_measure_list.py`` compares them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import FilteredRelation, Q, QuerySet

from .models import Document, Measure, Region

# The filters that have a facet: each facet counts as if its own filter were off.
FACET_FILTERS = ("category", "region", "doc_type", "industry", "tag", "strength")


@dataclass(frozen=True)
class Candidate:
    pk: int
    document: int
    position: int
    strength: str
    relevance: float


class Candidates:
    """The candidates of ``rows`` (a search, filtered by everything but the facet filters)."""

    def __init__(self, rows: QuerySet[Measure], chosen: dict[str, Any]) -> None:
        self.rows: dict[int, Candidate] = {}
        self.categories: dict[int, set[int]] = defaultdict(set)
        labelled = rows.order_by().annotate(applied=FilteredRelation("labels", condition=Q(labels__rejected=False)))
        for pk, document, position, strength, relevance, category in labelled.values_list(
            "pk", "document_id", "position", "strength", "relevance", "applied__category"
        ):
            if pk not in self.rows:
                self.rows[pk] = Candidate(pk, document, position, strength, relevance)
            if category is not None:
                self.categories[pk].add(category)
        self.tests = self._tests(chosen)

    # Read only when a facet or an active facet filter needs them (the API's count and order do not).

    @cached_property
    def tags(self) -> dict[int, set[tuple[str, str]]]:
        tags: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for pk, slug, name in Measure.tags.through.objects.filter(measure_id__in=list(self.rows)).values_list(
            "measure_id", "tag__slug", "tag__name"
        ):
            tags[pk].add((slug, name))
        return tags

    @cached_property
    def documents(self) -> set[int]:
        return {row.document for row in self.rows.values()}

    @cached_property
    def industries(self) -> dict[int, set[tuple[str, str]]]:
        industries: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for document, slug, name in Document.industries.through.objects.filter(
            document_id__in=self.documents
        ).values_list("document_id", "industry__slug", "industry__name"):
            industries[document].add((slug, name))
        return industries

    @cached_property
    def doc_types(self) -> dict[int, str]:
        return dict(Document.objects.filter(pk__in=self.documents).values_list("pk", "doc_type"))

    @cached_property
    def region_of(self) -> dict[int, int]:
        """Each candidate document's region id, read off the region index (no document row is visited)."""
        documents = self.documents
        return {
            pk: region for pk, region in Document.objects.order_by().values_list("pk", "region_id") if pk in documents
        }

    @cached_property
    def regions(self) -> dict[int, tuple[str, str, str]]:
        return {
            pk: (path, slug, name)
            for pk, path, slug, name in Region.objects.filter(pk__in=set(self.region_of.values())).values_list(
                "pk", "path", "slug", "name"
            )
        }

    def _tests(self, chosen: dict[str, Any]) -> dict[str, Callable[[Candidate], bool]]:
        """One test per active facet filter (same meaning as the filter's SQL)."""
        tests: dict[str, Callable[[Candidate], bool]] = {}
        if chosen.get("category"):
            wanted = {category.pk for category in chosen["category"]}
            tests["category"] = lambda row: bool(self.categories[row.pk] & wanted)
        if region := chosen.get("region"):
            tests["region"] = lambda row: self.regions[self.region_of[row.document]][0].startswith(region.path)
        if doc_type := chosen.get("doc_type"):
            tests["doc_type"] = lambda row: self.doc_types[row.document] == doc_type
        if industry := chosen.get("industry"):
            tests["industry"] = lambda row: any(slug == industry.slug for slug, _n in self.industries[row.document])
        if chosen.get("tag"):
            slugs = {tag.slug for tag in chosen["tag"]}
            tests["tag"] = lambda row: any(slug in slugs for slug, _n in self.tags[row.pk])
        if strengths := chosen.get("strength"):
            tests["strength"] = lambda row: row.strength in strengths
        return tests

    def passing(self, skip: str | None = None) -> list[Candidate]:
        """The candidates that pass every active facet filter except ``skip``."""
        tests = [test for name, test in self.tests.items() if name != skip]
        return [row for row in self.rows.values() if all(test(row) for test in tests)]

    def ranked(self) -> list[int]:
        """Ids of the candidates that pass every filter, by relevance, then in document order."""
        return [row.pk for row in sorted(self.passing(), key=lambda r: (-r.relevance, r.document, r.position))]

    def facet_counts(self) -> dict[str, Any]:
        """Per facet, how many candidates carry each value (counted as if that facet's filter were off)."""

        def counted(values: Iterable[Any]) -> list[tuple[Any, int]]:
            return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))

        by_region = Counter(self.region_of[row.document] for row in self.passing("region"))
        return {
            "category": Counter(c for row in self.passing("category") for c in self.categories[row.pk]),
            "region": sorted(
                (
                    {"path": path, "value": slug, "label": name, "n": by_region[pk]}
                    for pk, (path, slug, name) in self.regions.items()
                    if by_region[pk]
                ),
                key=lambda row: (-row["n"], row["value"]),
            ),
            "doc_type": counted(self.doc_types[row.document] for row in self.passing("doc_type")),
            "industry": counted(s for row in self.passing("industry") for s, _n in self.industries[row.document]),
            "tag": counted(s for row in self.passing("tag") for s, _n in self.tags[row.pk]),
            "strength": counted(row.strength for row in self.passing("strength") if row.strength),
            "names": {
                "industry": {s: n for names in self.industries.values() for s, n in names},
                "tag": {s: n for names in self.tags.values() for s, n in names},
            },
        }
