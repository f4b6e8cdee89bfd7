"""Web pages: the main content by trafilatura, plus what the page says about itself.

Chinese government CMSs (TRS, Hanweb, …) state the article's title, publication
date and source in ``<meta>`` tags; browsers' "save page" adds the address as a
``<!-- saved from url=… -->`` comment. Those become metadata; the body is
trafilatura's main-content extraction, which drops navigation, footers and related-
link lists but keeps paragraphs and numbered items in order.
"""

from __future__ import annotations

import re

import trafilatura
from django.utils.translation import gettext_lazy as _
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..errors import IngestError
from .base import ReadDocument

_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
# Meta names used by Chinese government CMSs and by Open Graph / Dublin Core.
_META_KEYS = {
    "title": ("articletitle", "og:title", "dc.title"),
    "date": ("pubdate", "firstpublishedtime", "publishdate", "article:published_time", "dc.date"),
    "source": ("contentsource", "source"),
    "source_site": ("sitename", "og:site_name"),
    "source_url": ("og:url", "url"),
}
# "Title_Column_Site", "Title - Site", "Title | Site"; a hyphen between digits (2021-2025) is not one.
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜]\s*|\s+[-–—－]\s+|(?<=\D)[-－](?=\D)")
# Below this many characters the table-less extraction probably missed a page laid out in tables.
_MIN_BODY_CHARS = 50


def read_html(data: bytes) -> ReadDocument:
    """Read a saved web page; its title heads the text when the body does not repeat it."""
    tree = load_html(data)
    if tree is None:
        raise IngestError(_("网页无法解析：请在浏览器中重新另存为“网页，仅 HTML”再导入"))
    metadata = _page_metadata(data, tree)
    body = _main_text(data)
    if not body:
        raise IngestError(_("网页里没有找到正文：请确认保存的是文章页面，或把正文复制为文本文件再导入"))
    title = metadata.get("title", "")
    if title and title not in body[: len(title) + 200]:
        body = f"{title}\n{body}"
    return ReadDocument(text=body, format="html", metadata=metadata)


def _main_text(data: bytes) -> str:
    text = trafilatura.extract(data, include_tables=False, include_comments=False, deduplicate=False) or ""
    if len(text) < _MIN_BODY_CHARS:
        text = trafilatura.extract(data, include_tables=True, favor_recall=True) or text
    return "\n".join(_untable(line) for line in text.strip().split("\n"))


def _untable(line: str) -> str:
    """trafilatura writes table rows as ``| cell | cell |``; pages laid out in tables want plain lines.

    >>> _untable("| 一、设立专项资金。 | ")
    '一、设立专项资金。'
    """
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|")):
        return line
    return " ".join(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip())


def _page_metadata(data: bytes, tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content:
            metas.setdefault(name, content)
    for key, names in _META_KEYS.items():
        value = next((metas[name] for name in names if name in metas), "")
        if value:
            found[key] = value
    extracted = trafilatura.extract_metadata(data)
    if extracted is not None:
        if extracted.title and "title" not in found:
            found["title"] = extracted.title
        if extracted.date and "date" not in found:
            found["date"] = extracted.date
        if extracted.sitename and "source_site" not in found:
            found["source_site"] = extracted.sitename
    if "source_url" not in found:
        canonical = tree.xpath("//link[@rel='canonical']/@href")
        saved = _SAVED_FROM.search(data[:4096])
        if canonical:
            found["source_url"] = str(canonical[0]).strip()
        elif saved:
            found["source_url"] = saved.group(1).decode("ascii", "replace")
    if not found.get("source_url", "").startswith(("http://", "https://")):
        found.pop("source_url", None)
    if "title" in found:
        found["title"] = page_title(found["title"])
    if "date" in found:
        found["date"] = _iso_date(found["date"])
        if not found["date"]:
            del found["date"]
    return found


def page_title(title: str) -> str:
    """A page title without the site and column names that CMSs append to it.

    >>> page_title("关于印发某县促进专业镇高质量发展实施方案的通知-某县人民政府")
    '关于印发某县促进专业镇高质量发展实施方案的通知'
    >>> page_title("市政府关于加快产业集群发展的若干措施_政策文件_某某市人民政府门户网站")
    '市政府关于加快产业集群发展的若干措施'
    """
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    return max(parts, key=len) if parts else title.strip()


def _iso_date(value: str) -> str:
    """The date part of a meta date, as YYYY-MM-DD (or YYYY-MM / YYYY when that is all it says).

    >>> _iso_date("2023-6-5 10:30:00"), _iso_date("2023年06月"), _iso_date("yesterday")
    ('2023-06-05', '2023-06', '')
    """
    match = re.search(r"((?:19|20)\d\d)(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2}))?)?", value)
    if match is None:
        return ""
    year, month, day = match.groups()
    return "-".join(part.zfill(2) for part in (year, month, day) if part)
