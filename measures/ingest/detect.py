"""Detect what a document is: its title, issuer, type and date, each with evidence and a confidence.

Pure: normalised, cleaned text in, a frozen ``DetectedMetadata`` out. Every decision keeps
the Chinese text that made it, so a curator can see why. The cues are the conventions of
Chinese official documents and news — a title above the 主送 line, the issuing body
before 关于 and again above the date at the end, 〔2019〕27号 document numbers, 成文日期
in a site's metadata table, 记者 and 获悉 in reports — never one document's words.

Lines that cleaning removed (``CleanResult.removed``) may be passed as ``removed``: a
government site's metadata table (发布机构, 成文日期) or a byline (来源, 发布时间) is page
chrome, but it is also the best evidence of who issued the document and when.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from ..models import DatePrecision, DocumentType
from .chrome import AUTHOR_BYLINE, DATE_TIME_STAMP, MASTHEAD, METADATA_KEYS
from .dates import FoundDate, document_number_year, find_dates, parse_date

T = TypeVar("T")


@dataclass(frozen=True)
class Detection(Generic[T]):
    value: T
    confidence: float  # 0..1
    evidence: tuple[str, ...]  # Chinese, human-readable: the text that decided it


@dataclass(frozen=True)
class DetectedMetadata:
    title: Detection[str] | None
    issuer: Detection[str] | None
    doc_type: Detection[str] | None  # a DocumentType value
    date: Detection[dt.date] | None
    date_precision: str  # a DatePrecision value; DAY (the model's default) when there is no date


def detect_metadata(
    text: str, *, title_hint: str = "", date_hint: str = "", removed: Sequence[str] = ()
) -> DetectedMetadata:
    """Detect title, issuer, type and date of a normalised, cleaned text.

    >>> meta = detect_metadata("某某市人民政府关于加快产业集群发展的实施意见\\n某政发〔2021〕3号\\n各县（市、区）人民政府：\\n"
    ...     "现提出如下实施意见。\\n某某市人民政府\\n2021年3月5日")
    >>> meta.title.value, meta.issuer.value, meta.doc_type.value, meta.date.value.isoformat(), meta.date_precision
    ('某某市人民政府关于加快产业集群发展的实施意见', '某某市人民政府', 'implementation_opinion', '2021-03-05', 'day')
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    chrome = [line.strip() for line in removed if line.strip()]
    title = _with_original_title(_detect_title(lines, title_hint, chrome), chrome)
    issuer = _detect_issuer(lines, chrome, title.value if title else "")
    if issuer is not None:
        issuer = replace(issuer, value=list_organs(issuer.value))
    doc_type = _detect_doc_type(lines, title.value if title else "", chrome)
    if doc_type is not None:  # plain strings out, so the result serialises as it prints
        doc_type = replace(doc_type, value=DocumentType(doc_type.value).value)
    date = _detect_date(lines, chrome, title.value if title else "", date_hint)
    if date is None:
        return DetectedMetadata(title, issuer, doc_type, None, DatePrecision.DAY.value)
    found, confidence, evidence = date
    return DetectedMetadata(
        title, issuer, doc_type, Detection(found.date, confidence, evidence), DatePrecision(found.precision).value
    )


# --- title -------------------------------------------------------------------------------------

