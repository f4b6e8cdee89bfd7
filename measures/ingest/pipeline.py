"""Run the stages end to end and write the result: the only ingest module that touches the ORM.

decode → normalise → clean → split → classify. Normalising comes before cleaning so
the chrome patterns need only be written once, in simplified characters with
full-width punctuation; the raw text is stored untouched beside the result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from ..compare.corpus import add_sentences
from ..models import Category, DatePrecision, Document, Industry, Label, LabelSource, Measure, Region
from ..search import index_tokens
from .classify import Lexicon, build_lexicon, classify_sentence
from .clean import clean_text
from .decode import decode_bytes
from .errors import IngestError
from .normalise import normalise_text
from .split import split_sentences


@dataclass(frozen=True)
class PreparedText:
    raw_text: str
    cleaned_text: str
    removed_lines: tuple[str, ...]
    content_hash: str


@dataclass(frozen=True)
class LabelRecord:
    category: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class SentenceRecord:
    position: int
    paragraph: int
    text: str
    is_heading: bool
    is_measure: bool
    kind_evidence: tuple[str, ...]
    search_tokens: str
    labels: tuple[LabelRecord, ...]


@dataclass(frozen=True)
class DocumentMeta:
    title: str = ""
    issuer: str = ""
    doc_type: str = "other"
    industries: Sequence[str] = ()
    date: dt.date | None = None
    date_precision: str = DatePrecision.DAY
    date_note: str = ""
    source_url: str = ""
    source_site: str = ""


@dataclass(frozen=True)
class IngestResult:
    document: Document
    created: bool
    sentences: int = 0
    measures: int = 0
    per_category: dict[str, int] = field(default_factory=dict)


def content_hash(text: str) -> str:
    """Hash of the decoded text, so one text in two encodings is the same document."""
    canonical = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def prepare_text(data: bytes | str) -> PreparedText:
    """Decode (if bytes), normalise and clean; raise IngestError on unusable input."""
    raw = decode_bytes(data) if isinstance(data, bytes) else data
    if not raw.strip():
        raise IngestError("the text is empty")
    cleaned = clean_text(normalise_text(raw))
    return PreparedText(raw, cleaned.text, cleaned.removed, content_hash(raw))


def sentence_records(cleaned_text: str, lexicon: Lexicon) -> list[SentenceRecord]:
    """Split and classify cleaned text into what is stored per sentence."""
    records = []
    for position, sentence in enumerate(split_sentences(cleaned_text)):
        result = classify_sentence(sentence.text, lexicon, is_heading=sentence.is_heading)
        labels = tuple(LabelRecord(slug, result.scores[slug], result.evidence[slug]) for slug in result.categories)
        records.append(
            SentenceRecord(
                position=position,
                paragraph=sentence.paragraph,
                text=sentence.text,
                is_heading=sentence.is_heading,
                is_measure=result.is_measure,
                kind_evidence=result.kind_evidence,
                search_tokens=index_tokens(sentence.text),
                labels=labels,
            )
        )
    return records


def current_lexicon() -> Lexicon:
    return build_lexicon(Category.objects.values_list("slug", "lexicon", "threshold"))


def default_title(cleaned_text: str) -> str:
    first_line = cleaned_text.split("\n", 1)[0].strip()
    return first_line[:100] if len(first_line) <= 100 else first_line[:60] + "…"


def ingest_document(*, data: bytes | str, region: Region, meta: DocumentMeta) -> IngestResult:
    """Store a document and its classified sentences, or find it already stored.

    All or nothing: one transaction, and nothing is written when the input is refused.
    """
    prepared = prepare_text(data)
    existing = Document.objects.filter(content_hash=prepared.content_hash).first()
    if existing is not None:
        return IngestResult(document=existing, created=False)
    records = sentence_records(prepared.cleaned_text, current_lexicon())
    if not records:
        raise IngestError("no sentences are left after cleaning")

    with transaction.atomic():
        document = Document.objects.create(
            title=meta.title or default_title(prepared.cleaned_text),
            region=region,
            issuer=meta.issuer,
            doc_type=meta.doc_type,
            date=meta.date,
            date_precision=meta.date_precision,
            date_note=meta.date_note,
            source_url=meta.source_url,
            source_site=meta.source_site,
            raw_text=prepared.raw_text,
            cleaned_text=prepared.cleaned_text,
            content_hash=prepared.content_hash,
        )
        document.industries.set(_industries(meta.industries))
        store_sentences(document, records)
        add_sentences(record.text for record in records)
    return IngestResult(
        document=document,
        created=True,
        sentences=len(records),
        measures=sum(record.is_measure for record in records),
        per_category=dict(
            Counter(label.category for record in records if record.is_measure for label in record.labels)
        ),
    )


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
        )
        for record in records
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


@dataclass(frozen=True)
class ReclassifyReport:
    measures: int
    kinds_changed: int
    labels_added: int
    labels_removed: int
    curated_kept: int


@transaction.atomic
def reclassify(*, measures: Iterable[Measure], lexicon: Lexicon | None = None) -> ReclassifyReport:
    """Re-run the classifier on stored sentences, never touching a curator's decision.

    The kind is left alone where ``kind_curated`` is set; a category is left alone
    wherever a curator label (confirmation or rejection) exists for it.
    """
    lexicon = lexicon or current_lexicon()
    categories = dict(Category.objects.values_list("slug", "pk"))
    measures = list(measures)
    existing: dict[int, dict[int, Label]] = {}
    for label in Label.objects.filter(measure__in=measures):
        existing.setdefault(label.measure_id, {})[label.category_id] = label

    kinds_changed = added = removed = curated_kept = 0
    to_update: list[Measure] = []
    to_create: list[Label] = []
    to_refresh: list[Label] = []
    to_delete: list[int] = []
    for measure in measures:
        result = classify_sentence(measure.text, lexicon, is_heading=measure.is_heading)
        if not measure.kind_curated and measure.is_measure != result.is_measure:
            measure.is_measure = result.is_measure
            kinds_changed += 1
        measure.kind_evidence = list(result.kind_evidence)
        to_update.append(measure)

        labels = existing.get(measure.pk, {})
        wanted = {categories[slug]: slug for slug in result.categories}
        for category_id, label in labels.items():
            if label.source == LabelSource.CURATOR:
                curated_kept += 1
            elif category_id not in wanted:
                to_delete.append(label.pk)
                removed += 1
        for category_id, slug in wanted.items():
            current = labels.get(category_id)
            if current is None:
                to_create.append(
                    Label(
                        measure=measure,
                        category_id=category_id,
                        source=LabelSource.MACHINE,
                        score=result.scores[slug],
                        evidence=list(result.evidence[slug]),
                    )
                )
                added += 1
            elif current.source == LabelSource.MACHINE:
                current.score = result.scores[slug]
                current.evidence = list(result.evidence[slug])
                to_refresh.append(current)

    Measure.objects.bulk_update(to_update, ["is_measure", "kind_evidence"], batch_size=500)
    Label.objects.filter(pk__in=to_delete).delete()
    Label.objects.bulk_create(to_create)
    Label.objects.bulk_update(to_refresh, ["score", "evidence"], batch_size=500)
    return ReclassifyReport(len(measures), kinds_changed, added, removed, curated_kept)
