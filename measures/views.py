"""Public pages. Thin: parse input, call the model layer, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Document, Region


def home(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.select_related("region").order_by("-created_at", "title")
    return render(request, "measures/home.html", {"documents": documents})


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("region"), pk=pk)
    return render(request, "measures/document_detail.html", {"document": document})


def region_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = get_object_or_404(Region, slug=slug)
    return render(request, "measures/region_detail.html", {"region": region})
