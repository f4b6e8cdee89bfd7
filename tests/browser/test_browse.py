"""A reader searches, filters by category and region, and opens a document."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, shot

pytestmark = BROWSER


def test_search_from_home_highlights_matches(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_role("search").last.get_by_role("searchbox").fill("專項資金")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("4 条结果")
    marks = page.locator(".result mark")
    expect(marks.first).to_have_text("专项资金")
    assert marks.count() >= 4
    shot(page, "search_highlight")


def test_filter_by_category_and_region_through_facets(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/measures/")
    page.locator(".facet").first.get_by_role("link", name="土地").click()
    expect(page).to_have_url(re.compile(r"/measures/\?category=land$"))
    regions = page.locator(".facet", has_text="地区")
    # The triangle left of a name unfolds it; the name itself is the filter link.
    regions.locator("summary", has_text="辽宁省").click(position={"x": 6, "y": 10})
    regions.locator("summary", has_text="盘锦市").click(position={"x": 6, "y": 10})
    regions.get_by_role("link", name=re.compile("^大洼县")).click()
    expect(page).to_have_url(re.compile(r"/measures/\?category=land&region=dawa$"))
    results = page.locator(".result")
    assert results.count() > 0
    for index in range(results.count()):
        expect(results.nth(index).locator(".cat-land")).to_be_visible()
        expect(results.nth(index).locator(".result__source")).to_contain_text("大洼县")
    shot(page, "filter_land_dawa")


def test_open_a_document_and_reveal_what_cleaning_removed(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/regions/yanhu/")
    page.get_by_role("link", name="盐湖区加快推进盐湖水泵专业镇平台建设").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("盐湖区加快推进盐湖水泵专业镇平台建设")
    expect(page.locator(".sentence--measure").first).to_be_visible()
    removed = page.locator("details.removed")
    expect(removed.locator("del").first).to_be_hidden()
    removed.locator("summary").click()
    expect(removed.get_by_text("找回密码")).to_be_visible()
    shot(page, "document_removed")


def test_narrow_screen_shows_results_before_filters(browser, seeded_live_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, base_url=seeded_live_server.url
    )
    page = context.new_page()
    page.goto("/measures/?q=人才")
    results_top = page.locator(".results").bounding_box()["y"]
    filters_top = page.locator(".filters").bounding_box()["y"]
    assert results_top < filters_top
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no horizontal scrolling"
    shot(page, "narrow_search")
    context.close()


def test_active_filters_show_as_chips_and_the_region_tree_unfolds_to_the_selection(browser, seeded_live_server) -> None:  # type: ignore[no-untyped-def]
    for width in (1440, 390):
        context = browser.new_context(
            locale="zh-CN", viewport={"width": width, "height": 900}, base_url=seeded_live_server.url
        )
        page = context.new_page()
        page.goto("/measures/?region=zhejiang&category=land")
        chips = page.locator(".active-filters .filter-chip")
        expect(chips).to_have_count(2)
        expect(chips.nth(0)).to_contain_text("类别：土地")
        expect(chips.nth(1)).to_contain_text("地区：浙江省")
        tree = page.locator(".region-tree").first
        expect(tree.locator("a[aria-current]")).to_contain_text("浙江省")
        expect(tree.get_by_role("link", name=re.compile("^温州市"))).to_be_visible()
        shot(page, f"chips_region_tree_{width}")
        context.close()
    page = browser.new_page(locale="zh-CN", base_url=seeded_live_server.url)
    page.goto("/measures/?region=zhejiang&category=land")
    page.locator(".filter-chip", has_text="地区：浙江省").click()
    expect(page).to_have_url(re.compile(r"/measures/\?category=land$"))
    expect(page.locator(".filter-chip")).to_have_count(1)
    page.close()


def test_a_refused_query_keeps_the_other_filters_and_the_comparison_picker(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/measures/?q=%22&category=land")
    expect(page.get_by_role("status")).to_contain_text("没有可检索的词")
    expect(page.locator(".filters form.picker input[type=checkbox]")).to_have_count(5)
    search = page.locator(".filters__form input[name=q]")
    search.fill("土地")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"category=land"))
    expect(page.locator(".filter-chip", has_text="类别：土地")).to_be_visible()
