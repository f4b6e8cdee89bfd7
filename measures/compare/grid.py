"""The comparison grid: columns, their measures by category, counterparts and summary figures.

Everything is fetched in a fixed number of queries (categories, measures with their
labels, term frequencies, corpus size) and grouped in Python, so the cost does not grow
with the number of columns.

Overlapping regions: a region compared with a region inside it is compared *without*
it — 温州市 beside 永嘉县 is 温州市（不含永嘉县）— so no measure is ever its own
counterpart. The page says so in the column's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Category, Document, Measure, Quantity, Region
from . import corpus
from .similarity import Matcher, clauses, cosine, coverage, focus_clauses, sentence_terms

SUMMARY_PAIRS = 3
KEY_FIGURES = 3
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

    def holds(self, measure: Measure) -> bool:
        if self.document is not None:
            return measure.document_id == self.document.pk
        assert self.region is not None
        path = measure.document.region.path
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
    def anchor(self) -> str:
        return f"category-{self.category.slug if self.category else 'other'}"

    @property
    def top_pairs(self) -> list[Pair]:
        """The closest counterpart pairs of the row, each pair once, best first."""
        pairs = [
            Pair(cell.column, entry, counterpart)
            for cell in self.cells
            for entry in cell.entries
            for counterpart in entry.matched
        ]
        pairs.sort(key=lambda p: (-p.counterpart.score, p.entry.measure.pk))
        seen: set[frozenset[int]] = set()
        result = []
        for pair in pairs:
            assert pair.counterpart.measure is not None
            key = frozenset([pair.entry.measure.pk, pair.counterpart.measure.pk])
            if key not in seen:
                seen.add(key)
                result.append(pair)
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
        return f"{self.mode}={','.join(column.key for column in self.columns)}"

    @property
    def excludes(self) -> bool:
        return any(column.excluded for column in self.columns)


def build_comparison(columns: list[Column]) -> Comparison:
    """Fill the columns with their measures and derive the grid, mixes and counterparts."""
    categories = list(Category.objects.order_by("order"))
    _fill(columns)
    every = [m for column in columns for m in column.measures]
    texts = {m.pk: clauses(m.text) for m in every}
    stats = corpus.term_stats(term for m in every for term in sentence_terms(m.text))
    matcher = Matcher(stats)
    rows = []
    for category in [*categories, None]:
        members = [[m for m in column.measures if _in_category(m, category)] for column in columns]
        cells = _cells(matcher, columns, members, category, texts)
        rows.append(Row(category, [Cell(column, cell) for column, cell in zip(columns, cells, strict=True)]))
    mixes = [Mix(column, policy_mix(column.measures, categories)) for column in columns]
    matched = _matched_columns(rows)
    similarity = [
        Similarity(
            a.column,
            b.column,
            coverage([b.column.key in matched[m.pk] for m in a.column.measures]),
            coverage([a.column.key in matched[m.pk] for m in b.column.measures]),
            cosine([s for _, s in a.shares], [s for _, s in b.shares]),
        )
        for i, a in enumerate(mixes)
        for b in mixes[i + 1 :]
    ]
    return Comparison(columns, rows, mixes, similarity)


def _fill(columns: list[Column]) -> None:
    """One query for the measures of every column (labels prefetched in a second)."""
    queryset = Measure.objects.measures()
    regions = [c.region for c in columns if c.region is not None]
    documents = [c.document for c in columns if c.document is not None]
    queryset = queryset.in_regions(regions) if regions else queryset.in_documents(documents)
    for measure in queryset.for_compare().in_document_order():
        for column in columns:
            if column.holds(measure):
                column.measures.append(measure)


def _in_category(measure: Measure, category: Category | None) -> bool:
    labels = measure.applied_labels  # type: ignore[attr-defined]
    if category is None:
        return not labels
    return any(label.category_id == category.pk for label in labels)


def _focus(measure: Measure, category: Category | None, texts: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    if category is None:
        return texts[measure.pk]
    terms = [t for label in measure.applied_labels if label.category_id == category.pk for t in label.evidence]  # type: ignore[attr-defined]
    return focus_clauses(texts[measure.pk], terms)


def _cells(
    matcher: Matcher,
    columns: Sequence[Column],
    members: Sequence[Sequence[Measure]],
    category: Category | None,
    texts: dict[int, tuple[str, ...]],
) -> list[list[Entry]]:
    """Entries for one row: each measure with its closest measure in every other column."""
    focused = [[_focus(m, category, texts) for m in column_members] for column_members in members]
    cells = [[Entry(m) for m in column_members] for column_members in members]
    for a in range(len(columns)):
        for b, other in enumerate(columns):
            if a == b:
                continue
            for entry, match in zip(cells[a], matcher.best_matches(focused[a], focused[b]), strict=True):
                measure = members[b][match.index] if match.index is not None else None
                entry.counterparts.append(
                    Counterpart(other, measure, match.score, match.own_clause, match.their_clause)
                )
    return cells


def _matched_columns(rows: Sequence[Row]) -> dict[int, set[str]]:
    """Per measure id, the keys of the columns where it has a counterpart in any of its rows."""
    matched: dict[int, set[str]] = {}
    for row in rows:
        for cell in row.cells:
            for entry in cell.entries:
                keys = matched.setdefault(entry.measure.pk, set())
                keys.update(c.column.key for c in entry.matched)
    return matched


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
    codes = {code for region in distinct.values() for code in region.path.strip("/").split("/")}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        pk: " / ".join(names.get(code, code) for code in region.path.strip("/").split("/"))
        for pk, region in distinct.items()
    }
