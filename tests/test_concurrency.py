"""SQLite under concurrent use: separate processes on one file-backed database, as gunicorn workers would be.

Curators, reclassification runs and readers work at the same time; nothing may fail with
"database is locked" and every curator decision must be stored at the end. Two ingests
of one file at the same moment make one document, and both say so with exit status 0.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.concurrency_worker import CURATORS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "sources"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite locking; runs on the SQLite pass"
)


def file_database_env(path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    return {**env, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{path}", "ALLOWED_HOSTS": "testserver"}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture
def seeded_file_database(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "concurrency.sqlite3"
    env = file_database_env(path)
    for command in (["migrate", "--noinput", "-v0"], ["load_seed", "-v0"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    setup = (
        "from django.contrib.auth.models import Group, User\n"
        "from measures.models import Tag\n"
        "user = User.objects.create_user('curator', is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='curators'))\n"
        f"for n in range({CURATORS}): Tag.objects.create(name=f'load-{{n}}', slug=f'load-{{n}}')\n"
    )
    result = manage("shell", "-c", setup, env=env)
    assert result.returncode == 0, result.stderr
    return path, env


def run_all(commands: list[list[str]], env: dict[str, str]) -> list[tuple[int, str, str]]:
    """Start every command at once, then wait for all of them."""
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    outcomes = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        outcomes.append((process.returncode, stdout, stderr))
    return outcomes


def test_curation_reclassify_and_reads_in_parallel_lose_nothing(
    seeded_file_database: tuple[Path, dict[str, str]],
) -> None:
    path, env = seeded_file_database
    worker = str(ROOT / "tests" / "concurrency_worker.py")
    roles = [("curate", n) for n in range(CURATORS)] + [("reclassify", 0), ("reclassify", 1), ("read", 0), ("read", 1)]
    outcomes = run_all([[sys.executable, worker, role, str(n)] for role, n in roles], env)

    reports = {}
    for (role, n), (code, stdout, stderr) in zip(roles, outcomes, strict=True):
        assert code == 0, f"{role} {n} crashed:\n{stderr[-3000:]}"
        assert "database is locked" not in stderr, f"{role} {n}: {stderr[-2000:]}"
        reports[role, n] = json.loads(stdout.strip().splitlines()[-1])
    print("slowest action, s:", {f"{role} {n}": report.get("slowest") for (role, n), report in reports.items()})
    assert {key: report["errors"] for key, report in reports.items() if report["errors"]} == {}
    assert sum(reports["read", n]["requests"] for n in range(2)) == 56

    with sqlite3.connect(path) as db:
        for n in range(CURATORS):
            report = reports["curate", n]
            assert report["kinds"] or report["tagged"] or report["decided"], "each curator decided something"
            for pk, is_measure in report["kinds"].items():
                row = db.execute("SELECT is_measure, kind_curated FROM measures_measure WHERE id = ?", (pk,)).fetchone()
                assert row == (int(is_measure), 1), f"kind of sentence {pk} lost"
            (tag_id,) = db.execute("SELECT id FROM measures_tag WHERE slug = ?", (f"load-{n}",)).fetchone()
            for pk, tagged in report["tagged"].items():
                count = db.execute(
                    "SELECT count(*) FROM measures_measure_tags WHERE measure_id = ? AND tag_id = ?", (pk, tag_id)
                ).fetchone()[0]
                assert count == int(tagged), f"tag on sentence {pk} lost"
            for key, rejected in report["decided"].items():
                pk, category = key.split(":")
                row = db.execute(
                    "SELECT source, rejected FROM measures_label WHERE measure_id = ? AND category_id = ?",
                    (pk, category),
                ).fetchone()
                assert row == ("curator", int(rejected)), f"category decision on sentence {pk} lost"


def test_two_simultaneous_ingests_of_one_file_make_one_document_and_both_succeed(
    seeded_file_database: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    path, env = seeded_file_database
    text = tmp_path / "new.txt"
    text.write_text("设立产业集群专项资金，支持企业技术改造。\n加强人才引进，建设公共服务平台。\n", encoding="utf-8")
    command = [sys.executable, "manage.py", "ingest", str(text), "--region", "330324"]
    outcomes = run_all([command, command, command], env)

    assert [code for code, _out, _err in outcomes] == [0, 0, 0], [err[-2000:] for _c, _o, err in outcomes]
    assert not any("Traceback" in err for _code, _out, err in outcomes)
    with sqlite3.connect(path) as db:
        ids = [
            pk for (pk,) in db.execute("SELECT id FROM measures_document WHERE raw_text LIKE '设立产业集群专项资金%'")
        ]
    assert len(ids) == 1
    answers = [out for _code, out, _err in outcomes]
    # The result table says 已导入 (created) for one run and 已存在 (already there) for the others.
    assert sum("导入 1，已存在 0" in out for out in answers) == 1, answers
    assert sum("导入 0，已存在 1" in out for out in answers) == 2, answers
    assert all(f"  {ids[0]}  " in out for out in answers), answers
