"""The curators' admin: sentences, labels, tags, categories and documents.

Every bulk action asks for confirmation on an intermediate page, then calls a
function in ``curation`` (atomic, logged); views here only parse forms and render.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import curation, learning, uploads
from .forms import (
    CategoryChoiceForm,
    DocumentUploadForm,
    LexiconForm,
    PlanConfirmForm,
    PlanConfirmFormSet,
    TagChoiceForm,
    TagMergeForm,
)
from .ingest import IngestError
from .ingest.batch import BatchOutcome, ingest_bytes
from .ingest.pipeline import DocumentMeta
from .models import (
    Category,
    Document,
    Industry,
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
            label = getattr(choice, "name_zh", None) or choice.name
            return str(message % {"n": n, "name": label})

        return confirm_action(modeladmin, request, queryset, title=title, form_class=form_class, apply=apply)

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


# --- sentences ------------------------------------------------------------------------


class CategoryFilter(admin.SimpleListFilter):
    title = _("类别")
    parameter_name = "category"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(c.slug, c.name_zh) for c in Category.objects.order_by("order")] + [("none", _("无类别"))]

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
        curated = Q(kind_curated=True) | Q(labels__source=LabelSource.CURATOR)
        if self.value() == "curator":
            return queryset.filter(curated).distinct()
        if self.value() == "machine":
            return queryset.exclude(curated)
        return queryset


class RegionFilter(admin.SimpleListFilter):
    title = _("地区")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(r.slug, r.name) for r in Region.objects.with_documents().order_by("path")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        region = Region.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.in_region(region) if region else queryset  # type: ignore[attr-defined,no-any-return]


class DocumentRegionFilter(RegionFilter):
    """Regions that have documents (not all ~6,800 units), each with the regions below it."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Measure]) -> QuerySet[Measure]:
        region = Region.objects.filter(slug=self.value()).first() if self.value() else None
        return queryset.filter(region__in=Region.objects.within(region)) if region else queryset


class LabelInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Label
    extra = 0
    fields = ["category", "source", "rejected", "score", "evidence", "curator", "decided_at"]
    # Any hand edit makes a curator label (curation.save_label_edits), so the source is not a form field:
    # a rejection is valid whatever the source was, and the check constraint holds on save.
    readonly_fields = ["source", "score", "evidence", "curator", "decided_at"]


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
    list_filter = [CategoryFilter, LabelSourceFilter, "is_measure", StrengthFilter, RegionFilter, "document", "tags"]
    search_fields = ["text"]  # answered by full-text search, see get_search_results
    search_help_text = _("全文检索（与公开页面相同的分词检索）")
    autocomplete_fields = ["tags"]
    readonly_fields = ["document", "position", "text", "is_heading", "kind_evidence", "strength_label", "strength_cue"]
    fields = [
        "document", "position", "text", "is_heading", "is_measure", "kind_curated", "kind_evidence",
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
        if "is_measure" in form.changed_data:
            obj.kind_curated = True  # editing the kind by hand is a curator decision
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Label:
            # Quantities are read-only; the change message still asks every formset what it saved.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        labels = formset.save(commit=False)
        curation.save_label_edits(labels=labels, deleted=formset.deleted_objects, curator=request.user)

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
                    label.category.name_zh,
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
            sources = [tag for tag in queryset if tag.pk != into.pk]
            moved = sum(
                len(curation.merge_tags(source=tag, into=into, curator=request.user).measure_ids)  # type: ignore[arg-type]
                for tag in sources
            )
            return str(
                _("已将 %(n)s 个标签合并到“%(into)s”，移动 %(moved)s 个句子。")
                % {"n": len(sources), "into": into.name, "moved": moved}
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
                result = curation.apply_lexicon(category=category, lexicon_text=text, curator=request.user)  # type: ignore[arg-type]
                self.message_user(
                    request,
                    _("已保存“%(c)s”的关键词表：%(g)s 个句子新增此类别，%(l)s 个句子失去此类别；人工决定未改动。")
                    % {"c": category.name_zh, "g": len(result.gains), "l": len(result.losses)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:measures_category_changelist"))
            preview = curation.preview_reclassification(category=category, lexicon_text=text)
        return TemplateResponse(
            request,
            "admin/measures/category/preview.html",
            {**self.admin_site.each_context(request), "title": _("关键词表：%s") % category.name_zh,
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
             "model": learning.model_summary(), "opts": Category._meta},
        )  # fmt: skip


# --- documents, regions, industries ---------------------------------------------------


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "region", "doc_type", "date", "date_precision", "sentence_count", "measure_count"]
    list_filter = ["doc_type", DocumentRegionFilter, "industries"]
    search_fields = ["title", "issuer"]
    autocomplete_fields = ["region"]
    list_select_related = ["region"]
    filter_horizontal = ["industries"]
    readonly_fields = ["content_hash", "created_at", "updated_at", "sentences_link"]
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
        return (
            super()
            .get_queryset(request)
            .annotate(
                sentence_total=Count("sentences", distinct=True),
                measure_total=Count("sentences", filter=Q(sentences__is_measure=True), distinct=True),
            )
        )

    def get_urls(self) -> list[Any]:
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="measures_document_upload"),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Upload several files, confirm what was detected for each, then ingest them one by one.

        Step 1 stages the files and shows each one's plan (region, title, type, date,
        issuer with their evidence) in a form; step 2 ingests the confirmed ones through
        ``ingest_bytes``, the same per-file function as ``manage.py ingest``.
        """
        if not request.user.has_perm("measures.add_document"):
            raise PermissionDenied
        context: dict[str, Any] = {**self.admin_site.each_context(request), "opts": Document._meta}
        if request.method == "POST" and "confirm" in request.POST:
            formset = PlanConfirmFormSet(request.POST, prefix="plan")
            if formset.is_valid():
                outcomes = [_ingest_confirmed(form) for form in formset if form.cleaned_data.get("include")]
                return TemplateResponse(
                    request,
                    "admin/measures/document/upload_results.html",
                    {**context, "title": _("导入结果"), "outcomes": outcomes},
                )
            previews = [
                uploads.preview(
                    key=form["key"].value(), filename=form["filename"].value(), region=None, meta=DocumentMeta()
                )
                for form in formset
            ]
            return _confirmation(request, context, formset, previews)

        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            meta = form.meta()
            previews = [
                uploads.preview(
                    key=uploads.stage(upload.read()),
                    filename=upload.name,
                    region=form.cleaned_data["region"],
                    meta=meta,
                )
                for upload in form.cleaned_data["files"]
            ]
            formset = PlanConfirmFormSet(prefix="plan", initial=[p.initial(meta) for p in previews])
            return _confirmation(request, context, formset, previews)
        return TemplateResponse(
            request, "admin/measures/document/upload.html", {**context, "title": _("上传文件"), "form": form}
        )

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
            reports = [curation.reprocess_document(document=d, curator=request.user) for d in queryset]  # type: ignore[arg-type]
            return str(
                _("已重新处理 %(n)s 份文件：保留 %(kept)s 项人工决定，%(dropped)s 项因句子文本改变而无法保留。")
                % {
                    "n": len(reports),
                    "kept": sum(r.kept_decisions for r in reports),
                    "dropped": sum(r.dropped_decisions for r in reports),
                }
            )

        return confirm_action(self, request, queryset, title=_("重新运行处理流程"), form_class=None, apply=apply)


def _confirmation(
    request: HttpRequest, context: dict[str, Any], formset: Any, previews: list[uploads.UploadPreview]
) -> HttpResponse:
    return TemplateResponse(
        request,
        "admin/measures/document/upload_confirm.html",
        {**context, "title": _("确认识别结果"), "formset": formset, "rows": list(zip(formset, previews, strict=True))},
    )


def _ingest_confirmed(form: PlanConfirmForm) -> BatchOutcome:
    data = form.cleaned_data
    try:
        content = uploads.staged(data["key"])
    except IngestError as error:
        return BatchOutcome(name=data["filename"], status="refused", reason=str(error))
    outcome = ingest_bytes(name=data["filename"], data=content, region=data["region"], meta=form.meta())
    if outcome.status != "refused":
        uploads.discard(data["key"])
    return outcome


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
