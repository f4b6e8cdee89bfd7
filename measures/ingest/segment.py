"""Chinese word segmentation with jieba and the project's domain dictionary.

Two tokenizers, deliberately separate: the *search* tokenizer knows only the shipped
user dictionary, so the index stays stable when curators edit lexicons; the
*lexicon* tokenizer also learns every lexicon term, so a curator's new term is
always segmented as one word and can match.
"""

import logging
import re
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).with_name("userdict.txt")
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_lock = threading.Lock()

jieba.setLogLevel(logging.WARNING)


def _new_tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@cache
def search_tokenizer() -> jieba.Tokenizer:
    return _new_tokenizer()


@cache
def _lexicon_tokenizer() -> jieba.Tokenizer:
    return _new_tokenizer()


_learned_terms: set[str] = set()


def lexicon_tokenizer(terms: Iterable[str]) -> jieba.Tokenizer:
    """The lexicon tokenizer, taught ``terms`` as words (once each)."""
    tokenizer = _lexicon_tokenizer()
    new_terms = [term for term in terms if term not in _learned_terms]
    if new_terms:
        with _lock:
            for term in new_terms:
                tokenizer.add_word(term, freq=1000)
                _learned_terms.add(term)
    return tokenizer


def warm_up() -> None:
    """Load both tokenizers' dictionaries now (gunicorn calls this before forking workers)."""
    for tokenizer in (search_tokenizer(), _lexicon_tokenizer()):
        tokenizer.lcut_for_search("产业集群发展")


def word_tokens(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    """Search-mode segmentation (words plus their dictionary sub-words), punctuation dropped.

    >>> word_tokens(search_tokenizer(), "设立专项资金。")
    ['设立', '专项', '资金', '专项资金']
    """
    return [token for token in tokenizer.cut_for_search(text) if _WORD.search(token)]
