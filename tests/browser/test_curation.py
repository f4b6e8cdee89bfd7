"""A curator logs in, tags three sentences in bulk, and finds the tag on the public list."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from measures.models import Tag
from tests.browser.conftest import BROWSER, shot
from tests.factories import UserFactory

pytestmark = BROWSER


def test_curator_tags_three_measures_and_sees_the_tag_publicly(page) -> None:  # type: ignore[no-untyped-def]
    curator = UserFactory(username="curator", is_staff=True)
    curator.groups.add(Group.objects.get(name="curators"))
    Tag.objects.create(name="示范区", slug="shifanqu")

    page.goto("/admin/login/?next=/admin/measures/measure/%3Fregion%3Dyongjia%26is_measure__exact%3D1")
    page.get_by_label("用户名").fill("curator")
    page.get_by_label("密码").fill("correct horse battery staple")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#result_list")).to_be_visible()

    checkboxes = page.locator("#result_list input.action-select")
    for index in range(3):
        checkboxes.nth(index).check()
    page.locator("select[name=action]").select_option("add_tag")
    page.get_by_role("button", name="执行").click()
    expect(page.get_by_text("将对以下 3 项执行此操作")).to_be_visible()
    page.locator("select[name=tag]").select_option(label="示范区")
    shot(page, "admin_confirm_tag")
    page.get_by_role("button", name="确认执行").click()
    expect(page.locator(".messagelist")).to_contain_text("已为 3 个句子添加标签“示范区”")
    shot(page, "admin_tagged")

    page.goto("/measures/?tag=shifanqu")
    expect(page.get_by_role("heading", level=1)).to_contain_text("3 条结果")
    expect(page.locator(".result .tag", has_text="#示范区")).to_have_count(3)
    shot(page, "public_tag_filter")
