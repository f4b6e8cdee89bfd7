"""The comparison pages: grid, bad parameters, CSV, matrix, peers and query counts."""

import csv
import io
from urllib.parse import quote

import pytest
from django.test import Client

from measures.compare.grid import CELL_LIMIT
from measures.models import Category, Document, Label
from tests.conftest import category_measure_count

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_compare_page_opens_with_a_summary_and_folds_each_category(reader: Client) -> None:
    page = reader.get("/compare/?regions=yongjia,yanhu,dawa").content.decode()
    assert "永嘉县" in page and "盐湖区" in page and "大洼县" in page
    assert page.index('id="summary-heading"') < page.index('<details class="category-block')
    assert "<svg" in page and "措施对应率" in page and "政策组合相似度" in page
    assert page.count('<details class="category-block') == 6
    assert "大洼县的文件中没有品牌方面的措施。" in page
    assert "独有" in page and "↔" in page


def test_cells_show_their_first_entries_and_a_link_expands_the_whole_category(reader: Client) -> None:
    page = reader.get("/compare/?regions=xiangyangqu,dawa").content.decode()
    xiangyang, dawa = category_measure_count("xiangyangqu", "land"), category_measure_count("dawa", "land")
    assert dawa > CELL_LIMIT, "大洼县 has more land measures than a cell shows"
    land = page[page.index('id="category-land"') : page.index("</details>", page.index('id="category-land"'))]
    assert land.count('class="entry') == min(xiangyang, CELL_LIMIT) + CELL_LIMIT
    assert 'href="?regions=xiangyangqu,dawa&amp;category=land#category-land"' in land
    expanded = reader.get("/compare/?regions=xiangyangqu,dawa&category=land").content.decode()
    start = expanded.index('id="category-land"')
    assert expanded[start:].startswith('id="category-land" open>')
    full = expanded[start : expanded.index("</details>", start)]
    assert full.count('class="entry') == xiangyang + dawa and "category=land#" not in full
    assert reader.get("/compare/?regions=xiangyangqu,dawa&category=<b>").status_code == 400


def test_a_region_with_one_inside_it_is_named_without_it(reader: Client) -> None:
    page = reader.get("/compare/?regions=wenzhou,yongjia").content.decode()
    assert "温州市（不含永嘉县）" in page
    assert "温州市包含永嘉县" in page


def test_repeated_and_comma_separated_parameters_are_the_same_view(reader: Client) -> None:
    def grid(url: str) -> str:
        page = reader.get(url).content.decode()
        return page[page.index('id="summary-heading"') :]

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


@pytest.mark.parametrize("url", ["/compare/", "/compare/export.csv"])
def test_compare_query_count_does_not_grow_with_columns(reader: Client, django_assert_num_queries, url: str) -> None:  # type: ignore[no-untyped-def]
    """Guards compare and its CSV: regions, categories, documents, labels, quantities, measures, data stamp (read
    once per request), term weights and corpus size (nothing cached yet), picker (its regions while not cached) or
    paths."""
    page = "csv" not in url
    with django_assert_num_queries(10):
        assert reader.get(f"{url}?regions=yongjia,yanhu").status_code == 200
    with django_assert_num_queries(9 if page else 10):
        assert reader.get(f"{url}?regions=yongjia,yanhu,dawa,xiangyangqu").status_code == 200


