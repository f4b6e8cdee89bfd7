"""Derive the shipped fixtures from the source texts in ``fixtures/sources/``.

Pure and deterministic: the same sources give byte-identical fixtures, with stable
primary keys, so a diff of ``fixtures/*.json`` shows exactly what a pipeline change did.
It runs the same ``prepare_text`` and ``sentence_records`` as ``ingest``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .ingest.classify import build_lexicon, load_shipped_model
from .ingest.pipeline import prepare_text, sentence_records
from .models import validate_web_url

# Fixed so that rebuilding does not churn the files; the real ingest time is not known.
STAMP = "2026-01-01T00:00:00Z"

Row = dict[str, Any]


def build_fixtures(sources: Path) -> dict[str, list[Row]]:
    """Return fixture rows per output file name."""
    categories = _load(sources / "categories.json")
    regions = _load(sources / "regions.json")
    documents = _load(sources / "documents.json")
    lexicon = build_lexicon((c["slug"], "\n".join(c["lexicon"]), c["threshold"]) for c in categories)
    category_pks = {c["slug"]: pk for pk, c in enumerate(categories, start=1)}
    gazetteer = sources.parent / "gazetteer"

    return {
        "categories.json": [
            {
                "model": "measures.category",
                "pk": category_pks[c["slug"]],
                "fields": {
                    "slug": c["slug"],
                    "name_zh": c["name_zh"],
                    "name_en": c["name_en"],
                    "description": c["description"],
                    "lexicon": "\n".join(c["lexicon"]),
                    "threshold": c["threshold"],
                    "color": c["color"],
                    "order": c["order"],
                },
            }
            for c in categories
        ],
        "regions.json": _region_rows(regions, gazetteer),
        "documents.json": _document_rows(sources, documents, lexicon, category_pks),
    }


def _region_rows(regions: list[Row], gazetteer: Path) -> list[Row]:
    """The seeds' regions as the gazetteer has them, with their ancestors, successors and former names.

    Rows are keyed by code (natural keys), so loading them over the full gazetteer updates
    the same rows; tests load this slice instead of all ~6,800 units.
    """
    with (gazetteer / "regions.csv").open(encoding="utf-8", newline="") as f:
        units = {row["code"]: row for row in csv.DictReader(f)}
    with (gazetteer / "names.csv").open(encoding="utf-8", newline="") as f:
        names = list(csv.DictReader(f))
    notes = {r["code"]: r.get("note", "") for r in regions}
    wanted: set[str] = set()
    pending = [r["code"] for r in regions]
    while pending:
        code = pending.pop()
        if code and code not in wanted:
            wanted.add(code)
            pending += [units[code]["parent"], units[code]["successor"]]

    def path(code: str) -> str:
        parent = units[code]["parent"]
        return (path(parent) if parent else "") + f"{code}/"

    def depth(code: str) -> tuple[int, str]:
        return (path(code).count("/"), code)

    rows: list[Row] = [
        {
            "model": "measures.region",
            "fields": {
                "name": units[code]["name"],
                "level": units[code]["level"],
                "parent": [units[code]["parent"]] if units[code]["parent"] else None,
                "code": code,
                "slug": units[code]["slug"],
                "note": notes.get(code, ""),
                "path": path(code),
                "valid_from": units[code]["valid_from"] or None,
                "valid_to": units[code]["valid_to"] or None,
                "successor": None,
            },
        }
        for code in sorted(wanted, key=depth)
    ]
    # Successors may come later in the list, so they are linked in a second pass over the same rows.
    rows += [
        {
            "model": "measures.region",
            "fields": {**row["fields"], "successor": [units[row["fields"]["code"]]["successor"]]},
        }
        for row in rows
        if units[row["fields"]["code"]]["successor"]
    ]
    rows += [
        {
            "model": "measures.regionname",
            "fields": {
                "region": [n["code"]],
                "name": n["name"],
                "valid_from": n["valid_from"] or None,
                "valid_to": n["valid_to"] or None,
            },
        }
        for n in names
        if n["code"] in wanted
    ]
    return rows


def _document_rows(
    sources: Path,
    documents: list[Row],
    lexicon: Any,
    category_pks: dict[str, int],
) -> list[Row]:
    industry_pks: dict[str, int] = {}
    industries: list[Row] = []
    rows: list[Row] = []
    sentence_pk = label_pk = quantity_pk = 0
    for document_pk, meta in enumerate(documents, start=1):
        prepared = prepare_text((sources / meta["file"]).read_bytes())
        if meta["source_url"]:
            validate_web_url(meta["source_url"])  # loaddata runs no validators: check here
        for name, slug in meta["industries"]:
            if name not in industry_pks:
                industry_pks[name] = len(industry_pks) + 1
                industries.append(
                    {"model": "measures.industry", "pk": industry_pks[name], "fields": {"name": name, "slug": slug}}
                )
        rows.append(
            {
                "model": "measures.document",
                "pk": document_pk,
                "fields": {
                    "title": meta["title"],
                    "region": [meta["region"]],
                    "issuer": meta["issuer"],
                    "doc_type": meta["doc_type"],
                    "industries": [industry_pks[name] for name, _ in meta["industries"]],
                    "date": meta["date"],
                    "date_precision": meta["date_precision"],
                    "date_note": meta["date_note"],
                    "source_url": meta["source_url"],
                    "source_site": meta["source_site"],
                    "raw_text": prepared.raw_text,
                    "cleaned_text": prepared.cleaned_text,
                    "removed_lines": list(prepared.removed_lines),
                    "content_hash": prepared.content_hash,
                    "created_at": STAMP,
                    "updated_at": STAMP,
                },
            }
        )
        for record in sentence_records(prepared.cleaned_text, lexicon, load_shipped_model(), doc_type=meta["doc_type"]):
            sentence_pk += 1
            rows.append(
                {
                    "model": "measures.measure",
                    "pk": sentence_pk,
                    "fields": {
                        "document": document_pk,
                        "position": record.position,
                        "paragraph": record.paragraph,
                        "text": record.text,
                        "is_heading": record.is_heading,
                        "is_measure": record.is_measure,
                        "kind_curated": False,
                        "kind_evidence": list(record.kind_evidence),
                        "search_tokens": record.search_tokens,
                        "stated_strength": record.reading.strength.level or "",
                        "strength_cue": record.reading.strength.cue,
                        "tags": [],
                    },
                }
            )
            for quantity in record.reading.quantities:
                quantity_pk += 1
                rows.append(
                    {
                        "model": "measures.quantity",
                        "pk": quantity_pk,
                        "fields": {
                            "measure": sentence_pk,
                            "kind": quantity.kind.value,
                            "value": quantity.value,
                            "value_max": quantity.value_max,
                            "unit": quantity.unit,
                            "normalised": quantity.normalised,
                            "normalised_max": quantity.normalised_max,
                            "per_year": quantity.per_year,
                            "bound": quantity.bound.value,
                            "text": quantity.text,
                            "start": quantity.start,
                            "end": quantity.end,
                        },
                    }
                )
            for label in record.labels:
                label_pk += 1
                rows.append(
                    {
                        "model": "measures.label",
                        "pk": label_pk,
                        "fields": {
                            "measure": sentence_pk,
                            "category": category_pks[label.category],
                            "source": "machine",
                            "rejected": False,
                            "score": label.score,
                            "evidence": list(label.evidence),
                            "curator": None,
                            "decided_at": STAMP,
                        },
                    }
                )
    return industries + rows


def write_fixtures(sources: Path, target: Path) -> dict[str, int]:
    """Write every fixture file; return the number of rows in each."""
    counts = {}
    for name, rows in build_fixtures(sources).items():
        text = json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (target / name).write_text(text, encoding="utf-8")
        counts[name] = len(rows)
    return counts


def _load(path: Path) -> list[Row]:
    return list(json.loads(path.read_text(encoding="utf-8")))
