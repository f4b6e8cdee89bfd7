"""Public pages. Thin: parse input (a FilterSet), call the model layer, render."""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control

from . import aggregates, curation, search
from .compare import grid, matrix
from .compare.form import CompareForm
from .filters import MeasureFilterSet
from .ingest.pipeline import prepare_text
from .models import Category, DatePrecision, Document, Measure, MeasureQuerySet, Region

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator told its count (e.g. a cached one) instead of counting the rows itself."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def measure_page(rows: MeasureQuerySet | list[int], *, per_page: int, count: int, number: str | None) -> Page:
    """One page of ``rows`` (ordered; or their ids, already ordered), each measure with what ``for_list()`` loads.

    Paginates the ids (the database orders and skips light rows, answered from indexes
    where it can), then hydrates that page in one query plus the prefetches, in the same order.
    """
    ids_in_order = rows if isinstance(rows, list) else rows.values_list("pk", flat=True)
    page = CountedPaginator(ids_in_order, per_page, count=count).get_page(number)
    ids = list(page.object_list)
    found = Measure.objects.filter(pk__in=ids).for_list().in_bulk()
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def filtered_page(filterset: MeasureFilterSet, *, per_page: int, number: str | None) -> Page:
    """One page of a validated filterset's rows: relevance-ranked ids for a bounded search, else its ordered rows."""
    ranked = filterset.ranked_ids()
    rows = filterset.qs if ranked is None else ranked
    return measure_page(rows, per_page=per_page, count=filterset.count(), number=number)


SENTENCES_PER_PAGE = 200
REGION_DOCUMENTS = 50
REGION_SAMPLES = 10


def home(request: HttpRequest) -> HttpResponse:
    """The overview: counts, every region with its documents, the newest documents.

    Its content depends on the corpus only, so the template caches it whole (``corpus_cache``)
    and the rows below are read only when that fragment is rendered again after a write.
    """

    @functools.cache
    def overview() -> dict[str, Any]:
        documents = list(
            Document.objects.for_list()
            .select_related("region__parent__parent", "region__successor")
            .prefetch_related("region__names")
            .order_by("region__path", F("date").desc(nulls_last=True))
        )
        by_region: dict[Region, list[Document]] = defaultdict(list)
        for document in documents:
            by_region[document.region].append(document)
        categories, measures, sentences = aggregates.cached("home", _home_counts)
        regions = sorted(by_region.items(), key=lambda item: item[0].path)
        return {
            "categories": categories,
            "totals": {
                "documents": len(documents),
                "regions": len(by_region),
                "measures": measures,
                "sentences": sentences,
            },
            "regions": regions,
            "recent": sorted(documents, key=lambda d: d.created_at, reverse=True)[:5],
            "picker_regions": [region for region, _documents in regions],
        }

    names = ["categories", "totals", "regions", "recent", "picker_regions"]
    return render(
        request,
        "measures/home.html",
        {name: SimpleLazyObject(functools.partial(_item, overview, name)) for name in names},
    )


def _item(source: Callable[[], dict[str, Any]], name: str) -> Any:
    return source()[name]


def _home_counts() -> tuple[list[Category], int, int]:
    return (
        list(Category.objects.with_measure_counts().order_by("order")),
        Measure.objects.measures().count(),
        Measure.objects.count(),
    )


def redirect_tag_aliases(request: HttpRequest) -> HttpResponse | None:
    """A renamed or merged tag's old slug redirects to the same view with the current slug."""
    old = request.GET.getlist("tag")
    current = curation.resolve_tag_slugs(old) if old else {}
    if not current:
        return None
    params = request.GET.copy()
    params.setlist("tag", list(dict.fromkeys(current.get(slug, slug) for slug in old)))
    return redirect(f"{request.path}?{params.urlencode()}", permanent=True)


