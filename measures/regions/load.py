"""Load the committed gazetteer tables (``fixtures/gazetteer/``) into the Region tables.

Idempotent: rows are matched by code and updated in place, so loading again after a
gazetteer update changes names, levels, parents and validity but keeps primary keys,
slugs already in use and curators' notes.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ..models import Region, RegionName
from ..paths import FIXTURES
from .gazetteer import Gazetteer, Unit, build_index

GAZETTEER = FIXTURES / "gazetteer"
LEVEL_ORDER = ("nation", "province", "city", "county", "district")


@dataclass(frozen=True)
class LoadResult:
    regions: int
    names: int


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_rows(directory: Path = GAZETTEER) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with (directory / "regions.csv").open(encoding="utf-8", newline="") as regions:
        region_rows = list(csv.DictReader(regions))
    with (directory / "names.csv").open(encoding="utf-8", newline="") as names:
        name_rows = list(csv.DictReader(names))
    return region_rows, name_rows


def paths(rows: list[dict[str, str]]) -> dict[str, str]:
    """``code`` → ``330000/330300/330324/`` from the parent column."""
    parent = {row["code"]: row["parent"] for row in rows}
    found: dict[str, str] = {}

    def path(code: str) -> str:
        if code not in found:
            found[code] = (path(parent[code]) if parent[code] else "") + f"{code}/"
        return found[code]

    for code in parent:
        path(code)
    return found


def _unchanged(region_rows: list[dict[str, str]], name_rows: list[dict[str, str]], path_of: dict[str, str]) -> bool:
    """Whether the database already holds exactly these units and names (two queries, no writes)."""
    stored = {
        code: (name, level, path, parent or "", successor or "", str(start or ""), str(end or ""))
        for code, name, level, path, parent, successor, start, end in Region.objects.values_list(
            "code", "name", "level", "path", "parent__code", "successor__code", "valid_from", "valid_to"
        )
    }
    wanted = {
        row["code"]: (
            row["name"],
            row["level"],
            path_of[row["code"]],
            row["parent"],
            row["successor"],
            row["valid_from"],
            row["valid_to"],
        )
        for row in region_rows
    }
    if any(stored.get(code) != value for code, value in wanted.items()):
        return False
    names = set(RegionName.objects.values_list("region__code", "name", "valid_from", "valid_to"))
    return {(r["code"], r["name"], _date(r["valid_from"]), _date(r["valid_to"])) for r in name_rows} <= names


@transaction.atomic
def load_gazetteer_tables(*, directory: Path = GAZETTEER) -> LoadResult:
    """Create or update every unit and former name of the gazetteer; return the row counts.

    When the database already matches the tables nothing is written, so ``make run`` and
    test set-up pay two reads, not 6,800 upserts.
    """
    region_rows, name_rows = read_rows(directory)
    path_of = paths(region_rows)
    if _unchanged(region_rows, name_rows, path_of):
        return LoadResult(regions=len(region_rows), names=len(name_rows))
    existing = dict(Region.objects.values_list("code", "slug"))
    foreign_slugs = {slug for code, slug in existing.items() if code not in path_of}
    pks: dict[str, int] = {}

    def unit(row: dict[str, str], *, with_successor: bool) -> Region:
        slug = existing.get(row["code"]) or row["slug"]
        if slug in foreign_slugs:
            slug = f"{slug}-{row['code']}"
        return Region(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            slug=slug,
            path=path_of[row["code"]],
            parent_id=pks[row["parent"]] if row["parent"] else None,
            successor_id=pks[row["successor"]] if with_successor and row["successor"] else None,
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
        )

    fields = ["name", "level", "path", "parent", "valid_from", "valid_to"]
    # Parents before children, so each level can refer to the primary keys of the one above.
    for depth in range(1, max(p.count("/") for p in path_of.values()) + 1):
        batch = [unit(row, with_successor=False) for row in region_rows if path_of[row["code"]].count("/") == depth]
        Region.objects.bulk_create(batch, update_conflicts=True, unique_fields=["code"], update_fields=fields)
        pks.update(Region.objects.filter(code__in=[r.code for r in batch]).values_list("code", "pk"))
    linked = [unit(row, with_successor=True) for row in region_rows if row["successor"]]
    Region.objects.bulk_create(
        linked, update_conflicts=True, unique_fields=["code"], update_fields=[*fields, "successor"]
    )
    RegionName.objects.bulk_create(
        [
            RegionName(
                region_id=pks[row["code"]],
                name=row["name"],
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
            )
            for row in name_rows
        ],
        update_conflicts=True,
        unique_fields=["region", "name"],
        update_fields=["valid_from", "valid_to"],
    )
    return LoadResult(regions=len(region_rows), names=len(name_rows))


def read_gazetteer(directory: Path = GAZETTEER) -> Gazetteer:
    """The detection gazetteer straight from the committed tables, without a database."""
    region_rows, name_rows = read_rows(directory)
    former: dict[str, list[str]] = defaultdict(list)
    for row in name_rows:
        former[row["code"]].append(row["name"])
    return build_index(
        (
            Unit(
                row["code"],
                row["name"],
                row["level"],
                row["parent"],
                _date(row["valid_from"]),
                _date(row["valid_to"]),
                row["successor"],
                tuple(former[row["code"]]),
            )
            for row in region_rows
        ),
        version=f"tables:{directory}",
    )
