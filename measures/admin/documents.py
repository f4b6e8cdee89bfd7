"""Documents: upload (staged, previewed by a job, confirmed), edit, re-run the pipeline; industries."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import jobs, uploads
from ..forms import DocumentUploadForm, PlanConfirmFormSet
from ..models import Document, Industry, JobKind, JobStatus
from .actions import confirm_action
from .filters import RegionFilter
from .jobs import job_message, job_or_404, upload_confirmation

logger = logging.getLogger(__name__)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "region", "doc_type", "date_text", "sentence_count", "measure_count"]
    list_filter = ["doc_type", RegionFilter, "industries"]
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
            message = _('文件类型已改；本文件的句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>')
            self.message_user(request, job_message(message, job=job), messages.SUCCESS)

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
            preview_job = job_or_404(request.POST.get("job"), kind=JobKind.PREVIEW, status=JobStatus.DONE)
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
                {**context, "title": _("确认识别结果"), **upload_confirmation(preview_job, formset)},
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
            return job_message(_('{} 份文件将在后台重新处理，人工决定尽量保留：<a href="{}">{}</a>'), len(ids), job=job)

        return confirm_action(self, request, queryset, title=_("重新运行处理流程"), form_class=None, apply=apply)


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug"]
    search_fields = ["name"]
