"""Region pages and the region finder work for every unit of the gazetteer."""

import pytest
from django.test import Client

from measures.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer", "seed_data")]


def test_a_province_without_documents_has_a_page(reader: Client) -> None:
    page = reader.get(f"/regions/{Region.objects.get(code='530000').slug}/").content.decode()
    assert "云南省" in page and "该地区及其下辖地区还没有文件。" in page
    assert "昆明市" in page  # its current prefectures
    # One plain "no documents yet", not a zero profile and a "no measures of this kind" per category.
    assert "类别分布" not in page and "方面的措施" not in page and "查看有文件的地区" in page


def test_a_county_page_has_breadcrumbs_up_to_its_province(reader: Client) -> None:
    county = Region.objects.get(code="330522")
    page = reader.get(county.get_absolute_url()).content.decode()
    assert "长兴县" in page
    assert 'href="/regions/zhejiang/">浙江省</a>' in page and ">湖州市</a>" in page


def test_a_retired_unit_shows_its_later_name_and_rolls_up_its_documents(reader: Client) -> None:
    page = reader.get("/regions/dawa/").content.decode()
    assert "大洼县（今大洼区）" in page and "副县长" in page
    assert "副县长" in reader.get("/regions/panjin/").content.decode()


def test_a_renamed_unit_lists_its_former_name(reader: Client) -> None:
    page = reader.get("/regions/xiangfan/").content.decode()
    assert "襄阳市" in page and "曾用名：襄樊市" in page
    assert "襄阳区（今襄州区）" in page  # the 2009 document, under the name it was written under


def test_the_finder_finds_a_region_by_chinese_name_pinyin_code_or_former_name(reader: Client) -> None:
    assert "/regions/yongjia/" in reader.get("/regions/", {"q": "永嘉"}).content.decode()
    assert "/regions/yongjia/" in reader.get("/regions/", {"q": "yongjia"}).content.decode()
    assert "/regions/yongjia/" in reader.get("/regions/", {"q": "330324"}).content.decode()
    assert "/regions/xiangfan/" in reader.get("/regions/", {"q": "襄樊"}).content.decode()


def test_the_finder_says_plainly_when_nothing_matches(reader: Client) -> None:
    page = reader.get("/regions/", {"q": "无此地"}).content.decode()
    assert "没有找到这个地区" in page


def test_region_finder_query_count(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards the finder: matches, their former names and successors, their ancestors, the picker (stamp, regions)."""
    assert Region.objects.matching("朝阳").count() >= 3
    with django_assert_num_queries(5):
        reader.get("/regions/", {"q": "朝阳"})


def test_region_page_of_a_county_query_count(reader: Client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Guards a county page: region with names, ancestors, documents with their regions' names and count,
    the first measures of each category (six id queries, counts, rows, labels, tags, quantities), the
    profile, children, peers and the picker, and the data stamp (read once per request) for the cached counts,
    samples, peers, picker and fragments — the same number whatever the region's size."""
    with django_assert_num_queries(28):
        reader.get("/regions/yongjia/")


def test_the_finder_and_the_api_list_units_in_use_before_retired_ones(reader: Client) -> None:
    page = reader.get("/regions/", {"q": "大洼"}).content.decode()
    assert page.index("/regions/liaoning-dawa/") < page.index("/regions/dawa/")  # 大洼区 before 大洼县（今大洼区）
    found = reader.get("/api/regions/", {"q": "县"}).json()["results"]
    assert len(found) == 50 and all(region["valid_to"] is None for region in found), "50 of the counties in use"


def test_the_finder_marks_retired_units_and_leaves_the_measure_search_box_empty(reader: Client) -> None:
    page = reader.get("/regions/?q=xiangfan").content.decode()
    retired = Region.objects.matching("xiangfan").exclude(valid_to=None).first()
    assert retired is not None
    assert f"{retired.valid_to:%Y} 年撤销或改代码" in page
    assert page.count('value="xiangfan"') == 1  # the finder's own box, not the header's measure search
