"""Sentences: the curators' main list, its inlines (labels, quantities) and bulk actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .. import curation
from ..forms import CategoryChoiceForm, TagChoiceForm
from ..models import Label, LabelSource, Measure, Quantity
from ..search import parse_query, search_window
from .actions import choice_action, confirm_action
from .filters import CategoryFilter, DocumentFilter, LabelSourceFilter, RegionFilter, StrengthFilter


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
        parts, separator = [], pgettext("list separator", "、")
        if measure.measure_reasons:
            parts.append(_("支持措施：%(cues)s") % {"cues": separator.join(measure.measure_reasons)})
        if measure.context_reasons:
            parts.append(_("支持背景：%(cues)s") % {"cues": separator.join(measure.context_reasons)})
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
        separator = pgettext("list separator", "、")
        return separator.join(quantity.label for quantity in measure.stated_quantities)  # type: ignore[attr-defined]

    @admin.display(description=_("标签"))
    def tag_list(self, measure: Measure) -> str:
        return ", ".join(tag.name for tag in measure.tags.all())

    # --- bulk actions, each with a confirmation step ---------------------------------

    add_tag = choice_action(
        name="add_tag", description=_("添加标签…"), title=_("添加标签"), form_class=TagChoiceForm, field="tag",
        operation=curation.add_tag, message=_("已为 %(n)s 个句子添加标签“%(name)s”。"),
    )  # fmt: skip
    remove_tag = choice_action(
        name="remove_tag", description=_("移除标签…"), title=_("移除标签"), form_class=TagChoiceForm, field="tag",
        operation=curation.remove_tag, message=_("已从 %(n)s 个句子移除标签“%(name)s”。"),
    )  # fmt: skip
    set_category = choice_action(
        name="set_category", description=_("设定类别（人工）…"), title=_("设定类别"), form_class=CategoryChoiceForm,
        field="category", operation=curation.set_category, message=_("已为 %(n)s 个句子设定类别“%(name)s”。"),
    )  # fmt: skip
    remove_category = choice_action(
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
