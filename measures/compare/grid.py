"""The comparison grid: columns, their measures by category, counterparts and summary figures.

Everything is fetched in a fixed number of queries (categories, measures with their
labels, term frequencies, corpus size) and grouped in Python, so the cost does not grow
with the number of columns.

Overlapping regions: a region compared with a region inside it is compared *without*
it — 温州市 beside 永嘉县 is 温州市（不含永嘉县）— so no measure is ever its own
counterpart. The page says so in the column's name.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import aggregates
from ..models import Category, Document, Label, Measure, Quantity, Region
from . import corpus
from .similarity import (
    BALANCE,
    COUNTERPART_THRESHOLD,
    DAMPING,
    WHOLE_WEIGHT,
    Match,
    Matcher,
    Prepared,
    clauses,
    cosine,
    coverage,
    focus_clauses,
)

SUMMARY_PAIRS = 3
# Entries a cell shows until the reader expands its category: a 4-county comparison has
# thousands of measures, and the page stays a summary a person can read (and fast to send).
CELL_LIMIT = 3
KEY_FIGURES = 3
# What cached counterparts depend on besides the data: change the matcher, and they are recomputed.
MATCHER_KEY = ("clauses-v3", COUNTERPART_THRESHOLD, WHOLE_WEIGHT, DAMPING, BALANCE)
# The figures a summary cell shows: amounts of money and land, then rates (counts such as 2种 say little).
_FIGURE_ORDER = ("money", "land", "rate")
# One colour per column position: the chart's fills; site.css's .series-N classes match them.
COLUMN_COLOURS = ("#334155", "#0e7490", "#b45309", "#7e22ce")


@dataclass
class Column:
    key: str
    title: str
    subtitle: str
    url: str
    region: Region | None = None
    document: Document | None = None
    excluded: list[Region] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    series: int = 0  # position, for the colour classes (series-0 …) of the page

    @property
    def total(self) -> int:
        return len(self.measures)

    @property
    def colour(self) -> str:
        """The column's colour for the SVG chart (HTML uses the ``series-N`` classes with the same colours)."""
        return COLUMN_COLOURS[self.series % len(COLUMN_COLOURS)]

    @property
    def label(self) -> str:
        """The column's name as shown, saying which regions inside it are left out."""
        if not self.excluded:
            return self.title
        names = "、".join(region.name for region in self.excluded)
        return _("%(region)s（不含%(excluded)s）") % {"region": self.title, "excluded": names}

    @property
    def identity(self) -> tuple[object, ...]:
        """What the column's measures depend on (with the data): cached counterparts are keyed by it."""
        if self.document is not None:
            return ("document", self.document.pk)
        assert self.region is not None
        return ("region", self.region.pk, tuple(sorted(r.pk for r in self.excluded)))

    def holds(self, document: Document) -> bool:
        """Whether the document's measures belong in this column."""
        if self.document is not None:
            return document.pk == self.document.pk
        assert self.region is not None
        path = document.region.path
        return path.startswith(self.region.path) and not any(path.startswith(r.path) for r in self.excluded)


def region_columns(regions: Sequence[Region]) -> list[Column]:
    """One column per region; a region containing another column's region leaves it out."""
    columns = []
    for index, region in enumerate(regions):
        parent = f"{region.parent.name} · " if region.parent else ""
        inside = [other for other in regions if other.pk != region.pk and other.path.startswith(region.path)]
        columns.append(
            Column(
                key=region.slug,
                title=region.name,
                subtitle=f"{parent}{region.code}",
                url=region.get_absolute_url(),
                region=region,
                excluded=inside,
                series=index,
            )
        )
    return columns


def document_columns(documents: Sequence[Document]) -> list[Column]:
    """One column per document, in the order given (documents need their region loaded)."""
    return [
        Column(
            key=str(document.pk),
            title=document.title,
            subtitle=f"{document.region.name} · {document.get_doc_type_display()}",
            url=document.get_absolute_url(),
            document=document,
            series=index,
        )
        for index, document in enumerate(documents)
    ]


@dataclass(frozen=True)
class AppliedLabel:
    """A measure's category as a comparison reads it (``measure.applied_labels``): plain values, not
    ``Label`` rows, since a large comparison reads thousands of them."""

    category: Category
    evidence: tuple[str, ...]

    @property
    def category_id(self) -> int:
        return self.category.pk


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

    @property
    def matched(self) -> list[Counterpart]:
        return [c for c in self.counterparts if c.measure is not None]