def measure_list(request: HttpRequest) -> HttpResponse:
    """The searchable, filterable list: one page of rows, facet counts, active filters as chips.

    Invalid filters answer 400 with the form's errors; a query of stop words only says why it finds nothing.
    """
    if moved := redirect_tag_aliases(request):
        return moved
    filterset = MeasureFilterSet(request.GET, queryset=Measure.objects.all())
    # The sidebar's comparison picker, on every answer (also when the query is refused).
    # Lazy: read only when the picker's fragment is not cached (see ``corpus_cache``).
    picker = {
        "picker_regions": SimpleLazyObject(compare_picker_regions),
        "picker_key": sorted(request.GET.getlist("region")),
    }
    if not filterset.is_valid():
        return render(request, "measures/measure_list.html", {"filter": filterset, **picker}, status=400)
    selected = {
        name: filterset.selected(name)
        for name in ["category", "region", "tag", "industry", "doc_type", "strength", "has"]
    }
    query = filterset.search_query
    if problem := filterset.search_problem:
        context = {"filter": filterset, "search_problem": problem, "selected": selected, **picker}
        return render(request, "measures/measure_list.html", context)
    page = filtered_page(filterset, per_page=PAGE_SIZE, number=request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "is_estimate": filterset.is_estimate,
        "total": filterset.estimate(page.paginator.count),
        "window_size": search.WINDOW,
        "facets": filterset.facets(),
        "chips": filterset.chips(reverse("measures:measure_list")),
        "highlight_terms": query.highlight_terms,
        "selected": selected,
        **picker,
    }
    return render(request, "measures/measure_list.html", context)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's metadata, category profile, a page of its sentences and what cleaning removed."""
    document = get_object_or_404(
        Document.objects.select_related("region__parent__parent", "region__successor")
        .prefetch_related("industries", "region__names")
        .defer("raw_text", "cleaned_text"),
        pk=pk,
    )
    sentences = document.sentences.all()
    page = Paginator(sentences.for_list().order_by("position"), SENTENCES_PER_PAGE).get_page(request.GET.get("page"))
    profile, measure_count = aggregates.cached(
        "document", lambda: (Category.objects.profile(sentences), sentences.measures().count()), pk
    )
    return render(
        request,
        "measures/document_detail.html",
        {
            "document": document,
            "page": page,
            "sentences": page.object_list,  # lazy: not fetched when the text's fragment is cached
            "profile": profile,
            "measure_count": measure_count,
            "removed_lines": removed_lines(document),
            "profile_link": f"{reverse('measures:measure_list')}?document={document.pk}&",
        },
    )


def removed_lines(document: Document) -> list[str]:
    """What cleaning removed: stored at ingest; cleaned again only for documents stored before that."""
    if document.removed_lines is not None:
        return list(document.removed_lines)
    return list(prepare_text(document.raw_text).removed_lines)


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A region with the regions below it: profile, newest documents, first measures per category, peers."""
    region = get_object_or_404(Region.objects.for_display(), slug=slug)
    documents = Document.objects.in_region(region)
    measures = Measure.objects.measures().in_region(region)
    profile, measure_count, document_count, uncategorised = aggregates.cached(
        "region",
        lambda: (
            Category.objects.profile(measures),
            measures.count(),
            documents.count(),
            measures.uncategorised().count(),
        ),
        region.pk,
    )

    def newest_documents() -> list[Document]:
        listed = list(
            documents.for_list()
            .select_related("region__successor")
            .prefetch_related("region__names")
            .newest_first()[:REGION_DOCUMENTS]
        )
        totals = dict(
            Measure.objects.measures()
            .filter(document__in=listed)
            .values("document")
            .annotate(n=Count("pk"))
            .values_list("document", "n")
        )
        for document in listed:
            document.measure_total = totals.get(document.pk, 0)  # type: ignore[attr-defined]
        return listed

    return render(
        request,
        "measures/region_detail.html",
        {
            "region": region,
            "ancestors": _ancestors([region])[region.pk],
            "highlight_terms": (),
            "children": region.children.current().order_by("code"),
            # Lazy: fetched only when their fragments are not cached (see ``corpus_cache``).
            "documents": SimpleLazyObject(newest_documents),
            "document_count": document_count,
            "groups": SimpleLazyObject(
                lambda: category_samples(measures, profile, uncategorised, key=("region", region.pk))
            ),
            "profile": profile,
            "measure_count": measure_count,
            "profile_link": f"{reverse('measures:measure_list')}?region={region.slug}&",
            # Scoring every other region's mix: once per region until the data changes.
            "peers": aggregates.cached("peers", lambda: matrix.peers(region), region.pk),
            "picker_regions": SimpleLazyObject(compare_picker_regions),
        },
    )


REGION_MATCHES = 50


def region_list(request: HttpRequest) -> HttpResponse:
    """The region finder: any unit, current or former, by Chinese name, pinyin or code."""
    query = request.GET.get("q", "").strip()[:50]
    regions = list(Region.objects.matching(query).for_display().current_first()[:REGION_MATCHES])
    ancestors = _ancestors(regions)
    return render(
        request,
        "measures/region_list.html",
        {
            "query": query,
            "matches": [(r, ancestors[r.pk]) for r in regions],
            "limit": REGION_MATCHES,
            "picker_regions": compare_picker_regions(),
        },
    )


def _ancestors(regions: list[Region]) -> dict[int, list[Region]]:
    """Each region's chain of ancestors, top first, in one query for all of them."""
    codes = {code for r in regions for code in r.lineage[:-1]}
    by_code = {r.code: r for r in Region.objects.filter(code__in=codes).select_related("successor")} if codes else {}
    return {r.pk: [by_code[c] for c in r.lineage[:-1] if c in by_code] for r in regions}


