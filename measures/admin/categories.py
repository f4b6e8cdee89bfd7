"""Categories: lexicon editing with a preview of what changes, and the classification quality board."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import curation, jobs, learning
from ..forms import LexiconForm
from ..models import Category, JobKind
from .jobs import job_message


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name_zh", "name_en", "slug", "threshold", "order", "preview_link"]
    ordering = ["order"]
    readonly_fields = ["slug", "lexicon_help"]
    fields = ["slug", "name_zh", "name_en", "description", "color", "order", "threshold", "lexicon_help"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the five categories are fixed; their lexicons are edited through the preview

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "threshold" in form.changed_data:
            # The threshold decides labels as the lexicon does: stored sentences follow it, as after a lexicon edit.
            job = jobs.start(kind=JobKind.RECLASSIFY, payload={}, user=request.user)
            message = _('已保存“{}”的阈值；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>')
            self.message_user(request, job_message(message, obj.name, job=job), messages.SUCCESS)

    @admin.display(description=_("关键词表"))
    def lexicon_help(self, category: Category) -> str:
        return format_html(
            '<pre style="margin:0">{}</pre><p><a class="button" href="{}">{}</a></p>',
            category.lexicon,
            reverse("admin:measures_category_preview", args=[category.pk]),
            _("编辑关键词表并预览重新分类"),
        )

    @admin.display(description=_("关键词表"))
    def preview_link(self, category: Category) -> str:
        url = reverse("admin:measures_category_preview", args=[category.pk])
        return format_html('<a href="{}">{}</a>', url, _("编辑并预览"))

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="measures_category_preview",
            ),
            path("quality/", self.admin_site.admin_view(self.quality_view), name="measures_category_quality"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Edit a lexicon: preview which sentences gain or lose the category, then apply."""
        category = get_object_or_404(Category, pk=pk)
        if not self.has_change_permission(request, category):
            raise PermissionDenied
        form = LexiconForm(request.POST or None, initial={"lexicon": category.lexicon})
        preview = None
        if request.method == "POST" and form.is_valid():
            text = form.cleaned_data["lexicon"]
            if "apply" in request.POST:
                curation.save_lexicon(category=category, lexicon_text=text, curator=request.user)  # type: ignore[arg-type]
                job = jobs.start(kind=JobKind.RECLASSIFY, payload={}, user=request.user)
                message = _('已保存“{}”的关键词表；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>')
                self.message_user(request, job_message(message, category.name, job=job), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:measures_category_changelist"))
            preview = curation.preview_reclassification(category=category, lexicon_text=text)
        return TemplateResponse(
            request,
            "admin/measures/category/preview.html",
            {**self.admin_site.each_context(request), "title": _("关键词表：%s") % category.name,
             "category": category, "form": form, "preview": preview, "opts": Category._meta},
        )  # fmt: skip

    def quality_view(self, request: HttpRequest) -> HttpResponse:
        """Per category, how the classifier agrees with curators' decisions."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/measures/quality.html",
            {**self.admin_site.each_context(request), "title": _("分类质量看板"), "rows": curation.label_quality(),
             "model": learning.model_summary(), "opts": Category._meta,
             # Held-out figures are keyed by slug: the category, to name it in the reader's language.
             "categories": {c.slug: c for c in Category.objects.all()}},
        )  # fmt: skip
