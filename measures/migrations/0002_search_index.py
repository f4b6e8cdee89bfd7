"""The full-text index: FTS5 + triggers on SQLite, a GIN index on PostgreSQL (see measures.search)."""

from django.db import migrations


def install(apps, schema_editor):
    from measures.search import install_index

    install_index(schema_editor)


def uninstall(apps, schema_editor):
    from measures.search import uninstall_index

    uninstall_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
