"""Machine-readable access: JSON endpoints and the CSV export, with the list page's filters."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse

from .filters import MeasureFilterSet
from .forms import PageSizeForm, describe_errors
from .models import Category, Document, Measure, Quantity, Region
from .views import REGION_MATCHES, filtered_page, redirect_tag_aliases

API_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _filtered(request: HttpRequest) -> tuple[MeasureFilterSet, dict[str, Any] | None]:
    filterset = MeasureFilterSet(request.GET, queryset=Measure.objects.all())
    if not filterset.is_valid():
        return filterset, {
            "error": "invalid filter",
            "message": describe_errors(filterset.form),
            "fields": filterset.errors.get_json_data(),
        }
    return filterset, None


def measure_json(measure: Measure, request: HttpRequest) -> dict[str, Any]:
    """One measure as the API gives it; ``measure`` must come from ``for_list()`` (labels, tags, quantities)."""
    document = measure.document
    region = document.region
    return {
        "id": measure.pk,
        "text": measure.text,
        "is_measure": measure.is_measure,
        "position": measure.position,
        "url": request.build_absolute_uri(measure.get_absolute_url()),
        "categories": [
            {
                "slug": label.category.slug,
                "source": label.source,
                "evidence": label.evidence,
                "score": label.score,
            }
            for label in measure.applied_labels  # type: ignore[attr-defined]
        ],
        "tags": [tag.slug for tag in measure.tags.all()],
        "strength": {"level": measure.strength, "cue": measure.strength_cue} if measure.strength else None,
        "quantities": [quantity_json(quantity) for quantity in measure.stated_quantities],  # type: ignore[attr-defined]
        "document": {
            "id": document.pk,
            "title": document.title,
            "url": request.build_absolute_uri(document.get_absolute_url()),
        },
        "region": {"slug": region.slug, "name": region.name, "code": region.code},
    }


def quantity_json(quantity: Quantity) -> dict[str, Any]:
    """One stated quantity; ``normalised`` is in 万元 (money), 亩 (land), %, items, years or calendar years."""
    return {
        "kind": quantity.kind,
        "label": quantity.label,
        "text": quantity.text,
        "value": quantity.value,
        "value_max": quantity.value_max,
        "unit": quantity.unit,
        "normalised": quantity.normalised,
        "normalised_max": quantity.normalised_max,
        "bound": quantity.bound,
        "per_year": quantity.per_year,
    }


def measure_list(request: HttpRequest) -> HttpResponse:
    """``/api/measures/``: the list page's filters, paginated (``page``, ``page_size`` up to 200)."""
    if moved := redirect_tag_aliases(request):
        return moved
    filterset, error = _filtered(request)
    if error:
        return _json(error, status=400)
    if problem := filterset.search_problem:
        return _json(
            {"count": 0, "page": 1, "pages": 0, "next": None, "previous": None, "results": [], "message": problem}
        )
    size, error = _page_size(request)
    if error:
        return _json(error, status=400)
    page = filtered_page(filterset, per_page=size, number=request.GET.get("page"))
    return _json(
        {
            "count": page.paginator.count,
            # A very common word: results, pages and count cover the newest matches only
            # (see measures.search.Window); total_estimate scales the count to all of them.
            "estimated": filterset.is_estimate,
            "total_estimate": filterset.estimate(page.paginator.count),
            **_page_links(request, page),
            "results": [measure_json(m, request) for m in page.object_list],
        }
    )


def _page_size(request: HttpRequest) -> tuple[int, dict[str, Any] | None]:
    """``page_size`` from the query (default ``API_PAGE_SIZE``, at most ``MAX_PAGE_SIZE``), or the error to answer."""
    paging = PageSizeForm(request.GET)
    if not paging.is_valid():
        return 0, {
            "error": "invalid page_size",
            "message": describe_errors(paging),
            "fields": paging.errors.get_json_data(),
        }
    return min(paging.cleaned_data["page_size"] or API_PAGE_SIZE, MAX_PAGE_SIZE), None


def _page_links(request: HttpRequest, page: Page[Any]) -> dict[str, Any]:
    """The page's number, the number of pages, and the addresses of the next and previous pages."""
    params = request.GET.copy()

    def page_url(number: int) -> str:
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page_url(page.next_page_number()) if page.has_next() else None,
        "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
    }