_TYPE_ENDING = (
    r"(通知|意见|方案|措施|办法|规划|决定|报告|讲话|政策|细则|规定|纲要|计划|函|批复|答复|公告|通告|通报|条例|"
    r"征求意见稿|（试行）|（暂行）|（征求意见稿）)"
)
_ENDS_WITH_TYPE = re.compile(_TYPE_ENDING + r"$")
_HEADING = re.compile(
    r"^([一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d{1,2}[、.．]|第[一二三四五六七八九十百\d]+[章节条])"
)
_ABOUT = re.compile(r"^(关于|印发|转发)")
_TITLE_LABEL = re.compile(r"^(主题|标题|题目|文章标题)\s*[:：]\s*")
_WIRE_DATELINE = re.compile(r"社\s*[／/]?\s*\S{0,6}\d{1,2}日电$")
_DATE_KEY = re.compile(r"^(date|posted|time)\b", re.IGNORECASE)
_SOURCE_KEY = re.compile(r"^(来源|信息来源|文章来源|稿件来源)\s*[:：]")
_NEWS_LEAD = re.compile(r"^(日前|近日|近期|今年|去年|昨天|今天|目前|记者|本报讯)")
_SENTENCE_PUNCT = re.compile(r"[。，；！？!?;,]")
_KEY_VALUE = re.compile(r"^\S{2,6}[:：]")
_DATE_ONLY = re.compile(r"^[\d〇○零O一二三四五六七八九十年月日号\s\-/.]+$")
_DOC_NUMBER_LINE = re.compile(r"^\S{0,12}\s?[〔\[［【]\s*(19|20)\d{2}")
_ORG_SUFFIX = (
    r"(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理委员会|管委会|领导小组|厅|局|委|部|署|政府|"
    r"中心|街道办事处|镇人民政府|镇|乡)"
)
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff（）()、·]{{2,40}}{_ORG_SUFFIX}$")
_MASTHEAD = re.compile(MASTHEAD)
_HEADLINE_ABOUT_DOCUMENT = re.compile(
    rf"^(?P<who>[^《》]{{2,25}}?)(发布|印发|出台|公布|出台了)(《(?P<quoted>[^《》]{{6,}})》|(?P<bare>[^《》]{{6,}}{_TYPE_ENDING}))$"
)
_FULLY_BRACKETED = re.compile(r"^[（(][^（()）]{1,15}[)）]$")
_TRAILING_DOC_NUMBER = re.compile(r"[-—－\s（(]*[\u4e00-\u9fff]{1,8}[〔\[［](19|20)\d{2}[〕\]］]\d+号[)）]?$")
_TITLE_SEPARATOR = re.compile(r"\s+[-_|｜—–]+\s+|_|｜")
_COLUMN_LABEL = re.compile(r"^[^：:|丨｜《》]{2,6}[：:|丨｜]\s*")
_LABELLED_TITLE_CHARS = 8
_TITLE_MIN_CHARS = 6
# A page's byline, by its keys: 发布时间：2025-02-05 点击：209
_BYLINE_KEYS = re.compile(r"^(发布时间|发布日期|发表时间|更新时间|日期|时间)\s*[:：]\s*(19|20)\d{2}")
_TITLE_SEARCH_LINES = 12
_TITLE_MAX_CHARS = 100
_COMMA_HEADLINE_CHARS = 40
_TITLE_WORD_ALONE_CHARS = 4


def _is_title_line(line: str) -> bool:
    return (
        4 <= len(line) <= _TITLE_MAX_CHARS
        and not _SENTENCE_PUNCT.search(line)
        and not line.endswith(("：", ":"))
        and not _HEADING.match(line)
        and not _KEY_VALUE.match(line)
        and not _DATE_ONLY.match(line)
        and not _DOC_NUMBER_LINE.match(line)
        and not _FULLY_BRACKETED.match(line)
        and not (_ORG_LINE.match(line) and not _ENDS_WITH_TYPE.search(line))
        and not _MASTHEAD.match(line)
        and line.count("《") >= line.count("》")
    )


_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(?P<title>.{4,100})$")


def _with_original_title(title: Detection[str] | None, chrome: Sequence[str]) -> Detection[str] | None:
    """A repost's headline with words tacked on (安庆市新增三个专业镇-某镇-某乡) gives way to the
    原标题 it starts with."""
    for line in chrome:
        original = _ORIGINAL_TITLE.match(line)
        if original and title is None:  # a repost that names its headline only as 原标题
            return Detection(original["title"], 0.6, (f"原标题：{original['title']}",))
        if original and title and title.value.startswith(original["title"]) and title.value != original["title"]:
            return Detection(original["title"], title.confidence, (*title.evidence, f"原标题：{original['title']}"))
    return title


def _is_comma_headline(line: str) -> bool:
    """A news headline in two phrases, as a page's first line: 某某县：聚焦主导产业，打造百亿级集群.

    >>> _is_comma_headline("某某县：聚焦主导产业，打造百亿级产业集群"), _is_comma_headline("为加快发展，")
    (True, False)
    """
    line = line.rstrip("！!？?")  # 威海2个入选！
    phrases = re.split(r"[，,：:！!]", line)  # 17个！某省公布一批集群名单
    return (
        not _NEWS_LEAD.match(line)
        and len(line) <= _COMMA_HEADLINE_CHARS
        and 2 <= len(phrases) <= 3
        and all(len(phrase) >= 2 for phrase in phrases)
        and not re.search(r"[。；;？?]", line)
        and _is_title_line(re.sub(r"[，,：:！!]", "", line))
    )


def _is_complete(title: str) -> bool:
    """Balanced 《》, and a 关于… or 印发… title has reached its document type."""
    if title.count("《") != title.count("》") or re.search(r"(关于|印发|转发|推动|促进|加快|支持|的|和|与|及)$", title):
        return False
    return not re.search("关于|印发|转发", title) or bool(_ENDS_WITH_TYPE.search(title))


