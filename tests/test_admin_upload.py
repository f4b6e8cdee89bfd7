"""The admin upload: several files, detected metadata to confirm, per-file results.

Reading and ingesting run as background jobs; the tests' immediate task backend runs
them inside the request, so each step lands on the job's page with its outcome.
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from measures.models import Document, Job
from tests.conftest import seed_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("categories")]

URL = "/admin/measures/document/upload/"
PAGE = (
    "<html><head><meta charset='utf-8'><title>关于支持水泵产业集群发展的若干措施_政策文件</title>"
    "<meta name='ArticleTitle' content='关于支持水泵产业集群发展的若干措施'>"
    "<meta name='PubDate' content='2024-03-05'></head><body><div class='nav'><a href='/'>首页</a></div>"
    "<div class='content'><p>一、设立水泵产业发展专项资金，每年安排1000万元，支持企业技术改造。</p>"
    "<p>二、建设省级水泵检测中心，为集群企业提供公共技术服务。</p><p>三、引进高端人才，给予安家补助。</p>"
    "</div></body></html>"
)


@pytest.fixture(autouse=True)
def _own_staging_directory(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Staged uploads are keyed by content: keep them apart from other test runs on this machine."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)


def confirmation_data(response: Any, **changes: Any) -> dict[str, Any]:
    """What a curator submits after reading the confirmation page, with ``changes`` per form index."""
    formset = response.context["formset"]
    data: dict[str, Any] = {
        "job": str(response.context["preview_job"].pk),
        "plan-TOTAL_FORMS": str(formset.total_form_count()),
        "plan-INITIAL_FORMS": "0",
        "confirm": "1",
    }
    for index, form in enumerate(formset):
        values = {**form.initial, **changes.get(f"form{index}", {})}
        for name, value in values.items():
            if name == "include":
                if value:
                    data[f"plan-{index}-include"] = "on"
            elif value is not None:
                data[f"plan-{index}-{name}"] = str(value)
    return data


def upload(client: Client, *files: tuple[str, bytes], **fields: Any) -> Any:
    """Upload and follow to the preview job's page (the confirmation form once the job is done)."""
    return client.post(URL, {"files": [SimpleUploadedFile(name, data) for name, data in files], **fields}, follow=True)


def confirm(client: Client, data: dict[str, Any]) -> Any:
    """Confirm and follow to the ingest job's page."""
    return client.post(URL, data, follow=True)


def outcomes(response: Any) -> list[dict[str, Any]]:
    """The per-file results an ingest job stored."""
    job = response.context["job"]
    assert job.kind == "ingest" and job.status == "done", job.error
    return list(job.outcome["outcomes"])


def test_several_files_are_previewed_with_what_was_found_then_stored_per_file(curator_client: Client) -> None:
    response = upload(
        curator_client,
        ("policy.html", PAGE.encode("utf-8")),
        ("forum.txt", seed_text("001").encode("gb18030")),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        region="140802",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "关于支持水泵产业集群发展的若干措施" in page and "自动识别，置信度" in page and "网页日期：2024-03-05" in page
    )
    assert "图片：请先做文字识别（OCR）" in page
    html_form, text_form, image_form = response.context["formset"]
    assert html_form.initial["title"] == "关于支持水泵产业集群发展的若干措施"
    assert html_form.initial["date"] == "2024-03-05" and html_form.initial["region"] == "140802"
    assert text_form.initial["include"] and not image_form.initial["include"]
    assert not Document.objects.exists()  # nothing is stored before the curator confirms

    assert response.redirect_chain[0][0].startswith("/admin/measures/job/")  # the request only queued the work
    results = confirm(curator_client, confirmation_data(response, form0={"doc_type": "plan"}))
    assert results.status_code == 200
    assert [o["status"] for o in outcomes(results)] == ["created", "created"]
    assert "已导入" in results.content.decode()
    stored = Document.objects.get(title="关于支持水泵产业集群发展的若干措施")
    assert stored.doc_type == "plan" and stored.date.isoformat() == "2024-03-05" and stored.region.code == "140802"
    assert stored.sentences.filter(text__startswith="二、建设省级水泵检测中心").exists()
    assert Document.objects.count() == 2


def test_a_file_without_a_region_cannot_be_confirmed_until_one_is_given(curator_client: Client) -> None:
    response = upload(curator_client, ("policy.html", PAGE.encode("utf-8")))
    data = confirmation_data(response)
    data["plan-0-region"] = ""
    page = curator_client.post(URL, data)
    assert page.status_code == 200 and "请填写地区（区划代码或拼音标识）" in page.content.decode()
    data["plan-0-region"] = "999999"
    assert "未知地区“999999”" in curator_client.post(URL, data).content.decode()
    assert not Document.objects.exists()
    data["plan-0-region"] = "140802"
    assert outcomes(confirm(curator_client, data))[0]["status"] == "created"


def test_uploading_a_stored_text_again_creates_nothing(curator_client: Client) -> None:
    first = upload(curator_client, ("a.txt", seed_text("001").encode()), region="140802")
    confirm(curator_client, confirmation_data(first))
    again = upload(curator_client, ("b.txt", seed_text("001").encode("gb18030")), region="140802")
    assert "相同的文本已经导入过" in again.content.decode()
    assert not again.context["formset"][0].initial["include"]
    forced = confirm(curator_client, confirmation_data(again, form0={"include": True}))
    assert [o["status"] for o in outcomes(forced)] == ["existing"]
    assert Document.objects.count() == 1


def test_upload_form_refuses_an_unknown_region_and_oversized_files(curator_client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    page = upload(curator_client, ("a.txt", "设立专项资金。".encode()), region="999999")
    assert page.status_code == 200 and "未知地区“999999”" in page.content.decode()
    settings.MAX_DOCUMENT_BYTES = 4096
    big = upload(curator_client, ("big.txt", "设立专项资金。".encode() * 200))
    assert "太大" in big.content.decode()
    assert not Document.objects.exists()


@pytest.mark.usefixtures("gazetteer")
def test_without_a_region_the_detected_one_is_offered_with_its_evidence(curator_client: Client) -> None:
    response = upload(curator_client, ("forum.txt", seed_text("001").encode("gb18030")))
    (form,) = response.context["formset"]
    assert form.initial["region"] == "140802"
    page = response.content.decode()
    assert "盐湖区" in page and "自动识别，置信度" in page
    results = confirm(curator_client, confirmation_data(response))
    assert [(o["region"], o["reason"]) for o in outcomes(results)] == [("盐湖区（140802）", "")]


def test_an_upload_the_server_cannot_stage_is_refused_with_a_message_not_an_error_page(
    curator_client: Client,
    settings,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the staging directory's parent should be", encoding="utf-8")
    settings.FILE_UPLOAD_TEMP_DIR = str(blocked)
    response = upload(curator_client, ("a.html", PAGE.encode()))
    assert response.status_code == 200 and "服务器暂时无法保存上传的文件" in response.content.decode()
    assert not Job.objects.exists() and not Document.objects.exists()


def test_the_confirmation_names_the_evidence_in_the_curators_language(curator_client: Client) -> None:
    chinese = upload(curator_client, ("policy.html", PAGE.encode("utf-8"))).content.decode()
    assert "<q>网页日期：2024-03-05</q>" in chinese
    job = Job.objects.get(kind="preview")
    english = curator_client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<q>Page date: 2024-03-05</q>" in english and "<q>网页日期：" not in english
