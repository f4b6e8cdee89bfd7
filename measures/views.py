"""Public pages. Thin: parse input (a FilterSet), call the model layer, render."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from . import aggregates, compare, curation, search
from .filters import MeasureFilterSet
from .forms import CompareForm
from .ingest.pipeline import prepare_text
from .models import Category, Document, Measure, MeasureQuerySet, Region

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator told its count (e.g. a cached one) instead of counting the rows itself."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


SENTENCES_PER_PAGE = 200
REGION_DOCUMENTS = 50
REGION_SAMPLES = 10


def home(request: HttpRequest) -> HttpResponse:
    documents = list(
        Document.objects.for_list()
        .select_related("region__parent__parent", "region__successor")
        .prefetch_related("region__names")
        .order_by("region__path", "-date")
    )
    by_region: dict[Region, list[Document]] = defaultdict(list)
    for document in documents:
        by_region[document.region].append(document)
    categories, measures, sentences = aggregates.cached("home", _home_counts)
    context = {
        "categories": categories,
        "totals": {
            "documents": len(documents),
            "regions": len(by_region),
            "measures": measures,
            "sentences": sentences,
        },
        "regions": sorted(by_region.items(), key=lambda item: item[0].path),
        "recent": sorted(documents, key=lambda d: d.created_at, reverse=True)[:5],
        "picker_regions": [region for region, _documents in sorted(by_region.items(), key=lambda item: item[0].path)],
    }
    return render(request, "measures/home.html", context)


def _home_counts() -> tuple[list[Category], int, int]:
    return (
        list(Category.objects.with_measure_counts().order_by("order")),
        Measure.objects.filter(is_measure=True).count(),
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
    if moved := redirect_tag_aliases(request):
        return moved
    filterset = MeasureFilterSet(request.GET, queryset=Measure.objects.all())
    if not filterset.is_valid():
        return render(request, "measures/measure_list.html", {"filter": filterset}, status=400)
    query = filterset.search_query
    if request.GET.get("q", "").strip() and query.problem:
        return render(request, "measures/measure_list.html", {"filter": filterset, "search_problem": query.problem})
    page = CountedPaginator(filterset.qs.for_list(), PAGE_SIZE, count=filterset.count()).get_page(
        request.GET.get("page")
    )
    context = {
        "filter": filterset,
        "page": page,
        "is_estimate": filterset.is_estimate,
        "total": filterset.estimate(page.paginator.count),
        "window_size": search.WINDOW,
        "facets": filterset.facets(),
        "highlight_terms": query.highlight_terms,
        "selected": {
            name: filterset.selected(name)
            for name in ["category", "region", "tag", "industry", "doc_type", "strength", "has"]
        },
        "picker_regions": compare_picker_regions(),
    }
    return render(request, "measures/measure_list.html", context)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("region__parent__parent", "region__successor")
        .prefetch_related("industries", "region__names")
        .defer("raw_text", "cleaned_text"),
        pk=pk,
    )
    sentences = document.sentences.all()
    page = Paginator(sentences.for_list().order_by("position"), SENTENCES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/document_detail.html",
        {
            "document": document,
            "page": page,
            "sentences": page.object_list,
            "profile": Category.objects.profile(sentences),
            "measure_count": sentences.filter(is_measure=True).count(),
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
    listed = list(
        documents.for_list()
        .select_related("region__successor")
        .prefetch_related("region__names")
        .order_by("-date", "pk")[:REGION_DOCUMENTS]
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
    return render(
        request,
        "measures/region_detail.html",
        {
            "region": region,
            "ancestors": _ancestors([region])[region.pk],
            "highlight_terms": (),
            "children": region.children.current().order_by("code"),
            "documents": listed,
            "document_count": document_count,
            "groups": category_samples(measures, profile, uncategorised),
            "profile": profile,
            "measure_count": measure_count,
            "profile_link": f"{reverse('measures:measure_list')}?region={region.slug}&",
            "peers": compare.peers(region),
            "picker_regions": compare_picker_regions(),
        },
    )


REGION_MATCHES = 50


def region_list(request: HttpRequest) -> HttpResponse:
    """The region finder: any unit, current or former, by Chinese name, pinyin or code."""
    query = request.GET.get("q", "").strip()[:50]
    regions = list(Region.objects.matching(query).for_display().order_by("valid_to", "path")[:REGION_MATCHES])
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
    codes = {code for r in regions for code in r.path.strip("/").split("/")[:-1]}
    by_code = {r.code: r for r in Region.objects.filter(code__in=codes).select_related("successor")} if codes else {}
    return {r.pk: [by_code[c] for c in r.path.strip("/").split("/")[:-1] if c in by_code] for r in regions}


@cache_control(max_age=300, public=True)
def category_styles(request: HttpRequest) -> HttpResponse:
    """Each category's colour as a class (``.cat-finance { --chip: #… }``): no inline styles under the CSP."""
    rules = [
        f".cat-{slug} {{ --chip: {color}; }}"
        for slug, color in Category.objects.values_list("slug", "color")
        if _CSS_COLOUR.fullmatch(color) and _CSS_IDENT.fullmatch(slug)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


_CSS_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_CSS_IDENT = re.compile(r"[a-z][a-z0-9_-]*")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "measures/about.html", {"categories": Category.objects.all()})