def _without_label(line: str) -> str:
    """A headline without its column label, quotes or trailing document number: 现行政策|《X办法》 → X办法,
    要闻：X → X, X的通知-某政发〔2015〕146号 → X的通知.

    >>> _without_label("全球要闻：工信部印发促进产业集群发展暂行办法"), _without_label("发布日期：2024-07-05")
    ('工信部印发促进产业集群发展暂行办法', '发布日期：2024-07-05')
    """
    line = _TRAILING_DOC_NUMBER.sub("", line) or line
    named = _TITLE_LABEL.match(line)
    if named and _is_title_line(line[named.end() :].rstrip("？?！!")):
        return line[named.end() :]  # 主题：X, a forum thread's title
    rest = _COLUMN_LABEL.sub("", line)
    if rest.startswith("《") and rest.endswith("》") and rest.count("《") == 1:
        rest = rest[1:-1]
    if rest == line or len(rest) < _LABELLED_TITLE_CHARS or not _is_title_line(rest.rstrip("？?！!")):
        return line
    # a labelled headline may ask a question: 产业集群|跨省域集群如何共建？
    if rest[-1] in "？?！!" or _ENDS_WITH_TYPE.search(rest) or _NEWS_HEADLINE.search(rest):
        return rest
    return line


def _without_site_name(page_title: str) -> str:
    """A page title without the site's name: the longest part between separators.

    >>> _without_site_name("关于加快产业集群发展的实施意见 - 某某市人民政府门户网站")
    '关于加快产业集群发展的实施意见'
    """
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(page_title) if part.strip()]
    return max(parts, key=len) if parts else page_title.strip()


def _detect_title(lines: list[str], hint: str, chrome: Sequence[str] = ()) -> Detection[str] | None:
    # a page whose byline cleaning removed opens with its headline, commas and all
    bylined = any(
        _AUTHOR_BYLINE.match(line) or _STAMP.match(line) or _SOURCE_KEY.search(line) or _BYLINE_KEYS.match(line)
        for line in chrome
    )
    for index, line in enumerate(lines[:_TITLE_SEARCH_LINES]):
        if _HEADING.match(line):
            break  # the body has started
        labelled = _without_label(line.strip(" |｜"))  # a cell of a flattened table: 标题 |
        line = labelled
        if not line:
            continue  # a cell's bar and nothing in it
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not _ENDS_WITH_TYPE.search(line) and (
            # a column label (政策法规) above the headline
            (len(line) < _TITLE_MIN_CHARS and _is_title_line(following))
            # a menu or a cut-off headline above a title that opens with 关于 (an issuer's line opens it)
            or (
                _ABOUT.match(following) and _is_complete(following) and _is_complete(line) and not _ORG_LINE.match(line)
            )
            # a site's name above a title that names its issuer: 某某网 / 某某省人民政府关于…的意见
            or (
                not _ORG_LINE.match(line)
                and _TITLE_ISSUER.match(following)
                and _ENDS_WITH_TYPE.search(following)
                and _is_title_line(following)
            )
        ):
            continue
        # a news page opens with its headline, the report's lead under it: 17个！某省公布… / 近日，…
        leads = index == 0 and bool(_NEWS_LEAD.match(following))
        # 某某县人民政府办公室 / 关于印发…的通知: the issuer on a line of its own opens the title
        opens_title = bool(_ORG_LINE.match(line)) and any(
            _ABOUT.match(following) and _is_title_line(following) for following in lines[index + 1 : index + 2]
        )
        if not (
            opens_title
            or _is_title_line(line)
            or (labelled != lines[index] and line[-1] in "？?！!")
            or (((index == 0 and bylined) or leads) and _is_comma_headline(line))
        ):
            continue
        # a repost's headline gives way to the document's own formal title a few lines below it
        # (省政府最新批复！这一重要名单公布 / … / 某某省人民政府关于…的批复)
        if not _is_title_line(line) and any(
            _TITLE_ISSUER.match(below) and _ENDS_WITH_TYPE.search(below) and _is_title_line(below)
            for below in lines[index + 1 : index + 4]
        ):
            continue
        parts = [line]
        for following in lines[index + 1 : index + 3]:
            title = "".join(parts)
            if following in title or title in following:
                break  # the title printed again
            continues = (
                not _is_complete(title)
                or (
                    not _ENDS_WITH_TYPE.search(title)
                    and (_FULLY_BRACKETED.match(following) or _ENDS_WITH_TYPE.search(following))
                )
                # 某某人民政府办公厅 / 关于做好… / …工作的通知: the issuer's line opens a title broken again below
                or (len(parts) == 1 and bool(_ORG_LINE.match(title)) and bool(_ABOUT.match(following)))
            )
            # a line break may leave the type word alone on the last line: …》的 / 通知
            word_alone = len(following) < _TITLE_WORD_ALONE_CHARS and bool(_ENDS_WITH_TYPE.fullmatch(following))
            if not continues or not (
                _is_title_line("《" + following) or _FULLY_BRACKETED.match(following) or word_alone
            ):
                break
            parts.append(following)
        title = "".join(parts)
        if title.count("《") != title.count("》"):
            continue  # a title the page cut short; the full one follows
        headline = _HEADLINE_ABOUT_DOCUMENT.match(title)
        if headline and "关于" not in headline.group("who") and not re.search(r"的(通知|决定)$", title):
            named = headline.group("quoted") or headline.group("bare")
            return Detection(named, 0.6, (f"网页标题报道文件：{title}",))
        confidence = 0.9 if _ENDS_WITH_TYPE.search(title) else 0.7
        if hint and title in hint:
            confidence = min(1.0, confidence + 0.1)
        return Detection(title, confidence, tuple(f"标题行：{part}" for part in parts))
    if hint.strip():
        return Detection(_without_site_name(hint), 0.5, (f"网页标题：{hint.strip()}",))
    for line in lines[:3]:
        if _DOC_NUMBER_LINE.match(line) and len(line) <= 30:
            return Detection(line, 0.3, (f"无标题行，以文号为题：{line}",))
    return None


