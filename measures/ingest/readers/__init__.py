"""Readers: the bytes of a file in, its text and container metadata out.

``read_document`` chooses the reader by what the bytes are (magic numbers, markup),
and only then by the file name, so a web page saved as ``.txt`` is still read as
HTML and a PDF renamed ``.doc`` is still a PDF. Formats we cannot read are refused
with a message naming the format and what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..errors import IngestError
from .base import ReadDocument
from .text import decode_bytes, read_text

__all__ = ["DOCUMENT_SUFFIXES", "ReadDocument", "decode_bytes", "read_document", "sniff_format"]

# What a directory walk picks up: the formats we read and those we refuse with advice.
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx"}
    | {".doc", ".wps", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".mht", ".mhtml", ".ofd", ".caj"}
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = (b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf\x27\x1c", b"BZh")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<title|<body|<!--)", re.IGNORECASE)
_HTML_INSIDE = re.compile(rb"<(?:html|body)[\s>]", re.IGNORECASE)


def read_document(data: bytes, filename: str = "") -> ReadDocument:
    """Read ``data`` with the reader its format needs, or raise IngestError saying what to do.

    >>> read_document("设立专项资金。".encode("gb18030"), "a.txt").text
    '设立专项资金。'
    """
    fmt = sniff_format(data, filename)
    # The HTML, PDF and Word libraries are imported on first use, not by every process that imports the pipeline.
    if fmt == "html":
        from .html import read_html

        return read_html(data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if fmt == "docx":
        from .word import read_docx

        return read_docx(data)
    if fmt == "text":
        return read_text(data)
    raise IngestError(_REFUSALS[fmt])


def sniff_format(data: bytes, filename: str = "") -> str:
    """Name the format of ``data``: a reader's format or a key of the refusal messages.

    >>> sniff_format(b"%PDF-1.7 ...", "scan.doc"), sniff_format(b"<!DOCTYPE html><p>x", "a.txt")
    ('pdf', 'html')
    """
    suffix = PurePath(filename).suffix.lower()
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(_OLE):
        return {".doc": "doc", ".wps": "doc", ".xls": "xls", ".et": "xls", ".ppt": "ppt"}.get(suffix, "ole")
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(_ARCHIVE_MAGIC):
        return "archive"
    if suffix in {".ofd", ".caj"}:
        return suffix[1:]
    ascii_head = head.replace(b"\x00", b"")  # UTF-16 markup reads as ASCII once the zero bytes go
    if ascii_head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        ascii_head = ascii_head.lstrip(b"\xef\xbb\xbf\xff\xfe")
    if re.match(rb"\s*MIME-Version:", ascii_head, re.IGNORECASE) or suffix in {".mht", ".mhtml"}:
        return "mhtml"
    if _HTML_START.match(ascii_head) or _HTML_INSIDE.search(ascii_head):
        return "html"
    if suffix in {".htm", ".html", ".shtml", ".xhtml"} and b"<" in ascii_head:
        return "html"
    # A name that promises a binary format keeps its promise, even over bytes that decode as text.
    return _SUFFIX_REFUSALS.get(suffix, "text")


def _zip_format(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError):
        return "archive"
    if "word/document.xml" in names:
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    if "mimetype" in names or "content.xml" in names:
        return "odf"
    if any(name.startswith("Doc_") or name == "OFD.xml" for name in names):
        return "ofd"
    return "archive"


_SUFFIX_REFUSALS = {
    ".pdf": "pdf",  # a damaged PDF: its reader says so
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".xls": "xls",
    ".et": "xls",
    ".xlsx": "xlsx",
    ".ppt": "ppt",
    ".pptx": "pptx",
    ".odt": "odf",
    ".rtf": "rtf",
    ".zip": "archive",
    ".rar": "archive",
    ".7z": "archive",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}

_REFUSALS: dict[str, str | Promise] = {
    "doc": _("这是旧版 Word 文件（.doc）：请用 Word 或 WPS 另存为 .docx 再导入"),
    "xls": _("这是 Excel 表格（.xls）：本系统只导入政策文件正文，请把正文另存为 .docx 或文本文件再导入"),
    "xlsx": _("这是 Excel 表格（.xlsx）：本系统只导入政策文件正文，请把正文另存为 .docx 或文本文件再导入"),
    "ppt": _("这是 PowerPoint 演示文稿（.ppt）：请把正文另存为 .docx、PDF 或文本文件再导入"),
    "pptx": _("这是 PowerPoint 演示文稿（.pptx）：请把正文另存为 .docx、PDF 或文本文件再导入"),
    "ole": _("这是旧版 Office 二进制文件（Word/Excel 97-2003）：请另存为 .docx 或文本文件再导入"),
    "odf": _("这是 OpenDocument 文件（.odt 等）：请另存为 .docx 或文本文件再导入"),
    "rtf": _("这是 RTF 文件：请用 Word 或 WPS 另存为 .docx 或文本文件再导入"),
    "image": _("这是图片：请先做文字识别（OCR），把识别出的文字存为文本文件再导入"),
    "archive": _("这是压缩包：请先解压，再逐个导入其中的文件"),
    "mhtml": _("这是 MHTML 单一网页文件（.mht）：请在浏览器中另存为“网页，仅 HTML”再导入"),
    "ofd": _("这是 OFD 版式文件：请用数科阅读器等软件导出为 PDF 或文本再导入"),
    "caj": _("这是 CAJ 文件：请用 CAJViewer 导出为 PDF 或文本再导入"),
}
