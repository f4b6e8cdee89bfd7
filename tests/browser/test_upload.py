"""A curator uploads a file, confirms what was detected on the job's page, and opens the stored document."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, shot
from tests.factories import UserFactory

pytestmark = BROWSER

TEXT = "关于支持水泵产业集群发展的若干措施\n一、设立水泵产业发展专项资金，每年安排1000万元，支持企业技术改造。\n二、建设省级水泵检测中心。\n"


def test_curator_uploads_confirms_on_the_job_page_and_opens_the_document(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    upload = tmp_path / "pump.txt"
    upload.write_text(TEXT, encoding="utf-8")

    page.goto("/admin/login/?next=/admin/measures/document/upload/")
    page.get_by_label("用户名").fill("curator")
    page.get_by_label("密码").fill("correct horse battery staple")
    page.get_by_role("button", name="登录").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.locator("input[name=region]").fill("140802")
    page.get_by_role("button", name="上传并识别").click()

    # The request queued a job; its page (the task ran at once in tests) shows the confirmation form.
    expect(page).to_have_url(re.compile(r"/admin/measures/job/\d+/change/$"))
    expect(page.locator("td.job-done")).to_have_text("已完成")
    expect(page.locator("fieldset.upload-file h2")).to_have_text("pump.txt")
    page.locator("select[name=plan-0-doc_type]").select_option("policy_measures")
    shot(page, "admin_upload_job_confirm")
    page.get_by_role("button", name="确认并导入").click()

    expect(page.locator("td.job-done")).to_have_text("已完成")
    expect(page.locator("tr.upload-created")).to_contain_text("已导入")
    page.set_viewport_size({"width": 390, "height": 900})
    shot(page, "admin_upload_job_result_390")
    page.locator("tr.upload-created a", has_text="pump.txt").click()
    expect(page.locator("#id_title")).to_have_value("关于支持水泵产业集群发展的若干措施")
