"""The curators' admin: sentences, labels, tags, categories and documents.

Every bulk action asks for confirmation on an intermediate page, then calls a
function in ``curation`` (atomic, logged); views here only parse forms and render.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import curation, jobs, learning, uploads
from .forms import (
    CategoryChoiceForm,
    DocumentUploadForm,
    LexiconForm,
    PlanConfirmFormSet,
    TagChoiceForm,
    TagMergeForm,
)
from .models import (
    Category,
    Document,
    Industry,
    Job,
    JobKind,
    JobStatus,
    Label,
    LabelSource,
    Measure,
    MeasureStrength,
    Quantity,
    Region,
    Tag,
    TagAlias,
    TagMerge,
)
from .search import parse_query, search_window

logger = logging.getLogger(__name__)


def confirm_action(
    modeladmin: admin.ModelAdmin,  # type: ignore[type-arg]
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    title: str,
    form_class: type[Form] | None,
    apply: Callable[[Form | None], str],
) -> HttpResponse | None:
    """Show the selected rows and a form; on "apply", run ``apply`` and report its message."""
    form = form_class(request.POST if "apply" in request.POST else None) if form_class else None
    if "apply" in request.POST and (form is None or form.is_valid()):
        modeladmin.message_user(request, apply(form), messages.SUCCESS)
        return None
    return TemplateResponse(
        request,
        "admin/measures/action_confirm.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "objects": queryset[:200],
            "count": queryset.count(),
            "form": form,
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "opts": modeladmin.model._meta,
        },
    )


def _choice_action(
    *,
    name: str,
    description: str,
    title: str,
    form_class: type[Form],
    field: str,
    operation: Callable[..., int],
    message: str,
) -> Callable[..., HttpResponse | None]:
    """A bulk action that asks for one choice (a tag, a category), then calls ``operation``."""

    def action(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Measure]) -> HttpResponse | None:
        def apply(form: Form | None) -> str:
            assert form is not None
            choice = form.cleaned_data[field]
            n = operation(measures=queryset, **{field: choice}, curator=request.user)
            return str(message % {"n": n, "name": choice.name})

        return confirm_action(modeladmin, request, queryset, title=title, form_class=form_class, apply=apply)

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


# --- sentences ------------------------------------------------------------------------


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
    title = _("地区")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(r.slug, r.name) for r in Region.objects.with_documents().order_by("path")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        region = Region.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.in_region(region) if region else queryset  # type: ignore[attr-defined,no-any-return]


class DocumentFilter(admin.RelatedFieldListFilter):
    """Documents by title, read without their raw and cleaned texts (a national collection has thousands)."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list[tuple[Any, str]]:
        return list(Document.objects.order_by("title").values_list("pk", "title"))


