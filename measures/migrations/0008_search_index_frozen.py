"""The full-text index, as frozen SQL, created only where missing.

SQLite: the FTS5 table and its three triggers (a table rebuild by an earlier migration
may have dropped the triggers; the index is rebuilt only if something was missing).
PostgreSQL: the GIN index now covers the exact expression Django's SearchVector emits
(``COALESCE`` included), so queries written with the ORM's public API use it.
The FTS5 table becomes known to Django as an unmanaged model (no SQL).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_OBJECTS = {
    "measure_fts": """CREATE VIRTUAL TABLE IF NOT EXISTS measure_fts USING fts5(
        search_tokens, content='measures_measure', content_rowid='id', tokenize='unicode61')""",
    "measure_fts_ai": """CREATE TRIGGER IF NOT EXISTS measure_fts_ai AFTER INSERT ON measures_measure BEGIN
        INSERT INTO measure_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
    "measure_fts_ad": """CREATE TRIGGER IF NOT EXISTS measure_fts_ad AFTER DELETE ON measures_measure BEGIN
        INSERT INTO measure_fts(measure_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
    END""",
    "measure_fts_au": """CREATE TRIGGER IF NOT EXISTS measure_fts_au AFTER UPDATE OF search_tokens ON measures_measure
    BEGIN
        INSERT INTO measure_fts(measure_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
        INSERT INTO measure_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens);
    END""",
}
POSTGRES = [
    "DROP INDEX IF EXISTS measure_search_tsv",
    "CREATE INDEX IF NOT EXISTS measure_search_tsv ON measures_measure "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_tokens, ''::text)))",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS measure_search_tsv",
    "CREATE INDEX IF NOT EXISTS measure_search_tsv ON measures_measure "
    "USING gin ((to_tsvector('simple'::regconfig, search_tokens)))",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'measure_fts%'")
        present = {row[0] for row in cursor.fetchall()}
    missing = [name for name in SQLITE_OBJECTS if name not in present]
    for name in missing:
        schema_editor.execute(SQLITE_OBJECTS[name])
    if missing:
        schema_editor.execute("INSERT INTO measure_fts(measure_fts) VALUES ('rebuild')")


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("measures", "0007_document_type_choices")]

    operations = [
        migrations.RunPython(install, uninstall),
        migrations.CreateModel(
            name="MeasureFts",
            fields=[
                (
                    "measure",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts_entry",
                        serialize=False,
                        to="measures.measure",
                    ),
                ),
                ("search_tokens", models.TextField()),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "measure_fts", "managed": False},
        ),
    ]
