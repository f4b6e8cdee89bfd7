"""Normalise Chinese text: one script, one punctuation style, tidy whitespace.

Order matters and is fixed here: annotations and mojibake go first (so OpenCC never
sees them), then traditional → simplified, then width and punctuation folding, then
whitespace. Every step is idempotent, so ``normalise_text`` is too.
"""

import re
import unicodedata
from functools import cache

import opencc

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PINYIN_LETTERS = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
# 內(nèi) → 內 : a CJK character followed by its pinyin reading in brackets.
_PINYIN_ANNOTATION = re.compile(rf"(?<=[{_CJK}])[(（][{_PINYIN_LETTERS}]{{1,6}}[)）]")
# Bytes lost in transcoding show up as runs of "?" (sometimes with a pinyin stub) or U+FFFD;
# they become "…" so a reader still sees that something is missing.
_MOJIBAKE = re.compile(r"\?{2,}[a-z]{0,6}|\ufffd+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}，。、；：？！“”《》（）]) (?=[{_CJK}，。、；：？！“”《》（）])")
_BLANK_LINES = re.compile(r"\n{3,}")

# ASCII punctuation that becomes its full-width form when it touches a CJK character.
_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_PUNCT_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[,;:!?()]|[,;:!?()](?=[{_CJK}])")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``).

    >>> to_simplified("專項資金")
    '专项资金'
    """
    return str(_converter().convert(text))


def strip_pinyin_annotations(text: str) -> str:
    """Remove pinyin readings that follow characters.

    >>> strip_pinyin_annotations("內(nèi)延深化")
    '內延深化'
    """
    return _PINYIN_ANNOTATION.sub("", text)


def fold_punctuation(text: str) -> str:
    """Fold full-width letters/digits to ASCII; make punctuation touching CJK full-width.

    >>> fold_punctuation("到２０１３年,建设平台(一期)")
    '到2013年，建设平台（一期）'
    """
    text = "".join(_fold_width(ch) for ch in text)
    return _PUNCT_NEXT_TO_CJK.sub(lambda m: _TO_FULL_WIDTH[m.group()], text)


def _fold_width(ch: str) -> str:
    # NFKC maps U+FF01..U+FF5E to ASCII; apply it to those only, so 《》“”、。 survive.
    if "\uff01" <= ch <= "\uff5e":
        return unicodedata.normalize("NFKC", ch)
    return ch


def tidy_whitespace(text: str) -> str:
    """One space at most, none between CJK characters, no blank-line runs, stripped lines.

    >>> tidy_whitespace("产业集群作 为地区\\n\\n\\n\\n 经济")
    '产业集群作为地区\\n\\n经济'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [_SPACE_BETWEEN_CJK.sub("", line) for line in lines]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalise_text(text: str) -> str:
    """Apply every normalisation step.

    >>> normalise_text("進(jìn)入到後金融危機(jī)時(shí)期,我縣")
    '进入到后金融危机时期，我县'
    """
    text = unicodedata.normalize("NFC", text)
    text = strip_pinyin_annotations(text)
    text = _MOJIBAKE.sub("…", text)  # keep a visible mark where text was lost
    text = to_simplified(text)
    text = fold_punctuation(text)
    return tidy_whitespace(text)
