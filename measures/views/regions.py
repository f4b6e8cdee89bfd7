"""Region pages: a region with its profile, documents, sample measures and peers; the region finder."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .. import aggregates
from ..compare import matrix
from ..models import Category, Document, Measure, MeasureQuerySet, Region
from .compare import compare_picker_regions

REGION_DOCUMENTS = 50
REGION_SAMPLES = 10


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


def category_samples(
    measures: MeasureQuerySet, profile: list[tuple[Category, int]], uncategorised: int, *, key: object
) -> list[tuple[Category | None, list[Measure], int]]:
    """The first measures (document order) of each category, then of those with none, with each total.

    A bounded number of rows per category whatever the region's size (one small query per
    category, then one hydration); the list page has the rest. The ids are cached until the
    data changes under ``key`` (what ``measures`` stands for).
    """

    def first_ids() -> list[list[int]]:
        ordered = measures.in_document_order()

        def first(rows: MeasureQuerySet) -> list[int]:
            return list(rows.values_list("pk", flat=True)[:REGION_SAMPLES])

        return [first(ordered.in_category(category.slug)) for category, _count in profile] + [
            first(ordered.uncategorised())
        ]

    ids = aggregates.cached("samples", first_ids, key, [category.pk for category, _count in profile])
    totals: list[tuple[Category | None, int]] = [*profile, (None, uncategorised)]
    rows = Measure.objects.filter(pk__in={pk for pks in ids for pk in pks}).for_list().in_bulk()
    return [
        (category, [rows[pk] for pk in pks if pk in rows], total)
        for (category, total), pks in zip(totals, ids, strict=True)
    ]
