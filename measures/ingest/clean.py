"""Strip web-page chrome from scraped text without losing body text.

Works on normalised (simplified, full-width punctuation) text, line by line; what a chrome
line looks like is in ``chrome.py``, *where* it may be removed is decided here, from the
page's structure. A page has a header, a body and a footer: the body runs from the first
to the last *substantial* line (long, and not chrome).

- A line that reads as body text (a sentence with a government action) is never removed.
- Chrome by shape (metadata tables, bylines, reprint lines, disclaimers, app banners,
  font and print controls, page headers, leaked tags) goes wherever it stands.
- Chrome by word (log-in prompts, footers, VIP terms) goes outside the body, and inside
  it only when the line is short, so a paragraph that mentions 版权 or 下载 stays.
- Above the first sentence, a line of short comma-strung phrases is SEO keywords.
- Before the first line that could start a document (a title, heading, addressee,
  document number, date or sentence), short lines are navigation: section labels,
  site names, menu items.
- Below the body, lines as short as menu items go unless they sign or date the document.
- A link-list heading (热门相关, 推荐阅读…) takes the headlines under it along; a run of
  headline-like lines after the body is a list of other articles.
- A short line repeated in the header and the footer is the site's; one printed three
  times or more is a running page header.
- A line repeated on the next line is kept once (the later copy, nearer the body); of two
  copies of a title one of which carries injected words, the shorter is kept; a line cut
  off with … that begins like a nearby line is a teaser and goes.

Lines are removed whole or kept whole: the kept lines are always a subsequence of the
input lines.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .chrome import (
    MASTHEAD,
    is_anchored_chrome,
    is_body_like,
    is_bulleted_key,
    is_debris,
    is_empty_metadata_key,
    is_link_list_header,
    is_loose_chrome,
    is_name_note,
    is_phrase_list,
    is_spam_list,
    is_weak_metadata,
    strip_bullets,
)
from .chrome import is_chrome as is_chrome
from .errors import IngestError

# A "substantial" line is long enough to be a paragraph of body text.
_SUBSTANTIAL_CHARS = 40
_WRAPPED_LINE_CHARS = 20
# Inside the body, only lines this short may be removed for a chrome word.
_SHORT_CHROME_CHARS = 30
_SITE_NAME_CHARS = 12
# Before the document starts, lines this short are navigation unless they look like a title.
_NAV_CHARS = 8
_FOOTER_LABEL_CHARS = 6
_BULLET_NAV_CHARS = 20
_HEADLINE_CHARS = (10, 40)
_FOOTER_HEADLINE_RUN = 3
_INJECTION_CHARS = (2, 15)
_TEASER_REACH = 3
_RUNNING_HEADER_REPEATS = 3
# A masthead printed again is a page header: a document shows it once.
_MASTHEAD_REPEATS = 2
_TEASER_PREFIX_CHARS = 10
_METADATA_VALUE_CHARS = 20
_BOX_REACH = 4
_TITLE_COPY_CHARS = 8
_BYLINE_KEY = re.compile(r"(来源|日期|发布时间|发表时间|点击|浏览)\s*[:：]")
# 某某市人民政府办公室关于加快发展先进制造业集群的实施意见
_FORMAL_TITLE = re.compile(
    r"^[^，。；！？]{0,60}(关于|印发)[^，。；！？]{2,80}(通知|意见|方案|措施|办法|规划|决定|细则|规定|纲要|计划|通告|公告|报告)$"
)

_TITLE_WORD = re.compile(
    "关于|通知|意见|方案|措施|办法|规划|决定|报告|讲话|政策|印发|公告|通告|通报|细则|规定|纲要|函|批复|答复|建议|"
    "条例|计划|纪要|附件|发言|致辞|"
    # a short news headline names an event: 我县召开座谈会
    "召开|举行|举办|座谈|会议|出台|发布|启动|部署|调研|考察|签约|开工|投产|揭牌"
)
_HEADING = re.compile(
    r"^([一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d{1,2}[、.．]|第[一二三四五六七八九十百\d]+[章节条])"
)
_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*(19|20)\d{2}")
_DATE_LINE = re.compile(r"^((19|20)\d{2}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^(19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}$")
_TERMINATOR = re.compile(r"[。！？；!?;]")
_CLAUSE_PUNCT = re.compile(r"[，。；,;]")
_SIGNATURE = re.compile(r"(厅|局|委|委员会|政府|办公室|办公厅|部|院|中心|镇|乡|街道|公司|协会|学会|小组|办)$")
_MASTHEAD = re.compile(MASTHEAD)
_ISO_DATE_LINE = re.compile(r"^(19|20)\d{2}-\d{1,2}-\d{1,2}$")
# A document's closing words: 特此通知。, 此复。
_CLOSING_FORMULA = re.compile(r"^(特此|此复|此致|专此)\S{0,4}[。！]?$")
_COUNTER = re.compile(r"^[（(]\d{1,6}[)）]$")
_LEADING_BULLET = re.compile(r"^\s*[•·●○◆◇■□▪▸►]")
_NOTHING_LEFT = _("去掉网页导航、页脚等内容后没有剩下正文：请确认文件是政策文本本身")
_NOT_CHINESE = _("正文几乎没有汉字：本系统只收录中文政策文本，请确认选对了文件")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Fewer Chinese characters than this, and more Latin letters, is a text in another language.
_MIN_CJK_CHARS = 10


# A newspaper's jump line: （上接第一版）before the text it continues, （下转第二版）after the text it breaks.
_CONTINUATION_NOTE = re.compile(
    r"^\s*[（(](上接|接|转自)第?[\d一二三四五六七八九十]{1,3}版[)）]\s*|\s*[（(](下转|转)第?[\d一二三四五六七八九十]{1,3}版[)）]\s*$"
)


@dataclass(frozen=True)
class CleanResult:
    text: str
    removed: tuple[str, ...]


def clean_text(text: str) -> CleanResult:
    """Remove page chrome; raise IngestError if no body text is left.

    >>> clean_text("首页 > 范文大全 > 正文\\n设立泵阀产业专项资金，加强土地要素保障，加强人才队伍建设，支持行业协会建设。").text
    '设立泵阀产业专项资金，加强土地要素保障，加强人才队伍建设，支持行业协会建设。'
    >>> clean_text("工作动态\\n- 浏览次数:241\\n我镇召开产业发展会议\\n会议要求加快建设产业园区。").text
    '我镇召开产业发展会议\\n会议要求加快建设产业园区。'
    """
    lines = text.split("\n")
    protected = [is_body_like(line) for line in lines]
    anchored = _anchored_chrome(lines)
    cjk = len(_CJK_CHAR.findall(text))
    if cjk >= _CHINESE_TEXT_CHARS or cjk > len(_LATIN_LETTER.findall(text)):
        # an English title, abstract or affiliation beside a Chinese article
        anchored = [a or _is_foreign(line) for a, line in zip(anchored, lines, strict=True)]
    first_sentence = next((i for i, line in enumerate(lines) if _TERMINATOR.search(line)), len(lines))
    for i in range(first_sentence):
        anchored[i] = anchored[i] or is_phrase_list(lines[i])  # SEO keywords above the text
    anchored = [a or is_spam_list(line) for a, line in zip(anchored, lines, strict=True)]  # and spam anywhere
    loose = [is_loose_chrome(line) for line in lines]
    chrome = [(a or w) and not p for a, w, p in zip(anchored, loose, protected, strict=True)]
    body_start, body_end = _body_span(lines, chrome)

    drop = [False] * len(lines)
    for i, line in enumerate(lines):
        outside_body = i < body_start or i > body_end
        if chrome[i] and (anchored[i] or outside_body or len(line) <= _SHORT_CHROME_CHARS):
            drop[i] = True
    _drop_navigation(lines, drop, protected)
    _drop_footer_labels(lines, drop, protected, body_end)
    _drop_link_lists(lines, drop, protected, body_end)
    _drop_site_repeats(lines, drop, protected, body_start, body_end)
    _drop_duplicates(lines, drop, protected)
    _drop_page_headline(lines, drop, anchored, body_start)
    _drop_above_formal_title(lines, drop, protected)
    labelled = lines
    lines = _original_title_as_headline(lines, drop, first_sentence)
    lines = _without_continuation_notes(lines, drop)

    kept = [line for line, dropped in zip(lines, drop, strict=True) if not dropped]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    if not cleaned:
        raise IngestError(str(_NOTHING_LEFT))
    if not _reads_as_chinese(cleaned):
        raise IngestError(str(_NOT_CHINESE))
    removed = tuple(line for line, dropped in zip(lines, drop, strict=True) if dropped and line.strip())
    # the 原标题 label taken off a headline still tells detection what the headline is
    removed += tuple(old for old, new in zip(labelled, lines, strict=True) if old != new)
    return CleanResult(text=cleaned, removed=removed)


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FOREIGN_WORDS = 3
# A text with this many Chinese characters is a Chinese text, whatever English abstract it carries.
_CHINESE_TEXT_CHARS = 100


def _is_foreign(line: str) -> bool:
    """A line in another language, with no Chinese character at all.

    >>> _is_foreign("Analysis on Concentration Degree of Peach Industry"), _is_foreign("支持LPR报价。")
    (True, False)
    """
    return not _CJK_CHAR.search(line) and len(_LATIN_WORD.findall(line)) >= _FOREIGN_WORDS


def _reads_as_chinese(text: str) -> bool:
    """A few Chinese characters, or more of them than Latin letters, or a Chinese sentence that
    carries a measure.

    >>> _reads_as_chinese("设立专项资金。"), _reads_as_chinese("Cluster policy of Yongjia 永嘉 county")
    (True, False)
    """
    cjk = len(_CJK_CHAR.findall(text))
    if cjk >= _MIN_CJK_CHARS or (cjk > 0 and cjk >= len(_LATIN_LETTER.findall(text))):
        return True
    return any(is_body_like(line) for line in text.split("\n"))  # a short measure among foreign words


def _anchored_chrome(lines: list[str]) -> list[bool]:
    """Chrome by shape, plus ``标题:``-style lines that stand beside a metadata line."""
    anchored = [is_anchored_chrome(line) for line in lines]
    for i, line in enumerate(lines):
        if not anchored[i] and is_weak_metadata(line):
            anchored[i] = any(anchored[j] and not is_debris(lines[j]) for j in _nonblank_around(lines, i))
    for i, line in enumerate(lines):  # 2024-12-20 beside 39.14KB: the date of a page's metadata block
        if not anchored[i] and _ISO_DATE_LINE.match(line.strip()):
            anchored[i] = any(anchored[j] and not is_debris(lines[j]) for j in _nonblank_around(lines, i))
    # a key whose value stands on the next line; bulleted keys only among others (an info box)
    pairs: dict[int, int] = {}
    for i, line in enumerate(lines):
        if is_empty_metadata_key(line) or is_bulleted_key(line):
            value = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if value is not None and _is_metadata_value(lines[value]):
                pairs[i] = value
    for i, value in pairs.items():
        if is_empty_metadata_key(lines[i]) or any(j != i and abs(j - i) <= _BOX_REACH for j in pairs):
            anchored[i] = anchored[value] = True
    return anchored


def _is_metadata_value(line: str) -> bool:
    stripped = strip_bullets(line)
    return len(stripped) <= _METADATA_VALUE_CHARS and not _TERMINATOR.search(stripped) and not is_body_like(line)


def _nonblank_around(lines: list[str], i: int) -> list[int]:
    before = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
    after = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return [j for j in (before, after) if j is not None]


def _body_span(lines: list[str], chrome: list[bool]) -> tuple[int, int]:
    long_lines = [i for i, line in enumerate(lines) if len(line) >= _SUBSTANTIAL_CHARS]
    # Prefer paragraphs (a long title has no commas) free of chrome words; a text whose every
    # paragraph mentions, say, 版权 is still a text, and so is a short one without chrome at all.
    substantial = (
        [i for i in long_lines if not chrome[i] and _CLAUSE_PUNCT.search(lines[i])]
        # a text broken into short lines (a PDF's, a page's hard wraps): its punctuated lines
        or [
            i
            for i, line in enumerate(lines)
            if len(line) >= _WRAPPED_LINE_CHARS and not chrome[i] and _CLAUSE_PUNCT.search(line)
        ]
        or [i for i in long_lines if not chrome[i]]
        or long_lines
        or [i for i, line in enumerate(lines) if line.strip() and not chrome[i]]
    )
    if not substantial:
        raise IngestError(str(_NOTHING_LEFT))
    return substantial[0], substantial[-1]


def _could_start_document(line: str) -> bool:
    """A title, heading, addressee, document number, date or sentence: not navigation."""
    stripped = strip_bullets(line)
    if _LEADING_BULLET.match(line) and len(stripped) <= _BULLET_NAV_CHARS:
        return False
    return bool(
        len(stripped) > _NAV_CHARS
        or _TITLE_WORD.search(stripped)
        or _HEADING.match(stripped)
        or _TERMINATOR.search(stripped)
        or _DOC_NUMBER.search(stripped)
        or _DATE_LINE.match(stripped)
        or stripped.endswith(("：", ":"))
    )


def _drop_navigation(lines: list[str], drop: list[bool], protected: list[bool]) -> None:
    """Drop the short lines above the first line that could start the document; an issuer on a
    line of its own above 关于… (某某省人民政府 / 关于…的意见) starts it."""
    for i, line in enumerate(lines):
        if drop[i] or not line.strip():
            continue
        following = next((lines[j].strip() for j in range(i + 1, len(lines)) if lines[j].strip()), "")
        opens_title = bool(_SIGNATURE.search(line.strip())) and following.startswith(("关于", "印发"))
        if protected[i] or opens_title or _could_start_document(line):
            return
        drop[i] = True


def _drop_footer_labels(lines: list[str], drop: list[bool], protected: list[bool], body_end: int) -> None:
    """Below the body, lines as short as menu items go, unless they sign or date the document; so
    does a bare count in brackets (a vote or comment counter: ``(0)``)."""
    for i in range(body_end + 1, len(lines)):
        stripped = strip_bullets(lines[i])
        if (
            stripped
            and not protected[i]
            and len(stripped) <= _FOOTER_LABEL_CHARS
            and not (_SIGNATURE.search(stripped) or _DATE_LINE.match(stripped) or _HEADING.match(stripped))
            and not stripped.startswith(("附", "（", "("))
            and not _CLOSING_FORMULA.match(stripped)
        ) or (stripped and not protected[i] and (is_name_note(stripped) or _COUNTER.match(stripped))):
            drop[i] = True


def _is_headline(line: str, *, in_footer: bool) -> bool:
    stripped = strip_bullets(line)
    low, high = _HEADLINE_CHARS
    if not (low <= len(stripped) <= high) or _TERMINATOR.search(stripped[:-1]) or is_body_like(line):
        return False
    if stripped.endswith(("：", ":")):
        return False
    if in_footer:  # a signature, a date, contact lines and numbered attachments are not headlines
        return not (
            _SIGNATURE.search(stripped)
            or _DATE_LINE.match(stripped)
            or _HEADING.match(stripped)
            or "：" in stripped
            or ":" in stripped
            or stripped.startswith(("（", "("))
        )
    return True


def _drop_link_lists(lines: list[str], drop: list[bool], protected: list[bool], body_end: int) -> None:
    i = 0
    while i < len(lines):
        if is_link_list_header(lines[i]) and not protected[i]:
            drop[i] = True
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or _is_headline(lines[j], in_footer=False)):
                drop[j] = drop[j] or bool(lines[j].strip())
                j += 1
            i = j
        else:
            i += 1
    run: list[int] = []
    for i in range(body_end + 1, len(lines) + 1):
        line = lines[i] if i < len(lines) else None
        if line is not None and not line.strip():
            continue
        if line is not None and not drop[i] and _is_headline(line, in_footer=True):
            run.append(i)
            continue
        if len(run) >= _FOOTER_HEADLINE_RUN:
            for j in run:
                drop[j] = True
        run = []


def _drop_site_repeats(
    lines: list[str], drop: list[bool], protected: list[bool], body_start: int, body_end: int
) -> None:
    """Short lines the site or the printer repeats: outside the body, in removed chrome or at top
    and bottom; anywhere, a running header printed on every page of a PDF."""
    counts = Counter(line.strip() for line in lines if line.strip())
    for i, line in enumerate(lines):
        stripped = line.strip()
        if (
            counts[stripped] >= (_MASTHEAD_REPEATS if _MASTHEAD.match(stripped) else _RUNNING_HEADER_REPEATS)
            and len(stripped) <= _SHORT_CHROME_CHARS
            and not (protected[i] or _HEADING.match(stripped) or _DATE_LINE.match(stripped))
        ):
            drop[i] = True
    removed_chrome = " ".join(line for i, line in enumerate(lines) if drop[i])
    header = {strip_bullets(line) for line in lines[:body_start] if line.strip()}
    footer = {strip_bullets(line) for line in lines[body_end + 1 :] if line.strip()}
    for i, line in enumerate(lines):
        if drop[i] or protected[i] or body_start <= i <= body_end:
            continue
        name = strip_bullets(line)
        if _SIGNATURE.search(name) or _DOC_NUMBER.search(name) or _DATE_LINE.match(name):
            continue  # 某某省人民政府 signs the document, even when a source line names it too, as its number dates it
        if _TITLE_WORD.search(name) and not (name in header and name in footer):
            continue  # 某某调研报告, mentioned again in a removed line, is a title, not the site's name
        if 0 < len(name) <= _SITE_NAME_CHARS and (name in removed_chrome or (name in header and name in footer)):
            drop[i] = True


def _drop_page_headline(lines: list[str], drop: list[bool], anchored: list[bool], body_start: int) -> None:
    """Above a byline, the page's headline gives way to the document's own formal title below it
    (a site may even show another article's headline there); with no formal title below, the
    headline is the title and stays."""
    byline = next((i for i, line in enumerate(lines) if anchored[i] and _BYLINE_KEY.search(line)), None)
    if byline is None or byline > body_start:
        return  # a source line under the text, not a byline above it
    below = next((j for j in range(byline + 1, len(lines)) if lines[j].strip() and not drop[j]), None)
    if below is None or not _FORMAL_TITLE.match(lines[below].strip()):
        return
    for i in range(byline):
        line = lines[i].strip()
        # nothing of the document stands above its own title: even a headline that reads like a sentence goes
        if line and not drop[i] and len(line) <= _HEADLINE_CHARS[1]:
            drop[i] = True


_ABOVE_TITLE_REACH = 3


def _drop_above_formal_title(lines: list[str], drop: list[bool], protected: list[bool]) -> None:
    """Nothing of a document but its masthead, issuer, number or date stands above its formal title
    (某某市人民政府关于…的通知) at the top of a page: a column label, a cut-off page headline or a
    spam fragment there goes."""
    kept = [i for i, line in enumerate(lines) if line.strip() and not drop[i]][: _ABOVE_TITLE_REACH + 1]
    title = next((k for k, i in enumerate(kept) if k > 0 and _FORMAL_TITLE.match(lines[i].strip())), None)
    if title is None:
        return
    for i in kept[:title]:
        line = lines[i].strip()
        if not (
            protected[i]
            or _SIGNATURE.search(line)
            or _MASTHEAD.match(line)
            or _DOC_NUMBER.search(line)
            or _DATE_LINE.match(line)
            or _TERMINATOR.search(line)
            or re.search(r"关于|印发|转发|《", line)  # the title's own first line: 某某办公厅关于 / 印发…的通知
        ):
            drop[i] = True


_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(?P<title>[^。！？；]{4,100})$")


def _without_continuation_notes(lines: list[str], drop: list[bool]) -> list[str]:
    """The lines without a newspaper's jump lines; a line that was only one is dropped.

    >>> _without_continuation_notes(["（上接第一版）（二）产业升级步伐加快。", "（下转第二版）"], [False, False])
    ['（二）产业升级步伐加快。', '']
    """
    stripped = [_CONTINUATION_NOTE.sub("", line) for line in lines]
    for i, line in enumerate(stripped):
        if not line and lines[i].strip():
            drop[i] = True
    return stripped


def _original_title_as_headline(lines: list[str], drop: list[bool], first_sentence: int) -> list[str]:
    """A repost that names its headline only as 原标题：X, nothing else above its first sentence,
    keeps X as its headline; the label goes.

    >>> _original_title_as_headline(["原标题：某市建成产业园", "近日，某市建成产业园。"], [True, False], 1)
    ['某市建成产业园', '近日，某市建成产业园。']
    """
    above = [i for i in range(first_sentence) if lines[i].strip()]
    if any(not drop[i] for i in above):
        return lines
    for i in above:
        original = _ORIGINAL_TITLE.match(lines[i].strip())
        if original:
            drop[i] = False
            return [*lines[:i], original["title"].strip(), *lines[i + 1 :]]
    return lines


def _drop_duplicates(lines: list[str], drop: list[bool], protected: list[bool]) -> None:
    _drop_teasers(lines, drop, protected)
    _drop_wrapped_copies(lines, drop, protected)
    _drop_repeated_blocks(lines, drop)
    _drop_repeated_paragraphs(lines, drop)
    previous: int | None = None
    for i, line in enumerate(lines):
        if drop[i] or not line.strip():
            continue
        if previous is not None:
            cut_copy = (
                len(lines[previous]) >= _TEASER_PREFIX_CHARS
                and line.startswith(lines[previous])
                and line != lines[previous]
            )
            if cut_copy and _SERIAL_SUFFIX.fullmatch(line[len(lines[previous]) :]) and not protected[i]:
                drop[i] = True  # a template site's copy of the title with its serial: 某某讲话篇1 under 某某讲话
                continue
            if (
                line == lines[previous]
                or _is_labelled_copy(lines[previous], line)
                or (cut_copy and not protected[previous])
            ):
                drop[previous] = True  # a title repeated (or cut short above itself): keep the copy next to the body
            elif _is_injected_copy(lines[previous], line) and not protected[previous]:
                drop[previous] = True
            elif _is_injected_copy(line, lines[previous]) and not protected[i]:
                drop[i] = True
                continue
        previous = i


# The serial a template site appends to a title it lists several versions of: 篇1, （2）
_SERIAL_SUFFIX = re.compile(r"\s*(篇\s*\d{1,3}|[（(]\d{1,3}[)）])")
_QUOTES_AND_PAUSES = re.compile(r"[“”‘’\"'、，,·\s《》〈〉]")
_WRAPPED_COPY_REACH = 8
_REPEATED_LINE_CHARS = 20


def _drop_wrapped_copies(lines: list[str], drop: list[bool], protected: list[bool]) -> None:
    """A title printed again over two lines (a PDF's line break inside it, its quotes kept) goes;
    the copy on one line stays."""
    kept = [i for i, line in enumerate(lines) if line.strip() and not drop[i]]
    for position in range(1, len(kept) - 1):
        first, second = kept[position], kept[position + 1]
        if protected[first] or protected[second]:
            continue
        joined = _QUOTES_AND_PAUSES.sub("", lines[first] + lines[second])
        if len(joined) < _TITLE_COPY_CHARS * 2:
            continue
        # the copy on one line may stand before the wrapped one or after it
        nearby = (
            kept[max(0, position - _WRAPPED_COPY_REACH) : position] + kept[position + 2 : position + 2 + _TEASER_REACH]
        )
        if any(_QUOTES_AND_PAUSES.sub("", lines[k]) == joined for k in nearby):
            drop[first] = drop[second] = True


def _drop_repeated_blocks(lines: list[str], drop: list[bool]) -> None:
    """A page that prints its article twice: two or more long lines met again, in the same order,
    go the second time (one repeated sentence stays: a text may say a thing twice)."""
    kept = [i for i, line in enumerate(lines) if line.strip() and not drop[i]]
    first_seen: dict[str, int] = {}
    repeated: list[tuple[int, int]] = []  # (position of the copy, position of the original)
    for position, i in enumerate(kept):
        line = lines[i].strip()
        if len(line) >= _REPEATED_LINE_CHARS and line in first_seen:
            repeated.append((position, first_seen[line]))
        first_seen.setdefault(line, position)
    copies = dict(repeated)
    for position, original in repeated:
        if copies.get(position + 1) == original + 1 or copies.get(position - 1) == original - 1:
            drop[kept[position]] = True


_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
# A sentence this long said twice word for word is the page printing it twice (a lead shown above
# the article, say); shorter ones (所需资金由市财政承担。) a text may well repeat under two items.
_REPEATED_SENTENCE_CHARS = 30


def _drop_repeated_paragraphs(lines: list[str], drop: list[bool]) -> None:
    """A paragraph printed again: every sentence of it said before, word for word, the last perhaps
    cut off mid-sentence (a page repeating its lead, cut where the page ends). A numbered line is an
    outline's item met again as a heading and stays."""
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if drop[i] or not line.strip():
            continue
        sentences = _SENTENCE.findall(line.strip())
        last = sentences[-1] if sentences else ""
        cut = not _TERMINATOR.search(last[-1:]) and len(last) >= _REPEATED_LINE_CHARS
        repeated = bool(sentences) and all(
            (len(s) >= _REPEATED_SENTENCE_CHARS and s in seen)
            or (s is last and cut and any(other.startswith(s) and _TERMINATOR.search(other[-1]) for other in seen))
            for s in sentences
        )
        if repeated and not _HEADING.match(line.strip()):
            drop[i] = True
        seen.update(sentences)


def _drop_teasers(lines: list[str], drop: list[bool], protected: list[bool]) -> None:
    """A line cut off with … that begins like a nearby line is a teaser of it (a summary box)."""
    nonblank = [i for i, line in enumerate(lines) if line.strip() and not drop[i]]
    for position, i in enumerate(nonblank):
        teaser = lines[i].strip()
        if protected[i] or not teaser.endswith(("…", "...")):
            continue
        start = teaser.rstrip("….")
        for j in nonblank[max(0, position - _TEASER_REACH) : position + _TEASER_REACH + 1]:
            other = lines[j].strip()
            if j != i and len(other) >= _TEASER_PREFIX_CHARS and (start.startswith(other) or other.startswith(start)):
                drop[i] = True
                break


_COLUMN_LABEL = re.compile(r"^[^：:|丨｜《》〔]{2,6}[：:|丨｜]\s*")
_CRUMB_START = re.compile(r"^(首页|主页|网站首页|当前位置|您的位置|你的位置)\S{0,20}$")
_DOCUMENT_NUMBER_PREFIX = re.compile(r"^\S{0,12}[〔\[［]\s*(19|20)\d{2}\s*[〕\]］]\s*\d+\s*号\s*")
_DOCUMENT_NUMBER_SUFFIX = re.compile(r"[-—－\s（(]*[\u4e00-\u9fff]{1,8}[〔\[［](19|20)\d{2}[〕\]］]\s*\d+\s*号[)）]?$")


def _title_core(line: str) -> str:
    """A headline without a column label, a document number before or after it and the quotes around it."""
    core = _DOCUMENT_NUMBER_PREFIX.sub("", _COLUMN_LABEL.sub("", line.strip()))
    core = _DOCUMENT_NUMBER_SUFFIX.sub("", core) or core
    if core.startswith("《") and core.endswith("》") and core.count("《") == 1:
        core = core[1:-1]
    return core


def _is_labelled_copy(page_headline: str, title: str) -> bool:
    """``page_headline`` is ``title`` printed again by the site, with a column label or the
    document number in front and quotes around it.

    >>> _is_labelled_copy("现行政策|《某某省集群培育管理办法（暂行）》", "某某省集群培育管理办法（暂行）")
    True
    >>> _is_labelled_copy("某政办发〔2024〕27号《关于印发某某方案的通知》", "《关于印发某某方案的通知》")
    True
    >>> _is_labelled_copy("要闻：某某县召开集群发展大会", "某某县召开集群发展大会（图）")
    False
    """
    core = _title_core(page_headline)
    if core != page_headline and len(core) >= _TITLE_COPY_CHARS and core == _title_core(title):
        return True
    # a breadcrumb that ends in the title: 首页 最新文章 某某研究
    crumb = page_headline[: len(page_headline) - len(title)]
    return len(title) >= _TITLE_COPY_CHARS and page_headline.endswith(title) and bool(_CRUMB_START.match(crumb))


def _is_injected_copy(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with a few words injected inside it (SEO spam in a repeated title).

    >>> _is_injected_copy("新疆广告词出台十大举措", "新疆出台十大举措")
    True
    >>> _is_injected_copy("（一）指导思想。以科学发展观为统领", "（一）指导思想")
    False
    """
    extra = len(longer) - len(shorter)
    low, high = _INJECTION_CHARS
    if not (low <= extra <= high) or len(longer) > 80:
        return False
    prefix = 0
    while prefix < len(shorter) and longer[prefix] == shorter[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(shorter) - prefix and longer[-1 - suffix] == shorter[-1 - suffix]:
        suffix += 1
    return prefix >= 2 and suffix >= 2 and prefix + suffix == len(shorter)
