"""Where a number stands in its sentence: clauses, cited titles, codes, phone numbers, restatements."""

from __future__ import annotations

import re

CLAUSE_END = "，,；;。！？!?：:\n"
LIST_END = CLAUSE_END + "、"
_CODE_BEFORE = re.compile(r"[A-Za-z0-9\-@_/#.〔\[【]$")
_PHONE_CUE = re.compile(r"电话|传真|手机|热线|联系")


def clause_before(text: str, start: int, ends: str = CLAUSE_END) -> str:
    cut = max(text.rfind(ch, 0, start) for ch in ends)
    return text[cut + 1 : start]


def clause_initial(text: str, start: int) -> bool:
    return not clause_before(text, start).strip(' “"（(')


def restated(text: str, start: int) -> bool:
    """(包括500万元) repeats a figure just given."""
    return bool(re.search(r"[（(](?:包括|含|即)$", text[max(0, start - 3) : start]))


def inside_title(text: str, start: int) -> bool:
    before = text[:start]
    return before.count("《") > before.count("》")


def is_code(text: str, start: int) -> bool:
    return bool(_CODE_BEFORE.search(text[max(0, start - 1) : start]))


def phone_like(text: str, start: int, numeral: str) -> bool:
    digits = sum(ch.isdigit() for ch in numeral)
    return digits >= 7 and bool(_PHONE_CUE.search(text[max(0, start - 12) : start]))
