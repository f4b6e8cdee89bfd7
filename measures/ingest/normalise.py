"""Normalise Chinese text: one script, one punctuation style, tidy whitespace.

Order matters and is fixed here: annotations and mojibake go first (so OpenCC never
sees them), then traditional → simplified, then width and punctuation folding, then
whitespace. Every step is idempotent, so ``normalise_text`` is too.
"""

import re
import unicodedata
from functools import cache, partial

import opencc

from .chrome import is_name_note

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONE_MARKS}]{{1,6}}[1-5]?"
# 內(nèi), 專項資金(zhuān xiàng zī jīn), 资金(zi1 jin1): CJK characters followed by their
# pinyin reading in brackets; ``_is_reading`` checks that the syllables are real pinyin.
_PINYIN_ANNOTATION = re.compile(rf"(?<=[{_CJK}])[(（]\s*({_SYLLABLE}(?:[\s'’]+{_SYLLABLE}){{0,11}})\s*[)）]")
# Bytes lost in transcoding show up as runs of "?" (sometimes with a pinyin stub) or U+FFFD;
# they become "…" so a reader still sees that something is missing.
_MOJIBAKE = re.compile(r"\?{2,}[a-z]{0,6}|\ufffd+")
# A lost character of an annotated page leaves a "?" or a stray letter glued to what is left of its
# reading: 鏈?zhǔn)桨l(fā)展, 日?qǐng)?bào). That "?" is no question mark, and must not end a unit.
_TONED_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONE_MARKS}][a-zü]{{0,5}}"
_LOST_READING = re.compile(rf"\?+{_TONED_SYLLABLE}[)）]|(?<=[{_CJK}])[a-z][(（]{_TONED_SYLLABLE}[)）]")
# A slogan's middle dot lost in transcoding: “智汇群岛?创新引领” (a short quotation, two halves).
_LOST_DOT = re.compile(rf"(?<=[“\"「])([{_CJK}]{{2,8}})\?([{_CJK}]{{2,8}})(?=[”\"」])")
_QUESTION_RUN = re.compile(r"\?{2,}")
# Entities a page leaked as text; &amp; &lt; &gt; stay, since unescaping them is not idempotent.
_ENTITIES = {
    "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ", "#160": " ", "#12288": " ",
    "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—", "hellip": "…", "middot": "·",
}  # fmt: skip
_ENTITY = re.compile(r"&(" + "|".join(_ENTITIES) + r");?", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}，。、；：？！“”《》（）]) (?=[{_CJK}，。、；：？！“”《》（）])")
_BLANK_LINES = re.compile(r"\n{3,}")
# Joint issuers printed side by side with spaces between them (某某市发展和改革委员会 中共某某市委社会工作部
# 某某市规划和自然资源局 关于…): the space parts two organs, so it becomes the 、 that lists them.
_ORGAN_SPACE = re.compile(
    rf"(?<=[会局厅委部办府院署室])\s+(?=[{_CJK}（）]{{2,24}}?(委员会|局|厅|委|部|办公室|办公厅|政府)(\s|关于|印发|$))"
)

# ASCII punctuation that becomes its full-width form when it touches a CJK character.
_TO_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_PUNCT_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])[,;:!?()]|[,;:!?()](?=[{_CJK}])")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _back_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


