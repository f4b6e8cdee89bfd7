import pytest
from hypothesis import given
from hypothesis import strategies as st

from measures.ingest import IngestError
from measures.ingest.clean import clean_text, is_chrome
from measures.ingest.normalise import normalise_text
from tests.conftest import seed_text


def cleaned(prefix: str) -> str:
    return clean_text(normalise_text(seed_text(prefix))).text


def test_forum_chrome_is_removed_from_the_yanhu_page() -> None:
    text = cleaned("001")
    for chrome in [
        "找回密码",
        "立即注册",
        "复制链接",
        "回帖",
        "ICP备",
        "Processed in",
        "Discuz",
        "返回顶部",
        "智新云网络",
    ]:
        assert chrome not in text
    assert text.startswith("盐湖区加快推进盐湖水泵专业镇平台建设")
    assert text.endswith("（作者系盐湖区政协委员）")
    assert "积极争取国家和省级发展改革、工信、科技、财政、商务等行业领域的专项资金" in text


def test_template_site_chrome_and_teaser_are_removed_from_the_xiangyang_opinion() -> None:
    text = cleaned("002")
    for chrome in ["当前位置", "发布人", "推荐阅读", "范文", "例文地址", "如有侵权"]:
        assert chrome not in text
    assert text.count("为全面贯彻落实科学发展观") == 1  # the teaser duplicated the first paragraph
    assert "区财政每年拿出50万元设立产业集群发展专项资金" in text


def test_vip_terms_and_repeated_title_are_removed_from_the_wenzhou_study() -> None:
    text = cleaned("003")
    assert "VIP" not in text and "原创力文档" not in text and "文档评论" not in text
    assert text.count("温州发展产业集群化对策措施") == 1
    assert text.endswith("集中整治乐清低压电器、瑞安机械压力机")  # cut off in the source


def test_breadcrumb_and_promotion_are_removed_from_the_dawa_speech() -> None:
    text = cleaned("004")
    assert "首页" not in text and "润墨网" not in text
    assert "主要采取土地“增减挂钩”的办法" in text


def test_a_body_paragraph_mentioning_copyright_is_kept() -> None:
    opening = "为加快泵阀产业转型升级，结合我县实际，现就推进产业集群发展提出如下意见，请各部门认真贯彻落实。"
    rights = "切实加强知识产权保护，严厉打击侵权行为，保护企业版权所有的设计成果，建设知识产权服务平台。"
    closing = "设立泵阀产业专项资金，加强土地要素保障，加强人才队伍建设，支持行业协会建设，打造区域品牌。"
    result = clean_text(f"首页 > 新闻 > 正文\n{opening}\n{rights}\n{closing}\n版权所有 © 2024")
    assert result.text == f"{opening}\n{rights}\n{closing}"
    assert result.removed == ("首页 > 新闻 > 正文", "版权所有 © 2024")


def test_a_text_whose_only_paragraph_mentions_downloads_is_still_a_text() -> None:
    only = "支持企业建设产品数据下载与共享平台，加快发展生产性服务业，积极构建产业服务平台，推进产业升级。"
    assert clean_text(only).text == only


def test_a_short_text_without_chrome_is_kept_whole() -> None:
    assert clean_text("设立专项资金。\n加强人才队伍建设。").text == "设立专项资金。\n加强人才队伍建设。"


def test_text_that_is_only_chrome_is_refused() -> None:
    with pytest.raises(IngestError, match="no body text"):
        clean_text("找回密码\n立即注册\nPowered by Discuz!")


def test_chrome_patterns_recognise_footer_lines() -> None:
    assert is_chrome("小黑屋|手机版|Archiver|关于我们|智新云网络 ( 蜀ICP备18012146号-1 )")
    assert not is_chrome("加强人才队伍建设，支持行业协会建设。")


lines = st.lists(
    st.one_of(st.text(max_size=80), st.sampled_from(["找回密码", "版权所有", "首页 > 正文", "设立专项资金。" * 8])),
    max_size=30,
)


@given(lines)
def test_cleaning_keeps_lines_whole_and_in_order(page: list[str]) -> None:
    text = "\n".join(page)
    try:
        result = clean_text(text)
    except IngestError:
        return
    kept = [line.strip() for line in result.text.split("\n") if line.strip()]
    remaining = iter(line.strip() for line in text.split("\n"))
    assert all(any(line == candidate for candidate in remaining) for line in kept)
