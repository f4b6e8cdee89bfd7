"""Split cleaned text into the guideline's units, marking headings.

The rules are those of ``GUIDELINE.md`` §3 (the product's definition of a unit):
units end at line breaks and after 。！？ (and ``!?``), with any closing quotes or
repeated terminators attached; ；/``;`` ends a unit only outside a “…” quotation, so
quoted slogans stay whole; commas, colons and enumerators (一是…) never split.
A unit longer than ``MAX_UNIT_CHARS`` (a scraped page with no punctuation) is cut at
clause punctuation, failing that at a fixed length, so no stored sentence is huge.
Nothing is lost: joining the units gives back the text minus whitespace.
"""

import re
from dataclasses import dataclass

MAX_UNIT_CHARS = 300

_ENDS = set("。！？!?")
_SEMICOLONS = set("；;")
_TERMINATORS = _ENDS | _SEMICOLONS
_OPENING_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_CLOSING_QUOTES = set(_OPENING_QUOTES.values())
_CLOSING_BRACKETS = set("）)】］]")
_CLAUSE_PUNCTUATION = "，,、：:"
_CLAUSE_ENDS = set("，,、")
_HEADING_NUMERAL = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]"  # 一、
    r"|[（(][一二三四五六七八九十百]+[)）]"  # （二）
    r"|\d{1,2}[、．.](?!\d)"  # 1、 1.
    r"|[（(]\d{1,2}[)）]"  # （1）
    r"|第[一二三四五六七八九十百]+[章节条部分])"
)
# A heading ending in 。 is a title phrase: short, with no clause break and no figure.
_TITLE_PHRASE_MAX_CHARS = 20
# A whole line without a terminator this short is a title (numbered or not).
_TITLE_LINE_MAX_CHARS = 24
_DOCUMENT_TITLE_MAX_CHARS = 100
_SUBTITLE_MAX_CHARS = 40
# A unit cut off with an ellipsis after this many characters is text, not a title (第一章… is one).
_CUT_TEXT_MIN_CHARS = 8
_TITLE_BREAKS = "，,；;：:"
_MAX_QUOTE_CHARS = 200
# A chapter or part number opens a title line up to this long, even one with a comma.
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百]+(章|编|部分|节)")
_CHAPTER_TITLE_MAX_CHARS = 40
# 一是… 七是… open a listed point, judged on content (GUIDELINE §4)
_ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+是")
_BRACKET_KINDS = {"（": "(", "(": "(", "）": ")", ")": ")", "【": "[", "[": "[", "】": "]", "]": "]"}
_HAS_CONTENT = re.compile(r"[\w\u3400-\u9fff]")
_CLAUSE_BREAK_OR_FIGURE = re.compile(r"[，,；;：:\d]")


@dataclass(frozen=True)
class Sentence:
    text: str
    is_heading: bool
    paragraph: int = 0


def split_sentences(text: str, *, max_chars: int = MAX_UNIT_CHARS) -> list[Sentence]:
    """Split ``text`` into ordered units.

    >>> [s.text for s in split_sentences("（一）指导思想。以科学发展观为统领；坚持“市场；导向。”")]
    ['（一）指导思想。', '以科学发展观为统领；', '坚持“市场；导向。”']
    """
    sentences: list[Sentence] = []
    paragraph = -1
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        paragraph += 1
        units = _split_line(line)
        exclaimed_title = not sentences and len(units) > 1 and _is_exclaimed_title(line)
        if exclaimed_title:
            units = [line]
        for index, unit in enumerate(units):
            last_fits = sentences and len(sentences[-1].text) + len(unit) <= max_chars
            if not _HAS_CONTENT.search(unit) and last_fits and sentences[-1].paragraph == paragraph:
                # Stray punctuation belongs to the unit before it.
                last = sentences[-1]
                sentences[-1] = Sentence(last.text + unit, last.is_heading, last.paragraph)
                continue
            # later in a line only a numbered title phrase is a heading (a page that lost its line breaks)
            whole_line = index == 0 and len(units) == 1
            # the title is the first line, or the second under its issuer: 某某省人民政府 / 关于…的意见
            opens = not sentences or (len(sentences) == 1 and sentences[0].is_heading and unit.startswith("关于"))
            heading = (
                exclaimed_title
                or is_heading_text(unit, whole_line=whole_line)
                or (whole_line and opens and _is_document_title(unit) and not _is_cut_off(unit))
            )
            for piece in cap_length(unit, max_chars):
                sentences.append(Sentence(piece, heading and piece == unit, paragraph))
    if len(sentences) > 2 and _is_subtitle(sentences[:3]):
        sentences[1] = Sentence(sentences[1].text, True, sentences[1].paragraph)
    if len(sentences) > 1 and _is_cut_last_line(sentences[-1], sentences[-2]):
        sentences[-1] = Sentence(sentences[-1].text, False, sentences[-1].paragraph)
    return sentences


