"""PDF files with a text layer, by pdfminer.six (which maps CJK CID fonts to Unicode).

Lines inside a paragraph are joined, since a PDF breaks lines where the page ends,
not where sentences end: ``设立专项\\n资金。`` → ``设立专项资金。``. Paragraphs are
found by the lines' geometry (see ``join_lines``), since government PDFs set lines
so far apart that every line is a text box of its own.
A PDF without text (a scan) is refused: it needs OCR first.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException
from pdfminer.utils import decode_text

from ..errors import IngestError
from .base import ReadDocument

_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十百\d]+[章节条])"
)
_CJK_START = re.compile(r"[\u3400-\u9fff]")
_CJK_END = re.compile(r"[\u3400-\u9fff，。、；：！？）》”]$")
# A page with fewer characters than this on average is a scan with a stray header at most.
_MIN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class Line:
    """One printed line: its text, left and right edges, and height (about the font size)."""

    text: str
    left: float
    right: float
    height: float


def read_pdf(data: bytes) -> ReadDocument:
    """Read the text layer of a PDF, one paragraph per line."""
    try:
        pages = list(extract_pages(io.BytesIO(data), laparams=LAParams()))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError(_("这个 PDF 有密码保护：请先解除保护（或另存一份不加密的 PDF）再导入")) from exc
    # pdfminer reports some damage with ``assert`` (e.g. an octal escape above \377), so AssertionError too.
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, AttributeError, AssertionError) as exc:
        raise IngestError(_("这个 PDF 已损坏，无法读取：请重新下载或另存后再导入")) from exc
    paragraphs: list[str] = []
    for page in pages:
        lines = [
            Line(line.get_text().strip(), line.x0, line.x1, line.height)
            for box in page
            if isinstance(box, LTTextBox)
            for line in box
            if isinstance(line, LTTextLine) and line.get_text().strip()
        ]
        paragraphs.extend(join_lines(lines))
    text = "\n".join(paragraphs)
    if len(text.replace(" ", "")) < _MIN_CHARS_PER_PAGE * max(1, len(pages)) / 2:
        raise IngestError(_("这是扫描版 PDF，没有文字层：请先做文字识别（OCR）再导入"))
    return ReadDocument(text=text, format="pdf", metadata=_info(data))


def join_lines(lines: list[Line]) -> list[str]:
    """Join the printed lines of one page into paragraphs.

    A line that reaches the right margin runs on into the next, unless the next is
    indented (首行缩进, a centred title) or starts a numbered item; a line that stops
    short (a heading, a paragraph's last line) ends its paragraph.

    >>> join_lines([Line("一、总体要求", 90, 162, 12), Line("各地要设立产业集群发展专项资", 90, 426, 12),
    ...             Line("金。", 66, 90, 12), Line("二、加强用地保障。", 90, 198, 12)])
    ['一、总体要求', '各地要设立产业集群发展专项资金。', '二、加强用地保障。']
    """
    if not lines:
        return []
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    paragraphs: list[str] = []
    previous_full = False
    for line in lines:
        indented = line.left > left + line.height
        if paragraphs and previous_full and not indented and not _ITEM_START.match(line.text):
            glue = "" if _CJK_END.search(paragraphs[-1]) or _CJK_START.match(line.text) else " "
            paragraphs[-1] += glue + line.text
        else:
            paragraphs.append(line.text)
        previous_full = line.right >= right - 1.5 * line.height
    return paragraphs


def _info(data: bytes) -> dict[str, str]:
    """Title and creation date from the document information dictionary, when meaningful."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = resolve1(document.info[0]) if document.info else {}
    except (PSException, ValueError, TypeError, KeyError, AttributeError, AssertionError):
        return {}
    found: dict[str, str] = {}
    title = resolve1(info.get("Title"))
    if isinstance(title, bytes):
        title = decode_text(title)
    if isinstance(title, str):
        # Word's PDF export writes "Microsoft Word - 文件名.doc"; that names a file, not a document.
        title = re.sub(r"^Microsoft Word - |\.(?:docx?|wps)$", "", title.strip())
        if re.search(r"[\u3400-\u9fff]", title):
            found["title"] = title
    return found
