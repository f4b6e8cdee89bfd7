"""PostgreSQL: the search tokens' tsvector stored per row, kept by a trigger, and indexed.

The GIN index of migration 0008 covered the expression ``to_tsvector(search_tokens)``.
Once the table is analysed, PostgreSQL prefers walking the primary key newest-first and
testing that expression on every row, recomputing the tsvector each time: 1–2 s for a
word in a few percent of 100,000 rows. A stored tsvector makes that test cheap whichever
plan is chosen. A trigger keeps it (inserts, ``loaddata`` and bulk writes included), so
the column is never written by the application; it stays NULL on SQLite, whose FTS5
table (migration 0008) does the same job.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRES = [
    """CREATE OR REPLACE FUNCTION measures_measure_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := to_tsvector('simple'::regconfig, COALESCE(NEW.search_tokens, ''::text));
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE TRIGGER measure_search_vector BEFORE INSERT OR UPDATE ON measures_measure
    FOR EACH ROW EXECUTE FUNCTION measures_measure_search_vector()""",
    "UPDATE measures_measure SET search_vector = to_tsvector('simple'::regconfig, COALESCE(search_tokens, ''::text))",
    "DROP INDEX IF EXISTS measure_search_tsv",
    "CREATE INDEX IF NOT EXISTS measure_search_vector ON measures_measure USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS measure_search_vector",
    "CREATE INDEX IF NOT EXISTS measure_search_tsv ON measures_measure "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_tokens, ''::text)))",
    "DROP TRIGGER IF EXISTS measure_search_vector ON measures_measure",
    "DROP FUNCTION IF EXISTS measures_measure_search_vector()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0019_document_undated_last"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, serialize=False),
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
