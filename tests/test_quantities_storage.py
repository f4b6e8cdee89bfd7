"""Quantities and strength are stored at ingest, refreshed on re-reading, filterable and shown."""

import pytest
from django.core.management import call_command
from django.test import Client

from measures.filters import MeasureFilterSet
from measures.ingest.pipeline import DocumentMeta, ingest_document, reclassify
from measures.models import Measure, MeasureStrength, Quantity, QuantityKind, Region
from tests.conftest import seed_text

pytestmark = pytest.mark.django_db

FUND = "区财政每年拿出50万元设立产业集群发展专项资金"


@pytest.fixture
def xiangyang(categories: None) -> Region:
    return Region.objects.get(code="420607")


def test_ingest_stores_each_sentences_quantities_and_strength(xiangyang: Region) -> None:
    document = ingest_document(data=seed_text("002"), region=xiangyang, meta=DocumentMeta()).document
    fund = document.sentences.get(text__contains=FUND)
    assert (fund.strength, fund.strength_cue) == (MeasureStrength.COMMITMENT, "拿出")
    money = fund.quantities.get(text="50万元")
    assert (money.kind, money.normalised, money.per_year, money.label) == ("money", 50, True, "50万元/年")
    assert fund.text[money.start : money.end] == "50万元"
    assert Quantity.objects.filter(measure__document=document).count() >= 5


def test_reclassify_and_the_backfill_rebuild_the_reading(xiangyang: Region) -> None:
    document = ingest_document(data=seed_text("002"), region=xiangyang, meta=DocumentMeta()).document
    fund = document.sentences.get(text__contains=FUND)
    Quantity.objects.all().delete()
    Measure.objects.update(strength="", strength_cue="")
    reclassify(measures=Measure.objects.filter(pk=fund.pk))
    fund.refresh_from_db()
    assert fund.strength == MeasureStrength.COMMITMENT and fund.quantities.count() == 2
    assert Quantity.objects.exclude(measure=fund).count() == 0

    call_command("extract_quantities", verbosity=0)
    total = Quantity.objects.count()
    call_command("extract_quantities", verbosity=0)  # idempotent
    assert Quantity.objects.count() == total > 2


def test_a_measure_without_a_cue_is_a_stated_commitment_and_follows_its_kind(xiangyang: Region) -> None:
    document = ingest_document(data="统一规划县乡村公共设施。", region=xiangyang, meta=DocumentMeta()).document
    sentence = document.sentences.get()
    assert sentence.stated_strength == "" and sentence.is_measure == (sentence.strength == "commitment")
    Measure.objects.filter(pk=sentence.pk).update(is_measure=True)
    sentence.refresh_from_db()
    assert (sentence.strength, sentence.strength_label) == ("commitment", "承诺")
    Measure.objects.filter(pk=sentence.pk).update(is_measure=False)  # a curator's decision
    sentence.refresh_from_db()
    assert sentence.strength == "" and sentence.strength_label == ""


