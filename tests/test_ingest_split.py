import re

from hypothesis import given
from hypothesis import strategies as st

from measures.ingest.clean import clean_text
from measures.ingest.normalise import normalise_text
from measures.ingest.split import MAX_UNIT_CHARS, is_heading_text, split_sentences
from tests.conftest import seed_text


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


def test_sentences_end_at_chinese_and_ascii_terminators_and_line_breaks() -> None:
    assert texts("设立专项资金。加强土地保障；引进人才!好吗?\n建设平台") == [
        "设立专项资金。",
        "加强土地保障；",
        "引进人才!",
        "好吗?",
        "建设平台",
    ]


def test_quotations_are_not_split_and_a_closing_quote_can_end_a_sentence() -> None:
    assert texts("坚持“做之一，不如做第一；做第一，不如做唯一”的研发理念。") == [
        "坚持“做之一，不如做第一；做第一，不如做唯一”的研发理念。"
    ]
    assert texts("他说：“我们要加强。”然后散会。") == ["他说：“我们要加强。”", "然后散会。"]


def test_an_unclosed_quote_does_not_swallow_the_rest_of_the_line() -> None:
    line = "要结合《区“经济社会发展规划纲要》，认真组织实施。规划要坚持“高起点”的原则。"
    assert texts(line) == ["要结合《区“经济社会发展规划纲要》，认真组织实施。", "规划要坚持“高起点”的原则。"]


def test_numbered_headings_are_their_own_units() -> None:
    sentences = split_sentences(
        "三、发展产业集群的工作重点\n（一）加强工业园区建设。经济开发区是重要载体。\n1、市场导向原则。按照规律。"
    )
    assert [(s.text, s.is_heading) for s in sentences] == [
        ("三、发展产业集群的工作重点", True),
        ("（一）加强工业园区建设。", True),
        ("经济开发区是重要载体。", False),
        ("1、市场导向原则。", True),
        ("按照规律。", False),
    ]


def test_a_long_first_line_that_reads_as_a_title_is_the_documents_title() -> None:
    title = "某某市某某区关于加快推进先进制造业集群培育发展的三年行动方案（2023—2025年）的通知"
    text = f"{title}\n各镇人民政府，各街道办事处：\n为加快培育先进制造业集群，特制定本方案。"
    first = split_sentences(text)[0]
    assert (first.text, first.is_heading) == (title, True)
    # A first line cut out of a sentence (a PDF page) or one with clause punctuation is not a title.
    cut = "企业经营管理人员培训，将其纳入企业经营管理人员素质提升工程\n作，提升管理水平。"
    assert not split_sentences(cut)[0].is_heading
    # Later in the text the same line is judged as any line is (section titles are short).
    assert not split_sentences(f"一、总体要求\n{title}")[1].is_heading


def test_the_xiangyang_opinion_splits_into_headed_sections() -> None:
    sentences = split_sentences(clean_text(normalise_text(seed_text("002"))).text)
    headings = [s.text for s in sentences if s.is_heading]
    assert "（二）加大资金支持力度。" in headings
    assert "五、完善产业集群发展的服务体系" in headings
    assert any(s.text.startswith("从今年开始，区财政每年拿出50万元") for s in sentences)


def without_space(text: str) -> str:
    return re.sub(r"\s", "", text)


@given(st.text(alphabet=st.sampled_from("设立资金。；！？!?;“”「」‘’（一）1、\n ，,ab")))
def test_splitting_loses_no_text(text: str) -> None:
    assert without_space("".join(texts(text))) == without_space(text)


@given(st.text())
def test_splitting_any_text_loses_nothing_and_yields_no_empty_units(text: str) -> None:
    units = texts(text)
    assert all(unit.strip() for unit in units)
    assert without_space("".join(units)) == without_space(text)


def test_a_full_stop_inside_a_quotation_ends_a_unit_but_a_semicolon_does_not() -> None:
    """GUIDELINE §3.3: quoted slogans stay whole at ；, a quoted speech splits at 。."""
    assert texts("温州市委领导说：“我市已拥有一批产业品牌。我们把打造品牌作为重中之重。”") == [
        "温州市委领导说：“我市已拥有一批产业品牌。",
        "我们把打造品牌作为重中之重。”",
    ]


