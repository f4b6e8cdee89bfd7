"""A slow upload completes as a background task, run by the worker that ``make run`` starts.

The web server and the worker are started exactly as ``make run`` starts them (``honcho -f
Procfile.dev start``), on a file-backed SQLite database of their own; a curator uploads
through HTTP, the request returns at once, and the worker process does the work. Then
Ctrl-C (SIGINT to honcho) stops both processes. Bounded by timeouts throughout.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import seed_text

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
    )


class Browser:
    """Just enough of a browser: cookies, CSRF tokens, form posts, no redirects followed for us."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode())

    def post(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> str:
        """POST and return the final URL (redirects followed)."""
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        if files:
            boundary = uuid.uuid4().hex
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in fields.items()
            ]
            for name, (filename, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: text/plain\r\n\r\n".encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Content-Type": content_type, "Referer": self.base + path}
        )
        with self.opener.open(request, timeout=60) as response:
            return str(response.geturl())

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken") or ""

    def wait_for_job(self, path: str, timeout: float = 300) -> str:
        """The job page once its job is done or failed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page = self.get(path)
            if 'class="job-done"' in page or 'class="job-failed"' in page:
                return page
            time.sleep(1)
        raise AssertionError(f"job at {path} did not finish within {timeout} s")


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``make run``'s serving step on a private database: honcho with Procfile.dev (web + worker)."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path),  # staged uploads live under the temporary directory
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "fixtures/categories.json", "fixtures/regions.json")
    manage(
        env,
        "shell",
        "-c",
        f"from django.contrib.auth.models import User; User.objects.create_superuser('op', 'op@example.org', '{PASSWORD}')",
    )
    port = free_port()
    log = (tmp_path / "honcho.log").open("w+")
    honcho = subprocess.Popen(
        [str(Path(sys.executable).parent / "honcho"), "--no-colour", "-f", "Procfile.dev", "start", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/admin/login/", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or honcho.poll() is not None:
                    log.seek(0)
                    raise AssertionError("the server did not start:\n" + log.read()) from None
                time.sleep(0.5)
        yield base, honcho, log
    finally:
        if honcho.poll() is None:
            honcho.send_signal(signal.SIGINT)
            try:
                honcho.wait(timeout=30)
            except subprocess.TimeoutExpired:
                honcho.kill()
        log.close()


def test_a_slow_upload_is_done_by_the_worker_that_make_run_starts_and_ctrl_c_stops_both(served) -> None:  # type: ignore[no-untyped-def]
    base, honcho, log = served
    browser = Browser(base)
    browser.get("/admin/login/")
    assert browser.post("/admin/login/", {"username": "op", "password": PASSWORD, "next": "/admin/"}).endswith(
        "/admin/"
    )

    # A long text (about 60,000 characters) takes the pipeline seconds, not milliseconds.
    text = "\n".join(f"第{n}部分\n{seed_text('001')}" for n in range(12))
    browser.get("/admin/measures/document/upload/")
    job_url = browser.post(
        "/admin/measures/document/upload/",
        {"region": "140802", "doc_type": "", "title": ""},
        files={"files": ("long.txt", text.encode("utf-8"))},
    )
    path = urllib.parse.urlparse(job_url).path
    assert re.fullmatch(r"/admin/measures/job/\d+/change/", path), job_url
    first_look = browser.get(path)
    assert 'class="job-waiting"' in first_look or 'class="job-running"' in first_look, "the request only queued it"

    preview = browser.wait_for_job(path)
    assert 'class="job-done"' in preview, preview[-2000:]
    key = re.search(r'name="plan-0-key" value="([0-9a-f]{64})"', preview)
    job_id = re.search(r'name="job" value="(\d+)"', preview)
    assert key and job_id
    ingest_url = browser.post(
        "/admin/measures/document/upload/",
        {
            "job": job_id.group(1),
            "confirm": "1",
            "plan-TOTAL_FORMS": "1",
            "plan-INITIAL_FORMS": "0",
            "plan-0-include": "on",
            "plan-0-key": key.group(1),
            "plan-0-filename": "long.txt",
            "plan-0-region": "140802",
            "plan-0-title": "长文本测试",
            "plan-0-doc_type": "opinion",
            "plan-0-date": "",
            "plan-0-date_precision": "",
            "plan-0-issuer": "",
            "plan-0-industries": "",
            "plan-0-source_url": "",
            "plan-0-source_site": "",
        },
    )
    result = browser.wait_for_job(urllib.parse.urlparse(ingest_url).path)
    assert 'class="job-done"' in result and "已导入" in result
    assert re.search(r'href="/admin/measures/document/\d+/change/">long.txt</a>', result)

    # Ctrl-C: honcho stops the web server and the worker, and exits.
    log.flush()
    log.seek(0)
    pids = [int(pid) for pid in re.findall(r"started \(pid=(\d+)\)", log.read())]
    assert len(pids) == 2, "web and worker"
    honcho.send_signal(signal.SIGINT)
    honcho.wait(timeout=30)
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
