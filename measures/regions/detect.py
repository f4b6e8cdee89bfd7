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
from dataclasses import dataclass

from .gazetteer import Gazetteer, Unit, build_index, find_names, followed_by_verb, load_gazetteer, word_aligned
from .names import short_name

__all__ = [
    "Gazetteer",
    "RegionCandidate",
    "RegionDetection",
    "Unit",
    "build_index",
    "detect_region",
    "find_names",
    "load_gazetteer",
]

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

# Cities whose document numbers carry a one-character abbreviation that no province uses
# (穗府〔2020〕3号 is 广州市's, 甬政发 宁波市's); shared ones (宁, 苏, 青 …) are left to the provinces.
CITY_ABBREVIATIONS = {
    "穗": "440100", "深": "440300", "杭": "330100", "甬": "330200", "温": "330300", "榕": "350100",
    "厦": "350200", "筑": "520100", "并": "140100", "洪": "360100", "郑": "410100", "沈": "210100",
    "合": "340100", "银": "640100", "锡": "320200",
}  # fmt: skip
# A city's number is the abbreviation, the organ (府, 政, 委) and 〔year〕N号: 穗府办函〔2019〕12号.
CITY_DOC_NUMBER = re.compile(
    r"(?:^|[\s(（《])(["
    + "".join(CITY_ABBREVIATIONS)
    + r"])[府政委][\u4e00-\u9fff]{0,4}[〔\[［]\d{4}[〕\]］]\s*\d+\s*号"
)
# A wire report's dateline names where it was filed, not what it is about: 新华社北京9月23日电.
WIRE_DATELINE = re.compile(
    r"(?m)^(据?[\u4e00-\u9fff]{1,6}?(?:社|网|报讯|电视台))[\u4e00-\u9fff]{2,8}?(\d{1,2}月\d{1,2}日电)"
)

# What follows a place name when the place is the issuer: 云南省人民政府, 辽宁省委办公厅, 湖南省工业和信息化厅.
ISSUER_TAIL = re.compile(
    r"^(?:人民政府|政府|党委|委员会|委办|委|人大|政协|办公厅|办公室|[\u4e00-\u9fff]{1,10}?(?:厅|局|委员会))"
    r"(?=$|关于|印发|办公|[\s，,、:：（(）)])"
)
SELF_REFERENCE = re.compile(r"(?:我|本|全)(省|市|县|区|州|盟|旗)|(省|市|县|区|州|旗)委[、,，\s]*(?:\1)?(?:人民)?政府")
# 自治区 standing alone (根据自治区《…》, 从自治区…获悉) is how a region-level document names itself.
AUTONOMOUS_REGION = re.compile(r"(?:^|[从据向经由在，,。；\s“《])自治区")
TITLE, ISSUER, DOCNO, OPENING, BODY = "标题", "发文机关", "文号", "开头", "正文"
WEIGHTS = {ISSUER: 10.0, TITLE: 4.0, DOCNO: 3.0, OPENING: 1.5, BODY: 1.0}
SHORT_FORM = 0.6
OPENING_CHARS = 300
AMBIGUITY_RATIO = 0.75
DESCEND_RATIO = 0.6


# Words that introduce an example: 如/比如/例如 苏州 … is not the document's own region.
EXAMPLE = re.compile(r"(?:如|像|借鉴|学习|参观|考察|以及)[^。；\n]{0,3}$|[^\d]、$")
# A place that opens a list, perhaps with a place below it: 深入某某区某某镇、某某县某某镇等地.
LISTED = re.compile(r"(?:[\u4e00-\u9fff]{1,6}(?:镇|乡|街道|村|社区))?、")
PLACE_FOLLOWS = re.compile(r"$|[县市区镇乡州旗盟：:，,、（(]")
# A place in an aside: 全省共有产业园区143家（含某某市和某某区）.
ASIDE = re.compile(r"[（(](?:含|包括|其中|不含|如)[^（）()\n]{0,8}$")


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
    placed: bool = False  # followed by what follows a place: 县, 市, a colon, the end of the text


# Variant characters that place names are sometimes written with and OpenCC leaves alone.
VARIANTS = str.maketrans({"陜": "陕"})


_SHORTEST_SAFE_NAME = 2


