"""Backups that round-trip everything curated, on SQLite and PostgreSQL alike.

A backup is one JSON file: the migration state it was taken at, then every row of every
model except those that are rebuilt or ephemeral (content types and permissions, which
``migrate`` creates; sessions; log-in attempts; queued tasks and background jobs). New models are included
without anyone remembering to add them. Primary keys are kept, so links between rows
(and public URLs such as /documents/3/) survive; content types and permissions are
referenced by natural key, since their ids differ between databases.

Django's JSON encoder cuts datetimes to milliseconds; ours keeps the microseconds, so a
decision's timestamp comes back exactly as it was stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "clusterpolicy-backup"
VERSION = 1
# Rebuilt by migrate, or state that must not come back from the past.
SKIPPED_APPS = frozenset({"contenttypes", "sessions", "axes", "django_tasks_database", "django_tasks_db"})
# The corpus stamp is derived (triggers renew it on every write, restoring included); background
# jobs are transient like the task queue they belong to (their tasks and staged uploads are not kept).
SKIPPED_MODELS = frozenset({"auth.permission", "measures.corpusstamp", "measures.job"})


class BackupError(ValueError):
    """A backup file that cannot be restored here, with a message that says why and what to do."""


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without its millisecond rounding of times."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


@dataclass(frozen=True)
class BackupReport:
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model whose rows are data rather than derived or transient state.

    Ordered so that a model referenced by natural key (users, by the admin log) comes
    before the rows that refer to it.
    """
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]
    by_app: dict[str, list[type[models.Model]]] = {}
    for model in chosen:
        by_app.setdefault(model._meta.app_label, []).append(model)
    ordered: list[type[models.Model]] = serializers.sort_dependencies(
        [(apps.get_app_config(label), app_models) for label, app_models in by_app.items()], allow_cycles=True
    )
    return ordered


def applied_migrations() -> dict[str, list[str]]:
    """Per app, the migrations this database has applied: a backup restores only into the same state."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def write_backup(stream: IO[str]) -> BackupReport:
    """Write every backed-up row to ``stream``, read in one transaction so the copy is consistent."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        header = {"format": FORMAT, "version": VERSION, "migrations": applied_migrations()}
        stream.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "objects": ')

        def rows() -> Iterator[models.Model]:
            for model in backed_up_models():
                counts[model._meta.label] = 0
                for row in model._base_manager.order_by("pk").iterator(chunk_size=500):
                    counts[model._meta.label] += 1
                    yield row

        serializers.serialize(
            "json", rows(), stream=stream, cls=FullPrecisionEncoder, use_natural_foreign_keys=True, indent=None
        )
        stream.write("}\n")
    return BackupReport(counts)


def backup_to(path: Path) -> BackupReport:
    """Write the backup next to ``path`` first, then move it into place: never a half-written file."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as stream:
        report = write_backup(stream)
    partial.replace(path)
    return report


def has_curated_data() -> bool:
    """Whether restoring would overwrite documents, tags or users someone created."""
    from django.contrib.auth.models import User

    from .models import Document, Tag

    return Document.objects.exists() or Tag.objects.exists() or User.objects.exists()


@transaction.atomic
def restore_from(path: Path) -> BackupReport:
    """Replace every backed-up row with those in the file at ``path``: all or nothing.

    The database must be migrated to the same state as the one the backup was taken
    from (``manage.py migrate`` first); raises BackupError otherwise.
    """
    try:
        with path.open(encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(_("%(path)s 不是可读的备份文件（%(error)s）") % {"path": path, "error": error}) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(_("%(path)s 不是本系统的备份文件") % {"path": path})
    if data.get("version") != VERSION:
        raise BackupError(
            _("%(path)s 的备份格式版本 %(version)s 不受支持") % {"path": path, "version": data.get("version")}
        )
    _check_migrations(data["migrations"])

    targets = backed_up_models()
    tables = _tables(targets)
    with connection.cursor() as cursor:
        # Foreign keys are deferred to commit on both databases, so the order does not matter.
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
    counts: dict[str, int] = {model._meta.label: 0 for model in targets}
    deferred = []
    for item in serializers.deserialize("python", data["objects"], handle_forward_references=True):
        item.save()
        if item.deferred_fields:
            deferred.append(item)
        counts[item.object._meta.label] = counts.get(item.object._meta.label, 0) + 1
    for item in deferred:
        item.save_deferred_fields()
    connection.check_constraints(table_names=tables)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), targets):
            cursor.execute(statement)
    return BackupReport(counts)


def _tables(targets: list[type[models.Model]]) -> list[str]:
    tables = []
    for model in targets:
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and through._meta.auto_created:
                tables.append(through._meta.db_table)
    return tables


def _check_migrations(recorded: dict[str, list[str]]) -> None:
    here = applied_migrations()
    missing = sorted(
        f"{app}.{name}" for app, names in recorded.items() for name in names if name not in here.get(app, [])
    )
    if missing:
        raise BackupError(
            _("备份来自更新的数据库结构：请先更新代码并运行 manage.py migrate，再恢复（此处缺少：%(missing)s）")
            % {"missing": ", ".join(missing[:5])}
        )
    extra = sorted(
        f"{app}.{name}"
        for app, names in here.items()
        if app in recorded or _has_backed_up_models(app)
        for name in names
        if name not in recorded.get(app, [])
    )
    if extra:
        raise BackupError(
            _(
                "这个数据库的结构比备份新：请先恢复到与备份同一版本迁移的数据库（检出那个版本并运行 "
                "manage.py migrate），再向前迁移（此处更新的迁移：%(extra)s）"
            )
            % {"extra": ", ".join(extra[:5])}
        )


def _has_backed_up_models(app_label: str) -> bool:
    return any(model._meta.app_label == app_label for model in backed_up_models())
