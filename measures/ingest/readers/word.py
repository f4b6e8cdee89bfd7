"""Word ``.docx`` files by python-docx: paragraphs and table rows in document order.

Automatic numbering is not part of a paragraph's text in Word (it lives in
``numbering.xml``), so list items get their number back here — ``一、`` ``（二）``
``3.`` — or a government document would lose the markers its items are split by.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator

import docx
from django.utils.translation import gettext_lazy as _
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from ..errors import IngestError
from .base import ReadDocument

_CHINESE_DIGITS = "零一二三四五六七八九"


def read_docx(data: bytes) -> ReadDocument:
    """Read a .docx file, one paragraph (or table row) per line."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, XMLSyntaxError) as exc:
        raise IngestError(_("这个 Word 文件已损坏，无法读取：请用 Word 或 WPS 打开后重新另存为 .docx 再导入")) from exc
    numbering = _Numbering(document)
    lines = [line for line in _lines(document, numbering) if line.strip()]
    if not lines:
        raise IngestError(_("这个 Word 文件里没有文字：如果正文是图片，请先做文字识别（OCR）再导入"))
    metadata: dict[str, str] = {}
    core = document.core_properties
    if core.title and core.title.strip():
        metadata["title"] = core.title.strip()
    return ReadDocument(text="\n".join(lines), format="docx", metadata=metadata)


def _lines(document: WordDocument, numbering: _Numbering) -> Iterator[str]:
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield numbering.label(block) + block.text.strip()
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                yield " ".join(cells)


class _Numbering:
    """Renders Word's automatic list numbers the way Word shows them."""

    def __init__(self, document: WordDocument) -> None:
        self._formats: dict[tuple[str, int], tuple[str, str]] = {}
        self._counters: dict[str, defaultdict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            for level in definition.iterchildren(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                self._formats[(num.get(qn("w:numId")) or "", int(level.get(qn("w:ilvl")) or 0))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                )

    def label(self, paragraph: Paragraph) -> str:
        reference = _numbering_reference(paragraph)
        if reference is None or reference not in self._formats:
            return ""
        num_id, level = reference
        counters = self._counters.setdefault(num_id, defaultdict(int))
        counters[level] += 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        label = self._formats[(num_id, level)][1]
        for shown in range(level + 1):
            fmt = self._formats.get((num_id, shown), ("decimal", ""))[0]
            label = label.replace(f"%{shown + 1}", _format_number(max(counters[shown], 1), fmt))
        return label if fmt != "bullet" else ""


def _numbering_reference(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) of the paragraph's list numbering, its own or its style's (``List Number``…)."""
    properties = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        properties.append(style.element.pPr)
        style = style.base_style
    for element in properties:
        num_pr = element.find(qn("w:numPr")) if element is not None else None
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_pr is None or num_id is None:
            continue
        level = num_pr.find(qn("w:ilvl"))
        value = num_id.get(qn("w:val")) or "0"
        return None if value == "0" else (value, int(level.get(qn("w:val")) or 0) if level is not None else 0)
    return None


def _format_number(n: int, fmt: str) -> str:
    """One list number in Word's ``numFmt``.

    >>> [_format_number(n, "chineseCounting") for n in (3, 10, 12, 20, 21)]
    ['三', '十', '十二', '二十', '二十一']
    """
    if fmt.startswith(("chinese", "ideograph", "taiwanese")) and n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
        return head + (_CHINESE_DIGITS[ones] if ones or not tens else "")
    if fmt in {"upperLetter", "lowerLetter"} and n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in {"upperRoman", "lowerRoman"} and n < 40:
        roman = "X" * (n // 10) + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][n % 10]
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)
