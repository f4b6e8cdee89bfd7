"""Quantities and strengths as a reader sees them: 50万元/年, 2,000亩, 到2013年, 约束性.

In Chinese a quantity reads as the document wrote it (the 万 or 亿 stays with the unit); in
English the multiplier is worked out (50万元 is 500,000 yuan), since 万 has no English word.
Units and bounds go through gettext (English in ``locale/en``); how big numbers are grouped
(万 and 亿, or thousands, million and billion) is the language's number format, decided in
one place, ``_groups_by_myriads``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import get_language, npgettext_lazy, pgettext, pgettext_lazy

from .kinds import Bound, Kind, Quantity
from .numerals import MULTIPLIERS

# One pattern per unit a quantity is written in (``extract``'s unit lists), spelled out so that
# makemessages finds each one; singular and plural for languages that need both, ``count``
# picks between them.
_UNITS = {
    "元": npgettext_lazy("quantity unit", "%(number)s元", "%(number)s元", "count"),
    "美元": npgettext_lazy("quantity unit", "%(number)s美元", "%(number)s美元", "count"),
    "港元": npgettext_lazy("quantity unit", "%(number)s港元", "%(number)s港元", "count"),
    "欧元": npgettext_lazy("quantity unit", "%(number)s欧元", "%(number)s欧元", "count"),
    "亩": npgettext_lazy("quantity unit", "%(number)s亩", "%(number)s亩", "count"),
    "公顷": npgettext_lazy("quantity unit", "%(number)s公顷", "%(number)s公顷", "count"),
    "平方公里": npgettext_lazy("quantity unit", "%(number)s平方公里", "%(number)s平方公里", "count"),
    "平方千米": npgettext_lazy("quantity unit", "%(number)s平方千米", "%(number)s平方千米", "count"),
    "km²": npgettext_lazy("quantity unit", "%(number)skm²", "%(number)skm²", "count"),
    "km2": npgettext_lazy("quantity unit", "%(number)skm2", "%(number)skm2", "count"),
    "平方米": npgettext_lazy("quantity unit", "%(number)s平方米", "%(number)s平方米", "count"),
    "平米": npgettext_lazy("quantity unit", "%(number)s平米", "%(number)s平米", "count"),
    "m²": npgettext_lazy("quantity unit", "%(number)sm²", "%(number)sm²", "count"),
    "㎡": npgettext_lazy("quantity unit", "%(number)s㎡", "%(number)s㎡", "count"),
    "%": npgettext_lazy("quantity unit", "%(number)s%%", "%(number)s%%", "count"),
    "‰": npgettext_lazy("quantity unit", "%(number)s‰", "%(number)s‰", "count"),
    "百分点": npgettext_lazy("quantity unit", "%(number)s百分点", "%(number)s百分点", "count"),
    "个百分点": npgettext_lazy("quantity unit", "%(number)s个百分点", "%(number)s个百分点", "count"),
    "年": npgettext_lazy("quantity unit", "%(number)s年", "%(number)s年", "count"),
    "个月": npgettext_lazy("quantity unit", "%(number)s个月", "%(number)s个月", "count"),
    "人次": npgettext_lazy("quantity unit", "%(number)s人次", "%(number)s人次", "count"),
    "个": npgettext_lazy("quantity unit", "%(number)s个", "%(number)s个", "count"),
    "家": npgettext_lazy("quantity unit", "%(number)s家", "%(number)s家", "count"),
    "项": npgettext_lazy("quantity unit", "%(number)s项", "%(number)s项", "count"),
    "人": npgettext_lazy("quantity unit", "%(number)s人", "%(number)s人", "count"),
    "名": npgettext_lazy("quantity unit", "%(number)s名", "%(number)s名", "count"),
    "户": npgettext_lazy("quantity unit", "%(number)s户", "%(number)s户", "count"),
    "所": npgettext_lazy("quantity unit", "%(number)s所", "%(number)s所", "count"),
    "座": npgettext_lazy("quantity unit", "%(number)s座", "%(number)s座", "count"),
    "条": npgettext_lazy("quantity unit", "%(number)s条", "%(number)s条", "count"),
    "位": npgettext_lazy("quantity unit", "%(number)s位", "%(number)s位", "count"),
    "种": npgettext_lazy("quantity unit", "%(number)s种", "%(number)s种", "count"),
    "次": npgettext_lazy("quantity unit", "%(number)s次", "%(number)s次", "count"),
    "件": npgettext_lazy("quantity unit", "%(number)s件", "%(number)s件", "count"),
    "枚": npgettext_lazy("quantity unit", "%(number)s枚", "%(number)s枚", "count"),
    "款": npgettext_lazy("quantity unit", "%(number)s款", "%(number)s款", "count"),
    "台": npgettext_lazy("quantity unit", "%(number)s台", "%(number)s台", "count"),
    "套": npgettext_lazy("quantity unit", "%(number)s套", "%(number)s套", "count"),
    "支": npgettext_lazy("quantity unit", "%(number)s支", "%(number)s支", "count"),
    "处": npgettext_lazy("quantity unit", "%(number)s处", "%(number)s处", "count"),
    "场": npgettext_lazy("quantity unit", "%(number)s场", "%(number)s场", "count"),
    "批": npgettext_lazy("quantity unit", "%(number)s批", "%(number)s批", "count"),
    "栋": npgettext_lazy("quantity unit", "%(number)s栋", "%(number)s栋", "count"),
    "块": npgettext_lazy("quantity unit", "%(number)s块", "%(number)s块", "count"),
    "辆": npgettext_lazy("quantity unit", "%(number)s辆", "%(number)s辆", "count"),
}
# What an amount is given per (万元/亩): the units ``extract`` reads after a slash.
_PER = {
    "年": pgettext_lazy("quantity", "%(amount)s/年"),
    "亩": pgettext_lazy("quantity", "%(amount)s/亩"),
    "平方米": pgettext_lazy("quantity", "%(amount)s/平方米"),
    "人": pgettext_lazy("quantity", "%(amount)s/人"),
    "户": pgettext_lazy("quantity", "%(amount)s/户"),
    "个": pgettext_lazy("quantity", "%(amount)s/个"),
    "家": pgettext_lazy("quantity", "%(amount)s/家"),
    "项": pgettext_lazy("quantity", "%(amount)s/项"),
    "吨": pgettext_lazy("quantity", "%(amount)s/吨"),
    "台": pgettext_lazy("quantity", "%(amount)s/台"),
}


def format_number(value: float) -> str:
    """Thousands separated, no trailing zeros.

    >>> format_number(2000.0), format_number(2.5), format_number(0.125), format_number(13500.0)
    ('2,000', '2.5', '0.125', '13,500')
    """
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def describe(quantity: Quantity) -> str:
    """One quantity in words, in the reader's language: in the unit it was written in.

    >>> describe(Quantity(Kind.MONEY, 50.0, "万元", 50.0, per_year=True))
    '50万元/年'
    >>> describe(Quantity(Kind.MONEY, 50.0, "万元", 50.0, Bound.RANGE, value_max=100.0, normalised_max=100.0))
    '50—100万元'
    >>> describe(Quantity(Kind.HORIZON, 2013.0, "年", 2013.0, Bound.MAX))
    '到2013年'
    >>> describe(Quantity(Kind.DURATION, 3.0, "年", 3.0, Bound.MAX))
    '3年内'
    >>> from django.utils.translation import override
    >>> with override("en"):
    ...     describe(Quantity(Kind.MONEY, 50.0, "万元", 50.0, Bound.MAX, per_year=True))
    'up to 500,000 yuan a year'
    """
    if quantity.kind is Kind.HORIZON:
        return _horizon(quantity)
    amount, per = _amount(quantity)
    if quantity.kind is Kind.DURATION and quantity.bound is Bound.MAX:
        return pgettext("quantity", "%(amount)s内") % {"amount": amount}
    match quantity.bound:
        case Bound.MIN:
            amount = pgettext("quantity", "%(amount)s以上") % {"amount": amount}
        case Bound.MAX:
            amount = pgettext("quantity", "最高%(amount)s") % {"amount": amount}
        case Bound.APPROX:
            amount = pgettext("quantity", "约%(amount)s") % {"amount": amount}
    if quantity.per_year and per != "年":
        amount = _PER["年"] % {"amount": amount}
    return amount


def _horizon(quantity: Quantity) -> str:
    year = _number(quantity, lambda value: str(int(value)))
    if quantity.bound is Bound.MAX:
        return pgettext("quantity", "到%(year)s年") % {"year": year}
    if quantity.bound is Bound.MIN:
        return pgettext("quantity", "%(year)s年起") % {"year": year}
    return pgettext("quantity", "%(year)s年") % {"year": year}


def _amount(quantity: Quantity) -> tuple[str, str]:
    """The number with its unit (and what it is per), and the unit it is per (``""`` if none).

    >>> _amount(Quantity(Kind.MONEY, 1.5, "万元/亩", None))
    ('1.5万元/亩', '亩')
    """
    unit, _, per = quantity.unit.partition("/")
    multiplier = next((m for m in ("万亿", "亿", "万") if unit.startswith(m) and unit[len(m) :] in _UNITS), "")
    base = unit[len(multiplier) :]
    if base not in _UNITS or (per and per not in _PER):
        # A unit this reader does not write (a row stored by another version): shown as stored.
        return _number(quantity, format_number) + quantity.unit, per
    if _groups_by_myriads():
        number = _number(quantity, format_number) + multiplier
        one = False  # Chinese has no plural
    else:
        scale = MULTIPLIERS[multiplier]
        number = _number(quantity, lambda value: _in_thousands(value * scale))
        one = quantity.value * scale == 1 and quantity.bound is not Bound.RANGE
    amount = _UNITS[base] % {"number": number, "count": 1 if one else 2}
    if per:
        amount = _PER[per] % {"amount": amount}
    return amount, per


def _number(quantity: Quantity, show: Callable[[float], str]) -> str:
    """The value, or the range from it to ``value_max``, each written by ``show``."""
    low = show(quantity.value)
    if quantity.bound is Bound.RANGE and quantity.value_max is not None:
        return pgettext("quantity", "%(low)s—%(high)s") % {"low": low, "high": show(quantity.value_max)}
    return low


def _groups_by_myriads() -> bool:
    """Whether the reader's language writes big numbers with 万 and 亿 (Chinese) rather than thousands (English)."""
    return not (get_language() or "").startswith("en")


def _in_thousands(value: float) -> str:
    """A number as English writes it: ``500,000``, ``15 million``, ``1.2 billion``, ``1.46 trillion``.

    >>> _in_thousands(500000.0), _in_thousands(15000000.0), _in_thousands(1.2e9), _in_thousands(1.46e12)
    ('500,000', '15 million', '1.2 billion', '1.46 trillion')
    """
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{format_number(value / size)} {word}"
    return format_number(value)
