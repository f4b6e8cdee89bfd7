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
  (``TermStats``, kept by ``measures.compare.corpus``), and clauses compared by cosine,
  scaled down when one clause is much longer than the other (``BALANCE``).
- A clause that names one concept or none (可再一次性奖励3万元) is joined to the clause
  before it, which says what the grant is for.
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
COUNTERPART_THRESHOLD = 0.13
# A measure's best clause pair decides most of its score, the measures as wholes the rest:
# two short "奖励2万元" clauses agree, but the conditions around them may not.
WHOLE_WEIGHT = 0.3
# Added to every vector's length, so a clause of one or two words cannot be a perfect match
# (its cosine shrinks); in units of the weight of a typical term.
DAMPING = 2.0
# A clause pair's cosine is scaled by (shorter length / longer length) ** BALANCE, lengths damped
# as above: a short clause inside a long enumeration (质量、标准、品牌、知识产权、人才…) shares a
# word or two with it, but says a small part of what the other says.
BALANCE = 0.5
_SENTENCE_BREAK = re.compile(r"[；。！？;!?]")
_CLAUSE_BREAK = re.compile(r"[，：,:]")
_CONDITION = re.compile(r"^对|的$")
_MIN_CLAUSE_CHARS = 4
# Measures scored at once on the fast path: bounds the dense block (this many × the other column's clauses).
_BLOCK = 128
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
    >>> clauses("入选省级示范的企业，可再一次性奖励3万元。")
    ('入选省级示范的企业，可再一次性奖励3万元',)
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
    return _join_thin(result) or (text,)


