"""What the gunicorn master loads before forking, and how a worker leaves (clusterpolicy/warmup.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from clusterpolicy.warmup import exit_quickly, project_templates, warm_up

EXIT = """
import os, sys
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolicy.settings")
import django
django.setup()
from clusterpolicy.warmup import exit_quickly
print("leaving", flush=True)
try:
    sys.exit({code})
finally:
    exit_quickly()
"""


@pytest.mark.usefixtures("seed_data")
def test_warm_up_compiles_every_template_requests_its_pages_and_closes_connections(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    closed: list[bool] = []
    monkeypatch.setattr("clusterpolicy.warmup.connections.close_all", lambda: closed.append(True))
    try:
        compiled = warm_up()
    finally:
        gc.unfreeze()
    assert compiled == project_templates()
    assert {"base.html", "measures/measure_list.html", "includes/_measure_row.html"} <= set(compiled)
    assert closed == [True]
    assert not [r for r in caplog.records if r.name == "clusterpolicy.warmup"], "every warm-up page answered"


def test_a_failing_warm_up_page_does_not_stop_the_server(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("clusterpolicy.warmup.WARM_PAGES", ("/no-such-page/",))
    try:
        warm_up()
    finally:
        gc.unfreeze()
    assert "answered 404" in caplog.text


@pytest.mark.parametrize("code", [0, 3])
def test_a_worker_leaving_quickly_keeps_its_exit_status_and_output(code: int) -> None:
    """gunicorn reads a worker's status: 3 means it failed to boot, and the master must see it."""
    script = EXIT.format(root=str(settings.BASE_DIR), code=code)
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        cwd=Path(settings.BASE_DIR),
        timeout=120,
    )
    assert done.returncode == code, done.stderr
    assert done.stdout == "leaving\n"


def test_exit_quickly_leaves_any_other_exit_to_python() -> None:
    try:
        raise ValueError("not an exit")
    except ValueError:
        exit_quickly()  # returns: only a propagating SystemExit ends the process here
    exit_quickly()
