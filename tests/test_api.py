"""JSON endpoints and the CSV export share the list page's filters."""

import csv
import io

import pytest
from django.test import Client

from measures.models import Category, Document, Industry, Measure, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_measures_json_is_paginated_with_labels_and_their_provenance(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the measures API: category validation, the data stamp and count (cached), the page's ids, its rows,
    labels, tags, quantities."""
    with django_assert_num_queries(8):
        data = reader.get("/api/measures/?category=finance&page_size=5").json()
    assert data["count"] == Measure.objects.measures().in_category("finance").count()
    assert data["pages"] == -(-data["count"] // 5) and data["next"].endswith("page=2")
    first = data["results"][0]
    assert set(first) == {
        "id", "text", "is_measure", "position", "url", "categories", "tags", "strength", "quantities", "document", "region"
    }  # fmt: skip
    finance = next(c for c in first["categories"] if c["slug"] == "finance")
    assert finance["source"] == "machine" and finance["evidence"]


def test_measures_json_page_size_is_bounded_and_validated(reader: Client) -> None:
    assert len(reader.get("/api/measures/?kind=all&page_size=100000").json()["results"]) == 200
    assert reader.get("/api/measures/?page_size=ten").status_code == 400


def test_stop_word_query_gets_a_message_not_the_whole_table(reader: Client) -> None:
    data = reader.get("/api/measures/?q=的").json()
    assert data["count"] == 0 and data["results"] == [] and data["message"]


def test_documents_regions_and_categories(reader: Client) -> None:
    documents = reader.get("/api/documents/").json()
    assert documents["count"] == Document.objects.count() == 5 and documents["pages"] == 1
    yanhu = next(d for d in documents["results"] if d["region"] == "yanhu")
    assert yanhu["date"] == "2024-02-21" and yanhu["measures"] > 0
    regions = reader.get("/api/regions/").json()
    assert {r["code"] for r in regions["results"]} == set(
        Region.objects.with_documents(below=True).values_list("code", flat=True)
    )
    assert {"330000", "330300", "330324"} <= {r["code"] for r in regions["results"]}
    found = reader.get("/api/regions/", {"q": "changxing"}).json()["results"]
    assert "330522" in [r["code"] for r in found]
    categories = reader.get("/api/categories/").json()["results"]
    assert [c["slug"] for c in categories] == list(Category.objects.values_list("slug", flat=True))


def test_each_documents_counts_are_its_sentences_and_measures(reader: Client) -> None:
    """The per-row subqueries give what counting each document's sentences gives."""
    listed = {d["id"]: d for d in reader.get("/api/documents/").json()["results"]}
    for document in Document.objects.all():
        assert listed[document.pk]["sentences"] == document.sentences.count() > 0
        assert listed[document.pk]["measures"] == document.sentences.measures().count()


def test_the_documents_are_paginated_like_the_measures(reader: Client) -> None:
    first = reader.get("/api/documents/?page_size=2").json()
    assert first["count"] == 5 and first["pages"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None and first["next"].endswith("page_size=2&page=2")
    last = reader.get("/api/documents/?page_size=2&page=3").json()
    ids = [d["id"] for d in first["results"] + reader.get(first["next"]).json()["results"] + last["results"]]
    assert ids == sorted(Document.objects.values_list("pk", flat=True))
    assert reader.get("/api/documents/?page_size=two").status_code == 400


def test_csv_export_has_a_bom_and_the_filtered_rows(reader: Client) -> None:
    response = reader.get("/measures.csv?q=布局&kind=all")  # a word with no synonyms (measures.concepts)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffid,text,")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == Measure.objects.filter(text__contains="布局").count()
    assert all("布局" in row["text"] for row in rows)


def test_the_csv_of_a_bounded_search_holds_every_match_not_only_the_lists_window(reader: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The list ranks the newest WINDOW matches; the export lists every match the slow path finds, newest first."""
    from measures import search
    from measures.filters import filterset

    monkeypatch.setattr(search.window, "WINDOW", 4)
    monkeypatch.setattr(filterset, "EXPORT_PAGE", 3)
    query = search.parse_query("产业")
    everything = Measure.objects.search(query).measures().in_category("finance")
    assert everything.count() > 2 * 4, "more than two windows, several export pages"
    response = reader.get("/measures.csv?q=产业&category=finance")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff"))))
    assert [int(row["id"]) for row in rows] == sorted(everything.values_list("pk", flat=True), reverse=True)
    listed = reader.get("/api/measures/?q=产业&category=finance").json()
    assert listed["estimated"] and len(listed["results"]) < len(rows)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/documents/", 4),  # the count; the page's ids; those documents with regions and counts; industries
        ("/api/regions/", 2),  # regions with documents below them; those regions with parents and counts
        ("/api/regions/?q=温州", 2),  # matching units; the same with parents and counts
        ("/api/categories/", 1),  # categories with their measure counts
        ("/measures.csv?kind=all", 4),  # rows with documents and regions; labels, tags, quantities
    ],
)
def test_list_endpoints_query_count_does_not_grow_with_rows(  # type: ignore[no-untyped-def]
    reader: Client, django_assert_num_queries, url: str, queries: int
) -> None:
    """Guards the document, region and category lists and the CSV export against a query per row or per related row."""
    industries = [Industry.objects.create(name=f"产业{i}", slug=f"industry-{i}") for i in range(3)]
    for document in Document.objects.all():
        document.industries.add(*industries)
    with django_assert_num_queries(queries):
        response = reader.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and len(body) > 100
