"""Background jobs: status, progress, outcome; a preview's confirmation; a trained model's figures and applying it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import jobs, learning
from ..forms import PlanConfirmFormSet
from ..models import Job, JobKind, JobStatus
from .actions import confirm_action


def job_message(message: str, *args: object, job: Job) -> str:
    """``message`` (a ``format_html`` pattern ending in ``<a href="{}">{}</a>``) with ``args`` and a link to ``job``."""
    return format_html(message, *args, job.get_absolute_url(), job)


def upload_confirmation(preview_job: Job, formset: Any) -> dict[str, Any]:
    """The confirmation form's context: each file's form beside what the preview job found."""
    previews = preview_job.outcome.get("previews", [])
    if formset is None:
        formset = PlanConfirmFormSet(prefix="plan", initial=[preview["initial"] for preview in previews])
    return {"formset": formset, "rows": list(zip(formset, previews, strict=False)), "preview_job": preview_job}


_JOB_ID = forms.IntegerField(min_value=1, max_value=2**63 - 1)


def job_or_404(value: Any, **filters: Any) -> Job:
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
        job = job_or_404(object_id)
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
            context.update(upload_confirmation(job, None))
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
        job = job_or_404(pk, kind=JobKind.TRAIN, status=JobStatus.DONE)
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
        message = _('已启用模型 v{}；全部句子正在后台重新分类（人工决定不会改动）：<a href="{}">{}</a>')
        self.message_user(request, job_message(message, version, job=reclassify_job), messages.SUCCESS)
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