def test_backfill_refuses_an_unknown_document(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no document"):
        call_command("extract_quantities", document=999)


@pytest.mark.usefixtures("seed_data")
class TestFilters:
    def test_shipped_fixtures_carry_quantities_and_strength(self) -> None:
        assert Quantity.objects.filter(kind=QuantityKind.MONEY).exists()
        assert Measure.objects.measures().exclude(strength="").exists()

    def test_money_min_keeps_measures_stating_at_least_that_much(self) -> None:
        filterset = MeasureFilterSet({"money_min": "40", "kind": "all"}, queryset=Measure.objects.all())
        assert filterset.is_valid()
        found = list(filterset.qs)
        assert any(FUND in m.text for m in found)
        for measure in found:
            assert any(
                q.kind == "money" and (q.normalised_max or q.normalised or 0) >= 40 for q in measure.quantities.all()
            )
        assert not any(FUND in m.text for m in MeasureFilterSet({"money_min": "60", "kind": "all"}).qs)

    def test_money_max_and_land_min(self) -> None:
        small = MeasureFilterSet({"money_max": "50", "kind": "all"}, queryset=Measure.objects.all()).qs
        assert any(FUND in m.text for m in small)
        land = list(MeasureFilterSet({"land_min": "1000", "kind": "all"}, queryset=Measure.objects.all()).qs)
        assert land and all(m.quantities.filter(kind="land", normalised__gte=1000).exists() for m in land)

    def test_strength_filter_and_sort_by_money(self) -> None:
        binding = MeasureFilterSet({"strength": ["binding"], "kind": "all"}, queryset=Measure.objects.all()).qs
        assert binding.exists() and set(binding.values_list("strength", flat=True)) == {"binding"}
        ordered = list(
            MeasureFilterSet({"sort": "-money", "has": ["money"], "kind": "all"}, queryset=Measure.objects.all()).qs
        )
        largest = [m.largest_money for m in ordered]  # type: ignore[attr-defined]
        assert largest == sorted(largest, reverse=True) and largest[0] > largest[-1]

    def test_bad_quantity_filters_are_refused(self, reader: Client) -> None:
        for query in ["money_min=lots", "strength=absolute", "sort=-weight", "money_min=-5"]:
            response = reader.get(f"/measures/?{query}")
            assert response.status_code == 400, query
            assert reader.get(f"/api/measures/?{query}").status_code == 400

    def test_list_rows_show_strength_and_quantities_in_chinese(self, reader: Client) -> None:
        page = reader.get("/measures/?money_min=40&kind=all").content.decode()
        assert "50万元/年" in page and 'class="strength strength--commitment"' in page and "承诺" in page

    def test_list_rows_show_quantities_in_english_under_english(self, reader: Client) -> None:
        page = reader.get("/measures/?money_min=40&kind=all", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "500,000 yuan a year" in page and "50万元/年" not in page

    def test_document_page_shows_quantities_on_measures(self, reader: Client) -> None:
        fund = Measure.objects.get(text__contains=FUND)
        page = reader.get(f"/documents/{fund.document_id}/").content.decode()
        assert "50万元/年" in page

    def test_api_carries_quantities_and_strength(self, reader: Client) -> None:
        data = reader.get("/api/measures/?money_min=40&kind=all&sort=-money").json()
        fund = next(r for r in data["results"] if FUND in r["text"])
        assert fund["strength"] == {"level": "commitment", "cue": "拿出"}
        money = next(q for q in fund["quantities"] if q["text"] == "50万元")
        assert money["label"] == "50万元/年" and money["normalised"] == 50 and money["per_year"] is True

    def test_csv_carries_quantities(self, reader: Client) -> None:
        body = b"".join(reader.get("/measures.csv?money_min=40&kind=all").streaming_content).decode()  # type: ignore[attr-defined]
        assert "50万元/年" in body

    def test_quantity_filters_add_no_queries(self, reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
        """Guards the list page with quantity filters and sort: the same count as without them (data stamp, count,
        page ids then their rows, labels, tags, quantities, facets, the region tree's names above the regions with
        rows and the picker, once per cold cache)."""
        with django_assert_num_queries(16):
            assert reader.get("/measures/?kind=all").status_code == 200
        with django_assert_num_queries(15):  # the picker is cached now
            assert reader.get("/measures/?kind=all&money_min=10&strength=commitment&sort=-money").status_code == 200

    def test_api_query_count_with_quantity_filters(self, reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
        """Guards the measures API under quantity filters: data stamp, count, page ids, rows, labels, tags, quantities."""
        with django_assert_num_queries(7):
            data = reader.get("/api/measures/?money_min=10&has=count&kind=all&page_size=5").json()
        assert len(data["results"]) >= 3 and all(row["quantities"] for row in data["results"])


@pytest.mark.usefixtures("seed_data")
def test_curators_see_quantities_read_only_and_filter_by_strength(curator_client: Client) -> None:
    fund = Measure.objects.get(text__contains=FUND)
    page = curator_client.get(f"/admin/measures/measure/{fund.pk}/change/").content.decode()
    assert "50万元/年" in page and "quantities-0-kind" not in page  # shown, not editable
    binding = Measure.objects.filter(strength="binding")
    listing = curator_client.get("/admin/measures/measure/?strength=binding").content.decode()
    assert binding.exists() and binding.first().text[:40] in listing  # type: ignore[union-attr]
    assert Measure.objects.exclude(strength="binding").first().text[:40] not in listing  # type: ignore[union-attr]


def test_finance_measures_over_a_thousand_wan_yuan(xiangyang: Region, reader: Client) -> None:
    text = "对成效显著的县，每年给予最高1000万元专项资金奖励。\n设立50万元产业发展专项资金。\n新增工业用地两千亩。"
    ingest_document(data=text, region=xiangyang, meta=DocumentMeta())
    data = reader.get("/api/measures/?category=finance&money_min=1000").json()
    assert [row["text"][:8] for row in data["results"]] == ["对成效显著的县，"]
    (money,) = data["results"][0]["quantities"]
    assert (money["label"], money["bound"], money["per_year"]) == ("最高1,000万元/年", "max", True)
    land = reader.get("/api/measures/?land_min=2000&kind=all").json()["results"]
    assert [q["label"] for row in land for q in row["quantities"]] == ["2,000亩"]


@pytest.mark.usefixtures("seed_data")
def test_search_with_a_quantity_sort_orders_the_matches_by_amount(reader: Client) -> None:
    rows = reader.get("/api/measures/?q=产值&kind=all&sort=-money&page_size=200").json()["results"]
    largest = [
        max(
            (
                q["normalised_max"] or q["normalised"]
                for q in r["quantities"]
                if q["kind"] == "money" and q["normalised"]
            ),
            default=None,
        )
        for r in rows
    ]
    amounts = [value for value in largest if value is not None]
    assert len(amounts) >= 3 and amounts == sorted(amounts, reverse=True)
    assert largest[: len(amounts)] == amounts  # sentences without an amount come last
