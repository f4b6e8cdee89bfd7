"""Background jobs: work too long for a request, run by the task worker, followed in the admin.

``start`` writes a ``Job`` (waiting) and queues the ``run_job`` task for it (Django's
tasks framework: ``manage.py db_worker`` runs it); ``run`` is what the worker calls: it
marks the job running, calls the handler for its kind under the language of the
curator who started it, and stores the outcome or the reason it failed. Handlers
report progress as they go and return JSON. Each handler writes through the functions
every other path uses (``uploads.ingest_staged``, ``curation.reprocess_document``,
``pipeline.reclassify_in_batches``, ``learning.train_candidate``), in short
transactions, so a long job never holds the database's write lock for long.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import curation, learning, uploads
from .ingest import IngestError
from .ingest.pipeline import reclassify_in_batches, region_by_code
from .models import Document, Job, JobKind, JobStatus, Measure

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A job cannot be done as asked; the message is for the curator, in their language."""


Progress = Callable[[int, int, str], None]

# Who may start (or resubmit) each kind of job: the permission of the admin page that starts it.
START_PERMISSIONS = {
    JobKind.PREVIEW: "measures.add_document",
    JobKind.INGEST: "measures.add_document",
    JobKind.REPROCESS: "measures.change_document",
    JobKind.RECLASSIFY: "measures.change_category",
    JobKind.TRAIN: "measures.add_classifiermodel",
}


def start(
    *, kind: str, payload: dict[str, Any], user: AbstractBaseUser | AnonymousUser | None, language: str = ""
) -> Job:
    """Record a job as waiting and queue its task; the job's page follows it from there.

    If the queue refuses the task (a database error), the job is returned failed, saying so and
    asking to resubmit, and the error is logged: the curator sees the job's page, not a server error.
    """
    from .tasks import run_job

    job = Job.objects.create(
        kind=kind,
        payload=payload,
        created_by=user if isinstance(user, User) and user.pk else None,
        language=language or translation.get_language() or "zh-hans",
    )
    try:
        result = run_job.enqueue(job.pk)
    except Exception:
        # The job must not wait for ever, silently: it fails at once, and the log has why.
        logger.exception("job %s (%s) could not be queued", job.pk, kind)
        _finish(job.pk, JobStatus.FAILED, error=_("无法把任务排入后台队列，请稍后重新提交。"))
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def resubmit(*, job: Job, user: AbstractBaseUser | AnonymousUser | None) -> Job:
    """Queue ``job``'s work again as a new job (for one that failed, or one a stopped worker left
    running). Safe for every kind: imports are idempotent and the others start from stored data;
    uploads refused or confirmed more than a day ago are gone and are reported so."""
    return start(kind=job.kind, payload=job.payload, user=user)


def run(job_id: int) -> str:
    """Run one job to its end; returns its final status. What the ``run_job`` task does."""
    job = Job.objects.filter(pk=job_id).select_related("created_by").first()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.WAITING).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if job is None or not claimed:
        return job.status if job is not None else "missing"  # already run: a job never runs twice
    with translation.override(job.language):
        try:
            outcome = HANDLERS[JobKind(job.kind)](job, _progress(job.pk))
        except (JobError, IngestError) as error:  # expected, and worded for the curator
            _finish(job.pk, JobStatus.FAILED, error=str(error))
            return JobStatus.FAILED
        except BaseException:
            # A bug or an interrupted worker: say so in words, keep the traceback in the log
            # and in the task's own result, and let the task fail too.
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            _finish(
                job.pk,
                JobStatus.FAILED,
                error=_("任务意外中断（详情见服务器日志）。请重新提交；如果再次失败，请联系管理员。"),
            )
            raise
    _finish(job.pk, JobStatus.DONE, outcome=outcome)
    return JobStatus.DONE


def _progress(job_id: int) -> Progress:
    def report(done: int, total: int, message: str = "") -> None:
        fraction = min(max(done / total, 0.0), 1.0) if total else 1.0
        Job.objects.filter(pk=job_id).update(progress=fraction, message=message[:300])

    return report


def _finish(job_id: int, status: str, *, outcome: dict[str, Any] | None = None, error: str = "") -> None:
    values: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "error": error}
    if outcome is not None:
        values.update(outcome=outcome, progress=1.0, message="")
    Job.objects.filter(pk=job_id).update(**values)


def _curator(job: Job) -> User:
    if job.created_by is None:
        raise JobError(_("发起此任务的账号已不存在，无法记录是谁做的修改。"))
    return job.created_by