def category_samples(
    measures: MeasureQuerySet, profile: list[tuple[Category, int]], uncategorised: int
) -> list[tuple[Category | None, list[Measure], int]]:
    """The first measures (document order) of each category, then of those with none, with each total.

    A bounded number of rows per category whatever the region's size (one small query per
    category, then one hydration); the list page has the rest.
    """
    ordered = measures.in_document_order().values_list("pk", flat=True)
    ids: list[tuple[Category | None, list[int], int]] = [
        (category, list(ordered.in_category(category.slug)[:REGION_SAMPLES]), count) for category, count in profile
    ]
    ids.append((None, list(ordered.uncategorised()[:REGION_SAMPLES]), uncategorised))
    rows = Measure.objects.filter(pk__in={pk for _c, pks, _n in ids for pk in pks}).for_list().in_bulk()
    return [(category, [rows[pk] for pk in pks], total) for category, pks, total in ids]


# --- comparison --------------------------------------------------------------------


def _comparison_columns(request: HttpRequest) -> list[compare.Column] | None:
    """Columns named by ``?regions=`` or ``?documents=``; None when the page is opened bare."""
    form = CompareForm(request.GET)
    if not form.is_valid():
        raise compare.CompareError(form.message())
    if regions := form.cleaned_data["regions"]:
        return compare.region_columns(regions)
    if documents := form.cleaned_data["documents"]:
        return compare.document_columns(documents)
    if form.asked:
        raise compare.CompareError(_("请至少选择两个地区进行对比。"))
    return None


def compare_view(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"picker_regions": compare_picker_regions()}
    try:
        columns = _comparison_columns(request)
    except compare.CompareError as error:
        context["error"] = str(error)
        return render(request, "measures/compare.html", context, status=400)
    if columns is not None:
        comparison = compare.build_comparison(columns)
        context.update(comparison=comparison, chart=mix_chart(comparison), selected={c.key for c in columns})
    return render(request, "measures/compare.html", context)


def compare_csv(request: HttpRequest) -> HttpResponse:
    try:
        columns = _comparison_columns(request)
    except compare.CompareError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    if columns is None:
        return HttpResponse(_("请至少选择两个地区进行对比。"), status=400, content_type="text/plain; charset=utf-8")
    comparison = compare.build_comparison(columns)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="comparison.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "category",
            "column",
            "measure_id",
            "text",
            "document_id",
            "counterpart_column",
            "counterpart_id",
            "counterpart_text",
            "score",
        ]
    )
    for row in comparison.rows:
        slug = row.category.slug if row.category else "other"
        for cell in row.cells:
            column = cell.column
            for entry in cell.entries:
                for counterpart in entry.counterparts or [None]:
                    match = counterpart.measure if counterpart else None
                    writer.writerow(
                        [
                            slug,
                            column.title,
                            entry.measure.pk,
                            entry.measure.text,
                            entry.measure.document_id,
                            counterpart.column.title if counterpart else "",
                            match.pk if match else "",
                            match.text if match else "",
                            f"{counterpart.score:.2f}" if counterpart else "",
                        ]
                    )
    return response


def compare_matrix(request: HttpRequest) -> HttpResponse:
    categories, rows, peak = compare.coverage_matrix()
    return render(request, "measures/compare_matrix.html", {"categories": categories, "rows": rows, "peak": peak})


def compare_picker_regions() -> list[Region]:
    """Regions that have documents of their own, for the comparison picker."""
    return list(Region.objects.with_documents().order_by("path"))


COLUMN_COLOURS = ["#334155", "#0e7490", "#b45309", "#7e22ce"]
CHART_LABEL_WIDTH = 96
CHART_BAR_WIDTH = 420
CHART_BAR_HEIGHT = 13


def mix_chart(comparison: compare.Comparison) -> dict[str, object]:
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
                "colour": colour,
                "title": mix.column.title,
            }
            for j, (mix, colour) in enumerate(zip(comparison.mixes, COLUMN_COLOURS, strict=False))
        ]
        groups.append({"category": category, "label_y": top + (columns * (CHART_BAR_HEIGHT + 2)) / 2 + 4, "bars": bars})
    return {
        "groups": groups,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 48,
        "height": len(groups) * group_height,
        "label_width": CHART_LABEL_WIDTH,
        "legend": list(zip(comparison.columns, COLUMN_COLOURS, strict=False)),
    }
