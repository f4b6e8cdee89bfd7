"""The measure list: every filter, their combinations, facets, search, errors and query counts."""

import re

import pytest
from django.http import QueryDict
from django.test import Client

from measures.ingest.pipeline import DocumentMeta, ingest_document
from measures.models import Document, Label, LabelSource, Measure, Region, Tag
from measures.views import PAGE_SIZE
from tests.test_search import HOSTILE_QUERIES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def shown(client: Client, query: str) -> list[int]:
    """Ids of the measures on the first page, via the JSON API (same FilterSet, more rows)."""
    response = client.get(f"/api/measures/?page_size=200&{query}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def ids(queryset) -> set[int]:  # type: ignore[no-untyped-def]
    return set(queryset.values_list("pk", flat=True))


def test_default_list_shows_measures_only_in_document_order(reader: Client) -> None:
    result = shown(reader, "")
    assert result == list(
        Measure.objects.measures().order_by("document_id", "position").values_list("pk", flat=True)[:200]
    )


def test_kind_selects_context_or_every_sentence(reader: Client) -> None:
    assert reader.get("/api/measures/?kind=context").json()["count"] == Measure.objects.context().count()
    assert all(not Measure.objects.get(pk=pk).is_measure for pk in shown(reader, "kind=context"))
    assert reader.get("/api/measures/?kind=all").json()["count"] == Measure.objects.count()


def test_category_is_repeatable_and_means_any_of(reader: Client) -> None:
    finance = ids(Measure.objects.measures().in_category("finance"))
    land = ids(Measure.objects.measures().in_category("land"))
    assert set(shown(reader, "category=finance")) == finance
    assert set(shown(reader, "category=finance&category=land")) == finance | land


def test_curator_rejections_do_not_count_as_category(reader: Client) -> None:
    label = Label.objects.filter(category__slug="finance", measure__is_measure=True).first()
    assert label is not None
    Label.objects.filter(pk=label.pk).update(source=LabelSource.CURATOR, rejected=True)
    assert label.measure_id not in shown(reader, "category=finance")


def test_region_includes_every_region_below_it(reader: Client) -> None:
    wenzhou = set(shown(reader, "region=wenzhou"))
    yongjia = set(shown(reader, "region=yongjia"))
    assert yongjia and yongjia < wenzhou
    assert set(shown(reader, "region=zhejiang")) == wenzhou
    assert wenzhou == ids(Measure.objects.measures().filter(document__region__code__in=["330300", "330324"]))


def test_document_tag_industry_doc_type_and_years(reader: Client) -> None:
    speech = Document.objects.get(doc_type="speech")
    assert set(shown(reader, f"document={speech.pk}")) == ids(speech.sentences.filter(is_measure=True))
    assert set(shown(reader, "doc_type=speech")) == ids(speech.sentences.filter(is_measure=True))
    assert set(shown(reader, "industry=pumps-valves")) == ids(
        Measure.objects.measures().filter(document__region__code="330324")
    )
    assert set(shown(reader, "year_min=2011")) == ids(Measure.objects.measures().filter(document__date__year__gte=2011))
    assert set(shown(reader, "year_min=2009&year_max=2010")) == ids(
        Measure.objects.measures().filter(document__date__year__in=[2009, 2010])
    )
    tag = Tag.objects.create(name="示范", slug="shifan")
    tagged = list(Measure.objects.measures()[:3])
    tag.measures.set(tagged)
    assert set(shown(reader, "tag=shifan")) == {m.pk for m in tagged}


def test_filters_combine_with_and(reader: Client) -> None:
    result = set(shown(reader, "q=资金&category=finance&region=yanhu&kind=all"))
    expected = ids(Measure.objects.in_category("finance").filter(document__region__slug="yanhu", text__contains="资金"))
    assert result == expected and result


def test_sorting(reader: Client) -> None:
    newest = shown(reader, "sort=newest")
    first = Measure.objects.get(pk=newest[0])
    assert first.document.date == max(d.date for d in Document.objects.all())
    relevance = reader.get("/api/measures/?q=人才&page_size=200").json()["results"]
    by_document = reader.get("/api/measures/?q=人才&sort=document&page_size=200").json()["results"]
    assert {r["id"] for r in relevance} == {r["id"] for r in by_document}
    assert [r["id"] for r in by_document] == sorted(
        (r["id"] for r in by_document),
        key=lambda pk: (Measure.objects.get(pk=pk).document_id, Measure.objects.get(pk=pk).position),
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("category=nope", "类别"),
        ("region=atlantis", "地区"),
        ("document=abc", "文件"),
        ("document=99999", "文件"),
        ("document=99999999999999999999", "文件"),
        ("document=²", "文件"),
        ("year_min=abc", "起始年份"),
        ("kind=everything", "句子类型"),
        ("sort=random", "排序"),
        ("tag=none", "标签"),
    ],
)
def test_bad_filter_values_get_a_400_page_that_names_the_field_in_words(reader: Client, query: str, field: str) -> None:
    response = reader.get(f"/measures/?{query}")
    assert response.status_code == 400
    notice = response.content.decode().split('class="notice notice--error"')[1].split("</div>")[0]
    assert f"<li>{field}：" in notice and query.split("=")[0] + ":" not in notice
    api = reader.get(f"/api/measures/?{query}")
    assert api.status_code == 400 and api.json()["message"].startswith(f"{field}：")
    csv = reader.get(f"/measures.csv?{query}")
    assert csv.status_code == 400 and csv.content.decode().startswith(f"{field}：")


