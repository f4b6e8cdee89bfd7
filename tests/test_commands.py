import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from measures.fixtures_build import build_fixtures
from measures.models import Document, Measure
from tests.conftest import ROOT, SOURCES

pytestmark = pytest.mark.django_db


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_ingest_prints_a_summary_and_is_idempotent(categories: None) -> None:
    seed = next(SOURCES.glob("001_*.txt"))
    output = run("ingest", str(seed), "--region", "140802", "--doc-type", "commentary", "--year", "2024")
    assert "sentences 44" in output and "measures" in output and "finance" in output
    document = Document.objects.get()
    assert document.title == "盐湖区加快推进盐湖水泵专业镇平台建设"
    assert document.date_precision == "circa" and document.year == 2024
    assert "already ingested as document" in run("ingest", str(seed), "--region", "140802")
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"\xff\xfe\xfd\x81\x30", "not valid"),
        ("找回密码\n立即注册\nPowered by Discuz!".encode(), "no body text"),
    ],
    ids=["missing", "empty", "binary", "undecodable", "only-chrome"],
)
def test_ingest_refuses_bad_files_with_a_message(categories: None, tmp_path: Path, content, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("ingest", str(path), "--region", "140802")
    assert not Document.objects.exists()


def test_ingest_refuses_an_unknown_region(categories: None) -> None:
    with pytest.raises(CommandError, match="未知地区“000000”"):
        run("ingest", str(next(SOURCES.glob("001_*.txt"))), "--region", "000000")


def test_classify_reads_traditional_lines_and_writes_json(categories: None) -> None:
    stdin = StringIO("設立泵閥產業專項資金。\n\n产业集群是区域经济发展的重要特征。\n")
    lines = [json.loads(line) for line in run("classify", stdin=stdin).splitlines()]
    assert lines == [
        {
            "text": "设立泵阀产业专项资金。",
            "is_measure": True,
            "categories": ["finance"],
            "evidence": {"finance": ["专项资金", "资金"]},
        },
        {"text": "产业集群是区域经济发展的重要特征。", "is_measure": False, "categories": [], "evidence": {}},
    ]


def test_committed_fixtures_are_what_build_fixtures_produces() -> None:
    for name, rows in build_fixtures(SOURCES).items():
        committed = json.loads((ROOT / "fixtures" / name).read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(rows)), f"fixtures/{name} is stale: run `make fixtures`"


def test_load_seed_loads_five_documents_once(db: None) -> None:
    run("load_seed")
    assert Document.objects.count() == 5
    assert Measure.objects.filter(is_measure=True).count() > 100
    assert "nothing to do" in run("load_seed")


def test_reclassify_reports_what_changed(seed_data: None) -> None:
    output = run("reclassify")
    assert output.startswith(f"{Measure.objects.count()} sentences: 0 changed kind, 0 labels added, 0 removed")