@dataclass
class Cell:
    column: Column
    entries: list[Entry]
    limit: int | None = CELL_LIMIT  # None: the row is expanded, every entry shows

    @property
    def shown(self) -> list[Entry]:
        """The entries the page lists: the first ``limit`` in document order."""
        return self.entries if self.limit is None else self.entries[: self.limit]

    @property
    def hidden(self) -> int:
        return len(self.entries) - len(self.shown)

    @property
    def matched(self) -> int:
        return sum(not e.is_unique for e in self.entries)

    @property
    def unique(self) -> int:
        return sum(e.is_unique for e in self.entries)

    @property
    def key_figures(self) -> list[Quantity]:
        """The cell's largest stated amounts, money and land first, each distinct label once."""
        stated = [
            q
            for e in self.entries
            for q in e.measure.stated_quantities  # type: ignore[attr-defined]
            if q.kind in _FIGURE_ORDER
        ]
        stated.sort(key=lambda q: (_FIGURE_ORDER.index(q.kind), -(q.normalised or 0), q.start))
        seen: set[str] = set()
        figures = []
        for quantity in stated:
            if quantity.label not in seen:
                seen.add(quantity.label)
                figures.append(quantity)
        return figures[:KEY_FIGURES]


@dataclass(frozen=True)
class Pair:
    """A measure and its counterpart, for the summary."""

    column: Column
    entry: Entry
    counterpart: Counterpart


@dataclass
class Row:
    category: Category | None  # None: measures with no category
    cells: list[Cell]

    @property
    def total(self) -> int:
        return sum(len(cell.entries) for cell in self.cells)

    @property
    def key(self) -> str:
        """The row's name in a query string (``?category=finance``; ``other`` for the last row)."""
        return self.category.slug if self.category else "other"

    @property
    def anchor(self) -> str:
        return f"category-{self.key}"

    @property
    def expanded(self) -> bool:
        return all(cell.limit is None for cell in self.cells)

    @property
    def hidden(self) -> int:
        return sum(cell.hidden for cell in self.cells)

    @property
    def top_pairs(self) -> list[Pair]:
        """The closest counterpart pairs of the row, each pair once, best first.

        A pair of measures occurs at most twice (once from each side), so the best
        ``2 × SUMMARY_PAIRS`` hold the best ``SUMMARY_PAIRS`` distinct ones: no full sort.
        """
        best = heapq.nsmallest(
            2 * SUMMARY_PAIRS,
            (
                (cell.column, entry, counterpart)
                for cell in self.cells
                for entry in cell.entries
                for counterpart in entry.counterparts
                if counterpart.measure is not None
            ),
            key=lambda found: (-found[2].score, found[1].measure.pk),
        )
        seen: set[frozenset[int]] = set()
        result = []
        for column, entry, counterpart in best:
            assert counterpart.measure is not None
            key = frozenset([entry.measure.pk, counterpart.measure.pk])
            if key not in seen:
                seen.add(key)
                result.append(Pair(column, entry, counterpart))
        return result[:SUMMARY_PAIRS]


@dataclass(frozen=True)
class Mix:
    column: Column
    shares: list[tuple[Category | None, float]]


@dataclass(frozen=True)
class Similarity:
    """Two columns compared: by their measures (counterpart coverage) and by their category mix."""

    a: Column
    b: Column
    a_covered: float  # share of a's measures with a counterpart in b
    b_covered: float
    mix: float

    @property
    def measures(self) -> float:
        """The region similarity: the mean share of each side's measures matched in the other."""
        return (self.a_covered + self.b_covered) / 2


@dataclass
class Comparison:
    columns: list[Column]
    rows: list[Row]
    mixes: list[Mix]
    similarity: list[Similarity]

    @property
    def mode(self) -> str:
        return "documents" if self.columns[0].document is not None else "regions"

    @property
    def query(self) -> str:
        """The canonical query string of this comparison, e.g. ``regions=yongjia,yanhu``."""
        return comparison_query(self.columns)

    @property
    def excludes(self) -> bool:
        return any(column.excluded for column in self.columns)

    def expand(self, key: str) -> None:
        """List every entry of the row named ``key`` (the reader asked for its full grid)."""
        for row in self.rows:
            if row.key == key:
                for cell in row.cells:
                    cell.limit = None


