"""Classify a sentence: is it a measure, and which categories does it concern?

Both decisions are explainable. Categories come from weighted lexicon terms
(``Category.lexicon``, data that curators edit) matched within the sentence's jieba
words; each label carries the terms that triggered it. ``is_measure`` comes from
cue words for actions and for context, listed below; the cues that decided it are
returned as evidence (``+设立`` for an action cue, ``-据统计`` for a context cue).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .segment import lexicon_tokenizer, word_tokens

# Verbs that create or deploy an instrument: enough on their own.
STRONG_ACTION_CUES = (
    "设立", "成立", "建立", "搭建", "组建", "组成", "创办", "出台", "列支", "拿出", "给予", "安排", "聘请",
    "返还", "引进", "招引", "鼓励", "支持", "扶持", "实行", "开展", "整治", "打击", "争取", "对接", "用好",
    "设立", "兴建", "开工", "列出", "编制", "实施", "组织实施", "整顿", "创优", "保障",
)  # fmt: skip
# Verbs common in rhetoric as well: they count only beside a commitment cue.
WEAK_ACTION_CUES = (
    "建设", "构建", "制定", "推进", "推动", "加快", "加强", "加大", "强化", "完善", "引导", "培育", "吸引",
    "打造", "提升", "优化", "落实", "整合", "发挥", "规划", "拓展", "深化", "壮大", "扩大", "提高", "建成",
    "完成", "调整", "协调", "进军", "挺进", "坚持", "采取", "营造", "做好", "抓好", "发展", "利用", "促进",
    "改造", "延伸", "弥补", "重振", "运用", "投入", "推广",
)  # fmt: skip
# Words that mark the sentence as addressed to or committed by the region.
COMMITMENT_CUES = (
    "要",
    "应",
    "应当",
    "必须",
    "计划",
    "积极",
    "大力",
    "着力",
    "切实",
    "尽快",
    "全力",
    "重点",
    "力争",
    "进一步",
    "从今年开始",
    "每年",
    "一是",
    "二是",
    "三是",
    "四是",
    "主动",
    "正在",
    "坚决",
    "一追到底",
)
# A sentence opening with one of these (or with an action verb) is an imperative.
IMPERATIVE_OPENERS = ("要", "重点", "充分", "积极", "大力", "全力", "着力", "尽快", "切实", "坚决", "进一步", "以")  # fmt: skip
# Words that mark background, theory, problems, statistics, third-party opinion or examples.
CONTEXT_CUES = (
    "认为",
    "据统计",
    "截至",
    "截止",
    "已拥有",
    "已形成",
    "已经",
    "已",
    "存在",
    "问题",
    "瓶颈",
    "制约",
    "困境",
    "缺乏",
    "落后",
    "滞后",
    "不足",
    "难",
    "是指",
    "即",
    "所谓",
    "概念",
    "意义",
    "必然",
    "必将",
    "趋势",
    "能够",
    "可以",
    "可",
    "只有",
    "才能",
    "由此可见",
    "所以说",
    "至关重要",
    "关键",
    "之路",
    "使命",
    "灯塔",
    "例如",
    "比如",
    "如",
    "典型",
    "范例",
    "代表",
    "美国",
    "硅谷",
    "德国",
    "慕尼黑",
    "日本",
    "台湾",
    "新竹",
    "底特律",
    "西雅图",
    "波特",
    "苏州",
    "义乌",
    "余姚",
    "中山",
    "嵊州",
    "东莞",
    "绍兴",
    "永庚",
    "江浙",
    "广东",
    "辽阳",
    "本溪",
    "丹东",
    "法库",
    "参加会议",
    "表示感谢",
    "座谈会",
    "讨论",
    "不容易",
    "如何",
    "便",
    "往往",
    "通常",
    "一般",
    "也就是",
    "就像",
    "好像",
    "由于",
    "为了",
    "需要",
    "不是",
    "过程",
)
# The copula marks a definition or judgement unless the sentence is an imperative.
COPULA = "是"  # fmt: skip
_NUMBER_FACT = re.compile(r"\d+(\.\d+)?\s*(亿|万|%|家|个|户|枚|平方公里)")


@dataclass(frozen=True)
class Term:
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class CategoryLexicon:
    slug: str
    terms: tuple[Term, ...]
    threshold: float = 1.0


@dataclass(frozen=True)
class Lexicon:
    categories: tuple[CategoryLexicon, ...]

    @property
    def all_terms(self) -> tuple[str, ...]:
        return tuple(term.text for category in self.categories for term in category.terms)


@dataclass(frozen=True)
class Classification:
    is_measure: bool
    kind_evidence: tuple[str, ...]
    categories: tuple[str, ...]
    evidence: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    scores: Mapping[str, float] = field(default_factory=dict)

    def as_json(self, text: str) -> dict[str, object]:
        return {
            "text": text,
            "is_measure": self.is_measure,
            "categories": list(self.categories),
            "evidence": {slug: list(terms) for slug, terms in self.evidence.items()},
        }


def parse_lexicon(text: str) -> tuple[Term, ...]:
    """Parse a lexicon: one term per line, an optional weight after whitespace, ``#`` comments.

    >>> parse_lexicon("专项资金 2\\n资金\\n# a comment\\n平台经济 -1")
    (Term(text='专项资金', weight=2.0), Term(text='资金', weight=1.0), Term(text='平台经济', weight=-1.0))
    """
    terms: list[Term] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) > 2:
            raise ValueError(
                _("第 %(line)s 行应为“词语 权重”（权重可省略），现在是：%(raw)s") % {"line": number, "raw": raw.strip()}
            )
        try:
            weight = float(parts[1]) if len(parts) == 2 else 1.0
        except ValueError:
            raise ValueError(
                _("第 %(line)s 行的权重必须是数字，现在是：%(weight)s") % {"line": number, "weight": parts[1]}
            ) from None
        if parts[0] not in seen:
            seen.add(parts[0])
            terms.append(Term(parts[0], weight))
    return tuple(terms)


def build_lexicon(rows: Iterable[tuple[str, str, float]]) -> Lexicon:
    """A Lexicon from ``(slug, lexicon text, threshold)`` rows, e.g. Category fields."""
    return Lexicon(tuple(CategoryLexicon(slug, parse_lexicon(text), threshold) for slug, text, threshold in rows))


def classify_sentence(text: str, lexicon: Lexicon, *, is_heading: bool = False) -> Classification:
    """Decide kind and categories for one normalised sentence.

    >>> lexicon = build_lexicon([("finance", "专项资金 2\\n资金", 1.0)])
    >>> result = classify_sentence("设立泵阀产业专项资金。", lexicon)
    >>> result.is_measure, result.categories, dict(result.evidence)
    (True, ('finance',), {'finance': ('专项资金', '资金')})
    """
    tokens = set(word_tokens(lexicon_tokenizer(lexicon.all_terms), text))
    categories: list[str] = []
    evidence: dict[str, tuple[str, ...]] = {}
    scores: dict[str, float] = {}
    for category in lexicon.categories:
        matched = [term for term in category.terms if _within_a_word(term.text, tokens)]
        score = sum(term.weight for term in matched)
        if matched and score >= category.threshold:
            categories.append(category.slug)
            evidence[category.slug] = tuple(term.text for term in matched if term.weight > 0)
            scores[category.slug] = score
    is_measure, kind_evidence = _decide_kind(text, tokens, is_heading=is_heading)
    return Classification(is_measure, kind_evidence, tuple(categories), evidence, scores)


def _within_a_word(term: str, tokens: set[str]) -> bool:
    """A term matches inside one jieba word, never across a word boundary.

    Search-mode segmentation only emits 2- and 3-character sub-words, so 服务平台
    inside 产业服务平台 is found by looking within the longer word.
    """
    return term in tokens or any(term in token for token in tokens if len(token) > len(term))


def _decide_kind(text: str, tokens: set[str], *, is_heading: bool) -> tuple[bool, tuple[str, ...]]:
    if is_heading:
        return False, ("-标题",)
    if "？" in text or "?" in text:
        return False, ("-问句",)
    strong = [cue for cue in STRONG_ACTION_CUES if cue in tokens]
    weak = [cue for cue in WEAK_ACTION_CUES if cue in tokens]
    commitments = [cue for cue in COMMITMENT_CUES if cue in tokens]
    context = [cue for cue in CONTEXT_CUES if cue in tokens]
    if _opens_imperative(text):
        commitments.append("祈使")
    elif COPULA in tokens:
        context.append(COPULA)
    if _NUMBER_FACT.search(text) and not commitments:
        context.append("数据")
    acts = bool(strong) or bool(weak and commitments)
    score = 2 * len(strong) + len(weak) + len(commitments) - 2 * len(context)
    is_measure = acts and score > 0
    evidence = [f"+{cue}" for cue in strong + weak + commitments] + [f"-{cue}" for cue in context]
    return is_measure, tuple(evidence)


def _opens_imperative(text: str) -> bool:
    opening = text[:4]
    return opening.startswith(IMPERATIVE_OPENERS) or any(
        opening.startswith(cue) for cue in STRONG_ACTION_CUES + WEAK_ACTION_CUES
    )
