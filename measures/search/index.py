"""The index itself: the SQLite FTS5 table and its triggers, PostgreSQL's stored tsvector, trigger and
GIN index; created when missing, rebuilt, and the tokens refreshed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models

from .query import index_tokens

FTS_TABLE = "measure_fts"
MEASURE_TABLE = "measures_measure"
PG_CONFIG = "simple"
PG_INDEX = "measure_search_vector"


class _MatchField(models.TextField):  # type: ignore[type-arg]
    """The FTS5 table's column: the only field that answers ``__match``."""


@_MatchField.register_lookup
class _Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class MeasureFts(models.Model):
    """SQLite only: the FTS5 table over ``Measure.search_tokens`` (created by migration 0002, made known to Django by 0008).

    Unmanaged, so Django never creates, flushes or deletes from it; triggers keep it in step.
    """

    measure = models.OneToOneField(
        "measures.Measure",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts_entry",
    )
    search_tokens = _MatchField()
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = FTS_TABLE
        app_label = "measures"

    def __str__(self) -> str:
        return str(self.pk)


# The same statements as migration 0008 (which keeps its own frozen copy): re-run after
# a migrate only for what is missing, because on SQLite a migration that rebuilds
# ``measures_measure`` drops its triggers with it.
_SQLITE_TABLE = f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
    search_tokens, content='{MEASURE_TABLE}', content_rowid='id', tokenize='unicode61')"""


_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {MEASURE_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    f"{FTS_TABLE}_ad": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {MEASURE_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
    END""",
    f"{FTS_TABLE}_au": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_tokens ON {MEASURE_TABLE}
    BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
        INSERT INTO {FTS_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
}


# Migration 0020's trigger and index (it keeps its own frozen copy).
_POSTGRES_OBJECTS = {
    "measures_measure_search_vector": f"""CREATE OR REPLACE FUNCTION measures_measure_search_vector()
    RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := to_tsvector('{PG_CONFIG}'::regconfig, COALESCE(NEW.search_tokens, ''::text));
        RETURN NEW;
    END $$""",
    "measure_search_vector_trigger": f"""CREATE OR REPLACE TRIGGER measure_search_vector
    BEFORE INSERT OR UPDATE ON {MEASURE_TABLE} FOR EACH ROW EXECUTE FUNCTION measures_measure_search_vector()""",
    PG_INDEX: f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {MEASURE_TABLE} USING gin (search_vector)",
}


def ensure_index(conn: Any = connection) -> list[str]:
    """Create whichever index structures are missing; rebuild the index only if any were.

    Cheap when nothing is missing (one catalogue query), so it can run after every
    ``migrate`` and every test flush. Returns the names of what it created.
    """
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'measures_measure_search_vector'),"
                " EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'measure_search_vector'),"
                " EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = %s)",
                [PG_INDEX],
            )
            found = dict(zip(_POSTGRES_OBJECTS, cursor.fetchone(), strict=True))
            missing = [name for name, there in found.items() if not there]
            for name in missing:
                cursor.execute(_POSTGRES_OBJECTS[name])
            if "measure_search_vector_trigger" in missing:  # rows written meanwhile have no vector
                cursor.execute(
                    f"UPDATE {MEASURE_TABLE} SET search_vector = "
                    f"to_tsvector('{PG_CONFIG}'::regconfig, COALESCE(search_tokens, ''::text))"
                )
            return missing
        wanted = {FTS_TABLE: _SQLITE_TABLE, **_SQLITE_TRIGGERS}
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{FTS_TABLE}%"])
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in wanted if name not in present]
        for name in missing:
            cursor.execute(wanted[name])
    if missing:
        rebuild_index(conn)
    return missing


def rebuild_index(conn: Any = connection) -> None:
    """Rebuild the SQLite FTS table from ``search_tokens`` (PostgreSQL's index needs nothing)."""
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def refresh_tokens(measures: Iterable[object]) -> int:
    """Recompute ``search_tokens`` for measures whose text or tokenizer changed."""
    from ..models import Measure

    changed = []
    for measure in measures:
        assert isinstance(measure, Measure)
        tokens = index_tokens(measure.text)
        if tokens != measure.search_tokens:
            measure.search_tokens = tokens
            changed.append(measure)
    Measure.objects.bulk_update(changed, ["search_tokens"], batch_size=500)
    return len(changed)
