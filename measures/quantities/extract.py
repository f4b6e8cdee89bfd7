"""Find the quantities a sentence states: money, land, rates, counts, horizons and durations.

Pure: one sentence in, a tuple of frozen ``Quantity`` values out, each with the span
it was read from (``text == sentence[start:end]``). Normalised units, chosen once:

- money in 万元 (most policy amounts are written in 万元; 2.5亿元 → 25000)
- land in 亩 (1 公顷 = 15 亩, 1 平方公里 = 1500 亩, 1 平方米 = 0.0015 亩)
- rates in percent, counts in items, durations in years, horizons as calendar years.

What is *not* a quantity: dates (2022年1月25日), document numbers (〔2019〕27号),
articles and ordinals (第十五条, 第二个), list numbering (1、 （三）), phone numbers,
years in the past (1994年以来) or inside a cited title (《纲要(2016—2020年)》), the
indefinite 一个/一项, counts of abstract things (四个方面) and place names (四亩地镇).
"""

from __future__ import annotations

import re

from .context import LIST_END, clause_before, is_code, phone_like, restated
from .horizons import read_horizons
from .kinds import Bound, Kind, Quantity
from .numerals import (
    MULTIPLIERS,
    NEIGHBOUR_RANGES,
    NUMERAL,
    RANGE_DASH,
    fold_digits,
    parse_numeral,
    trailing_multiplier,
)

LAND_FACTORS = {  # to 亩
    "亩": 1.0, "公顷": 15.0, "平方公里": 1500.0, "平方千米": 1500.0, "km²": 1500.0, "km2": 1500.0,
    "平方米": 0.0015, "平米": 0.0015, "m²": 0.0015, "㎡": 0.0015,
}  # fmt: skip
MONEY_UNITS = ("美元", "港元", "欧元", "元")
RATE_UNITS = ("个百分点", "百分点", "%", "‰")
DURATION_UNITS = ("个月", "年")
COUNT_UNITS = (
    "人次", "个", "家", "项", "人", "名", "户", "所", "座", "条", "位", "种", "次", "件", "枚", "款", "台",
    "套", "支", "处", "场", "批", "栋", "块", "辆",
)  # fmt: skip
_UNITS = sorted((*MONEY_UNITS, *LAND_FACTORS, *RATE_UNITS, *DURATION_UNITS, *COUNT_UNITS), key=len, reverse=True)
UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
_KIND_OF_UNIT = {
    **dict.fromkeys(MONEY_UNITS, Kind.MONEY),
    **dict.fromkeys(LAND_FACTORS, Kind.LAND),
    **dict.fromkeys(RATE_UNITS, Kind.RATE),
    **dict.fromkeys(DURATION_UNITS, Kind.DURATION),
    **dict.fromkeys(COUNT_UNITS, Kind.COUNT),
}

# numeral [多/余] unit, or numeral–numeral [多/余] unit, or numeral unit–numeral unit
_QUANTITY = re.compile(
    rf"(?P<n1>{NUMERAL})(?:(?:\s?(?P<u1>{UNIT}))?\s?(?P<dash>{RANGE_DASH})\s?(?P<n2>{NUMERAL}))?"
    rf"(?P<more>[多余])?\s?(?P<unit>{UNIT})"
)
_PERCENT_WORDS = re.compile(rf"百分之(?P<n1>{NUMERAL})")
_BARE_MONEY = re.compile(rf"(?P<n1>{NUMERAL})(?P<more>[多余])?(?!\s?(?:{UNIT}|\d|[多余十百千万亿]))")
_MONEY_NOUNS = re.compile(r"产值|税收|投资|资金|收入|销售|营业|利润|出口|总额|规模|增加值|营收|奖补|补助|补贴|奖励")

_MAX_BEFORE = ("最高不超过", "不超过", "不高于", "最高", "最多", "至多", "上限为", "上限")
_MIN_BEFORE = ("不少于", "不低于", "至少", "超过", "突破")
_ADJACENT_BEFORE = {
    "超": Bound.MIN,
    "过": Bound.MIN,
    "逾": Bound.MIN,
    "上": Bound.MIN,
    "约": Bound.APPROX,
    "近": Bound.APPROX,
}
_AFTER = (("以上", Bound.MIN), ("以下", Bound.MAX), ("以内", Bound.MAX), ("之内", Bound.MAX), ("内", Bound.MAX),
          ("左右", Bound.APPROX), ("上下", Bound.APPROX))  # fmt: skip
