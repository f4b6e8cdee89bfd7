"""The overview, the searchable measure list, and the site's small pages."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control

from .. import aggregates, curation, search
from ..filters import MeasureFilterSet
from ..models import Category, Document, Measure, Region
from .compare import compare_picker_regions
from .pagination import PAGE_SIZE, filtered_page


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
        "window_size": search.window.WINDOW,
        "facets": filterset.facets(),
        "chips": filterset.chips(reverse("measures:measure_list")),
        "highlight_terms": query.highlight_terms,
        "selected": selected,
        **picker,
    }
    return render(request, "measures/measure_list.html", context)


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
