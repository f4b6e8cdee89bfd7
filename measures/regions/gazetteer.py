"""The gazetteer as detection reads it: every unit by code and every written form of its names.

Pure given its rows; ``load_gazetteer`` builds one from the Region table, cached per version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.segment import search_tokenizer
from .names import short_name

# Two-character district names made of a numeral or direction (一区, 东区) read as ordinary words.
GENERIC_DISTRICT = re.compile(r"^[一二三四五六七八九十东西南北中上下前后新老城郊矿市]区$")
# Names too generic to be a place when read in running text.
GENERIC_FORMS = frozenset({"新区", "城区", "郊区", "矿区", "市区", "开发区", "高新区", "示范区", "林区", "特区"})


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str
    parent: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str
    former_names: tuple[str, ...] = ()

    def valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or date < self.valid_to)


@dataclass(frozen=True)
class Gazetteer:
    """Every unit by code, and every written form (full and short names) to the codes it may mean."""

    units: Mapping[str, Unit]
    forms: Mapping[str, tuple[str, ...]]
    longest: int
    version: str = ""
    full_names: frozenset[str] = frozenset()
    # Short names the general dictionary knows as common nouns (会同 "together with", 富民
    # "enrich the people"): read as places only beside another mention of the place.
    word_forms: frozenset[str] = frozenset()
    _lineage: Mapping[str, str] = field(default_factory=dict, repr=False)

    def ancestors(self, code: str) -> list[str]:
        chain, seen = [], {code}
        parent = self.units[code].parent
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.units[parent].parent
        return chain

    def lineage(self, code: str) -> str:
        """The current unit a code became (itself when current)."""
        return self._lineage.get(code, code)

    def on(self, code: str, date: dt.date | None) -> str:
        """The unit of ``code``'s lineage valid on ``date``: a predecessor before, a successor after."""
        if date is None:
            return code
        unit = self.units[code]
        seen = {code}
        while unit.valid_to is not None and date >= unit.valid_to and unit.successor and unit.successor not in seen:
            seen.add(unit.successor)
            unit = self.units[unit.successor]
        if unit.valid_from is not None and date < unit.valid_from:
            earlier = [
                u for u in self.units.values() if u.successor == unit.code and u.valid_on(date) and u.code not in seen
            ]
            if len(earlier) == 1:
                unit = earlier[0]
        return unit.code


# A short name that the general dictionary knows as a common non-place word (资源县 → 资源,
# 合作市 → 合作) is not indexed; the full name still is.
COMMON_WORD_FREQUENCY = 1000
# Verbs, adjectives, adverbs, numerals, pronouns, function words, idioms: 新建, 开发, 和平.
NON_NOUN_TAGS = frozenset("vadmqrpcuftlis")


def _common_noun(form: str) -> bool:
    return _tags().get(form, "") == "n"


def _common_word(form: str) -> bool:
    tokenizer = search_tokenizer()
    tokenizer.check_initialized()
    frequency = tokenizer.FREQ.get(form, 0)
    tag = _tags().get(form, "")
    return tag[:1] in NON_NOUN_TAGS or (frequency >= COMMON_WORD_FREQUENCY and tag != "ns")


@lru_cache(maxsize=1)
def _tags() -> Mapping[str, str]:
    from jieba import posseg

    posseg.dt.tokenizer.check_initialized()
    return dict(posseg.dt.word_tag_tab)


def followed_by_verb(text: str, at: int) -> bool:
    """Whether the longest dictionary word starting at ``at`` is a verb (同心 / 共建促发展).

    >>> followed_by_verb("同心共建促发展", 2), followed_by_verb("会同竹木产业", 2)
    (True, False)
    """
    tags = _tags()
    for length in range(4, 1, -1):
        tag = tags.get(text[at : at + length])
        if tag is not None:
            return tag in VERB_TAGS
    return False


VERB_TAGS = frozenset({"v", "vd", "vi"})


def build_index(units: Iterable[Unit], *, version: str = "") -> Gazetteer:
    """A gazetteer from units; pure, so tests can build one from a handful of rows."""
    by_code = {unit.code: unit for unit in units}
    forms: dict[str, set[str]] = defaultdict(set)
    for unit in by_code.values():
        if unit.level == "nation":
            continue
        for name in (unit.name, *unit.former_names):
            forms[name].add(unit.code)
            short = short_name(name)
            if len(short) >= 2 and short != name and not _common_word(short):
                forms[short].add(unit.code)
    for form in list(forms):
        if form in GENERIC_FORMS or GENERIC_DISTRICT.match(form):
            del forms[form]
    lineage = {}
    for code, unit in by_code.items():
        current, seen = unit, {code}
        while current.successor and current.successor not in seen and current.successor in by_code:
            seen.add(current.successor)
            current = by_code[current.successor]
        lineage[code] = current.code
    return Gazetteer(
        units=by_code,
        forms={form: tuple(sorted(codes)) for form, codes in forms.items()},
        longest=max(map(len, forms), default=0),
        version=version,
        full_names=(full := frozenset(n for u in by_code.values() for n in (u.name, *u.former_names))),
        word_forms=frozenset(form for form in forms if form not in full and _common_noun(form)),
        _lineage=lineage,
    )


def find_names(text: str, gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """Leftmost-longest occurrences of known place forms: (offset, form).

    >>> g = build_index([Unit("330324", "永嘉县", "county", "", None, None, "")])
    >>> find_names("我县永嘉县与永嘉", g)
    [(2, '永嘉县'), (6, '永嘉')]
    """
    found, i = [], 0
    while i < len(text) - 1:
        for length in range(min(gazetteer.longest, len(text) - i), 1, -1):
            form = text[i : i + length]
            if form in gazetteer.forms:
                found.append((i, form))
                i += length
                break
        else:
            i += 1
    return found


def word_aligned(text: str, at: int, form: str) -> bool:
    """Whether a segmenter reading the surroundings also ends a word where the name ends.

    A short name cut out of running text (镇安 in 四亩地镇安排部署) is not a mention.
    """
    start = max(at - 4, 0)
    offset, boundaries = start, set()
    for word in search_tokenizer().lcut(text[start : at + len(form) + 4], HMM=False):
        offset += len(word)
        boundaries.add(offset)
    return at + len(form) in boundaries and (at == start or at in boundaries)


def load_gazetteer(version: str | None = None) -> Gazetteer:
    """The gazetteer of the Region table, cached per ``version`` (by default the table's size and last change)."""
    if version is None:
        from django.db.models import Count, Max

        from ..models import Region

        stats = Region.objects.aggregate(n=Count("pk"), last=Max("pk"))
        version = f"{stats['n']}:{stats['last']}"
    return _load(version)


@lru_cache(maxsize=2)
def _load(version: str) -> Gazetteer:
    from ..models import Region, RegionName

    former: dict[int, list[str]] = defaultdict(list)
    for region_id, name in RegionName.objects.values_list("region_id", "name"):
        former[region_id].append(name)
    rows = Region.objects.values_list(
        "pk", "code", "name", "level", "parent__code", "valid_from", "valid_to", "successor__code"
    )
    return build_index(
        (
            Unit(code, name, level, parent or "", valid_from, valid_to, successor or "", tuple(former[pk]))
            for pk, code, name, level, parent, valid_from, valid_to, successor in rows
        ),
        version=version,
    )
