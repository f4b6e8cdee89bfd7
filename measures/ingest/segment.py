"""Chinese word segmentation with jieba and the project's domain dictionary.

Two tokenizers, deliberately separate: the *search* tokenizer knows only the shipped
user dictionary, so the index stays stable when curators edit lexicons; the
*lexicon* tokenizer of a lexicon also knows its terms, so a curator's new term is
always segmented as one word and can match. Neither is ever changed after it is built.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).with_name("userdict.txt")
_WORD = re.compile(r"[\w\u3400-\u9fff]")

jieba.setLogLevel(logging.WARNING)


# Distinct text blocks whose segmentation each tokenizer remembers (a block is a run of
# characters between punctuation: about 10 per sentence).
MEMO_BLOCKS = 32768


class MemoTokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """A jieba tokenizer that remembers how it segmented each block of text.

    jieba cuts text at punctuation into blocks and segments each block alone, from its
    dictionary and a fixed hidden Markov model; so a block's words depend only on the
    block and the dictionary, and the pipeline's several passes over a sentence (search
    tokens, concept terms of each clause) and the clauses repeated across sentences each
    cost one segmentation. The words are those of ``jieba.Tokenizer`` (tested). Changing
    the dictionary forgets what was remembered.
    """

    def __init__(self) -> None:
        super().__init__()
        self._blocks: dict[str, tuple[str, ...]] = {}

    def _Tokenizer__cut_DAG(self, block: str) -> Iterator[str]:
        words = self._blocks.get(block)
        if words is None:
            words = tuple(jieba.Tokenizer._Tokenizer__cut_DAG(self, block))
            if len(self._blocks) >= MEMO_BLOCKS:
                self._blocks.clear()
            self._blocks[block] = words
        return iter(words)

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        super().add_word(word, freq, tag)
        self._blocks.clear()

    def copy(self) -> MemoTokenizer:
        """A tokenizer with a private copy of this one's dictionary (copying is ~20× faster than loading it)."""
        self.check_initialized()
        twin = MemoTokenizer()
        twin.FREQ = dict(self.FREQ)
        twin.total = self.total
        twin.user_word_tag_tab = dict(self.user_word_tag_tab)
        twin.initialized = True
        return twin


@cache
def search_tokenizer() -> MemoTokenizer:
    tokenizer = MemoTokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@lru_cache(maxsize=8)
def lexicon_tokenizer(terms: tuple[str, ...]) -> MemoTokenizer:
    """A private tokenizer that also knows ``terms`` as words, cached by the terms themselves.

    Each lexicon gets its own tokenizer, so classifying never depends on which other
    lexicons (say, one a curator only previewed) the process has seen before.
    """
    tokenizer = search_tokenizer().copy()
    for term in terms:
        tokenizer.add_word(term, freq=1000)
    return tokenizer


def warm_up() -> None:
    """Load the search tokenizer's dictionary now (gunicorn calls this before forking workers).

    Lexicon tokenizers are built per lexicon on first use (``lexicon_tokenizer``), from a
    copy of this one's dictionary.
    """
    search_tokenizer().lcut_for_search("产业集群发展")


def word_tokens(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """Search-mode segmentation (words plus their dictionary sub-words), punctuation dropped.

    >>> word_tokens(search_tokenizer(), "设立专项资金。")
    ['设立', '专项', '资金', '专项资金']
    """
    return [token for token in tokenizer.cut_for_search(text) if _WORD.search(token)]
