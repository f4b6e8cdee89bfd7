"""Derive the shipped fixtures from the source texts in ``fixtures/sources/``.

Pure and deterministic: the same sources give byte-identical fixtures, with stable
primary keys, so a diff of ``fixtures/*.json`` shows exactly what a pipeline change did.
It runs the same ``prepare_text`` and ``sentence_records`` as ``ingest``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .ingest.classify import build_lexicon
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
    region_pks = {r["code"]: pk for pk, r in enumerate(regions, start=1)}

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
        "regions.json": _region_rows(regions, region_pks),
        "documents.json": _document_rows(sources, documents, lexicon, region_pks, category_pks),
    }


def _region_rows(regions: list[Row], region_pks: dict[str, int]) -> list[Row]:
    by_code = {r["code"]: r for r in regions}

    def path(code: str) -> str:
        parent = by_code[code]["parent"]
        return (path(parent) if parent else "") + f"{code}/"

    return [
        {
            "model": "measures.region",
            "pk": region_pks[r["code"]],
            "fields": {
                "name": r["name"],
                "level": r["level"],
                "parent": region_pks[r["parent"]] if r["parent"] else None,
                "code": r["code"],
                "slug": r["slug"],
                "note": r.get("note", ""),
                "path": path(r["code"]),
            },
        }
        for r in regions
    ]


def _document_rows(
    sources: Path,
    documents: list[Row],
    lexicon: Any,
    region_pks: dict[str, int],
    category_pks: dict[str, int],
) -> list[Row]:
    industry_pks: dict[str, int] = {}
    industries: list[Row] = []
    rows: list[Row] = []
    sentence_pk = label_pk = 0
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
                    "region": region_pks[meta["region"]],
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
        for record in sentence_records(prepared.cleaned_text, lexicon):
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
                        "tags": [],
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
