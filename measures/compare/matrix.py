"""Region-level aggregates: the coverage matrix and a region's peers.

Counts are aggregated per region in the database (three queries), then rolled up
along each region's path in Python, keeping what a region's own documents say apart
from what rolls up from the regions below it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count

from ..aggregates import cached
from ..models import Category, Label, Measure, Region
from .similarity import cosine


@dataclass
class RegionCounts:
    """Measures of some documents: the total, and per category id (``None``: no category)."""

    total: int = 0
    per_category: Counter[int | None] = field(default_factory=Counter)

    def add(self, other: RegionCounts) -> None:
        self.total += other.total
        self.per_category.update(other.per_category)

    def shares(self, categories: Sequence[Category]) -> list[float]:
        keys: list[int | None] = [c.pk for c in categories]
        return [self.per_category[key] / self.total if self.total else 0.0 for key in [*keys, None]]


def counts_by_region() -> dict[int, RegionCounts]:
    """Per region id, counts over the documents filed under that region itself.

    Three whole-table aggregates, cached until the data changes (``measures.aggregates``), so region
    pages and the matrix do not repeat them on every view.
    """
    return cached("counts_by_region", _count_by_region)


def _count_by_region() -> dict[int, RegionCounts]:
    counts: dict[int, RegionCounts] = defaultdict(RegionCounts)
    measures = Measure.objects.measures()
    for total in measures.values("document__region").annotate(n=Count("pk")).order_by():
        counts[total["document__region"]].total = total["n"]
    labels = (
        Label.objects.applied()
        .filter(measure__is_measure=True)
        .values("measure__document__region", "category")
        .annotate(n=Count("measure", distinct=True))
        .order_by()
    )
    for label in labels:
        counts[label["measure__document__region"]].per_category[label["category"]] = label["n"]
    for rest in measures.uncategorised().values("document__region").annotate(n=Count("pk")).order_by():
        counts[rest["document__region"]].per_category[None] = rest["n"]
    return dict(counts)


@dataclass(frozen=True)
class Peer:
    region: Region
    score: float


def peers(region: Region, *, limit: int = 3) -> list[Peer]:
    """The regions whose policy mix (of their own documents) is most similar to ``region``'s."""
    categories = list(Category.objects.order_by("order"))
    counts = counts_by_region()
    own = counts.get(region.pk)
    if own is None or not own.total:
        return []
    others = Region.objects.filter(pk__in=[pk for pk in counts if pk != region.pk])
    scored = [Peer(other, cosine(own.shares(categories), counts[other.pk].shares(categories))) for other in others]
    return sorted(scored, key=lambda p: (-p.score, p.region.code))[:limit]


@dataclass(frozen=True)
class MatrixCell:
    category: Category
    count: int
    share: float  # of the row's measures, own and below


@dataclass(frozen=True)
class MatrixRow:
    region: Region
    ancestors: tuple[Region, ...]  # regions above with nothing of their own, folded into this row
    depth: int
    own: int  # measures in documents filed under this region itself
    below: int  # measures rolled up from the regions below it
    cells: tuple[MatrixCell, ...]

    @property
    def total(self) -> int:
        return self.own + self.below


def coverage_matrix() -> tuple[list[Category], list[MatrixRow]]:
    """Every region with documents in its subtree × every category.

    A region with no documents of its own and a single region below it would only
    repeat that region's numbers, so it is folded into it as an ancestor
    (山西省 › 运城市 › 盐湖区 is one row, not three identical ones).
    """
    categories = list(Category.objects.order_by("order"))
    own = counts_by_region()
    with_documents = list(Region.objects.filter(pk__in=list(own)).only("path"))
    regions = list(Region.objects.on_lineage_of(with_documents).order_by("path"))
    by_code = {r.code: r for r in regions}
    rolled: dict[int, RegionCounts] = defaultdict(RegionCounts)
    children: dict[int, int] = Counter()
    for region in regions:
        if region.pk in own:
            for code in region.lineage:
                if code in by_code:
                    rolled[by_code[code].pk].add(own[region.pk])
        if region.parent_id is not None:
            children[region.parent_id] += 1
    rows: list[MatrixRow] = []
    folded: list[Region] = []
    for region in regions:
        total = rolled[region.pk]
        mine = own.get(region.pk, RegionCounts())
        if not mine.total and children[region.pk] == 1:
            folded.append(region)
            continue
        ancestors = tuple(r for r in folded if region.path.startswith(r.path))
        folded = [r for r in folded if r not in ancestors]
        rows.append(
            MatrixRow(
                region=region,
                ancestors=ancestors,
                depth=sum(region.path.startswith(row.region.path) for row in rows),
                own=mine.total,
                below=total.total - mine.total,
                cells=tuple(
                    MatrixCell(
                        c, total.per_category[c.pk], total.per_category[c.pk] / total.total if total.total else 0
                    )
                    for c in categories
                ),
            )
        )
    return categories, rows
