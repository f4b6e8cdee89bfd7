"""The comparison pages: grid, bad parameters, CSV, matrix, peers and query counts."""

import csv
import io

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_compare_page_shows_columns_mix_and_plain_gaps(reader: Client) -> None:
    page = reader.get("/compare/?regions=yongjia,yanhu,dawa").content.decode()
    assert "永嘉县" in page and "盐湖区" in page and "大洼县" in page
    assert "<svg" in page and "政策组合相似度" in page
    assert "大洼县的文件中没有品牌方面的措施。" in page
    assert "独有" in page and "↔" in page


def test_repeated_and_comma_separated_parameters_are_the_same_view(reader: Client) -> None:
    def grid(url: str) -> str:
        page = reader.get(url).content.decode()
        return page[page.index('<table class="compare-grid">') :]

    assert grid("/compare/?regions=yongjia&regions=yanhu") == grid("/compare/?regions=yongjia,yanhu")


@pytest.mark.parametrize(
    "query",
    ["regions=yongjia", "regions=yongjia,atlantis", "regions=a,b,c,d,e", "regions=", "regions=yongjia,yongjia",
     "documents=1", "documents=1,abc", "documents=1,99999", "regions=yongjia,yanhu&documents=1,2",
     "documents=1,99999999999999999999", "documents=²,1", "documents=１,2", "documents=-1,2", "regions=%00,yanhu"],
)  # fmt: skip
def test_bad_parameters_get_a_message_on_the_page(reader: Client, query: str) -> None:
    response = reader.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert 'class="notice notice--error"' in response.content.decode()
    assert reader.get(f"/compare/export.csv?{query}").status_code == 400


def test_the_bare_page_offers_the_picker(reader: Client) -> None:
    page = reader.get("/compare/").content.decode()
    assert 'name="regions" value="yongjia"' in page


def test_compare_query_count_does_not_grow_with_rows(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the compare page: columns, categories, per column its first ids and one aggregate of its
    counts, then every column's rows with labels in two queries, and the picker — never one per measure."""
    with django_assert_num_queries(10):
        assert reader.get("/compare/?regions=yongjia,yanhu").status_code == 200
    with django_assert_num_queries(14):
        assert reader.get("/compare/?regions=yongjia,yanhu,dawa,xiangyangqu").status_code == 200


def test_a_large_column_shows_its_first_measures_but_counts_them_all(reader: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The grid is bounded; totals and policy mixes are what counting every measure gives."""
    from measures import compare
    from measures.models import Category, Measure, Region

    full = compare.build_comparison(compare.region_columns(["zhejiang", "yanhu"]))
    monkeypatch.setattr(compare, "MAX_COLUMN_MEASURES", 5)
    bounded = compare.build_comparison(compare.region_columns(["zhejiang", "yanhu"]))
    categories = list(Category.objects.order_by("order"))
    for column, before in zip(bounded.columns, full.columns, strict=True):
        everything = list(
            Measure.objects.measures().in_region(Region.objects.get(slug=column.key)).for_compare().in_document_order()
        )
        assert [m.pk for m in column.measures] == [m.pk for m in everything[:5]] and column.is_sampled
        assert column.total == len(everything) == before.total
    assert [m.shares for m in bounded.mixes] == [compare.policy_mix(c.measures, categories) for c in full.columns]
    assert "下表只列出按文件顺序的前 5 条" in reader.get("/compare/?regions=zhejiang,yanhu").content.decode()


def test_compare_csv_lists_every_entry_with_its_counterpart(reader: Client) -> None:
    response = reader.get("/compare/export.csv?regions=yongjia,yanhu")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    fund = next(r for r in rows if r["text"].startswith("设立泵阀产业专项资金") and r["category"] == "finance")
    assert fund["counterpart_column"] == "盐湖区" and "专项资金" in fund["counterpart_text"]


def test_matrix_links_each_cell_to_the_filtered_list(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the matrix: the data stamp (read for the matrix and for the per-region counts), categories,
    regions and three aggregate queries — all skipped on the next view until the data changes."""
    with django_assert_num_queries(7):
        page = reader.get("/compare/matrix/").content.decode()
    assert 'href="/measures/?region=dawa&amp;category=land"' in page


def test_region_page_lists_peers_with_one_click_comparison(reader: Client) -> None:
    page = reader.get("/regions/yongjia/").content.decode()
    assert "政策组合最相似的地区" in page
    assert 'href="/compare/?regions=yongjia,yanhu"' in page
