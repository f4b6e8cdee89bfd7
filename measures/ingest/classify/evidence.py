"""The evidence a reader sees: feature names in Chinese as stored, shown in the reader's language.

``describe`` turns a feature into the words stored with a decision (always Chinese, so a stored
label reads the same whatever language classified it); ``in_reader_language`` shows those words
in the language of the page: cue names are translated, a document's own words stay as written.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop, pgettext

# Evidence is stored in Chinese (``describe``) and shown in the reader's language (``in_reader_language``).
_SECTION_LABELS = {
    "background": gettext_noop("章节：背景"),
    "problem": gettext_noop("章节：问题"),
    "guidance": gettext_noop("章节：指导思想或目标"),
    "measures": gettext_noop("章节：措施"),
    "": gettext_noop("章节：无"),
}


def describe(feature: str) -> str:
    """A feature name in Chinese, as a reader sees it in the evidence.

    >>> describe("section:measures"), describe("w:设立"), describe("lex:section")
    ('章节：措施', '设立', '章节标题')
    """
    if feature.startswith(("w:", "first:", "first_verb:")):
        word = feature.split(":", 1)[1]
        return gettext_noop("数字") if word.strip("0") == "" else word
    if "&" in feature:
        return "·".join(describe(part) for part in feature.split("&"))
    if feature.startswith("section:"):
        return _SECTION_LABELS.get(feature.split(":", 1)[1], _SECTION_LABELS[""])
    return _FEATURE_NAMES.get(feature, feature)


def in_reader_language(reason: str) -> str:
    """A reason as ``describe`` stored it, in the reader's language: the cue names are translated,
    a document's own words and a lexicon's terms stay as written (``章节：措施·设立`` →
    ``section: measures · 设立`` in English)."""
    parts = [gettext(part) if part in _CUE_NAMES else part for part in reason.split("·")]
    return pgettext("between the cues of one reason", "·").join(parts)


_FEATURE_NAMES = {
    "heading": gettext_noop("标题"),
    "genre:policy": gettext_noop("文体：政策文件"),
    "genre:discourse": gettext_noop("文体：讲话、报告或评论"),
    "genre:other": gettext_noop("文体：新闻或未识别"),
    "numbered": gettext_noop("编号条目"),
    "enumerated": gettext_noop("分项列举"),
    "unterminated": gettext_noop("不完整句"),
    "fragment": gettext_noop("跨行断句"),
    "question": gettext_noop("问句"),
    "figure": gettext_noop("数据"),
    "target": gettext_noop("目标"),
    "copula": gettext_noop("判断句"),
    "meta": gettext_noop("行文用语"),
    "declaration": gettext_noop("发文说明"),
    "purpose": gettext_noop("目的或依据状语"),
    "preamble": gettext_noop("发文缘由"),
    "ideology": gettext_noop("指导思想"),
    "clause:verb": gettext_noop("动词开头的分句"),
    "clause:verb_share": gettext_noop("动词开头的分句"),
    "clause:noun": gettext_noop("主语开头的分句"),
    "clause:connective": gettext_noop("关联词开头的分句"),
    "clause:pronoun": gettext_noop("代词开头的分句"),
    "in_section": gettext_noop("章节内"),
    "cue:instrument": gettext_noop("政策工具动词"),
    "cue:directive": gettext_noop("部署用语"),
    "cue:actor": gettext_noop("政府主体"),
    "cue:opinion": gettext_noop("转述"),
    "cue:state": gettext_noop("现状"),
    "cue:reasoning": gettext_noop("说理"),
    "cue:evaluation": gettext_noop("评价"),
    "cue:goal": gettext_noop("目标用语"),
    "lex:any": gettext_noop("词表"),
    "lex:score": gettext_noop("词表"),
    "lex:terms": gettext_noop("词表"),
    "lex:threshold": gettext_noop("词表"),
    "lex:section": gettext_noop("章节标题"),
    "lex:directive": gettext_noop("动作对象"),
    "lex:mention": gettext_noop("仅提及"),
    "lex:object": gettext_noop("动作对象：政策工具"),
    "lex:other": gettext_noop("其他类别"),
    "len:short": gettext_noop("短句"),
    "len:mid": gettext_noop("中等长度"),
    "len:long": gettext_noop("长句"),
    "len:verylong": gettext_noop("超长句"),
}
# Only these are translated: any other evidence is a word of the sentence or a lexicon term.
_CUE_NAMES = frozenset(_FEATURE_NAMES.values()) | frozenset(_SECTION_LABELS.values()) | {gettext_noop("数字")}
