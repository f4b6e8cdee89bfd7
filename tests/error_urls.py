"""URLs for the error-page tests: the site's own, plus one view that fails."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from clusterpolicy.urls import urlpatterns as site_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", fail), *site_urlpatterns]
