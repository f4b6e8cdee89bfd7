import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from measures.ingest.normalise import fold_punctuation, normalise_text, strip_pinyin_annotations, tidy_whitespace
from tests.conftest import seed_text


def test_yongjia_seed_becomes_simplified_without_pinyin() -> None:
    text = normalise_text(seed_text("000"))
    assert "设立泵阀产业专项资金" in text
    assert "加强土地要素保障" in text
    assert "(nèi)" not in text and "內" not in text
    assert "公共服务平台" in text


def test_pinyin_annotations_go_but_real_brackets_stay() -> None:
    assert strip_pinyin_annotations("內(nèi)延深化、培大育強(qiáng)") == "內延深化、培大育強"
    assert (
        strip_pinyin_annotations("（政发[]69号）（作者系盐湖区政协委员）") == "（政发[]69号）（作者系盐湖区政协委员）"
    )
    assert strip_pinyin_annotations("IT(it)产业") == "IT(it)产业"


def test_punctuation_next_to_chinese_becomes_full_width_but_numbers_keep_ascii() -> None:
    assert fold_punctuation("企业,规模;市场:1,000 (a)") == "企业，规模；市场：1,000 (a)"
    assert fold_punctuation("ＡＢＣ１２３") == "ABC123"


def test_lost_characters_leave_a_visible_mark() -> None:
    assert normalise_text("討論??h委常委") == "讨论…委常委"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("此舉標志著新時期", "此举标志着新时期"),
        ("有著悠久歷史", "有着悠久历史"),
        ("這意味著轉型", "这意味着转型"),
        ("肩負著使命，影響著全局，代表著方向，保持著增長", "肩负着使命，影响着全局，代表着方向，保持着增长"),
        # 著 as "notable" or "author" stays, even after a verb that takes 着
        (
            "成效顯著，著名品牌，學術著作，影響著名企業，代表著作",
            "成效显著，著名品牌，学术著作，影响著名企业，代表著作",
        ),
    ],
)
def test_the_particle_zhe_is_simplified_but_zhu_meaning_notable_or_author_stays(
    traditional: str, simplified: str
) -> None:
    assert normalise_text(traditional) == simplified


def test_spaces_inside_chinese_text_are_removed() -> None:
    assert tidy_whitespace("产业集群作 为地区\u3000经济") == "产业集群作为地区经济"
    assert tidy_whitespace("Powered by  Discuz!") == "Powered by Discuz!"


@given(st.text())
@example("?？")  # folding made "??", which a second pass read as lost bytes
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.text(alphabet=st.sampled_from("专项資金內(nèi), ;:!?（）“”\n 。、")))
def test_normalisation_is_idempotent_on_chinese_like_text(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_multi_syllable_readings_go_in_any_bracket_and_with_tone_numbers() -> None:
    assert strip_pinyin_annotations("專項資金(zhuān xiàng zī jīn)支持") == "專項資金支持"
    assert strip_pinyin_annotations("專項資金（zhuān xiàng zī jīn）支持") == "專項資金支持"
    assert strip_pinyin_annotations("专项资金(zhuan1 xiang4 zi1 jin1)支持") == "专项资金支持"
    assert strip_pinyin_annotations("產業(chǎn yè)集群") == "產業集群"
    assert normalise_text("貿(mào)易區(qū)") == "贸易区"


def test_content_brackets_stay() -> None:
    for text in [
        "贷款市场报价利率(LPR)加点",
        "编制园区发展规划。(责任单位：省发展改革委)",
        "《呼包鄂协同发展规划纲要(2016—2020年)》",
        "重点产业园区(以下简称园区)",
        "第一批(2023年度)",
        "条款(a)项",
        "企业(online)平台",
        "两个字(zhuan xiang zi jin)",
    ]:
        assert strip_pinyin_annotations(text) == text


def test_devset_traditional_texts_lose_their_pinyin_but_keep_lpr() -> None:
    devset = Path(__file__).resolve().parents[2] / "shared" / "devset"
    if not devset.is_dir():
        pytest.skip(f"devset not found at {devset}")
    heihe = normalise_text(next(devset.glob("d10_*.txt")).read_text(encoding="utf-8"))
    shaanxi = normalise_text(next(devset.glob("d14_*.txt")).read_text(encoding="utf-8"))
    for text in (heihe, shaanxi):
        assert not re.search(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔù]+[)）]", text)
    assert "（LPR）" in heihe or "(LPR)" in heihe
    assert "一次性投资补助" in heihe and "特色专业园区" in shaanxi


_CONTENT = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=6),
    st.from_regex(r"\A(19|20)\d{2}(年|年度|—20\d{2}年)?\Z"),
    st.builds(
        lambda k, v: f"{k}：{v}",
        st.sampled_from(["责任单位", "牵头单位", "以下简称"]),
        st.text(min_size=1, max_size=10),
    ),
)