# --- issuer ------------------------------------------------------------------------------------

# normalise removes the spaces between the cells of a flattened table: a value ends at the next key
_VALUE_END = rf"(?=\s|$|[【\[|｜]|(?:{METADATA_KEYS})\s*[:：])"
_METADATA_ISSUER = re.compile(
    rf"(发布机构|发文机关|发文单位|发文机构|发布单位)\s*[:：]\s*[|｜]?\s*(?P<org>[^\s:：|｜]{{2,40}}?){_VALUE_END}"
)
_TITLE_ISSUER = re.compile(rf"^(?P<org>[^《》]{{1,80}}?{_ORG_SUFFIX})(关于|印发|转发)")
_SPEAKER = re.compile(r"^(?P<who>[^《》，—]{2,20}?)在.{2,40}?(会议|会|论坛|仪式|活动|典礼)上.{0,30}(讲话|致辞|发言)$")
# The speaker's line under a speech's title: 县委书记 某某某, 市长 某某
_SPEAKER_LINE = re.compile(
    r"^(?P<who>[\u4e00-\u9fff]{0,12}(书记|省长|市长|县长|区长|州长|镇长|乡长|主任|局长|厅长|部长|主席|委员|秘书长|常委)"
    r"[\u4e00-\u9fff·]{2,4})$"
)
_AUTHOR_ROLE = re.compile(r"[（(]作者系(?P<who>[^（）()]{2,30})[)）]")
_SOURCE_LINE = re.compile(
    rf"(来源|信息来源|文章来源|稿件来源)\s*[:：]\s*(?P<org>[^\s:：]{{2,30}}?{_ORG_SUFFIX}){_VALUE_END}"
)
_REGION_ORG = re.compile(r"[县市区镇乡旗省]$")


def _detect_issuer(lines: list[str], chrome: list[str], title: str) -> Detection[str] | None:
    for line in chrome + lines[:_TITLE_SEARCH_LINES]:
        match = _METADATA_ISSUER.search(line)
        if match:
            return Detection(match.group("org"), 0.9, (f"网页元数据：{line}",))
    signature = _signature(lines)
    from_title = _TITLE_ISSUER.match(title)
    if signature is not None:
        org, evidence = signature
        if from_title and org.endswith(from_title.group("org")):
            return Detection(org, 0.95, (f"标题：{title}", *evidence))
        return Detection(org, 0.85, evidence)
    if from_title:
        return Detection(from_title.group("org"), 0.8, (f"标题：{title}",))
    masthead = next((line for line in (*lines[:3], *chrome) if _MASTHEAD.match(line)), "")
    if masthead:
        return Detection(re.sub(r"(行政)?(规范性)?文件$", "", masthead), 0.7, (f"版头：{masthead}",))
    if len(lines) > 1 and _ORG_LINE.match(lines[0]) and lines[1].endswith(("：", ":")):
        # 某某市人民政府办公厅 / 各区县人民政府：— the issuer heads a text that lost its title
        return Detection(lines[0], 0.6, (f"版头：{lines[0]}",))
    if re.search(r"(讲话|致辞|发言)$", title):
        below = (
            lines[lines.index(title) + 1 : lines.index(title) + 4] if title in lines else lines[:_TITLE_SEARCH_LINES]
        )
        named = next((m for m in map(_SPEAKER_LINE.match, below) if m), None)
        if named:
            return Detection(named.group("who"), 0.7, (f"讲话人：{named.group()}",))
    speaker = _SPEAKER.match(title)
    if speaker:  # 县委书记关于招商引资…在…会上的发言: the speaker is before 关于
        return Detection(speaker.group("who").split("关于")[0], 0.6, (f"讲话标题：{title}",))
    for line in lines:
        author = _AUTHOR_ROLE.search(line)
        if author:
            return Detection(author.group("who"), 0.6, (f"作者署名：{line}",))
    for line in chrome:
        source = _SOURCE_LINE.search(line)
        if source:
            return Detection(source.group("org"), 0.5, (f"署名行：{line}",))
    return None


# A party committee and a government that issue together, printed without a pause between them.
_PARTY_THEN_GOVERNMENT = re.compile(r"(中共[\u4e00-\u9fff]{2,14}?委(?:员会)?)(?=[\u4e00-\u9fff]{2,14}?人民政府)")


