"""From a value or a document's text to a Region: ``ingest`` without ``--region``."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import override

from measures.models import Document
from measures.regions.resolve import RegionNotFound, find_region
from tests.conftest import SOURCES

pytestmark = pytest.mark.django_db


def ingest(*args: str) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_a_region_is_found_by_code_or_by_slug(categories: None) -> None:
    assert find_region("330324") == find_region("yongjia")
    with pytest.raises(RegionNotFound, match="nowhere"):
        find_region("nowhere")


def test_a_detected_2009_document_lands_on_the_unit_of_its_time(
    gazetteer: None, categories: None, tmp_path: Path
) -> None:
    path = tmp_path / "dawa.txt"
    path.write_text("大洼县人民政府关于推进工业集群化的意见\n我县设立工业集群发展专项资金。\n", encoding="utf-8")
    ingest(str(path), "--year", "2009")
    assert Document.objects.get().region.code == "211121"


def test_ingest_without_region_detects_it_and_keeps_the_evidence(gazetteer: None, categories: None) -> None:
    ingest(str(next(SOURCES.glob("000_*.txt"))), "--year", "2011")
    document = Document.objects.get()
    assert document.region.code == "330324"
    assert document.region_detection["confidence"] > 0.5
    assert any("永嘉" in line for line in document.region_detection["evidence"])


def test_ingest_stops_on_an_ambiguous_region_listing_the_candidates(
    gazetteer: None, categories: None, tmp_path: Path
) -> None:
    path = tmp_path / "chaoyang.txt"
    path.write_text("朝阳产业园区建设情况\n朝阳园区推进招商引资，设立产业发展专项资金。\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        ingest(str(path))
    message = str(error.value)
    assert "文件所属地区不确定" in message and "请指定地区" in message
    assert "110105 朝阳区（标题：朝阳" in message  # a candidate: code, name and evidence
    assert not Document.objects.exists()
    with override("en"), pytest.raises(CommandError) as error:
        ingest(str(path))
    assert "110105 朝阳区 (Title: 朝阳" in str(error.value), "the evidence's zone in the reader's language"


def test_ingest_says_so_when_no_region_is_named(gazetteer: None, categories: None, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    path.write_text("关于加快产业集群发展的意见\n设立产业发展专项资金。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="无法从标题、发文机关和正文判断文件所属地区"):
        ingest(str(path))


def test_region_option_overrides_detection_by_slug(gazetteer: None, categories: None) -> None:
    ingest(str(next(SOURCES.glob("000_*.txt"))), "--region", "wenzhou")
    assert Document.objects.get().region.code == "330300"
    assert Document.objects.get().region_detection == {}
