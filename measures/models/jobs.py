"""Background jobs as the admin shows them: kind, status, progress and outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    PREVIEW = "preview", _("读取上传的文件")
    INGEST = "ingest", _("导入文件")
    REPROCESS = "reprocess", _("重新运行处理流程")
    RECLASSIFY = "reclassify", _("重新分类")
    TRAIN = "train", _("重新训练分类器")


class JobStatus(models.TextChoices):
    WAITING = "waiting", _("等待中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """Work that runs outside the request, as a background task: what the admin shows of it.

    The task itself is a row of the tasks backend (``task_id`` is its result id); this
    row is ours because the task result cannot say what a curator needs: progress while
    it runs, the outcome in our terms (document links, before/after figures, a model to
    apply), who started it, and messages in the language of the curator who did. It is
    written before the task is queued, so work the worker has not picked up shows as
    waiting, and it outlives the backend's pruning of finished results.
    """

    kind = models.CharField(_("任务"), max_length=20, choices=JobKind.choices)
    status = models.CharField(_("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING)
    progress = models.FloatField(_("进度"), default=0.0)  # 0–1
    message = models.CharField(_("进展"), max_length=300, blank=True)
    payload = models.JSONField(_("输入"), default=dict)
    outcome = models.JSONField(_("结果"), default=dict)
    error = models.TextField(_("错误"), blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    task_id = models.CharField(_("后台任务编号"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0) & Q(progress__lte=1), name="job_progress_fraction")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("admin:measures_job_change", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