def list_organs(issuer: str) -> str:
    """Joint issuers run together get the 、 that lists them.

    >>> list_organs("中共某某省委某某省人民政府"), list_organs("某某省人民政府办公厅")
    ('中共某某省委、某某省人民政府', '某某省人民政府办公厅')
    """
    return _PARTY_THEN_GOVERNMENT.sub(r"\1、", issuer)


def _signature(lines: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """The issuing body(ies) printed above the date line: 云南省人民政府 / 2022年1月24日."""
    for index, line in enumerate(lines):
        if index == 0 or not (_is_date_line(line) or _MANGLED_DATE_LINE.match(line)):
            continue
        orgs: list[str] = []
        for previous in reversed(lines[max(0, index - 3) : index]):
            if not _ORG_LINE.match(previous) or _ENDS_WITH_TYPE.search(previous):
                break
            orgs.insert(0, previous)
        if orgs:
            return "、".join(orgs), (*(f"落款：{org}" for org in orgs), f"落款日期：{line}")
    for index, line in enumerate(lines[1:], start=1):
        # a transmittal signed without a date (the page lost it): 现印发给你们。 / 某某市人民政府办公室
        if _TRANSMITTAL.search(lines[index - 1]) and _ORG_LINE.match(line) and not _ENDS_WITH_TYPE.search(line):
            return line, (f"印发语：{lines[index - 1]}", f"落款：{line}")
    return None


_TIME = re.compile(r"\s*\d{1,2}:\d{2}(:\d{2})?$")
_TRANSMITTAL = re.compile(r"(印发|转发)给你们|请(认真|结合实际|遵照)\S{0,8}(贯彻|执行|落实|实施)\S{0,4}。$")
# A date line a site has lost characters from: 2023925日, 年2月22日
_MANGLED_DATE_LINE = re.compile(r"^(19|20)\d{2}[\d年月]{1,6}日$|^年\d{1,2}月\d{1,2}日$")


def _is_date_line(line: str) -> bool:
    """A line that is a date, perhaps with a time: 2022年1月24日, 2022-11-30 15:12."""
    line = _TIME.sub("", line)
    found = parse_date(line)
    return found is not None and len(line) <= len(found.text) + 4


# --- document type ------------------------------------------------------------------------------

# Checked in order against the document's own title; the first match wins.
_TITLE_TYPES: list[tuple[str, str]] = [
    (r"征求意见稿|征求.{0,30}意见", DocumentType.CONSULTATION_DRAFT),
    (r"(答复|复函|建议函|提案的?答复)(的函)?$|代表.{0,20}建议.{0,6}(答复|复函)", DocumentType.SUGGESTION_REPLY),
    (r"(讲话|致辞|发言|讲话稿)$", DocumentType.SPEECH),
    (
        r"对策|思考|调研报告|研究报告|探析|浅析|浅谈|(政策|对策|发展|模式)研究$|研究——以.{1,20}为例$",
        DocumentType.COUNTERMEASURE_STUDY,
    ),
    (r"指导意见$", DocumentType.GUIDING_OPINION),
    (r"实施意见$", DocumentType.IMPLEMENTATION_OPINION),
    (r"意见$", DocumentType.OPINION),
    (r"(行动方案|行动计划|三年行动|攻坚方案)$", DocumentType.ACTION_PLAN),
    (r"方案$", DocumentType.IMPLEMENTATION_PLAN),
    (r"优惠政策$", DocumentType.PREFERENTIAL_POLICY),
    (r"措施$|若干政策$|政策措施", DocumentType.POLICY_MEASURES),
    (r"(办法|细则|规定|规则)$", DocumentType.RULES),
    (r"(规划|纲要)$", DocumentType.PLAN),
    (r"报告$", DocumentType.REPORT),
    (r"(通知|公告|通告|通报|决定|批复)$", DocumentType.NOTICE),
]
# A transmittal title names the instrument it sends: 关于印发《X》的通知 is an X.
# 〈〉 stand for 《》 inside a quoted title; a page may have lost the 关于印发 before the 《.
_TRANSMITTED = re.compile(r"((印发|转发|颁布)[《〈]?|^[《〈])(?P<inner>.+?)[》〉]?的?(通知|决定)$")
_QUOTED_AT_END = re.compile(r"^[^《》—\-\s]{2,30}《(?P<inner>[^《》]{4,})》$")
_TRAILING_BRACKETS = re.compile(r"([（(][^（）()]*[)）])+$")
# A reporter, a wire dateline (11月30日电) or a 本报讯 make a report; other cues count in pairs.
_STRONG_NEWS_CUES = re.compile(
    r"记者|本报讯|通讯员|\d{1,2}月\d{1,2}日?电[，,]|\d{1,2}日电[，,]|新华社|(日报|晚报|早报|时报|商报)讯"
)
# A text that opens on the day something happened (4月27日上午，…揭牌) reads as a report: a document
# dates itself under its signature, a review of work opens on the year. One cue among others.
_DATED_LEAD = re.compile(r"^\d{1,2}月\d{1,2}日(至\d{1,2}日)?(上午|下午|晚上|晚间)?，")
_NEWS_CUES = re.compile(r"据悉|获悉|据了解|日前|近日|会上|会议指出|会议要求|会议强调|出席会议|表示|指出|陪同")
_BODY_TYPES: list[tuple[str, str, str]] = [
    (r"[（(]作者系|^作者[:：]", DocumentType.COMMENTARY, "作者署名"),
    (r"建议函|提案函|代表提出的《|委员提出的《", DocumentType.SUGGESTION_REPLY, "答复代表建议"),
    # 您提出的《关于…的建议》已收悉，现答复如下：a reply whatever its title (or none) says
    (
        r"(建议|提案)(》|（第\d+号）)?已?收悉|现(将.{0,12}|就.{0,30})?答复如下",
        DocumentType.SUGGESTION_REPLY,
        "答复用语",
    ),
    (r"征求意见稿|公开征求.{0,20}意见", DocumentType.CONSULTATION_DRAFT, "征求意见"),
    (r"同志们|下面，我|今天，我|我讲.{0,4}意见", DocumentType.SPEECH, "讲话口吻"),
    (r"提出(以下|如下|一些)对策", DocumentType.COUNTERMEASURE_STUDY, "提出对策"),
    (r"有关事项通知如下|特此通知", DocumentType.NOTICE, "通知用语"),
    # 特制定本实施方案 / 制定如下政策措施 / 现提出如下意见: the text names its own kind
    (
        r"(制定|制订|提出)(本|如下|以下)(政策)?(措施|意见|实施意见|指导意见|方案|实施方案|办法|细则|规划)",
        "",
        "自述文种",
    ),
]
_NEWS_SOURCE = re.compile(
    r"^[（(【]?来源\s*[:：|｜丨]\s*(?P<outlet>[^\s，。]{0,12}(日报|晚报|早报|时报|商报|新闻网|新闻社|通讯社|电视台|融媒体中心|新华社|人民网|新华网|中新网|央视网|光明网))"
)
# 作者：某某 on a line of its own (what ``AUTHOR_BYLINE`` reads with a slash)
_NAMED_AUTHOR = re.compile(r"^作者\s*[:：]\s*[\u4e00-\u9fff·]{2,4}$")
# A newspaper's commentary column, as a label above the piece (■要闻速评) or after its title (…（品牌论）)
_COMMENTARY_COLUMN = re.compile(r"^[■□●◆▲★]?\s*[\u4e00-\u9fff]{0,6}(速评|时评|快评|短评|锐评|社论|评论员文章)$")
_COMMENTARY_TITLE = re.compile(r"[（(][\u4e00-\u9fff]{1,4}(论|评|谈)[)）]$")
_NEWS_HEADLINE = re.compile(r"出台|发布|印发|公布|推出|召开|举行|部署")
_SPEECH_TITLE = re.compile(r"(讲话|致辞|发言|讲话稿)$")
_INCENTIVE_HEADINGS = re.compile(r"^[一二三四五六七八九十]+、(优惠|奖励|扶持|收费|税收|土地|用地|财政)政策")


def _detect_doc_type(lines: list[str], title: str, chrome: Sequence[str] = ()) -> Detection[str] | None:
    body = "\n".join(lines)
    byline = next((line for line in chrome if _AUTHOR_BYLINE.match(line) or _NAMED_AUTHOR.match(line)), "")
    strong = [m.group() for m in _STRONG_NEWS_CUES.finditer(body)]
    # a wire dateline that cleaning took off the text (某某社／ 某地1日电) still makes it a report
    strong += [m.group() for line in chrome if (m := _WIRE_DATELINE.search(line))]
    # so does a reporter's byline: 记者某某报道, 某某日报／ 记者某某/高雄即时报导
    strong += [m.group() for line in chrome if (m := re.search(r"记者|通讯员", line))]
    # and a source line naming a newspaper or a newsroom: （来源：某某日报）, 来源|某某融媒体中心
    strong += [m.group("outlet") for line in chrome if (m := _NEWS_SOURCE.match(line))]
    dated = [m.group() for line in lines[:3] if (m := _DATED_LEAD.match(line))][:1]
    news = sorted({*strong[:1], *dated, *(m.group() for m in _NEWS_CUES.finditer(body))})
    reported = bool(strong) or len(news) >= 2
    # 我省出台若干措施 over a reporter's text is news about measures, not the measures
    headline = next((line for line in [title, *lines[:2]] if _NEWS_HEADLINE.search(line) and "关于" not in line), "")
    if reported and headline and not _SPEECH_TITLE.search(title):  # a speech mentions 召开 and 指出 too
        return Detection(DocumentType.NEWS_REPORT, 0.7, (f"新闻式标题：{headline}", f"新闻用语：{'、'.join(news)}"))
    if title:
        subject = title
        transmitted = _TRANSMITTED.search(title)
        if transmitted:
            subject = transmitted.group("inner")
        elif quoted := _QUOTED_AT_END.search(title):  # 某某市人民政府《关于…的意见》: the quoted document's kind
            subject = quoted.group("inner")
        subject = _TRAILING_BRACKETS.sub("", subject) if not subject.endswith("征求意见稿）") else subject
        for pattern, doc_type in _TITLE_TYPES:
            if re.search(pattern, subject) or (subject != title and re.search(pattern, title) and doc_type in _DRAFTS):
                return Detection(doc_type, 0.9, (f"标题：{title}",))
        if subject != title and _ENDS_WITH_TYPE.search(title):  # 关于印发《X》等6个文件的通知 sends several kinds
            notice = next((t for p, t in _TITLE_TYPES if re.search(p, title)), DocumentType.OTHER)
            return Detection(notice, 0.7, (f"标题：{title}",))
    if byline and not reported:
        return Detection(DocumentType.COMMENTARY, 0.6, (f"作者署名：{byline}",))
    column = next((line for line in (*chrome, *lines[:3]) if _COMMENTARY_COLUMN.match(line.strip())), "")
    if not column and _COMMENTARY_TITLE.search(title):
        column = title
    if column and not reported:
        return Detection(DocumentType.COMMENTARY, 0.6, (f"评论栏目：{column}",))
    # a journal article: an abstract and a keyword line (cleaning may have taken the keywords off)
    abstract = re.search(r"^摘\s*要\s*[:：|｜]", body, re.MULTILINE)
    keywords = next((line for line in (*chrome, *lines) if re.match(r"^关\s*键\s*词\s*[:：|｜]", line)), "")
    if abstract and keywords:
        return Detection(DocumentType.COUNTERMEASURE_STUDY, 0.6, (f"论文摘要：{_around(body, abstract)}", keywords))
    for pattern, doc_type, reason in _BODY_TYPES:
        match = re.search(pattern, body, re.MULTILINE)
        if match and not doc_type:  # the kind the text names, read like a title ending
            doc_type = next((t for p, t in _TITLE_TYPES if re.search(p, match.group())), DocumentType.OTHER)
        if match:
            return Detection(doc_type, 0.6, (f"{reason}：{_around(body, match)}",))
    if reported:
        return Detection(DocumentType.NEWS_REPORT, 0.7 if strong else 0.5, (f"新闻用语：{'、'.join(news)}",))
    incentives = [line for line in lines if _INCENTIVE_HEADINGS.match(line)]
    if len(incentives) >= 2:
        return Detection(DocumentType.PREFERENTIAL_POLICY, 0.5, tuple(f"政策条目：{line}" for line in incentives))
    if (
        title
        and "关于" not in title
        and re.search(
            r"召开|举行|举办|部署|启动|出台|印发|发布|开展|推进|力推|安排|视察|调研|考察|督查|督导|观摩", title
        )
    ):
        return Detection(DocumentType.NEWS_REPORT, 0.4, (f"新闻式标题：{title}",))
    return None


_DRAFTS = {DocumentType.CONSULTATION_DRAFT}


def _around(text: str, match: re.Match[str], width: int = 20) -> str:
    return text[max(0, match.start() - width) : match.end() + width].replace("\n", " ")


# --- date --------------------------------------------------------------------------------------

_WRITTEN = re.compile(r"(成文日期|发文日期|印发日期)\s*[:：]")
_BYLINE_DATE = re.compile(r"(发布日期|发布时间|公开日期|发表时间|发表于|更新时间|日期|^时间)\s*[:：]?")
_PUBLISHED = re.compile(r"(发布日期|发布时间|公开日期|发表时间|发表于|更新时间|(?<![\u4e00-\u9fff])日期)\s*[:：]?")
_REPOST = re.compile(
    r"(发布人|发布者|上传者|转载)\s*[:：]?\s*\S{0,12}(网|网站|文库|论坛)|(内容|信息|文章)?来源\s*[:：]\s*(互联网|网络|网友)"
)
# Dates of something else: a forum poster's registration and last log-in
# On a template or sharing site (我要投稿, 网友上传) a bare 时间： stamps the upload, not the text.
_TEMPLATE_SITE = re.compile(r"投稿|范文|网友上传|不代表本站")
_NOT_PUBLISHED = re.compile(r"注册日期|注册时间|最后登[陆录]")
_STAMP = re.compile(rf"^([^\s。！？；，]{{1,12}}\s+)?{DATE_TIME_STAMP}")
_AUTHOR_BYLINE = re.compile(AUTHOR_BYLINE)
# A journal page's date glued to the authors' names: 2021-01-17彭某某周某某
_DATED_AUTHORS = re.compile(r"^(19|20)\d{2}-\d{1,2}-\d{1,2}[\u4e00-\u9fff]{2,30}$")
_WEEKDAY = re.compile(r"(星期|周|礼拜)[一二三四五六日天]")
_SHARING_FACTS = re.compile(r"^\d+(\.\d+)?\s*(KB|MB|K|M)$|^共?\s*\d{1,4}\s*页$|上传|下载|文档")
_TITLE_YEAR = re.compile(r"[（(]((?:19|20)\d{2})年度?[)）]")

DateFinding = tuple[FoundDate, float, tuple[str, ...]]


def _detect_date(lines: list[str], chrome: list[str], title: str, hint: str) -> DateFinding | None:
    """The document's own date: 成文日期, the date under the signature, a date hint, the
    published date, the document number's year, a year in the title — in that order."""
    for line in chrome + lines:
        written = _WRITTEN.search(line)
        found = parse_date(line[written.end() :]) if written else None
        if found:
            return found, 0.95, (f"网页元数据：{line}",)
    signature = _signature(lines)
    if signature is not None:
        date_line = signature[1][-1].removeprefix("落款日期：")
        found = parse_date(date_line)
        if found:
            return found, 0.9, signature[1]
    for line in lines:
        if _is_date_line(line) and (found := parse_date(line)):
            return found, 0.8, (f"日期行：{line}",)
    if hint and (found := parse_date(hint)):
        return found, 0.8, (f"网页日期：{hint}",)
    # a page's date on a line of its own that cleaning took with the furniture around it; never a
    # banner's today (星期四) nor a document-sharing site's upload date beside its file facts
    if not any(_SHARING_FACTS.search(line) for line in chrome):
        for line in chrome:
            if _is_date_line(line) and not _WEEKDAY.search(line) and (found := parse_date(line)):
                return found, 0.6, (f"发布时间行：{line}",)
    sharing = any(_TEMPLATE_SITE.search(line) for line in chrome)
    for line in chrome + lines[:_TITLE_SEARCH_LINES]:
        if _REPOST.search(line) or _NOT_PUBLISHED.search(line) or (sharing and line.startswith("时间")):
            continue  # the date a website stamped on its copy
        # in a byline cleaning removed, a bare 日期： is a key even when glued to the value before it
        published = (_BYLINE_DATE if line in chrome else _PUBLISHED).search(line)
        found = parse_date(line[published.end() :]) if published else None
        if (
            found is None
            and line in chrome
            and (_STAMP.match(line) or _SOURCE_KEY.search(line) or _DATE_KEY.match(line) or _DATED_AUTHORS.match(line))
        ):
            found = parse_date(
                re.sub(r"https?://\S+", "", line)
            )  # 2024-11-21 13:50 / 某某社, 来源：某某日报 2023-07-12
        if found:
            return found, 0.6, (f"发布时间行：{line}",)
    for line in [title, *lines[:3]]:
        if line and (year := document_number_year(line)) and _DOC_NUMBER_LINE.match(line):
            return FoundDate(dt.date(year, 1, 1), "year", line), 0.7, (f"文号：{line}",)
    if title and (match := _TITLE_YEAR.search(title)):
        year_date = FoundDate(dt.date(int(match.group(1)), 1, 1), "year", match.group())
        return year_date, 0.5, (f"标题中的年度：{title}",)
    return None


# --- no title ------------------------------------------------------------------------------------

_UNTITLED_OPENING_CHARS = 24
_FILENAME_TITLE = re.compile(r"[\u4e00-\u9fff]{4}")
_LEADING_NUMBERING = re.compile(
    r"^([一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d{1,3}[、.．]\s*)"
)


def untitled(text: str, *, filename: str = "") -> str:
    """A name for a document whose text has no title line: the file's name if it reads as a
    title, else 无标题 with the opening words. A numbered item, an addressee or a sentence is
    never taken for the title itself.

    >>> untitled("11、自然资源部门对园区内的工业用地按最低价标准确定出让底价，以市场方式供地。")
    '无标题（开头：自然资源部门对园区内的工业用地按最低价标准确定出…）'
    >>> untitled("各县人民政府：\\n现印发给你们。", filename="某某县产业集群扶持办法.txt")
    '某某县产业集群扶持办法'
    """
    stem = filename.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0].strip()
    if _FILENAME_TITLE.search(stem):
        return stem[:_TITLE_MAX_CHARS]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    # past the issuer's line and the addressee
    body = [line for line in lines if not line.endswith(("：", ":")) and not _ORG_LINE.match(line)] or lines
    opening = _LEADING_NUMBERING.sub("", body[0] if body else "")
    cut = opening[:_UNTITLED_OPENING_CHARS] + ("…" if len(opening) > _UNTITLED_OPENING_CHARS else "")
    return f"无标题（开头：{cut}）"


__all__ = ["DetectedMetadata", "Detection", "detect_metadata", "find_dates", "untitled"]
