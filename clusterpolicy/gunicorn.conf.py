"""gunicorn settings for ``make serve`` and production (``gunicorn -c clusterpolicy/gunicorn.conf.py``).

App servers are stateless: sessions live in the database, static files are served
by whitenoise from ``STATIC_ROOT``, so any number can run behind a proxy.
"""

import multiprocessing
import os
import sys
from pathlib import Path

# gunicorn reads this file before it changes into the project, so the project may not be importable yet.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clusterpolicy.env import env_int

bind = os.environ.get("BIND", "127.0.0.1:8000")
# The usual (2 x cores) + 1 sync workers; each request is short and CPU-light.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
timeout = env_int("GUNICORN_TIMEOUT", 30)
# Load the app once, before forking the workers; when_ready (below) warms it up.
preload_app = True
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)
accesslog = "-"
errorlog = "-"
wsgi_app = "clusterpolicy.wsgi:application"


def when_ready(server: object) -> None:
    """Load what a worker's first request would load, in the master, before any worker forks.

    Django and jieba load lazily on first use, so without this every worker (and every
    worker recycled by ``max_requests``) would spend seconds on its first request; see
    ``clusterpolicy/warmup.py``.
    """
    from clusterpolicy.warmup import warm_up

    warm_up()


def worker_exit(server: object, worker: object) -> None:
    """A recycled worker leaves at once, so its replacement is forked without a second's wait."""
    from clusterpolicy.warmup import exit_quickly

    exit_quickly()
