"""Background tasks (Django's tasks framework, through the ``django-tasks`` backport).

One task runs every kind of ``Job``; the job row says what to do and holds its progress
and outcome (see ``measures.jobs``). ``manage.py db_worker`` runs queued tasks.
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    """Run the job ``job_id``; returns its final status (``done`` or ``failed``)."""
    from .jobs import run

    return run(job_id)
