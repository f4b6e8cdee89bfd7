"""Corpus-wide aggregates (facet counts, per-region counts), cached until the data changes.

Counting a million sentences by region, category, type and tag takes seconds; the same
counts are asked for on every unfiltered list, home, region and matrix page. Database
triggers (migration 0014; re-created by ``ensure_stamp`` after a migrate that dropped
them) put a new random ``CorpusStamp.stamp`` on every write to a table the counts are
made of, whoever writes (pipeline, admin, curation, bulk SQL, another process). A cached
aggregate is keyed by the stamp, so it is recomputed after any write and otherwise
served from the cache. Random, not a counter: a rolled-back write cannot bring back a
stamp that once stood for other data.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Hashable, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponseBase

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

STAMP_TABLE = "measures_corpusstamp"
STAMPED_TABLES = (
    "measures_measure",
    "measures_label",
    "measures_document",
    "measures_measure_tags",
    "measures_document_industries",
    "measures_region",
    "measures_category",
    "measures_tag",
    "measures_industry",
    "measures_quantity",
)
TIMEOUT = 24 * 3600
_SQLITE_OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_trigger(table: str, operation: str) -> tuple[str, str]:
    name = f"corpus_stamp_{table}_{operation.lower()}"
    return name, (
        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {operation} ON {table} BEGIN "
        f"UPDATE {STAMP_TABLE} SET stamp = random() WHERE id = 1; END"
    )


_POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION measures_corpus_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {STAMP_TABLE} SET stamp = (random() * 9e18)::bigint WHERE id = 1;
    RETURN NULL;
END $$"""


def ensure_stamp(conn: Any = connection) -> list[str]:
    """Create the stamp row and whichever triggers are missing; returns what it created."""
    created: list[str] = []
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {STAMP_TABLE} WHERE id = 1")
        if cursor.fetchone() is None:
            # Random from the start: two databases never share a stamp by starting at zero.
            cursor.execute(f"INSERT INTO {STAMP_TABLE} (id, stamp) VALUES (1, %s)", [random.randint(-(2**62), 2**62)])
            created.append(STAMP_TABLE)
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name = 'corpus_stamp'"
            )
            present = {row[0] for row in cursor.fetchall()}
            missing = [table for table in STAMPED_TABLES if table not in present]
            if missing:
                cursor.execute(_POSTGRES_FUNCTION)
            for table in missing:
                cursor.execute(
                    f"CREATE TRIGGER corpus_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION measures_corpus_stamp()"
                )
                created.append(f"corpus_stamp on {table}")
            return created
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'corpus_stamp_%'")
        present = {row[0] for row in cursor.fetchall()}
        for table in STAMPED_TABLES:
            for operation in _SQLITE_OPERATIONS:
                name, sql = _sqlite_trigger(table, operation)
                if name not in present:
                    cursor.execute(sql)
                    created.append(name)
    return created


# The stamp as read once by the current read-only request (see ``one_stamp_per_request``).
_request_stamp: ContextVar[dict[str, int | None] | None] = ContextVar("request_stamp", default=None)


def corpus_stamp() -> int | None:
    """The current stamp; None when there is no stamp row (then nothing is cached)."""
    memo = _request_stamp.get()
    if memo is not None and "stamp" in memo:
        return memo["stamp"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stamp FROM {STAMP_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    stamp = None if row is None else int(row[0])
    if memo is not None:
        memo["stamp"] = stamp
    return stamp


def one_stamp_per_request(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """Middleware: a GET or HEAD reads the stamp once, however many cached parts its page has.

    A read-only request writes nothing, so the stamp it read first stays the right key for
    all of its parts; requests that may write read the stamp afresh every time.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return get_response(request)
        token = _request_stamp.set({})
        try:
            return get_response(request)
        finally:
            _request_stamp.reset(token)

    return middleware


def cached(name: str, compute: Callable[[], T], *key: object) -> T:
    """``compute()``, or its value from the cache if nothing was written since it was computed.

    ``key`` must name everything the value depends on besides the data (filters, language).
    """
    stamp = corpus_stamp()
    if stamp is None:
        return compute()
    cache_key = _cache_key(name, stamp, key)
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value  # type: ignore[no-any-return]


def cached_many(name: str, keys: Mapping[K, object], compute: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """``cached`` for many values at once: one stamp query, one cache round trip, ``compute`` for the misses.

    ``keys`` maps each wanted item to what its value depends on besides the data.
    """
    stamp = corpus_stamp()
    if stamp is None:
        return compute(list(keys))
    cache_keys = {item: _cache_key(name, stamp, key) for item, key in keys.items()}
    found = cache.get_many(list(cache_keys.values()))
    values = {item: found[cache_key] for item, cache_key in cache_keys.items() if cache_key in found}
    missing = [item for item in keys if item not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({cache_keys[item]: computed[item] for item in missing}, TIMEOUT)
        values.update(computed)
    return values


def _cache_key(name: str, stamp: int, key: object) -> str:
    """Where a value computed from the data at ``stamp`` is kept; the database's name is part of it,
    so two databases sharing one cache directory (tests, a restore check) never read each other's."""
    database = hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:16]
    return f"aggregate:{name}:{database}:{stamp}:{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}"