_CSS_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_CSS_IDENT = re.compile(r"[a-z][a-z0-9_-]*")


@cache_control(max_age=300, public=True)
def category_styles(request: HttpRequest) -> HttpResponse:
    """Each category's colour as a class (``.cat-finance { --chip: #… }``): no inline styles under the CSP."""
    rules = [
        f".cat-{slug} {{ --chip: {color}; }}"
        for slug, color in Category.objects.values_list("slug", "color")
        if _CSS_COLOUR.fullmatch(color) and _CSS_IDENT.fullmatch(slug)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


def about(request: HttpRequest) -> HttpResponse:
    """What the site is, its categories, and the API (also served at ``/api/``)."""
    return render(request, "measures/about.html", {"categories": Category.objects.all()})


def category_samples(
    measures: MeasureQuerySet, profile: list[tuple[Category, int]], uncategorised: int, *, key: object
) -> list[tuple[Category | None, list[Measure], int]]:
    """The first measures (document order) of each category, then of those with none, with each total.

    A bounded number of rows per category whatever the region's size (one small query per
    category, then one hydration); the list page has the rest. The ids are cached until the
    data changes under ``key`` (what ``measures`` stands for).
    """

    def first_ids() -> list[list[int]]:
        ordered = measures.in_document_order().values_list("pk", flat=True)
        return [list(ordered.in_category(category.slug)[:REGION_SAMPLES]) for category, _count in profile] + [
            list(ordered.uncategorised()[:REGION_SAMPLES])
        ]

    ids = aggregates.cached("samples", first_ids, key, [category.pk for category, _count in profile])
    totals: list[tuple[Category | None, int]] = [*profile, (None, uncategorised)]
    rows = Measure.objects.filter(pk__in={pk for pks in ids for pk in pks}).for_list().in_bulk()
    return [
        (category, [rows[pk] for pk in pks if pk in rows], total)
        for (category, total), pks in zip(totals, ids, strict=True)
    ]


# --- comparison --------------------------------------------------------------------


def _comparison_columns(form: CompareForm) -> list[grid.Column]:
    if form.cleaned_data["regions"]:
        return grid.region_columns(form.cleaned_data["regions"])
    return grid.document_columns(form.cleaned_data["documents"])


def compare_view(request: HttpRequest) -> HttpResponse:
    """Regions or documents side by side: the picker alone, or the comparison (400 with the reason if invalid)."""
    form = CompareForm(request.GET)
    context: dict[str, object] = {"picker_regions": compare_picker_regions()}
    if not form.is_valid():
        context.update(error=form.first_error(), selected=form.asked_region_keys())
        return render(request, "measures/compare.html", context, status=400)
    if not form.is_bare:
        columns = _comparison_columns(form)
        expand = form.cleaned_data["category"]

        def build() -> grid.Comparison:
            comparison = grid.build_comparison(columns)
            comparison.expand(expand)
            return comparison

        # Lazy: built only when the page's cached fragment (``corpus_cache``) is not there.
        comparison = SimpleLazyObject(build)
        context.update(
            columns=columns,
            excludes=any(column.excluded for column in columns),
            comparison=comparison,
            chart=SimpleLazyObject(lambda: mix_chart(comparison)),  # type: ignore[arg-type]
            comparison_key=(grid.comparison_query(columns), expand, grid.MATCHER_KEY),
            selected={column.key for column in columns},
        )
    return render(request, "measures/compare.html", context)


COMPARE_CSV_HEADER = [
    "category", "column", "region_path", "document_title", "document_type", "document_date", "source_url",
    "measure_id", "text", "strength", "figures", "counterpart_column", "counterpart_id", "counterpart_text",
    "counterpart_document_title", "counterpart_figures", "score",
]  # fmt: skip


def compare_csv(request: HttpRequest) -> HttpResponse:
    """Every entry of the comparison with its counterparts, UTF-8 with a BOM so Excel reads the Chinese."""
    form = CompareForm(request.GET)
    if not form.is_valid() or form.is_bare:
        message = form.first_error() if form.errors else _("请至少选择两个地区进行对比。")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    comparison = grid.build_comparison(_comparison_columns(form))
    paths = grid.region_paths(m.document.region for c in comparison.columns for m in c.measures)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(*compare_csv_names(comparison))
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COMPARE_CSV_HEADER)
    for row in comparison.rows:
        slug = row.category.slug if row.category else "other"
        for cell in row.cells:
            for entry in cell.entries:
                document = entry.measure.document
                where = [
                    slug,
                    cell.column.label,
                    paths[document.region.pk],
                    document.title,
                    document.get_doc_type_display(),
                    document_date_text(document),
                    document.source_url,
                    entry.measure.pk,
                    entry.measure.text,
                    entry.measure.strength_label,
                    figures_text(entry.measure),
                ]
                for counterpart in entry.counterparts or [None]:
                    match = counterpart.measure if counterpart else None
                    writer.writerow(
                        [
                            *where,
                            counterpart.column.label if counterpart else "",
                            match.pk if match else "",
                            match.text if match else "",
                            match.document.title if match else "",
                            figures_text(match) if match else "",
                            f"{counterpart.score:.2f}" if counterpart else "",
                        ]
                    )
    return response