class DocumentRegionFilter(RegionFilter):
    """Regions that have documents (not all ~6,800 units), each with the regions below it."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        region = Region.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.in_region(region) if region else queryset  # type: ignore[attr-defined,no-any-return]


class LabelInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Label
    extra = 0
    fields = ["category", "source", "rejected", "score", "evidence", "curator", "decided_at"]
    # Any hand edit makes a curator label (curation.save_label_edits), so the source is not a form field:
    # a rejection is valid whatever the source was, and the check constraint holds on save.
    readonly_fields = ["source", "score", "evidence", "curator", "decided_at"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "category":
            kwargs["label"] = _("类别")  # the field has no verbose name; the column header would read "CATEGORY"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StrengthFilter(admin.SimpleListFilter):
    title = _("力度")
    parameter_name = "strength"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in MeasureStrength.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        return queryset.filter(strength=self.value()) if self.value() else queryset


class QuantityInline(admin.TabularInline):  # type: ignore[type-arg]
    """What the machine read from the sentence; rebuilt by ``extract_quantities``, so not editable."""

    model = Quantity
    extra = 0
    fields = ["label", "kind", "text", "normalised", "normalised_max", "bound", "per_year"]
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("数量"))
    def label(self, quantity: Quantity) -> str:
        return quantity.label

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("measures.view_measure")  # whoever may see the sentence sees its numbers

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "text_excerpt",
        "document_link",
        "region",
        "kind",
        "strength_label",
        "quantity_list",
        "category_chips",
        "tag_list",
    ]
    list_filter = [
        CategoryFilter,
        LabelSourceFilter,
        "is_measure",
        StrengthFilter,
        RegionFilter,
        ("document", DocumentFilter),
        "tags",
    ]
    search_fields = ["text"]  # answered by full-text search, see get_search_results
    search_help_text = _("全文检索（与公开页面相同的分词检索）")
    autocomplete_fields = ["tags"]
    readonly_fields = ["document", "position", "text", "is_heading", "kind_reasons", "strength_label", "strength_cue"]
    fields = [
        "document", "position", "text", "is_heading", "is_measure", "kind_curated", "kind_reasons",
        "strength_label", "strength_cue", "tags",
    ]  # fmt: skip
    inlines = [LabelInline, QuantityInline]
    list_per_page = 50
    actions = ["add_tag", "remove_tag", "set_category", "remove_category", "mark_as_measure", "mark_as_context"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Measure]:
        return super().get_queryset(request).for_list()  # type: ignore[attr-defined,no-any-return]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Measure], search_term: str
    ) -> tuple[QuerySet[Measure], bool]:
        if not search_term.strip():
            return queryset, False
        query = parse_query(search_term)
        # Bounded like the public search: past WINDOW matches, the newest WINDOW of them.
        return queryset.search(query, search_window(query)), False  # type: ignore[attr-defined]

    def save_model(self, request: HttpRequest, obj: Measure, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "is_measure" in form.changed_data:
            # A kind set by hand is a curator decision, and the machine's categories follow it at once:
            # the same function as the bulk actions.
            curation.set_kind(
                measures=Measure.objects.filter(pk=obj.pk), is_measure=obj.is_measure, curator=request.user
            )  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Label:
            # Quantities are read-only; the change message still asks every formset what it saved.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        labels = formset.save(commit=False)
        curation.save_label_edits(labels=labels, deleted=formset.deleted_objects, curator=request.user)

    @admin.display(description=_("类型依据"))
    def kind_reasons(self, measure: Measure) -> str:
        """The classifier's cues for and against a measure, in words (stored as a list marked + and -)."""
        parts = []
        if measure.measure_reasons:
            parts.append(_("支持措施：%(cues)s") % {"cues": "、".join(measure.measure_reasons)})
        if measure.context_reasons:
            parts.append(_("支持背景：%(cues)s") % {"cues": "、".join(measure.context_reasons)})
        return " · ".join(parts) or "-"

    @admin.display(description=_("文本"))
    def text_excerpt(self, measure: Measure) -> str:
        return measure.text[:90]

    @admin.display(description=_("文件"), ordering="document__title")
    def document_link(self, measure: Measure) -> str:
        return format_html('<a href="{}">{}</a>', measure.get_absolute_url(), measure.document.title[:24])

    @admin.display(description=_("地区"), ordering="document__region__name")
    def region(self, measure: Measure) -> str:
        return measure.document.region.name

    @admin.display(description=_("类型"), ordering="is_measure")
    def kind(self, measure: Measure) -> str:
        word = _("措施") if measure.is_measure else _("背景")
        return f"{word} ✓" if measure.kind_curated else str(word)

    @admin.display(description=_("类别（✓ 人工）"))
    def category_chips(self, measure: Measure) -> str:
        return format_html_join(
            " ",
            '<span title="{}" style="color:{}">{}{}</span>',
            (
                (
                    ", ".join(label.evidence) or _("人工"),
                    label.category.color,
                    label.category.name,
                    " ✓" if label.source == LabelSource.CURATOR else "",
                )
                for label in measure.applied_labels  # type: ignore[attr-defined]
            ),
        )

    @admin.display(description=_("力度"), ordering="strength")
    def strength_label(self, measure: Measure) -> str:
        return measure.strength_label

    @admin.display(description=_("数量"))
    def quantity_list(self, measure: Measure) -> str:
        return "、".join(quantity.label for quantity in measure.stated_quantities)  # type: ignore[attr-defined]

    @admin.display(description=_("标签"))
    def tag_list(self, measure: Measure) -> str:
        return ", ".join(tag.name for tag in measure.tags.all())

    # --- bulk actions, each with a confirmation step ---------------------------------

    add_tag = _choice_action(
        name="add_tag", description=_("添加标签…"), title=_("添加标签"), form_class=TagChoiceForm, field="tag",
        operation=curation.add_tag, message=_("已为 %(n)s 个句子添加标签“%(name)s”。"),
    )  # fmt: skip
    remove_tag = _choice_action(
        name="remove_tag", description=_("移除标签…"), title=_("移除标签"), form_class=TagChoiceForm, field="tag",
        operation=curation.remove_tag, message=_("已从 %(n)s 个句子移除标签“%(name)s”。"),
    )  # fmt: skip
    set_category = _choice_action(
        name="set_category", description=_("设定类别（人工）…"), title=_("设定类别"), form_class=CategoryChoiceForm,
        field="category", operation=curation.set_category, message=_("已为 %(n)s 个句子设定类别“%(name)s”。"),
    )  # fmt: skip
    remove_category = _choice_action(
        name="remove_category", description=_("否决类别（人工）…"), title=_("否决类别"), form_class=CategoryChoiceForm,
        field="category", operation=curation.remove_category, message=_("已为 %(n)s 个句子否决类别“%(name)s”。"),
    )  # fmt: skip

    @admin.action(description=_("标为措施…"), permissions=["change"])
    def mark_as_measure(self, request: HttpRequest, queryset: QuerySet[Measure]) -> HttpResponse | None:
        return self._mark(request, queryset, is_measure=True)

    @admin.action(description=_("标为背景…"), permissions=["change"])
    def mark_as_context(self, request: HttpRequest, queryset: QuerySet[Measure]) -> HttpResponse | None:
        return self._mark(request, queryset, is_measure=False)

    def _mark(self, request: HttpRequest, queryset: QuerySet[Measure], *, is_measure: bool) -> HttpResponse | None:
        def apply(form: Form | None) -> str:
            n = curation.set_kind(measures=queryset, is_measure=is_measure, curator=request.user)  # type: ignore[arg-type]
            return str(_("已将 %(n)s 个句子标为%(kind)s。") % {"n": n, "kind": _("措施") if is_measure else _("背景")})

        title = _("标为措施") if is_measure else _("标为背景")
        return confirm_action(self, request, queryset, title=title, form_class=None, apply=apply)


