"""backup/restore round-trip every curated row, field for field, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError

from measures import curation
from measures.backup import backed_up_models
from measures.ingest.pipeline import reclassify_in_batches
from measures.models import Category, Document, Label, Measure, Tag

# Commits for real, so restore's deferred foreign-key checks run. Like every transactional test, it leaves the
# database flushed (the curators group and the corpus stamp re-created); `seed_data` reloads what later tests need.
pytestmark = pytest.mark.django_db(transaction=True)

MICROSECONDS = dt.datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=dt.UTC)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every backed-up model: concrete field values and many-to-many ids."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for model in backed_up_models():
        fields = list(model._meta.concrete_fields)
        many = list(model._meta.many_to_many)
        rows[model._meta.label] = [
            (
                *(getattr(obj, f.attname) for f in fields),
                *(tuple(sorted(getattr(obj, f.name).values_list("pk", flat=True))) for f in many),
            )
            for obj in model._base_manager.order_by("pk")
        ]
    return rows


def curate_everything() -> None:
    """Seed data plus one of each kind of curator decision, users, groups and permissions."""
    call_command("load_seed", verbosity=0)
    admin = User.objects.create_superuser("admin", "admin@example.org", "correct horse battery staple")
    curator = User.objects.create_user("curator", is_staff=True, first_name="审校")
    curator.groups.add(Group.objects.get(name="curators"))
    curator.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    measures = Measure.objects.filter(document_id=1).order_by("position")
    curation.set_kind(measures=measures.filter(position__in=[0, 1]), is_measure=True, curator=curator)
    finance, land = Category.objects.get(slug="finance"), Category.objects.get(slug="land")
    curation.set_category(measures=measures.filter(position=2), category=land, curator=curator)
    curation.remove_category(measures=measures.filter(position__in=[3, 4]), category=finance, curator=curator)
    keep, old = Tag.objects.create(name="重点", slug="zhongdian"), Tag.objects.create(name="旧", slug="jiu")
    curation.add_tag(measures=measures.filter(position__in=[5, 6]), tag=keep, curator=curator)
    curation.add_tag(measures=measures.filter(position=7), tag=old, curator=curator)
    curation.rename_tag(tag=keep, name="重点措施", slug="zhongdian-cuoshi", curator=curator)
    curation.merge_tags(source=old, into=keep, curator=admin)
    curation.save_lexicon(category=land, lexicon_text=land.lexicon + "\n标准厂房 2", curator=admin)
    reclassify_in_batches(measures=Measure.objects.all())
    Label.objects.filter(source="curator").update(decided_at=MICROSECONDS)
    Document.objects.filter(pk=1).update(created_at=MICROSECONDS)


def test_a_backup_restores_every_row_and_field_exactly(tmp_path: Path) -> None:
    curate_everything()
    before = snapshot()
    assert Label.objects.filter(decided_at=MICROSECONDS).exists()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())

    # Lose things: a document, a user, a tag; change a lexicon.
    Document.objects.filter(pk=2).delete()
    User.objects.filter(username="curator").delete()
    Tag.objects.exclude(merges__isnull=False).delete()
    Category.objects.filter(slug="land").update(lexicon="")
    assert snapshot() != before

    out = StringIO()
    call_command("restore", str(path), "--replace", stdout=out)
    assert "已恢复" in out.getvalue()
    after = snapshot()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert Label.objects.filter(decided_at=MICROSECONDS).count() == Label.objects.filter(source="curator").count()
    assert LogEntry.objects.filter(change_message__startswith="merged tag").exists()
    # New rows continue after the restored ids (PostgreSQL sequences are reset).
    assert Tag.objects.create(name="新", slug="xin").pk > max(pk for pk, *_ in before["measures.Tag"])


def test_the_restored_search_index_finds_the_restored_sentences(tmp_path: Path) -> None:
    call_command("load_seed", verbosity=0)
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())
    call_command("restore", str(path), "--replace", stdout=StringIO())
    from measures.search import parse_query

    assert Measure.objects.search(parse_query("专项资金")).count() >= 4


def test_restore_refuses_to_overwrite_data_without_replace(tmp_path: Path) -> None:
    call_command("load_seed", verbosity=0)
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(path), stdout=StringIO())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "不是可读的备份文件"),
        ('{"format": "something-else"}', "不是本系统的备份文件"),
        ('{"format": "clusterpolicy-backup", "version": 1, "migrations": {"measures": ["9999_future"]}, "objects": []}',
         "备份来自更新的数据库结构"),
    ],
)  # fmt: skip
def test_restore_refuses_files_it_cannot_use_and_changes_nothing(tmp_path: Path, content: str, message: str) -> None:
    call_command("load_seed", verbosity=0)
    before = Measure.objects.count()
    path = tmp_path / "backup.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--replace", stdout=StringIO())
    assert Measure.objects.count() == before


def test_the_backup_file_keeps_microseconds(tmp_path: Path) -> None:
    curate_everything()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())
    objects = json.loads(path.read_text(encoding="utf-8"))["objects"]
    stamps = [row["fields"]["decided_at"] for row in objects if row["model"] == "measures.label"]
    assert "2026-03-04T05:06:07.123456+00:00" in stamps
