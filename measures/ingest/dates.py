"""Read the dates Chinese documents write: 2022年1月24日, 二〇二二年一月二十四日, 2022-01-24, 2022年1月, 〔2019〕27号.

Pure parsing of one date expression; which date is *the document's* is decided in
``detect.py``. A year after 到 / 力争到 / 截至 is a target or a cut-off, never a date.
"""

import datetime as dt
import re
from dataclasses import dataclass

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"[0-9〇○零O一二三四五六七八九十]"
_DATE = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}}|[一二][〇○零O一二三四五六七八九]{{3}})\s*年\s*"
    rf"(?:(?P<month>{_NUM}{{1,3}})\s*月\s*(?:(?P<day>{_NUM}{{1,3}})\s*[日号])?)?"
    r"|(?P<iso_year>(?:19|20)\d{2})[-/.](?P<iso_month>\d{1,2})(?:[-/.](?P<iso_day>\d{1,2}))?(?!\d)"
)
# A year in brackets opens a document number: 〔2019〕27号, [2019]27号, and the site-mangled 〔201927.
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［【]\s*((?:19|20)\d{2})")
_TARGET_BEFORE = re.compile(r"(到|至|力争到|力争|截至|截止|截止到|直至|预计到|争取到)\s*$")
_RANGE_AFTER = re.compile(r"^\s*[-—–~～至到]\s*(19|20)?\d")
_EARLIEST, _LATEST = 1949, 2100


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    precision: str  # "day", "month" or "year" (DatePrecision values)
    text: str


def find_dates(text: str) -> list[FoundDate]:
    """Every date expression in ``text`` that is not a target, a cut-off or part of a range.

    >>> [(d.date.isoformat(), d.precision) for d in find_dates("2022年1月24日印发，力争到2025年建成")]
    [('2022-01-24', 'day')]
    >>> [(d.date.isoformat(), d.precision) for d in find_dates("二〇二一年四月七日")]
    [('2021-04-07', 'day')]
    >>> find_dates("公开征求意见时间为2026年1月10日—2026年1月16日")
    []
    """
    found = []
    for match in _DATE.finditer(text):
        if _TARGET_BEFORE.search(text[: match.start()]) or _RANGE_AFTER.match(text[match.end() :]):
            continue
        if match.start() > 0 and re.match(r"[—–\-~～至]", text[match.start() - 1]):
            continue  # the end of a range
        date = _to_date(match)
        if date is not None:
            found.append(date)
    return found


def parse_date(text: str) -> FoundDate | None:
    """The first date in ``text``, or None.

    >>> parse_date("发布时间：2018-04-11 15:50")
    FoundDate(date=datetime.date(2018, 4, 11), precision='day', text='2018-04-11')
    >>> parse_date("到2013年") is None
    True
    """
    dates = find_dates(text)
    return dates[0] if dates else None


def document_number_year(text: str) -> int | None:
    """The year of a document number such as 云政发〔2022〕6号.

    >>> document_number_year("黔府发〔2025〕8号"), document_number_year("应政办发〔202321")
    (2025, 2023)
    """
    match = _DOC_NUMBER_YEAR.search(text)
    if match is None:
        return None
    year = int(match.group(1))
    return year if _EARLIEST <= year <= _LATEST else None


def _to_date(match: re.Match[str]) -> FoundDate | None:
    if match.group("iso_year"):
        year, month, day = match.group("iso_year"), match.group("iso_month"), match.group("iso_day")
    else:
        year, month, day = match.group("year"), match.group("month"), match.group("day")
    try:
        y = _number(year)
        m = _number(month) if month else 1
        d = _number(day) if day else 1
        date = dt.date(y, m, d)
    except ValueError:
        return None
    if not _EARLIEST <= y <= _LATEST:
        return None
    precision = "day" if day else "month" if month else "year"
    return FoundDate(date, precision, match.group().strip())


def _number(text: str) -> int:
    """Arabic or Chinese numerals: 2022, 二〇二二, 十二, 二十四.

    >>> _number("二〇二二"), _number("十二"), _number("二十四"), _number("三十")
    (2022, 12, 24, 30)
    """
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    if not all(ch in _CN_DIGITS for ch in text):
        raise ValueError(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))
