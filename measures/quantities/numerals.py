"""Numbers as Chinese documents write them: 4 000, 1,000, 2.5亿, 一千五百万, 两千, 百亿.

Pure helpers for ``extract``: a regular expression that finds a numeral and
``parse_numeral`` that turns one into a float. Chinese numerals go through cn2an.
"""

from __future__ import annotations

import re

import cn2an

CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + "十百千万亿"
# Thousands separated by a comma or a single space, then plain digits; an optional
# decimal part, then Chinese multipliers (2.5亿, 5千万); or a Chinese numeral.
NUMERAL = (
    r"(?:(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:\.\d+)?(?: ?[十百千万亿]+)?"
    rf"|[{CHINESE_NUMERAL_CHARS}]+(?:点[{CHINESE_DIGITS}]+)?)"
)
RANGE_DASH = "[—–\\-~～至到]"  # 50—100万元, 8至9个, 3-5个
# Two neighbouring digits say "two or three": 两三年, 七八个.
NEIGHBOUR_RANGES = {
    "一二": (1, 2), "一两": (1, 2), "两三": (2, 3), "二三": (2, 3), "三四": (3, 4), "四五": (4, 5), "五六": (5, 6),
    "六七": (6, 7), "七八": (7, 8), "八九": (8, 9), "三五": (3, 5),
}  # fmt: skip
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%，")
_SEPARATORS = re.compile(r"[,， ]")


def fold_digits(text: str) -> str:
    """Full-width digits, point and percent to ASCII, keeping every offset.

    >>> fold_digits("２０１３年５０％")
    '2013年50%'
    """
    return text.translate(_FULL_WIDTH)


def parse_numeral(numeral: str) -> float | None:
    """The value of one numeral, or None when it is not a number cn2an understands.

    >>> [parse_numeral(n) for n in ["4 000", "1,000", "2.5亿", "一千五百万", "两千", "百亿", "5千万", "1.46万亿"]]
    [4000.0, 1000.0, 250000000.0, 15000000.0, 2000.0, 10000000000.0, 50000000.0, 1460000000000.0]
    """
    text = _SEPARATORS.sub("", numeral)
    if not text:
        return None
    if len(text) > 1 and all(ch in CHINESE_DIGITS for ch in text):
        return None  # 一两 or 二〇二三: neighbours (see NEIGHBOUR_RANGES) or a year in words, not a number
    if text.endswith("万亿") and len(text) > 2:
        trillions = parse_numeral(text[:-2])  # cn2an stops at 亿: 1.46万亿 is 1.46 × 10¹²
        return trillions * 1e12 if trillions is not None else None
    if text[0] in "十百千万亿" and text[0] != "十":
        text = "一" + text  # 百亿 is 一百亿; cn2an reads 十二 itself
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def trailing_multiplier(numeral: str) -> str:
    """The 万 or 亿 that ends a numeral and belongs to the unit as written (50万 → 万元, 亿 → 亿元).

    >>> trailing_multiplier("50万"), trailing_multiplier("一千五百万"), trailing_multiplier("两千"), trailing_multiplier("亿")
    ('万', '万', '', '亿')
    """
    for suffix in ("万亿", "亿", "万"):
        if numeral.endswith(suffix) and numeral[: -len(suffix)] not in ("万", "亿"):
            return suffix
    return ""


MULTIPLIERS = {"": 1.0, "万": 1e4, "亿": 1e8, "万亿": 1e12}