def comparison_query(columns: Sequence[Column]) -> str:
    """The canonical query string of a comparison of ``columns``, e.g. ``regions=yongjia,yanhu``."""
    mode = "documents" if columns and columns[0].document is not None else "regions"
    return f"{mode}={','.join(column.key for column in columns)}"


def build_comparison(columns: list[Column]) -> Comparison:
    """Fill the columns with their measures and derive the grid, mixes and counterparts.

    Counterparts are computed per row and pair of columns, and cached per pair until the data
    changes (``aggregates.cached_many``): they depend only on the two columns' measures, so a
    comparison that adds a column reuses every pair it shares with one seen before.
    """
    categories = list(Category.objects.order_by("order"))
    _fill(columns, categories)
    keys = [*categories, None]
    members = [[[m for m in column.measures if _in_category(m, category)] for column in columns] for category in keys]
    wanted = {
        (r, a, b): ("counterparts", MATCHER_KEY, _row_key(category), columns[a].identity, columns[b].identity)
        for r, category in enumerate(keys)
        for a in range(len(columns))
        for b in range(len(columns))
        # each pair once, in the same orientation whatever the order of the columns, so it is cached once
        if repr(columns[a].identity) < repr(columns[b].identity)
    }
    matches = aggregates.cached_many(
        "counterparts", wanted, lambda missing: _match_pairs(columns, keys, members, missing)
    )
    rows = []
    for r, category in enumerate(keys):
        cells = [[Entry(m) for m in column_members] for column_members in members[r]]
        for a, cell in enumerate(cells):
            for b, other in enumerate(columns):
                if a == b:
                    continue
                found = matches[(r, a, b)][0] if (r, a, b) in matches else matches[(r, b, a)][1]
                for entry, match in zip(cell, found, strict=True):
                    measure = members[r][b][match.index] if match.index is not None else None
                    entry.counterparts.append(
                        Counterpart(other, measure, match.score, match.own_clause, match.their_clause)
                    )
        rows.append(Row(category, [Cell(column, cell) for column, cell in zip(columns, cells, strict=True)]))
    mixes = [Mix(column, policy_mix(column.measures, categories)) for column in columns]
    best = _best_scores(rows)
    similarity = [
        Similarity(
            a.column,
            b.column,
            coverage([best.get((m.pk, b.column.key), 0.0) >= COUNTERPART_THRESHOLD for m in a.column.measures]),
            coverage([best.get((m.pk, a.column.key), 0.0) >= COUNTERPART_THRESHOLD for m in b.column.measures]),
            cosine([s for _, s in a.shares], [s for _, s in b.shares]),
        )
        for i, a in enumerate(mixes)
        for b in mixes[i + 1 :]
    ]
    return Comparison(columns, rows, mixes, similarity)


def _row_key(category: Category | None) -> str:
    return category.slug if category else "other"


def _match_pairs(
    columns: Sequence[Column],
    categories: Sequence[Category | None],
    members: Sequence[Sequence[Sequence[Measure]]],
    pairs: Sequence[tuple[int, int, int]],
) -> dict[tuple[int, int, int], tuple[list[Match], list[Match]]]:
    """Counterparts of the (row, column, column) ``pairs``, both ways.

    Every clause of the compared measures is weighed once, from the terms stored at ingest
    (``Measure.clause_terms``), and each row picks its clauses from that bank by index.
    """
    every = list({m.pk: m for column in columns for m in column.measures}.values())
    texts: dict[int, tuple[str, ...]] = {}
    terms: dict[int, list[list[str]]] = {}
    for m in every:
        texts[m.pk] = clauses(m.text)
        terms[m.pk] = corpus.stored_clause_terms(texts[m.pk], m.clause_terms)
    matcher = Matcher(corpus.term_stats({term for t in terms.values() for clause in t for term in clause}))
    first: dict[int, int] = {}
    flat_terms: list[list[str]] = []
    flat_texts: list[str] = []
    for m in every:
        first[m.pk] = len(flat_texts)
        flat_terms.extend(terms[m.pk])
        flat_texts.extend(texts[m.pk])
    bank = matcher.bank(flat_terms, flat_texts)
    prepared: dict[tuple[int, int], Prepared] = {}

    def column(r: int, c: int) -> Prepared:
        if (r, c) not in prepared:
            groups = [_focus(m, categories[r], texts, first) for m in members[r][c]]
            prepared[(r, c)] = matcher.prepare(bank, groups)
        return prepared[(r, c)]

    return {(r, a, b): matcher.match_pair(bank, column(r, a), column(r, b)) for r, a, b in pairs}


