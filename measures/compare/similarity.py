"""Counterparts: how alike two measures are, on concepts weighted over the whole corpus.

Pure: text and stored term frequencies in, scores out; no database, no dependence on
which other measures happen to be compared. That is the point — a measure's counterpart
in another region depends only on the two measures and the corpus, so adding a column
to a comparison never changes an existing pair.

- A policy sentence is usually a list of clauses (设立专项资金，加强土地要素保障，…), so
  two measures are as alike as their best-matching pair of clauses.
- A clause becomes concept terms: jieba words of two or more characters, mapped through
  ``measures.concepts`` (引入 → 引进), without words that say how hard rather than what
  (加快, 积极), plus the concept of any synonym written inside a longer word.
- Terms are weighted by inverse sentence frequency over every stored sentence
  (``TermStats``, kept by ``measures.compare.corpus``), and clauses compared by cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from scipy import sparse

from ..concepts import SYNONYM_GROUPS, canonical, is_generic
from ..ingest.segment import search_tokenizer

# Below this, two measures are not counterparts and the measure is 独有 (unique) in that
# comparison. The best F1 on tests/data/counterparts.jsonl; ``manage.py evaluate_counterparts``
# also reports it held out (chosen per fold on the other folds), see the README for the figures.
COUNTERPART_THRESHOLD = 0.17
# A measure's best clause pair decides most of its score, the measures as wholes the rest:
# two short "奖励2万元" clauses agree, but the conditions around them may not.
WHOLE_WEIGHT = 0.3
# Added to every vector's length, so a clause of one or two words cannot be a perfect match
# (its cosine shrinks); in units of the weight of a typical term.
DAMPING = 2.0
_SENTENCE_BREAK = re.compile(r"[；。！？;!?]")
_CLAUSE_BREAK = re.compile(r"[，：,:]")
_CONDITION = re.compile(r"^对|的$")
_MIN_CLAUSE_CHARS = 4
_WORD = re.compile(r"^[\u3400-\u9fffA-Za-z]{2,32}$")


@dataclass(frozen=True)
class TermStats:
    """How many stored sentences contain each concept term, and how many sentences there are."""

    frequencies: Mapping[str, int]
    sentences: int

    def idf(self, term: str) -> float:
        """Smoothed inverse sentence frequency: rare concepts weigh more.

        >>> stats = TermStats({"人才": 9}, sentences=99)
        >>> round(stats.idf("人才"), 2), round(stats.idf("洼地"), 2)
        (3.3, 5.61)
        """
        return math.log((1 + self.sentences) / (1 + self.frequencies.get(term, 0))) + 1


def clauses(text: str) -> tuple[str, ...]:
    """The clauses of a sentence, for matching; the whole sentence if it has none.

    A condition (a clause that opens with 对 or ends with 的) stays with the clause it
    qualifies: in 完成2000万元以上的，奖励5万元 the reward is *for* the investment, and a
    bare 奖励5万元 would match every other grant.

    >>> clauses("设立泵阀产业专项资金，加强土地要素保障。")
    ('设立泵阀产业专项资金', '加强土地要素保障')
    >>> clauses("完成2000万元以上的，奖励5万元；对新建厂房，给予补助。")
    ('完成2000万元以上的，奖励5万元', '对新建厂房，给予补助')
    """
    result: list[str] = []
    for segment in _SENTENCE_BREAK.split(text):
        pending = ""
        for part in (p.strip() for p in _CLAUSE_BREAK.split(segment)):
            if not part:
                continue
            part = f"{pending}，{part}" if pending else part
            pending = part if _CONDITION.search(part) else ""
            if not pending and len(part) >= _MIN_CLAUSE_CHARS:
                result.append(part)
        if len(pending) >= _MIN_CLAUSE_CHARS:
            result.append(pending)
    return tuple(result) or (text,)


def focus_clauses(sentence_clauses: Sequence[str], terms: Sequence[str]) -> tuple[str, ...]:
    """The clauses that contain any of ``terms``; all of them when none does.

    In the talent row, 设立专项资金，加强人才队伍建设 is about talent only in its
    second clause, so it is matched there on that clause alone.

    >>> focus_clauses(("设立专项资金", "加强人才队伍建设"), ["人才队伍"])
    ('加强人才队伍建设',)
    """
    carrying = tuple(clause for clause in sentence_clauses if any(term in clause for term in terms))
    return carrying or tuple(sentence_clauses)


@cache
def _group_words() -> tuple[str, ...]:
    return tuple(sorted({word for group in SYNONYM_GROUPS for word in group}, key=len, reverse=True))


@lru_cache(maxsize=65536)
def concept_terms(clause: str) -> tuple[str, ...]:
    """The concept terms of one clause, with repeats (their count is the term frequency).

    >>> concept_terms("营造良好的外部环境引入和留住人才")
    ('营造', '良好', '外部', '环境', '外部环境', '引进', '留住', '人才')
    >>> concept_terms("营造拴心留人的人才洼地")
    ('营造', '留住', '人才', '洼地')
    """
    words = [
        canonical(word)
        for word in search_tokenizer().cut_for_search(clause)
        if _WORD.match(word) and not is_generic(word)
    ]
    present = set(words)
    # Synonyms that segmentation split or buried inside a longer word (拴心留人 → 拴 心 留人).
    for word in _group_words():
        concept = canonical(word)
        if concept not in present and word in clause:
            words.append(concept)
            present.add(concept)
    return tuple(words)


def sentence_terms(text: str) -> frozenset[str]:
    """The distinct concept terms of a sentence: what ``TermStats`` counts per sentence."""
    return frozenset(term for clause in clauses(text) for term in concept_terms(clause))


@dataclass(frozen=True)
class Match:
    """A measure's best counterpart among others: its index, the score and the clauses that matched."""

    index: int | None  # None: nothing reached the threshold (独有)
    score: float
    own_clause: str = ""
    their_clause: str = ""


