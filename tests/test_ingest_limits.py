"""The maximum document size: one check in the pipeline, the same answer from the command and the upload."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from measures.ingest import IngestError
from measures.ingest.pipeline import DocumentMeta, ingest_document
from measures.models import Document, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("categories")]

TEXT = "设立产业集群专项资金，支持企业技术改造。加强人才引进，建设公共服务平台。\n" * 40


@pytest.fixture
def small_limits(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAX_DOCUMENT_BYTES = 3500
    settings.MAX_DOCUMENT_CHARS = 1000


def ingest_command(path: Path) -> None:
    call_command("ingest", str(path), "--region", "140802", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_command_refuses_a_file_over_the_byte_limit(small_limits: None, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT.encode("utf-8"))  # 4.3 KB
    with pytest.raises(CommandError, match=r"文件有 4\.3.KB，超过上限 3\.4.KB：请拆分成几个文件"):
        ingest_command(path)
    assert not Document.objects.exists()


def test_the_command_and_the_pipeline_refuse_a_text_over_the_character_limit(
    small_limits: None, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(TEXT[:1200].encode("gb18030"))  # under 3500 bytes, over 1000 characters
    with pytest.raises(CommandError, match="1200 个字符，超过上限 1000"):
        ingest_command(path)
    with pytest.raises(IngestError, match="超过上限 1000"):
        ingest_document(data=TEXT[:1200], region=Region.objects.get(code="140802"), meta=DocumentMeta())
    assert not Document.objects.exists()


def test_the_upload_refuses_the_same_files_with_the_same_limits(small_limits: None, curator_client: Client) -> None:
    too_big = curator_client.post(
        "/admin/measures/document/upload/",
        {"files": [SimpleUploadedFile("big.txt", TEXT.encode("utf-8"))], "region": "140802"},
    ).content.decode()
    assert "big.txt 太大" in too_big
    too_long = curator_client.post(
        "/admin/measures/document/upload/",
        {"files": [SimpleUploadedFile("long.txt", TEXT[:1200].encode("gb18030"))], "region": "140802"},
        follow=True,  # the character count is known once the preview job has read the file
    ).content.decode()
    assert "1200 个字符，超过上限 1000" in too_long
    assert not Document.objects.exists()


def test_a_document_under_the_limits_is_ingested(small_limits: None, tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(TEXT[:400].encode("utf-8"))
    ingest_command(path)
    assert Document.objects.count() == 1