def _hits(text: str, zone: str, gazetteer: Gazetteer) -> list[_Hit]:
    text = text.translate(VARIANTS)
    return [
        _Hit(
            form,
            gazetteer.forms[form],
            zone,
            issuer=bool(ISSUER_TAIL.match(text[at + len(form) : at + len(form) + 14])),
            example=bool(EXAMPLE.search(text[max(at - 6, 0) : at]))
            or bool(LISTED.match(text[at + len(form) : at + len(form) + 10]))
            or bool(ASIDE.search(text[max(at - 12, 0) : at])),
            placed=bool(PLACE_FOLLOWS.match(text[at + len(form) : at + len(form) + 1]))
            or not followed_by_verb(text, at + len(form)),
        )
        for at, form in find_names(text, gazetteer)
        # a two-character full name (和县, 应县) is as easily cut out of running text as a short
        # name: 集群和县域 names no county
        if (form in gazetteer.full_names and len(form) > _SHORTEST_SAFE_NAME) or word_aligned(text, at, form)
    ]


def _national(title: str, issuer: str, opening: str) -> list[str]:
    """Central organs named as issuer, in the title or at the start of the body's first line — or of
    its second, under a headline: 某某要闻：工信部印发… / 工业和信息化部印发《…》，…"""
    first_lines = [line.strip() for line in opening.split("\n") if line.strip()][:2]
    return [organ for organ in NATIONAL_ORGANS for text in (issuer, title, *first_lines) if text.startswith(organ)]


def detect_region(*, title: str, issuer: str, body: str, date: dt.date | None, gazetteer: Gazetteer) -> RegionDetection:
    """The unit a document is from, with its evidence, confidence and the candidates considered."""
    body = WIRE_DATELINE.sub(r"\1\2", body)
    opening, rest = body[:OPENING_CHARS], body[OPENING_CHARS:]
    hits = (
        _hits(issuer, ISSUER, gazetteer)
        + _hits(title, TITLE, gazetteer)
        + _hits(opening, OPENING, gazetteer)
        + _hits(rest, BODY, gazetteer)
    )
    # A short name that is also a common noun (局会同有关部门, 富民强县) counts in the body only for a
    # place the text names otherwise too (or in its title); alone there it is read as the word.
    named = {
        gazetteer.lineage(c)
        for hit in hits
        # in the title, only where it reads as a place (会同竹木产业…), not as a word before a verb (同心共建促发展)
        if hit.form not in gazetteer.word_forms
        or hit.zone == ISSUER
        or (hit.zone == TITLE and (hit.placed or hit.issuer))
        for c in hit.codes
    }
    hits = [
        hit
        for hit in hits
        if hit.form not in gazetteer.word_forms or any(gazetteer.lineage(c) in named for c in hit.codes)
    ]
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    issuers: dict[str, float] = defaultdict(float)
    certain: dict[str, float] = defaultdict(float)  # support from names that mean one unit only
    members: dict[str, set[str]] = defaultdict(set)  # the codes of a lineage that the text named

    # A shared name counts only for the units that something else in the text places.
    placed = {gazetteer.lineage(c) for hit in hits if len(hit.codes) == 1 for c in hit.codes}
    placed |= {a for code in list(placed) for a in gazetteer.ancestors(code)}
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    # A single short name of a city or county in passing (新建项目, 惠民生) places nothing; a full name,
    # the title, the issuer, a document number or a self-reference does.
    mentions: dict[str, int] = defaultdict(int)
    firm: set[str] = set()
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
        for lineage in lineages:
            mentions[lineage] += 1
            # a province goes by its short name (浙江, 台湾) as often as by its full one
            if (
                hit.form in gazetteer.full_names
                or zone in (TITLE, ISSUER)
                or gazetteer.units[lineage].level == "province"
            ):
                firm.add(lineage)
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

    # A document number's prefix names its issuing province (浙政发) or city (穗府).
    numbered = body[:OPENING_CHARS] + "\n" + title
    for pattern, codes in ((DOC_NUMBER, PROVINCE_ABBREVIATIONS), (CITY_DOC_NUMBER, CITY_ABBREVIATIONS)):
        for abbreviation in pattern.findall(numbered):
            code = codes[abbreviation]
            if code in gazetteer.units:
                scores[code] += WEIGHTS[DOCNO]
                certain[code] += WEIGHTS[DOCNO]
                firm.add(code)
                evidence[code].append(f"{DOCNO}：{abbreviation}")

    organs = _national(title, issuer, opening)
    if organs and NATION_CODE in gazetteer.units:
        scores[NATION_CODE] += WEIGHTS[ISSUER] * len(set(organs))
        issuers[NATION_CODE] += WEIGHTS[ISSUER]
        certain[NATION_CODE] += WEIGHTS[ISSUER]
        firm.add(NATION_CODE)
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
            firm.add(lineage)

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
    best_chain = (best, *gazetteer.ancestors(best))
    if not any(c in firm for c in best_chain) and sum(mentions[c] for c in best_chain) < 2:
        return RegionDetection(code=None, confidence=0.0, evidence=(), candidates=candidates)
    if not any(certain.get(c) for c in best_chain):
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
