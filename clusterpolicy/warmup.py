"""Everything a worker would otherwise load on its first request, loaded once in the gunicorn master.

gunicorn (``preload_app``) imports the app in the master and forks workers from it, so
whatever the master has loaded every worker — at launch, after a crash, and each time
``max_requests`` recycles one — starts with, copy-on-write, for free. Django loads most
things lazily on first use; ``warm_up`` uses them once instead: the URL configuration
(and with it every view module), jieba's dictionary, OpenCC's tables and the query parser
(``search.parse_query``), the translation catalogues, every
project template compiled by the cached loader, and the shipped classifier model; then it
requests a few read-only pages (``WARM_PAGES``) so the code they share has run once. It
closes every database connection before the fork, so no worker inherits one. Then it
freezes the garbage collector's view of all that (``gc.freeze``), so workers never scan,
and so never copy, the inherited objects: a page that builds thousands of objects (a
4-county comparison) no longer rescans jieba's millions at each collection — at 100,000
sentences that was a third of the comparison's time.

A worker leaving (``max_requests``, a reload) has nothing to tear down that the operating
system does not: ``exit_quickly`` closes its database connections and flushes its logs,
then ends the process without Python's interpreter teardown, which frees the jieba
dictionaries object by object — about a second during which gunicorn cannot start its
replacement.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def warm_up() -> list[str]:
    """Load what the first request of a fresh process would; return the templates compiled."""
    from measures.ingest.classify import load_shipped_model
    from measures.ingest.segment import warm_up as load_jieba
    from measures.search import parse_query

    load_jieba()
    load_shipped_model()
    parse_query('專項資金 "人才" -土地')  # OpenCC's tables, synonym groups, the query parser's patterns
    get_resolver().resolve("/")  # imports the URL configuration and every view module it names
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("首页")
    compiled = [_compile(name) for name in project_templates()]
    getattr(staticfiles_storage, "manifest_name", None)  # reads the hashed-names manifest
    for path in WARM_PAGES:
        _request(path)
    connections.close_all()
    gc.collect()
    gc.freeze()
    return compiled


def exit_quickly() -> None:
    """End a worker that is exiting, keeping its exit status, without interpreter teardown.

    Call only while a ``SystemExit`` propagates (gunicorn's ``worker_exit`` hook); any other
    exit is left to Python.
    """
    leaving = sys.exc_info()[1]
    if not isinstance(leaving, SystemExit):
        return
    code = leaving.code if isinstance(leaving.code, int) else 0 if leaving.code is None else 1
    connections.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# Read-only pages the master requests once, so the code paths every page shares (queries,
# the search parser, template rendering) run before the fork: a worker's first page of each
# kind otherwise costs two to three times a warm one. A rare search term keeps it cheap.
WARM_PAGES = ("/", "/measures/", "/measures/?q=%E6%A3%80%E6%B5%8B%E4%B8%AD%E5%BF%83")


def _request(path: str) -> None:
    """GET ``path`` through the whole middleware stack, as an anonymous reader; failures only log.

    A database that is not migrated yet (the first deploy) must not stop the server starting.
    """
    from django.test import Client

    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"]
    client = Client(HTTP_HOST=hosts[0] if hosts else "localhost", raise_request_exception=False)
    try:
        status = client.get(path, secure=True).status_code
    except Exception:  # the server must start whatever a warm-up page does
        logger.warning("warm-up request for %s failed", path, exc_info=True)
        return
    if status >= 400:
        logger.warning("warm-up request for %s answered %s", path, status)


def project_templates() -> list[str]:
    """The names of the project's own templates (``templates/``), in a stable order."""
    names: list[str] = []
    directories = cast("list[str | Path]", settings.TEMPLATES[0]["DIRS"])
    for directory in directories:
        root = Path(directory)
        names += sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return names


def _compile(name: str) -> str:
    # The cached loader keeps the compiled template for the life of the process (and its forks).
    engines["django"].get_template(name)
    return name
