"""Admin for curators: documents, their sentences and labels, categories, tags, regions."""

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Category, Document, Industry, Label, Measure, Region, Tag


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "slug", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code", "slug"]
    list_select_related = ["parent"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "doc_type", "date", "date_precision", "sentence_count", "measure_count"]
    list_filter = ["doc_type", "region", "industries"]
    search_fields = ["title", "issuer"]
    list_select_related = ["region"]
    filter_horizontal = ["industries"]
    readonly_fields = ["content_hash", "created_at", "updated_at", "sentences_link"]
    fieldsets = [
        (None, {"fields": ["title", "region", "issuer", "doc_type", "industries"]}),
        (_("日期"), {"fields": ["date", "date_precision", "date_note"]}),
        (_("来源"), {"fields": ["source_url", "source_site", "content_hash", "created_at", "updated_at"]}),
        (_("文本"), {"fields": ["sentences_link", "cleaned_text", "raw_text"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                sentence_total=Count("sentences", distinct=True),
                measure_total=Count("sentences", filter=Q(sentences__is_measure=True), distinct=True),
            )
        )

    @admin.display(description=_("句子"), ordering="sentence_total")
    def sentence_count(self, document: Document) -> int:
        return document.sentence_total  # type: ignore[attr-defined]

    @admin.display(description=_("措施"), ordering="measure_total")
    def measure_count(self, document: Document) -> int:
        return document.measure_total  # type: ignore[attr-defined]

    @admin.display(description=_("句子"))
    def sentences_link(self, document: Document) -> str:
        url = reverse("admin:measures_measure_changelist") + f"?document__id__exact={document.pk}"
        return format_html('<a href="{}">{}</a>', url, _("查看本文件的全部句子"))


class LabelInline(admin.TabularInline):
    model = Label
    extra = 0
    fields = ["category", "source", "rejected", "score", "evidence", "curator", "decided_at"]
    readonly_fields = ["score", "evidence", "curator", "decided_at"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["text_excerpt", "document", "position", "is_measure", "kind_curated", "category_chips"]
    list_filter = ["is_measure", "kind_curated", "is_heading", "categories", "document__region", "document", "tags"]
    search_fields = ["text"]
    list_select_related = ["document"]
    autocomplete_fields = ["tags"]
    readonly_fields = ["document", "position", "text", "is_heading", "kind_evidence", "search_tokens"]
    fields = ["document", "position", "text", "is_heading", "is_measure", "kind_curated", "kind_evidence", "tags"]
    inlines = [LabelInline]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Measure]:
        return super().get_queryset(request).for_list()  # type: ignore[attr-defined]

    @admin.display(description=_("文本"))
    def text_excerpt(self, measure: Measure) -> str:
        return measure.text[:80]

    @admin.display(description=_("类别"))
    def category_chips(self, measure: Measure) -> str:
        return format_html_join(
            " ",
            '<span title="{}">{}{}</span>',
            (
                (
                    ", ".join(label.evidence) or _("人工"),
                    label.category.name_zh,
                    "" if label.source == "machine" else "✓",
                )
                for label in measure.applied_labels  # type: ignore[attr-defined]
            ),
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "slug", "threshold", "order"]
    ordering = ["order"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
