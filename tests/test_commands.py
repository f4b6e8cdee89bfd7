import json
from io import StringIO

import pytest
from django.core.management import call_command

from measures.fixtures_build import build_fixtures
from measures.models import Document, Measure
from tests.conftest import ROOT, SOURCES

pytestmark = pytest.mark.django_db


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


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
