"""The values the quantity reader returns: a kind, a bound, and the quantity with its span."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    MONEY = "money"
    LAND = "land"
    RATE = "rate"
    COUNT = "count"
    HORIZON = "horizon"
    DURATION = "duration"


class Bound(StrEnum):
    EXACT = "exact"
    MIN = "min"  # 以上, 不少于, 超过, 30多个; for a horizon: from (起)
    MAX = "max"  # a cap: 不超过, 最高, 最多, 以内; for a horizon: by (到2013年); 三年内
    RANGE = "range"  # 50—100万元, 2025—2027年: value .. value_max
    APPROX = "approx"  # 约, 左右, 近


@dataclass(frozen=True)
class Quantity:
    kind: Kind
    value: float  # as written, in ``unit`` (the low end of a range)
    unit: str  # as written: 万元, 亿元, 亩, 平方公里, %, 个, 年 …
    normalised: float | None  # in the kind's unit (see the module docstring); None when not comparable
    bound: Bound = Bound.EXACT
    value_max: float | None = None
    normalised_max: float | None = None
    per_year: bool = False
    start: int = 0
    end: int = 0
    text: str = ""