# A text whose conversion changes at most this share of its Chinese characters is already simplified.
_SIMPLIFIED_TEXT_CHANGES = 0.01
# Variant forms that OpenCC's t2s leaves as they are (陜, a variant of 陝, in 陜西), or that a simplified
# text keeps from it (幷, an old form of 并).
_VARIANTS = str.maketrans({"陜": "陕", "幷": "并"})
# Traditional 著 is both simplified 著 (著作, 著名, 显著) and the particle or verb 着 (随着, 着力);
# t2s keeps 著 everywhere. It is 着 after a verb that takes the particle, or before the words
# 着 forms, unless it is part of a 著 word (显著, 卓著, 原著 …; 著作, 著名, 著称 …).
_ZHE = re.compile(
    r"(?<![显卓昭编原论专名土巨遗合译拙])"
    r"(?:(?<=[随味有起沿本朝接绕约为在挥带看含存怀顺守靠凭照循向受意跟志表载响临负领持系示动担待望盼励舞])著(?![名称录述书者]|作(?!用))|著(?=[力手重眼想落陆实急迷]))"
)


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``), variant forms folded.

    >>> to_simplified("專項資金"), to_simplified("陜西省")
    ('专项资金', '陕西省')

    A text already in simplified characters keeps a character t2s would merge into another:

    >>> to_simplified("清濛园区" + "，推进园区建设" * 20)[:6], to_simplified("清濛園區")
    ('清濛园区，推', '清蒙园区')
    >>> to_simplified("隨著發展，著力推進，成效顯著，著名品牌，有著名企業，發揮著作用")
    '随着发展，着力推进，成效显著，著名品牌，有著名企业，发挥着作用'
    >>> to_simplified("標志著新時期，意味著轉型，肩負著使命，影響著名企業，代表著作")
    '标志着新时期，意味着转型，肩负着使命，影响著名企业，代表著作'
    """
    converted = str(_converter().convert(text))
    if len(converted) == len(text):
        changed = [i for i, (old, new) in enumerate(zip(text, converted, strict=True)) if old != new]
        if len(changed) <= len(_CJK_CHAR.findall(text)) * _SIMPLIFIED_TEXT_CHANGES:
            # a text already in simplified characters: a character that t2s merges into another
            # (濛 → 蒙, s2t gives 蒙 back) was written on purpose, in a name (清濛); keep it
            kept = list(converted)
            for i in changed:
                if _back_converter().convert(converted[i]) != text[i]:
                    kept[i] = text[i]
            converted = "".join(kept)
    return _ZHE.sub("着", converted.translate(_VARIANTS))


def strip_pinyin_annotations(text: str) -> str:
    """Remove pinyin readings that follow characters; content in brackets stays.

    >>> strip_pinyin_annotations("內(nèi)延深化，專項資金(zhuān xiàng zī jīn)")
    '內延深化，專項資金'
    >>> strip_pinyin_annotations("贷款市场报价利率(LPR)，产业(an)")
    '贷款市场报价利率(LPR)，产业(an)'
    """
    while True:  # a reading may follow a reading: 字(zì)(zi4)
        stripped = _PINYIN_ANNOTATION.sub(partial(_drop_reading, text), text)
        if stripped == text:
            return text
        text = stripped


def _drop_reading(text: str, match: re.Match[str]) -> str:
    return "" if _is_reading(text, match) else match.group()


def _is_reading(text: str, match: re.Match[str]) -> bool:
    """Every syllable is pinyin, one carries a tone (unless there are several), and the
    characters before the bracket are at least as many as the syllables."""
    syllables = re.split(r"[\s'’]+", match.group(1).strip())
    if not all(_plain_syllable(s) in pinyin_syllables() for s in syllables):
        return False
    toned = any(s[-1].isdigit() or any(ch in _TONE_MARKS for ch in s) for s in syllables)
    if not toned and len(syllables) < 2:
        return False
    # look back only as far as a reading can reach, so long texts stay linear
    before = text[max(0, match.start() - len(syllables)) : match.start()]
    return len(before) == len(syllables) and all(_CJK_CHAR.match(ch) for ch in before)


def _plain_syllable(syllable: str) -> str:
    syllable = syllable.rstrip("12345").replace("ü", "v")
    decomposed = unicodedata.normalize("NFD", syllable)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("u\u0308", "v")


@cache
def pinyin_syllables() -> frozenset[str]:
    """Pinyin syllables without tones (ü written v): every initial with every final, a
    superset of the ~410 real ones, small enough to keep English and acronyms out.

    >>> {"zhuan", "lv", "er", "a"} <= pinyin_syllables(), "lpr" in pinyin_syllables()
    (True, False)
    """
    initials = re.findall(r"\w+", "b p m f d t n l g k h j q x zh ch sh r z c s y w")
    finals = re.findall(
        r"\w+",
        "a o e ai ei ao ou an en ang eng ong i ia ie iao iu ian in iang ing iong u ua uo uai ui uan un uang "
        "ueng v ve van vn ue er",
    )
    syllables = {"a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er", "m", "n", "ng", "hm", "hng"}
    syllables.update(initial + final for initial in initials for final in finals)
    return frozenset(syllables)


def fold_punctuation(text: str) -> str:
    """Fold full-width letters/digits to ASCII; make punctuation touching CJK full-width.

    >>> fold_punctuation("到２０１３年,建设平台(一期)")
    '到2013年，建设平台（一期）'
    """
    text = "".join(_fold_width(ch) for ch in text)
    # A run of question marks here came from full-width ones (runs typed as ASCII are lost bytes,
    # marked before folding): it stays full-width, or normalising again would read it as mojibake.
    text = _QUESTION_RUN.sub(lambda m: "？" * len(m.group()), text)
    return _PUNCT_NEXT_TO_CJK.sub(lambda m: _TO_FULL_WIDTH[m.group()], text)


def _fold_width(ch: str) -> str:
    # NFKC maps U+FF01..U+FF5E to ASCII; apply it to those only, so 《》“”、。 survive.
    # and to the small form variants (U+FE50..U+FE57: ﹐﹑﹔﹕﹖﹗), which then read as the marks they are
    if "\uff01" <= ch <= "\uff5e" or "\ufe50" <= ch <= "\ufe57":
        return unicodedata.normalize("NFKC", ch)
    return ch


def tidy_whitespace(text: str) -> str:
    """One space at most, none between CJK characters (a 、 between joint issuers), no blank-line
    runs, stripped lines.

    >>> tidy_whitespace("产业集群作 为地区\\n\\n\\n\\n 经济&nbsp;&nbsp;")
    '产业集群作为地区\\n\\n经济'
    >>> tidy_whitespace("某某市发展和改革委员会 某某市财政局 关于印发某某办法的通知")
    '某某市发展和改革委员会、某某市财政局关于印发某某办法的通知'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(1).lower()], text)
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [_SPACE_BETWEEN_CJK.sub("", _ORGAN_SPACE.sub("、", line)) for line in lines]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# A note signed under a report's last sentence, on the same line: …整合。（编辑：某某）1131121, …环境。（刘某）
_CLOSING_NOTE = re.compile(
    r"(?<=[。！？”])\s*(?P<note>[（(](?:(?:责任编辑|编辑|责编|记者|通讯员|作者|供稿|校对|审核)[:：][^（）()]{1,20}|"
    r"[\u4e00-\u9fff·]{2,4}|[^（）()：:。，,；]{2,16}[:：]\s*[\u4e00-\u9fff·]{2,4})[)）]\s*\d*)$"
)
# A report's end mark after its last sentence, the writer's name perhaps before it: …支撑。（某某）（完）
_END_MARK = re.compile(r"(?<=[。！？”])\s*(?P<note>([（(][\u4e00-\u9fff·]{2,4}[)）])?[（(](完|全文完|本文完)[)）])$")
# CNKI marks where an abstract's body text starts: <正>某政办发〔2017〕108号…
_BODY_MARK = re.compile(r"^<正>", re.MULTILINE)
# A photo credit printed after the caption's sentence: …合影。照片／某某局提供
_CLOSING_CREDIT = re.compile(
    r"(?<=[。！？”])\s*(?P<note>(照片|图片|图|摄影)\s*[/／:：]\s*[^。！？；/／]{2,30}(提供|摄))$"
)
# Enclosed numerals used as list markers (⒈ ⑴): their compatibility forms are 1. and (1).
_ENCLOSED_MARKER = re.compile(r"^(\s*)([\u2474-\u249b])", re.MULTILINE)


