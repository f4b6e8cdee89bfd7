"""Cached aggregates: served from the cache until any write, by anyone, changes the data stamp."""

import pytest
from django.db import connection
from django.test import Client

from measures.aggregates import STAMPED_TABLES, corpus_stamp, ensure_stamp
from measures.models import Category, Label, Measure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_a_warm_list_page_reads_the_stamp_instead_of_counting(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the cached unfiltered list: one stamp read replaces the count, the six facet queries and the picker's."""
    cold = reader.get("/measures/?category=land").context
    with django_assert_num_queries(7):
        warm = reader.get("/measures/?category=land").context
    assert warm["facets"] == cold["facets"] and warm["page"].paginator.count == cold["page"].paginator.count


def test_every_kind_of_write_changes_the_stamp() -> None:
    before = corpus_stamp()
    measure = Measure.objects.measures().filter(labels__isnull=False).first()
    assert measure is not None
    Measure.objects.filter(pk=measure.pk).update(is_measure=False)  # bulk SQL, no signals
    after_update = corpus_stamp()
    Label.objects.filter(measure=measure).delete()
    after_delete = corpus_stamp()
    assert len({before, after_update, after_delete}) == 3


def test_counts_after_a_write_are_the_new_counts(reader: Client) -> None:
    """The cached facets and totals equal a fresh computation after a curator's change."""
    land = Category.objects.get(slug="land")

    def land_count() -> int:
        facets = reader.get("/measures/").context["facets"]["category"]
        return next(item["count"] for item in facets if item["value"] == "land")

    before = land_count()
    unlabelled = Measure.objects.measures().exclude(labels__category=land).first()
    assert unlabelled is not None
    Label.objects.create(measure=unlabelled, category=land, source="curator")
    assert land_count() == before + 1 == Measure.objects.measures().in_category("land").count()


def test_missing_triggers_and_row_are_recreated() -> None:
    assert ensure_stamp(connection) == []
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM measures_corpusstamp")
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER corpus_stamp_measures_label_insert")
        else:
            cursor.execute("DROP TRIGGER corpus_stamp ON measures_label")
    assert corpus_stamp() is None  # nothing is cached without a stamp
    created = ensure_stamp(connection)
    assert "measures_corpusstamp" in created and len(created) == 2
    assert len(STAMPED_TABLES) == 10


@pytest.mark.parametrize(("method", "reads_afresh"), [("get", False), ("head", False), ("post", True)])
def test_a_read_only_request_reads_the_stamp_once(method: str, reads_afresh: bool) -> None:
    """One stamp per GET or HEAD, however many cached parts the page has; a request that may write reads it afresh."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from measures.aggregates import one_stamp_per_request

    seen: list[int | None] = []

    def view(request):  # type: ignore[no-untyped-def]
        seen.append(corpus_stamp())
        Category.objects.filter(slug="land").update(threshold=0.9)  # a write in the middle of the request
        seen.append(corpus_stamp())
        return HttpResponse()

    one_stamp_per_request(view)(getattr(RequestFactory(), method)("/"))
    assert (seen[0] != seen[1]) is reads_afresh
    assert corpus_stamp() != seen[0], "outside a request the stamp is read afresh"