def _is_cut_last_line(last: Sentence, before: Sentence) -> bool:
    """The text's last line, after body text and without a terminator, is where the page was cut
    (今年4月，高新): a title heads the text under it, and nothing follows this one. A numbered title
    phrase (1. 园区经济实力稳步提升) is still a heading, and so is a closing line under another
    (吉林省人民政府 / 2021年4月25日)."""
    return (
        last.is_heading
        and not before.is_heading
        and last.text[-1] not in _TERMINATORS
        and not is_heading_text(last.text, whole_line=False)
    )


# A headline's subject before its colon: a name or a speaker, no figure (联系电话：0731… is no headline).
_SUBJECT_COLON = re.compile(r"^([^：:，,\d]{2,16})：(?=[^：:\d]{4,}$)")


def _is_cut_off(unit: str) -> bool:
    """Text the page cut off with an ellipsis (二、各级主管部门要针对本地 ……), not a title (第一章… is one)."""
    return unit.endswith(("…", "...")) and len(unit.rstrip("…. ")) > _CUT_TEXT_MIN_CHARS


def _is_subtitle(opening: list[Sentence]) -> bool:
    """The whole line under the title, a phrase without a terminator, with text after it, is the title's
    subtitle: 深度挖掘全省50个特色产业镇，为乡村振兴增添新动能 (with nothing after it, it may be a cut fragment)."""
    title, line, after = opening
    return (
        title.is_heading
        and not line.is_heading
        and title.paragraph != line.paragraph != after.paragraph
        and len(line.text) <= _SUBTITLE_MAX_CHARS
        and line.text[-1] not in (*_TERMINATORS, *_CLAUSE_PUNCTUATION)
        and not _is_cut_off(line.text)
    )


def _is_exclaimed_title(line: str) -> bool:
    """A headline that exclaims or asks before its statement, one title and one unit:
    17个！某省公布一批产业集群名单, 某市如何支持产业园区发展？将持续优化政策引导.

    >>> _is_exclaimed_title("17个！某省公布一批中小企业特色产业集群名单")
    True
    >>> _is_exclaimed_title("什么是产业集群？产业集群是企业的集聚。")
    False
    """
    if line[-1] in _TERMINATORS or any(mark in line for mark in "。；;"):
        return False
    return _is_document_title(re.sub(r"[！？!?]+", "", line))


def _is_document_title(line: str) -> bool:
    """The text's first line, longer than a section title, is its title when it reads as one: no
    terminator and no clause punctuation (an addressee line ends in a colon, a cut sentence has commas).

    >>> _is_document_title("某某市人民政府办公室关于印发某某市先进制造业集群培育三年行动方案（2023—2025年）的通知")
    True
    >>> _is_document_title("企业经营管理人员培训，将其纳入企业经营管理人员素质提升工")
    False
    """
    # a news headline may name its subject before a colon: 某某开发区：做好“五篇文章”打造…园区
    line = _SUBJECT_COLON.sub("", line, count=1)
    return len(line) <= _DOCUMENT_TITLE_MAX_CHARS and not any(mark in line for mark in (*_TERMINATORS, *_TITLE_BREAKS))


