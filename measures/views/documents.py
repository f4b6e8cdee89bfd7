"""A document's page: metadata, category profile, its sentences, what cleaning removed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .. import aggregates
from ..ingest.pipeline import prepare_text
from ..models import Category, Document

SENTENCES_PER_PAGE = 200


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
