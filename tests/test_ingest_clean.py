from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from measures.ingest import IngestError
from measures.ingest.chrome import is_body_like
from measures.ingest.clean import clean_text, is_chrome
from measures.ingest.evaluate_cleaning import CleaningTruth, load_truth, score_all
from measures.ingest.normalise import normalise_text
from tests.conftest import SOURCES as SEEDS
from tests.conftest import seed_text

TRUTH = Path(__file__).parent / "data" / "cleaning_truth.json"
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


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
    with pytest.raises(IngestError, match="没有剩下正文"):
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


# --- structure, not sites: realistic pages written for these tests ---------------------------

POLICY = "对新认定的省级产业集群，省财政给予一次性奖励200万元，支持建设公共技术服务平台。"
POLICY_2 = "各地要加快建设标准厂房，优先保障集群龙头企业用地需求。"


def kept(page: str) -> list[str]:
    return clean_text(normalise_text(page)).text.split("\n")


def test_a_government_metadata_table_goes_but_the_document_stays() -> None:
    page = "\n".join(
        [
            "索 引 号: 11330000002482870P/2023-00123 主题分类: 工业、交通",
            "发布机构: 某某省人民政府办公厅",
            "成文日期: 2023-06-01",
            "标  题: 某某省人民政府办公厅关于培育先进制造业集群的实施意见",
            "文  号: 某政办发〔2023〕21号",
            "公开方式: 主动公开",
            "统一编号: ZJSP00-2023-0012",
            "某某省人民政府办公厅关于培育先进制造业集群的实施意见",
            POLICY,
            POLICY_2,
        ]
    )
    assert kept(page) == ["某某省人民政府办公厅关于培育先进制造业集群的实施意见", POLICY, POLICY_2]


def test_disclaimers_reprint_lines_and_follow_us_blocks_go() -> None:
    page = "\n".join(
        [
            "本文转自某某日报客户端",
            "来源：某某市经济和信息化局",
            "某市出台支持产业集群发展十条措施",
            POLICY,
            POLICY_2,
            "版权声明：本文仅代表作者观点，不代表本站立场。",
            "如有侵权，请联系删除。",
            "扫码关注公众号 加入产业交流群",
            "上一篇：我市召开工业经济运行分析会",
            "下一篇：某县举办项目集中签约活动",
        ]
    )
    assert kept(page) == ["某市出台支持产业集群发展十条措施", POLICY, POLICY_2]


def test_link_lists_of_other_headlines_go() -> None:
    page = "\n".join(
        [
            "某县召开泵阀产业发展推进会",
            POLICY,
            POLICY_2,
            "热门相关",
            "某市召开全市工业经济高质量发展大会",
            "省经信厅发布第二批特色产业集群名单",
            "某县开展安全生产大检查专项行动",
            "推荐关注",
            "· 这些地方出台了新一轮稳增长政策",
        ]
    )
    assert kept(page) == ["某县召开泵阀产业发展推进会", POLICY, POLICY_2]


def test_a_run_of_other_articles_headlines_after_the_body_goes_but_a_signature_stays() -> None:
    page = "\n".join(
        [
            POLICY,
            POLICY_2,
            "某某市人民政府办公室",
            "2023年6月1日",
            "",
            "我市召开全市工业经济高质量发展大会",
            "省经信厅发布第二批特色产业集群名单",
            "某县开展安全生产大检查专项行动部署",
        ]
    )
    assert kept(page) == [POLICY, POLICY_2, "某某市人民政府办公室", "2023年6月1日"]


def test_app_banners_font_controls_tags_and_flip_book_headers_go() -> None:
    page = "\n".join(
        [
            "打开某某新闻 查看更多图片",
            '<tbody id="x1"><output id="x1"></output></tbody>',
            '  • <li id="x2"></li>',
            "Page 12 - 某市惠企政策汇编",
            "P. 12",
            "【字体：大 中 小】【打印本页】【关闭窗口】",
            "某市支持产业集群发展的若干措施",
            POLICY,
            POLICY_2,
            "12",
            "关键词：产业集群 专项资金",
        ]
    )
    assert kept(page) == ["某市支持产业集群发展的若干措施", POLICY, POLICY_2]


def test_navigation_above_the_title_goes_but_title_fragments_stay() -> None:
    page = "\n".join(
        [
            "门户网站",
            "政务公开",
            "• 工业和信息化",
            "省人民政府关于印发",
            "",
            "《支持产业集群",
            "发展若干措施》的通知",
            POLICY,
        ]
    )
    assert kept(page) == ["省人民政府关于印发", "", "《支持产业集群", "发展若干措施》的通知", POLICY]


def test_a_title_repeated_with_injected_spam_keeps_the_clean_copy() -> None:
    page = "\n".join(["某县出台措施力推服装产业发展", "", "某县减肥药哪家好出台措施力推服装产业发展", POLICY])
    assert kept(page) == ["某县出台措施力推服装产业发展", "", POLICY]


def test_a_site_name_at_the_top_and_bottom_goes() -> None:
    page = "\n".join(["某某产业网", "某市加快推进产业集群建设", POLICY, POLICY_2, "某某产业网", "京ICP备12345678号"])
    assert kept(page) == ["某市加快推进产业集群建设", POLICY, POLICY_2]


def test_contact_lines_and_numbered_attachments_after_the_body_stay() -> None:
    page = "\n".join(
        [POLICY, "附件：", "1.某市产业集群培育名单", "2.申报表", "某市经济和信息化局", "联系电话：0731-88888888"]
    )
    assert kept(page) == page.split("\n")


def _devset_truths() -> list[CleaningTruth]:
    if not DEVSET.is_dir():
        pytest.skip(f"devset not found at {DEVSET}")
    return load_truth(TRUTH, {"seed": SEEDS, "devset": DEVSET})