class Matcher:
    """Scores measures (each given as its clauses) against each other with fixed ``TermStats``."""

    def __init__(
        self,
        stats: TermStats,
        *,
        threshold: float = COUNTERPART_THRESHOLD,
        whole: float = WHOLE_WEIGHT,
        damping: float = DAMPING,
    ) -> None:
        self.stats = stats
        self.threshold = threshold
        self.whole = whole
        self.damping = damping

    def _matrix(self, texts: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
        """One row per item (a group of clauses), tf-idf weighted, damped unit length."""
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, group in enumerate(texts):
            counts = Counter(term for clause in group for term in concept_terms(clause))
            weights = {term: (1 + math.log(n)) * self.stats.idf(term) for term, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values()) + self.damping**2) or 1.0
            for term, weight in weights.items():
                rows.append(row)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight / norm)
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), max(len(vocabulary), 1)))

    def _cosines(self, mine: Sequence[Sequence[str]], theirs: Sequence[Sequence[str]]) -> np.ndarray:
        vocabulary: dict[str, int] = {}
        a = self._matrix(mine, vocabulary)
        b = self._matrix(theirs, vocabulary)
        width = len(vocabulary) or 1
        a.resize((a.shape[0], width))
        b.resize((b.shape[0], width))
        return np.asarray((a @ b.T).todense())

    def scores(self, mine: Sequence[Sequence[str]], theirs: Sequence[Sequence[str]]) -> np.ndarray:
        """Measure × measure scores: the best pair of clauses, blended with the measures as wholes."""
        if not mine or not theirs:
            return np.zeros((len(mine), len(theirs)))
        clause_scores = self._cosines([[c] for m in mine for c in m], [[c] for m in theirs for c in m])
        my_starts = _starts([len(m) for m in mine])
        their_starts = _starts([len(m) for m in theirs])
        by_row = np.maximum.reduceat(clause_scores, my_starts, axis=0)
        best_clauses = np.maximum.reduceat(by_row, their_starts, axis=1)
        if not self.whole:
            return np.asarray(best_clauses)
        return np.asarray((1 - self.whole) * best_clauses + self.whole * self._cosines(mine, theirs))

    def score(self, a: Sequence[str], b: Sequence[str]) -> float:
        """How alike two measures are, each given as its clauses (0 to 1)."""
        return float(self.scores([a], [b])[0, 0])

    def best_matches(self, mine: Sequence[Sequence[str]], theirs: Sequence[Sequence[str]]) -> list[Match]:
        """For each of ``mine``, its closest measure in ``theirs`` (the first one on a tie)."""
        scores = self.scores(mine, theirs)
        result = []
        for i, own in enumerate(mine):
            if not theirs:
                result.append(Match(None, 0.0))
                continue
            j = int(scores[i].argmax())
            score = float(scores[i, j])
            if score < self.threshold:
                result.append(Match(None, score))
                continue
            own_clause, their_clause = self._best_clauses(own, theirs[j])
            result.append(Match(j, score, own_clause, their_clause))
        return result

    def _best_clauses(self, own: Sequence[str], theirs: Sequence[str]) -> tuple[str, str]:
        scored = self._cosines([[a] for a in own], [[b] for b in theirs])
        i, j = np.unravel_index(int(scored.argmax()), scored.shape)
        return own[int(i)], theirs[int(j)]


def _starts(lengths: Sequence[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int)


def region_similarity(
    a_best: Sequence[float], b_best: Sequence[float], *, threshold: float = COUNTERPART_THRESHOLD
) -> float:
    """How alike two regions are, from their measures: each measure's best counterpart score in the other.

    ``a_best`` holds, per measure of one region, its best score against the other region's
    measures (over the category rows it sits in); ``b_best`` the same the other way.

    >>> round(region_similarity([0.5, 0.1], [0.3]), 2)
    0.75
    """
    return (coverage([s >= threshold for s in a_best]) + coverage([s >= threshold for s in b_best])) / 2


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors; 0 when either is all zeros.

    >>> round(cosine([1, 0, 1], [1, 0, 0]), 3)
    0.707
    """
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = sum(x * x for x in a) ** 0.5 * sum(y * y for y in b) ** 0.5
    return dot / norm if norm else 0.0


def coverage(matched: Sequence[bool]) -> float:
    """The share of measures that have a counterpart; 0 for none.

    >>> coverage([True, False, False, True])
    0.5
    """
    return sum(matched) / len(matched) if matched else 0.0