def figures_text(measure: Measure) -> str:
    """A measure's stated quantities in the reader's language, ``50万元/年；2,000亩``."""
    return pgettext("figures separator", "；").join(quantity.label for quantity in measure.stated_quantities)  # type: ignore[attr-defined]


def compare_csv_names(comparison: grid.Comparison) -> tuple[str, str]:
    """What was compared, and when: ``对比-永嘉县-盐湖区-2026-11-22.csv`` and an ASCII twin
    from the slugs (``comparison-yongjia-yanhu-2026-11-22.csv``) for clients without RFC 6266."""
    today = timezone.localdate().isoformat()
    keys = "-".join(re.sub(r"[^A-Za-z0-9_-]+", "", column.key) for column in comparison.columns)
    if comparison.mode == "documents":
        prefix = _("对比-文件")
        return f"{prefix}-{keys}-{today}.csv", f"comparison-documents-{keys}-{today}.csv"
    prefix = _("对比")
    names = "-".join(column.label for column in comparison.columns)
    return f"{prefix}-{names}-{today}.csv", f"comparison-{keys}-{today}.csv"


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment header with an ASCII fallback name and the real (UTF-8) one (RFC 6266)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def document_date_text(document: Document) -> str:
    """A document's date as precise as it is known: ``2024-02-21``, ``2011-03`` or ``2011``."""
    if document.date is None:
        return ""
    if document.date_precision == DatePrecision.MONTH:
        return document.date.strftime("%Y-%m")
    if document.date_precision in (DatePrecision.YEAR, DatePrecision.CIRCA):
        return str(document.date.year)
    return document.date.isoformat()


def compare_matrix(request: HttpRequest) -> HttpResponse:
    """Every region with documents × every category, as shares of its measures or (``?show=counts``) counts."""
    show = "counts" if request.GET.get("show") == "counts" else "shares"
    # Lazy: built only when the table's cached fragment (``corpus_cache``) is not there — a
    # national corpus makes it about 1,800 rows and 2 MB of HTML.
    table = SimpleLazyObject(matrix.coverage_matrix)
    return render(request, "measures/compare_matrix.html", {"table": table, "show": show})


class PickerRegion(NamedTuple):
    """What the comparison picker needs of a region: no model instance per option."""

    slug: str
    name: str


def compare_picker_regions() -> list[PickerRegion]:
    """Regions that have documents of their own, for the comparison picker (slug and name).

    Cached until the data changes: over a thousand regions in a national corpus, on every list page.
    """
    return aggregates.cached(
        "picker-regions",
        lambda: [
            PickerRegion(*row) for row in Region.objects.with_documents().order_by("path").values_list("slug", "name")
        ],
    )


CHART_LABEL_WIDTH = 96
# Label, bars and values fit a 390 px phone screen at about 90% scale (text stays legible).
CHART_BAR_WIDTH = 260
CHART_BAR_HEIGHT = 13


def mix_chart(comparison: grid.Comparison) -> dict[str, object]:
    """Geometry for the server-rendered SVG of policy-mix shares (grouped horizontal bars)."""
    columns = len(comparison.columns)
    group_height = columns * (CHART_BAR_HEIGHT + 2) + 12
    groups = []
    for index, (category, _share) in enumerate(comparison.mixes[0].shares):
        top = index * group_height
        bars = [
            {
                "y": top + j * (CHART_BAR_HEIGHT + 2),
                "width": max(round(mix.shares[index][1] * CHART_BAR_WIDTH, 1), 0.5),
                "percent": round(mix.shares[index][1] * 100),
                "colour": mix.column.colour,
                "title": mix.column.label,
            }
            for j, mix in enumerate(comparison.mixes)
        ]
        groups.append({"category": category, "label_y": top + (columns * (CHART_BAR_HEIGHT + 2)) / 2 + 4, "bars": bars})
    return {
        "groups": groups,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 48,
        "height": len(groups) * group_height,
        "label_width": CHART_LABEL_WIDTH,
    }
