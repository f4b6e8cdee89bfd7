"""A reader picks regions, reads the summary and opens a category, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from measures.compare.grid import CELL_LIMIT
from tests.browser.conftest import BROWSER, shot
from tests.conftest import category_measure_count

pytestmark = BROWSER


def test_compare_two_regions_from_the_home_picker(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    picker = page.locator("form.picker")
    picker.get_by_label("永嘉县").check()
    picker.get_by_label("盐湖区").check()
    picker.get_by_role("button", name="对比").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("盐湖区")
    expect(page.locator(".summary-table thead th")).to_have_count(3)
    expect(page.locator(".mix-chart rect")).to_have_count(12)
    talent = page.locator("details#category-talent")
    expect(talent.locator(".counterpart").first).to_be_hidden()
    talent.locator("summary").click()
    expect(talent.locator(".counterpart", has_text="人才").first).to_be_visible()
    shot(page, "compare_two_regions")


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("slugs", ["yongjia,yanhu", "yongjia,yanhu,dawa", "yongjia,yanhu,dawa,xiangyangqu"])
def test_two_to_four_columns_fit_a_desktop_and_a_phone(page, slugs: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/compare/?regions={slugs}")
    columns = len(slugs.split(","))
    expect(page.locator(".summary-table thead th")).to_have_count(columns + 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"compare_{columns}_columns_{width}_summary")
    page.locator("details#category-finance summary").click()
    expect(page.locator("details#category-finance .compare-grid__cell")).to_have_count(columns)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("details#category-finance").scroll_into_view_if_needed()
    shot(page, f"compare_{columns}_columns_{width}_finance")


def test_a_region_with_one_inside_it_says_so(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/compare/?regions=wenzhou,yongjia")
    expect(page.get_by_role("heading", level=1)).to_contain_text("温州市（不含永嘉县）")
    expect(page.get_by_role("note")).to_contain_text("温州市包含永嘉县")
    shot(page, "compare_parent_without_child")


def test_the_matrix_folds_chains_and_colours_shares(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/compare/matrix/")
    expect(page.locator(".matrix__region", has_text="盐湖区")).to_contain_text("山西省 › 运城市 › 盐湖区")
    shot(page, "compare_matrix")


@pytest.mark.parametrize("width", [1440, 390])
def test_a_category_opens_with_its_first_measures_and_expands_to_all(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/compare/?regions=xiangyangqu,dawa")
    xiangyang, dawa = category_measure_count("xiangyangqu", "land"), category_measure_count("dawa", "land")
    land = page.locator("details#category-land")
    land.locator("summary").click()
    expect(land.locator(".entry")).to_have_count(min(xiangyang, CELL_LIMIT) + min(dawa, CELL_LIMIT))
    land.locator(".more a").first.click()
    expect(page.locator("details#category-land[open] .entry")).to_have_count(xiangyang + dawa)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"compare_expanded_category_{width}")


def test_a_refused_choice_keeps_its_ticked_region_for_the_next_try(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/compare/")
    picker = page.locator("form.picker")
    picker.get_by_label("永嘉县").check()
    picker.get_by_role("button", name="对比").click()
    expect(page.get_by_role("alert")).to_contain_text("请至少选择两个地区")
    expect(page.locator("form.picker").get_by_label("永嘉县")).to_be_checked()
    page.locator("form.picker").get_by_label("盐湖区").check()
    page.locator("form.picker").get_by_role("button", name="对比").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("永嘉县")
    expect(page.get_by_role("heading", level=1)).to_contain_text("盐湖区")


def test_on_a_phone_tables_scroll_inside_their_box_with_readable_columns(page) -> None:  # type: ignore[no-untyped-def]
    """Four summary columns, and the matrix's region names, stay readable at 390 px: no column one character wide."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/compare/?regions=yongjia,yanhu,dawa,xiangyangqu")
    for index in range(1, 5):
        assert page.locator(".summary-table thead th").nth(index).bounding_box()["width"] >= 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/compare/matrix/")
    region = page.locator(".matrix__region", has_text="盐湖区")
    assert region.bounding_box()["height"] < 80, "the region name wraps into a few lines, not one character a line"
    page.locator(".table-scroll").evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert region.bounding_box()["x"] < 30, "the region column stays in view while the categories scroll"
    shot(page, "compare_matrix_390_scrolled")
