"""The full-text index: FTS5 + triggers on SQLite, a GIN index on PostgreSQL (see measures.search).

Frozen SQL: what this migration ran when it was written (it once called the live search module).
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS measure_fts USING fts5(
        search_tokens, content='measures_measure', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS measure_fts_ai AFTER INSERT ON measures_measure BEGIN
        INSERT INTO measure_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS measure_fts_ad AFTER DELETE ON measures_measure BEGIN
        INSERT INTO measure_fts(measure_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS measure_fts_au AFTER UPDATE OF search_tokens ON measures_measure BEGIN
        INSERT INTO measure_fts(measure_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
        INSERT INTO measure_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    "INSERT INTO measure_fts(measure_fts) VALUES ('rebuild')",
]
POSTGRES = [
    "DROP INDEX IF EXISTS measure_search_gin",
    "CREATE INDEX IF NOT EXISTS measure_search_tsv ON measures_measure "
    "USING gin ((to_tsvector('simple'::regconfig, search_tokens)))",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS measure_fts_ai",
    "DROP TRIGGER IF EXISTS measure_fts_ad",
    "DROP TRIGGER IF EXISTS measure_fts_au",
    "DROP TABLE IF EXISTS measure_fts",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS measure_search_tsv"]


def install(apps, schema_editor):
    for statement in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    for statement in POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
