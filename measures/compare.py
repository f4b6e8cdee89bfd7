"""Side-by-side comparison of regions or documents: grids, policy mixes, counterparts, peers.

Everything is fetched in a fixed number of queries (columns, categories, measures
with their labels) and grouped in Python, so the cost does not grow with the number
of columns.

Counterparts: a policy sentence is usually a list of clauses (设立专项资金，加强土地
要素保障，…), so two measures are as similar as their best-matching pair of clauses.
Clauses are TF-IDF vectors over jieba words (scikit-learn); one sparse product gives
every clause pair, and a vectorised max-reduce turns that into measure pairs.
Counterparts are sought within the same category row.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from .aggregates import cached
from .ingest.segment import search_tokenizer
from .models import Category, Document, Label, Measure, MeasureQuerySet, Region

# A comparison's grid shows at most this many measures per column (the first, in document
# order); totals and policy mixes always count every measure.
MAX_COLUMN_MEASURES = 60
MIN_COLUMNS = 2
MAX_COLUMNS = 4
# Below this clause-level TF-IDF cosine, two measures are not counterparts: the measure
# is unique to its column in that category. Chosen by reading the seed comparisons:
# pairs scoring 0.30-0.34 shared only generic words such as 制造 or 产品.
COUNTERPART_THRESHOLD = 0.35
_CLAUSE_BREAK = re.compile(r"[，；：、。！？,;:!?]")
_MIN_CLAUSE_CHARS = 4


class CompareError(ValueError):
    """A comparison request that cannot be answered, with a message for the page."""


@dataclass
class Column:
    key: str
    title: str
    subtitle: str
    url: str
    region: Region | None = None
    document: Document | None = None
    measures: list[Measure] = field(default_factory=list)
    # Every measure of the column, counted in the database (``measures`` holds at most
    # MAX_COLUMN_MEASURES of them) and its policy mix over all of them.
    measure_total: int = 0
    category_totals: dict[int | None, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.measure_total or len(self.measures)

    @property
    def is_sampled(self) -> bool:
        return self.total > len(self.measures)


@dataclass(frozen=True)
class Counterpart:
    column: Column
    measure: Measure | None
    score: float
    own_clause: str = ""
    their_clause: str = ""


@dataclass
class Entry:
    """One measure in a cell, with its closest measure in each other column."""

    measure: Measure
    counterparts: list[Counterpart] = field(default_factory=list)

    @property
    def is_unique(self) -> bool:
        return all(c.measure is None for c in self.counterparts)


@dataclass
class Cell:
    column: Column
    entries: list[Entry]


@dataclass
class Row:
    category: Category | None  # None: measures with no category
    cells: list[Cell]


@dataclass(frozen=True)
class Mix:
    column: Column
    shares: list[tuple[Category | None, float]]


@dataclass
class Comparison:
    columns: list[Column]
    rows: list[Row]
    mixes: list[Mix]
    similarity: list[tuple[Column, Column, float]]

    @property
    def mode(self) -> str:
        return "documents" if self.columns[0].document is not None else "regions"


def _check_count(keys: Sequence[object], *, too_few: str, too_many: str) -> None:
    if len(keys) < MIN_COLUMNS:
        raise CompareError(too_few)
    if len(keys) > MAX_COLUMNS:
        raise CompareError(too_many % {"count": len(keys)})


def region_columns(slugs: Sequence[str]) -> list[Column]:
    _check_count(
        slugs, too_few=_("请至少选择两个地区进行对比。"), too_many=_("最多同时对比四个地区（收到 %(count)s 个）。")
    )
    regions = {r.slug: r for r in Region.objects.filter(slug__in=slugs).select_related("parent")}
    unknown = [slug for slug in slugs if slug not in regions]
    if unknown:
        raise CompareError(_("找不到这些地区：%(slugs)s") % {"slugs": "、".join(unknown)})
    return [_region_column(regions[slug]) for slug in slugs]


def _region_column(region: Region) -> Column:
    parent = f"{region.parent.name} · " if region.parent else ""
    return Column(
        key=region.slug,
        title=region.name,
        subtitle=f"{parent}{region.code}",
        url=region.get_absolute_url(),
        region=region,
    )


def document_columns(ids: Sequence[int]) -> list[Column]:
    """Columns for documents by id (parsed and validated by ``forms.CompareForm``)."""
    _check_count(
        ids, too_few=_("请至少选择两份文件进行对比。"), too_many=_("最多同时对比四份文件（收到 %(count)s 份）。")
    )
    keys = [str(pk) for pk in ids]
    documents = {str(d.pk): d for d in Document.objects.filter(pk__in=ids).select_related("region")}
    unknown = [key for key in keys if key not in documents]
    if unknown:
        raise CompareError(_("找不到这些文件：%(keys)s") % {"keys": ", ".join(unknown)})
    return [
        Column(
            key=key,
            title=documents[key].title,
            subtitle=f"{documents[key].region.name} · {documents[key].get_doc_type_display()}",
            url=documents[key].get_absolute_url(),
            document=documents[key],
        )
        for key in keys
    ]


def build_comparison(columns: list[Column]) -> Comparison:
    """Fill the columns with their measures and derive the grid, mixes and counterparts."""
    categories = list(Category.objects.order_by("order"))
    _fill(columns)
    similarity_model = _SimilarityModel([m for column in columns for m in column.measures])
    rows = []
    for category in [*categories, None]:
        members = [[m for m in column.measures if _in_category(m, category)] for column in columns]
        entries = similarity_model.cells(columns, members, category)
        rows.append(Row(category, [Cell(column, cell) for column, cell in zip(columns, entries, strict=True)]))
    mixes = [Mix(column, _column_mix(column, categories)) for column in columns]
    similarity = [
        (a.column, b.column, cosine([s for _, s in a.shares], [s for _, s in b.shares]))
        for i, a in enumerate(mixes)
        for b in mixes[i + 1 :]
    ]
    return Comparison(columns, rows, mixes, similarity)


def _column_measures(column: Column) -> MeasureQuerySet:
    if column.region is not None:
        return Measure.objects.measures().in_region(column.region)
    return Measure.objects.measures().filter(document=column.document)


def _fill(columns: list[Column]) -> None:
    """The first MAX_COLUMN_MEASURES measures of each column (document order) and its exact counts.

    Two small queries per column (its first ids; its total and per-category counts in one
    aggregate), then one query for the rows of every column: a province's comparison
    never loads the province's sentences.
    """
    categories = list(Category.objects.values_list("pk", flat=True))
    wanted: list[list[int]] = []
    for column in columns:
        measures = _column_measures(column)
        wanted.append(list(measures.in_document_order().values_list("pk", flat=True)[:MAX_COLUMN_MEASURES]))
        counts = measures.order_by().aggregate(
            total=Count("pk"),
            none=Count("pk", filter=~Exists(Label.objects.applied().filter(measure=OuterRef("pk")))),
            **{
                f"c{pk}": Count(
                    "pk", filter=Exists(Label.objects.applied().filter(measure=OuterRef("pk"), category_id=pk))
                )
                for pk in categories
            },
        )
        column.measure_total = counts["total"]
        column.category_totals = {pk: counts[f"c{pk}"] for pk in categories} | {None: counts["none"]}
    rows = Measure.objects.filter(pk__in={pk for ids in wanted for pk in ids}).for_compare().in_bulk()
    for column, ids in zip(columns, wanted, strict=True):
        column.measures = [rows[pk] for pk in ids]


def _column_mix(column: Column, categories: Sequence[Category]) -> list[tuple[Category | None, float]]:
    """``policy_mix`` over every measure of the column, from its counts in the database."""
    total = column.measure_total
    return [(c, column.category_totals.get(c.pk, 0) / total if total else 0.0) for c in categories] + [
        (None, column.category_totals.get(None, 0) / total if total else 0.0)
    ]


def _in_category(measure: Measure, category: Category | None) -> bool:
    labels = measure.applied_labels  # type: ignore[attr-defined]
    if category is None:
        return not labels
    return any(label.category_id == category.pk for label in labels)


def policy_mix(measures: Sequence[Measure], categories: Sequence[Category]) -> list[tuple[Category | None, float]]:
    """Share of measures in each category, then the share with none.

    Shares, not counts, so a long speech does not outweigh a short plan. A measure
    in two categories counts in both, so shares can add up to more than 1.
    """
    total = len(measures)
    counts: Counter[int | None] = Counter()
    for measure in measures:
        labels = measure.applied_labels  # type: ignore[attr-defined]
        for label in labels:
            counts[label.category_id] += 1
        if not labels:
            counts[None] += 1
    return [(c, counts[c.pk] / total if total else 0.0) for c in categories] + [
        (None, counts[None] / total if total else 0.0)
    ]


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors; 0 when either is all zeros.

    >>> round(cosine([1, 0, 1], [1, 0, 0]), 3)
    0.707
    """
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def clauses(text: str) -> list[str]:
    """The clauses of a sentence, for matching; the whole sentence if it has none.

    >>> clauses("设立泵阀产业专项资金，加强土地要素保障。")
    ['设立泵阀产业专项资金', '加强土地要素保障']
    """
    parts = [part.strip() for part in _CLAUSE_BREAK.split(text)]
    return [part for part in parts if len(part) >= _MIN_CLAUSE_CHARS] or [text]