@given(st.text(alphabet="产业集群专项资金园区", min_size=1, max_size=6), _CONTENT, st.sampled_from(["()", "（）"]))
def test_pinyin_removal_never_touches_content_brackets(before: str, content: str, brackets: str) -> None:
    text = f"{before}{brackets[0]}{content}{brackets[1]}"
    assert strip_pinyin_annotations(text) == text


_ANNOTATED = st.lists(
    st.tuples(
        st.text(alphabet="專項資金貿易區產業", min_size=1, max_size=4),
        st.sampled_from(
            ["", "(zhuān)", "（xiàng zī）", "(zi1 jin1)", "(LPR)", "(mào)(mao4)", "(an)", "（责任单位：省财政厅）"]
        ),
    ),
    max_size=8,
)


@given(_ANNOTATED)
def test_stripping_readings_is_idempotent_and_keeps_every_character(parts: list[tuple[str, str]]) -> None:
    text = "".join(chars + note for chars, note in parts)
    once = strip_pinyin_annotations(text)
    assert strip_pinyin_annotations(once) == once
    assert [ch for ch in once if "\u4e00" <= ch <= "\u9fff"] == [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    assert once.count("(LPR)") == text.count("(LPR)")


def test_a_variant_character_that_opencc_leaves_is_folded_too() -> None:
    assert normalise_text("記者從陜西省財政廳獲悉") == "记者从陕西省财政厅获悉"


def test_enclosed_numerals_that_open_a_line_number_it_as_their_plain_forms_do() -> None:
    assert (
        normalise_text("⒈加大财政支持。\n⑵设立专项资金。\n见图⒊所示")
        == "1.加大财政支持。\n（2）设立专项资金。\n见图⒊所示"
    )


def test_a_note_signed_after_the_last_sentence_gets_a_line_of_its_own() -> None:
    assert normalise_text("跨部會整合。(編輯:張若瑤)1131121") == "跨部会整合。\n（编辑：张若瑶）1131121"
    assert normalise_text("营造一流的营商环境。(刘宽)") == "营造一流的营商环境。\n（刘宽）"
    assert normalise_text("给予奖励。（省财政厅）") == "给予奖励。（省财政厅）"


def test_joint_issuers_printed_side_by_side_are_listed_with_a_pause_mark() -> None:
    line = "某某市发展和改革委员会 中共某某市委社会工作部 某某市规划和自然资源局 关于印发某某方案的通知"
    assert (
        normalise_text(line)
        == "某某市发展和改革委员会、中共某某市委社会工作部、某某市规划和自然资源局关于印发某某方案的通知"
    )
    assert normalise_text("产业集群作 为地区经济") == "产业集群作为地区经济"


def test_the_mark_where_an_abstracts_body_starts_goes() -> None:
    assert normalise_text("<正>晋政办发[2017]108号各市、县人民政府：") == "晋政办发[2017]108号各市、县人民政府："


def test_a_photo_credit_after_its_caption_gets_a_line_of_its_own() -> None:
    assert (
        normalise_text("與會貴賓合影。照片／經濟部產業園區管理局提供")
        == "与会贵宾合影。\n照片/经济部产业园区管理局提供"
    )


def test_a_question_mark_left_by_a_lost_character_does_not_end_a_unit() -> None:
    """p11, p139, p163: a '?' glued to what is left of a pinyin reading, or standing for a slogan's middle
    dot, split a sentence in two; a real question mark still ends its unit (p171)."""
    from measures.ingest.split import split_sentences

    def units(raw: str) -> list[str]:
        return [s.text for s in split_sentences(normalise_text(raw))]

    assert units("通過(guò)項(xiàng)目入園、鏈?zhǔn)桨l(fā)展,培育10個(gè)產業集群。") == [
        "通过项目入园、链…桨…展，培育10个产业集群。"
    ]
    assert units("深入實施“智匯群島?創新引領”戰略,加快培養人才。") == [
        "深入实施“智汇群岛·创新引领”战略，加快培养人才。"
    ]
    assert units("產業名城何以脫穎而出?看幾個案例便知。") == ["产业名城何以脱颖而出？", "看几个案例便知。"]


def test_a_simplified_text_keeps_a_character_t2s_would_merge_into_another() -> None:
    simplified = "作为主园区的清濛园区基本填满了项目，" + "没有空间承载新项目、好项目、大项目，" * 8
    assert "清濛园区" in normalise_text(simplified)
    # a traditional text is converted whole, that character included
    traditional = "作為主園區的清濛園區基本填滿了項目，" + "沒有空間承載新項目、好項目、大項目，" * 8
    assert "清蒙园区" in normalise_text(traditional)
    # and a stray traditional character in a simplified text is still converted
    assert "日报" in normalise_text("某某日報" + "，推进园区建设" * 20)
