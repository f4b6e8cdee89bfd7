"""The fast comparison (stored clause terms, one clause bank, pairwise products, cached pairs, bounded cells)
gives the same counterparts, scores, clauses and order as the slow path: the text-based matcher, pair by pair."""

import pytest
from django.core.cache import cache

from measures.compare import corpus
from measures.compare.grid import CELL_LIMIT, Comparison, build_comparison, region_columns
from measures.compare.similarity import Matcher, clauses, focus_clauses, sentence_terms
from measures.models import Category, Measure, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]

SLUGS = ("yongjia", "yanhu", "dawa", "xiangyangqu")
Decisions = dict[tuple[str, int, str], tuple[int | None, float, str, str]]


def grid(*slugs: str) -> Comparison:
    regions = {r.slug: r for r in Region.objects.filter(slug__in=slugs)}
    return build_comparison(region_columns([regions[slug] for slug in slugs]))


def fast(comparison: Comparison) -> Decisions:
    return {
        (row.category.slug if row.category else "other", entry.measure.pk, c.column.key): (
            c.measure.pk if c.measure else None,
            c.score,
            c.own_clause,
            c.their_clause,
        )
        for row in comparison.rows
        for cell in row.cells
        for entry in cell.entries
        for c in entry.counterparts
    }


def focus(measure: Measure, category: Category | None) -> tuple[str, ...]:
    """The clauses a row matches on, from the text (as the matcher did before clause terms were stored)."""
    if category is None:
        return clauses(measure.text)
    labels = measure.applied_labels  # type: ignore[attr-defined]
    evidence = [t for label in labels if label.category_id == category.pk for t in label.evidence]
    return focus_clauses(clauses(measure.text), evidence)


def slow(comparison: Comparison) -> Decisions:
    """Every row and pair of columns matched from the measures' texts with ``Matcher.best_matches``."""
    every = [m for column in comparison.columns for m in column.measures]
    matcher = Matcher(corpus.term_stats(term for m in every for term in sentence_terms(m.text)))
    result: Decisions = {}
    for row in comparison.rows:
        key = row.category.slug if row.category else "other"
        for cell in row.cells:
            mine = [focus(e.measure, row.category) for e in cell.entries]
            for other in row.cells:
                if other is cell:
                    continue
                theirs = [e.measure for e in other.entries]
                matches = matcher.best_matches(mine, [focus(m, row.category) for m in theirs])
                for entry, match in zip(cell.entries, matches, strict=True):
                    result[(key, entry.measure.pk, other.column.key)] = (
                        theirs[match.index].pk if match.index is not None else None,
                        match.score,
                        match.own_clause,
                        match.their_clause,
                    )
    return result


def assert_same(got: Decisions, expected: Decisions) -> None:
    assert got.keys() == expected.keys()
    for key, (counterpart, score, own, their) in expected.items():
        assert got[key][0] == counterpart, key
        assert got[key][1] == pytest.approx(score, abs=1e-9), key
        assert got[key][2:] == (own, their), key


def test_the_fast_path_gives_the_slow_paths_counterparts_scores_and_clauses() -> None:
    comparison = grid(*SLUGS)
    decisions = fast(comparison)
    assert any(counterpart is not None for counterpart, *_ in decisions.values()), "some measures are matched"
    assert_same(decisions, slow(comparison))


def test_rows_stored_before_clause_terms_existed_match_the_same() -> None:
    expected = fast(grid(*SLUGS))
    Measure.objects.update(clause_terms=[])
    cache.clear()
    assert_same(fast(grid(*SLUGS)), expected)


def test_cached_pairs_give_the_same_grid_in_any_column_order() -> None:
    cold = fast(grid(*SLUGS))
    warm = fast(grid(*reversed(SLUGS)))
    assert warm == cold


def test_cells_list_their_first_entries_in_document_order_until_the_row_is_expanded() -> None:
    comparison = grid("xiangyangqu", "dawa")
    row = max(comparison.rows, key=lambda r: len(r.cells[0].entries))
    cell = row.cells[0]
    assert len(cell.entries) > CELL_LIMIT, "the seeds have a cell long enough to be cut"
    assert cell.shown == cell.entries[:CELL_LIMIT] and cell.hidden == len(cell.entries) - CELL_LIMIT
    assert not row.expanded
    comparison.expand(row.key)
    assert row.expanded and cell.shown == cell.entries and cell.hidden == 0
    assert all(not r.expanded for r in comparison.rows if r is not row)
