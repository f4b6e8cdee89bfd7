"""Production settings: the deploy checklist passes, and gunicorn serves hashed, compressed static files."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "policy.example.org,127.0.0.1",
    "CSRF_TRUSTED_ORIGINS": "https://policy.example.org",
}


def production_env(**extra: str) -> dict[str, str]:
    unsafe_for_production = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unsafe_for_production}
    return {**env, **PRODUCTION_ENV, **extra}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_passes_with_production_values() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_refuse_to_start_without_a_secret_key_in_production() -> None:
    env = production_env(SECRET_KEY_FILE="/nonexistent/secret_key")
    env.pop("SECRET_KEY")
    result = manage("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_without_secret_key_the_local_key_file_is_used(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n", encoding="utf-8")
    env = production_env(SECRET_KEY_FILE=str(key_file))
    env.pop("SECRET_KEY")
    result = manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == key_file.read_text(encoding="utf-8").strip()


def test_a_malformed_boolean_is_named_in_the_error() -> None:
    result = manage("check", env=production_env(DEBUG="maybe"))
    assert result.returncode != 0 and "DEBUG must be one of" in result.stderr


def test_a_malformed_gunicorn_number_is_named_in_the_error(tmp_path: Path) -> None:
    """gunicorn reads its configuration before changing into the project: run it from elsewhere."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    config = str(ROOT / "clusterpolicy" / "gunicorn.conf.py")
    result = subprocess.run(
        [gunicorn, "--check-config", "-c", config],
        cwd=tmp_path,
        env=production_env(GUNICORN_TIMEOUT="30s"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "GUNICORN_TIMEOUT must be a whole number, got '30s'" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs once, on the PostgreSQL pass"
)
def test_gunicorn_serves_pages_and_compressed_hashed_static_files(tmp_path: Path) -> None:
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        SECURE_SSL_REDIRECT="0",
        BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY="2",
    )
    env["STATIC_ROOT"] = str(tmp_path / "static")
    for command in (["migrate", "--noinput", "-v0"], ["load_seed", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        result = manage(*command, env=env)
        assert result.returncode == 0, result.stderr
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "clusterpolicy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://{env['BIND']}"
    try:
        for _ in range(100):
            try:
                home = urllib.request.urlopen(f"{base}/").read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert "集群政策对比" in home
        stylesheet = home.split('rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/css/site.") and stylesheet.endswith(".css"), "hashed name"
        request = urllib.request.Request(f"{base}{stylesheet}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)
