"""Calendar horizons: 到2013年, 2025—2027年, 2023年底前, 2024年起, “十四五”期间.

Dates (2022年1月25日), past years (1994年以来, 截至2007年), designation years (2023年度),
decades (80年代), years inside a cited title and baselines (较“十三五”末) are not horizons.
"""

from __future__ import annotations

import re

from .context import clause_initial, inside_title, is_code
from .kinds import Bound, Kind, Quantity
from .numerals import RANGE_DASH

_YEAR = r"(?:19|20)\d\d"
_PERIOD = re.compile(rf"(?P<y1>{_YEAR})\s?(?:年)?\s?{RANGE_DASH}\s?(?P<y2>{_YEAR})\s?年")
_DEADLINE = re.compile(
    rf"(?P<pre>力争到|争取到|计划到|力争在|预计到|到|至|截至|截止|于|在|从|自)?\s?(?P<y>{_YEAR})\s?年"
    r"(?P<post>底前|底|末|前|以前|之前|起|开始|以来|来|度|代|间)?"
)
_FIVE_YEAR_PLAN = re.compile(
    r"(?P<pre>较|比|与)?(?P<q>[“\"「]?)十(?P<n>[一二三四五])?五(?P<q2>[”\"」]?)\s?(?P<post>期间|时期|末|初|规划期|以来|规划|计划)?"
)
_PLAN_START = {"": 2001, "一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
_TARGET_VERBS = (
    "完成",
    "实现",
    "达到",
    "建成",
    "力争",
    "争取",
    "新增",
    "培育",
    "打造",
    "形成",
    "突破",
    "全县",
    "全市",
    "全省",
    "全区",
)


def read_horizons(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _PERIOD.finditer(text):
        y1, y2 = int(match["y1"]), int(match["y2"])
        if y2 > y1 and not inside_title(text, match.start()) and not is_code(text, match.start()):
            found.append(_horizon(match, y1, Bound.RANGE, y2))
    for match in _FIVE_YEAR_PLAN.finditer(text):
        quoted = bool(match["q"]) and bool(match["q2"])
        if match["pre"] or not (quoted or match["post"]) or match["post"] == "以来" or is_code(text, match.start()):
            continue
        if match["n"] is None and not quoted:
            continue  # a bare 十五 is fifteen
        if text[max(0, match.start() - 1) : match.start()] == "第":
            continue
        start = _PLAN_START[match["n"] or ""]
        post = match["post"] or ""
        if post == "末":
            found.append(_horizon(match, start + 4, Bound.MAX))
        elif post == "初":
            found.append(_horizon(match, start, Bound.EXACT))
        else:
            found.append(_horizon(match, start, Bound.RANGE, start + 4))
    for match in _DEADLINE.finditer(text):
        year, pre, post = int(match["y"]), match["pre"] or "", match["post"] or ""
        after = text[match.end() : match.end() + 3]
        if re.match(r"\s?\d{1,2}\s?月", after) or post in ("以来", "来", "度", "代", "间") or pre in ("截至", "截止"):
            continue  # a date, the past, a designation year or a decade
        if re.match(r"的\s?[\d一二三四五六七八九十]", after):
            continue  # 由2015年的1054亿元增加到2020年的1734亿元: a data point, not a horizon
        if inside_title(text, match.start()) or is_code(text, match.start() + len(match[0]) - len(match[0].lstrip())):
            continue
        if post in ("起", "开始"):
            found.append(_horizon(match, year, Bound.MIN))
        elif pre in ("力争到", "争取到", "计划到", "预计到", "到", "至", "力争在") or post in (
            "底前",
            "底",
            "末",
            "前",
            "以前",
            "之前",
        ):
            found.append(_horizon(match, year, Bound.MAX))
        elif clause_initial(text, match.start()) and text[match.end() :].lstrip().startswith(
            ("，", ",", *_TARGET_VERBS)
        ):
            found.append(_horizon(match, year, Bound.EXACT))
    return found


def _horizon(match: re.Match[str], year: int, bound: Bound, year_max: int | None = None) -> Quantity:
    start = match.start() + len(match[0]) - len(match[0].lstrip())
    return Quantity(
        kind=Kind.HORIZON,
        value=float(year),
        unit="年",
        normalised=float(year),
        bound=bound,
        value_max=float(year_max) if year_max else None,
        normalised_max=float(year_max) if year_max else None,
        start=start,
        end=match.end(),
    )
