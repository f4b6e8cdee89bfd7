"""Home, document, region and about pages: content on the seed data and query counts."""

import re

import pytest
from django.test import Client

from measures.models import Category, Document, Measure, Region

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_home_shows_totals_categories_regions_and_recent_documents(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the home page: the data stamp (its content is cached until a write), documents with regions and their
    former names, category counts, two totals. Warm, the stamp alone, and the same page."""
    with django_assert_num_queries(6):
        page = reader.get("/").content.decode()
    with django_assert_num_queries(1):
        warm = reader.get("/").content.decode()
    assert CSRF.sub("", warm) == CSRF.sub("", page)
    assert f"{Measure.objects.measures().count()} 条具体措施" in page
    assert page.index("资金金融") < page.index("人才") < page.index("土地") < page.index("品牌")
    assert 'href="/measures/?category=land"' in page
    for name in ["永嘉县", "盐湖区", "襄阳区", "温州市", "大洼县"]:
        assert name in page


def test_document_page_shows_metadata_profile_text_and_removed_chrome(
    reader: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """Guards the document page: document, industries, its region's former names, one page of sentences
    (count, rows, labels, tags, quantities), the category profile and the measure count, and the data stamp
    (read once per request) for the cached counts and text fragment — whatever the document's size. Warm, the
    stamp read replaces the counts and the rows, and the page is the same."""
    document = Document.objects.get(region__slug="yanhu")
    with django_assert_num_queries(11):
        page = reader.get(f"/documents/{document.pk}/").content.decode()
    with django_assert_num_queries(5):
        warm = reader.get(f"/documents/{document.pk}/").content.decode()
    assert CSRF.sub("", warm) == CSRF.sub("", page)
    assert "盐湖区政协委员" in page and "2024-02-21" in page
    assert (
        len(re.findall(r'class="sentence sentence--measure[ "]', page))
        == document.sentences.filter(is_measure=True, is_heading=False).count()
    )
    assert 'id="s0"' in page
    assert "清洗时删除的内容（17 行）" in page and "<del>找回密码</del>" in page


def test_document_page_for_a_missing_document_is_404(reader: Client) -> None:
    assert reader.get("/documents/999999/").status_code == 404


def test_region_page_includes_regions_below_and_groups_by_category(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the region page: region with its former names, the 50 newest documents (rows, their regions'
    former names) and their measure counts, the region's counts (profile, measures, documents,
    uncategorised), the first measures of each category and of none (six id queries, rows, labels,
    tags), children, peers (categories, three aggregates, regions), the picker, and the data stamp (read once per
    request) for the cached counts, samples, peers, picker and fragments.
    Warm, the stamp read replaces the counts, the six id queries, the peers, the picker, the documents and the
    rows, and the page is the same."""
    with django_assert_num_queries(26):
        page = reader.get("/regions/zhejiang/").content.decode()
    with django_assert_num_queries(4):
        warm = reader.get("/regions/zhejiang/").content.decode()
    assert CSRF.sub("", warm) == CSRF.sub("", page)
    assert "永嘉县召开泵阀产业集群转型升级示范区实施座谈会" in page and "温州发展产业集群化对策措施" in page
    region = Region.objects.get(slug="zhejiang")
    sections = category_sections(page)
    for category in Category.objects.all():
        expected = Measure.objects.measures().in_region(region).in_category(category.slug)
        shown = sections[category.slug]
        assert f'<small class="muted">{expected.count()}</small>' in shown, category.slug
        for measure in expected[:3]:
            assert f'id="m{measure.pk}"' in shown or measure.text[:20] in shown, (category.slug, measure.pk)
    assert "其他措施" in page


def category_sections(page: str) -> dict[str, str]:
    """The region page's per-category sections, keyed by category slug."""
    parts = page.split('<section class="category-group')[1:]
    return {part.split(" cat-", 1)[1].split('"', 1)[0]: part for part in parts if part.startswith(" cat-")}


def test_region_page_says_plainly_when_a_category_is_empty(reader: Client) -> None:
    region = Region.objects.get(slug="dawa")
    sections = category_sections(reader.get("/regions/dawa/").content.decode())
    empty = 0
    for category in Category.objects.all():
        has_measures = Measure.objects.measures().in_region(region).in_category(category.slug).exists()
        says_none = f"大洼县的文件中没有{category.name_zh}方面的措施。" in sections[category.slug]
        assert says_none != has_measures, category.slug
        empty += not has_measures
    assert empty, "the seed data has a region with an empty category"
    assert reader.get("/regions/no-such-place/").status_code == 404


def test_about_page_documents_every_endpoint_and_parameter(reader: Client) -> None:
    page = reader.get("/api/").content.decode()
    for word in ["/api/measures/", "/api/documents/", "/api/regions/", "/api/categories/", "/measures.csv"]:
        assert word in page
    for parameter in [
        "q",
        "category",
        "region",
        "document",
        "tag",
        "industry",
        "doc_type",
        "year_min",
        "year_max",
        "kind",
        "sort",
    ]:
        assert f"<code>{parameter}</code>" in page


def test_document_page_and_results_show_why_a_sentence_is_a_measure_without_hovering(reader: Client) -> None:
    fund = Measure.objects.get(text__startswith="设立泵阀产业专项资金")
    label = fund.labels.get(category__slug="finance")
    label.evidence = ["专项资金", "<script>alert(1)</script>"]
    label.save()
    for url in [fund.document.get_absolute_url(), "/measures/?q=专项资金"]:
        page = reader.get(url).content.decode()
        assert '<span class="evidence">依据：' in page
        assert "资金金融：专项资金、&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page


def test_the_evidence_speaks_the_readers_language_but_keeps_the_documents_words(reader: Client) -> None:
    """Stored in Chinese; under English the cue names are translated, the words a sentence uses stay as written."""
    fund = Measure.objects.get(text__startswith="设立泵阀产业专项资金")
    Measure.objects.filter(pk=fund.pk).update(
        kind_evidence=["+政策工具动词", "+章节：措施·动词开头的分句", "+设立", "-现状"]
    )
    fund.labels.filter(category__slug="finance").update(
        evidence=["专项资金", "土地", "章节标题"]
    )  # 土地 is a term here
    chinese = reader.get(fund.document.get_absolute_url()).content.decode()
    assert "依据：政策工具动词、章节：措施·动词开头的分句、设立" in chinese
    assert "资金金融：专项资金、土地、章节标题" in chinese
    reader.cookies["django_language"] = "en"
    english = reader.get(fund.document.get_absolute_url()).content.decode()
    assert "policy-instrument verb, section: measures · clause opening with a verb, 设立" in english
    assert "Finance: 专项资金, 土地, section heading" in english


def test_the_strength_cue_is_part_of_the_visible_evidence(reader: Client) -> None:
    cued = Measure.objects.measures().exclude(strength="").exclude(strength_cue="").first()
    assert cued is not None
    page = reader.get(cued.document.get_absolute_url()).content.decode()
    assert f'<span class="evidence__label">力度：{cued.strength_cue}</span>' in page


def test_a_stored_non_web_source_url_is_shown_but_never_linked(reader: Client) -> None:
    document = Document.objects.get(region__slug="yanhu")
    Document.objects.filter(pk=document.pk).update(source_url="javascript:alert(1)", source_site="")
    page = reader.get(f"/documents/{document.pk}/").content.decode()
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page
    Document.objects.filter(pk=document.pk).update(source_url="https://example.org/a.html")
    assert 'href="https://example.org/a.html"' in reader.get(f"/documents/{document.pk}/").content.decode()


def test_the_document_page_pages_through_its_sentences_in_order(reader: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    document = Document.objects.get(region__slug="yanhu")
    everything = list(document.sentences.order_by("position").values_list("position", flat=True))
    seen: list[int] = []
    page = 1
    monkeypatch.setattr("measures.views.documents.SENTENCES_PER_PAGE", 7)
    while True:
        response = reader.get(f"/documents/{document.pk}/?page={page}")
        seen += [s.position for s in response.context["sentences"]]
        if not response.context["page"].has_next():
            break
        page += 1
    assert seen == everything and page > 1


def test_category_counts_in_the_database_match_counting_the_rows() -> None:
    """The profile query gives what counting every measure's applied labels in Python gives."""
    from collections import Counter

    from measures.models import Category, Label

    for measures in [Measure.objects.all(), Measure.objects.filter(document__region__slug="yanhu")]:
        slow = Counter(
            label.category_id
            for label in Label.objects.applied().filter(measure__in=measures, measure__is_measure=True)
        )
        assert [(c.pk, n) for c, n in Category.objects.profile(measures)] == [
            (c.pk, slow[c.pk]) for c in Category.objects.order_by("order", "slug")
        ]


def test_region_samples_are_the_first_rows_of_each_full_category_list(reader: Client) -> None:
    """Each category's sample is the head of the full list in document order, with the full total."""
    from measures.models import Category, Region
    from measures.views import REGION_SAMPLES

    region = Region.objects.get(slug="zhejiang")
    groups = reader.get("/regions/zhejiang/").context["groups"]
    measures = Measure.objects.measures().in_region(region)
    for category, sample, total in groups:
        full = measures.in_category(category.slug) if category else measures.uncategorised()
        slow = list(full.in_document_order())
        assert [m.pk for m in sample] == [m.pk for m in slow[:REGION_SAMPLES]] and total == len(slow)
    assert [c for c, _s, _t in groups][:-1] == list(Category.objects.order_by("order", "slug"))
    warm = reader.get("/regions/zhejiang/").context
    assert [(c, [m.pk for m in s], t) for c, s, t in warm["groups"]] == [
        (c, [m.pk for m in s], t) for c, s, t in groups
    ]  # the cached sample ids give the same rows


def test_removed_lines_are_stored_at_ingest_as_cleaning_gives_them() -> None:
    """The stored lines are what cleaning the raw text again gives (the old per-view path)."""
    from measures.ingest.pipeline import prepare_text

    for document in Document.objects.all():
        assert document.removed_lines == list(prepare_text(document.raw_text).removed_lines)


def test_a_document_stored_before_removed_lines_were_recorded_still_shows_them(reader: Client) -> None:
    document = Document.objects.get(region__slug="yanhu")
    Document.objects.filter(pk=document.pk).update(removed_lines=None)
    assert "<del>找回密码</del>" in reader.get(f"/documents/{document.pk}/").content.decode()


def test_a_region_lists_its_newest_documents_first_and_undated_ones_last(reader: Client) -> None:
    undated = Document.objects.get(region__slug="yongjia")
    Document.objects.filter(pk=undated.pk).update(date=None)
    documents = list(reader.get("/regions/zhejiang/").context["documents"])
    assert len(documents) == 2 and documents[-1].pk == undated.pk
