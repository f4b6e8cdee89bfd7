"""Public pages. Thin: parse input (a FilterSet), call the model layer, render."""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .filters import MeasureFilterSet
from .ingest.pipeline import prepare_text
from .models import Category, Document, Measure, Region

PAGE_SIZE = 25


def home(request: HttpRequest) -> HttpResponse:
    documents = list(Document.objects.select_related("region__parent__parent").order_by("region__path", "-date"))
    by_region: dict[Region, list[Document]] = defaultdict(list)
    for document in documents:
        by_region[document.region].append(document)
    context = {
        "categories": Category.objects.order_by("order").annotate(
            measure_count=Count(
                "labels__measure", filter=Q(labels__rejected=False, labels__measure__is_measure=True), distinct=True
            )
        ),
        "totals": {
            "documents": len(documents),
            "regions": len(by_region),
            "measures": Measure.objects.filter(is_measure=True).count(),
            "sentences": Measure.objects.count(),
        },
        "regions": sorted(by_region.items(), key=lambda item: item[0].path),
        "recent": sorted(documents, key=lambda d: d.created_at, reverse=True)[:5],
    }
    return render(request, "measures/home.html", context)


def measure_list(request: HttpRequest) -> HttpResponse:
    filterset = MeasureFilterSet(request.GET, queryset=Measure.objects.all())
    if not filterset.is_valid():
        return render(request, "measures/measure_list.html", {"filter": filterset}, status=400)
    query = filterset.search_query
    if request.GET.get("q", "").strip() and query.problem:
        return render(request, "measures/measure_list.html", {"filter": filterset, "search_problem": query.problem})
    page = Paginator(filterset.qs.for_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "facets": filterset.facets(),
        "highlight_terms": query.highlight_terms,
        "selected": {name: filterset.selected(name) for name in ["category", "region", "tag", "industry", "doc_type"]},
    }
    return render(request, "measures/measure_list.html", context)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("region__parent__parent").prefetch_related("industries"), pk=pk
    )
    sentences = list(document.sentences.for_list().order_by("position"))
    return render(
        request,
        "measures/document_detail.html",
        {
            "document": document,
            "sentences": sentences,
            "profile": category_profile(s for s in sentences if s.is_measure),
            "measure_count": sum(s.is_measure for s in sentences),
            "removed_lines": prepare_text(document.raw_text).removed_lines,
            "profile_link": f"{reverse('measures:measure_list')}?document={document.pk}&",
        },
    )


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent"), slug=slug)
    documents = list(
        Document.objects.filter(region__path__startswith=region.path)
        .select_related("region")
        .annotate(measure_total=Count("sentences", filter=Q(sentences__is_measure=True)))
        .order_by("-date")
    )
    measures = list(Measure.objects.measures().in_region(region).for_list().in_document_order())
    groups = group_by_category(measures)
    return render(
        request,
        "measures/region_detail.html",
        {
            "region": region,
            "highlight_terms": (),
            "children": region.children.all(),
            "documents": documents,
            "groups": groups,
            "profile": [(category, len(items)) for category, items in groups if category is not None],
            "measure_count": len(measures),
            "profile_link": f"{reverse('measures:measure_list')}?region={region.slug}&",
            "other_regions": Region.objects.filter(documents__isnull=False).exclude(pk=region.pk).distinct(),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "measures/about.html", {"categories": Category.objects.all()})


def category_profile(measures: object) -> list[tuple[Category, int]]:
    """(category, measure count) for every category, from measures with prefetched labels."""
    counts: dict[int, int] = defaultdict(int)
    for measure in measures:  # type: ignore[attr-defined]
        for label in measure.applied_labels:
            counts[label.category_id] += 1
    return [(category, counts[category.pk]) for category in Category.objects.all()]


def group_by_category(measures: list[Measure]) -> list[tuple[Category | None, list[Measure]]]:
    """Measures under each category (a measure may sit in several), then those with none."""
    grouped: dict[int, list[Measure]] = defaultdict(list)
    uncategorised = []
    for measure in measures:
        labels = measure.applied_labels  # type: ignore[attr-defined]
        for label in labels:
            grouped[label.category_id].append(measure)
        if not labels:
            uncategorised.append(measure)
    groups: list[tuple[Category | None, list[Measure]]] = [
        (category, grouped[category.pk]) for category in Category.objects.all()
    ]
    groups.append((None, uncategorised))
    return groups