def _join_thin(parts: Sequence[str]) -> tuple[str, ...]:
    """Clauses of at most one concept term joined to the clause before (the first: to the one after).

    A bare 可再一次性奖励3万元 names no more than the grant; what it rewards is in the
    clause before it, and without it every grant would match every other.
    """
    result: list[str] = []
    for part in parts:
        if result and len(set(concept_terms(part))) <= 1:
            result[-1] = f"{result[-1]}，{part}"
        else:
            result.append(part)
    if len(result) > 1 and len(set(concept_terms(result[0]))) <= 1:
        result[:2] = [f"{result[0]}，{result[1]}"]
    return tuple(result)


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
        balance: float = BALANCE,
    ) -> None:
        self.stats = stats
        self.threshold = threshold
        self.whole = whole
        self.damping = damping
        self.balance = balance

    def _matrix(
        self, texts: Sequence[Sequence[str]], vocabulary: dict[str, int]
    ) -> tuple[sparse.csr_matrix, np.ndarray]:
        """One row per item (a group of clauses), tf-idf weighted, damped unit length; and the lengths."""
        lengths = np.ones(len(texts))
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for row, group in enumerate(texts):
            counts = Counter(term for clause in group for term in concept_terms(clause))
            weights = {term: (1 + math.log(n)) * self.stats.idf(term) for term, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values()) + self.damping**2) or 1.0
            lengths[row] = norm
            for term, weight in weights.items():
                rows.append(row)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight / norm)
        matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), max(len(vocabulary), 1)))
        return matrix, lengths

    def _cosines(self, mine: Sequence[Sequence[str]], theirs: Sequence[Sequence[str]]) -> np.ndarray:
        """Balanced cosines (see ``BALANCE``) of every item of ``mine`` with every item of ``theirs``."""
        vocabulary: dict[str, int] = {}
        a, a_lengths = self._matrix(mine, vocabulary)
        b, b_lengths = self._matrix(theirs, vocabulary)
        width = len(vocabulary) or 1
        a.resize((a.shape[0], width))
        b.resize((b.shape[0], width))
        return self._balanced(np.asarray((a @ b.T).todense()), a_lengths, b_lengths)

    def _balanced(self, cosines: np.ndarray, mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
        """Cosines scaled by (shorter / longer) ** ``balance``, each pair's lengths as outer ratio."""
        if not self.balance:
            return cosines
        ratio = np.minimum.outer(mine, theirs) / np.maximum.outer(mine, theirs)
        return np.asarray(cosines * ratio**self.balance)

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

    # --- the fast path: every clause of a comparison weighed once, rows picked by index ---

    def bank(self, clause_terms: Sequence[Sequence[str]], clause_texts: Sequence[str]) -> ClauseBank:
        """Weigh every clause of a comparison once (its concept terms as stored on the measure)."""
        vocabulary: dict[str, int] = {}
        columns = [vocabulary.setdefault(term, len(vocabulary)) for terms in clause_terms for term in terms]
        rows = np.repeat(np.arange(len(clause_terms)), [len(terms) for terms in clause_terms])
        width = max(len(vocabulary), 1)
        # A repeated term is summed into its count by the conversion to CSR.
        counts_matrix = sparse.csr_matrix(
            (np.ones(len(columns)), (rows, np.asarray(columns, dtype=int))), shape=(len(clause_terms), width)
        )
        counts_matrix.sum_duplicates()
        idf = np.ones(width)
        for term, column in vocabulary.items():
            idf[column] = self.stats.idf(term)
        weights, lengths = self._weigh(counts_matrix, idf)
        return ClauseBank(counts_matrix, weights, lengths, idf, tuple(clause_texts))

    def _weigh(self, counts: sparse.csr_matrix, idf: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Counts → (1 + log n) · idf per term, each row divided by its damped length (as ``_matrix``)."""
        weights = sparse.csr_matrix(counts, dtype=float, copy=True)
        weights.data = (1 + np.log(weights.data)) * idf[weights.indices]
        row_of = np.repeat(np.arange(weights.shape[0]), np.diff(weights.indptr))
        lengths = np.sqrt(np.bincount(row_of, weights.data**2, minlength=weights.shape[0]) + self.damping**2)
        lengths[lengths == 0] = 1.0
        weights.data /= lengths[row_of]
        return weights, lengths

    def _wholes(self, bank: ClauseBank, groups: Sequence[Sequence[int]]) -> tuple[sparse.csr_matrix, np.ndarray]:
        """One weighted row per group of clauses: the measure as a whole, as ``_matrix`` builds it."""
        rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
        columns = np.fromiter((i for g in groups for i in g), dtype=int)
        pick = sparse.csr_matrix((np.ones(len(columns)), (rows, columns)), shape=(len(groups), bank.size))
        return self._weigh(sparse.csr_matrix(pick @ bank.counts), bank.idf)

    def prepare(self, bank: ClauseBank, groups: Sequence[Sequence[int]]) -> Prepared:
        """One column of a row, ready to be matched against the others (weighed once per row)."""
        flat = [i for g in groups for i in g]
        wholes, whole_lengths = self._wholes(bank, groups) if self.whole and groups else (None, np.ones(0))
        return Prepared(
            groups=tuple(tuple(g) for g in groups),
            starts=_starts([len(g) for g in groups]),
            clauses=bank.weights[flat],
            clause_lengths=bank.lengths[flat],
            wholes=wholes,
            whole_lengths=whole_lengths,
        )

    def match_pair(self, bank: ClauseBank, a: Prepared, b: Prepared) -> tuple[list[Match], list[Match]]:
        """Each measure of ``a``'s best match in ``b`` and each of ``b``'s in ``a``, from one product.

        The same scores, counterparts (the first on a tie) and clauses as ``best_matches`` on the
        clauses' texts (tested), a bounded block of ``a`` at a time: memory stays at ``_BLOCK``
        measures × ``b``'s clauses whatever the sizes.
        """
        if not a.groups or not b.groups:
            return [Match(None, 0.0) for _ in a.groups], [Match(None, 0.0) for _ in b.groups]
        their_clauses = b.clauses.T.tocsc()
        their_wholes = b.wholes.T.tocsc() if b.wholes is not None else None
        a_best = np.zeros(len(a.groups), dtype=int)
        a_score = np.zeros(len(a.groups))
        b_best = np.zeros(len(b.groups), dtype=int)
        b_score = np.full(len(b.groups), -np.inf)
        for begin in range(0, len(a.groups), _BLOCK):
            end = min(begin + _BLOCK, len(a.groups))
            offset = int(a.starts[begin])
            width = int(a.starts[end]) - offset if end < len(a.groups) else a.clauses.shape[0] - offset
            clause_scores = self._balanced(
                (a.clauses[offset : offset + width] @ their_clauses).toarray(),
                a.clause_lengths[offset : offset + width],
                b.clause_lengths,
            )
            by_row = np.maximum.reduceat(clause_scores, a.starts[begin:end] - offset, axis=0)
            scores = np.maximum.reduceat(by_row, b.starts, axis=1)
            if their_wholes is not None and a.wholes is not None:
                wholes = self._balanced(
                    (a.wholes[begin:end] @ their_wholes).toarray(), a.whole_lengths[begin:end], b.whole_lengths
                )
                scores = (1 - self.whole) * scores + self.whole * wholes
            a_best[begin:end] = scores.argmax(axis=1)
            a_score[begin:end] = scores[np.arange(end - begin), a_best[begin:end]]
            column_best = scores.argmax(axis=0)
            column_score = scores[column_best, np.arange(len(b.groups))]
            better = column_score > b_score  # strictly: an earlier block keeps a tie
            b_score[better] = column_score[better]
            b_best[better] = column_best[better] + begin
        return self._matches(bank, a, b, a_best, a_score), self._matches(bank, b, a, b_best, b_score)

    def _matches(
        self, bank: ClauseBank, mine: Prepared, theirs: Prepared, best: np.ndarray, score: np.ndarray
    ) -> list[Match]:
        """Matches from each measure's best index and score, with the clauses that matched best.

        The clause pair is the first best in reading order (own clauses, then theirs), as
        ``best_matches`` picks it; all pairs of all winners are scored in one sparse product.
        """
        winners = [k for k in range(len(mine.groups)) if score[k] >= self.threshold]
        left = [x for k in winners for x in mine.groups[k] for _ in theirs.groups[best[k]]]
        right = [y for k in winners for _ in mine.groups[k] for y in theirs.groups[best[k]]]
        dots = np.asarray(bank.weights[left].multiply(bank.weights[right]).sum(axis=1)).ravel() if left else np.zeros(0)
        if self.balance and left:
            mine_lengths, their_lengths = bank.lengths[left], bank.lengths[right]
            ratio = np.minimum(mine_lengths, their_lengths) / np.maximum(mine_lengths, their_lengths)
            dots = dots * ratio**self.balance
        result = [Match(None, float(value)) for value in score]
        start = 0
        for k in winners:
            own, other = mine.groups[k], theirs.groups[best[k]]
            size = len(own) * len(other)
            i, j = divmod(int(np.argmax(dots[start : start + size])), len(other))
            result[k] = Match(int(best[k]), float(score[k]), bank.texts[own[i]], bank.texts[other[j]])
            start += size
        return result


@dataclass(frozen=True)
class Prepared:
    """A column's measures in one row: their clause rows (by bank index) and weighted vectors."""

    groups: tuple[tuple[int, ...], ...]
    starts: np.ndarray  # where each measure's clauses begin in ``clauses``
    clauses: sparse.csr_matrix
    clause_lengths: np.ndarray  # damped lengths of ``clauses``' rows, for ``BALANCE``
    wholes: sparse.csr_matrix | None
    whole_lengths: np.ndarray


@dataclass(frozen=True)
class ClauseBank:
    """The clauses of one comparison: raw term counts and weighted rows, built once (``Matcher.bank``)."""

    counts: sparse.csr_matrix
    weights: sparse.csr_matrix
    lengths: np.ndarray  # each clause's damped length, for ``BALANCE``
    idf: np.ndarray
    texts: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.texts)


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