@lru_cache(maxsize=20_000)
def _words(clause: str) -> str:
    # Multi-character words only; single characters carry little meaning on their own.
    # Cached: each clause is compared with every other column's, and segmenting dominated.
    return " ".join(w for w in search_tokenizer().cut_for_search(clause) if len(w) > 1)


class _SimilarityModel:
    """TF-IDF over the clauses of every measure in one comparison."""

    def __init__(self, measures: Sequence[Measure]) -> None:
        self.clauses = {m.pk: clauses(m.text) for m in measures}
        corpus = [_words(c) for cs in self.clauses.values() for c in cs]
        self.vectorizer: TfidfVectorizer | None = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
        try:
            self.vectorizer.fit(corpus)
        except ValueError:  # no words at all
            self.vectorizer = None

    def cells(
        self, columns: Sequence[Column], members: Sequence[Sequence[Measure]], category: Category | None
    ) -> list[list[Entry]]:
        """Entries for one row: each measure with its closest measure in every other column."""
        row_clauses = {m.pk: self._clauses_for(m, category) for column_members in members for m in column_members}
        cells = [[Entry(m) for m in column_members] for column_members in members]
        for a in range(len(columns)):
            for b, other in enumerate(columns):
                if a == b:
                    continue
                best = self._best(members[a], members[b], other, row_clauses)
                for entry, counterpart in zip(cells[a], best, strict=True):
                    entry.counterparts.append(counterpart)
        return cells

    def _clauses_for(self, measure: Measure, category: Category | None) -> list[str]:
        """In a category row, the clauses that carry the category (its evidence terms).

        设立专项资金，加强人才队伍建设 is about talent only in its second clause, so in
        the talent row it should be matched on that clause alone.
        """
        every = self.clauses[measure.pk]
        if category is None:
            return every
        terms = [t for label in measure.applied_labels if label.category_id == category.pk for t in label.evidence]  # type: ignore[attr-defined]
        carrying = [clause for clause in every if any(term in clause for term in terms)]
        return carrying or every

    def _best(
        self, mine: Sequence[Measure], theirs: Sequence[Measure], column: Column, clauses: dict[int, list[str]]
    ) -> list[Counterpart]:
        if not mine:
            return []
        if not theirs or self.vectorizer is None:
            return [Counterpart(column, None, 0.0) for _ in mine]
        my_clauses = [c for m in mine for c in clauses[m.pk]]
        their_clauses = [c for m in theirs for c in clauses[m.pk]]
        clause_scores = cosine_similarity(
            self.vectorizer.transform([_words(c) for c in my_clauses]),
            self.vectorizer.transform([_words(c) for c in their_clauses]),
        )
        my_starts = _starts([len(clauses[m.pk]) for m in mine])
        their_starts = _starts([len(clauses[m.pk]) for m in theirs])
        # Best clause pair for every (my measure, their measure): max over each block.
        scores = np.maximum.reduceat(np.maximum.reduceat(clause_scores, my_starts, axis=0), their_starts, axis=1)
        result = []
        for i in range(len(mine)):
            j = int(scores[i].argmax())
            score = float(scores[i, j])
            if score < COUNTERPART_THRESHOLD:
                result.append(Counterpart(column, None, score))
                continue
            mine_i, theirs_j = clauses[mine[i].pk], clauses[theirs[j].pk]
            block = clause_scores[
                my_starts[i] : my_starts[i] + len(mine_i), their_starts[j] : their_starts[j] + len(theirs_j)
            ]
            ci, cj = np.unravel_index(int(block.argmax()), block.shape)
            result.append(Counterpart(column, theirs[j], score, mine_i[ci], theirs_j[cj]))
        return result