def test_no_body_line_is_lost_and_no_chrome_line_is_left_in_the_seeds_and_devset() -> None:
    scores = score_all(_devset_truths())
    assert len(scores) == 20
    assert {s.name: s.body_lost for s in scores if s.body_lost} == {}
    assert {s.name: s.chrome_left for s in scores if s.chrome_left} == {}


def test_the_truth_file_names_lines_that_exist() -> None:
    for truth in _devset_truths():
        count = len(truth.path.read_bytes().split(b"\n"))
        assert all(1 <= n <= count for n in truth.chrome.union(*truth.either)), truth.name


# --- hostile: a line that carries a measure survives any surrounding chrome -----------------

_SUBJECTS = ["", "省财政", "各县（市、区）", "市政府", "对入驻园区的企业，", "对年纳税超过100万元的企业，", "区经信局"]
_ACTIONS = ["给予", "设立", "支持", "加快建设", "优先安排", "落实", "鼓励", "扶持", "减免", "推动"]
_OBJECTS = [
    "产业集群发展专项资金",
    "一次性奖励50万元",
    "公共技术服务平台",
    "标准厂房和配套设施",
    "人才公寓",
    "区域品牌建设",
    "贷款贴息",
    "用地指标",
]
_CHROME = [
    "首页 > 新闻中心 > 正文",
    "当前位置：首页>>政务公开",
    "索引号：000014349/2023-00012",
    "发布机构：某某市人民政府",
    "发布日期：2023-01-05",
    "- 浏览次数：241",
    "来源：某某日报",
    "本文转自某某网",
    "版权声明：本文仅代表作者观点",
    "如有侵权，请联系删除。",
    "热门相关",
    "推荐关注",
    "扫码加入行业交流群",
    "上一篇：某某县召开会议",
    "下一篇",
    "打开某某新闻 查看更多图片",
    "【字体：大 中 小】【打印本页】",
    '<tbody id="a"></tbody>',
    "&nbsp;",
    "Page 3 - 政策汇编",
    "P. 3",
    "250",
    "关键词：产业集群",
    "工作动态",
    "某某网",
    ">>",
    "京ICP备12345678号",
    "Powered by Discuz!",
    "某市召开工业经济运行分析会",
    "",
]

body_lines = st.builds(
    lambda subject, action, obj, tail: f"{subject}{action}{obj}{tail}",
    st.sampled_from(_SUBJECTS),
    st.sampled_from(_ACTIONS),
    st.sampled_from(_OBJECTS),
    st.sampled_from(["。", "；", "，每年安排资金500万元。", "，具体办法另行制定。"]),
)
chrome_lines = st.one_of(st.sampled_from(_CHROME), st.text(max_size=30).map(lambda s: s.replace("\n", " ")))


@given(
    st.lists(body_lines, min_size=1, max_size=5, unique=True),
    st.lists(st.lists(chrome_lines, max_size=6), min_size=6, max_size=6),
)
def test_a_line_carrying_a_measure_survives_any_surrounding_chrome(body: list[str], chrome: list[list[str]]) -> None:
    page: list[str] = []
    for index, line in enumerate(body):
        page += chrome[index % len(chrome)]
        page.append(line)
    page += chrome[-1]
    result = clean_text(normalise_text("\n".join(page)))
    survivors = set(result.text.split("\n"))
    for line in body:
        assert normalise_text(line) in survivors


@given(st.sampled_from(_SUBJECTS), st.sampled_from(_ACTIONS), st.sampled_from(_OBJECTS))
def test_generated_measure_lines_read_as_body(subject: str, action: str, obj: str) -> None:
    assert is_body_like(normalise_text(f"{subject}{action}{obj}。"))


def test_a_spam_line_of_link_titles_a_caption_and_footer_labels_go() -> None:
    page = "\n".join(
        [
            "某某论坛丨免费在线观看丨国产一区丨高清视频丨综合一区丨伊人精品丨天天看",
            "Network",
            "首页快讯 > 正文",
            "某市出台支持产业集群发展十条措施",
            "（资料图）",
            POLICY,
            POLICY_2,
            "精彩推送",
            "相关文章",
        ]
    )
    assert kept(page) == ["某市出台支持产业集群发展十条措施", POLICY, POLICY_2]


def test_a_teaser_cut_off_with_an_ellipsis_goes_and_the_repeated_title_is_kept_once() -> None:
    title = "某市经济和信息化局关于印发某市产业集群培育实施方案的通知"
    page = "\n".join([title, "", f"{title} 各区（市）县政府（管委会…", "", title, "各区（市）县政府：", POLICY])
    assert [line for line in kept(page) if line] == [title, "各区（市）县政府：", POLICY]


def test_a_running_header_printed_on_every_page_goes_but_headings_stay() -> None:
    header = "某某市人民政府公报 2023年第5期"
    page = "\n".join(
        [header, "一、总体要求", POLICY, "— 2 —", header, "二、重点任务", POLICY_2, "— 3 —", header, "（一）强化保障"]
    )
    assert kept(page) == ["一、总体要求", POLICY, "二、重点任务", POLICY_2, "（一）强化保障"]


def test_disclaimers_under_a_long_title_line_are_not_taken_for_the_body() -> None:
    title = "某某市人民政府关于印发重点产业布局调整和承接产业转移实施意见的通知-某政发〔2015〕146号"
    page = "\n".join(
        [
            title,
            "- 1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑、内容补充、找答案等附加服务。",
            "- 2、如文档侵犯您的权益，请联系客服反馈，我们会尽快为您处理（人工客服工作时间：9:00-18:30）。",
            "正文：",
            "-" * 60,
            POLICY,
        ]
    )
    assert kept(page) == [title, POLICY]


