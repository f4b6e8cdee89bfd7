"""Quantities and strengths as a reader sees them: 50万元/年, 2,000亩, 到2013年, 约束性."""

from __future__ import annotations

from .kinds import Bound, Kind, Quantity


def format_number(value: float) -> str:
    """Thousands separated, no trailing zeros.

    >>> format_number(2000.0), format_number(2.5), format_number(0.125), format_number(13500.0)
    ('2,000', '2.5', '0.125', '13,500')
    """
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def describe(quantity: Quantity) -> str:
    """One quantity in words, in the unit it was written in.

    >>> describe(Quantity(Kind.MONEY, 50.0, "万元", 50.0, per_year=True))
    '50万元/年'
    >>> describe(Quantity(Kind.MONEY, 50.0, "万元", 50.0, Bound.RANGE, value_max=100.0, normalised_max=100.0))
    '50—100万元'
    >>> describe(Quantity(Kind.HORIZON, 2013.0, "年", 2013.0, Bound.MAX))
    '到2013年'
    >>> describe(Quantity(Kind.DURATION, 3.0, "年", 3.0, Bound.MAX))
    '3年内'
    """
    show = (lambda v: str(int(v))) if quantity.kind is Kind.HORIZON else format_number
    number = show(quantity.value)
    if quantity.bound is Bound.RANGE and quantity.value_max is not None:
        number = f"{number}—{show(quantity.value_max)}"
    unit = quantity.unit
    if quantity.kind is Kind.HORIZON:
        return {
            Bound.MAX: f"到{number}年",
            Bound.MIN: f"{number}年起",
        }.get(quantity.bound, f"{number}年")
    suffix = "/年" if quantity.per_year and not unit.endswith("/年") else ""
    core = f"{number}{unit}"
    if quantity.kind is Kind.DURATION and quantity.bound is Bound.MAX:
        return f"{core}内"
    match quantity.bound:
        case Bound.MIN:
            return f"{core}以上{suffix}"
        case Bound.MAX:
            return f"最高{core}{suffix}"
        case Bound.APPROX:
            return f"约{core}{suffix}"
    return f"{core}{suffix}"
