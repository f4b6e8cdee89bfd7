"""Comparison building: columns, grid, policy mix, counterparts, peers and the matrix."""

import pytest

from measures import compare
from measures.models import Measure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def grid(*slugs: str) -> compare.Comparison:
    return compare.build_comparison(compare.region_columns(list(slugs)))


def cell(comparison: compare.Comparison, category: str | None, column: int) -> list[compare.Entry]:
    row = next(r for r in comparison.rows if (r.category.slug if r.category else None) == category)
    return row.cells[column].entries


def test_grid_for_yongjia_yanhu_and_dawa() -> None:
    comparison = grid("yongjia", "yanhu", "dawa")
    assert [c.title for c in comparison.columns] == ["永嘉县", "盐湖区", "大洼县"]
    assert [c.total for c in comparison.columns] == [
        Measure.objects.measures().filter(document__region__slug=slug).count() for slug in ["yongjia", "yanhu", "dawa"]
    ]
    assert [r.category.slug if r.category else None for r in comparison.rows] == [
        "finance", "talent", "land", "branding", "platforms", None,
    ]  # fmt: skip
    assert cell(comparison, "branding", 2) == [], "大洼县's speech has no branding measure"
    assert len(cell(comparison, "land", 2)) > len(cell(comparison, "land", 0))
    fund = next(e for e in cell(comparison, "finance", 0) if e.measure.text.startswith("设立泵阀产业专项资金"))
    assert fund.measure in Measure.objects.in_category("finance")


def test_every_measure_sits_in_each_of_its_category_rows_and_other_holds_the_rest() -> None:
    comparison = grid("yongjia", "yanhu")
    for index, column in enumerate(comparison.columns):
        placed = {e.measure.pk for row in comparison.rows for e in row.cells[index].entries}
        assert placed == {m.pk for m in column.measures}
        other = {e.measure.pk for e in cell(comparison, None, index)}
        assert all(not Measure.objects.get(pk=pk).labels.filter(rejected=False).exists() for pk in other)


def test_a_region_column_includes_the_regions_below_it() -> None:
    comparison = grid("wenzhou", "yongjia")
    wenzhou, yongjia = comparison.columns
    assert {m.pk for m in yongjia.measures} < {m.pk for m in wenzhou.measures}


def test_counterparts_pair_the_special_funds_of_yongjia_and_yanhu() -> None:
    comparison = grid("yongjia", "yanhu")
    fund = next(e for e in cell(comparison, "finance", 0) if e.measure.text.startswith("设立泵阀产业专项资金"))
    (counterpart,) = fund.counterparts
    assert counterpart.column.title == "盐湖区"
    assert counterpart.measure is not None and "专项资金" in counterpart.measure.text
    assert counterpart.score >= compare.COUNTERPART_THRESHOLD
    assert "专项资金" in counterpart.own_clause and "专项资金" in counterpart.their_clause


def test_measures_without_a_close_counterpart_are_unique() -> None:
    comparison = grid("yongjia", "yanhu")
    listing = next(e for e in cell(comparison, "finance", 0) if "股改上市" in e.measure.text)
    assert listing.is_unique and listing.counterparts[0].measure is None


def test_an_empty_column_gives_no_counterparts_and_no_errors() -> None:
    comparison = grid("yongjia", "dawa")
    for entry in cell(comparison, "branding", 0):
        assert entry.is_unique


def test_policy_mix_is_shares_and_similarity_is_symmetric() -> None:
    comparison = grid("yongjia", "yanhu", "dawa")
    for mix in comparison.mixes:
        assert all(0 <= share <= 1 for _, share in mix.shares)
        finance = next(share for category, share in mix.shares if category and category.slug == "finance")
        expected = sum(
            1 for m in mix.column.measures if any(label.category.slug == "finance" for label in m.applied_labels)
        )
        assert finance == pytest.approx(expected / mix.column.total)
    scores = {(a.key, b.key): s for a, b, s in comparison.similarity}
    assert set(scores) == {("yongjia", "yanhu"), ("yongjia", "dawa"), ("yanhu", "dawa")}
    reverse = {(a.key, b.key): s for a, b, s in grid("yanhu", "yongjia").similarity}
    assert reverse[("yanhu", "yongjia")] == pytest.approx(scores[("yongjia", "yanhu")])


@pytest.mark.parametrize(
    ("slugs", "message"),
    [(["yongjia"], "至少"), (["yongjia", "atlantis"], "atlantis"), (["a", "b", "c", "d", "e"], "最多")],
)
def test_bad_region_lists_raise_a_readable_error(slugs: list[str], message: str) -> None:
    with pytest.raises(compare.CompareError, match=message):
        compare.region_columns(slugs)


def test_documents_can_be_compared_too() -> None:
    comparison = compare.build_comparison(compare.document_columns([1, 2]))
    assert comparison.mode == "documents"
    assert all(m.document_id == 1 for m in comparison.columns[0].measures)
    with pytest.raises(compare.CompareError, match="99999"):
        compare.document_columns([1, 99999])


def test_peers_rank_regions_by_policy_mix_similarity() -> None:
    from measures.models import Region

    yongjia = Region.objects.get(slug="yongjia")
    peers = compare.peers(yongjia)
    assert len(peers) == 3 and yongjia not in [p.region for p in peers]
    assert [p.score for p in peers] == sorted((p.score for p in peers), reverse=True)
    assert peers[0].region.slug == "yanhu"


def test_coverage_matrix_rolls_counts_up_the_region_tree() -> None:
    _categories, rows, peak = compare.coverage_matrix()
    by_slug = {row.region.slug: row for row in rows}
    assert (
        by_slug["zhejiang"].total
        == by_slug["wenzhou"].total
        == Measure.objects.measures().filter(document__region__path__startswith="330000/").count()
    )
    assert by_slug["yongjia"].total < by_slug["wenzhou"].total
    assert peak == max(n for row in rows for _, n in row.counts)