def test_a_signature_stays_even_when_a_source_line_names_the_same_body() -> None:
    page = "\n".join(
        [
            "其他",
            "某某省人民政府关于产业集群的批复",
            POLICY,
            POLICY_2,
            "某某省人民政府",
            "2019年11月25日",
            "-- END --",
            "来源：某某省人民政府办公厅",
        ]
    )
    assert kept(page) == ["某某省人民政府关于产业集群的批复", POLICY, POLICY_2, "某某省人民政府", "2019年11月25日"]


def test_bookmark_links_and_a_site_lead_go() -> None:
    """A lead that reads as a measure (导读：加强…。) would stay: body-like lines are never removed."""
    page = "\n".join(
        [
            "加入收藏 | 设为首页 | RSS |",
            "导读：开发区改革创新，对于我市具有重要意义。",
            "某市开发区改革创新实施方案",
            POLICY,
        ]
    )
    assert kept(page) == ["某市开发区改革创新实施方案", POLICY]


def test_seo_keywords_above_the_text_go_but_a_cut_off_last_item_stays() -> None:
    spam = "视频综合在线，免费在线不卡，精品一区二区三区，综合在线视频"
    cut_off = "19、产业聚集区内新建项目，在办理各种审批手续时，县内各职能部门只收证照工本费，需要上缴部分按最低标准"
    page = "\n".join([spam, "Network", "某县产业聚集区优惠政策", POLICY, POLICY_2, cut_off])
    assert kept(page) == ["某县产业聚集区优惠政策", POLICY, POLICY_2, cut_off]


def test_the_nothing_left_message_is_in_the_readers_language() -> None:
    for language, words in [("zh-hans", "没有剩下正文"), ("en", "no body text is left")]:
        with translation.override(language), pytest.raises(IngestError, match=words):
            clean_text("找回密码\n立即注册")


def test_a_short_news_headline_above_the_text_is_not_navigation() -> None:
    page = "\n".join(["新闻中心", "我县召开座谈会", POLICY])
    assert kept(page) == ["我县召开座谈会", POLICY]


def test_a_measure_that_mentions_qr_codes_stays() -> None:
    line = "推行重点产品二维码追溯管理，建立质量信用档案。"
    page = "\n".join(["扫码关注公众号", "某县质量提升行动方案", line, POLICY])
    assert kept(page) == ["某县质量提升行动方案", line, POLICY]


def test_a_news_page_loses_its_weather_widget_stamped_byline_share_and_font_size_controls() -> None:
    page = (
        "11/02 週一 某某縣|15°C - 19°C天氣\n\n某某院通過 3年投入8億元扶持鄉鎮特色產業\n\n"
        "2023-05-12 09:20:00 / 某某社 /\n分享:\n字級:\n  • 大字\n  • 中字\n  • 小字\n\n"
        f"(某某社記者某地12日電)某某院會今天通過方案,預計3年投入8億元扶持鄉鎮特色產業。\n{POLICY}"
    )
    lines = kept(page)
    assert lines[0] == "某某院通过 3年投入8亿元扶持乡镇特色产业"
    assert not any("°C" in line or "分享" in line or "字级" in line or "中字" in line for line in lines)
    assert not any(line.startswith("2023-05-12") for line in lines)


def test_a_reposted_wire_report_loses_its_address_stamp_and_correction_button() -> None:
    page = (
        "EN\nhttps://www.example.gov.cn/\n\n某某省认定15家县域特色产业集群\n\n2021-03-18 10:30 来源：某某社\n"
        f"字号：默认 超大 | 打印 |\n\n{POLICY}\n{POLICY_2}\n\n【我要纠错】责任编辑：某某\n扫一扫在手机打开当前页"
    )
    assert kept(page) == ["某某省认定15家县域特色产业集群", "", POLICY, POLICY_2]


def test_a_sites_info_box_goes_with_the_values_printed_under_its_keys() -> None:
    page = (
        "某某部关于公布2021年度特色产业集群名单的通告\n\n发布时间:2022-02-15 浏览量:3021 收藏\n\n具体信息\n\n"
        "  • 发布部门 :\n      某某部门\n  • 项目类别 :\n      荣誉认定\n  • 支持方式 :\n      奖励荣誉\n\n公示原文\n\n"
        f"某某部关于公布2021年度特色产业集群名单的通告\n\n{POLICY}\n{POLICY_2}"
    )
    assert [line for line in kept(page) if line] == ["某某部关于公布2021年度特色产业集群名单的通告", POLICY, POLICY_2]


def test_a_page_headline_repeating_the_title_with_a_label_or_document_number_goes() -> None:
    labelled = f"现行政策|《某某省特色产业园区认定管理办法（暂行）》\n来源：某某网 日期：2022-03-01 点击：\n某某省特色产业园区认定管理办法（暂 行）\n{POLICY}"
    assert kept(labelled) == ["某某省特色产业园区认定管理办法（暂行）", POLICY]
    numbered = f"某政办发〔2024〕27号《某某省人民政府办公厅关于印发〈某某方案〉的通知》\n《某某省人民政府办公厅关于印发〈某某方案〉的通知》\n某政办发〔2024〕27号\n{POLICY}"
    assert kept(numbered)[:2] == ["《某某省人民政府办公厅关于印发〈某某方案〉的通知》", "某政办发〔2024〕27号"]


def test_a_bulleted_list_of_headings_in_the_body_is_not_an_info_box() -> None:
    closing = "各地要加快建设标准厂房，优先保障集群龙头企业用地需求，对租用标准厂房的企业给予租金补贴。"
    page = f"{POLICY}\n• 资金保障：\n设立集群发展专项资金，每年安排1000万元。\n• 用地保障：\n优先保障集群龙头企业用地。\n{closing}"
    assert "设立集群发展专项资金，每年安排1000万元。" in kept(page)
    assert "优先保障集群龙头企业用地。" in kept(page)
    assert "• 资金保障：" in kept(page) and "• 用地保障：" in kept(page)


