"""Storing a plan: one document with its sentences, labels and quantities in one transaction, or the copy found."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from ...compare.corpus import add_sentences
from ...models import Category, Document, Industry, Label, LabelSource, Measure, Quantity, Region
from ..errors import IngestError
from ..readers import ReadDocument
from .plan import DocumentMeta, IngestPlan, _parse_iso, plan_ingest, plan_text
from .stages import SentenceRecord


@dataclass(frozen=True)
class IngestResult:
    document: Document
    created: bool
    sentences: int = 0
    measures: int = 0
    per_category: dict[str, int] = field(default_factory=dict)


def apply_plan(plan: IngestPlan) -> IngestResult:
    """Store what ``plan`` describes, or find the document already stored.

    All or nothing: one transaction, and nothing is written when the plan has a problem.
    """
    if plan.existing is not None:
        return IngestResult(document=plan.existing, created=False)
    if plan.problem:
        raise IngestError(plan.problem)
    assert plan.region.region is not None  # checked by ``problem``
    try:
        document = _store_document(plan, region=plan.region.region)
    except IntegrityError:
        # Another process stored the same text between our lookup and our insert: the
        # unique content hash refused the copy, so answer as a sequential re-run would.
        existing = Document.objects.filter(content_hash=plan.prepared.content_hash).first()
        if existing is None:
            raise
        return IngestResult(document=existing, created=False)
    return IngestResult(
        document=document,
        created=True,
        sentences=len(plan.records),
        measures=plan.measures,
        per_category=dict(
            Counter(label.category for record in plan.records if record.is_measure for label in record.labels)
        ),
    )


def ingest_file(
    *, data: bytes, filename: str = "", region: Region | None = None, meta: DocumentMeta = DocumentMeta()
) -> IngestResult:
    """Plan and apply one file: what ``manage.py ingest`` and the admin upload do per file."""
    return apply_plan(plan_ingest(data=data, filename=filename, region=region, meta=meta))


def ingest_document(*, data: bytes | str, region: Region | None, meta: DocumentMeta) -> IngestResult:
    """Ingest bytes (read by format) or text already decoded."""
    if isinstance(data, str):
        return apply_plan(plan_text(read=ReadDocument(text=data, format="text"), region=region, meta=meta))
    return ingest_file(data=data, region=region, meta=meta)


@transaction.atomic
def _store_document(plan: IngestPlan, *, region: Region) -> Document:
    date = _parse_iso(plan.date.value)
    document = Document.objects.create(
        title=plan.title.value[:300],
        region=region,
        issuer=plan.issuer.value[:200],
        doc_type=plan.doc_type.value,
        date=date[0] if date else None,
        date_precision=plan.date_precision,
        date_note=plan.meta.date_note,
        source_url=(plan.meta.source_url or plan.file_metadata.get("source_url", ""))[:500],
        source_site=(plan.meta.source_site or plan.file_metadata.get("source_site", ""))[:200],
        region_detection=dict(plan.region.record),
        raw_text=plan.prepared.raw_text,
        cleaned_text=plan.prepared.cleaned_text,
        removed_lines=list(plan.prepared.removed_lines),
        content_hash=plan.prepared.content_hash,
    )
    document.industries.set(_industries(plan.meta.industries))
    store_sentences(document, plan.records)
    add_sentences(record.text for record in plan.records)
    return document


def _industries(names: Iterable[str]) -> list[Industry]:
    return [
        Industry.objects.get_or_create(name=name, defaults={"slug": slugify(name, allow_unicode=True)})[0]
        for name in names
    ]


def store_sentences(document: Document, records: Sequence[SentenceRecord]) -> list[Measure]:
    """Create the sentences and machine labels of ``document`` (call inside a transaction)."""
    categories = dict(Category.objects.values_list("slug", "pk"))
    measures = Measure.objects.bulk_create(
        Measure(
            document=document,
            position=record.position,
            paragraph=record.paragraph,
            text=record.text,
            is_heading=record.is_heading,
            is_measure=record.is_measure,
            kind_evidence=list(record.kind_evidence),
            search_tokens=record.search_tokens,
            clause_terms=[list(terms) for terms in record.clause_terms],
            stated_strength=record.reading.strength.level or "",
            strength_cue=record.reading.strength.cue,
        )
        for record in records
    )
    Quantity.objects.bulk_create(
        Quantity.from_reading(measure, quantity)
        for measure, record in zip(measures, records, strict=True)
        for quantity in record.reading.quantities
    )
    Label.objects.bulk_create(
        Label(
            measure=measure,
            category_id=categories[label.category],
            source=LabelSource.MACHINE,
            score=label.score,
            evidence=list(label.evidence),
        )
        for measure, record in zip(measures, records, strict=True)
        for label in record.labels
    )
    return measures
