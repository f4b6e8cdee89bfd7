import re

from hypothesis import given
from hypothesis import strategies as st

from measures.ingest.clean import clean_text
from measures.ingest.normalise import normalise_text
from measures.ingest.split import split_sentences
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