def test_a_text_in_another_language_is_refused_with_a_reason() -> None:
    with pytest.raises(IngestError, match="几乎没有汉字"):
        clean_text("Industrial cluster policy of Yongjia 永嘉 county.\nThe county will set up a special fund.")
    with translation.override("en"), pytest.raises(IngestError, match="Chinese characters"):
        clean_text("Industrial cluster policy.\nThe county will set up a special fund.")
    # a short measure among foreign words is still a Chinese text
    assert clean_text("给予一次性奖励50万元。\nAAAAAAAAAA").text.startswith("给予一次性奖励50万元。")


def test_a_page_headline_above_the_byline_gives_way_to_the_documents_own_title_below_it() -> None:
    """The site showed another article's headline; the document below carries its own formal title."""
    formal = "某某市人民政府办公室关于推动特色产业集群发展的实施意见"
    page = f"当前位置：主页 > 新闻中心 > 产业规划 >\n\n5月1日起实行！《某某省中小企业促进条例》全文发布→\n\n来源：某某网 日期：2023-04-02 点击：\n\n{formal}\n\n某政办字〔2023〕7号\n\n{POLICY}"
    assert [line for line in kept(page) if line] == [formal, "某政办字〔2023〕7号", POLICY]


def test_a_news_headline_above_the_byline_stays_when_no_formal_title_follows() -> None:
    page = f"某某省发布《关于支持乡镇特色产业发展的若干措施》\n- 发布日期：2022-09-14\n- 浏览次数：87\n{POLICY}"
    assert kept(page)[0] == "某某省发布《关于支持乡镇特色产业发展的若干措施》"


def test_a_masthead_printed_on_every_page_goes_and_one_printed_once_stays() -> None:
    page = f"某某市人民政府文件\n某某市产业集群扶持办法\n{POLICY}\n— 1 —\n某某市人民政府文件\n{POLICY_2}对新建标准厂房给予每平方米100元补助。\n— 2 —"
    assert kept(page).count("某某市人民政府文件") == 0
    assert kept(f"某某市人民政府文件\n某某市产业集群扶持办法\n{POLICY}")[0] == "某某市人民政府文件"


def test_a_journal_articles_stamp_issue_line_keywords_and_classification_numbers_go() -> None:
    page = (
        "某某园区的演进路径与支持政策研究\n\n2021-04-12 14:02某某\n某某经济与管理 2021年3期\n"
        "关键词：产业园区；创新集群；扶持政策\n\n中图分类号：F127 文献标识码：A\n\n"
        f"{POLICY}\n{POLICY_2}"
    )
    assert [line for line in kept(page) if line] == ["某某园区的演进路径与支持政策研究", POLICY, POLICY_2]


def test_a_source_line_under_the_text_never_takes_the_lines_above_it() -> None:
    closing = "各地要加快建设标准厂房，优先保障集群龙头企业用地需求，对租用标准厂房的企业给予租金补贴。"
    page = f"某某县召开产业集群发展大会\n{POLICY}\n二、强化要素保障\n{closing}\n来源：某某日报\n某某省人民政府关于加快发展产业集群的意见"
    assert "二、强化要素保障" in kept(page) and "某某县召开产业集群发展大会" in kept(page)


def test_a_compilations_running_header_with_its_page_number_goes() -> None:
    page = f"某某省產業政策匯編 58\n{POLICY}\n6.推进传统产业改造提升。\n{POLICY_2}"
    assert "某某省产业政策汇编 58" not in kept(page)


def test_a_document_sharing_sites_upload_date_file_size_and_page_count_go() -> None:
    page = f"某县领导在全县工业大会上的讲话\n2023-11-02\n52.6KB\n6 页\n侵权投诉\n{POLICY}\n{POLICY_2}"
    assert kept(page) == ["某县领导在全县工业大会上的讲话", POLICY, POLICY_2]


def test_a_blogs_counters_and_a_wire_dateline_line_go() -> None:
    page = f" date 2025-04-09 快訊\n某縣推動產業創新 最高補助150萬\n某某社／ 某地9日電\n{POLICY}\n★某某 發表在 某某部落格 留言(0) 人氣()"
    assert kept(page) == ["某县推动产业创新最高补助150万", POLICY]


def test_a_title_printed_again_over_two_lines_goes_and_the_one_line_copy_stays() -> None:
    page = (
        f"某县领导在全县工业暨招商出征誓师大会上的讲话\n某县领导在全县工业暨“招商出\n征”誓师大会上的讲话\n"
        f"同志们：\n{POLICY}\n{POLICY_2}"
    )
    assert kept(page)[:2] == ["某县领导在全县工业暨招商出征誓师大会上的讲话", "同志们："]


def test_a_template_sites_spam_line_submission_link_and_own_voice_go_even_inside_the_text() -> None:
    page = (
        "免费在线观看不卡，高清视频在线观看大全，精品一区二区三区，综合在线视频免费观看网站入口\n某某小镇调研报告\n"
        "时间：2023-06-02 08:10:11 报告 我要投稿\n"
        f"{POLICY}\n在写之前，可以先参考范文，下面是小编为大家收集的某某小镇调研报告，欢迎大家分享。\n{POLICY_2}"
    )
    assert kept(page) == ["某某小镇调研报告", POLICY, POLICY_2]


def test_a_journal_pages_breadcrumb_issue_line_authors_and_affiliations_go() -> None:
    title = "某某水平与生活质量耦合协调度研究——以某某经济带为例"
    page = (
        f"首页 最新文章 {title}\n{title}\n2024  NO.3\n2023-11-04某某某\n张某，李某某，王某\n"
        "（1.某某农林科技大学 经济管理学院，某某 某某 712100；2.某某省农业科学院科研管理处，某某 830091）\n"
        f"{POLICY}\n{POLICY_2}"
    )
    assert kept(page) == [title, POLICY, POLICY_2]