def test_cached_counterparts_skip_the_term_weights(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards a new comparison of columns seen before: every pair of columns cached, so no term weights or corpus
    size are read (regions, the data stamp, categories, documents, labels, quantities, measures)."""
    reader.get("/compare/?regions=yongjia,yanhu,dawa")
    with django_assert_num_queries(7):
        assert reader.get("/compare/?regions=dawa,yanhu,yongjia").status_code == 200


def test_a_comparison_seen_before_is_served_from_its_cached_fragment(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the repeated compare page: only the regions and the data stamp are read; the page is the same."""

    def body(content: bytes) -> str:
        page = content.decode()
        return page[page.index('id="summary-heading"') :]  # the head carries a fresh CSP nonce

    first = reader.get("/compare/?regions=yongjia,yanhu,dawa&category=land").content
    with django_assert_num_queries(2):
        again = reader.get("/compare/?regions=yongjia,yanhu,dawa&category=land").content
    assert body(again) == body(first)
    other = reader.get("/compare/?regions=yongjia,yanhu,dawa").content.decode()
    assert 'id="category-land" open>' in body(first) and 'id="category-land" open>' not in other
    english = reader.get("/compare/?regions=yongjia,yanhu,dawa", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Similarity" in english or "similarity" in english


def test_a_comparison_of_documents_offers_to_compare_regions_instead(reader: Client) -> None:
    ids = ",".join(str(pk) for pk in Document.objects.order_by("pk").values_list("pk", flat=True)[:2])
    assert "改为对比地区" in reader.get(f"/compare/?documents={ids}").content.decode()
    assert "更改对比的地区" in reader.get("/compare/?regions=yongjia,yanhu").content.decode()


def test_compare_never_loads_document_text(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the compare page against reading whole documents: no raw or cleaned text is selected."""
    with django_assert_num_queries(10) as context:
        reader.get("/compare/?regions=zhejiang,yanhu")
    selected = " ".join(query["sql"] for query in context.captured_queries)
    assert "raw_text" not in selected and "cleaned_text" not in selected


def test_compare_csv_lists_every_entry_with_its_document_and_counterpart(reader: Client) -> None:
    response = reader.get("/compare/export.csv?regions=yongjia,yanhu")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert list(rows[0])[:7] == [
        "category", "column", "region_path", "document_title", "document_type", "document_date", "source_url",
    ]  # fmt: skip
    fund = next(r for r in rows if r["text"].startswith("设立泵阀产业专项资金") and r["category"] == "finance")
    assert fund["counterpart_column"] == "盐湖区" and "专项资金" in fund["counterpart_text"]
    assert fund["region_path"] == "浙江省 / 温州市 / 永嘉县"
    assert fund["document_type"] == "新闻报道" and fund["document_date"] == "2011"
    yanhu = next(r for r in rows if r["column"] == "盐湖区")
    assert yanhu["document_date"] == "2024-02-21"
    xiangyang = reader.get("/compare/export.csv?regions=xiangyangqu,dawa").content.decode("utf-8")
    assert "http://www.tkpao.com/" in xiangyang


def test_compare_csv_file_name_says_what_was_compared(reader: Client) -> None:
    disposition = reader.get("/compare/export.csv?regions=wenzhou,yongjia")["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="comparison-wenzhou-yongjia-' in disposition
    assert quote("对比-温州市（不含永嘉县）-永嘉县-") in disposition
    documents = reader.get("/compare/export.csv?documents=1,2")["Content-Disposition"]
    assert 'filename="comparison-documents-1-2-' in documents


def test_matrix_links_each_cell_to_the_filtered_list(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the matrix: the data stamp, categories, three aggregate queries (then cached), regions with documents
    and their ancestors; then the table is cached until a write, and the data stamp alone is read."""
    with django_assert_num_queries(7):
        page = reader.get("/compare/matrix/").content.decode()
    assert 'href="/measures/?region=dawa&amp;category=land"' in page
    with django_assert_num_queries(1):
        again = reader.get("/compare/matrix/").content.decode()
    assert again[again.index('<table class="matrix">') :] == page[page.index('<table class="matrix">') :]


def test_the_cached_matrix_follows_a_write(reader: Client) -> None:
    before = reader.get("/compare/matrix/?show=counts").content.decode()
    Label.objects.filter(measure__document__region__slug="dawa", category__slug="land").delete()
    after = reader.get("/compare/matrix/?show=counts").content.decode()
    assert before != after
    english = reader.get("/compare/matrix/?show=counts", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = english[english.index('<table class="matrix">') :]
    assert Category.objects.get(slug="land").name_en in table, "each language has its own cached table"


def test_matrix_shows_shares_by_default_and_counts_on_request(reader: Client) -> None:
    shares = reader.get("/compare/matrix/").content.decode()
    counts = reader.get("/compare/matrix/?show=counts").content.decode()
    assert "%</a>" in shares and "%</a>" not in counts
    assert "山西省</a> › " in shares and "本级" in shares and "下级" in shares


def test_region_page_lists_peers_with_one_click_comparison(reader: Client) -> None:
    page = reader.get("/regions/yongjia/").content.decode()
    assert "政策组合最相似的地区" in page
    assert 'href="/compare/?regions=yongjia,yanhu"' in page


def test_figures_stand_beside_their_counterparts_and_in_the_summary(reader: Client) -> None:
    """The district's 50万元 a year fund appears in the summary, in the grid and beside 永嘉县's fund."""
    page = reader.get("/compare/?regions=yongjia,xiangyangqu").content.decode()
    summary = page[page.index('class="summary-table"') : page.index("</table>", page.index('class="summary-table"'))]
    assert "50万元/年" in summary
    grid = page[page.index('id="category-finance"') :]
    fund = grid[grid.index("设立泵阀产业专项资金") :]
    counterpart = fund[fund.index('class="counterpart"') : fund.index("</p>", fund.index('class="counterpart"'))]
    assert "50万元/年" in counterpart


def test_compare_csv_carries_strength_and_figures(reader: Client) -> None:
    body = reader.get("/compare/export.csv?regions=yongjia,xiangyangqu").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    fund = next(r for r in rows if "区财政每年拿出50万元" in r["text"] and r["category"] == "finance")
    assert "50万元/年" in fund["figures"] and fund["strength"]
