"""The comparison grid on the seeds: columns, rows, overlap, counterparts, stability and similarity."""

import pytest

from measures.compare.grid import Comparison, Entry, build_comparison, region_columns
from measures.compare.similarity import COUNTERPART_THRESHOLD
from measures.models import Measure, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def grid(*slugs: str) -> Comparison:
    regions = {r.slug: r for r in Region.objects.filter(slug__in=slugs)}
    return build_comparison(region_columns([regions[slug] for slug in slugs]))


def cell(comparison: Comparison, category: str | None, column: int) -> list[Entry]:
    row = next(r for r in comparison.rows if (r.category.slug if r.category else None) == category)
    return row.cells[column].entries


def pairs(comparison: Comparison) -> dict[tuple[str, int, str], int | None]:
    """(category, measure id, other column) → counterpart id, for every entry."""
    return {
        (row.category.slug if row.category else "other", entry.measure.pk, counterpart.column.key): (
            counterpart.measure.pk if counterpart.measure else None
        )
        for row in comparison.rows
        for cell in row.cells
        for entry in cell.entries
        for counterpart in entry.counterparts
    }


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


def test_every_measure_sits_in_each_of_its_category_rows_and_other_holds_the_rest() -> None:
    comparison = grid("yongjia", "yanhu")
    for index, column in enumerate(comparison.columns):
        placed = {e.measure.pk for row in comparison.rows for e in row.cells[index].entries}
        assert placed == {m.pk for m in column.measures}
        other = {e.measure.pk for e in cell(comparison, None, index)}
        assert all(not Measure.objects.get(pk=pk).labels.filter(rejected=False).exists() for pk in other)


def test_a_region_beside_one_inside_it_is_compared_without_it() -> None:
    comparison = grid("wenzhou", "yongjia")
    wenzhou, yongjia = comparison.columns
    assert wenzhou.label == "温州市（不含永嘉县）" and yongjia.label == "永嘉县"
    assert {m.document.region.slug for m in wenzhou.measures} == {"wenzhou"}
    assert not {m.pk for m in wenzhou.measures} & {m.pk for m in yongjia.measures}
    for (_, measure, _), counterpart in pairs(comparison).items():
        assert counterpart != measure, "no measure is its own counterpart"
    assert comparison.excludes


def test_the_province_beside_a_county_leaves_the_county_out_and_keeps_the_city() -> None:
    comparison = grid("zhejiang", "yongjia")
    zhejiang = comparison.columns[0]
    assert zhejiang.label == "浙江省（不含永嘉县）"
    assert {m.document.region.slug for m in zhejiang.measures} == {"wenzhou"}


def test_the_fund_of_yongjia_pairs_with_a_fund_of_yanhu() -> None:
    comparison = grid("yongjia", "yanhu")
    fund = next(e for e in cell(comparison, "finance", 0) if e.measure.text.startswith("设立泵阀产业专项资金"))
    (counterpart,) = fund.counterparts
    assert counterpart.column.title == "盐湖区"
    assert counterpart.measure is not None and "专项资金" in counterpart.measure.text
    assert counterpart.score >= COUNTERPART_THRESHOLD
    assert "专项资金" in counterpart.own_clause and "专项资金" in counterpart.their_clause


def test_attracting_and_keeping_talent_pairs_across_different_words() -> None:
    """引入和留住人才 (永嘉县) ≈ 柔性引进高端技术人才…拴心留人的人才洼地 (盐湖区): the issue's missed pair."""
    comparison = grid("yongjia", "yanhu")
    flexible = next(e for e in cell(comparison, "talent", 1) if e.measure.text.startswith("柔性引进高端技术人才"))
    (counterpart,) = flexible.counterparts
    assert counterpart.measure is not None and "引入和留住人才" in counterpart.measure.text
    assert not flexible.is_unique


def test_measures_without_a_close_counterpart_are_unique() -> None:
    comparison = grid("yongjia", "yanhu")
    listing = next(e for e in cell(comparison, "finance", 0) if "股改上市" in e.measure.text)
    assert listing.is_unique and listing.counterparts[0].measure is None