# --- handlers: one per kind, each returning the outcome as JSON -----------------------


def _preview(job: Job, progress: Progress) -> dict[str, Any]:
    """Read, clean, detect and classify each staged upload for the confirmation page."""
    files = job.payload["files"]
    meta = uploads.meta_from_json(job.payload.get("meta", {}))
    region = region_by_code(job.payload["region"]) if job.payload.get("region") else None
    previews = []
    for index, item in enumerate(files):
        progress(index, len(files), _("正在读取 %(name)s") % {"name": item["filename"]})
        preview = uploads.preview(key=item["key"], filename=item["filename"], region=region, meta=meta)
        previews.append(preview.as_json(meta))
    return {"previews": previews}


def _ingest(job: Job, progress: Progress) -> dict[str, Any]:
    """Store each confirmed upload; a refused file is reported and the rest go on."""
    files = job.payload["files"]
    outcomes = []
    for index, item in enumerate(files):
        progress(index, len(files), _("正在导入 %(name)s") % {"name": item["filename"]})
        outcome = uploads.ingest_staged(
            key=item["key"],
            filename=item["filename"],
            region_code=item["region"],
            meta=uploads.meta_from_json(item["meta"]),
        )
        outcomes.append(asdict(outcome))
    return {"outcomes": outcomes}


def _reprocess(job: Job, progress: Progress) -> dict[str, Any]:
    """Re-run the pipeline on stored documents, one transaction per document."""
    curator = _curator(job)
    ids = list(job.payload["documents"])
    totals = {"documents": 0, "sentences": 0, "kept": 0, "dropped": 0}
    for index, document in enumerate(Document.objects.filter(pk__in=ids).order_by("pk")):
        progress(index, len(ids), _("正在处理：%(title)s") % {"title": document.title[:40]})
        report = curation.reprocess_document(document=document, curator=curator)
        totals["documents"] += 1
        totals["sentences"] += report.sentences
        totals["kept"] += report.kept_decisions
        totals["dropped"] += report.dropped_decisions
    return totals


def _reclassify(job: Job, progress: Progress) -> dict[str, Any]:
    """Reclassify stored sentences in batches; curator decisions are kept."""
    measures = Measure.objects.all()
    if job.payload.get("document"):
        measures = measures.filter(document_id=job.payload["document"])

    def report(done: int, total: int) -> None:
        progress(done, total, _("已重新分类 %(done)s / %(total)s 个句子") % {"done": done, "total": total})

    return asdict(reclassify_in_batches(measures=measures, on_progress=report))


def _train(job: Job, progress: Progress) -> dict[str, Any]:
    """Fit a candidate on shipped labels plus curator decisions; a curator applies it later."""
    progress(0, 1, _("正在训练并做留出文档评估（每篇文件由未见过它的模型评分）…"))
    candidate = learning.train_candidate()
    return {"candidate": candidate.as_json(), "applied_version": None}


HANDLERS: dict[JobKind, Callable[[Job, Progress], dict[str, Any]]] = {
    JobKind.PREVIEW: _preview,
    JobKind.INGEST: _ingest,
    JobKind.REPROCESS: _reprocess,
    JobKind.RECLASSIFY: _reclassify,
    JobKind.TRAIN: _train,
}


# --- after a training job -------------------------------------------------------------


def candidate_of(job: Job) -> learning.Candidate | None:
    """The model a finished training job proposes, if any."""
    if job.kind != JobKind.TRAIN or job.status != JobStatus.DONE or "candidate" not in job.outcome:
        return None
    return learning.Candidate.from_json(job.outcome["candidate"])


def apply_trained(*, job: Job, force: bool, user: User) -> tuple[int | None, Job | None]:
    """Apply a training job's candidate (the rule is ``learning.apply_candidate``'s), then reclassify.

    Returns the new model version and the reclassification job, or ``(None, None)`` when
    the candidate is worse than the model in use and ``force`` is not set.
    """
    candidate = candidate_of(job)
    if candidate is None:
        raise JobError(_("这个任务没有可启用的新模型。"))
    if job.outcome.get("applied_version"):
        raise JobError(_("这个新模型已经启用过（v%(version)s）。") % {"version": job.outcome["applied_version"]})
    version = learning.apply_candidate(candidate=candidate, force=force, user=user)
    if version is None:
        return None, None
    Job.objects.filter(pk=job.pk).update(outcome={**job.outcome, "applied_version": version})
    return version, start(kind=JobKind.RECLASSIFY, payload={}, user=user)
