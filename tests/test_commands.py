import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from measures.fixtures_build import build_fixtures
from measures.models import Document, Measure
from tests.conftest import ROOT, SOURCES

pytestmark = pytest.mark.django_db


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "ftp://example.org/a.txt"])
def test_ingest_refuses_a_source_url_that_is_not_a_web_page(categories: None, url: str) -> None:
    with pytest.raises(CommandError, match="--source-url"):
        run("ingest", str(next(SOURCES.glob("001_*.txt"))), "--region", "140802", "--source-url", url)
    assert not Document.objects.exists()


def test_shipped_fixtures_link_only_to_web_pages() -> None:
    documents = json.loads((ROOT / "fixtures" / "documents.json").read_text(encoding="utf-8"))
    urls = [row["fields"]["source_url"] for row in documents if row["model"] == "measures.document"]
    assert urls and all(url.startswith(("http://", "https://")) for url in urls if url)


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
