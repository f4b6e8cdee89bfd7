import json

import pytest

from measures.ingest.classify import build_lexicon, classify_sentence, parse_lexicon
from tests.conftest import SOURCES


@pytest.fixture(scope="module")
def lexicon():  # type: ignore[no-untyped-def]
    rows = json.loads((SOURCES / "categories.json").read_text(encoding="utf-8"))
    return build_lexicon((c["slug"], "\n".join(c["lexicon"]), c["threshold"]) for c in rows)


def test_a_special_fund_is_a_finance_measure_with_its_evidence(lexicon) -> None:  # type: ignore[no-untyped-def]
    result = classify_sentence("设立泵阀产业专项资金。", lexicon)
    assert result.is_measure
    assert result.categories == ("finance",)
    assert result.evidence["finance"] == ("专项资金", "资金")


def test_one_sentence_can_carry_several_categories(lexicon) -> None:  # type: ignore[no-untyped-def]
    result = classify_sentence("建立技术研发中心、产品检测中心、产业信息中心、人才培训中心等公共服务平台。", lexicon)
    assert set(result.categories) == {"talent", "platforms"}
    assert "检测中心" in result.evidence["platforms"]


def test_terms_match_inside_longer_words_but_not_across_words(lexicon) -> None:  # type: ignore[no-untyped-def]
    assert "platforms" in classify_sentence("积极构建产业服务平台。", lexicon).categories
    assert "land" not in classify_sentence("加快建设国土地区协调机制。", lexicon).categories


def test_ambiguous_terms_need_corroboration(lexicon) -> None:  # type: ignore[no-untyped-def]
    assert classify_sentence("从产业布局看，辽宁产业集群主要集中在钢铁。", lexicon).categories == ()
    assert classify_sentence("进入到后金融危机时期，企业销售增长缓慢。", lexicon).categories == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "产业集群是区域经济发展的重要特征。",
        "截至2007年9月底，全市已拥有中国驰名商标62枚。",
        "代表们认为，要深化产业分工，调整产业结构。",
        "硅谷实质上是一种园区经济，即产业集群。",
        "那么政府如何培育工业集群化的发展呢？",
    ],
)
def test_background_statistics_opinions_examples_and_questions_are_context(lexicon, sentence) -> None:  # type: ignore[no-untyped-def]
    assert not classify_sentence(sentence, lexicon).is_measure


@pytest.mark.parametrize(
    "sentence",
    [
        "从今年开始，区财政每年拿出50万元设立产业集群发展专项资金。",
        "要积极引进高端人才。",
        "加大名牌产品的推介力度，提升本地区产业集群的知名度。",
        "二是鼓励民间资本进入信用担保领域，创办商业性的民营贷款担保机构。",
    ],
)
def test_actions_and_commitments_are_measures(lexicon, sentence) -> None:  # type: ignore[no-untyped-def]
    assert classify_sentence(sentence, lexicon).is_measure


def test_headings_are_context_but_keep_their_categories(lexicon) -> None:  # type: ignore[no-untyped-def]
    result = classify_sentence("（二）加大资金支持力度。", lexicon, is_heading=True)
    assert not result.is_measure
    assert result.categories == ("finance",)
    assert result.kind_evidence == ("-标题",)


def test_negative_weights_can_veto_a_category() -> None:
    lexicon = build_lexicon([("platforms", "平台\n平台经济 -1", 1.0)])
    assert classify_sentence("发展平台经济。", lexicon).categories == ()


def test_lexicon_lines_are_validated() -> None:
    assert parse_lexicon("资金\n资金 3") == parse_lexicon("资金")  # the first occurrence wins
    with pytest.raises(ValueError, match="第 2 行的权重必须是数字"):
        parse_lexicon("资金\n基金 heavy")
    with pytest.raises(ValueError, match="第 1 行"):
        parse_lexicon("a b c")