def detach_closing_notes(text: str) -> str:
    """Put a writer's or editor's note, a photo credit or an end mark, printed after a line's last
    sentence, on its own line, where cleaning can tell it from the sentence.

    >>> detach_closing_notes("协助整合。（编辑：某某）1131121\\n给予奖励。（省财政厅）")
    '协助整合。\\n（编辑：某某）1131121\\n给予奖励。（省财政厅）'
    >>> detach_closing_notes("与会嘉宾合影。照片/某某局提供")
    '与会嘉宾合影。\\n照片/某某局提供'
    >>> detach_closing_notes("提供人才支撑。（某某）（完）")
    '提供人才支撑。\\n（某某）（完）'
    """
    lines = []
    for line in text.split("\n"):
        note = _CLOSING_NOTE.search(line)
        if not (note and ("：" in note.group("note") or ":" in note.group("note") or is_name_note(note.group("note")))):
            note = _CLOSING_CREDIT.search(line) or _END_MARK.search(line)
        if note:
            lines.extend([line[: note.start()], note.group("note")])
        else:
            lines.append(line)
    return "\n".join(lines)


def spell_out_list_markers(text: str) -> str:
    """Enclosed numerals that open a line become the numbering they stand for (Unicode's
    compatibility form), so they number items as 1. and （1） do.

    >>> spell_out_list_markers("⒈加大财政支持。\\n⑵设立专项资金。")
    '1.加大财政支持。\\n（2）设立专项资金。'
    """

    def spell(match: re.Match[str]) -> str:
        plain = unicodedata.normalize("NFKC", match.group(2))
        return match.group(1) + (f"（{plain[1:-1]}）" if plain.startswith("(") else plain)

    return _ENCLOSED_MARKER.sub(spell, text)


def normalise_text(text: str) -> str:
    """Apply every normalisation step.

    >>> normalise_text("進(jìn)入到後金融危機(jī)時(shí)期,我縣")
    '进入到后金融危机时期，我县'
    >>> normalise_text("龍頭帶動(dòng)、鏈?zhǔn)桨l(fā)展,實施“智匯群島?創新引領”戰略")
    '龙头带动、链…桨…展，实施“智汇群岛·创新引领”战略'
    """
    text = unicodedata.normalize("NFC", text)
    text = strip_pinyin_annotations(text)
    text = _MOJIBAKE.sub("…", _LOST_READING.sub("…", text))  # keep a visible mark where text was lost
    text = _LOST_DOT.sub(r"\1·\2", text)
    text = to_simplified(text)
    text = fold_punctuation(text)
    text = spell_out_list_markers(detach_closing_notes(_BODY_MARK.sub("", text)))
    return tidy_whitespace(text)
