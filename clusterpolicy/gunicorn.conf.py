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
# Load the app (and jieba's dictionary) once, before forking the workers.
preload_app = True
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
wsgi_app = "clusterpolicy.wsgi:application"
