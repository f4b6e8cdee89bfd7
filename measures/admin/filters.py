"""The changelists' side filters: categories, label source, region, document, strength."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import Category, Document, Measure, MeasureStrength, Region


class CategoryFilter(admin.SimpleListFilter):
    title = _("类别")
    parameter_name = "category"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(c.slug, c.name) for c in Category.objects.order_by("order")] + [("none", _("无类别"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        value = self.value()
        if value == "none":
            return queryset.uncategorised()  # type: ignore[attr-defined,no-any-return]
        return queryset.in_category(value) if value else queryset  # type: ignore[attr-defined,no-any-return]


class LabelSourceFilter(admin.SimpleListFilter):
    title = _("标注来源")
    parameter_name = "label_source"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("curator", _("有人工决定")), ("machine", _("仅机器"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        if self.value() == "curator":
            return queryset.curator_decided()  # type: ignore[attr-defined,no-any-return]
        if self.value() == "machine":
            return queryset.exclude(pk__in=Measure.objects.curator_decided().values("pk"))
        return queryset


class RegionFilter(admin.SimpleListFilter):
    """Regions that have documents (not all ~6,800 units), each with the regions below it.

    For sentences and documents alike: both querysets have ``in_region``.
    """

    title = _("地区")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(r.slug, r.name) for r in Region.objects.with_documents().order_by("path")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        region = Region.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.in_region(region) if region else queryset  # type: ignore[attr-defined,no-any-return]


class DocumentFilter(admin.RelatedFieldListFilter):
    """Documents by title, read without their raw and cleaned texts (a national collection has thousands)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list[tuple[Any, str]]:
        return list(Document.objects.order_by("title").values_list("pk", "title"))


class StrengthFilter(admin.SimpleListFilter):
    title = _("力度")
    parameter_name = "strength"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in MeasureStrength.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        return queryset.filter(strength=self.value()) if self.value() else queryset
