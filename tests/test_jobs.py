"""Background jobs: queued and shown as waiting, run by the worker, their progress, outcome and failures."""

import datetime as dt
from functools import partial
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from measures import jobs, learning
from measures.ingest.classify import load_shipped_model
from measures.ingest.pipeline import current_model, reclassify_in_batches
from measures.models import Category, ClassifierModel, Document, Job, Measure
from tests.factories import CuratorDecisions, UserFactory

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
HIGH = {"measure": {"f1": 0.99}, "category_micro": {"f1": 0.99}}
LOW = {"measure": {"f1": 0.1}, "category_micro": {"f1": 0.1}}


@pytest.fixture
def queued(settings: Any) -> None:
    """Tasks go to the database queue, as in ``make run``, and wait there for a worker."""
    settings.TASKS = DATABASE_QUEUE


def run_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``make run``'s worker does, once over the queue: ``db_worker`` until nothing is left.

    In this process the worker shares the test's transaction, which its between-task
    connection check would close on PostgreSQL (tests/test_worker_process.py runs a real one).
    """
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.mark.usefixtures("queued", "seed_data")
def test_a_job_waits_in_the_queue_until_the_worker_runs_it(
    admin_client: Client, admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = jobs.start(kind="reclassify", payload={}, user=admin_user)
    assert job.status == "waiting" and job.task_id
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["args"] == [job.pk]
    page = admin_client.get("/admin/measures/job/").content.decode()
    assert "等待中" in page and "后台任务进程可能没有运行" not in page

    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert "后台任务进程可能没有运行" in admin_client.get("/admin/measures/job/").content.decode()
    detail = admin_client.get(job.get_absolute_url()).content.decode()
    assert "manage.py db_worker" in detail and 'http-equiv="refresh"' in detail

    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 1.0 and job.started_at and job.finished_at
    assert job.outcome["measures"] == Measure.objects.count()
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    detail = admin_client.get(job.get_absolute_url()).content.decode()
    assert "已完成" in detail and "已重新分类" in detail and 'http-equiv="refresh"' not in detail


def spy_on_progress(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, str]]:
    """The (progress, status) stored after each progress report, read back from the database."""
    seen: list[tuple[float, str]] = []
    report = jobs._progress

    def spy(job_id: int) -> jobs.Progress:
        inner = report(job_id)

        def wrapped(done: int, total: int, message: str = "") -> None:
            inner(done, total, message)
            job = Job.objects.get(pk=job_id)
            seen.append((job.progress, job.status))

        return wrapped

    monkeypatch.setattr(jobs, "_progress", spy)
    return seen


@pytest.mark.usefixtures("seed_data")
def test_progress_is_stored_as_the_job_goes(monkeypatch: pytest.MonkeyPatch, admin_user: Any) -> None:
    seen = spy_on_progress(monkeypatch)
    jobs.start(
        kind="reprocess", payload={"documents": list(Document.objects.values_list("pk", flat=True))}, user=admin_user
    )
    assert [status for _, status in seen] == ["running"] * Document.objects.count()
    assert [fraction for fraction, _ in seen] == sorted(fraction for fraction, _ in seen)
    assert seen[0][0] == 0.0 and seen[-1][0] < 1.0


@pytest.mark.usefixtures("seed_data")
def test_a_reclassify_job_stores_its_progress_after_each_batch(
    monkeypatch: pytest.MonkeyPatch, admin_user: Any
) -> None:
    seen = spy_on_progress(monkeypatch)
    # The batch size is bound where the job calls the pipeline, so it is set there.
    monkeypatch.setattr(jobs, "reclassify_in_batches", partial(reclassify_in_batches, batch_size=3))
    total = Measure.objects.count()
    jobs.start(kind="reclassify", payload={}, user=admin_user)
    assert total > 6
    assert [round(fraction * total) for fraction, _ in seen] == [*range(3, total, 3), total]
    assert {status for _, status in seen} == {"running"}


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hans", "发起此任务的账号已不存在"), ("en", "no longer exists")]
)
@pytest.mark.usefixtures("seed_data")
def test_a_failed_job_says_why_in_the_language_of_the_curator_who_started_it(language: str, expected: str) -> None:
    document = Document.objects.first()
    job = jobs.start(kind="reprocess", payload={"documents": [document.pk]}, user=None, language=language)
    job.refresh_from_db()
    assert job.status == "failed" and expected in job.error and job.finished_at


@pytest.mark.usefixtures("queued")
def test_an_unexpected_error_fails_the_job_in_words_and_the_task_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch, admin_client: Client, admin_user: Any
) -> None:
    def broken(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(jobs.HANDLERS, jobs.JobKind.RECLASSIFY, broken)
    job = jobs.start(kind="reclassify", payload={}, user=admin_user)
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == "failed" and "任务意外中断" in job.error and "disk on fire" not in job.error
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "FAILED" and "disk on fire" in task.traceback
    page = admin_client.get("/admin/measures/job/").content.decode()
    assert "失败" in page and "任务意外中断" in page


def test_a_job_is_never_run_twice(admin_user: Any) -> None:
    job = jobs.start(kind="reclassify", payload={}, user=admin_user)
    assert Job.objects.get(pk=job.pk).status == "done"
    assert jobs.run(job.pk) == "done"
    assert jobs.run(987654) == "missing"


@pytest.mark.usefixtures("seed_data")
def test_rerun_pipeline_from_the_admin_runs_as_a_job(curator_client: Client) -> None:
    document = Document.objects.order_by("pk").first()
    response = curator_client.post(
        "/admin/measures/document/",
        {"action": "rerun_pipeline", "_selected_action": [document.pk], "apply": "1"},
        follow=True,
    )
    job = Job.objects.get(kind="reprocess")
    assert job.status == "done" and job.outcome["documents"] == 1 and job.created_by.username == "curator"
    assert job.get_absolute_url() in response.content.decode()


@pytest.mark.usefixtures("seed_data")
def test_a_lexicon_change_is_saved_at_once_and_reclassified_as_a_job(curator_client: Client) -> None:
    finance = Category.objects.get(slug="finance")
    url = f"/admin/measures/category/{finance.pk}/preview/"
    response = curator_client.post(url, {"lexicon": finance.lexicon + "\n专精特新 2", "apply": "1"}, follow=True)
    assert "专精特新" in Category.objects.get(slug="finance").lexicon
    job = Job.objects.get(kind="reclassify")
    assert job.status == "done" and job.outcome["measures"] == Measure.objects.count()
    assert job.get_absolute_url() in response.content.decode()


@pytest.mark.usefixtures("seed_data")
def test_a_threshold_change_reclassifies_as_a_job(curator_client: Client) -> None:
    land = Category.objects.get(slug="land")
    before = Measure.objects.in_category("land").count()
    data = {name: getattr(land, name) for name in ("name_zh", "name_en", "description", "color", "order")}
    response = curator_client.post(
        f"/admin/measures/category/{land.pk}/change/", {**data, "threshold": 50}, follow=True
    )
    assert response.status_code == 200 and "阈值" in response.content.decode()
    job = Job.objects.get(kind="reclassify")
    assert job.status == "done" and job.outcome["labels_removed"] > 0
    assert Measure.objects.in_category("land").count() < before  # only curator labels can stay


@pytest.mark.usefixtures("seed_data")
def test_a_document_type_change_reclassifies_that_document_as_a_job(curator_client: Client) -> None:
    document = Document.objects.get(region__slug="dawa")  # a speech
    page = curator_client.get(f"/admin/measures/document/{document.pk}/change/")
    data = {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if value is not None and name in page.context["adminform"].form.fields
    }
    data.update(doc_type="implementation_plan", industries=[i.pk for i in document.industries.all()])
    response = curator_client.post(f"/admin/measures/document/{document.pk}/change/", data, follow=True)
    assert response.status_code == 200 and "文件类型已改" in response.content.decode(), response.content.decode()[:3000]
    job = Job.objects.get(kind="reclassify")
    assert job.status == "done" and job.payload == {"document": document.pk}
    assert job.outcome["measures"] == document.sentences.count()


def test_the_job_pages_answer_404_for_unknown_or_malformed_ids(admin_client: Client) -> None:
    for url in ("/admin/measures/job/99999999999999999999/change/", "/admin/measures/job/x/change/"):
        assert admin_client.get(url).status_code in (302, 404)
    assert admin_client.post("/admin/measures/job/99999999999999999999/apply/").status_code == 404


def test_curators_see_jobs_and_may_retrain_but_staff_without_permission_may_not(
    curator_client: Client, staff_without_permissions: Any, client: Client
) -> None:
    assert curator_client.get("/admin/measures/job/").status_code == 200
    assert "重新训练分类器" in curator_client.get("/admin/measures/job/").content.decode()
    client.force_login(staff_without_permissions)
    assert client.get("/admin/measures/job/").status_code == 403
    assert client.post("/admin/measures/job/train/").status_code == 403


# --- the training button (issue 10, point 4) -------------------------------------------


def train_from_admin(client: Client) -> Job:
    assert "留出文档评估" in client.get("/admin/measures/job/train/").content.decode()
    response = client.post("/admin/measures/job/train/", follow=True)
    job = response.context["job"]
    assert job.kind == "train" and job.status == "done", job.error
    return job


@pytest.mark.usefixtures("seed_data", "quick_heldout")
def test_training_from_the_admin_shows_figures_before_and_after_then_applies_on_request(
    curator_client: Client,
) -> None:
    ClassifierModel.objects.create(version=2, parameters=load_shipped_model().to_json(), heldout=LOW)
    job = train_from_admin(curator_client)
    page = curator_client.get(job.get_absolute_url()).content.decode()
    candidate = jobs.candidate_of(job)
    assert candidate is not None and candidate.before and candidate.after
    assert "现用模型" in page and "新模型" in page and "启用新模型" in page
    assert f"{candidate.after['measure']['f1']:.3f}" in page and f"{candidate.before['measure']['f1']:.3f}" in page
    assert ClassifierModel.objects.count() == 1, "training alone changes nothing"

    curator_client.post(f"/admin/measures/job/{job.pk}/apply/", {}, follow=True)
    model = ClassifierModel.objects.in_use()
    assert model.version == 3 and model.heldout == candidate.after and model.trained_by.username == "curator"
    reclassified = Job.objects.get(kind="reclassify")
    assert reclassified.status == "done"
    again = curator_client.post(f"/admin/measures/job/{job.pk}/apply/", {}, follow=True).content.decode()
    assert "已经启用过" in again and ClassifierModel.objects.count() == 2


@pytest.mark.usefixtures("seed_data", "quick_heldout")
def test_a_worse_candidate_is_applied_only_when_the_curator_forces_it(curator_client: Client) -> None:
    ClassifierModel.objects.create(version=2, parameters=load_shipped_model().to_json(), heldout=HIGH)
    job = train_from_admin(curator_client)
    page = curator_client.get(job.get_absolute_url()).content.decode()
    assert "比现用模型差" in page and "job-worse" in page

    refused = curator_client.post(f"/admin/measures/job/{job.pk}/apply/", {}, follow=True).content.decode()
    assert "没有启用" in refused and ClassifierModel.objects.in_use().version == 2
    curator_client.post(f"/admin/measures/job/{job.pk}/apply/", {"force": "on"}, follow=True)
    assert ClassifierModel.objects.in_use().version == 3


@pytest.mark.usefixtures("seed_data", "quick_heldout")
def test_curator_decisions_survive_an_admin_retrain_and_the_reclassification_after_it(
    curator_client: Client, curator: Any
) -> None:
    decisions = CuratorDecisions(curator)
    job = train_from_admin(curator_client)
    assert job.outcome["candidate"]["counts"]["curator_units"] == 2
    curator_client.post(f"/admin/measures/job/{job.pk}/apply/", {"force": "on"}, follow=True)
    assert current_model() != load_shipped_model()
    assert Job.objects.get(kind="reclassify").status == "done"
    decisions.assert_kept()


def test_the_apply_rule_is_the_commands_rule() -> None:
    """The admin and ``manage.py train`` decide with the same function."""
    worse = {"measure": {"f1": 0.5}, "category_micro": {"f1": 0.5}}
    assert not learning.is_not_worse(worse, HIGH) and learning.is_not_worse(HIGH, worse)
    candidate = learning.Candidate({}, HIGH, worse, {}, 2)
    assert not candidate.not_worse
    assert learning.Candidate.from_json(candidate.as_json()) == candidate


def test_an_apply_refused_for_a_worse_model_stores_nothing(db: None) -> None:
    ClassifierModel.objects.create(version=2, parameters=load_shipped_model().to_json(), heldout=HIGH)
    worse = {"measure": {"f1": 0.5}, "category_micro": {"f1": 0.5}}
    candidate = learning.Candidate(load_shipped_model().to_json(), HIGH, worse, {}, 2)
    assert learning.apply_candidate(candidate=candidate, user=UserFactory()) is None
    assert ClassifierModel.objects.count() == 1
    assert learning.apply_candidate(candidate=candidate, force=True) == 3


@pytest.mark.usefixtures("seed_data")
def test_a_failed_job_can_be_resubmitted_and_a_done_one_is_not_repeated(curator_client: Client, curator: Any) -> None:
    document = Document.objects.order_by("pk").first()
    failed = jobs.start(kind="reprocess", payload={"documents": [document.pk]}, user=None)
    done = jobs.start(kind="reclassify", payload={}, user=curator)
    assert Job.objects.get(pk=failed.pk).status == "failed"
    response = curator_client.post(
        "/admin/measures/job/",
        {"action": "resubmit", "_selected_action": [failed.pk, done.pk], "apply": "1"},
        follow=True,
    )
    assert "已重新提交 1 个任务" in response.content.decode()
    again = Job.objects.exclude(pk__in=[failed.pk, done.pk]).get()
    assert again.kind == "reprocess" and again.payload == failed.payload and again.status == "done"
    assert again.created_by == curator


@pytest.mark.usefixtures("seed_data")
def test_the_job_list_costs_the_same_few_queries_however_many_jobs(
    admin_client: Client, admin_user: Any, django_assert_num_queries: Any
) -> None:
    """The changelist reads jobs with their starter in one query, whatever their kinds and outcomes."""
    document = Document.objects.order_by("pk").first()
    jobs.start(kind="reclassify", payload={}, user=admin_user)
    jobs.start(kind="reprocess", payload={"documents": [document.pk]}, user=admin_user)
    jobs.start(kind="reprocess", payload={"documents": [document.pk]}, user=None)  # failed
    Job.objects.create(kind="train", payload={}, created_by=admin_user)  # waiting
    figures = {"measure": {"f1": 0.7}, "category_micro": {"f1": 0.6}, "categories": {"land": {"f1": 0.5}}}
    candidate = {"parameters": {}, "before": figures, "after": figures, "counts": {}, "based_on": 1}
    for _ in range(3):  # trained, waiting to be applied: their F1 before and after are listed
        Job.objects.create(kind="train", status="done", outcome={"candidate": candidate, "applied_version": None})
    admin_client.get("/admin/measures/job/")  # warm the session and content types
    with django_assert_num_queries(5):  # session, user, count, filtered count, jobs with their starters
        page = admin_client.get("/admin/measures/job/")
    assert page.status_code == 200 and page.content.decode().count('class="action-select"') == 7
    assert page.content.decode().count("0.700 → 0.700") == 3


@pytest.fixture
def refusing_queue(queued: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database queue refuses every task, as when the database is locked or down."""
    from django.db import OperationalError
    from django_tasks_db.backend import DatabaseBackend

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(DatabaseBackend, "enqueue", refuse)


