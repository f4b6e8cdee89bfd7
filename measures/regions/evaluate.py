"""Detection accuracy on the seeds and the development set, one table per detected field.

A field is a name and a function from a case and its prepared text to (expected, detected, note);
add one to ``FIELDS`` to have ``manage.py evaluate_detection`` score it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest.detect import detect_metadata
from ..ingest.pipeline import PreparedText, prepare_text
from .detect import NATION_CODE, Gazetteer, detect_region


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    region: str
    date: dt.date | None


@dataclass(frozen=True)
class Outcome:
    case: Case
    expected: str
    detected: str
    note: str

    @property
    def correct(self) -> bool:
        return self.expected == self.detected


def seed_cases(sources: Path) -> Iterator[Case]:
    for meta in json.loads((sources / "documents.json").read_text(encoding="utf-8")):
        date = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
        yield Case(meta["file"][:3], sources / meta["file"], meta["region"], date)


INDEX_ROW = re.compile(r"^\| (d\d\d_[^ |]+\.txt) \|")


def devset_cases(devset: Path) -> Iterator[Case]:
    """Rows of INDEX.md's table: the region code in parentheses (national → 全国) and the year."""
    for line in (devset / "INDEX.md").read_text(encoding="utf-8").splitlines():
        if not (match := INDEX_ROW.match(line)):
            continue
        columns = [c.strip() for c in line.strip("|").split("|")]
        region, year = columns[3], columns[6]
        code = re.search(r"\((\d{6})\)", region)
        years = re.findall(r"(?:19|20)\d\d", year)
        yield Case(
            match.group(1)[:3],
            devset / match.group(1),
            code.group(1) if code else NATION_CODE if region.lower().startswith("national") else "",
            dt.date(int(years[0]), 7, 1) if years else None,
        )


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def region_field(case: Case, prepared: PreparedText, gazetteer: Gazetteer) -> tuple[str, str, str]:
    """As ``ingest PATH`` sees a document: title and issuer as detected from the text, the known date."""
    text = prepared.cleaned_text
    hints = detect_metadata(text, removed=prepared.removed_lines)
    found = detect_region(
        title=hints.title.value if hints.title else first_line(text),
        issuer=hints.issuer.value if hints.issuer else "",
        body=text,
        date=case.date,
        gazetteer=gazetteer,
    )
    if found.code:
        return case.region, found.code, "；".join(found.evidence)
    shown = "、".join(f"{c.code}{c.name}" for c in found.candidates[:3])
    return case.region, "", f"不确定：{shown}" if shown else "未找到"


Field = Callable[[Case, PreparedText, Gazetteer], tuple[str, str, str]]
FIELDS: dict[str, Field] = {"region": region_field}


def evaluate(cases: list[Case], gazetteer: Gazetteer) -> dict[str, list[Outcome]]:
    texts = {case.name: prepare_text(case.path.read_bytes()) for case in cases}
    return {
        name: [Outcome(case, *field(case, texts[case.name], gazetteer)) for case in cases]
        for name, field in FIELDS.items()
    }
