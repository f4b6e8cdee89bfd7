"""What a policy reader looks at, as named features of one unit in its document.

Three kinds of evidence, all general (no document's words or place names):

* **structure**: the section a unit sits in (its enclosing headings: 重要意义 / 现状 /
  存在问题 / 指导思想 / 目标 vs 主要措施 / 重点任务 / 保障措施), whether it is a heading,
  a numbered item or an ``一是…`` enumeration, the categories its section heading names;
* **grammar**: jieba words and part-of-speech tags — an action verb with an object, a
  modal (要 / 应 / 将), a copula or an evaluation, statistics and targets;
* **lexicons**: the weighted terms of each category (``lexicon.py``).

Feature names are readable strings; ``model.py`` weighs them and ``evidence.describe`` turns
the decisive ones into Chinese evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..split import is_heading_text
from .lexicon import Lexicon, LexiconMatch, lexicon_words, match_lexicon
from .tagging import pos_tokenizer

# Heading numerals by depth: 第一章 > 一、 > （一） > 1、 > （1）.
_LEVELS = (
    (re.compile(r"^第[一二三四五六七八九十百]+[章节部分]"), 1),
    (re.compile(r"^[一二三四五六七八九十百]+[、．.]"), 2),
    (re.compile(r"^[（(][一二三四五六七八九十百]+[)）]"), 3),
    (re.compile(r"^\d{1,2}[、．.](?!\d)"), 4),
    (re.compile(r"^[（(]\d{1,2}[)）]"), 5),
    (re.compile(r"^第[一二三四五六七八九十百]+条"), 5),
)
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|第[一二三四五六七八九十]，|——|-)")
# What a section heading says about the units under it; the first kind that matches wins,
# so 指导思想和基本原则 is guidance even though it also says 发展.
SECTION_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("background", ("意义", "现状", "基本情况", "背景", "形势", "成效", "成绩", "概况", "回顾", "经验")),
    ("problem", ("问题", "不足", "困难", "挑战", "短板", "差距", "瓶颈")),
    ("guidance", ("指导思想", "原则", "总体要求", "目标", "思路", "定位", "方向", "愿景", "总体")),
    (
        "measures",
        ("措施", "任务", "举措", "保障", "政策", "扶持", "支持", "奖励", "优惠", "收费", "重点", "对策",
         "建议", "加强", "加大", "加快", "推进", "推动", "完善", "建立", "实施", "打造", "构建", "搭建",
         "强化", "优化", "提升", "培育", "促进", "建设", "组织", "落实", "服务"),
    ),
)  # fmt: skip
_SENTENCE_ENDS = "。；;！!？?”"
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:亿|万|%|％|家|个|户|枚|项|平方公里|公里|亩|元|倍|人)")
_TARGET = re.compile(r"(?:到|至)\s*(?:20\d\d|“”|20__)\s*年|力争|突破|达到|以上[。；，]?$")
_DIGITS = re.compile(r"\d+")
# General cue groups a policy reader relies on (never a document's own words or places).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "instrument": ("设立", "成立", "建立", "组建", "搭建", "出台", "制定", "编制", "安排", "给予", "奖励", "补助",
                   "补贴", "奖补", "返还", "减免", "免征", "免费", "贴息", "优先", "保障", "支持", "扶持", "鼓励",
                   "引进", "培育", "开展", "举办", "实施", "实行", "纳入", "列入", "提供", "下达", "拿出", "列支",
                   "争取", "整治", "打击", "允许", "享受", "倾斜", "统筹", "培植", "创办", "聘请", "组织", "对接",
                   "吸引", "招引", "招商", "兑现", "落实", "指导", "推荐", "认定", "公布", "配套"),
    "directive": ("要", "应", "应当", "必须", "将", "计划", "积极", "大力", "着力", "切实", "尽快", "进一步",
                  "继续", "全力", "加快", "加大", "加强", "强化", "完善", "推动", "推进", "重点", "力争", "严格"),
    "actor": ("政府", "部门", "财政", "管委会", "各地", "各级", "市委", "县委", "省委", "指挥部", "领导小组", "办公室",
              "银行", "金融机构", "厅", "局", "委员会"),
    "opinion": ("认为", "说", "表示", "指出", "据悉", "获悉", "据了解", "记者", "据统计", "提出"),
    "state": ("已", "已经", "截至", "截止", "目前", "现有", "拥有", "共有", "实现", "达到", "位居", "居"),
    "reasoning": ("如果", "只有", "才能", "就会", "由于", "因为", "所以", "往往", "一般", "通常", "例如", "比如",
                  "可以", "能够", "必将", "必然", "不像", "也就是", "即", "决定", "取决于", "因此"),
    "evaluation": ("重要", "关键", "必由之路", "迫切", "意义", "趋势", "优势", "不足", "问题", "困难", "落后",
                   "滞后", "缺乏", "薄弱", "制约", "瓶颈"),
    "goal": ("形成", "成为", "打造", "目标", "方向", "力争", "实现", "提升", "提高"),
}  # fmt: skip


# Document types (``DocumentType`` values) that argue about policy rather than enact it: a
# speech, report, commentary, study or reply mixes background, results and other places'
# examples with its proposals, so the same words commit less often than in a policy text.
DISCOURSE_TYPES = frozenset(("speech", "report", "commentary", "countermeasure_study", "suggestion_reply"))
# A news story relays a policy's measures as well as the framing around them, and a text whose
# type is unknown (``other``, or none given) is often an excerpt: neither kind of prior holds.
OTHER_TYPES = frozenset(("", "other", "news_report"))


def genre_of(doc_type: str) -> str:
    """The genre a document type belongs to: ``policy``, ``discourse`` or ``other``.

    >>> genre_of("policy_measures"), genre_of("speech"), genre_of("news_report"), genre_of("")
    ('policy', 'discourse', 'other', 'other')
    """
    if doc_type in OTHER_TYPES:
        return "other"
    return "discourse" if doc_type in DISCOURSE_TYPES else "policy"


@dataclass(frozen=True)
class UnitContext:
    """Where a unit sits: its enclosing headings (outermost first) and the document type."""

    headings: tuple[str, ...] = ()
    is_heading: bool = False
    doc_type: str = ""
    # A piece of a sentence broken across lines (a PDF's or a page's hard line breaks):
    # judged on its own words, so its missing terminator is not a title's.
    fragment: bool = False

    @property
    def section_kind(self) -> str:
        """The kind of the innermost heading that names one, or ``""``.

        >>> UnitContext(headings=("三、保障措施", "（一）加大资金支持力度。")).section_kind
        'measures'
        >>> UnitContext(headings=("一、充分认识发展产业集群的重要意义",)).section_kind
        'background'
        """
        for heading in reversed(self.headings):
            kind = section_kind_of(heading)
            if kind:
                return kind
        return ""


def section_kind_of(heading: str) -> str:
    for kind, cues in SECTION_KINDS:
        if any(cue in heading for cue in cues):
            return kind
    return ""


def heading_level(text: str) -> int:
    """Depth of a heading by its numeral; 0 for an unnumbered title line.

    >>> heading_level("（二）加大资金支持力度。"), heading_level("三、保障措施"), heading_level("解放思想")
    (3, 2, 0)
    """
    for pattern, level in _LEVELS:
        if pattern.match(text):
            return level
    return 0


def contexts_for(units: Sequence[tuple[str, bool]], *, doc_type: str = "") -> list[UnitContext]:
    """The context of each ``(text, is_heading)`` unit of one document, in reading order.

    A heading closes every open heading of the same or a deeper level; an unnumbered
    heading after the first unit (the title) opens a top-level section.

    >>> [c.headings for c in contexts_for([("意见", True), ("一、保障措施", True), ("（一）资金。", True), ("设立基金。", False)])]
    [(), (), ('一、保障措施',), ('一、保障措施', '（一）资金。')]
    """
    contexts: list[UnitContext] = []
    open_headings: list[tuple[int, str]] = []
    for index, (text, is_heading) in enumerate(units):
        contexts.append(
            UnitContext(tuple(h for _, h in open_headings), is_heading, doc_type, _is_fragment(units, index))
        )
        level = heading_level(text)
        if is_heading and (index > 0 or level):
            level = level or 2
            while open_headings and open_headings[-1][0] >= level:
                open_headings.pop()
            open_headings.append((level, text))
    return contexts


def _is_fragment(units: Sequence[tuple[str, bool]], index: int) -> bool:
    """Whether a unit is part of a sentence that runs on over a line break: it or the unit before it stops unterminated."""
    text, is_heading = units[index]
    if is_heading:
        return False
    runs_on = text[-1] not in _SENTENCE_ENDS and index + 1 < len(units) and not units[index + 1][1]
    continues = index > 0 and not units[index - 1][1] and units[index - 1][0][-1] not in _SENTENCE_ENDS
    return runs_on or continues


def contexts_for_lines(lines: Sequence[str], *, doc_type: str = "") -> list[UnitContext]:
    """Contexts for units given one per line, as ``manage.py classify`` reads them."""
    return contexts_for([(line, is_heading_text(line, whole_line=True)) for line in lines], doc_type=doc_type)


@lru_cache(maxsize=4096)
def _heading_matches(heading: str, lexicon: Lexicon) -> Mapping[str, LexiconMatch]:
    """The lexicon matches of a section heading, computed once for all the units under it."""
    return match_lexicon(lexicon_words(heading, lexicon), lexicon)


@dataclass(frozen=True)
class UnitFeatures:
    """Everything the model needs about one unit: kind features and per-category features."""

    kind: dict[str, float]
    categories: dict[str, dict[str, float]]
    matches: dict[str, LexiconMatch]


def unit_features(text: str, context: UnitContext, lexicon: Lexicon) -> UnitFeatures:
    """Named features of ``text`` in ``context`` (pure: same inputs, same features)."""
    words = lexicon_words(text, lexicon)
    matches = match_lexicon(words, lexicon)
    pairs = [(word, flag) for word, flag in pos_tokenizer(lexicon.all_terms).cut(text) if word.strip()]
    clauses = _clauses(pairs)
    reading = _structure_features(text, context) | _grammar_features(text, pairs, clauses)
    # A term in a clause that opens with a verb is what the unit commits to; one only in
    # a subject, purpose or background clause is a mention (GUIDELINE §5).
    directive_words = frozenset(word for head, clause in clauses if head == "verb" for word in clause)
    directive_matches = match_lexicon(directive_words, lexicon)
    heading_matches = _heading_matches(context.headings[-1], lexicon) if context.headings else {}
    character_pairs = _character_pairs(text)
    categories: dict[str, dict[str, float]] = {}
    for slug, match in matches.items():
        features = reading | character_pairs
        if match.terms:
            features["lex:any"] = 1.0
            features["lex:score"] = min(match.score, 4.0)
            features["lex:terms"] = min(len(match.evidence), 4)
            if match.reaches_threshold:
                features["lex:threshold"] = 1.0
            if directive_matches[slug].terms:
                features["lex:directive"] = 1.0
            else:
                features["lex:mention"] = 1.0
        heading_match = heading_matches.get(slug)
        if heading_match is not None and heading_match.reaches_threshold:
            features["lex:section"] = 1.0
        for other, other_match in matches.items():
            if other != slug and other_match.reaches_threshold:
                features["lex:other"] = features.get("lex:other", 0.0) + 1.0
        categories[slug] = features
    kind = reading | _in_section(reading)
    # What a directive clause acts on (a word after the one that opens it) is an instrument a
    # category definition names (设立专项资金, 建设检测中心): the unit commits to something,
    # whatever its length or section.
    acted_on = match_lexicon(
        frozenset(word for head, clause in clauses if head == "verb" for word in clause[1:]), lexicon
    )
    if any(match.evidence for match in acted_on.values()):
        kind["lex:object"] = 1.0
    # The section pairs tell a measure from its context; the category models, which learn
    # from measures only, do without them.
    return UnitFeatures(kind, categories, matches)


def _character_pairs(text: str) -> dict[str, float]:
    """Each pair of adjacent Chinese characters (digits read as 0), for the category models.

    What a unit commits to is often a word jieba cuts differently from the lexicon (工业用地指标,
    服务平台体系, 园区内): pairs see its parts whatever the segmentation. Held out by document, they
    raise category F1 (``make eval``); the kind model does as well without them.

    >>> sorted(_character_pairs("建设3个平台。"))
    ['c:0个', 'c:个平', 'c:平台', 'c:建设', 'c:设0']
    """
    chinese = _NOT_CHINESE.sub(" ", _DIGITS.sub("0", text))
    return {f"c:{chinese[i : i + 2]}": 1.0 for i in range(len(chinese) - 1) if " " not in chinese[i : i + 2]}


_NOT_CHINESE = re.compile(r"[^\u3400-\u9fff0]")


def _structure_features(text: str, context: UnitContext) -> dict[str, float]:
    features: dict[str, float] = {}
    if context.is_heading:
        features["heading"] = 1.0
    level = heading_level(text)
    if level and not context.is_heading:
        features["numbered"] = 1.0
    if _ENUMERATOR.match(text):
        features["enumerated"] = 1.0
    if context.fragment:
        features["fragment"] = 1.0
    elif text[-1] not in _SENTENCE_ENDS:
        features["unterminated"] = 1.0
    if "？" in text or "?" in text:
        features["question"] = 1.0
    length = len(text)
    features[
        "len:" + ("short" if length < 15 else "mid" if length < 40 else "long" if length < 100 else "verylong")
    ] = 1
    section = context.section_kind
    features["section:" + (section or "none")] = 1.0
    if context.headings:
        features["in_section"] = 1.0
    features["genre:" + genre_of(context.doc_type)] = 1.0
    if _FIGURE.search(text):
        features["figure"] = 1.0
    if _TARGET.search(text):
        features["target"] = 1.0
    return features


# Cues whose meaning depends on the section: an action verb under 主要措施 commits, the
# same verb under 现状 reports what was done; a number under 目标 is a target.
_SECTION_DEPENDENT = ("clause:verb", "cue:instrument", "cue:directive", "numbered", "unterminated", "enumerated",
                      "copula", "cue:reasoning", "cue:state", "cue:opinion", "figure", "target")  # fmt: skip


def _in_section(reading: Mapping[str, float]) -> dict[str, float]:
    """Each section-dependent cue paired with the section it occurs in (``section:measures&clause:verb``)."""
    section = next(name for name in reading if name.startswith("section:"))
    return {f"{section}&{cue}": 1.0 for cue in _SECTION_DEPENDENT if cue in reading}


def _grammar_features(
    text: str, pairs: Sequence[tuple[str, str]], clauses: Sequence[tuple[str, list[str]]]
) -> dict[str, float]:
    features: dict[str, float] = {}
    first_verb_seen = False
    for index, (word, flag) in enumerate(pairs):
        word = _DIGITS.sub("0", word)
        if flag == "x" and not re.search(r"[\u3400-\u9fff\w]", word):
            continue
        features["w:" + word] = 1.0
        if index < 2:
            features["first:" + word] = 1.0
        if flag.startswith("v") and not first_verb_seen:
            first_verb_seen = True
            features["first_verb:" + word] = 1.0
    features |= _clause_features(clauses)
    if _META.search(text):
        features["meta"] = 1.0
    if _is_declaration(text):
        features["declaration"] = 1.0
    if _PURPOSE.match(text):
        features["purpose"] = 1.0
        if "meta" in features:
            features["preamble"] = 1.0
    if _IDEOLOGY.search(text):
        features["ideology"] = 1.0
    words = {word for word, _ in pairs}
    for group, cues in CUE_GROUPS.items():
        found = sum(1 for cue in cues if cue in words)
        if found:
            features["cue:" + group] = min(found, 3)
    if any(word == "是" for word, _ in pairs):
        features["copula"] = 1.0
    return features


def _clauses(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """The clauses of a unit, each with how it opens: a directive clause opens with a verb
    (设立…, 对…给予…), a statement with its subject (工业集群的规模…) or a connective (如果…, 而…).

    >>> _clauses([("要", "v"), ("设立", "v"), ("基金", "n"), ("，", "x"), ("产业", "n"), ("是", "v")])
    [('verb', ['要', '设立', '基金']), ('noun', ['产业', '是'])]
    """
    clauses: list[tuple[str, list[str]]] = []
    head = ""
    words: list[str] = []
    for word, flag in pairs:
        if flag == "x" and word in _CLAUSE_ENDS:
            if words:
                clauses.append((head or "noun", words))
            head, words = "", []
            continue
        if flag == "x":
            continue
        words.append(word)
        if head or word in _MODALS or flag in ("d", "ad", "m", "q") or (word == "是" and len(words) <= 2):
            continue
        if word in CUE_GROUPS["reasoning"] or flag == "c":
            head = "connective"
        elif (
            (flag == "p" and word in _LEADING_PREPOSITIONS)
            or (flag.startswith("v") and flag != "vn")
            or word in CUE_GROUPS["instrument"]
        ):
            head = "verb"
        elif flag == "r":
            head = "pronoun"
        else:
            head = "noun"
    if words:
        clauses.append((head or "noun", words))
    return clauses


def _clause_features(clauses: Sequence[tuple[str, list[str]]]) -> dict[str, float]:
    """How many clauses open each way, and the share that open with a verb."""
    features: dict[str, float] = {}
    for head, _ in clauses:
        features["clause:" + head] = min(features.get("clause:" + head, 0.0) + 1.0, 3.0)
    if clauses:
        features["clause:verb_share"] = round(sum(head == "verb" for head, _ in clauses) / len(clauses), 2)
    return features


_CLAUSE_ENDS = set("，,；;：:。！!？?")
# A clause opening with one of these prepositions is a directive: 对…给予, 按照…实施, 把…作为.
_LEADING_PREPOSITIONS = {"对", "按", "按照", "依托", "围绕", "在", "通过", "以", "把", "将", "由", "从", "为"}
_MODALS = {"要", "应", "应当", "须", "必须", "将", "可", "可以", "积极", "大力", "着力", "切实", "进一步", "继续",
           "全力", "尽快", "努力", "重点", "同时", "并", "并且", "还", "也", "均", "都", "再", "每年", "今年", "明年"}  # fmt: skip
# The document speaking about itself: 制定本方案, 提出如下意见, 现将…印发给你们.
_META = re.compile(
    r"本(?:方案|意见|措施|办法|通知|规划|政策|实施方案|细则)|如下|现将|印发给你们|特制定|请认真|遵照执行"
)
# The document announcing or passing on itself (制定本方案, 提出如下意见, 现将…印发给你们): a meta
# statement, never a measure (GUIDELINE §4), whatever action verbs it uses.
# The document naming itself by its type (本实施方案, 本三年行动计划, 本通告) as what is being made,
# passed on or published.
_DECLARATION = re.compile(
    r"(?:制定|制订|出台|提出|印发)了?(?:本[\u4e00-\u9fff]{0,6}?(?:方案|意见|措施|办法|细则|通知|规定|计划|规划|通告|"
    r"公告|决定|指南|条例|纲要|政策)|如下|以下)"
    r"|现将.{0,60}?印发|印发给你们|现予以?(?:印发|发布|通告|公告)"
)


def _is_declaration(text: str) -> bool:
    """Whether the unit only announces or passes on its document: the declaration is in its last
    two clauses, and nothing before it reports a decision taken (``确定了…名单，现予以公布，并提出如下
    工作要求`` is judged on its words).

    >>> _is_declaration("为推动园区高质量发展，结合我市实际，制定本实施方案。")
    True
    >>> _is_declaration("经评审，确定了第一批集群名单，现予以公布，并提出如下工作要求。")
    False
    """
    clauses = [clause for clause in _CLAUSE_SPLIT.split(text) if clause.strip()]
    for start in range(len(clauses) - 1, max(len(clauses) - 3, -1), -1):
        if _DECLARATION.search("，".join(clauses[start:])):
            return "了" not in "".join(clauses[:start])
    return False


_CLAUSE_SPLIT = re.compile("[" + re.escape("".join(sorted(_CLAUSE_ENDS))) + "]")
# Guiding ideology (GUIDELINE §4): 以…为指导 / 为统领 / 为主线.
_IDEOLOGY = re.compile(r"以[^，,。；;]{2,40}为(?:指导|统领|主线|引领|指针)")
_PURPOSE = re.compile(r"^(?:为了?|根据|按照|依据)[^，,]{4,}[，,]")
