"""Score metadata detection (title, issuer, type, year) against ``tests/data/metadata_truth.json``.

Each text goes through the same stages as an ingest — decode, normalise, clean — and
``detect_metadata`` sees the cleaned text and the removed lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clean import clean_text
from .detect import DetectedMetadata, detect_metadata
from .normalise import normalise_text
from .readers.text import decode_bytes

FIELDS = ("title", "issuer", "doc_type", "year")


@dataclass(frozen=True)
class MetadataTruth:
    name: str
    path: Path
    title: tuple[str, ...] | None  # None: not given, not scored
    issuer: tuple[str, ...] | None  # None: none stated, nothing should be detected
    doc_type: tuple[str, ...]
    year: int | None  # None: not stated, nothing should be detected


@dataclass(frozen=True)
class FieldResult:
    field: str
    expected: str
    detected: str
    correct: bool


@dataclass(frozen=True)
class MetadataScore:
    name: str
    results: tuple[FieldResult, ...]


def load_truth(path: Path, roots: Mapping[str, Path]) -> list[MetadataTruth]:
    """Read the truth file; documents under a root that does not exist are left out."""
    truths = []
    for row in json.loads(path.read_text(encoding="utf-8"))["documents"]:
        root, _, name = row["file"].partition(":")
        if not roots[root].is_dir():
            continue
        file = roots[root] / name
        truths.append(
            MetadataTruth(
                name=name,
                path=file,
                title=None if row["title"] is None else tuple(_resolve(file, t) for t in row["title"]),
                issuer=None if row["issuer"] is None else tuple(row["issuer"]),
                doc_type=tuple(row["doc_type"]),
                year=row["year"],
            )
        )
    return truths


def _resolve(file: Path, title: str | dict[str, Any]) -> str:
    if isinstance(title, str):
        return title
    raw_lines = decode_bytes(file.read_bytes()).split("\n")
    return "".join(raw_lines[n - 1].strip() for n in title["lines"])


def detect_file(path: Path) -> DetectedMetadata:
    cleaned = clean_text(normalise_text(decode_bytes(path.read_bytes())))
    return detect_metadata(cleaned.text, removed=cleaned.removed)


def score_document(truth: MetadataTruth, fields: Iterable[str] = FIELDS) -> MetadataScore:
    meta = detect_file(truth.path)
    results = []
    for field in fields:
        if field == "title":
            if truth.title is None:
                continue
            detected = meta.title.value if meta.title else ""
            results.append(_result(field, truth.title, detected))
        elif field == "issuer":
            detected = meta.issuer.value if meta.issuer else ""
            results.append(_result(field, truth.issuer or ("",), detected))
        elif field == "doc_type":
            detected = meta.doc_type.value if meta.doc_type else ""
            results.append(_result(field, truth.doc_type, detected))
        elif field == "year":
            expected = str(truth.year) if truth.year else ""
            detected = str(meta.date.value.year) if meta.date else ""
            results.append(FieldResult(field, expected or "—", detected or "—", expected == detected))
        else:
            raise ValueError(f"unknown field {field!r}; choose from {', '.join(FIELDS)}")
    return MetadataScore(truth.name, tuple(results))


def _result(field: str, accepted: tuple[str, ...], detected: str) -> FieldResult:
    wanted = {_canonical(value) for value in accepted}
    return FieldResult(field, " | ".join(a or "—" for a in accepted), detected or "—", _canonical(detected) in wanted)


def _canonical(text: str) -> str:
    return "".join(normalise_text(text).split())


def score_all(truths: Iterable[MetadataTruth], fields: Iterable[str] = FIELDS) -> list[MetadataScore]:
    chosen = tuple(fields)
    return [score_document(truth, chosen) for truth in truths]