def test_an_article_printed_twice_keeps_one_copy_but_a_short_sentence_said_twice_stays() -> None:
    twice = f"{POLICY}\n{POLICY_2}\n来源：某某时报\n{POLICY}\n{POLICY_2}\n来源：某某时报"
    assert kept(twice) == [POLICY, POLICY_2]
    funded = "所需资金由市财政承担。"
    items = f"（一）企业技术中心。\n{POLICY}\n{funded}\n（二）标准厂房。\n{POLICY_2}\n{funded}"
    assert kept(items) == items.split("\n")


def test_a_lead_paragraph_printed_again_and_cut_off_goes() -> None:
    """A page that repeats its lead paragraph below the article, cut where the page ends (p145)."""
    lead = "某某产业经过五十多年的研究与开发，已初步形成了四大主导产业，产业聚集功能已显现。2011年11月，科技部批准某某产业集群为国家级创新型产业集群重点培育单位。"
    closing = "各地要加快建设标准厂房，优先保障集群龙头企业用地需求，对租用标准厂房的企业给予租金补贴。"
    page = f"{lead}\n{closing}\n（责任编辑：某某）\n{lead[:70]}"
    assert kept(page) == [lead, closing]
    assert kept(f"{lead}\n{closing}\n{lead}") == [lead, closing]


def test_a_sites_account_and_accessibility_bar_goes() -> None:
    page = f"登錄 | 注冊   微信 簡體 繁體\n無障礙閱讀 進入適老模式\n某县领导深入产业集聚区现场办公\n{POLICY}"
    assert kept(page) == ["某县领导深入产业集聚区现场办公", POLICY]


def test_a_forum_posters_profile_a_disclaimer_paragraph_and_a_view_original_link_go() -> None:
    page = (
        "| |\n| 头衔：某某岛总管理员 |\n| 昵称：某某 |\n| 发帖数：7204 |\n| 注册日期：2011-01-06 |\n|\n"
        f"主题：某某先进制造业集群发展蓝图酝酿待出\n{POLICY}\n"
        "【免责声明】某某公司仅合法经营本平台，从未开展任何咨询、委托理财业务。任何人的言论仅代表其本人观点。\n"
        "查看原文：https://mp.example.com/s/abc"
    )
    assert kept(page) == ["主题：某某先进制造业集群发展蓝图酝酿待出", POLICY]


def test_a_normative_documents_registration_number_goes() -> None:
    assert (
        kept(f"某某市人民政府办公室关于印发某某方案的通知\nABCR-2023-01005\n某政办发〔2023〕9号\n{POLICY}")[1]
        == "某政办发〔2023〕9号"
    )


def test_joint_signers_are_not_taken_for_a_list_of_authors() -> None:
    from measures.ingest.chrome import is_phrase_list

    assert is_phrase_list("张某，李某某，王某")
    assert not is_phrase_list("县委、县政府")


def test_a_hard_wrapped_text_under_a_long_spam_line_keeps_every_line() -> None:
    """With no line long enough to be a paragraph, the punctuated wrapped lines are the body,
    not a list of other articles' headlines under a spam 'paragraph'."""
    wrapped = [
        "为贯彻落实新发展理念，进一步聚焦高质量、念好两业经，",
        "加快推动制造业高质量发展，率先走出某某的智造强市之路，",
        "结合全省稳进提质政策体系相关内容，",
        "特制订如下政策。",
    ]
    page = "\n".join(
        [
            "国产在线成人视频-久久久久精品视频-午夜福利一区二区无码-免费福利视频高清-欧美另类激情综合区",
            "某某市人民政府",
            "您当前的位置：",
            ">> 走进某某 >> 投资某某 >> 投资政策",
            "加快推进工业经济高质量发展若干政策",
            "发布日期：2022-12-19 10:21",
            *wrapped,
        ]
    )
    assert kept(page) == ["加快推进工业经济高质量发展若干政策", *wrapped]


def test_a_documents_closing_words_below_the_body_stay() -> None:
    page = f"某部关于同意某某单位开展试点的函\n某部科函 〔2015〕98号\n各有关单位：\n{POLICY}\n特此通知。\n附件：\n某某部\n2015年4月27日"
    assert "特此通知。" in kept(page)


def test_an_issuer_on_its_own_line_above_its_title_is_not_navigation() -> None:
    page = f"某某省人民政府\n关于促进高新技术产业开发区高质量发展的实施意见\n某府发〔2021〕28号\n各市（州）人民政府：\n{POLICY}"
    assert kept(page)[:2] == ["某某省人民政府", "关于促进高新技术产业开发区高质量发展的实施意见"]


def test_a_speech_title_named_again_in_a_removed_disclaimer_stays() -> None:
    page = (
        "书记在新区开发建设会发言\n时间:2022-05-21 06:02:00\n"
        "导语:书记在新区开发建设会发言一文来源于网友上传,不代表本站观点,欢迎参考。\n同志们:\n" + POLICY
    )
    assert kept(page)[0] == "书记在新区开发建设会发言"


def test_a_template_sites_blurb_in_its_own_voice_goes_even_with_a_verb_in_it() -> None:
    page = f"工业发展大会上的领导讲话\n工业发展对于经济发展至关重要。下面就是小编给大家整理的，仅供参考。\n同志们：\n{POLICY}"
    assert kept(page) == ["工业发展大会上的领导讲话", "同志们：", POLICY]


