"""Which region a document is from: pure, over a ``Gazetteer`` snapshot of the Region table.

The issuer decides (“河南省人民政府办公厅关于支持中国(驻马店)…” is a 河南省 document); without
an issuer, the title, the body's opening, self-references (我县, 全市, 县委 县政府) and how
often a place is named are weighed, and a county named with its city wins over the city.
A name shared by several units (朝阳, 中山) counts for each only when nothing else in the
text places it; when the best candidates stay close, the answer is "ambiguous" with the
candidates listed rather than a guess. The document's date picks the unit valid then:
大洼县 211121 for 2009, 大洼区 211104 for 2020.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.segment import search_tokenizer
from .names import short_name

NATION_CODE = "000000"

# Central organs whose documents are national; organ names, not places.
NATIONAL_ORGANS = (
    "国务院",
    "中共中央",
    "全国人民代表大会",
    "全国人大常委会",
    "工业和信息化部",
    "工信部",
    "国家发展和改革委员会",
    "国家发展改革委",
    "国家发改委",
    "财政部",
    "商务部",
    "科学技术部",
    "科技部",
    "自然资源部",
    "人力资源和社会保障部",
    "人力资源社会保障部",
    "农业农村部",
    "生态环境部",
    "住房和城乡建设部",
    "交通运输部",
    "教育部",
    "中国人民银行",
    "国家税务总局",
    "国家市场监督管理总局",
    "国家知识产权局",
    "海关总署",
)

# One-character province abbreviations as used in document numbers (黔府发〔2025〕8号).
PROVINCE_ABBREVIATIONS = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "内": "150000", "蒙": "150000",
    "辽": "210000", "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000",
    "皖": "340000", "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000",
    "湘": "430000", "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000",
    "黔": "520000", "云": "530000", "滇": "530000", "藏": "540000", "陕": "610000", "甘": "620000",
    "青": "630000", "宁": "640000", "新": "650000",
}  # fmt: skip
DOC_NUMBER = re.compile(
    r"(?:^|[\s(（《])([" + "".join(PROVINCE_ABBREVIATIONS) + r"])[\u4e00-\u9fff]{1,5}[〔\[［(（]\d{4}"
)

# What follows a place name when the place is the issuer: 云南省人民政府, 辽宁省委办公厅, 湖南省工业和信息化厅.
ISSUER_TAIL = re.compile(
    r"^(?:人民政府|政府|党委|委员会|委办|委|人大|政协|办公厅|办公室|[\u4e00-\u9fff]{1,10}?(?:厅|局|委员会))"
    r"(?=$|关于|印发|办公|[\s，,、:：（(）)])"
)
SELF_REFERENCE = re.compile(r"(?:我|本|全)(省|市|县|区|州|盟|旗)|(省|市|县|区|州|旗)委[、,，\s]*(?:\1)?(?:人民)?政府")
# Two-character district names made of a numeral or direction (一区, 东区) read as ordinary words.
GENERIC_DISTRICT = re.compile(r"^[一二三四五六七八九十东西南北中上下前后新老城郊矿市]区$")
# 自治区 standing alone (根据自治区《…》, 从自治区…获悉) is how a region-level document names itself.
AUTONOMOUS_REGION = re.compile(r"(?:^|[从据向经由在，,。；\s“《])自治区")
# Names too generic to be a place when read in running text.
GENERIC_FORMS = frozenset({"新区", "城区", "郊区", "矿区", "市区", "开发区", "高新区", "示范区", "林区", "特区"})

TITLE, ISSUER, DOCNO, OPENING, BODY = "标题", "发文机关", "文号", "开头", "正文"
WEIGHTS = {ISSUER: 10.0, TITLE: 4.0, DOCNO: 3.0, OPENING: 1.5, BODY: 1.0}
SHORT_FORM = 0.6
OPENING_CHARS = 300
AMBIGUITY_RATIO = 0.75
DESCEND_RATIO = 0.6


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
# Words that introduce an example: 如/比如/例如 苏州 … is not the document's own region.
EXAMPLE = re.compile(r"(?:如|像|借鉴|学习|参观|考察|以及)[^。；\n]{0,3}$|[^\d]、$")


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
        full_names=frozenset(n for u in by_code.values() for n in (u.name, *u.former_names)),
        _lineage=lineage,
    )


@dataclass(frozen=True)
class RegionCandidate:
    code: str
    name: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class RegionDetection:
    code: str | None
    confidence: float
    evidence: tuple[str, ...]
    candidates: tuple[RegionCandidate, ...]

    @property
    def ambiguous(self) -> bool:
        """Several candidates and none chosen (no candidate at all is "nothing found", not ambiguous)."""
        return self.code is None and bool(self.candidates)


@dataclass
class _Hit:
    form: str
    codes: tuple[str, ...]
    zone: str
    issuer: bool
    example: bool = False


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


# Variant characters that place names are sometimes written with and OpenCC leaves alone.
VARIANTS = str.maketrans({"陜": "陕"})


def _word_aligned(text: str, at: int, form: str) -> bool:
    """Whether a segmenter reading the surroundings also ends a word where the name ends.

    A short name cut out of running text (镇安 in 四亩地镇安排部署) is not a mention.
    """
    start = max(at - 4, 0)
    offset, boundaries = start, set()
    for word in search_tokenizer().lcut(text[start : at + len(form) + 4], HMM=False):
        offset += len(word)
        boundaries.add(offset)
    return at + len(form) in boundaries and (at == start or at in boundaries)


def _hits(text: str, zone: str, gazetteer: Gazetteer) -> list[_Hit]:
    text = text.translate(VARIANTS)
    return [
        _Hit(
            form,
            gazetteer.forms[form],
            zone,
            issuer=bool(ISSUER_TAIL.match(text[at + len(form) : at + len(form) + 14])),
            example=bool(EXAMPLE.search(text[max(at - 6, 0) : at]))
            or text[at + len(form) : at + len(form) + 1] == "、",
        )
        for at, form in find_names(text, gazetteer)
        if form in gazetteer.full_names or _word_aligned(text, at, form)
    ]


def _national(title: str, issuer: str, opening: str) -> list[str]:
    """Central organs named as issuer, in the title or in the first line of the body."""
    first_line = opening.strip().split("\n", 1)[0]
    return [organ for organ in NATIONAL_ORGANS for text in (issuer, title, first_line) if text.startswith(organ)]


def detect_region(*, title: str, issuer: str, body: str, date: dt.date | None, gazetteer: Gazetteer) -> RegionDetection:
    """The unit a document is from, with its evidence, confidence and the candidates considered."""
    opening, rest = body[:OPENING_CHARS], body[OPENING_CHARS:]
    hits = (
        _hits(issuer, ISSUER, gazetteer)
        + _hits(title, TITLE, gazetteer)
        + _hits(opening, OPENING, gazetteer)
        + _hits(rest, BODY, gazetteer)
    )
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    issuers: dict[str, float] = defaultdict(float)
    certain: dict[str, float] = defaultdict(float)  # support from names that mean one unit only
    members: dict[str, set[str]] = defaultdict(set)  # the codes of a lineage that the text named

    # A shared name counts only for the units that something else in the text places.
    placed = {gazetteer.lineage(c) for hit in hits if len(hit.codes) == 1 for c in hit.codes}
    placed |= {a for code in list(placed) for a in gazetteer.ancestors(code)}
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for hit in hits:
        options = _plausible(hit.form, hit.codes, date, gazetteer)
        if len({gazetteer.lineage(c) for c in options}) > 1:
            supported = tuple(
                c
                for c in options
                if placed
                & {gazetteer.lineage(c), *map(gazetteer.lineage, gazetteer.ancestors(c))} - {gazetteer.lineage(c)}
            )
            options = supported or options
        lineages = sorted({gazetteer.lineage(c) for c in options})
        zone = ISSUER if hit.issuer and hit.zone in (TITLE, OPENING) else hit.zone
        weight = WEIGHTS[zone] if zone != ISSUER or hit.zone == ISSUER else WEIGHTS[TITLE] * 1.5
        if hit.form not in gazetteer.full_names:
            weight *= SHORT_FORM  # 永嘉 is less certain than 永嘉县
        if hit.issuer and hit.zone == BODY:
            weight *= 2
        elif hit.example and zone in (OPENING, BODY):
            weight *= 0.25
        if len(lineages) == 1:
            certain[lineages[0]] += weight
        for code in options:
            members[gazetteer.lineage(code)].add(code)
        for lineage in lineages:
            share = weight / len(lineages)
            scores[lineage] += share
            counts[(lineage, zone, hit.form)] += 1
            if hit.issuer or hit.zone == ISSUER:
                issuers[lineage] += share
    for (lineage, zone, form), n in counts.items():
        evidence[lineage].append(f"{zone}：{form}" + (f" ×{n}" if n > 1 else ""))

    for abbreviation in DOC_NUMBER.findall(body[:OPENING_CHARS] + "\n" + title):
        code = PROVINCE_ABBREVIATIONS[abbreviation]
        if code in gazetteer.units:
            scores[code] += WEIGHTS[DOCNO]
            certain[code] += WEIGHTS[DOCNO]
            evidence[code].append(f"{DOCNO}：{abbreviation}")

    organs = _national(title, issuer, opening)
    if organs and NATION_CODE in gazetteer.units:
        scores[NATION_CODE] += WEIGHTS[ISSUER] * len(set(organs))
        issuers[NATION_CODE] += WEIGHTS[ISSUER]
        certain[NATION_CODE] += WEIGHTS[ISSUER]
        evidence[NATION_CODE].append(f"{ISSUER}：{'、'.join(sorted(set(organs)))}")

    references: dict[str, int] = defaultdict(int)
    for match in SELF_REFERENCE.finditer(body):
        references[match.group(1) or match.group(2)] += 1
    if autonomous := len(AUTONOMOUS_REGION.findall(body)):
        references["自治区"] = autonomous
    # "我县" means one county: only the best-supported unit with that suffix is corroborated.
    for suffix, n in references.items():
        fitting = [
            lineage
            for lineage in scores
            if any(
                name.endswith(suffix)
                for name in {gazetteer.units[c].name for c in members[lineage] | {gazetteer.on(lineage, date)}}
            )
            or (suffix == "省" and gazetteer.units[lineage].level == "province")
        ]
        if fitting:
            lineage = max(fitting, key=lambda c: (scores[c], c))
            # Corroborates a named place (at most doubling its support); never names one by itself.
            scores[lineage] += min(scores[lineage], 2.0 * math.log1p(n))
            evidence[lineage].append(f"正文“我{suffix}/全{suffix}” ×{n}")

    if not scores:
        return RegionDetection(code=None, confidence=0.0, evidence=(), candidates=())

    # A unit inherits half its ancestors' support: a county named with its city beats the city.
    chain = {
        code: score + 0.5 * sum(scores.get(a, 0.0) for a in gazetteer.ancestors(code)) for code, score in scores.items()
    }
    ranked = sorted(chain, key=lambda c: (-chain[c], -len(gazetteer.ancestors(c)), c))
    candidates = tuple(
        RegionCandidate(
            code=gazetteer.on(code, date),
            name=gazetteer.units[gazetteer.on(code, date)].name,
            score=round(chain[code], 2),
            evidence=tuple(evidence[code]),
        )
        for code in ranked[:5]
    )

    best = _issuer_choice(issuers, gazetteer) or _descend(ranked, chain, evidence, gazetteer)
    if not any(certain.get(c) for c in (best, *gazetteer.ancestors(best))):
        # Every name behind the best guess is shared by other units (朝阳 alone): no guess.
        return RegionDetection(code=None, confidence=0.0, evidence=(), candidates=candidates)
    if best not in issuers:
        # The strongest competitor outside the best unit's own chain (a county and its city agree).
        chain_of_best = {best, *gazetteer.ancestors(best)}
        rivals = [c for c in ranked[1:] if c not in chain_of_best and best not in gazetteer.ancestors(c)]
        if rivals and chain[rivals[0]] >= AMBIGUITY_RATIO * chain[best]:
            close = [best, *(c for c in rivals if chain[c] >= AMBIGUITY_RATIO * chain[best])]
            above = _common_ancestor(close, gazetteer)
            if above is None or not scores.get(above):
                return RegionDetection(code=None, confidence=0.0, evidence=(), candidates=candidates)
            # Several places below one unit and none standing out: the document is about that unit.
            names = "、".join(gazetteer.units[c].name for c in close)
            return RegionDetection(
                code=gazetteer.on(above, date),
                confidence=0.5,
                evidence=(*evidence[above], f"下辖地区：{names}"),
                candidates=candidates,
            )
    # Self-references to a level the best unit lacks ("全省" in a city's document) pull nothing;
    # the confidence is the best unit's share of all support, lifted when the issuer decided.
    total = sum(chain.values())
    confidence = chain[best] / total if total else 0.0
    if best in issuers:
        confidence = max(confidence, 0.8)
    chosen = gazetteer.on(best, date)
    return RegionDetection(
        code=chosen,
        confidence=round(min(confidence, 1.0), 2),
        evidence=tuple(evidence[best]),
        candidates=candidates,
    )


def _descend(
    ranked: list[str], chain: Mapping[str, float], evidence: Mapping[str, list[str]], gazetteer: Gazetteer
) -> str:
    """The top candidate, or a unit below it that the title or a self-reference singles out.

    A county speech that names its province often ("辽宁…我省") but itself in its own
    terms ("大洼县…我县") is the county's.
    """
    top = ranked[0]
    below = [
        c
        for c in ranked[1:]
        if top in gazetteer.ancestors(c)
        and chain[c] >= DESCEND_RATIO * chain[top]
        and any(e.startswith((TITLE, "正文“我")) for e in evidence[c])
    ]
    return max(below, key=lambda c: (chain[c], c)) if below else top


def _plausible(form: str, codes: tuple[str, ...], date: dt.date | None, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Of the units a name may mean, those that existed on ``date`` (or exist now when it is unknown).

    A code that only carried the name long ago (370281 was 威海市 before it became 胶州市)
    gives way to a unit that bears it now.
    """
    if len(codes) == 1:
        return codes
    now = {c: gazetteer.units[gazetteer.lineage(c)].name for c in codes}
    bearing = tuple(c for c in codes if form in {now[c], short_name(now[c])})
    codes = bearing or codes
    if date is not None:
        valid = tuple(c for c in codes if gazetteer.units[gazetteer.on(c, date)].valid_on(date))
    else:
        valid = tuple(c for c in codes if gazetteer.units[gazetteer.lineage(c)].valid_to is None)
    return valid or codes


def _common_ancestor(codes: Iterable[str], gazetteer: Gazetteer) -> str | None:
    """The lowest unit above all of ``codes`` (喀什地区, 阿克苏地区 → 新疆维吾尔自治区), if any."""
    chains = [[c, *gazetteer.ancestors(c)] for c in codes]
    shared = set(chains[0]).intersection(*chains[1:])
    return next((c for c in chains[0] if c in shared), None)


def _issuer_choice(issuers: Mapping[str, float], gazetteer: Gazetteer) -> str | None:
    """The deepest issuer when all issuers lie on one chain (辽宁省委办公厅、辽宁省人民政府办公厅 → 辽宁省)."""
    if not issuers:
        return None
    deepest = max(issuers, key=lambda c: (len(gazetteer.ancestors(c)), issuers[c]))
    if all(c == deepest or c in gazetteer.ancestors(deepest) for c in issuers):
        return deepest
    return None


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
