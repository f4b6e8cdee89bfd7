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
    stdin = StringIO("區財政每年拿出50萬元設立產業集群發展專項資金。\n\n产业集群是区域经济发展的重要特征。\n")
    lines = [json.loads(line) for line in run("classify", stdin=stdin).splitlines()]
    assert [(line["text"], line["is_measure"], line["categories"]) for line in lines] == [
        ("区财政每年拿出50万元设立产业集群发展专项资金。", True, ["finance"]),
        ("产业集群是区域经济发展的重要特征。", False, []),
    ]
    assert lines[0]["evidence"]["finance"][:2] == ["专项资金", "资金"]
    assert lines[1]["evidence"] == {} and lines[1]["measure_evidence"]


def test_classify_reads_its_lines_as_one_text_so_headings_give_context(categories: None) -> None:
    """The same line is read differently under 现状 and under 主要任务."""
    line = "加快园区道路、供水、污水处理等基础设施建设。"
    under_background = run("classify", stdin=StringIO(f"一、发展现状\n{line}\n"))
    under_tasks = run("classify", stdin=StringIO(f"二、主要任务\n{line}\n"))
    assert under_background.splitlines()[0] == under_tasks.splitlines()[0].replace("二、主要任务", "一、发展现状")
    assert json.loads(under_tasks.splitlines()[1])["is_measure"]
    assert any("章节" in item for item in json.loads(under_tasks.splitlines()[1])["measure_evidence"])


def test_classify_reads_the_lines_as_a_text_of_the_document_type_given(categories: None) -> None:
    """A speech's proposal and a policy text's commitment are weighed apart; an unknown type is refused."""
    line = "建议加快园区基础设施建设。\n"
    speech = json.loads(run("classify", "--doc-type", "speech", stdin=StringIO(line)))
    policy = json.loads(run("classify", "--doc-type", "policy_measures", stdin=StringIO(line)))
    assert speech["measure_evidence"] != policy["measure_evidence"]
    with pytest.raises(CommandError):
        run("classify", "--doc-type", "memo", stdin=StringIO(line))


def test_committed_fixtures_are_what_build_fixtures_produces() -> None:
    for name, rows in build_fixtures(SOURCES).items():
        committed = json.loads((ROOT / "fixtures" / name).read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(rows)), f"fixtures/{name} is stale: run `make fixtures`"


def test_load_seed_loads_five_documents_once(db: None) -> None:
    run("load_seed")
    assert Document.objects.count() == 5
    assert 70 < Measure.objects.filter(is_measure=True).count() < 120  # the guideline counts 89
    assert "nothing to do" in run("load_seed")


def test_reclassify_reports_what_changed(seed_data: None) -> None:
    output = run("reclassify")
    assert output.startswith(f"{Measure.objects.count()} sentences: 0 changed kind, 0 labels added, 0 removed")


def test_reclassify_refuses_an_unknown_document_instead_of_reporting_nothing_done(seed_data: None) -> None:
    with pytest.raises(CommandError, match="no document with id 999999"):
        run("reclassify", "--document", "999999")
