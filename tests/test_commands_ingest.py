"""``manage.py ingest``: one file or a batch, with a manifest, a result table and an honest exit code."""

import io
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from measures.models import Document
from tests.conftest import SOURCES, seed_text

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_one_file_prints_a_result_row_and_is_idempotent(categories: None) -> None:
    seed = next(SOURCES.glob("001_*.txt"))
    output = run(str(seed), "--region", "140802", "--doc-type", "commentary", "--year", "2024")
    row = next(line for line in output.splitlines() if line.startswith(seed.name))
    document = Document.objects.get()
    assert row.split()[1:8] == [
        "已导入",
        str(document.pk),
        "盐湖区（140802）",
        "评论",
        "~2024",
        "44",  # the guideline's units of this document
        str(document.sentences.filter(is_measure=True).count()),  # how good that count is: `make eval`
    ]
    assert document.title == "盐湖区加快推进盐湖水泵专业镇平台建设"
    assert document.date_precision == "circa" and document.year == 2024 and document.doc_type == "commentary"
    again = run(str(seed), "--region", "140802")
    assert "已存在" in again and "导入 0，已存在 1，未导入 0" in again
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "文件不存在"),
        (b"", "空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "图片"),
        (b"\xff\xfe\xfd\x81\x30"[1:] * 3, "不是有效的"),
        ("找回密码\n立即注册\nPowered by Discuz!".encode(), "body text|正文"),
    ],
    ids=["missing", "empty", "binary", "undecodable", "only-chrome"],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_saved(  # type: ignore[no-untyped-def]
    categories: None, tmp_path: Path, content, message
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=f"input.txt：.*(?:{message}).*；没有保存任何内容"):
        run(str(path), "--region", "140802")
    assert not Document.objects.exists()


def test_an_unknown_region_code_is_refused(categories: None) -> None:
    with pytest.raises(CommandError, match="未知地区“000000”"):
        run(str(next(SOURCES.glob("001_*.txt"))), "--region", "000000")


def word_file(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_batch_stores_the_good_files_reports_the_bad_one_and_exits_non_zero(categories: None, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(seed_text("001").encode("gb18030"))
    (tmp_path / "b.docx").write_bytes(word_file(seed_text("002")))
    (tmp_path / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "README.md").write_text("# not a document\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="1 个文件未导入"):
        call_command("ingest", str(tmp_path), "--region", "140802", stdout=out)
    rows = {line.split()[0]: line for line in out.getvalue().splitlines()[1:-1]}
    assert sorted(rows) == ["a.txt", "b.docx", "c.doc"]  # the README beside them is not a document
    assert "已导入" in rows["a.txt"] and "已导入" in rows["b.docx"]
    assert "未导入" in rows["c.doc"] and "旧版 Word" in rows["c.doc"]
    assert Document.objects.count() == 2

    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), "--region", "140802", stdout=StringIO())
    assert Document.objects.count() == 2  # re-running the batch creates nothing


def test_a_manifest_gives_each_file_its_metadata_relative_to_its_own_directory(
    categories: None, tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text(seed_text("001"), encoding="utf-8")
    (tmp_path / "docs" / "two.txt").write_text(seed_text("003"), encoding="utf-8")
    manifest = tmp_path / "docs" / "manifest.csv"
    manifest.write_text(
        "path,region,title,type,date,source_url\n"
        "one.txt,140802,盐湖水泵,规划,2024-03,https://example.gov.cn/1.html\n"
        "two.txt,,,,2019,\n",
        encoding="utf-8-sig",
    )
    output = run("--manifest", str(manifest), "--region", "140802", "--doc-type", "opinion")
    assert "导入 2" in output
    one = Document.objects.get(title="盐湖水泵")
    assert (one.doc_type, one.date.isoformat(), one.date_precision) == ("plan", "2024-03-01", "month")
    assert one.source_url == "https://example.gov.cn/1.html" and one.region.code == "140802"
    two = Document.objects.exclude(pk=one.pk).get()
    assert (two.doc_type, two.year, two.date_precision) == ("opinion", 2019, "year")


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("file,region\na.txt,140802\n", "缺少 path 列"),
        ("path,regoin\na.txt,140802\n", "未知的列：regoin"),
        ("path,date\na.txt,June\n", "第 2 行：日期 June 无法识别"),
        ("path,type\na.txt,memo\n", "第 2 行：未知的文件类型 memo"),
        (
            "path,source_url\na.txt,javascript:alert(1)\n",
            "第 2 行：来源网址 javascript:alert\\(1\\) 不是以 http:// 或 https:// 开头",
        ),
    ],
)
def test_a_bad_manifest_stops_before_anything_is_ingested(
    categories: None, tmp_path: Path, manifest: str, message: str
) -> None:
    (tmp_path / "m.csv").write_text(manifest, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("--manifest", str(tmp_path / "m.csv"))
    assert not Document.objects.exists()


def test_a_batch_without_region_lands_each_file_on_its_detected_region(
    gazetteer: None, categories: None, tmp_path: Path
) -> None:
    for prefix in ["000", "001", "003"]:
        (tmp_path / f"{prefix}.txt").write_text(seed_text(prefix), encoding="utf-8")
    (tmp_path / "nowhere.txt").write_text(
        "关于进一步支持产业集群发展的意见\n一、设立产业集群发展专项资金，支持集群企业技术改造。\n"
        "二、建设产业集群公共服务平台，为集群企业提供检验检测服务。\n",
        encoding="utf-8",
    )
    out = StringIO()
    with pytest.raises(CommandError, match="1 个文件未导入"):
        call_command("ingest", str(tmp_path), stdout=out)
    rows = {line.split()[0]: line for line in out.getvalue().splitlines()[1:-1]}
    assert "永嘉县（330324）" in rows["000.txt"]
    assert "盐湖区（140802）" in rows["001.txt"]
    assert "温州市（330300）" in rows["003.txt"]
    assert "未导入" in rows["nowhere.txt"] and "请指定地区" in rows["nowhere.txt"]
    stored = Document.objects.get(region__code="140802")
    assert stored.region_detection["evidence"], "the detection's evidence is kept with the document"

    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path), stdout=StringIO())
    assert Document.objects.count() == 3  # re-running creates nothing


def test_a_region_given_for_the_file_beats_detection(gazetteer: None, categories: None, tmp_path: Path) -> None:
    (tmp_path / "000.txt").write_text(seed_text("000"), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("path,region\n000.txt,wenzhou\n", encoding="utf-8")
    run("--manifest", str(tmp_path / "manifest.csv"), "--region", "140802")
    assert Document.objects.get().region.code == "330300"


@pytest.mark.parametrize("jobs", ["0", "two"])
def test_jobs_must_be_a_whole_number_of_at_least_one(jobs: str) -> None:
    with pytest.raises(CommandError, match="不小于 1 的整数"):
        run(str(next(SOURCES.glob("001_*.txt"))), "--jobs", jobs)