def test_adding_columns_changes_no_existing_pair() -> None:
    two = pairs(grid("yongjia", "yanhu"))
    four = pairs(grid("yongjia", "yanhu", "dawa", "xiangyangqu"))
    assert two, "the two-region grid has entries"
    assert {key: four[key] for key in two} == two
    reordered = pairs(grid("xiangyangqu", "yanhu", "dawa", "yongjia"))
    assert reordered == four


def test_counterparts_and_scores_are_the_same_in_both_directions_of_a_pair() -> None:
    comparison = grid("yongjia", "yanhu")
    scores = {
        (entry.measure.pk, c.measure.pk): c.score
        for row in comparison.rows
        for cell in row.cells
        for entry in cell.entries
        for c in entry.matched
    }
    for (a, b), score in scores.items():
        if (b, a) in scores:
            assert scores[(b, a)] == pytest.approx(score)


def test_an_empty_column_gives_no_counterparts_and_no_errors() -> None:
    comparison = grid("yongjia", "dawa")
    for entry in cell(comparison, "branding", 0):
        assert entry.is_unique


@pytest.mark.xfail(
    strict=True,
    reason="does not hold on the seeds (cmp, held-out matcher): over the six pairs of these four regions the "
    "counterpart rate spans 0.27-0.70 (0.43) and the mix cosine 0.46-0.95 (0.49); the two disagree on which "
    "pairs are alike (大洼县's speech is closest to 襄阳区 by its measures, 0.70, but only 0.71 by the mix), and "
    "the mix's range rests on one pair, 盐湖区/大洼县. Over the hand-labelled documents with >= 10 measures "
    "(make eval) the claim holds: 0.00-0.70 from the measures vs 0.34-0.92 by the mix. Kept strict so it is "
    "re-checked when matching changes.",
)
def test_similarity_is_computed_from_the_measures_and_spreads_regions_out() -> None:
    comparison = grid("yongjia", "yanhu", "dawa", "xiangyangqu")
    by_pair = {(s.a.key, s.b.key): s for s in comparison.similarity}
    assert len(by_pair) == 6
    for pair in by_pair.values():
        a_matched = sum(any(c.column == pair.b for c in e.matched) for e in _entries(comparison, pair.a.key))
        assert (0 <= pair.a_covered <= 1 and a_matched > 0) or pair.a_covered == 0
    measures = [s.measures for s in by_pair.values()]
    mixes = [s.mix for s in by_pair.values()]
    assert max(measures) - min(measures) > max(mixes) - min(mixes), (
        "measure overlap separates regions more than the mix"
    )


def _entries(comparison: Comparison, key: str) -> list[Entry]:
    index = next(i for i, c in enumerate(comparison.columns) if c.key == key)
    return [e for row in comparison.rows for e in row.cells[index].entries]


def test_policy_mix_is_shares_per_column() -> None:
    comparison = grid("yongjia", "yanhu", "dawa")
    for mix in comparison.mixes:
        assert all(0 <= share <= 1 for _, share in mix.shares)
        finance = next(share for category, share in mix.shares if category and category.slug == "finance")
        expected = sum(
            1 for m in mix.column.measures if any(label.category.slug == "finance" for label in m.applied_labels)
        )
        assert finance == pytest.approx(expected / mix.column.total)


def test_the_summary_pairs_are_the_best_in_their_row_each_once() -> None:
    comparison = grid("yongjia", "yanhu")
    talent = next(r for r in comparison.rows if r.category and r.category.slug == "talent")
    top = talent.top_pairs
    assert top and top[0].counterpart.score == max(p.counterpart.score for p in top)
    keys = [frozenset([p.entry.measure.pk, p.counterpart.measure.pk]) for p in top if p.counterpart.measure]
    assert len(keys) == len(set(keys))


def test_documents_can_be_compared_too() -> None:
    from measures.compare.grid import document_columns
    from measures.models import Document

    documents = list(Document.objects.order_by("pk")[:2])
    comparison = build_comparison(document_columns(documents))
    assert comparison.mode == "documents"
    assert all(m.document_id == documents[0].pk for m in comparison.columns[0].measures)
