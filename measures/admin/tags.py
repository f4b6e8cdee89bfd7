"""Tags: rename (keeping the old slug), merge (with an audit record), aliases and merges read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import curation
from ..forms import TagMergeForm
from ..models import Tag, TagAlias, TagMerge
from .actions import confirm_action


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "usage", "public_link"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    actions = ["merge_into"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Tag]:
        return super().get_queryset(request).annotate(usage_count=Count("measures", distinct=True))

    @admin.display(description=_("使用次数"), ordering="usage_count")
    def usage(self, tag: Tag) -> int:
        return tag.usage_count  # type: ignore[attr-defined,no-any-return]

    @admin.display(description=_("公开页面"))
    def public_link(self, tag: Tag) -> str:
        return format_html('<a href="{}?tag={}">{}</a>', reverse("measures:measure_list"), tag.slug, _("查看"))

    def save_model(self, request: HttpRequest, obj: Tag, form: Any, change: bool) -> None:
        if change and {"name", "slug"} & set(form.changed_data):
            stored = Tag.objects.get(pk=obj.pk)  # still the old name and slug
            curation.rename_tag(tag=stored, name=obj.name, slug=obj.slug, curator=request.user)  # type: ignore[arg-type]
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("合并到另一个标签…"), permissions=["change", "delete"])
    def merge_into(self, request: HttpRequest, queryset: QuerySet[Tag]) -> HttpResponse | None:
        def apply(form: Form | None) -> str:
            assert form is not None
            into = form.cleaned_data["into"]
            merges = curation.merge_tags_into(sources=queryset, into=into, curator=request.user)  # type: ignore[arg-type]
            moved = sum(len(merge.measure_ids) for merge in merges)
            return str(
                _("已将 %(n)s 个标签合并到“%(into)s”，移动 %(moved)s 个句子。")
                % {"n": len(merges), "into": into.name, "moved": moved}
            )

        return confirm_action(self, request, queryset, title=_("合并标签"), form_class=TagMergeForm, apply=apply)


@admin.register(TagAlias)
class TagAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "tag"]
    list_select_related = ["tag"]
    search_fields = ["slug", "tag__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(TagMerge)
class TagMergeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["source_name", "source_slug", "into", "moved", "merged_by", "merged_at"]
    list_select_related = ["into", "merged_by"]
    readonly_fields = ["source_name", "source_slug", "into", "measure_ids", "merged_by", "merged_at"]

    @admin.display(description=_("移动的句子数"))
    def moved(self, merge: TagMerge) -> int:
        return len(merge.measure_ids)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
