import pytest

from measures.ingest.pipeline import DocumentMeta, ingest_document
from measures.models import Measure, Region
from measures.search import highlight, index_tokens, parse_query

HOSTILE_QUERIES = [
    '"',
    '"""',
    "OR",
    "专项 OR 资金",
    "NEAR(专项 资金)",
    "资金*",
    "text:资金",
    "(资金",
    "资金)",
    "[资金]",
    "{资金}",
    "^资金",
    "-",
    "--资金",
    "- -",
    "AND NOT",
    "x" * 10_000,
    "资金" * 5_000,
    "\x00\x01\x1f资金",
    "😀🚀 资金",
    "'; DROP TABLE measures_measure; --",
    "%_%",
    "\\",
    "资金\u200b\u3000 人才",
]


def test_query_words_are_segmented_and_normalised_like_the_index() -> None:
    query = parse_query("專項資金 人才")
    assert [t.word for t in query.terms] == ["专项资金", "人才"]
    assert query.terms[0].parts == ("专项", "资金")


def test_phrases_and_exclusions_are_parsed_as_data() -> None:
    query = parse_query('"公共服务平台" 人才 -引进 -土地')
    assert query.phrases == ("公共服务平台",)
    assert query.excluded == ("引进", "土地")
    assert "公共服务平台" in query.highlight_terms


@pytest.mark.parametrize("raw", ["的", "的 和 在", "，。！", "OR AND", "-土地"])
def test_queries_with_nothing_searchable_explain_why(raw: str) -> None:
    query = parse_query(raw)
    assert query.is_empty and query.problem


def test_a_blank_query_is_no_query_and_no_problem() -> None:
    assert parse_query("   ").is_empty and parse_query("   ").problem is None


def test_long_queries_are_cut_and_say_so() -> None:
    query = parse_query("资金" * 5_000)
    assert query.truncated and len(query.terms) <= 12


def test_index_keeps_words_sub_words_and_characters() -> None:
    tokens = index_tokens("设立泵阀产业专项资金").split()
    assert {"专项资金", "专项", "资金", "泵", "阀"} <= set(tokens)


@pytest.mark.django_db
@pytest.mark.usefixtures("seed_data")
class TestSearchOnSeedData:
    def search(self, raw: str) -> list[Measure]:
        return list(Measure.objects.search(parse_query(raw)).order_by("-relevance", "pk"))

    def test_special_fund_finds_every_sentence_containing_it(self) -> None:
        found = {m.pk for m in self.search("专项资金")}
        assert found == set(Measure.objects.filter(text__contains="专项资金").values_list("pk", flat=True))
        assert len(found) == 4

    def test_traditional_query_finds_simplified_text(self) -> None:
        assert self.search("專項資金") == self.search("专项资金")

    def test_several_words_must_all_appear(self) -> None:
        for measure in self.search("人才 平台"):
            assert "人才" in measure.text and "平台" in measure.text

    def test_a_phrase_must_appear_exactly(self) -> None:
        results = self.search('"公共服务平台建设"')
        assert results and all("公共服务平台建设" in m.text for m in results)

    def test_an_excluded_word_removes_results(self) -> None:
        with_exclusion = self.search("人才 -引进")
        assert with_exclusion and all("引进" not in m.text for m in with_exclusion)
        assert len(with_exclusion) < len(self.search("人才"))

    def test_a_single_character_finds_longer_words(self) -> None:
        assert any("水泵" in m.text for m in self.search("泵"))

    def test_results_are_ranked_by_relevance(self) -> None:
        results = Measure.objects.search(parse_query("人才")).order_by("-relevance")
        relevances = [m.relevance for m in results]  # type: ignore[attr-defined]
        assert relevances == sorted(relevances, reverse=True) and relevances[0] > relevances[-1]

    @pytest.mark.parametrize("raw", HOSTILE_QUERIES)
    def test_hostile_queries_never_reach_the_engine_raw(self, raw: str) -> None:
        query = parse_query(raw)
        if not query.is_empty:
            list(Measure.objects.search(query)[:5])  # no engine syntax error


@pytest.mark.django_db
def test_index_follows_inserts_updates_and_deletes(categories: None) -> None:
    region = Region.objects.get(code="330324")
    result = ingest_document(
        data="设立泵阀产业专项资金，建设检测中心。加强人才队伍建设。", region=region, meta=DocumentMeta()
    )
    fund = result.document.sentences.get(position=0)
    assert list(Measure.objects.search(parse_query("检测中心"))) == [fund]
    fund.text = "建设产品展示中心。"
    fund.search_tokens = index_tokens(fund.text)
    fund.save()
    assert not Measure.objects.search(parse_query("检测中心")).exists()
    assert list(Measure.objects.search(parse_query("展示中心"))) == [fund]
    fund.delete()
    assert not Measure.objects.search(parse_query("展示中心")).exists()


def test_highlight_escapes_before_marking() -> None:
    assert highlight('<script>alert("专项资金")</script>', ["专项资金", "script"]) == (
        "&lt;<mark>script</mark>&gt;alert(&quot;<mark>专项资金</mark>&quot;)&lt;/<mark>script</mark>&gt;"
    )
    assert highlight("A&B 资金", ["amp"]) == "A&amp;B 资金"