def _fill(columns: list[Column], categories: Sequence[Category]) -> None:
    """The measures of every column, with documents, applied labels and stated quantities: four queries.

    Related rows are read by subquery and attached in Python rather than prefetched: a
    prefetch sends every measure id back as an ``IN`` list and builds a document and a
    region per measure, which cost more than the matching on a large county.
    """
    queryset = Measure.objects.measures()
    regions = [c.region for c in columns if c.region is not None]
    selected = [c.document for c in columns if c.document is not None]
    queryset = queryset.in_regions(regions) if regions else queryset.in_documents(selected)
    ids = queryset.values("pk")
    documents = Document.objects.filter(pk__in=queryset.values("document_id")).for_list().in_bulk()
    by_category = {category.pk: category for category in categories}
    labels: dict[int, list[AppliedLabel]] = {}
    applied = Label.objects.applied().filter(measure__in=ids).order_by("pk")
    for measure_id, category_id, evidence in applied.values_list("measure_id", "category_id", "evidence"):
        labels.setdefault(measure_id, []).append(AppliedLabel(by_category[category_id], tuple(evidence)))
    quantities: dict[int, list[Quantity]] = {}
    for quantity in Quantity.objects.filter(measure__in=ids).order_by("measure_id", "start"):
        quantities.setdefault(quantity.measure_id, []).append(quantity)
    holders = {pk: [c for c in columns if c.holds(document)] for pk, document in documents.items()}
    for measure in queryset.for_compare().in_document_order():
        measure.document = documents[measure.document_id]
        measure.applied_labels = labels.get(measure.pk, [])  # type: ignore[attr-defined]
        measure.stated_quantities = quantities.get(measure.pk, [])  # type: ignore[attr-defined]
        for column in holders[measure.document_id]:
            column.measures.append(measure)


def _in_category(measure: Measure, category: Category | None) -> bool:
    labels = measure.applied_labels  # type: ignore[attr-defined]
    if category is None:
        return not labels
    return any(label.category_id == category.pk for label in labels)


def _focus(
    measure: Measure, category: Category | None, texts: dict[int, tuple[str, ...]], first: dict[int, int]
) -> list[int]:
    """The bank rows of the measure's clauses that carry the category (all of them in the last row)."""
    own = texts[measure.pk]
    if category is None:
        kept = own
    else:
        evidence = [t for label in measure.applied_labels if label.category_id == category.pk for t in label.evidence]  # type: ignore[attr-defined]
        kept = focus_clauses(own, evidence)
    start = first[measure.pk]
    picked = set(kept)
    return [start + i for i, clause in enumerate(own) if clause in picked]


def _best_scores(rows: Sequence[Row]) -> dict[tuple[int, str], float]:
    """Per (measure id, other column key), the measure's best counterpart score there over its rows."""
    best: dict[tuple[int, str], float] = {}
    for row in rows:
        for cell in row.cells:
            for entry in cell.entries:
                for counterpart in entry.counterparts:
                    key = (entry.measure.pk, counterpart.column.key)
                    best[key] = max(best.get(key, 0.0), counterpart.score)
    return best


def policy_mix(measures: Sequence[Measure], categories: Sequence[Category]) -> list[tuple[Category | None, float]]:
    """Share of measures in each category, then the share with none.

    Shares, not counts, so a long speech does not outweigh a short plan. A measure
    in two categories counts in both, so shares can add up to more than 1.
    """
    total = len(measures)
    counts: dict[int | None, int] = {}
    for measure in measures:
        labels = measure.applied_labels  # type: ignore[attr-defined]
        for label in labels:
            counts[label.category_id] = counts.get(label.category_id, 0) + 1
        if not labels:
            counts[None] = counts.get(None, 0) + 1
    return [(c, counts.get(c.pk, 0) / total if total else 0.0) for c in categories] + [
        (None, counts.get(None, 0) / total if total else 0.0)
    ]


def region_paths(regions: Iterable[Region]) -> dict[int, str]:
    """Per region id, its names from the top, ``浙江省 / 温州市 / 永嘉县`` (one query)."""
    distinct = {region.pk: region for region in regions}
    names = dict(Region.objects.on_lineage_of(distinct.values()).values_list("code", "name"))
    return {pk: " / ".join(names.get(code, code) for code in region.lineage) for pk, region in distinct.items()}
