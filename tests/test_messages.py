"""Errors a reader, curator or operator sees are in their language and name the field in words."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_data")]

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b(the|file|is|not|must|a)\b")


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def notice(page: str) -> str:
    return page.split('class="notice notice--error"')[1].split("</div>")[0]


def test_a_bad_filter_is_explained_in_english_with_the_fields_label(reader: Client) -> None:
    text = notice(english(reader).get("/measures/?year_min=abc").content.decode())
    assert "year_min" not in text and not CJK.search(text)
    assert re.search(r"<li>[A-Z][a-z ]+: ", text), text


def test_a_bad_comparison_is_explained_in_the_readers_language(reader: Client) -> None:
    chinese = notice(reader.get("/compare/?documents=²,1").content.decode())
    assert "文件：编号只能由数字 0–9 组成" in chinese and not ENGLISH_WORD.search(chinese)
    text = notice(english(reader).get("/compare/?documents=²,1").content.decode())
    assert "digits 0–9" in text and not CJK.search(text.replace("²", ""))


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "二进制"), ("en", "binary")])
def test_an_upload_refusal_is_wholly_in_the_curators_language(
    curator_client: Client, language: str, expected: str
) -> None:
    curator_client.cookies["django_language"] = language
    page = curator_client.post(
        "/admin/measures/document/upload/",
        {"files": [SimpleUploadedFile("b.txt", b"\x00\x01\x02\x03 binary \x00 data")], "region": "140802"},
        follow=True,  # to the preview job's page: the job ran in the curator's language
    ).content.decode()
    errors = " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S))
    assert expected in errors, errors
    if language == "en":
        assert not CJK.search(errors), errors
    else:
        assert not ENGLISH_WORD.search(errors), errors


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "不存在"), ("en", "no such file")])
def test_command_errors_follow_language_code(language: str, expected: str) -> None:
    env = {**os.environ, "DEBUG": "1", "LANGUAGE_CODE": language}
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", "/nonexistent/backup.json"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1 and expected in result.stderr, result.stderr


def test_a_bad_api_page_size_names_the_field_in_words(reader: Client) -> None:
    response = reader.get("/api/measures/?page_size=ten")
    assert response.status_code == 400 and response.json()["message"].startswith("每页条数：")
    message = english(reader).get("/api/measures/?page_size=0").json()["message"]
    assert message.startswith("Page size: ") and not CJK.search(message)