def document_list(request: HttpRequest) -> JsonResponse:
    """``/api/documents/``: documents with their metadata and numbers of sentences and measures, by id,
    paginated like ``/api/measures/`` (``page``, ``page_size`` up to 200)."""
    size, error = _page_size(request)
    if error:
        return _json(error, status=400)
    page = Paginator(Document.objects.order_by("pk").values_list("pk", flat=True), size).get_page(
        request.GET.get("page")
    )
    # The page's ids first, then only those documents are counted (a count over every document is a
    # scan of every sentence at national scale).
    documents = (
        Document.objects.filter(pk__in=list(page.object_list))
        .for_list()
        .prefetch_related("industries")
        .with_sentence_counts()
        .order_by("pk")
    )
    return _json(
        {
            "count": page.paginator.count,
            **_page_links(request, page),
            "results": [
                {
                    "id": d.pk,
                    "title": d.title,
                    "url": request.build_absolute_uri(d.get_absolute_url()),
                    "region": d.region.slug,
                    "issuer": d.issuer,
                    "doc_type": d.doc_type,
                    "industries": [i.slug for i in d.industries.all()],
                    "date": d.date.isoformat() if d.date else None,
                    "date_precision": d.date_precision,
                    "date_note": d.date_note,
                    "source_url": d.source_url,
                    "source_site": d.source_site,
                    "sentences": d.sentence_total,  # type: ignore[attr-defined]
                    "measures": d.measure_total,  # type: ignore[attr-defined]
                }
                for d in documents
            ],
        }
    )


def region_list(request: HttpRequest) -> JsonResponse:
    """Regions with documents in their subtree; ``?q=`` searches every unit by name, pinyin or code."""
    query = request.GET.get("q", "").strip()[:50]
    # The same matches as the region finder's page, then listed top-down.
    found = (
        Region.objects.matching(query).current_first()[:REGION_MATCHES]
        if query
        else Region.objects.with_documents(below=True)
    )
    regions = list(
        Region.objects.filter(pk__in=[r.pk for r in found])
        .select_related("parent", "successor")
        .annotate(document_total=Count("documents"))
        .order_by("path")
    )
    return _json(
        {
            "count": len(regions),
            "results": [
                {
                    "slug": r.slug,
                    "name": r.name,
                    "code": r.code,
                    "level": r.level,
                    "parent": r.parent.slug if r.parent else None,
                    "note": r.note,
                    "valid_from": r.valid_from.isoformat() if r.valid_from else None,
                    "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                    "successor": r.successor.slug if r.successor else None,
                    "documents": r.document_total,  # type: ignore[attr-defined]
                    "url": request.build_absolute_uri(r.get_absolute_url()),
                }
                for r in regions
            ],
        }
    )


def category_list(request: HttpRequest) -> JsonResponse:
    """The categories in display order, each with its number of measures."""
    categories = Category.objects.with_measure_counts().order_by("order")
    return _json(
        {
            "count": len(categories),
            "results": [
                {
                    "slug": c.slug,
                    "name_zh": c.name_zh,
                    "name_en": c.name_en,
                    "description": c.description,
                    "color": c.color,
                    "measures": c.measure_count,  # type: ignore[attr-defined]
                }
                for c in categories
            ],
        }
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_HEADER = [
    "id", "text", "is_measure", "categories", "evidence", "tags",
    "document_id", "document_title", "position", "region_code", "region_name", "strength", "quantities",
]  # fmt: skip


def measures_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The current filtered list as CSV, UTF-8 with a BOM so Excel reads the Chinese."""
    if moved := redirect_tag_aliases(request):
        return moved
    filterset, error = _filtered(request)
    problem = filterset.search_problem if not error else None
    if error or problem:
        message = problem or describe_errors(filterset.form)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for page in filterset.export_pages():
            yield from (_csv_row(writer, measure) for measure in page.for_list().iterator(chunk_size=500))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="measures.csv"'
    return response


def _csv_row(writer: Any, measure: Measure) -> str:
    """One CSV row; ``measure`` must come from ``for_list()`` (labels, tags, quantities, document and region)."""
    labels = measure.applied_labels  # type: ignore[attr-defined]
    return str(
        writer.writerow(
            [
                measure.pk,
                measure.text,
                "1" if measure.is_measure else "0",
                ";".join(label.category.slug for label in labels),
                ";".join(f"{label.category.slug}:{'/'.join(label.evidence) or label.source}" for label in labels),
                ";".join(tag.slug for tag in measure.tags.all()),
                measure.document_id,
                measure.document.title,
                measure.position,
                measure.document.region.code,
                measure.document.region.name,
                measure.strength,
                ";".join(quantity.label for quantity in measure.stated_quantities),  # type: ignore[attr-defined]
            ]
        )
    )
