"""What a user typed, as data: words, phrases, exclusions; the tokens stored for a sentence;
the engine syntax generated from quoted tokens only; highlighting."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ..concepts import synonyms
from ..ingest.normalise import normalise_text
from ..ingest.segment import search_tokenizer, word_tokens

# Longer input is cut here: no useful query is longer, and it bounds the work per request.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_TOKEN = re.compile(r"^[\w\u3400-\u9fff]+$")
_PHRASE = re.compile(r"[\"“”「」]([^\"“”「」]+)[\"“”「」]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "等",
        "为",
        "把",
        "将",
        "以",
        "从",
        "中",
        "上",
        "下",
        "也",
        "都",
        "就",
        "之",
        "其",
        "并",
        "而",
        "我",
        "我们",
        "你",
        "他",
        "这",
        "那",
        "个",
        "有",
        "各",
        "着",
        "被",
        "让",
        "向",
        "于",
        "由",
        "所",
        "该",
        "此",
        "及其",
        "以及",
        "还",
        "又",
        "或者",
        "and",
        "or",
        "not",
        "near",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
    ]
)


def index_tokens(text: str) -> str:
    """The tokens stored for a sentence: jieba search-mode words, then its CJK characters.

    The single characters let a one-character query such as 泵 find 水泵.

    >>> index_tokens("设立专项资金")
    '设立 专项 资金 专项资金 设 立 专 项 资 金'
    """
    words = word_tokens(search_tokenizer(), text)
    characters = [ch for ch in text if _CJK.match(ch)]
    return " ".join(token for token in map(clean_token, [*words, *characters]) if token)


@lru_cache(maxsize=65536)  # the same few thousand words make up most sentences
def clean_token(token: str) -> str:
    return "".join(ch for ch in token.lower() if ch.isalnum() or _CJK.match(ch))


@dataclass(frozen=True)
class Term:
    """One query word: matched whole, through its dictionary sub-words all present, or as a synonym.

    Synonyms come from ``measures.concepts``, the groups comparison uses too: 引入 finds 引进.
    """

    word: str
    parts: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchQuery:
    raw: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        words = [w for t in self.terms for w in (t.word, *t.synonyms, *(s for p in t.parts for s in _expand(p)[1:]))]
        return tuple(dict.fromkeys([*self.phrases, *words]))

    @property
    def problem(self) -> str | None:
        """Why this query cannot run, in words for the person who typed it."""
        if not self.raw.strip():
            return None
        if not self.terms:
            if self.excluded:
                return gettext("只有排除词的查询无法执行：请至少输入一个要查找的词。")
            return gettext("查询中没有可检索的词（只有标点、符号或“的、和、在”之类的常用词）。请换一个更具体的词。")
        return None


def parse_query(raw: str) -> SearchQuery:
    """Parse what a user typed: words (all required), "quoted phrases", -exclusions.

    Traditional characters and full-width forms are normalised like the index.

    >>> q = parse_query('專項資金 "公共服务平台" -土地')
    >>> [t.word for t in q.terms], q.phrases, q.excluded
    (['专项资金', '公共服务平台'], ('公共服务平台',), ('土地',))
    """
    truncated = len(raw) > MAX_QUERY_CHARS
    text = normalise_text(_CONTROL.sub(" ", raw[:MAX_QUERY_CHARS]))
    phrases = tuple(p for p in (normalise_text(m) for m in _PHRASE.findall(text)) if _segment(p))
    text = _PHRASE.sub(" ", text)
    excluded: list[str] = []
    positive: list[str] = []
    for chunk in text.split():
        if chunk.startswith("-") and len(chunk) > 1:
            excluded.extend(_segment(chunk[1:]))
        else:
            positive.append(chunk)
    words = [*_segment(" ".join(positive)), *(w for p in phrases for w in _segment(p))]
    terms = tuple(_term(w) for w in dict.fromkeys(words))[:MAX_TERMS]
    return SearchQuery(
        raw=raw,
        terms=terms,
        phrases=phrases,
        excluded=tuple(dict.fromkeys(excluded))[:MAX_TERMS],
        truncated=truncated,
    )


def _segment(text: str) -> list[str]:
    tokens = (clean_token(t) for t in search_tokenizer().cut(text))
    return [t for t in tokens if t and _TOKEN.match(t) and t not in STOP_WORDS]


def _expand(word: str) -> tuple[str, ...]:
    """A word and its synonyms (``measures.concepts``), as index tokens."""
    return tuple(dict.fromkeys(t for t in (clean_token(w) for w in synonyms(word)) if t and _TOKEN.match(t)))


def _term(word: str, *, expand: bool = True) -> Term:
    """The query word, its sub-words and (unless excluded, where the reader means that word) its synonyms."""
    parts = [clean_token(t) for t in search_tokenizer().cut_for_search(word)]
    kept = tuple(p for p in dict.fromkeys(parts) if p and p != word)
    if not expand:
        return Term(word, kept)
    return Term(word, kept, _expand(word)[1:])


@dataclass(frozen=True)
class _Syntax:
    """How one engine spells a quoted token and the boolean operators."""

    quote: Callable[[str], str]
    and_: str
    or_: str
    and_not: str

    def term(self, term: Term) -> str:
        alternatives = [self.quote(word) for word in (term.word, *term.synonyms)]
        if term.parts:
            alternatives.append("(" + self.and_.join(self._any(_expand(p)) for p in term.parts) + ")")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(" + self.or_.join(alternatives) + ")"

    def _any(self, words: Sequence[str]) -> str:
        quoted = [self.quote(word) for word in words]
        return quoted[0] if len(quoted) == 1 else "(" + self.or_.join(quoted) + ")"

    def expression(self, query: SearchQuery) -> str:
        """Every term required, then each excluded word subtracted."""
        expression = "(" + self.and_.join(self.term(t) for t in query.terms) + ")"
        for word in query.excluded:
            expression += self.and_not + self.term(_term(word, expand=False))
        return expression


FTS5 = _Syntax(quote=lambda t: '"' + t.replace('"', '""') + '"', and_=" AND ", or_=" OR ", and_not=" NOT ")
TSQUERY = _Syntax(
    quote=lambda t: "'" + t.replace("\\", "\\\\").replace("'", "''") + "'", and_=" & ", or_=" | ", and_not=" & !"
)


def fts5_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH expression.

    >>> fts5_expression(parse_query("招引 -土地"))
    '(("招引" OR "引进" OR "引入" OR "吸引" OR "引来" OR "延揽" OR "吸纳" OR "招揽" OR "引育")) NOT "土地"'
    """
    return FTS5.expression(query)


def tsquery_expression(query: SearchQuery) -> str:
    """The PostgreSQL tsquery text, for a ``::tsquery`` cast: lexemes quoted, never parsed.

    >>> tsquery_expression(parse_query("专项资金 -土地"))
    "(('专项资金' | '专项经费' | '专项扶持资金' | '发展资金' | '引导资金' | ('专项' & '资金'))) & !'土地'"
    """
    return TSQUERY.expression(query)


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """Escape ``text`` and wrap every occurrence of ``terms`` in ``<mark>``.

    Splits the raw text first and escapes each piece, so a match can never cut an
    HTML entity in two and nothing from the text is ever trusted.

    >>> highlight("<b>设立专项资金</b>", ["专项资金"])
    '&lt;b&gt;设立<mark>专项资金</mark>&lt;/b&gt;'
    """
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    if not wanted:
        return mark_safe(html.escape(text, quote=True))
    pattern = re.compile("|".join(re.escape(t) for t in wanted), re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last : match.start()], quote=True))
        pieces.append(f"<mark>{html.escape(match.group(), quote=True)}</mark>")
        last = match.end()
    pieces.append(html.escape(text[last:], quote=True))
    return mark_safe("".join(pieces))