# --- tags -----------------------------------------------------------------------------


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


# --- categories -----------------------------------------------------------------------


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
            self.message_user(
                request,
                format_html(
                    _('已保存“{}”的阈值；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>'),
                    obj.name,
                    job.get_absolute_url(),
                    job,
                ),
                messages.SUCCESS,
            )

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
                self.message_user(
                    request,
                    format_html(
                        _('已保存“{}”的关键词表；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>'),
                        category.name,
                        job.get_absolute_url(),
                        job,
                    ),
                    messages.SUCCESS,
                )
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


# --- documents, regions, industries ---------------------------------------------------


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "region", "doc_type", "date_text", "sentence_count", "measure_count"]
    list_filter = ["doc_type", DocumentRegionFilter, "industries"]
    search_fields = ["title", "issuer"]
    autocomplete_fields = ["region"]
    list_select_related = ["region"]
    filter_horizontal = ["industries"]
    readonly_fields = ["content_hash", "created_at", "updated_at", "sentences_link"]
    # An address typed without a scheme is a web page's: https, as Django 6 will assume (and 5.2 warns about).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["rerun_pipeline"]
    fieldsets = [
        (None, {"fields": ["title", "region", "issuer", "doc_type", "industries"]}),
        (_("日期"), {"fields": ["date", "date_precision", "date_note"]}),
        (_("来源"), {"fields": ["source_url", "source_site", "content_hash", "created_at", "updated_at"]}),
        (_("文本"), {"fields": ["sentences_link", "cleaned_text", "raw_text"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The text is the pipeline's business: re-run it instead of editing by hand.
        return [*self.readonly_fields, "cleaned_text", "raw_text"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # documents are added through the upload view, which runs the pipeline

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        # The texts are shown on a document's own page only (read there on demand).
        queryset = super().get_queryset(request).defer("raw_text", "cleaned_text")
        return queryset.with_sentence_counts()  # type: ignore[attr-defined,no-any-return]

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "doc_type" in form.changed_data:
            # Sentences are classified in their document's type (a speech reads unlike a plan): they follow it.
            job = jobs.start(kind=JobKind.RECLASSIFY, payload={"document": obj.pk}, user=request.user)
            self.message_user(
                request,
                format_html(
                    _('文件类型已改；本文件的句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>'),
                    job.get_absolute_url(),
                    job,
                ),
                messages.SUCCESS,
            )

    def get_urls(self) -> list[Any]:
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="measures_document_upload"),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Upload several files, confirm what was detected for each, then ingest them.

        The request only stages the files and queues a preview job; the job's page then
        shows each file's plan (region, title, type, date, issuer with their evidence) in
        a form, whose confirmation queues an ingest job (``ingest_bytes`` per file, the
        same function as ``manage.py ingest``). No step runs the pipeline in the request.
        """
        if not request.user.has_perm("measures.add_document"):
            raise PermissionDenied
        context: dict[str, Any] = {**self.admin_site.each_context(request), "opts": Document._meta}
        if request.method == "POST" and "confirm" in request.POST:
            preview_job = _job_or_404(request.POST.get("job"), kind=JobKind.PREVIEW, status=JobStatus.DONE)
            formset = PlanConfirmFormSet(request.POST, prefix="plan")
            if formset.is_valid():
                files = [
                    {
                        "key": form.cleaned_data["key"],
                        "filename": form.cleaned_data["filename"],
                        "region": form.cleaned_data["region"].code,
                        "meta": uploads.meta_as_json(form.meta()),
                    }
                    for form in formset
                    if form.cleaned_data.get("include")
                ]
                if not files:
                    self.message_user(request, _("没有选择要导入的文件。"), messages.WARNING)
                    return redirect(preview_job.get_absolute_url())
                job = jobs.start(kind=JobKind.INGEST, payload={"files": files}, user=request.user)
                return redirect(job.get_absolute_url())
            return TemplateResponse(
                request,
                "admin/measures/document/upload_confirm.html",
                {**context, "title": _("确认识别结果"), **_confirmation(preview_job, formset)},
            )

        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            region = form.cleaned_data["region"]
            try:
                files = [
                    {"key": uploads.stage(upload.read()), "filename": upload.name}
                    for upload in form.cleaned_data["files"]
                ]
            except OSError:
                # A full or unwritable staging disk: the curator is told, the details go to the log.
                logger.exception("could not stage an upload in %s", uploads.staging_dir())
                form.add_error(None, _("服务器暂时无法保存上传的文件，请稍后再试；如果仍然不行，请联系管理员。"))
            else:
                job = jobs.start(
                    kind=JobKind.PREVIEW,
                    payload={
                        "files": files,
                        "region": region.code if region is not None else "",
                        "meta": uploads.meta_as_json(form.meta()),
                    },
                    user=request.user,
                )
                return redirect(job.get_absolute_url())
        return TemplateResponse(
            request, "admin/measures/document/upload.html", {**context, "title": _("上传文件"), "form": form}
        )

    @admin.display(description=_("日期"), ordering="date")
    def date_text(self, document: Document) -> str:
        """The date as precise as it is known ("约 2011 年", "2023"), as the public pages show it."""
        return render_to_string("includes/_date.html", {"document": document}).strip()

    @admin.display(description=_("句子"), ordering="sentence_total")
    def sentence_count(self, document: Document) -> int:
        return document.sentence_total  # type: ignore[attr-defined,no-any-return]

    @admin.display(description=_("措施"), ordering="measure_total")
    def measure_count(self, document: Document) -> int:
        return document.measure_total  # type: ignore[attr-defined,no-any-return]

    @admin.display(description=_("句子"))
    def sentences_link(self, document: Document) -> str:
        url = reverse("admin:measures_measure_changelist") + f"?document__id__exact={document.pk}"
        return format_html('<a href="{}">{}</a>', url, _("查看本文件的全部句子"))

    @admin.action(description=_("重新运行处理流程…"), permissions=["change"])
    def rerun_pipeline(self, request: HttpRequest, queryset: QuerySet[Document]) -> HttpResponse | None:
        def apply(form: Form | None) -> str:
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            job = jobs.start(kind=JobKind.REPROCESS, payload={"documents": ids}, user=request.user)
            return format_html(
                _('{} 份文件将在后台重新处理，人工决定尽量保留：<a href="{}">{}</a>'),
                len(ids),
                job.get_absolute_url(),
                job,
            )

        return confirm_action(self, request, queryset, title=_("重新运行处理流程"), form_class=None, apply=apply)


def _confirmation(preview_job: Job, formset: Any) -> dict[str, Any]:
    """The confirmation form's context: each file's form beside what the preview job found."""
    previews = preview_job.outcome.get("previews", [])
    if formset is None:
        formset = PlanConfirmFormSet(prefix="plan", initial=[preview["initial"] for preview in previews])
    return {"formset": formset, "rows": list(zip(formset, previews, strict=False)), "preview_job": preview_job}


_JOB_ID = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def _job_or_404(value: Any, **filters: Any) -> Job:
    try:
        pk = _JOB_ID.clean(value)
    except ValidationError:
        raise Http404 from None
    return get_object_or_404(Job, pk=pk, **filters)


class ApplyModelForm(forms.Form):
    force = forms.BooleanField(label=_("强制启用（即使新模型在留出评估上更差）"), required=False, initial=False)


# A job still waiting after this long probably has no worker to run it: the admin says so.
WORKER_HINT_AFTER = dt.timedelta(seconds=60)
# A job running this long may have lost its worker (stopped mid-job): the admin says how to resubmit it.
RUNNING_HINT_AFTER = dt.timedelta(minutes=30)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Background jobs: waiting, running (with progress), done (with their outcome) or failed (with why)."""

    # Start times are on each job's page; the list keeps room for the outcome.
    list_display = ["__str__", "status_label", "progress_label", "outcome_summary", "created_by", "created_at",
                    "finished_at"]  # fmt: skip
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    list_per_page = 50
    actions = ["resubmit"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs are started by the upload, the actions and the training button

    def has_resubmit_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(jobs.START_PERMISSIONS.values())  # type: ignore[arg-type]

    @admin.action(description=_("重新提交…"), permissions=["resubmit"])
    def resubmit(self, request: HttpRequest, queryset: QuerySet[Job]) -> HttpResponse | None:
        """Queue failed or stuck jobs again: every kind is safe to repeat."""

        def apply(form: Form | None) -> str:
            again = [jobs.resubmit(job=job, user=request.user) for job in queryset.exclude(status=JobStatus.DONE)]
            return str(_("已重新提交 %(n)s 个任务（已完成的任务不会重复）。") % {"n": len(again)})

        return confirm_action(self, request, queryset, title=_("重新提交任务"), form_class=None, apply=apply)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        return [
            path("train/", self.admin_site.admin_view(self.train_view), name="measures_job_train"),
            path("<int:pk>/apply/", self.admin_site.admin_view(self.apply_view), name="measures_job_apply"),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """One job: status, progress and outcome; a preview's confirmation form; a candidate model's figures."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = _job_or_404(object_id)
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": Job._meta,
            "title": str(job),
            "job": job,
            "waiting_long": _waiting_long(job),
            "running_long": job.status == JobStatus.RUNNING
            and job.started_at is not None
            and timezone.now() - job.started_at > RUNNING_HINT_AFTER,
        }
        if job.kind == JobKind.PREVIEW and job.status == JobStatus.DONE:
            context.update(_confirmation(job, None))
        candidate = jobs.candidate_of(job)
        if candidate is not None:
            context.update(
                candidate=candidate,
                figures=learning.figure_rows(candidate.before, candidate.after),
                apply_form=ApplyModelForm(),
                in_use_version=learning.model_summary().version,
                can_apply=request.user.has_perm("measures.add_classifiermodel"),
            )
        return TemplateResponse(request, "admin/measures/job/detail.html", context)

    def train_view(self, request: HttpRequest) -> HttpResponse:
        """Explain retraining (GET); queue it on the shipped labels plus every curator decision (POST)."""
        if not request.user.has_perm("measures.add_classifiermodel"):
            raise PermissionDenied
        if request.method != "POST":
            return TemplateResponse(
                request,
                "admin/measures/job/train.html",
                {**self.admin_site.each_context(request), "opts": Job._meta, "title": _("重新训练分类器")},
            )
        job = jobs.start(kind=JobKind.TRAIN, payload={}, user=request.user)
        return redirect(job.get_absolute_url())

    def apply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Apply a training job's candidate: only if not worse on held-out documents, unless forced."""
        if not request.user.has_perm("measures.add_classifiermodel"):
            raise PermissionDenied
        job = _job_or_404(pk, kind=JobKind.TRAIN, status=JobStatus.DONE)
        if request.method != "POST":
            return redirect(job.get_absolute_url())
        form = ApplyModelForm(request.POST)
        form.full_clean()  # one optional checkbox: always valid
        try:
            version, reclassify_job = jobs.apply_trained(
                job=job,
                force=form.cleaned_data["force"],
                user=request.user,  # type: ignore[arg-type]
            )
        except jobs.JobError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(job.get_absolute_url())
        if version is None or reclassify_job is None:
            self.message_user(
                request,
                _("新模型在留出文档评估上比现用模型差，没有启用。如仍要启用，请勾选“强制启用”。"),
                messages.ERROR,
            )
            return redirect(job.get_absolute_url())
        self.message_user(
            request,
            format_html(
                _('已启用模型 v{}；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>'),
                version,
                reclassify_job.get_absolute_url(),
                reclassify_job,
            ),
            messages.SUCCESS,
        )
        return redirect(job.get_absolute_url())

    @admin.display(description=_("状态"), ordering="status")
    def status_label(self, job: Job) -> str:
        if _waiting_long(job):
            return format_html(
                '{} <span class="job-hint">{}</span>', job.get_status_display(), _("（后台任务进程可能没有运行）")
            )
        return job.get_status_display()

    @admin.display(description=_("进度"))
    def progress_label(self, job: Job) -> str:
        if job.status != JobStatus.RUNNING:
            return ""
        return format_html(
            '<progress max="1" value="{}"></progress> {}% {}', job.progress, round(job.progress * 100), job.message
        )

    @admin.display(description=_("结果"))
    def outcome_summary(self, job: Job) -> str:
        return _outcome_summary(job)


def _waiting_long(job: Job) -> bool:
    return job.status == JobStatus.WAITING and timezone.now() - job.created_at > WORKER_HINT_AFTER


def _outcome_summary(job: Job) -> str:
    """One line per job for the changelist: what came of it, in words."""
    if job.status == JobStatus.FAILED:
        return format_html('<span class="errornote-inline">{}</span>', job.error)
    if job.status != JobStatus.DONE:
        return ""
    outcome = job.outcome
    if job.kind == JobKind.PREVIEW:
        return format_html(
            '<a href="{}">{}</a>',
            job.get_absolute_url(),
            _("%(n)s 个文件待确认") % {"n": len(outcome.get("previews", []))},
        )
    if job.kind == JobKind.INGEST:
        results = outcome.get("outcomes", [])
        counts = {status: sum(o["status"] == status for o in results) for status in ("created", "existing", "refused")}
        links = format_html_join(
            " ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:measures_document_change", args=[o["document_id"]]), o["name"])
                for o in results
                if o["document_id"]
            ),
        )
        return format_html(
            "{} {}",
            _("已导入 %(created)s · 已存在 %(existing)s · 未导入 %(refused)s") % counts,
            links,
        )
    if job.kind == JobKind.REPROCESS:
        return str(
            _("%(documents)s 份文件，%(sentences)s 个句子；保留 %(kept)s 项人工决定，%(dropped)s 项无法保留") % outcome
        )
    if job.kind == JobKind.RECLASSIFY:
        return str(
            _(
                "%(measures)s 个句子：%(kinds_changed)s 个改变类型，新增 %(labels_added)s、去掉 %(labels_removed)s 个类别，保留 %(curated_kept)s 个人工标注"
            )
            % outcome
        )
    candidate = jobs.candidate_of(job)
    if candidate is None:
        return ""
    rows = {row.key: row for row in learning.headline_rows(candidate.before, candidate.after)}
    applied = outcome.get("applied_version")
    return "{} {} → {}；{} {} → {}；{}".format(
        _("措施 F1"), rows["measure"].before_f1, rows["measure"].after_f1,
        _("类别 F1"), rows["category_micro"].before_f1, rows["category_micro"].after_f1,
        _("已启用 v%(v)s") % {"v": applied} if applied else _("待启用"),
    )  # fmt: skip


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "level", "code", "slug", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["level"]
    # Former names too, so 襄樊 finds 420600 襄阳市; slugs are pinyin, so "yongjia" finds 永嘉县.
    search_fields = ["name", "=code", "slug", "names__name"]
    list_select_related = ["parent", "successor"]
    autocomplete_fields = ["parent", "successor"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug"]
    search_fields = ["name"]
