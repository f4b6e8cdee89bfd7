"""The load test: readers and curators at once against gunicorn on SQLite, then a count of anything lost.

    .venv/bin/python bench/loadtest.py [--seconds 60] [--readers 6] [--curators 2] [--workers 4]

``make loadtest`` runs it. A throwaway database (seed data, one account and one tag per
curator) is served by gunicorn with the production settings on 127.0.0.1 only. Readers
request the list, searches, comparisons, document and region pages and the JSON API;
curators log in and apply admin bulk actions (add or remove their tag, mark sentences as
measures or context) on their own share of the sentences, so each sentence's last
decision is known. Afterwards every decision the server acknowledged is checked in the
database. Prints requests tried, throughput, p50/p99 latency, errors and lost decisions;
exits 1 if there was any error or loss.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = secrets.token_urlsafe(16)
SEARCH_TERMS = ["专项资金", "人才", "品牌", "公共服务平台", "土地", "检测中心", "技术改造", "融资"]
REGIONS = ["yongjia", "yanhu", "xiangyangqu", "wenzhou", "dawa"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(directory: Path, curators: int, workers: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{directory / 'load.sqlite3'}",
        STATIC_ROOT=str(directory / "static"),
        BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY=str(workers),
        LOGIN_FAILURE_LIMIT="1000",
    )
    setup = (
        "from django.contrib.auth.models import Group, User\n"
        "from measures.models import Tag\n"
        f"for n in range({curators}):\n"
        f"    user = User.objects.create_user(f'curator{{n}}', password={PASSWORD!r}, is_staff=True)\n"
        "    user.groups.add(Group.objects.get(name='curators'))\n"
        "    Tag.objects.create(name=f'load-{n}', slug=f'load-{n}')\n"
    )
    for command in (["migrate", "--noinput", "-v0"], ["load_seed", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "shell", "-c", setup], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


def reader(base: str, deadline: float, tally: Tally, seed: int, document_ids: list[int]) -> None:
    rng = random.Random(seed)
    opener = urllib.request.build_opener()
    while time.monotonic() < deadline:
        pair = rng.sample(REGIONS, 2)
        url = rng.choice(
            [
                "/measures/",
                f"/measures/?q={urllib.parse.quote(rng.choice(SEARCH_TERMS))}",
                f"/measures/?kind=all&region={rng.choice(REGIONS)}&page=2",
                f"/compare/?regions={pair[0]},{pair[1]}",
                f"/api/measures/?q={urllib.parse.quote(rng.choice(SEARCH_TERMS))}",
                f"/documents/{rng.choice(document_ids)}/",
                f"/regions/{rng.choice(REGIONS)}/",
            ]
        )
        started = time.monotonic()
        try:
            with opener.open(base + url, timeout=60) as response:
                response.read()
                error = None if response.status == 200 else f"GET {url}: {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            error = f"GET {url}: {exc}"
        tally.record(time.monotonic() - started, error)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def curator(
    base: str, deadline: float, tally: Tally, number: int, mine: list[int], tag_id: int, decisions: dict[str, object]
) -> None:
    rng = random.Random(1000 + number)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def csrf() -> str:
        return next(c.value for c in jar if c.name == "csrftoken")

    def post(path: str, data: dict[str, object]) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf()}, doseq=True).encode()
        request = urllib.request.Request(base + path, data=body, headers={"Referer": base + path})
        try:
            with opener.open(request, timeout=60) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    opener.open(base + "/admin/login/", timeout=60).read()
    if post("/admin/login/", {"username": f"curator{number}", "password": PASSWORD, "next": "/admin/"}) != 302:
        tally.record(0, f"curator{number}: could not log in")
        return
    kinds: dict[int, bool] = {}
    tagged: dict[int, bool] = {}
    while time.monotonic() < deadline:
        chosen = rng.sample(mine, 3)
        action = rng.choice(["add_tag", "remove_tag", "mark_as_measure", "mark_as_context"])
        data: dict[str, object] = {"action": action, "_selected_action": chosen, "index": 0, "apply": "1"}
        if action.endswith("_tag"):
            data["tag"] = tag_id
        started = time.monotonic()
        try:
            status = post("/admin/measures/measure/", data)
            error = None if status == 302 else f"POST {action}: {status}"
        except OSError as exc:
            status, error = 0, f"POST {action}: {exc}"
        tally.record(time.monotonic() - started, error)
        if status == 302:  # acknowledged: must be in the database at the end
            if action.endswith("_tag"):
                tagged.update(dict.fromkeys(chosen, action == "add_tag"))
            else:
                kinds.update(dict.fromkeys(chosen, action == "mark_as_measure"))
    decisions[f"kinds{number}"] = kinds
    decisions[f"tagged{number}"] = tagged


def lost_decisions(database: Path, decisions: dict[str, object], curators: int) -> tuple[int, int]:
    """(decisions checked, decisions not found in the database)."""
    checked = lost = 0
    with sqlite3.connect(database) as db:
        for n in range(curators):
            (tag_id,) = db.execute("SELECT id FROM measures_tag WHERE slug = ?", (f"load-{n}",)).fetchone()
            kinds: dict[int, bool] = decisions.get(f"kinds{n}", {})  # type: ignore[assignment]
            for pk, is_measure in kinds.items():
                row = db.execute("SELECT is_measure, kind_curated FROM measures_measure WHERE id = ?", (pk,)).fetchone()
                checked += 1
                lost += row != (int(is_measure), 1)
            tagged: dict[int, bool] = decisions.get(f"tagged{n}", {})  # type: ignore[assignment]
            for pk, on in tagged.items():
                count = db.execute(
                    "SELECT count(*) FROM measures_measure_tags WHERE measure_id = ? AND tag_id = ?", (pk, tag_id)
                ).fetchone()[0]
                checked += 1
                lost += count != int(on)
    return checked, lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--curators", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        directory = Path(tmp)
        env = prepare(directory, args.curators, args.workers)
        database = directory / "load.sqlite3"
        with sqlite3.connect(database) as db:
            sentence_ids = [pk for (pk,) in db.execute("SELECT id FROM measures_measure ORDER BY id")]
            document_ids = [pk for (pk,) in db.execute("SELECT id FROM measures_document")]
            tag_ids = dict(db.execute("SELECT slug, id FROM measures_tag"))
        log = (directory / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "-c", "clusterpolicy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://{env['BIND']}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/", timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                print("gunicorn did not answer", file=sys.stderr)
                return 1
            tally, decisions = Tally(), {}
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=reader, args=(base, deadline, tally, n, document_ids))
                for n in range(args.readers)
            ] + [
                threading.Thread(
                    target=curator,
                    args=(
                        base,
                        deadline,
                        tally,
                        n,
                        [pk for pk in sentence_ids if pk % args.curators == n],
                        tag_ids[f"load-{n}"],
                        decisions,
                    ),
                )
                for n in range(args.curators)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        checked, lost = lost_decisions(database, decisions, args.curators)
        server_log = (directory / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
        locked = len(re.findall("database is locked", server_log))

    latencies = sorted(tally.latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    print(
        f"{len(latencies)} requests in {elapsed:.1f} s ({len(latencies) / elapsed:.1f}/s) by {args.readers} readers "
        f"and {args.curators} curators against {args.workers} gunicorn workers on SQLite\n"
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms\n"
        f"errors {len(tally.errors)}, 'database is locked' in the server log {locked}, "
        f"curator decisions acknowledged {checked}, lost {lost}"
    )
    for error in tally.errors[:10]:
        print("  ", error)
    return 1 if tally.errors or lost or locked else 0


if __name__ == "__main__":
    sys.exit(main())
