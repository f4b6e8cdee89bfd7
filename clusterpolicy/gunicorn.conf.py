"""gunicorn settings for ``make serve`` and production (``gunicorn -c clusterpolicy/gunicorn.conf.py``).

App servers are stateless: sessions live in the database, static files are served
by whitenoise from ``STATIC_ROOT``, so any number can run behind a proxy.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# The usual (2 x cores) + 1 sync workers; each request is short and CPU-light.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Load the app once, before forking the workers; when_ready (below) loads jieba's dictionaries.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
wsgi_app = "clusterpolicy.wsgi:application"


def when_ready(server: object) -> None:
    """Load jieba's dictionaries in the master, after the app and before any worker forks.

    jieba loads lazily on first use, so without this every worker (and every worker
    recycled by ``max_requests``) would spend seconds on its first search.
    """
    import gc

    from measures.ingest.segment import warm_up

    warm_up()
    # Everything loaded so far (Django, jieba's dictionary: millions of objects) leaves the
    # collector's view: workers inherit it frozen, so a page that builds thousands of objects
    # (a 4-county comparison) does not rescan the dictionary at each collection — at 100,000
    # sentences that was a third of the comparison's time — and shared pages stay shared.
    gc.freeze()
