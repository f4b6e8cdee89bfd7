"""Comparison pages: regions or documents side by side, its CSV, the coverage matrix, the picker."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import aggregates
from ..compare import grid, matrix
from ..compare.form import CompareForm
from ..models import DatePrecision, Document, Measure, Region


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
                # One counterpart per other column; were there none, the entry's row would still come out, blank.
                counterparts: Sequence[grid.Counterpart | None] = entry.counterparts or [None]
                for counterpart in counterparts:
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