_PER_YEAR_BEFORE = re.compile(r"每年度|每年|年均|年平均|每一年")
_YEAR_VERB = re.compile(
    r"(?<![\d年〇零一二两三四五六七八九十今明去当])年(?:纳税|拿|安排|投入|销售|产值|营业|收入|税收|产|增长|递增|出口|利润|补助|奖励)"
)
# Counted nouns that are rhetoric, not things a region has or gets.
_ABSTRACT_NOUNS = ("方面", "因素", "原因", "问题", "阶段", "层面", "特点", "环节", "步骤", "途径", "原则", "作用",
                   "意义", "观念", "关键", "字", "词", "转变", "结合", "统一", "关系", "理念", "思想", "亮点",
                   "形式", "模式", "方式", "全会", "会议", "全体会议")  # fmt: skip
_PLACE_SUFFIX = re.compile(r"[地田渠庄井]?[镇村乡]")


def extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity ``text`` states, in order of position.

    >>> [(q.kind.value, q.value, q.unit, q.normalised, q.per_year) for q in extract_quantities("区财政每年拿出50万元设立专项资金")]
    [('money', 50.0, '万元', 50.0, True)]
    >>> [(q.kind.value, q.normalised, q.bound.value) for q in extract_quantities("新增工业用地两千亩，到2013年建成")]
    [('land', 2000.0, 'exact'), ('horizon', 2013.0, 'max')]
    """
    folded = fold_digits(text)
    taken = [False] * len(folded)
    found: list[Quantity] = []

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        return True

    for quantity in read_horizons(folded):
        if claim(quantity.start, quantity.end):
            found.append(quantity)
    for quantity in _measured(folded):
        if claim(quantity.start, quantity.end):
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return tuple(
        Quantity(**{**q.__dict__, "text": text[q.start : q.end]})  # the span of the caller's text
        for q in found
    )


# --- measured quantities -------------------------------------------------------------


def _measured(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        quantity = _read(text, match)
        if quantity is not None:
            found.append(quantity)
    for match in _PERCENT_WORDS.finditer(text):
        value = parse_numeral(match["n1"])
        if value is not None:
            bound = _bound_before(text, match.start())
            found.append(_quantity(Kind.RATE, value, "%", value, bound, match.start(), match.end(), text))
    for match in _BARE_MONEY.finditer(text):
        numeral = match["n1"]
        multiplier = trailing_multiplier(numeral)
        if (
            not multiplier
            or is_code(text, match.start())
            or not _MONEY_NOUNS.search(clause_before(text, match.start()))
        ):
            continue
        value = parse_numeral(numeral)
        if value is None:
            continue
        bound = Bound.MIN if match["more"] else _bound_before(text, match.start())
        found.append(
            _quantity(
                Kind.MONEY,
                value / MULTIPLIERS[multiplier],
                multiplier + "元",
                value / 1e4,
                bound,
                match.start(),
                match.end(),
                text,
            )
        )
    return found


def _read(text: str, match: re.Match[str]) -> Quantity | None:
    start, end, unit = match.start(), match.end(), match["unit"]
    n1, n2, u1 = match["n1"], match["n2"], match["u1"]
    if u1 and n2 is None:
        return None  # "20个" followed by something else: the regex backtracked oddly
    if u1 and u1 != unit:
        return None
    if is_code(text, start) or phone_like(text, start, n1) or restated(text, start):
        return None
    kind = _KIND_OF_UNIT[unit]
    before = text[max(0, start - 1) : start]
    if before in ("第", "前", "几", "数", "每", "届") and kind is Kind.COUNT:
        return None
    if before in ("第", "几", "数"):
        return None
    if (
        n1[0] in "十百千万亿"
        and n1[0] != "十"
        and before not in _ADJACENT_BEFORE
        and not (kind is Kind.LAND and n1 in ("百", "千", "万"))
    ):
        return None  # 千家万户, 百年: a figure of speech unless 超/过/上/近 bounds it
    rest = text[end:]
    if unit == "年":
        value = parse_numeral(n1)
        if value is not None and 1900 <= value <= 2100:
            return None  # a calendar year, read by _horizons when it is one
        if rest.startswith(("代", "期", "度", "级", "前", "月")) or before == "世纪":
            return None
    if unit == "个" and rest.startswith("月"):
        return None
    if kind is Kind.COUNT:
        if n1 == "一" and n2 is None:
            return None  # 一个, 一项, 一次性: an article, not a count
        if rest.startswith(_ABSTRACT_NOUNS) or (n1[0] in "零〇一二两三四五六七八九十" and _PLACE_SUFFIX.match(rest)):
            return None
    if kind is Kind.LAND and n1[0] in "零〇一二两三四五六七八九十" and _PLACE_SUFFIX.match(rest):
        return None  # 四亩地镇

    low, high = _values(n1, n2)
    if low is None:
        return None
    multiplier = trailing_multiplier(n1) if n2 is None or u1 else trailing_multiplier(n2)
    if kind not in (Kind.MONEY, Kind.LAND):
        multiplier = ""  # 上万个 is 10000 items; only amounts keep 万/亿 in their unit
    scale = MULTIPLIERS[multiplier]

    # what follows the unit: /亩, /年, 以上, 以内, 左右 …
    per_year = False
    comparable = True
    stated_unit = unit
    if kind is Kind.LAND:
        stated_unit = multiplier + unit
    if kind is Kind.MONEY:
        stated_unit = multiplier + unit
        per = re.match(r"\s?/\s?(年|亩|平方米|人|户|个|家|项|吨|台)", rest)
        if per:
            stated_unit += "/" + per[1]
            end += per.end()
            rest = text[end:]
            per_year = per[1] == "年"
            comparable = per_year
        if unit != "元":
            comparable = False  # no exchange rate is assumed
    bound = Bound.RANGE if high is not None else Bound.EXACT
    if bound is Bound.EXACT:
        bound = Bound.MIN if match["more"] else _bound_before(text, start)
        for word, after_bound in _AFTER:
            if rest.startswith(word) and not (word == "内" and kind not in (Kind.DURATION,)):
                bound = after_bound
                end += len(word)
                break
    if bound is Bound.EXACT and n1 in ("百", "千", "万"):
        bound = Bound.APPROX  # 千亩园区: a round size class, not a measured area
    if kind in (Kind.MONEY, Kind.RATE, Kind.COUNT) and not per_year:
        per_year = _per_year(text, start)

    value, value_max = low / scale, (high / scale if high is not None else None)
    normalised, normalised_max = _normalise(kind, unit, low), _normalise(kind, unit, high) if high is not None else None
    if not comparable:
        normalised = normalised_max = None
    if kind is Kind.DURATION and unit == "个月":
        stated_unit = "个月"
    return Quantity(
        kind=kind,
        value=value,
        unit=stated_unit if kind is not Kind.COUNT else unit,
        normalised=normalised,
        bound=bound,
        value_max=value_max,
        normalised_max=normalised_max,
        per_year=per_year,
        start=start,
        end=end,
    )


def _values(n1: str, n2: str | None) -> tuple[float | None, float | None]:
    if n2 is None and n1 in NEIGHBOUR_RANGES:
        first, last = NEIGHBOUR_RANGES[n1]
        return float(first), float(last)
    low = parse_numeral(n1)
    if n2 is None:
        return low, None
    high = parse_numeral(n2)
    if low is None or high is None:
        return None, None
    # 50—100万元: the multiplier written once applies to both ends
    multiplier = trailing_multiplier(n2)
    if multiplier and not trailing_multiplier(n1):
        low *= MULTIPLIERS[multiplier]
    if high <= low:
        return None, None
    return low, high


def _normalise(kind: Kind, unit: str, value: float) -> float | None:
    if kind is Kind.MONEY:
        return value / 1e4
    if kind is Kind.LAND:
        return value * LAND_FACTORS[unit]
    if kind is Kind.DURATION:
        return value / 12 if unit == "个月" else value
    return value


def _quantity(
    kind: Kind, value: float, unit: str, normalised: float, bound: Bound, start: int, end: int, text: str
) -> Quantity:
    return Quantity(
        kind=kind,
        value=value,
        unit=unit,
        normalised=normalised,
        bound=bound,
        per_year=_per_year(text, start),
        start=start,
        end=end,
    )


# --- context -------------------------------------------------------------------------


def _bound_before(text: str, start: int) -> Bound:
    segment = clause_before(text, start, LIST_END)
    if re.search(r"\d|[零一二两三四五六七八九十百千万亿][个家项元亩年%]", segment):
        segment = re.split(r"\d+", segment)[-1]  # only cues after the previous number count
    best = (-1, 0)
    bound = Bound.EXACT
    for words, candidate in (
        (_MAX_BEFORE, Bound.MAX),
        (_MIN_BEFORE, Bound.MIN),
        (("约", "大约", "将近", "接近"), Bound.APPROX),
    ):
        for word in words:
            at = segment.rfind(word)
            # the cue that ends last wins, and the longer one at a tie: 不超过 over 超过
            if at >= 0 and (at + len(word), len(word)) > best:
                best, bound = (at + len(word), len(word)), candidate
    if best[0] == len(segment):
        return bound
    adjacent = segment[-1:]
    if adjacent == "过" and segment[-2:-1] in ("经", "通", "度", "错", "跨", "穿", "透", "超"):
        return bound  # 经过15年 is not "over 15 years"
    if adjacent == "上" and not re.match(r"[十百千万亿]", text[start : start + 1]):
        return bound  # 上万, 上百: "upwards of"; elsewhere 上 is a place or "above" a list
    return _ADJACENT_BEFORE.get(adjacent, bound)


def _per_year(text: str, start: int) -> bool:
    clause = clause_before(text, start)
    return bool(_PER_YEAR_BEFORE.search(clause) or _YEAR_VERB.search(clause))
