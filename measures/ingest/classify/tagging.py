"""Part-of-speech tags for the grammar features: jieba's tagger, made fast, giving the same pairs.

``jieba.posseg`` tags in pure Python, and most of its time goes to a hidden Markov model
over every (position-in-word, tag) state for runs of characters its dictionary does not
know (我县, 培大育强). Three things make it fast without changing one pair (tested against
``jieba.posseg.POSTokenizer`` on real documents):

* each tagger remembers the pairs of each block of text it has tagged (like
  ``segment.MemoTokenizer``: a block's pairs depend only on the block and the dictionary);
* an unknown run's pairs depend only on the run and jieba's fixed model, never on the
  dictionary, so they are remembered across taggers (``tag_unknown_run``);
* ``viterbi`` considers for each state only the states that can precede it, falling back
  to jieba's full scan whenever that could decide differently.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jieba
import jieba.posseg
from jieba.posseg import char_state_tab_P, emit_P, pair, re_eng, re_han_detail, re_num, re_skip_detail, start_P, trans_P
from jieba.posseg.viterbi import MIN_FLOAT, MIN_INF

from ..segment import MEMO_BLOCKS, lexicon_tokenizer

State = tuple[str, str]  # (B/M/E/S, part of speech)


@lru_cache(maxsize=8)
def pos_tokenizer(terms: tuple[str, ...]) -> MemoPOSTokenizer:
    """The tagger over the lexicon tokenizer of ``terms`` (one per lexicon, like the tokenizer)."""
    return MemoPOSTokenizer(lexicon_tokenizer(terms))


class MemoPOSTokenizer(jieba.posseg.POSTokenizer):  # type: ignore[misc]
    """``jieba.posseg.POSTokenizer`` that remembers blocks and tags unknown runs with ``tag_unknown_run``."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        # jieba parses its dictionary's tags for every tagger (and once on import, for its
        # default tagger, which this project never uses): take a copy of those instead.
        assert tokenizer.dictionary == jieba.DEFAULT_DICT, "the tags copied are those of jieba's own dictionary"
        self.tokenizer = tokenizer
        self.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
        self._blocks: dict[str, tuple[Any, ...]] = {}

    def _POSTokenizer__cut_DAG(self, block: str) -> Iterator[Any]:
        pairs = self._blocks.get(block)
        if pairs is None:
            pairs = tuple(jieba.posseg.POSTokenizer._POSTokenizer__cut_DAG(self, block))
            if len(self._blocks) >= MEMO_BLOCKS:
                self._blocks.clear()
            self._blocks[block] = pairs
        return iter(pairs)

    def _POSTokenizer__cut_detail(self, run: str) -> Iterator[Any]:
        return iter(tag_unknown_run(run))


@lru_cache(maxsize=MEMO_BLOCKS)
def tag_unknown_run(run: str) -> tuple[Any, ...]:
    """The pairs jieba's ``POSTokenizer.__cut_detail`` gives for a run of unknown characters.

    >>> [(p.word, p.flag) for p in tag_unknown_run("培大育强2024")]
    [('培大', 'v'), ('育强', 'v'), ('2024', 'm')]
    """
    pairs: list[Any] = []
    for block in re_han_detail.split(run):
        if re_han_detail.match(block):
            pairs += _tag_chinese(block)
        else:
            for piece in re_skip_detail.split(block):
                if piece:
                    flag = "m" if re_num.match(piece) else "eng" if re_eng.match(piece) else "x"
                    pairs.append(pair(piece, flag))
    return tuple(pairs)


def _tag_chinese(text: str) -> list[Any]:
    """jieba's ``POSTokenizer.__cut``: words and tags from the most likely state path."""
    path = viterbi(text)
    pairs = []
    begin = after = 0
    for i, char in enumerate(text):
        position, flag = path[i]
        if position == "B":
            begin = i
        elif position == "E":
            pairs.append(pair(text[begin : i + 1], flag))
            after = i + 1
        elif position == "S":
            pairs.append(pair(char, flag))
            after = i + 1
    if after < len(text):
        pairs.append(pair(text[after:], path[after][1]))
    return pairs


def _predecessors() -> dict[State, tuple[State, ...]]:
    found: dict[State, list[State]] = {}
    for before, nexts in trans_P.items():
        for state in nexts:
            found.setdefault(state, []).append(before)
    return {state: tuple(befores) for state, befores in found.items()}


_PREDECESSORS = _predecessors()


def viterbi(text: str) -> list[State]:
    """The state path jieba's ``posseg.viterbi`` finds for ``text``, with the same ties broken the same way.

    jieba scores every (state, previous state) pair; a previous state with no transition
    into the state scores minus infinity and can only win when every candidate does, so
    those are scanned only when no candidate with a transition has a finite score.
    """
    all_states = trans_P.keys()
    scores: list[dict[State, float]] = [{}]
    back: list[dict[State, State | str]] = [{}]
    for state in char_state_tab_P.get(text[0], all_states):
        scores[0][state] = start_P[state] + emit_P[state].get(text[0], MIN_FLOAT)
        back[0][state] = ""
    for t in range(1, len(text)):
        previous = scores[t - 1]
        current: dict[State, float] = {}
        pointers: dict[State, State | str] = {}
        scores.append(current)
        back.append(pointers)
        before = [state for state in back[t - 1] if trans_P[state]]
        before_set = set(before)
        reachable = {state for prior in before for state in trans_P[prior]}
        candidates = set(char_state_tab_P.get(text[t], all_states)) & reachable
        if not candidates:
            candidates = reachable if reachable else set(all_states)
        char = text[t]
        for state in candidates:
            emit = emit_P[state].get(char, MIN_FLOAT)
            best: tuple[float, State] | None = None
            for prior in _PREDECESSORS.get(state, ()):
                if prior in before_set:
                    option = (previous[prior] + trans_P[prior][state] + emit, prior)
                    if best is None or option > best:
                        best = option
            if best is None or best[0] == MIN_INF:
                best = max((previous[prior] + trans_P[prior].get(state, MIN_INF) + emit, prior) for prior in before)
            current[state], pointers[state] = best
    _score, state = max((scores[-1][state], state) for state in back[-1])
    path: list[State] = [state] * len(text)
    for i in range(len(text) - 1, -1, -1):
        path[i] = state
        if i:
            state = back[i][state]
    return path