@pytest.mark.django_db
def test_index_structures_are_created_only_when_missing() -> None:
    from django.db import connection

    from measures.search import ensure_index

    assert ensure_index(connection) == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER measure_fts_ai")
        assert ensure_index(connection) == ["measure_fts_ai"]
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER measure_search_vector ON measures_measure")
        assert ensure_index(connection) == ["measure_search_vector_trigger"]
    assert ensure_index(connection) == []


@pytest.mark.django_db
def test_postgresql_keeps_each_sentences_search_vector_with_its_tokens(seed_data: None) -> None:
    """The stored tsvector is what the index expression used to compute, after inserts and updates alike."""
    from django.db import connection

    if connection.vendor != "postgresql":
        assert not Measure.objects.exclude(search_vector=None).exists()  # SQLite searches its FTS5 table
        return
    measure = Measure.objects.filter(is_measure=True).first()
    assert measure is not None
    Measure.objects.filter(pk=measure.pk).update(search_tokens="鲸鱼 平台")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM measures_measure WHERE search_vector IS DISTINCT FROM "
            "to_tsvector('simple'::regconfig, COALESCE(search_tokens, ''::text))"
        )
        assert cursor.fetchone() == (0,)
    assert list(Measure.objects.search(parse_query("鲸鱼")).values_list("pk", flat=True)) == [measure.pk]


def test_migrations_freeze_their_sql_instead_of_importing_app_code() -> None:
    from pathlib import Path

    import measures.migrations

    for path in Path(measures.migrations.__path__[0]).glob("0*.py"):
        source = path.read_text(encoding="utf-8")
        assert "from measures" not in source and "import measures" not in source, path.name


def test_a_query_word_finds_its_synonyms_from_the_shared_concepts(seed_data) -> None:  # type: ignore[no-untyped-def]
    """引入 (永嘉县) and 引进 (盐湖区) are one concept for search as for comparison."""
    from measures.models import Measure
    from measures.search import parse_query

    found = {
        m.document.region.slug
        for m in Measure.objects.search(parse_query("引进人才")).select_related("document__region")
    }
    assert {"yongjia", "yanhu"} <= found
    assert "引入" in parse_query("引进").highlight_terms
    assert "引入" in parse_query("引进人才").highlight_terms


@pytest.mark.usefixtures("seed_data")
class TestBoundedSearch:
    """Past WINDOW matches a search ranks and counts only the newest WINDOW of them."""

    def test_a_small_result_set_is_exact(self) -> None:

        from measures.search import search_window

        query = parse_query("检测中心")
        window = search_window(query)
        assert window.is_exact and window.matches == Measure.objects.search(query).count()

    def test_the_window_holds_the_newest_matches_ranked_as_the_slow_path_ranks_them(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]

        from measures import search

        monkeypatch.setattr(search.window, "WINDOW", 10)
        query = parse_query("产业")
        window = search.search_window(query)
        everything = list(Measure.objects.search(query).order_by("-relevance", "document_id", "position"))
        assert window.matches == len(everything) > 10 and not window.is_exact
        newest = sorted((m.pk for m in everything), reverse=True)[:10]
        bounded = list(Measure.objects.search(query, window).order_by("-relevance", "document_id", "position"))
        assert [m.pk for m in bounded] == [m.pk for m in everything if m.pk in newest]
        assert abs(window.estimate(len(bounded)) - len(everything)) <= 0.05 * len(everything)  # two figures

    def test_past_the_count_cap_the_total_is_extrapolated_from_the_newest_matches(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        """The capped count equals the full count below the cap; above it, the extrapolation from the slow path's ids."""

        from measures import search

        monkeypatch.setattr(search.window, "WINDOW", 10)
        query = parse_query("产业")
        newest = sorted((m.pk for m in Measure.objects.search(query)), reverse=True)
        monkeypatch.setattr(search.window, "COUNT_CAP", len(newest))
        assert search.search_window(query) == search.Window(matches=len(newest), since_id=newest[9], bounded=True)
        monkeypatch.setattr(search.window, "COUNT_CAP", 25)
        window = search.search_window(query)
        first_id = Measure.objects.order_by("pk").values_list("pk", flat=True)[0]
        expected = search.extrapolate_matches(
            counted=25, oldest_counted=newest[24], newest=newest[0], first_id=first_id
        )
        assert window == search.Window(matches=max(expected, 25), since_id=newest[9], matches_exact=False, bounded=True)

    def test_matches_spread_evenly_over_the_ids_extrapolate_to_their_number(self) -> None:
        from measures.search import extrapolate_matches

        for every in (1, 2, 7):
            ids = list(range(1, 100_001, every))
            estimate = extrapolate_matches(counted=2000, oldest_counted=ids[-2000], newest=ids[-1], first_id=1)
            assert abs(estimate - len(ids)) <= 0.05 * len(ids)  # two significant figures

    def test_the_list_page_says_when_counts_are_estimates(self, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]

        from measures import search

        monkeypatch.setattr(search.window, "WINDOW", 10)
        page = client.get("/measures/?q=产业").content.decode()
        assert "约" in page and "最新收录的 10 个匹配句子" in page
        assert (
            'class="filters filters--estimate"' in page and "带 ≈ 的计数是按比例估算的约数" in page
        )  # facet counts too
        exact = client.get("/measures/?q=专项资金&kind=all").content.decode()
        assert "filters--estimate" not in exact and "≈" not in exact
        data = client.get("/api/measures/?q=产业").json()
        assert data["estimated"] and data["total_estimate"] >= data["count"]
