"""Where a number stands in its sentence: clauses, cited titles, codes, phone numbers, restatements."""

from __future__ import annotations

import re

CLAUSE_END = "，,；;。！？!?：:\n"
LIST_END = CLAUSE_END + "、"
_CODE_BEFORE = re.compile(r"[A-Za-z0-9\-@_/#.〔\[【]$")
_PHONE_CUE = re.compile(r"电话|传真|手机|热线|联系")


def clause_before(text: str, start: int, ends: str = CLAUSE_END) -> str:
    """The text of ``start``'s clause before it.

    >>> clause_before("设立基金，每年安排500万元", 9)
    '每年安排'
    """
    cut = max(text.rfind(ch, 0, start) for ch in ends)
    return text[cut + 1 : start]


def clause_initial(text: str, start: int) -> bool:
    """Whether ``start`` opens its clause (quotes and brackets aside): a list number, not a quantity."""
    return not clause_before(text, start).strip(' “"（(')


def restated(text: str, start: int) -> bool:
    """(包括500万元) repeats a figure just given."""
    return bool(re.search(r"[（(](?:包括|含|即)$", text[max(0, start - 3) : start]))


def inside_title(text: str, start: int) -> bool:
    """Whether ``start`` is inside a cited title: the year of 《…2016—2020年规划》 is not a horizon.

    >>> inside_title("按照《2016—2020年规划》", 5), inside_title("到2020年", 1)
    (True, False)
    """
    before = text[:start]
    return before.count("《") > before.count("》")


def is_code(text: str, start: int) -> bool:
    """Whether a number at ``start`` continues a code or address (``A3``, ``〔2019``), not a quantity."""
    return bool(_CODE_BEFORE.search(text[max(0, start - 1) : start]))


def phone_like(text: str, start: int, numeral: str) -> bool:
    """Whether ``numeral`` is a telephone number: seven digits or more just after 电话, 传真, 热线…"""
    digits = sum(ch.isdigit() for ch in numeral)
    return digits >= 7 and bool(_PHONE_CUE.search(text[max(0, start - 12) : start]))
