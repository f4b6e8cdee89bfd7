"""CorpusStamp: a row that triggers re-stamp on every write to the corpus tables (see measures.aggregates).

Frozen SQL; SQLite gets one row trigger per table and operation, PostgreSQL one
statement trigger per table calling one function.
"""

import random

from django.db import migrations, models

TABLES = (
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
POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION measures_corpus_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE measures_corpusstamp SET stamp = (random() * 9e18)::bigint WHERE id = 1;
    RETURN NULL;
END $$"""


def install(apps, schema_editor):
    execute = schema_editor.execute
    execute("INSERT INTO measures_corpusstamp (id, stamp) VALUES (1, %s)", [random.randint(-(2**62), 2**62)])
    if schema_editor.connection.vendor == "postgresql":
        execute(POSTGRES_FUNCTION)
        for table in TABLES:
            execute(f"DROP TRIGGER IF EXISTS corpus_stamp ON {table}")
            execute(
                f"CREATE TRIGGER corpus_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION measures_corpus_stamp()"
            )
        return
    for table in TABLES:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            execute(
                f"CREATE TRIGGER IF NOT EXISTS corpus_stamp_{table}_{operation.lower()} AFTER {operation} ON {table} "
                "BEGIN UPDATE measures_corpusstamp SET stamp = random() WHERE id = 1; END"
            )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS corpus_stamp ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS measures_corpus_stamp()")
        return
    for table in TABLES:
        for operation in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS corpus_stamp_{table}_{operation}")


class Migration(migrations.Migration):
    dependencies = [("measures", "0013_classifier_model")]

    operations = [
        migrations.CreateModel(
            name="CorpusStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("stamp", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "数据版本", "verbose_name_plural": "数据版本"},
        ),
        migrations.RunPython(install, uninstall),
    ]