def test_search_results_highlight_matches(reader: Client) -> None:
    page = reader.get("/measures/?q=专项资金").content.decode()
    assert page.count("<mark>专项资金</mark>") >= 4
    assert "“专项资金”：4 条结果" in page


def test_a_query_of_only_stop_words_gets_a_message_not_everything(reader: Client) -> None:
    page = reader.get("/measures/?q=的").content.decode()
    assert "没有可检索的词" in page and 'class="result"' not in page


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(reader: Client, query: str) -> None:
    for url in ["/measures/", "/api/measures/"]:
        response = reader.get(url, {"q": query})
        # NUL bytes are refused with a 400 that says so; everything else is answered.
        assert response.status_code == (400 if "\x00" in query else 200), (url, query)
    csv = reader.get("/measures.csv", {"q": query})
    assert csv.status_code in (200, 400)
    if csv.status_code == 400:
        assert csv.content.decode()  # a message, not an empty file


def test_ingested_markup_is_escaped_in_results(reader: Client) -> None:
    region = Region.objects.get(slug="yongjia")
    ingest_document(
        data="设立<script>alert('x')</script>专项资金扶持<img src=x onerror=alert(1)>企业发展，加强土地要素保障。",
        region=region,
        meta=DocumentMeta(title="<b>XSS</b>"),
    )
    page = reader.get("/measures/?q=专项资金").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;alert(&#39;x&#39;)" in page
    document = Document.objects.get(title="<b>XSS</b>")
    detail = reader.get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert" not in detail and "<b>XSS</b>" not in detail


def test_facets_count_results_as_if_their_own_filter_were_off(reader: Client) -> None:
    page = reader.get("/measures/?category=finance").content.decode()
    land_total = Measure.objects.measures().in_category("land").count()
    assert re.search(rf"category=land[^>]*>.*?<span class=\"count\">{land_total}</span>", page, re.S)
    yanhu_finance = Measure.objects.measures().in_category("finance").filter(document__region__slug="yanhu").count()
    assert re.search(rf"region=yanhu[^>]*>盐湖区<span class=\"count\">{yanhu_finance}</span>", page)


def test_pagination_keeps_the_query_string(reader: Client) -> None:
    page = reader.get("/measures/?kind=all&q=发展").content.decode()
    assert 'href="?kind=all&amp;q=%E5%8F%91%E5%B1%95&amp;page=2"' in page


def test_pagination_offers_the_first_and_the_last_page_from_the_middle(reader: Client) -> None:
    pages = -(-Measure.objects.count() // PAGE_SIZE)
    page = reader.get("/measures/?kind=all&page=3").content.decode()
    assert 'href="?kind=all&amp;page=1">« 第一页</a>' in page
    assert f'href="?kind=all&amp;page={pages}">最后一页 »</a>' in page
    last = reader.get(f"/measures/?kind=all&page={pages}").content.decode()
    assert "最后一页" not in last and "第一页" in last


def test_measure_list_query_count_does_not_grow_with_rows(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the list page: count, the page's ids then its rows, labels, tags and quantities prefetches, six facets
    plus categories, the names of the units above the regions with rows (one query, for the region tree), the picker
    (a cached fragment; while cold, its regions). The data stamp is read once per request: without a text query the
    count and facets are looked up by it first. A search adds the capped match count (and,
    past WINDOW matches, the window's boundary) and reads its bounded candidates once (rows with their labels, tags,
    industries, document types, region ids, regions) in place of the count, the page's ids and six facet queries."""
    with django_assert_num_queries(16):
        assert reader.get("/measures/?kind=all").status_code == 200
    with django_assert_num_queries(16):  # another picker fragment (a region is ticked); its regions are cached
        assert (
            reader.get("/measures/?kind=all&q=人才&category=finance&category=land&region=zhejiang").status_code == 200
        )


def test_facets_under_a_search_count_each_value_once(reader: Client) -> None:
    from measures.filters import MeasureFilterSet

    filterset = MeasureFilterSet({"q": "人才", "kind": "all"}, queryset=Measure.objects.all())
    assert filterset.is_valid()
    facets = filterset.facets()
    found = list(filterset.qs)
    regions = [row["value"] for row in facets["region"]]
    assert len(regions) == len(set(regions)), "one row per region"
    for row in facets["region"]:
        assert row["count"] == sum(1 for m in found if m.document.region.slug == row["value"])
    talent = next(row for row in facets["category"] if row["value"] == "talent")
    assert talent["count"] == sum(1 for m in found if m.labels.filter(category__slug="talent", rejected=False).exists())


def test_each_active_filter_is_a_chip_whose_link_drops_only_that_value(reader: Client) -> None:
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    page = reader.get(
        "/measures/?region=zhejiang&category=land&category=finance&q=专项资金&strength=binding&money_min=1000&page=2"
    ).content.decode()
    start = page.index('class="active-filters"')
    nav = page[start : page.index("</nav>", start)]
    chips = {
        unescape(text).strip(): unescape(href)
        for href, text in re.findall(r'class="filter-chip" href="([^"]*)"[^>]*>([^<]*)<', nav)
    }
    everything = {
        "region": ["zhejiang"],
        "category": ["land", "finance"],
        "q": ["专项资金"],
        "strength": ["binding"],
        "money_min": ["1000"],
    }
    removed = {
        "地区：浙江省": ("region", "zhejiang"),
        "类别：土地": ("category", "land"),
        "类别：资金金融": ("category", "finance"),
        "全文检索：专项资金": ("q", "专项资金"),
        "金额 ≥ 1000万元": ("money_min", "1000"),
    }
    assert set(removed) <= set(chips), chips
    assert any(text.startswith("力度：") for text in chips), chips
    for text, (name, value) in removed.items():
        url = urlsplit(chips[text])
        assert url.path == "/measures/"
        expected = {k: [v for v in vs if not (k == name and v == value)] for k, vs in everything.items()}
        assert parse_qs(url.query) == {k: vs for k, vs in expected.items() if vs}, text
    assert 'class="active-filters__clear" href="/measures/"' in nav


def test_a_region_filter_alone_is_visible_as_a_chip(reader: Client) -> None:
    page = reader.get("/measures/?region=zhejiang").content.decode()
    assert re.search(r'class="filter-chip" href="/measures/"[^>]*>地区：浙江省 ', page)


def test_no_chips_without_filters(reader: Client) -> None:
    assert 'class="active-filters"' not in reader.get("/measures/").content.decode()


def test_a_plain_dict_of_filters_is_read_as_the_url_would_give_it() -> None:
    from measures.filters import MeasureFilterSet

    filterset = MeasureFilterSet({"strength": ["binding", "target"], "document": 7})
    assert filterset.selected("strength") == {"binding", "target"}
    assert filterset.selected("document") == {"7"}
    assert filterset.selected("region") == set()


def test_chips_speak_english_under_en(reader: Client) -> None:
    reader.cookies["django_language"] = "en"
    page = reader.get("/measures/?region=zhejiang&money_min=1000").content.decode()
    start = page.index('class="active-filters"')
    nav = page[start : page.index("</nav>", start)]
    assert "Region: 浙江省" in nav
    assert "Amount ≥ 1000 × 10,000 yuan" in nav


def test_region_facet_nests_county_under_city_under_province_with_subtree_counts(reader: Client) -> None:
    from measures.filters import MeasureFilterSet

    filterset = MeasureFilterSet(QueryDict("kind=measures"), queryset=Measure.objects.all())
    assert filterset.is_valid()
    tree = filterset.facets()["region_tree"]
    found = list(filterset.qs.select_related("document__region"))

    def slow_count(node: dict) -> int:  # type: ignore[type-arg]
        return sum(1 for m in found if m.document.region.path.startswith(node["path"]))

    zhejiang = next(node for node in tree if node["label"] == "浙江省")
    wenzhou = next(node for node in zhejiang["children"] if node["label"] == "温州市")
    yongjia = next(node for node in wenzhou["children"] if node["label"] == "永嘉县")
    assert yongjia["count"] > 0 and yongjia["count"] < wenzhou["count"]
    for node in (zhejiang, wenzhou, yongjia):
        assert node["count"] == slow_count(node)

    def walk(nodes: list) -> None:  # type: ignore[type-arg]
        for node in nodes:
            assert node["count"] == slow_count(node) > 0, node["label"]
            walk(node["children"])

    walk(tree)


def test_region_tree_marks_and_unfolds_the_selected_region(reader: Client) -> None:
    page = reader.get("/measures/?region=yongjia").content.decode()
    tree = page[page.index('class="region-tree"') :]
    assert re.search(r'<details open><summary><a class="facet__link"[^>]*region=zhejiang[^>]*>浙江省', tree)
    assert re.search(r'<details open><summary><a class="facet__link"[^>]*region=wenzhou[^>]*>温州市', tree)
    assert re.search(r'class="facet__link is-selected" href="\?"[^>]*aria-current="true">永嘉县', tree)


@pytest.mark.parametrize(
    "query",
    [
        "kind=all",
        "kind=all&q=人才",
        "q=产业&sort=newest",
        "q=资金&sort=-money",
        "kind=all&sort=money",
        "tag=ta&tag=tb&kind=all",
        "q=发展&kind=all&tag=ta",
        "region=zhejiang&category=land&category=finance",
    ],
)
@pytest.mark.parametrize("size", [7, 200])
def test_a_page_of_ids_then_its_rows_gives_the_rows_the_whole_query_gives(query: str, size: int) -> None:
    """measure_page (ids first, then one hydration) against slicing the full rows, every page, same order."""
    from measures.filters import MeasureFilterSet
    from measures.views import measure_page

    everything = list(Measure.objects.order_by("pk"))
    Tag.objects.create(name="甲", slug="ta").measures.set(everything[::3])
    Tag.objects.create(name="乙", slug="tb").measures.set(everything[::2])  # every sixth has both
    filterset = MeasureFilterSet(QueryDict(query), queryset=Measure.objects.all())
    assert filterset.is_valid(), filterset.errors
    whole = [m.pk for m in filterset.qs.for_list()]
    assert whole, query
    pages = -(-len(whole) // size)
    for number in range(1, pages + 1):
        page = measure_page(filterset.qs, per_page=size, count=len(whole), number=str(number))
        expected = whole[(number - 1) * size : number * size]
        assert [m.pk for m in page.object_list] == expected, (query, number)
        assert all(hasattr(m, "applied_labels") and hasattr(m, "stated_quantities") for m in page.object_list)


@pytest.mark.parametrize("slug", ["zhejiang", "wenzhou", "yongjia", "yanhu"])
def test_in_region_through_document_ids_finds_what_the_join_finds(slug: str) -> None:
    """Measure.in_region (a subquery of the region's documents) against the plain join on each sentence's region."""
    region = Region.objects.get(slug=slug)
    joined = Measure.objects.filter(document__region__path__startswith=region.path)
    assert ids(Measure.objects.in_region(region)) == ids(joined) != set()
    assert ids(Measure.objects.in_regions([region, Region.objects.get(slug="yanhu")])) == ids(joined) | ids(
        Measure.objects.filter(document__region__slug="yanhu")
    )


@pytest.mark.parametrize(
    "query",
    [
        "q=发展",
        "q=发展&kind=all",
        "q=资金&category=finance",
        "q=资金&category=finance&category=land&region=zhejiang",
        "q=产业&region=wenzhou&doc_type=speech",
        "q=人才&industry=pumps-valves&kind=all",
        "q=发展&tag=ta&tag=tb&strength=commitment",
        "q=企业&strength=encouragement&strength=binding&kind=all&year_min=2010",
        "q=产业 -土地&kind=context",
        "q=发展&sort=newest&category=land",
        'q="公共服务平台"',
    ],
)
def test_bounded_facets_count_what_the_grouped_queries_count(query: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The search facets, count and relevance order computed in Python over the bounded candidates against
    one grouped query per facet, a count and an ordered query (the slow path), also past a small window."""
    from measures import search
    from measures.filters import MeasureFilterSet

    everything = list(Measure.objects.order_by("pk"))
    Tag.objects.create(name="甲", slug="ta").measures.set(everything[::3])
    Tag.objects.create(name="乙", slug="tb").measures.set(everything[::2])
    counted = []
    for window in (search.WINDOW, 7):
        monkeypatch.setattr(search.window, "WINDOW", window)
        filterset = MeasureFilterSet(QueryDict(query), queryset=Measure.objects.all())
        assert filterset.is_valid(), filterset.errors
        slow = filterset._facets()
        assert filterset._bounded_facets() == slow, (query, window)
        assert filterset.count() == filterset.qs.count()
        ranked = filterset.ranked_ids()
        assert (ranked is None) == ("sort=" in query)
        assert ranked is None or ranked == [m.pk for m in filterset.qs], (query, window)
        counted.append(sum(item["count"] for items in slow.values() for item in items))
    assert counted[0] > 0  # the case counts something


def test_newest_first_puts_undated_documents_last(reader: Client) -> None:
    undated = Document.objects.get(region__slug="yanhu")  # the only one with a full date: it would come first
    Document.objects.filter(pk=undated.pk).update(date=None)
    first = reader.get("/measures/?sort=newest&kind=all").context["page"]
    assert first.object_list[0].document.date is not None
    last = reader.get(f"/measures/?sort=newest&kind=all&page={first.paginator.num_pages}").context["page"]
    assert last.object_list[-1].document_id == undated.pk


def test_the_category_facet_is_labelled_in_the_readers_language(reader: Client) -> None:
    english = reader.get("/measures/", HTTP_ACCEPT_LANGUAGE="en").context["facets"]["category"]
    chinese = reader.get("/measures/").context["facets"]["category"]
    assert english[0]["label"] == "Finance" and chinese[0]["label"] == "资金金融"
