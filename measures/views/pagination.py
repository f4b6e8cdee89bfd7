"""Paging measure lists: the database orders light rows, one query hydrates the page."""

from __future__ import annotations

from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from ..filters import MeasureFilterSet
from ..models import Measure, MeasureQuerySet

PAGE_SIZE = 25


class CountedPaginator(Paginator[int]):
    """A paginator of ids told their count (e.g. a cached one) instead of counting the rows itself."""

    def __init__(self, object_list: list[int] | QuerySet[Measure, int], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def measure_page(rows: MeasureQuerySet | list[int], *, per_page: int, count: int, number: str | None) -> Page[Measure]:
    """One page of ``rows`` (ordered; or their ids, already ordered), each measure with what ``for_list()`` loads.

    Paginates the ids (the database orders and skips light rows, answered from indexes
    where it can), then hydrates that page in one query plus the prefetches, in the same order.
    """
    ids_in_order = rows if isinstance(rows, list) else rows.values_list("pk", flat=True)
    page = CountedPaginator(ids_in_order, per_page, count=count).get_page(number)
    ids = list(page.object_list)
    found = Measure.objects.filter(pk__in=ids).for_list().in_bulk()
    # The same page (its paginator counted ids), holding their measures from here on.
    hydrated = cast("Page[Measure]", page)
    hydrated.object_list = [found[pk] for pk in ids if pk in found]
    return hydrated


def filtered_page(filterset: MeasureFilterSet, *, per_page: int, number: str | None) -> Page[Measure]:
    """One page of a validated filterset's rows: relevance-ranked ids for a bounded search, else its ordered rows."""
    ranked = filterset.ranked_ids()
    rows = filterset.qs if ranked is None else ranked
    return measure_page(rows, per_page=per_page, count=filterset.count(), number=number)