def test_a_short_numbered_measure_is_not_a_heading_but_a_title_phrase_is() -> None:
    sentences = split_sentences(
        "（五）优先保障重点项目用地，新增工业用地2000亩。\n（一）加强工业园区建设。\n11、国土资源部门确定出让底价，以市场方式供地。"
    )
    assert [s.is_heading for s in sentences] == [False, True, False]


def test_a_whole_title_line_is_a_heading_and_a_long_unterminated_fragment_is_not() -> None:
    sentences = split_sentences("解放思想，规划引领\n企业经营管理人员培训，将其纳入企业经营管理人员素质提升工")
    assert [s.is_heading for s in sentences] == [True, False]


def test_a_million_characters_without_punctuation_become_many_capped_units() -> None:
    units = texts("企" * 1_000_000)
    assert max(len(unit) for unit in units) == MAX_UNIT_CHARS
    assert len(units) == 1_000_000 // MAX_UNIT_CHARS + 1


def test_an_over_long_unit_is_cut_after_clause_punctuation_first() -> None:
    long_clause = "支持企业" * 40 + "，"
    units = texts(long_clause * 3 + "。")
    assert all(unit.endswith("，") for unit in units[:-1])
    assert all(len(unit) <= MAX_UNIT_CHARS for unit in units)


@given(st.text(alphabet=st.sampled_from("企业，、：。；“”\n "), max_size=3000), st.integers(min_value=2, max_value=60))
def test_no_unit_is_longer_than_the_cap_and_nothing_is_lost(text: str, cap: int) -> None:
    units = [s.text for s in split_sentences(text, max_chars=cap)]
    assert all(0 < len(unit) <= cap for unit in units)
    assert without_space("".join(units)) == without_space(text)


def test_a_short_line_that_a_line_break_cut_after_a_comma_is_not_a_heading() -> None:
    sentences = split_sentences("对于这一做法，\n某某从来没有见过。\n二、主要任务\n")
    assert [(s.text, s.is_heading) for s in sentences] == [
        ("对于这一做法，", False),
        ("某某从来没有见过。", False),
        ("二、主要任务", True),
    ]


def test_a_numbered_title_phrase_is_a_heading_even_where_a_page_lost_the_line_break_before_it() -> None:
    sentences = split_sentences("推进落后产能退出。6.建设未来产业示范区。加快布局前沿技术。")
    assert [(s.text, s.is_heading) for s in sentences] == [
        ("推进落后产能退出。", False),
        ("6.建设未来产业示范区。", True),
        ("加快布局前沿技术。", False),
    ]


def test_a_closing_bracket_after_a_terminator_stays_with_its_unit() -> None:
    """GUIDELINE §3.2: closing quotes, brackets or repeated terminators after 。 are attached to the unit."""
    assert texts("对企业给予奖励（按规定执行。）同时加强监管。") == ["对企业给予奖励（按规定执行。）", "同时加强监管。"]


def test_a_title_under_its_issuers_line_is_a_heading_too() -> None:
    units = split_sentences("某某省人民政府\n关于促进高新技术产业开发（园）区高质量发展的实施意见\n各市人民政府：")
    assert [unit.is_heading for unit in units[:2]] == [True, True]


def test_enclosed_numerals_number_items_as_headings_do() -> None:
    units = split_sentences(normalise_text("⒈加强园区建设。\n⒉设立专项资金，支持集群发展。"))
    assert [(unit.text, unit.is_heading) for unit in units] == [
        ("1.加强园区建设。", True),
        ("2.设立专项资金，支持集群发展。", False),
    ]


def test_a_numbered_item_the_page_cut_off_with_an_ellipsis_is_text_not_a_heading() -> None:
    units = split_sentences("二、各级主管部门要针对本地 ……\n第一章…\n三、加强组织领导")
    assert [(s.text, s.is_heading) for s in units] == [
        ("二、各级主管部门要针对本地 ……", False),
        ("第一章…", True),
        ("三、加强组织领导", True),
    ]