def test_a_reporters_name_signed_after_the_last_sentence_goes() -> None:
    assert kept(f"某某县召开园区建设推进会\n{POLICY}\n{POLICY_2}（刘某）") == [
        "某某县召开园区建设推进会",
        POLICY,
        POLICY_2,
    ]
    closing = "他表示，经济部将持续强化跨部会协调。"
    assert kept(f"{POLICY}\n{closing}（编辑：张某某）1131121") == [POLICY, closing]
    # an office in brackets after a measure tags it and stays
    assert kept(f"{POLICY}\n{POLICY_2}（省财政厅）")[-1] == f"{POLICY_2}（省财政厅）"


def test_a_blog_templates_banner_breadcrumb_filing_line_and_byline_go() -> None:
    page = "\n".join(
        [
            "2026年 / 2 月 19日 / 星期四",
            "某某传媒 | Mouzhe Media",
            "Home 新闻区 交通产经",
            "经济部举办产业园区发展政策高峰论坛",
            "2025-08-29",
            "发布在 交通产经, 新闻区",
            "A A",
            "某某日报／ 记者吴某某/高雄即时报导",
            "照片／经济部产业园区管理局提供",
            POLICY,
        ]
    )
    assert kept(page) == ["经济部举办产业园区发展政策高峰论坛", POLICY]


def test_a_sites_name_with_its_slogan_goes() -> None:
    page = f"法搜网--中国法律信息搜索网\n某某省人民政府关于促进产业集群发展的意见\n{POLICY}"
    assert kept(page)[0] == "某某省人民政府关于促进产业集群发展的意见"


def test_a_title_printed_three_times_one_copy_wrapped_and_one_numbered_is_kept_once() -> None:
    title = "某某市人民政府关于印发重点产业布局调整和承接产业转移实施意见的通知"
    page = "\n".join(
        [
            f"{title}-某政发〔2015〕146号",
            "- 1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。",
            "某某市人民政府关于印发重点产业布局调整和承接产业转移实施意见",
            "的通知",
            "正文：",
            title,
            "某政发〔2015〕146号",
            POLICY,
        ]
    )
    assert kept(page) == [title, "某政发〔2015〕146号", POLICY]


def test_english_title_authors_and_abstract_beside_a_chinese_article_go() -> None:
    page = "\n".join(
        [
            "某某桃产业集群集中度及竞争力分析",
            "2021-01-17彭某某周某某周某某张某张某某刘某某",
            f"摘要：{POLICY}" * 3,
            "Analysis on Concentration Degree and Competitiveness of Peach Industry",
            "PENG Jingmei1, ZHOU Xuyuan1, ZHANG Hong2",
            "Abstract: Agriculture plays an important role in the economic development of the city.",
            POLICY_2,
        ]
    )
    assert kept(page) == ["某某桃产业集群集中度及竞争力分析", f"摘要：{POLICY}" * 3, POLICY_2]


def test_a_sharing_sites_cut_off_notice_goes() -> None:
    page = f"在全市招商引资总结交流会上的讲话\n{POLICY}\n（未完，全文共2010字，当前显示249字）\n（请认真阅读下面的提示信息）"
    assert kept(page) == ["在全市招商引资总结交流会上的讲话", POLICY]


def test_a_line_of_spam_keywords_goes_wherever_it_stands_but_a_list_of_industries_stays() -> None:
    spam = "中文字幕高清在线，中文字幕在线电影观看，免费国产一区二区三区，亚洲精品网站在线观看不卡"
    industries = "电子信息，装备制造，新材料，生物医药"
    assert kept(f"某某县产业集群发展规划\n{POLICY}\n{spam}\n{industries}\n{POLICY_2}") == [
        "某某县产业集群发展规划",
        POLICY,
        industries,
        POLICY_2,
    ]


def test_a_lone_numeral_and_an_outlets_byline_go() -> None:
    page = f"工业发展大会上的领导讲话\n一\n同志们：\n{POLICY}"
    assert kept(page) == ["工业发展大会上的领导讲话", "同志们：", POLICY]
    assert kept(f"某某部举办产业园区论坛\n某某新闻─李某某/高雄\n{POLICY}") == ["某某部举办产业园区论坛", POLICY]


def test_a_fragment_above_a_formal_title_goes_but_the_issuer_and_masthead_stay() -> None:
    title = "某某自治区人民政府办公厅关于印发自治区开发区发展规划的通知"
    assert kept(f"某某主任推荐某某自治区人\n{title}\n某政办发〔2017〕11号\n{POLICY}")[0] == title
    assert kept(f"某某市人民政府文件\n{title}\n{POLICY}")[:2] == ["某某市人民政府文件", title]


def test_a_document_number_named_again_in_a_removed_headline_stays() -> None:
    title = "中共某某省委某某省人民政府关于促进开发区改革和创新发展的实施意见"
    page = f"您的位置：某某网政策法规某发〔2017〕30号《{title}》\n某发〔2017〕30号《{title}》\n{title}\n某发〔2017〕30号\n{POLICY}"
    assert kept(page) == [title, "某发〔2017〕30号", POLICY]


def test_a_menu_above_a_report_title_and_a_print_control_go() -> None:
    page = f"首 页 政协概况 政协工作 建言献策 专题调研 学习园地\n关于推进乡镇经济特色发展工程的调研报告\n打印 字号：\n{POLICY}"
    assert kept(page) == ["关于推进乡镇经济特色发展工程的调研报告", POLICY]


def test_a_title_cut_short_above_its_full_copy_goes() -> None:
    page = f"关于印发《中共某某区委、某某区人民\n关于印发《中共某某区委、某某区人民政府关于促进新兴产业发展的指导意见》等6个文件的通知\n{POLICY}"
    assert kept(page)[0].endswith("等6个文件的通知") and len(kept(page)) == 2


def test_a_welcome_banner_slashed_breadcrumb_and_bulleted_date_and_click_count_go() -> None:
    page = "\n".join(
        [
            "欢迎访问某某经济信息网!",
            "首页 / 经济动态/ 正文",
            "某某产业园建设推进会召开",
            "  • 时间:2020-12-09",
            "  • 点击:1130",
            "  • 来源:某某日报",
            POLICY,
        ]
    )
    assert kept(page) == ["某某产业园建设推进会召开", POLICY]


