"""A reader picks two regions on the home page and reads the comparison."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, shot

pytestmark = BROWSER


def test_compare_two_regions_from_the_home_picker(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    picker = page.locator("form.picker")
    picker.get_by_label("永嘉县").check()
    picker.get_by_label("盐湖区").check()
    picker.get_by_role("button", name="对比").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("盐湖区")
    expect(page.locator(".compare-grid thead th")).to_have_count(3)
    expect(page.locator(".mix-chart rect")).to_have_count(12)
    finance = page.locator(".compare-grid tbody tr").first
    expect(finance.locator(".counterpart", has_text="专项资金").first).to_be_visible()
    shot(page, "compare_two_regions")


@pytest.mark.parametrize("slugs", ["yongjia,yanhu,dawa", "yongjia,yanhu,dawa,xiangyangqu"])
def test_three_and_four_columns_fit_a_desktop_screen(page, slugs: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/compare/?regions={slugs}")
    expect(page.locator(".compare-grid thead th")).to_have_count(len(slugs.split(",")) + 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    shot(page, f"compare_{len(slugs.split(','))}_columns")