def test_the_small_semicolon_ends_a_unit_like_the_full_width_one() -> None:
    units = split_sentences(normalise_text("甲园区入选国家名单﹔乙集群入选省级名单。"))
    assert [s.text for s in units] == ["甲园区入选国家名单；", "乙集群入选省级名单。"]


def test_a_first_line_headline_naming_its_subject_before_a_colon_is_the_title() -> None:
    units = split_sentences(
        "某某党派区委会呼吁：抓住产业兴旺“牛鼻子”拓宽某某镇发展的“康庄大道”\n某某网讯调研发现，产业规模小。"
    )
    assert units[0].is_heading
    # a key with a figure is no headline
    assert not split_sentences("联系电话：0731-88955435，请与我们联系\n正文。")[0].is_heading


def test_pause_marks_in_a_numbered_title_phrase_do_not_make_it_a_sentence() -> None:
    units = split_sentences("（三）支持驰名、著名、知名商标企业拓展国内外市场。对企业所需配额优先予以安排。")
    assert [s.is_heading for s in units] == [True, False]


def test_a_last_line_cut_by_the_page_end_is_no_heading() -> None:
    """A text's last line after body text, without a terminator, is a fragment; a title heads text under it."""
    units = split_sentences("一、主要措施\n六是给予贷款贴息。\n七是对于企业从内地引进专业人才")
    assert [u.is_heading for u in units] == [True, False, False]
    assert split_sentences("支持企业技术改造。\n今年4月，高新")[-1].is_heading is False
    # a numbered title phrase the page ended under, and a closing line under the issuer, stay headings
    assert split_sentences("提供了有力支撑。\n1. 园区经济实力稳步提升")[-1].is_heading is True
    assert [u.is_heading for u in split_sentences("吉林省人民政府\n2021年4月25日")] == [True, True]


def test_enumerated_points_and_bracket_tails_are_no_whole_line_titles() -> None:
    """一是…七是 number content, not titles (GUIDELINE §4); a line closing a bracket it never opened is a tail."""
    assert is_heading_text("七是对于企业从内地引进专业人才", whole_line=True) is False
    assert is_heading_text("2022年2月版，433条）", whole_line=True) is False
    assert is_heading_text("产业发展支持政策（88条）", whole_line=True) is True


def test_a_first_line_headline_that_exclaims_or_asks_before_its_statement_is_one_title() -> None:
    """17个！某省公布…名单 is one title unit, not two fragments; a body sentence on the first line is still split."""
    units = split_sentences("17个！某省公布一批中小企业特色产业集群名单\n近日，某省公布名单。")
    assert (units[0].text, units[0].is_heading) == ("17个！某省公布一批中小企业特色产业集群名单", True)
    assert len(split_sentences("什么是产业集群？产业集群是企业的集聚。")) == 2
    assert len(split_sentences("近日，某省公布名单。\n17个！某省公布一批名单")) == 3


def test_a_chapter_title_line_is_a_heading_even_with_a_comma() -> None:
    """第三章… on its own line is a title however long its phrase; 第三条 opens an article, judged on content."""
    assert is_heading_text("第三章全面实施乡村振兴战略，加快建设全省乡村振兴示范区", whole_line=True) is True
    assert is_heading_text("第三条对新认定的国家级产业集群，给予一次性奖励资金", whole_line=True) is False


def test_a_phrase_line_under_the_title_is_its_subtitle() -> None:
    """The line under a title, without a terminator, is a subtitle; a sentence or an addressee line there is not."""
    title = "2018走进某省特色产业镇启动\n"
    assert split_sentences(title + "深度挖掘全省50个特色产业镇，为乡村振兴增添新动能\n本报讯。")[1].is_heading
    assert not split_sentences(title + "近日，某省启动特色产业镇活动。")[1].is_heading
    assert not split_sentences("近日，某省启动特色产业镇活动。\n深度挖掘全省50个特色产业镇，为乡村振兴增添新动能")[
        1
    ].is_heading