def test_a_stamped_time_line_with_other_keys_glued_on_a_vote_counter_and_a_labelled_rule_go() -> None:
    page = "\n".join(
        [
            "某某省推进两地协同发展优势产业",
            "时间:2019-06-09 22:52来源:某某网 作者: 点击: 载入中...",
            POLICY,
            POLICY_2,
            "顶一下",
            "(0)",
            "0%",
            "------分隔线----------------------------",
        ]
    )
    assert kept(page) == ["某某省推进两地协同发展优势产业", POLICY, POLICY_2]


def test_an_e_papers_page_navigation_goes() -> None:
    page = f"通版阅读请点击:\n当前版:02版\n本期发布:\n省政协调研县域经济发展情况\n{POLICY}"
    assert kept(page) == ["省政协调研县域经济发展情况", POLICY]


def test_a_column_label_with_the_date_and_a_relative_time_left_alone_go() -> None:
    page = f"某某在特色小镇建设推进会上要求加快推进\n| 招商动态 |2016-04-14\n“今天上午”\n我县召开特色小镇建设推进会。\n{POLICY}"
    assert kept(page) == ["某某在特色小镇建设推进会上要求加快推进", "我县召开特色小镇建设推进会。", POLICY]
    # a sentence that opens with the same words is body text
    assert kept(f"今天上午，我县召开特色小镇建设推进会。\n{POLICY}")[0] == "今天上午，我县召开特色小镇建设推进会。"


def test_credit_lines_end_marks_and_photo_captions_go() -> None:
    """News pages sign their text with credit lines and photo captions (p150, p168): none is a unit."""
    page = "\n".join(
        [
            "某某县召开工业园区建设专题会",
            f"会议要求加快园区建设。{POLICY}",
            "新闻发布会现场。 某某网 记者 张某 摄",
            "图为工人在新建成的标准厂房内加快建设生产线。记者李某某摄",
            "马某在会议现场。(受访者供图)",
            "会议现场",
            "图为某某产业园区智能制造生产线",
            f"{POLICY_2}(完)",
            "【编辑:王某】",
            "来 源|某某县融媒体中心",
            "编 审|张某某 李某某",
        ]
    )
    assert kept(page) == ["某某县召开工业园区建设专题会", f"会议要求加快园区建设。{POLICY}", POLICY_2]


def test_a_podcast_pages_controls_go() -> None:
    page = "\n".join(
        [
            "Discover读某某时评 | 学习评论写作【观象台】某某产业集群带来的启示",
            "Update: 2024-11-20",
            "Share",
            "Description",
            "【观象台】某某产业集群带来的启示",
            POLICY,
        ]
    )
    assert kept(page) == ["【观象台】某某产业集群带来的启示", POLICY]


def test_a_document_sharing_sites_notice_stamps_and_a_flattened_metadata_table_go() -> None:
    """p172's docx share notice, p133's upload stamps, p130's metadata table printed without colons."""
    shared = "\n".join(
        [
            "《某某县区域公用品牌使用管理办法.docx》由会员分享,可在线阅读,更多相关《某某县区域公用品牌使用管理办法.docx(3页珍藏版)》请在某某文库上搜索。",
            "- 约2.27万字",
            "- 约 24页",
            "- 2026-03-06 发布于山东",
            "- 举报",
            "某某县工业园建设调研报告",
            POLICY,
        ]
    )
    assert kept(shared) == ["某某县工业园建设调研报告", POLICY]
    table = "\n".join(
        [
            "索 引 号 000014348/2025-05151 主题分类 工业、交通 \\ 其他",
            "发布机构 某某厅 文  号 某工信建议字〔2025〕1号",
            "成文日期 2025-10-21 公文时效",
            "对某某人大三次会议第123号建议的答复",
            "字体:[ | | ] 分享到:",
            "某某代表:",
            POLICY,
        ]
    )
    assert kept(table) == ["对某某人大三次会议第123号建议的答复", "某某代表：", POLICY]


def test_a_byline_run_together_with_its_date_goes_but_a_title_with_its_date_glued_stays() -> None:
    """p94, p184, p195: the author, the stamp and the source printed as one line without spaces."""
    for byline in [
        "李某某发布时间:2020-05-19 09:10:00来源:某某日报",
        "2023-03-29 08:12:00 作者:王某某 张某 来源:某某政协网",
        "中央政府门户网站 www.gov.cn 2012年09月06日 09时42分来源:某某日报",
    ]:
        assert kept(f"某某县加快推进特色产业园区建设\n{byline}\n{POLICY}") == ["某某县加快推进特色产业园区建设", POLICY]
    title = "关于印发《某某产业园区管理办法》的通知 发布日期:2025-02-05"
    assert kept(f"{title}\n{POLICY}") == [normalise_text(title), POLICY]


def test_a_view_count_a_comment_count_and_an_editor_note_cut_by_the_page_end_go() -> None:
    page = f"某某县加快推进特色产业园区建设\n1 次浏览\n{POLICY}\n共有 0 条评论查看更多评论>>\n（责编：潘某某、蒋"
    assert kept(page) == ["某某县加快推进特色产业园区建设", POLICY]