@pytest.mark.usefixtures("refusing_queue")
def test_a_job_the_queue_refuses_is_failed_at_once_not_left_waiting(admin_user: Any) -> None:
    job = jobs.start(kind="reclassify", payload={}, user=admin_user)
    assert job == Job.objects.get() and job.status == "failed" and "无法把任务排入后台队列" in job.error


@pytest.mark.usefixtures("refusing_queue", "seed_data")
def test_when_the_queue_refuses_a_job_the_curator_sees_its_page_not_a_server_error(admin_client: Client) -> None:
    response = admin_client.post("/admin/measures/job/train/")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert "失败" in page and "无法把任务排入后台队列" in page


@pytest.mark.usefixtures("seed_data")
def test_a_job_running_for_long_says_how_to_resubmit_it(admin_client: Client, admin_user: Any) -> None:
    job = Job.objects.create(
        kind="reclassify", status="running", created_by=admin_user, started_at=timezone.now() - dt.timedelta(hours=2)
    )
    page = admin_client.get(job.get_absolute_url()).content.decode()
    assert "运行中" in page and "重新提交" in page
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now())
    assert "重新提交" not in admin_client.get(job.get_absolute_url()).content.decode()


@pytest.mark.usefixtures("seed_data", "quick_heldout")
def test_a_candidate_page_warns_when_another_model_was_applied_since(curator_client: Client) -> None:
    job = train_from_admin(curator_client)
    assert "现用模型已换成" not in curator_client.get(job.get_absolute_url()).content.decode()
    ClassifierModel.objects.create(version=2, parameters=load_shipped_model().to_json(), heldout=HIGH)
    assert "现用模型已换成 v2" in curator_client.get(job.get_absolute_url()).content.decode()