def _starts(lengths: Sequence[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int)


# --- peers and the coverage matrix ---------------------------------------------------


@dataclass
class RegionCounts:
    """Measures of a region's documents: the total, and per category id (``None``: no category)."""

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

    Three whole-table aggregates, cached until the data changes (``measures.aggregates``).
    """
    return cached("counts_by_region", _counts_by_region)


def _counts_by_region() -> dict[int, RegionCounts]:
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
class MatrixRow:
    region: Region
    depth: int
    total: int
    counts: list[tuple[Category, int]]


def coverage_matrix() -> tuple[list[Category], list[MatrixRow], int]:
    """Every region with documents in its subtree × every category, as measure counts.

    Counts are aggregated per region in the database, then rolled up to each
    ancestor along the region's path; cached until the data changes (``measures.aggregates``).
    """
    return cached("coverage_matrix", _coverage_matrix)


def _coverage_matrix() -> tuple[list[Category], list[MatrixRow], int]:
    categories = list(Category.objects.order_by("order"))
    regions = list(Region.objects.with_documents(below=True).order_by("path"))
    by_code = {r.code: r for r in regions}
    own = counts_by_region()
    rolled: dict[int, RegionCounts] = defaultdict(RegionCounts)
    for region in regions:
        if region.pk in own:
            for code in region.path.strip("/").split("/"):
                if code in by_code:
                    rolled[by_code[code].pk].add(own[region.pk])
    rows = [
        MatrixRow(
            region=region,
            depth=region.path.count("/") - 1,
            total=rolled[region.pk].total,
            counts=[(c, rolled[region.pk].per_category[c.pk]) for c in categories],
        )
        for region in regions
        if rolled[region.pk].total
    ]
    peak = max((n for row in rows for _, n in row.counts), default=0)
    return categories, rows, peak
