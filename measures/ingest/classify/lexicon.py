"""Category lexicons: the weighted terms curators edit (``Category.lexicon``) and how they match.

A term matches inside one jieba word of the sentence, never across a word boundary,
using a tokenizer private to the lexicon (``segment.lexicon_tokenizer``), so the
answer depends only on the sentence and the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from ..segment import lexicon_tokenizer, word_tokens


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

    @cached_property
    def all_terms(self) -> tuple[str, ...]:
        """Every term once, sorted: the cache key of the lexicon's tokenizer."""
        return tuple(sorted({term.text for category in self.categories for term in category.terms}))

    @cached_property
    def longest_term(self) -> int:
        """The length of the longest term: no longer piece of a word can match."""
        return max((len(term) for term in self.all_terms), default=0)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(category.slug for category in self.categories)

    def __hash__(self) -> int:
        # Hashed once: a lexicon is a cache key per heading (``features._heading_matches``),
        # and hashing every term of it again each time cost more than the lookup saved.
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(self.categories)


@dataclass(frozen=True)
class LexiconMatch:
    """The terms of one category found in a text, and their summed weight."""

    slug: str
    terms: tuple[Term, ...]
    score: float
    threshold: float

    @property
    def reaches_threshold(self) -> bool:
        return bool(self.terms) and self.score >= self.threshold

    @property
    def evidence(self) -> tuple[str, ...]:
        return tuple(term.text for term in self.terms if term.weight > 0)


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


def lexicon_words(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The words of ``text`` as the lexicon's own tokenizer segments them (search mode)."""
    return frozenset(word_tokens(lexicon_tokenizer(lexicon.all_terms), text))


def match_lexicon(words: frozenset[str], lexicon: Lexicon) -> dict[str, LexiconMatch]:
    """Each category's matched terms among ``words``: a term matches when it lies within one word.

    >>> lexicon = build_lexicon([("finance", "专项资金 2\\n资金", 1.0)])
    >>> match = match_lexicon(lexicon_words("设立泵阀产业专项资金。", lexicon), lexicon)["finance"]
    >>> match.evidence, match.score
    (('专项资金', '资金'), 3.0)
    """
    pieces = word_pieces(words, lexicon.longest_term)
    matches = {}
    for category in lexicon.categories:
        found = tuple(term for term in category.terms if term.text in pieces)
        matches[category.slug] = LexiconMatch(
            category.slug, found, sum(term.weight for term in found), category.threshold
        )
    return matches


def word_pieces(words: frozenset[str], longest: int) -> frozenset[str]:
    """Every substring of every word, up to ``longest`` characters: what a term can match.

    Search-mode segmentation only emits 2- and 3-character sub-words, so 服务平台 inside
    产业服务平台 must be looked for within the longer word; collecting the pieces once per
    sentence makes each term a set lookup instead of a scan over the words.

    >>> sorted(word_pieces(frozenset({"平台", "服务平台"}), 2))
    ['务', '务平', '台', '平', '平台', '服', '服务']
    """
    pieces: set[str] = set()
    for word in words:
        size = len(word)
        for start in range(size):
            pieces.update(word[start:end] for end in range(start + 1, min(size, start + longest) + 1))
    return frozenset(pieces)
