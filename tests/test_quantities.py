"""The pure quantity and strength reader: golden cases from the issue and the seeds, false quantities, hostile input."""

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from measures.quantities import Bound, Kind, Level, Quantity, describe, extract_quantities, measure_strength


def only(text: str):  # type: ignore[no-untyped-def]
    (quantity,) = extract_quantities(text)
    return quantity


def test_money_per_year_from_the_issue() -> None:
    quantity = only("区财政每年拿出50万元设立产业集群发展专项资金")
    assert (quantity.kind, quantity.value, quantity.unit, quantity.normalised) == (Kind.MONEY, 50, "万元", 50)
    assert quantity.per_year and quantity.text == "50万元"
    assert describe(quantity) == "50万元/年"


def test_money_without_a_yearly_cue_is_one_off() -> None:
    assert not only("省财政日前下达2.5亿元").per_year


@pytest.mark.parametrize(
    ("text", "normalised", "label"),
    [
        ("4 000 万元", 4000, "4,000万元"),
        ("安排1,000万元专项资金", 1000, "1,000万元"),
        ("一千五百万元", 1500, "1,500万元"),
        ("下达2.5亿元", 25000, "2.5亿元"),
        ("实现生产总值1.46万亿元", 146000000, "1.46万亿元"),
        ("奖励2万元", 2, "2万元"),
        ("给予500元补贴", 0.05, "500元"),
    ],
)
def test_money_is_normalised_to_wan_yuan(text: str, normalised: float, label: str) -> None:
    quantity = only(text)
    assert quantity.kind is Kind.MONEY
    assert quantity.normalised == pytest.approx(normalised)
    assert describe(quantity) == label


@pytest.mark.parametrize(
    ("text", "mu", "label"),
    [
        ("新增工业用地2000亩", 2000, "2,000亩"),
        ("新增工业用地两千亩", 2000, "2,000亩"),
        ("总面积135平方公里的临港产业区", 202500, "135平方公里"),
        ("规划用地30公顷", 450, "30公顷"),
        ("标准厂房1.5万平方米", 22.5, "1.5万平方米"),
    ],
)
def test_land_is_normalised_to_mu(text: str, mu: float, label: str) -> None:
    quantity = only(text)
    assert quantity.kind is Kind.LAND
    assert quantity.normalised == pytest.approx(mu)
    assert describe(quantity) == label


@pytest.mark.parametrize(
    ("text", "bound", "low", "high", "label"),
    [
        ("力争到2013年，进一步推动", Bound.MAX, 2013, None, "到2013年"),
        ("2025—2027年", Bound.RANGE, 2025, 2027, "2025—2027年"),
        ("“十四五”期间，重点培育", Bound.RANGE, 2021, 2025, "2021—2025年"),
        ("“十一五”期间,我市将重点扶持", Bound.RANGE, 2006, 2010, "2006—2010年"),
        ("2023年底前完成", Bound.MAX, 2023, None, "到2023年"),
        ("从2024年起实行", Bound.MIN, 2024, None, "2024年起"),
    ],
)
def test_time_horizons(text: str, bound: Bound, low: float, high: float | None, label: str) -> None:
    quantity = next(q for q in extract_quantities(text) if q.kind is Kind.HORIZON)
    assert (quantity.bound, quantity.value, quantity.value_max) == (bound, low, high)
    assert describe(quantity) == label


@pytest.mark.parametrize(
    ("text", "bound", "years", "label"),
    [
        ("三年内建成", Bound.MAX, (3, None), "3年内"),
        ("在未来的三年至五年", Bound.RANGE, (3, 5), "3—5年"),
        ("6个月内办结", Bound.MAX, (0.5, None), "6个月内"),
        ("两三年", Bound.RANGE, (2, 3), "2—3年"),
    ],
)
def test_durations(text: str, bound: Bound, years: tuple[float, float | None], label: str) -> None:
    quantity = only(text)
    assert quantity.kind is Kind.DURATION and quantity.bound is bound
    assert (quantity.normalised, quantity.normalised_max) == years
    assert describe(quantity) == label


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        ("区财政每年拿出50万元设立专项资金", "50万元/年", "500,000 yuan a year"),
        ("下达2.5亿元", "2.5亿元", "250 million yuan"),
        ("实现生产总值1.46万亿元", "1.46万亿元", "1.46 trillion yuan"),
        ("给予50—100万元奖励", "50—100万元", "500,000–1 million yuan"),
        ("最高不超过500万元的标准", "最高500万元", "up to 5 million yuan"),
        ("每年奖励20万美元", "20万美元/年", "US$200,000 a year"),
        ("补助1万元/亩", "1万元/亩", "10,000 yuan per mu"),
        ("标准厂房1.5万平方米", "1.5万平方米", "15,000 m²"),
        ("总面积135平方公里的临港产业区", "135平方公里", "135 km²"),
        ("新增工业用地2000亩", "2,000亩", "2,000 mu"),
        ("占比达到50%以上", "50%以上", "50% or more"),
        ("增长2个百分点", "2个百分点", "2 percentage points"),
        ("力争到2013年，进一步推动", "到2013年", "by 2013"),
        ("2025—2027年", "2025—2027年", "2025–2027"),
        ("从2024年起实行", "2024年起", "from 2024"),
        ("一年内完成", "1年内", "within 1 year"),
        ("两三年", "2—3年", "2–3 years"),
        ("6个月内办结", "6个月内", "within 6 months"),
        ("培训1000人次", "1,000人次", "1,000 person-times"),
        ("引进30家企业", "30家", "30 organisations"),
    ],
)
def test_labels_read_as_written_in_chinese_and_in_whole_units_in_english(text: str, chinese: str, english: str) -> None:
    (quantity,) = extract_quantities(text)
    assert describe(quantity) == chinese
    with override("en"):
        assert describe(quantity) == english