@pytest.mark.parametrize(
    "line",
    [
        "小字号",
        "• A+",
        "A-",
        "A",
        "新闻热线 0891-1234567",
        "数字报系",
        "移动端",
        "滚动资讯：",
        "法定主动公开内容",
        "依申请公开",
        "在线咨询",
        "相关办事指南",
        "相关解读：",
        "文字解读",
        "取消收藏成功！",
        "所属地区：某省-某市-某县",
        "效力状态：",
        "• 类型：通知",
        "123456789012345678/2021-12345",
        "成文日期 2025-06-09",
        "索引号主题分类国土资源、能源 \\ 土地",
        "序号附件名称文件属性",
        "当前所在位置：",
        "您现在所在的位置：首页 >基层动态",
        "《某某日报》(2023年02月25日 A1版）",
        "以下留言只代表网友个人观点，不代表某某观点更多>>",
        "某某在线甲市频道某某在线乙市频道某某在线丙市频道某某杂志",
    ],
)
def test_site_controls_menus_and_tags_are_chrome(line: str) -> None:
    """Font-size controls, a news site's and a government site's menus, empty or tag-like metadata keys,
    a click's confirmation, a paper's source line and a channel list go wherever they stand."""
    page = f"关于加快产业集群发展的通知\n{line}\n设立泵阀产业专项资金，加强土地要素保障，支持行业协会建设。"
    assert line.strip() not in clean_text(normalise_text(page)).text.split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "对首次获得驰名商标认定的企业给予奖励，取消收费项目。",
        "类型：企业孵化器、众创空间。",
        "（一）相关政策解读工作由市政府办公室负责。",
        "相关部门要加强政策解读。",
    ],
)
def test_body_lines_near_the_new_chrome_words_stay(line: str) -> None:
    page = f"关于加快产业集群发展的通知\n{line}\n设立泵阀产业专项资金，加强土地要素保障，支持行业协会建设。"
    assert line in clean_text(normalise_text(page)).text.split("\n")


def test_a_template_sites_numbered_copy_of_the_title_goes_and_the_title_stays() -> None:
    page = "产业园区建设工作会议上的讲话\n产业园区建设工作会议上的讲话篇1\n同志们：\n要加快建设产业园区。"
    assert clean_text(page).text.split("\n")[:2] == ["产业园区建设工作会议上的讲话", "同志们："]


def test_a_repost_named_only_by_its_original_title_keeps_it_as_headline() -> None:
    page = "原标题：某市产业园挂牌成立\n某某网消息近日，某市产业园挂牌成立。\n园区将加快建设标准厂房。"
    assert clean_text(normalise_text(page)).text.split("\n")[0] == "某市产业园挂牌成立"
    # under a headline of its own the 原标题 line stays chrome
    page = "某市产业园今日挂牌\n原标题：某市产业园挂牌成立\n某某网消息近日，某市产业园挂牌成立。"
    assert "原标题" not in clean_text(normalise_text(page)).text
    assert clean_text(normalise_text(page)).text.split("\n")[0] == "某市产业园今日挂牌"


def test_an_offices_writer_credit_after_the_last_sentence_goes() -> None:
    page = "某县推进商标品牌战略\n目前全县已有注册商标3105件。（某县政府办：某某某）"
    assert clean_text(normalise_text(page)).text == "某县推进商标品牌战略\n目前全县已有注册商标3105件。"


def test_a_related_links_box_under_the_text_goes() -> None:
    page = (
        "某县大力发展特色产业\n要整合资源，培育龙头企业，打造知名品牌。\n相关链接\n"
        "· 某省县域经济和服务业成老工业基地振兴重要支撑\n· 某省推进货物贸易外汇管理改革4300余家企业受惠"
    )
    assert clean_text(normalise_text(page)).text == "某县大力发展特色产业\n要整合资源，培育龙头企业，打造知名品牌。"


@pytest.mark.parametrize(
    "line",
    [
        "分享至",
        "时间：2019-09-11",
        "【PDF版】",
        "星期一",
        "当前报纸名称：某某都市报",
        "国内统一刊号：CN50-0064",
        "版面翻页",
        "按日期搜索",
        "15.12.2016 19:04",
        "记者某某",
        "□本报记者某某某",
        "（某某日报记者某某某）",
        "服务导航",
        "繁体中文 ENGLISH",
        "1 2 3 4 5 6 7",
        "• 许可证编号：23120170002 黑网公安备 23010202010023号",
        "[详细] -",
        "12月5日下午，某某厅举行欢送援藏干部人才座谈会。[详细] -",
        "12 2014",
        "某某政协报数字报纸",
        "微信公众平台：CQZXB999",
        "• 某某日报报业集团地址：某某市某某区某某街1号",
        "- 某某调研督查学校开学准备工作 2020-08-27",
        "- 2020-09-11",
    ],
)
def test_e_paper_furniture_bylines_menus_and_pagers_are_chrome(line: str) -> None:
    """An e-paper's masthead, a bare byline, a language menu, a pager and a footer's filing numbers are chrome."""
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line", ["记者了解到", "记者从省科技厅了解到，近日。", "时间：2019-09-11，全省召开推进会。", "1 2"]
)
def test_sentences_about_reporters_and_dates_are_not_chrome(line: str) -> None:
    """A sentence that starts with 记者 or 时间 is body text, not a byline."""
    assert not is_chrome(line)


def test_a_newspapers_jump_lines_are_cut_from_the_text_they_continue() -> None:
    """（上接第一版） before a heading and （下转第4版） after a sentence are page furniture, not the text."""
    text = "（上接第一版）（二）产业升级步伐加快。\n支持企业技术改造，给予专项资金补助，（下转第4版）\n（下转第二版）\n加快建设产业园区。"
    assert clean_text(text).text == "（二）产业升级步伐加快。\n支持企业技术改造，给予专项资金补助，\n加快建设产业园区。"


def test_a_related_news_header_takes_its_headlines_with_it() -> None:
    """图文资讯 under the article heads a list of other headlines, removed with it."""
    text = (
        "某省两个产业集群获批试点\n我省将加大对创新型产业集群的支持。\n图文资讯\n- 某某药业携手某某大药房开展关爱活动"
    )
    assert clean_text(text).text == "某省两个产业集群获批试点\n我省将加大对创新型产业集群的支持。"
