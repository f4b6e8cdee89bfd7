"""Querying the index: which matches of a query a search considers (the window), and the
filtered, relevance-annotated queryset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import F

if TYPE_CHECKING:
    from ..models import MeasureQuerySet
from .index import PG_CONFIG, MeasureFts
from .query import SearchQuery, fts5_expression, tsquery_expression

# Ranking and counting a word found in half of a million sentences costs seconds in any
# engine. Past WINDOW matches, a search considers only the newest WINDOW matches (by
# id, which the index walks in order at almost no cost): ranking, counts and facets then
# cost the same whatever the corpus size, and counts are scaled up and shown as estimates.
WINDOW = 2000

# Counting every match of a word found in half of a million sentences walks its whole
# index entry (35 ms there). Past COUNT_CAP matches the total is extrapolated instead: the
# newest COUNT_CAP matches fill a span of ids as densely as the corpus is taken to.
COUNT_CAP = 20_000


@dataclass(frozen=True)
class Window:
    """Which matches of a query a search considers.

    ``since_id`` None: every match (exact). Otherwise only matches with an id at least
    ``since_id`` — the newest ``WINDOW`` of ``matches`` — and counts over them are scaled by
    ``scale`` to estimate the whole. ``matches`` itself is extrapolated (``matches_exact``
    False) past ``COUNT_CAP``. ``bounded``: measured by ``search_window`` (on SQLite and
    PostgreSQL alike), so a search never considers more than ``WINDOW`` matches.
    """

    matches: int
    since_id: int | None = None
    matches_exact: bool = True
    # At most WINDOW matches are ever considered (so facets may be counted over them in Python).
    bounded: bool = False

    @property
    def is_exact(self) -> bool:
        return self.since_id is None

    @property
    def scale(self) -> float:
        return 1.0 if self.since_id is None else self.matches / WINDOW

    def estimate(self, count: int) -> int:
        """``count`` over the window scaled to the whole, rounded to two significant figures.

        >>> Window(matches=50_000, since_id=1).estimate(1234)  # 1234 of the newest 2,000 of 50,000
        31000
        >>> Window(matches=10).estimate(3)
        3
        """
        if self.is_exact or count == 0:
            return count
        return _two_figures(count * self.scale)


def _two_figures(value: float) -> int:
    digits = max(0, len(str(int(value))) - 2)
    return int(round(value, -digits))


def extrapolate_matches(*, counted: int, oldest_counted: int, newest: int, first_id: int) -> int:
    """All matches, from ``counted`` matches found among ids ``oldest_counted``..``newest``,
    taken to be as dense over every id from ``first_id`` (two significant figures).

    >>> extrapolate_matches(counted=20_000, oldest_counted=960_001, newest=1_000_000, first_id=1)
    500000
    """
    span = max(1, newest - oldest_counted + 1)
    return _two_figures(counted * max(span, newest - first_id + 1) / span)


def search_window(query: SearchQuery) -> Window:
    """How many sentences match ``query`` (before any filter), and which of them to consider.

    A count that stops at COUNT_CAP + 1, then the id of the WINDOW-th newest match, and past
    COUNT_CAP the ids the extrapolation needs. On SQLite these are index-only queries on the
    FTS table (it walks matches in id order); on PostgreSQL the GIN index finds the matches
    and only their ids are sorted, so ``ts_rank`` is computed for WINDOW rows at most.
    """
    if query.is_empty:
        return Window(matches=0)
    newest = _matching_ids(query)
    counted = newest[: COUNT_CAP + 1].count()
    if counted <= WINDOW:
        return Window(matches=counted, bounded=True)
    boundary = newest[WINDOW - 1]
    if counted <= COUNT_CAP:
        return Window(matches=counted, since_id=boundary, bounded=True)
    first_id = _first_id()
    total = extrapolate_matches(
        counted=COUNT_CAP, oldest_counted=newest[COUNT_CAP - 1], newest=newest[0], first_id=first_id
    )
    return Window(matches=max(total, COUNT_CAP), since_id=boundary, matches_exact=False, bounded=True)


def _matching_ids(query: SearchQuery, *, before: int | None = None) -> Any:
    """Ids of every sentence matching ``query`` (below ``before`` if given), newest first (a lazy query)."""
    if connection.vendor == "postgresql":
        from ..models import Measure

        matches = _postgres_match(Measure.objects.all(), query)
        if before is not None:
            matches = matches.filter(pk__lt=before)
        return matches.order_by("-pk").values_list("pk", flat=True)
    matches = MeasureFts.objects.filter(search_tokens__match=fts5_expression(query))
    if before is not None:
        matches = matches.filter(measure__lt=before)
    return matches.order_by("-measure").values_list("measure", flat=True)


def matching_id_pages(query: SearchQuery, size: int) -> Iterator[list[int]]:
    """The ids of every sentence matching ``query``, newest first, ``size`` at a time.

    Keyset pages over the index (ids below the last page's), so each page costs the same
    however deep it is and the first comes at once, even for a word in half of all rows.
    """
    before: int | None = None
    while True:
        page = list(_matching_ids(query, before=before)[:size])
        if page:
            yield page
        if len(page) < size:
            return
        before = page[-1]


def _first_id() -> int:
    from ..models import Measure

    return int(Measure.objects.order_by("pk").values_list("pk", flat=True)[0])


def _postgres_match(queryset: Any, query: SearchQuery, *, rank: bool = False) -> Any:
    from django.contrib.postgres.search import SearchQuery as TsQuery
    from django.contrib.postgres.search import SearchRank

    tsquery = TsQuery(tsquery_expression(query), search_type="raw", config=PG_CONFIG)
    queryset = queryset.filter(search_vector=tsquery)
    return queryset.annotate(relevance=SearchRank(F("search_vector"), tsquery)) if rank else queryset


def filter_measures(queryset: MeasureQuerySet, query: SearchQuery, window: Window | None = None) -> MeasureQuerySet:
    """Restrict ``queryset`` (of Measure) to matches, annotated with ``relevance`` (higher is better).

    With a ``window`` that is not exact, only the matches it covers (see ``search_window``).
    """
    if query.is_empty:
        return queryset.none()
    since = window.since_id if window is not None else None
    if connection.vendor == "postgresql":
        if since is not None:
            queryset = queryset.filter(pk__gte=since)
        queryset = _postgres_match(queryset, query, rank=True)
    else:
        if since is not None:
            queryset = queryset.filter(fts_entry__measure__gte=since)
        # Joined to the FTS5 table on rowid: one MATCH for the whole query, and bm25
        # (``rank``, lower is better) read off the same row.
        queryset = queryset.filter(fts_entry__search_tokens__match=fts5_expression(query)).annotate(
            relevance=-F("fts_entry__rank")
        )
    return within_phrases(queryset, query)


def within_phrases(queryset: MeasureQuerySet, query: SearchQuery) -> MeasureQuerySet:
    """Keep the sentences holding each quoted phrase of ``query`` verbatim (the index knows words, not runs of them)."""
    for phrase in query.phrases:
        queryset = queryset.filter(text__contains=phrase)
    return queryset
