"""Split cleaned text into sentences, keeping numbered headings as their own units.

Sentences end at 。！？； (and their ASCII forms) and at line breaks, never inside
“…” 「…」 『…』 quotations; a terminator followed by a closing quote ends the sentence
after the quote. Nothing is lost: joining the units gives back the text minus
whitespace.
"""

import re
from dataclasses import dataclass

_TERMINATORS = set("。！？；!?;")
_OPENING_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_CLOSING_QUOTES = set(_OPENING_QUOTES.values())
_HEADING_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"  # 一、
    r"|[（(][一二三四五六七八九十百]+[)）]"  # （二）
    r"|\d{1,2}[、．.](?!\d)"  # 1、 1.
    r"|[（(]\d{1,2}[)）]"  # （1）
    r"|第[一二三四五六七八九十百]+[章节条部分])"
)
# A numbered unit this short (or a whole line without a terminator) is a heading.
_HEADING_MAX_CHARS = 40
_MAX_QUOTE_CHARS = 200
_HAS_CONTENT = re.compile(r"[\w\u3400-\u9fff]")


@dataclass(frozen=True)
class Sentence:
    text: str
    is_heading: bool
    paragraph: int = 0


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into ordered sentences.

    >>> [s.text for s in split_sentences("（一）指导思想。以科学发展观为统领；坚持“市场导向。”")]
    ['（一）指导思想。', '以科学发展观为统领；', '坚持“市场导向。”']
    """
    sentences: list[Sentence] = []
    paragraph = -1
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        paragraph += 1
        units = _split_line(line)
        for index, unit in enumerate(units):
            if not _HAS_CONTENT.search(unit) and sentences:
                # Stray punctuation belongs to the sentence before it.
                last = sentences[-1]
                sentences[-1] = Sentence(last.text + unit, last.is_heading, last.paragraph)
                continue
            heading = _is_heading(unit, whole_line=len(units) == 1, first=index == 0)
            sentences.append(Sentence(unit, heading, paragraph))
    return sentences


def _split_line(line: str) -> list[str]:
    protected = _quoted_spans(line)
    units: list[str] = []
    start = 0
    for i, ch in enumerate(line):
        if protected[i] or not _next_is_not_terminator(line, i):
            continue
        ends_sentence = ch in _TERMINATORS or (ch in _CLOSING_QUOTES and i > 0 and line[i - 1] in _TERMINATORS)
        if ends_sentence:
            units.append(line[start : i + 1])
            start = i + 1
    if start < len(line):
        units.append(line[start:])
    return [unit.strip() for unit in units if unit.strip()]


def _quoted_spans(line: str) -> list[bool]:
    """Mark characters strictly inside balanced quotations (the closing quote included).

    An opening quote that is never closed — common where a scraper blanked a year,
    as in 《区“经济社会发展规划纲要》 — is ignored rather than swallowing the line,
    and so is a quotation longer than ``_MAX_QUOTE_CHARS``.
    """
    inside = [False] * len(line)
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        if ch in _OPENING_QUOTES:
            # The same quote opening again means the earlier one was never closed.
            while any(opener == ch for opener, _ in stack):
                stack.pop()
            stack.append((ch, i))
        elif ch in _CLOSING_QUOTES:
            while stack and _OPENING_QUOTES[stack[-1][0]] != ch:
                stack.pop()
            if stack:
                _, opened_at = stack.pop()
                if i - opened_at <= _MAX_QUOTE_CHARS:
                    for j in range(opened_at + 1, i):
                        inside[j] = True
                    # the closing quote itself ends a sentence only outside any outer quotation
                    inside[i] = bool(stack)
    return inside


def _next_is_not_terminator(line: str, i: int) -> bool:
    # Keep runs such as "？！" or "。”" together with their sentence.
    return i + 1 >= len(line) or (line[i + 1] not in _TERMINATORS and line[i + 1] not in _CLOSING_QUOTES)


def _is_heading(unit: str, *, whole_line: bool, first: bool) -> bool:
    """A numbered unit, or a short line standing alone without a terminator (a title)."""
    if not first:
        return False
    unterminated_line = whole_line and unit[-1] not in _TERMINATORS
    if _HEADING_MARKER.match(unit):
        return unterminated_line or len(unit) <= _HEADING_MAX_CHARS
    return unterminated_line and len(unit) <= _HEADING_MAX_CHARS
