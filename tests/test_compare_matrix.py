"""The coverage matrix and peers: own documents apart from what rolls up from below."""

import pytest

from measures.compare.matrix import coverage_matrix, peers
from measures.models import Measure, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]


def test_rows_keep_own_documents_apart_from_what_rolls_up() -> None:
    _categories, rows = coverage_matrix()
    by_slug = {row.region.slug: row for row in rows}
    wenzhou, yongjia = by_slug["wenzhou"], by_slug["yongjia"]
    assert wenzhou.own == Measure.objects.measures().filter(document__region__slug="wenzhou").count()
    assert wenzhou.below == yongjia.total == yongjia.own
    assert wenzhou.total == Measure.objects.measures().filter(document__region__path__startswith="330000/").count()


def test_a_chain_of_regions_without_documents_folds_into_one_row() -> None:
    """山西省 › 运城市 › 盐湖区 is one row, not three rows with identical numbers."""
    _categories, rows = coverage_matrix()
    slugs = [row.region.slug for row in rows]
    assert "shanxi" not in slugs and "yuncheng" not in slugs
    yanhu = next(row for row in rows if row.region.slug == "yanhu")
    assert [r.name for r in yanhu.ancestors] == ["山西省", "运城市"]
    totals = [(row.own, row.below, [c.count for c in row.cells]) for row in rows]
    assert len(totals) == len({str(t) for t in totals}), "no two rows repeat the same numbers"


def test_cells_carry_shares_of_the_row_total() -> None:
    _categories, rows = coverage_matrix()
    for row in rows:
        for cell in row.cells:
            assert cell.share == pytest.approx(cell.count / row.total)


def test_peers_rank_regions_by_policy_mix_similarity() -> None:
    yongjia = Region.objects.get(slug="yongjia")
    found = peers(yongjia)
    assert len(found) == 3 and yongjia not in [p.region for p in found]
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