def is_heading_text(unit: str, *, whole_line: bool) -> bool:
    """A title: a short whole line without a terminator, or a numbered title phrase.

    Numbered units with content are not headings (GUIDELINE §4): a short numbered
    commitment such as ``（五）优先保障…新增工业用地2000亩。`` is judged as a sentence.

    >>> is_heading_text("（一）加强工业园区建设。", whole_line=False)
    True
    >>> is_heading_text("（五）优先保障重点项目，新增工业用地2000亩。", whole_line=False)
    False
    >>> is_heading_text("因为这一提法，", whole_line=True)
    False
    """
    if not unit:
        return False
    if _is_cut_off(unit):
        return False
    if whole_line and unit[-1] not in _TERMINATORS and len(unit) <= _CHAPTER_TITLE_MAX_CHARS and _CHAPTER.match(unit):
        return True  # 第三章全面实施乡村振兴战略，加快建设全省乡村振兴示范区: a chapter's title, commas and all
    if whole_line and unit[-1] not in _TERMINATORS and len(unit) <= _TITLE_LINE_MAX_CHARS:
        # 因为这一提法， is a sentence a line break cut, not a title; so is 2月版，433条） whose bracket
        # opened on the line before; 七是… enumerates content (GUIDELINE §4), it numbers no title
        return not (unit[-1] in _CLAUSE_ENDS or _ENUMERATOR.match(unit) or _unopened_bracket(unit))
    numeral = _HEADING_NUMERAL.match(unit)
    if not numeral:
        return False
    body = unit[numeral.end() :].rstrip("。．.")
    # the pause marks of a list of attributes (驰名、著名、知名商标企业) lengthen no title phrase
    return len(body.replace("、", "")) <= _TITLE_PHRASE_MAX_CHARS and not _CLAUSE_BREAK_OR_FIGURE.search(body)


def _unopened_bracket(unit: str) -> bool:
    """A closing bracket with no opening one before it: the line starts inside a bracket.

    >>> _unopened_bracket("2022年2月版，433条）")
    True
    >>> _unopened_bracket("（2022年2月版）")
    False
    """
    depth = {"(": 0, "[": 0}
    for char in unit:
        kind = _BRACKET_KINDS.get(char)
        if kind in depth:
            depth[kind] += 1
        elif kind == ")" or kind == "]":
            opening = "(" if kind == ")" else "["
            if depth[opening] == 0:
                return True
            depth[opening] -= 1
    return False


def cap_length(unit: str, max_chars: int = MAX_UNIT_CHARS) -> list[str]:
    """Cut a unit longer than ``max_chars`` after clause punctuation, else every ``max_chars``.

    >>> cap_length("甲，乙，丙", 4)
    ['甲，乙，', '丙']
    >>> cap_length("甲乙丙丁戊", 2)
    ['甲乙', '丙丁', '戊']
    """
    pieces: list[str] = []
    start = 0
    while len(unit) - start > max_chars:
        window = unit[start : start + max_chars]
        cut = max(window.rfind(mark) for mark in _CLAUSE_PUNCTUATION) + 1
        if cut <= max_chars // 3:
            cut = max_chars
        pieces.append(window[:cut])
        start += cut
    pieces.append(unit[start:])
    return [piece for piece in (p.strip() for p in pieces) if piece]


def _split_line(line: str) -> list[str]:
    quoted = _quoted_spans(line)
    units: list[str] = []
    start = i = 0
    while i < len(line):
        ch = line[i]
        i += 1
        if ch not in _TERMINATORS or (ch in _SEMICOLONS and quoted[i - 1]):
            continue
        # Keep runs such as "？！", "。”" or "。）" together with their unit.
        while i < len(line) and (line[i] in _TERMINATORS or line[i] in _CLOSING_QUOTES or line[i] in _CLOSING_BRACKETS):
            i += 1
        units.append(line[start:i])
        start = i
    if start < len(line):
        units.append(line[start:])
    return [unit.strip() for unit in units if unit.strip()]


def _quoted_spans(line: str) -> list[bool]:
    """Mark characters strictly inside balanced quotations.

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
    return inside