def test_a_unit_the_reader_does_not_write_is_shown_as_stored_in_either_language() -> None:
    stored = Quantity(Kind.COUNT, 3.0, "头", 3.0)
    assert describe(stored) == "3头"
    with override("en"):
        assert describe(stored) == "3头"


def test_ranges_and_caps_are_kept_as_such() -> None:
    span = only("给予50—100万元奖励")
    assert (span.bound, span.value, span.value_max, span.normalised_max) == (Bound.RANGE, 50, 100, 100)
    rate, cap = extract_quantities("按照不超过项目总投资的50%、最高不超过500万元的标准给予资金补助")
    assert (rate.kind, rate.bound, rate.value) == (Kind.RATE, Bound.MAX, 50)
    assert (cap.kind, cap.bound, cap.value) == (Kind.MONEY, Bound.MAX, 500)
    assert describe(cap) == "最高500万元"
    assert only("最多奖励3人").bound is Bound.MAX
    assert only("完成1000万元以上的").bound is Bound.MIN
    assert only("培育30多个产业集群").bound is Bound.MIN
    assert only("每年遴选20个左右重点镇").bound is Bound.APPROX


def test_rates_counts_and_points() -> None:
    assert [(q.kind, q.value, q.unit) for q in extract_quantities("占比提高10个百分点、年均增长16%、百分之三十")] == [
        (Kind.RATE, 10, "个百分点"),
        (Kind.RATE, 16, "%"),
        (Kind.RATE, 30, "%"),
    ]
    assert [
        (q.kind, q.value, q.unit) for q in extract_quantities("重点扶持9家企业，选拔300名人才，建设14个产业集群")
    ] == [
        (Kind.COUNT, 9, "家"),
        (Kind.COUNT, 300, "名"),
        (Kind.COUNT, 14, "个"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "云政发〔2019〕27号",
        "2022年1月25日",
        "公开征求意见时间为2026年1月10日—2026年1月16日",
        "依照第十五条的规定",
        "盐湖水泵专业镇作为全市第二个省级重点专业镇",
        "联系电话:0731-88954321",
        "联系电话：13912345678",
        "17、入区企业",
        "（三）加强人才培养",
        "人才工程是一个长期的系统工程",
        "这四个方面",
        "1994年以来，温州市政府用重典",
        "截至2007年9月底",
        "从20世纪80年代初开始",
        "《呼包鄂协同发展规划纲要(2016—2020年)》",
        "关于公布第一批(2023年度)中小企业特色产业集群的通知",
        "四亩地镇召开干部会议",
        "千家万户",
        "一年期贷款市场报价利率",
        "给予一次性奖励",
        "省委十三届七次、八次全会精神",
        "较“十三五”末提高",
    ],
)
def test_false_quantities_are_not_read(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.kind is not Kind.RATE] == []


def test_a_year_in_a_time_series_is_not_a_horizon() -> None:
    quantities = extract_quantities("上交税金由2015年的1054.8亿元增加到2020年的1734.1亿元")
    assert [q.kind for q in quantities] == [Kind.MONEY, Kind.MONEY]
    assert extract_quantities("到2025年的目标是建成10个园区")[0].kind is Kind.HORIZON


@given(st.text(max_size=200))
def test_any_text_gives_spans_that_are_substrings(text: str) -> None:
    for quantity in extract_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.text


@given(
    st.text(
        alphabet="0123456789 ,，.—-至到万亿千百十一二两三四五六七八九元亩年个%以上内最高不超过每年第〔〕《》",
        max_size=60,
    )
)
def test_number_soup_never_raises(text: str) -> None:
    for quantity in extract_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
        describe(quantity)
    measure_strength(text)


def test_full_width_digits_are_read_with_offsets_kept() -> None:
    quantity = only("新增用地２０００亩")
    assert quantity.normalised == 2000 and quantity.text == "２０００亩"


@pytest.mark.parametrize(
    ("text", "level", "cue"),
    [
        ("严禁违规占用耕地", Level.BINDING, "严禁"),
        ("各地应当建立工作台账", Level.BINDING, "应当"),
        ("不得擅自改变土地用途", Level.BINDING, "不得"),
        ("区财政每年拿出50万元设立产业集群发展专项资金", Level.COMMITMENT, "拿出"),
        ("“十一五”期间,我市将重点扶持9家中小企业公共技术服务平台建设", Level.COMMITMENT, "将"),
        ("对企业给予一次性奖励", Level.COMMITMENT, "给予"),
        ("鼓励企业创建自主品牌", Level.ENCOURAGEMENT, "鼓励"),
        ("引导企业向园区集中", Level.ENCOURAGEMENT, "引导"),
        ("力争到2013年，进一步推动产业结构调整", Level.TARGET, "力争"),
        ("到2025年,省级专业镇达到1个", Level.TARGET, "到2025年"),
        ("产业集群是区域经济发展的必然趋势", None, ""),
        ("这必将带动相关产业发展", None, ""),
    ],
)
def test_strength_with_its_cue(text: str, level: Level | None, cue: str) -> None:
    strength = measure_strength(text)
    assert (strength.level, strength.cue) == (level, cue)
