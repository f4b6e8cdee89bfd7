"""Run the stages end to end and write the result: the only ingest module that touches the ORM.

read → normalise → clean → detect metadata → choose region → split → classify.
Normalising comes before cleaning so the chrome patterns need only be written once,
in simplified characters with full-width punctuation; the text as read is stored
untouched beside the result. ``plan_ingest`` does everything but write, so the
admin's confirmation page shows the very plan that ``apply_plan`` then stores;
``ingest_file`` is the two in a row, one file, one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, field, replace
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..compare.corpus import add_sentences, clause_terms
from ..models import (
    Category,
    ClassifierModel,
    DatePrecision,
    Document,
    DocumentType,
    Industry,
    Label,
    LabelSource,
    Measure,
    Quantity,
    Region,
)
from ..quantities import Reading, read_measure
from ..search import index_tokens
from .classify import Classification, Lexicon, Model, build_lexicon, classify_units, contexts_for, load_shipped_model
from .clean import clean_text
from .detect import DetectedMetadata, Detection, detect_metadata, untitled
from .errors import IngestError
from .normalise import normalise_text
from .readers import ReadDocument, read_document
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
    clause_terms: tuple[tuple[str, ...], ...]
    labels: tuple[LabelRecord, ...]
    reading: Reading


@dataclass(frozen=True)
class DocumentMeta:
    """What the person ingesting says about a document; blank means "find out".

    Anything set here beats what the file's own metadata or detection say.
    """

    title: str = ""
    issuer: str = ""
    doc_type: str = ""
    industries: Sequence[str] = ()
    date: dt.date | None = None
    date_precision: str = ""
    date_note: str = ""
    source_url: str = ""
    source_site: str = ""


@dataclass(frozen=True)
class Choice:
    """One value the plan will store, where it came from and why.

    ``source`` is ``given`` (the person said so), ``file`` (the file's own
    metadata), ``detected`` (read from the text) or ``default``.
    """

    value: str
    source: str
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionChoice:
    region: Region | None
    source: str
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    candidates: tuple[Region, ...] = ()
    # For a detected region: what is stored as ``Document.region_detection``, and the
    # message (candidates with their evidence) when none could be chosen.
    record: Mapping[str, object] = field(default_factory=dict)
    message: str = ""


@dataclass(frozen=True)
class IngestPlan:
    """Everything ``apply_plan`` will write, computed without writing."""

    filename: str
    format: str
    prepared: PreparedText
    existing: Document | None
    region: RegionChoice
    title: Choice
    issuer: Choice
    doc_type: Choice
    date: Choice  # ISO date or ""; see date_precision
    date_precision: str
    meta: DocumentMeta
    records: tuple[SentenceRecord, ...] = ()
    file_metadata: Mapping[str, str] = field(default_factory=dict)

    @property
    def measures(self) -> int:
        return sum(record.is_measure for record in self.records)

    @property
    def problem(self) -> str:
        """Why this plan cannot be applied as it stands ("" when it can)."""
        if self.existing is not None:
            return ""
        if self.region.region is None:
            return _missing_region_message(self.region)
        if not self.records:
            return _("清洗后没有留下任何句子")
        return ""


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


def prepare_text(data: bytes | str, filename: str = "") -> PreparedText:
    """Read (if bytes), normalise and clean; raise IngestError on unusable input."""
    raw = read_document(data, filename).text if isinstance(data, bytes) else data
    return _prepare(raw)


def _prepare(raw: str) -> PreparedText:
    if not raw.strip():
        raise IngestError(_("文本是空的"))
    cleaned = clean_text(normalise_text(raw))
    return PreparedText(raw, cleaned.text, cleaned.removed, content_hash(raw))


def sentence_records(cleaned_text: str, lexicon: Lexicon, model: Model, *, doc_type: str = "") -> list[SentenceRecord]:
    """Split and classify cleaned text into what is stored per sentence.

    Each unit is classified in its context: the headings above it and the document type.
    """
    sentences = split_sentences(cleaned_text)
    contexts = contexts_for([(s.text, s.is_heading) for s in sentences], doc_type=doc_type)
    results = classify_units([(s.text, c) for s, c in zip(sentences, contexts, strict=True)], lexicon, model)
    records = []
    for position, (sentence, result) in enumerate(zip(sentences, results, strict=True)):
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
                clause_terms=tuple(map(tuple, clause_terms(sentence.text))),
                labels=labels,
                reading=read_measure(sentence.text),
            )
        )
    return records


def current_model() -> Model:
    """The newest trained model in the database, else the model shipped with the code."""
    stored = ClassifierModel.objects.in_use()
    return Model.from_json(stored.parameters) if stored is not None else load_shipped_model()


# Documents whose sentences ``classify_stored`` reads per query: a batch costs two queries
# up to this many documents, and a whole-corpus preview stays under SQLite's parameter limit.
CLASSIFY_DOCUMENTS_PER_QUERY = 500


def classify_stored(
    measures: Iterable[Measure], lexicon: Lexicon | None = None, model: Model | None = None
) -> dict[int, Classification]:
    """What the classifier says now about stored sentences, each in its document's context.

    Two queries for up to ``CLASSIFY_DOCUMENTS_PER_QUERY`` documents however many sentences
    (the documents' types, then all their sentences for the headings above each one), plus
    one each for the lexicon and the model when they are not given.
    """
    wanted: dict[int, set[int]] = {}
    for measure in measures:
        wanted.setdefault(measure.document_id, set()).add(measure.pk)
    if not wanted:
        return {}
    lexicon = lexicon or current_lexicon()
    model = model or current_model()
    verdicts: dict[int, Classification] = {}
    document_ids = sorted(wanted)
    for start in range(0, len(document_ids), CLASSIFY_DOCUMENTS_PER_QUERY):
        chunk = document_ids[start : start + CLASSIFY_DOCUMENTS_PER_QUERY]
        doc_types = dict(Document.objects.filter(pk__in=chunk).values_list("pk", "doc_type"))
        sentences = (
            Measure.objects.filter(document_id__in=chunk)
            .order_by("document_id", "position")
            .only("pk", "document_id", "text", "is_heading")
        )
        for document_id, in_document in groupby(sentences, key=attrgetter("document_id")):
            ordered = list(in_document)
            contexts = contexts_for([(s.text, s.is_heading) for s in ordered], doc_type=doc_types[document_id])
            pks = wanted[document_id]
            chosen = [(s, c) for s, c in zip(ordered, contexts, strict=True) if s.pk in pks]
            results = classify_units([(s.text, c) for s, c in chosen], lexicon, model)
            verdicts.update((s.pk, result) for (s, _), result in zip(chosen, results, strict=True))
    return verdicts


def current_lexicon() -> Lexicon:
    return build_lexicon(Category.objects.values_list("slug", "lexicon", "threshold"))


def plan_ingest(
    *,
    data: bytes,
    filename: str = "",
    region: Region | None = None,
    meta: DocumentMeta = DocumentMeta(),
    classify: bool = True,
) -> IngestPlan:
    """Read, clean, detect and classify one file; write nothing.

    Raises IngestError when the file cannot be read. A plan whose ``problem`` is set
    (no region found, nothing left after cleaning) is still returned, so a preview
    can show it and let the person fill in what is missing.
    """
    check_file_size(len(data))
    read = read_document(data, filename)
    return plan_text(read=read, filename=filename, region=region, meta=meta, classify=classify)


def check_file_size(size: int) -> None:
    """Refuse a file over ``MAX_DOCUMENT_BYTES`` before reading it (the upload form checks the same)."""
    limit: int = settings.MAX_DOCUMENT_BYTES
    if size > limit:
        raise IngestError(
            _("文件有 %(size)s，超过上限 %(limit)s：请拆分成几个文件，或只导入正文")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def check_text_length(text: str) -> None:
    """Refuse a text over ``MAX_DOCUMENT_CHARS``: its processing would outlast any request."""
    limit: int = settings.MAX_DOCUMENT_CHARS
    if len(text) > limit:
        raise IngestError(
            _("文件正文有 %(chars)s 个字符，超过上限 %(limit)s：请拆分成几个文件再导入")
            % {"chars": len(text), "limit": limit}
        )


def plan_text(
    *,
    read: ReadDocument,
    filename: str = "",
    region: Region | None = None,
    meta: DocumentMeta = DocumentMeta(),
    classify: bool = True,
) -> IngestPlan:
    """``plan_ingest`` for text already read.

    Each field is what the person gave, else what detection found (the file's own
    title and date are detection's hints), else a default. ``classify=False`` leaves
    the sentences unclassified (``batch.ingest_batch`` classifies in worker processes).
    """
    check_text_length(read.text)
    prepared = _prepare(read.text)
    existing = Document.objects.filter(content_hash=prepared.content_hash).select_related("region").first()
    file_metadata = dict(read.metadata)
    detected = DetectedMetadata(None, None, None, None, DatePrecision.DAY)
    if existing is None:  # a stored text needs no detection: nothing will be written
        detected = detect_metadata(
            prepared.cleaned_text,
            title_hint=file_metadata.get("title", ""),
            date_hint=file_metadata.get("date", ""),
            removed=prepared.removed_lines,
        )
    date = _pick(meta.date.isoformat() if meta.date else "", detected.date, "")
    title = _pick(meta.title, detected.title, untitled(prepared.cleaned_text, filename=filename))
    issuer = _pick(meta.issuer, detected.issuer, "")
    plan = IngestPlan(
        filename=filename,
        format=read.format,
        prepared=prepared,
        existing=existing,
        region=(
            RegionChoice(region, "given")
            if region is not None
            else RegionChoice(None, "default", 0.0)
            if existing is not None  # nothing will be written: no need to detect
            else _detect_region(prepared, title, issuer, date)
        ),
        title=title,
        issuer=issuer,
        doc_type=_pick(meta.doc_type, detected.doc_type, DocumentType.OTHER),
        date=date,
        date_precision=(meta.date_precision or DatePrecision.DAY) if meta.date else detected.date_precision,
        meta=meta,
        file_metadata=file_metadata,
    )
    if existing is not None or not classify:
        return plan
    records = sentence_records(prepared.cleaned_text, current_lexicon(), current_model(), doc_type=plan.doc_type.value)
    return replace(plan, records=tuple(records))


def _pick(given: str, detection: Detection[Any] | None, default: str) -> Choice:
    if given:
        return Choice(given, "given")
    if detection is not None:
        return Choice(str(detection.value), "detected", detection.confidence, detection.evidence)
    return Choice(default, "default", 0.0)


def _parse_iso(value: str) -> tuple[dt.date, str] | None:
    """``2023-06-15`` / ``2023-06`` / ``2023`` → (date, precision)."""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts if part]
        if len(numbers) == 3:
            return dt.date(*numbers), DatePrecision.DAY
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1), DatePrecision.MONTH
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1), DatePrecision.YEAR
    except ValueError:
        return None
    return None


def _detect_region(prepared: PreparedText, title: Choice, issuer: Choice, date: Choice) -> RegionChoice:
    """The region read from the title, issuer and text, valid on the document's date."""
    from ..regions.resolve import detect_document_region

    on = _parse_iso(date.value)
    found = detect_document_region(
        text=prepared.cleaned_text,
        title="" if title.source == "default" else title.value,  # a placeholder names no place
        issuer=issuer.value,
        date=on[0] if on else None,
    )
    return RegionChoice(
        found.region,
        "detected",
        found.detection.confidence,
        found.detection.evidence,
        found.candidates,
        record=found.record(),
        message="" if found.region else found.message(),
    )


def _missing_region_message(choice: RegionChoice) -> str:
    if choice.message:
        return choice.message
    if choice.candidates:
        names = "、".join(f"{r.name}（{r.code}）" for r in choice.candidates)
        return _("无法确定文件所属地区，可能是：%(names)s；请指定地区") % {"names": names}
    return _("文件里没有找到所属地区；请指定地区")


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


@dataclass(frozen=True)
class ReclassifyReport:
    measures: int
    kinds_changed: int
    labels_added: int
    labels_removed: int
    curated_kept: int


def reclassify(
    *, measures: Iterable[Measure], lexicon: Lexicon | None = None, model: Model | None = None
) -> ReclassifyReport:
    """Re-run the classifier on stored sentences, never touching a curator's decision.

    The kind is left alone where ``kind_curated`` is set; a category is left alone
    wherever a curator label (confirmation or rejection) exists for it. Each sentence is
    classified in its document's context (``classify_stored``). Classifying is
    the slow part and runs before the write transaction, so writers are held up only by
    the writes; the curator decisions are read inside it, so one made meanwhile is kept.
    """
    return _apply_classification(classify_stored(measures, lexicon, model))


# Sentences per write transaction when reclassifying many: each batch is short, so curators'
# writes interleave instead of waiting for the whole run, and a decision made mid-run is
# read by the batches after it.
RECLASSIFY_BATCH = 100


def reclassify_in_batches(
    *,
    measures: QuerySet[Measure],
    batch_size: int = RECLASSIFY_BATCH,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReclassifyReport:
    """``reclassify`` ``measures`` ``batch_size`` sentences at a time, one transaction each.

    For long runs (the command, a lexicon change, a background job): the SQLite write
    lock is never held for longer than one batch. ``on_progress(done, total)`` is called
    after each batch. Must not be called inside a transaction (each batch commits).
    """
    ids = list(measures.order_by("pk").values_list("pk", flat=True))
    size = max(batch_size, 1)
    totals = [0, 0, 0, 0, 0]
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        report = reclassify(measures=Measure.objects.filter(pk__in=chunk))
        for index, value in enumerate(astuple(report)):
            totals[index] += value
        if on_progress is not None:
            on_progress(start + len(chunk), len(ids))
    return ReclassifyReport(*totals)


def settled_categories(measure: Measure, result: Classification) -> tuple[str, ...]:
    """The machine's categories for a stored sentence, given its kind as settled now.

    A curator's kind wins over the machine's: a sentence a curator made a measure gets the
    categories the classifier finds for it as a measure.
    """
    is_measure = measure.is_measure if measure.kind_curated else result.is_measure
    return result.categories_for(is_measure=is_measure)


@transaction.atomic
def _apply_classification(results: dict[int, Classification]) -> ReclassifyReport:
    categories = dict(Category.objects.values_list("slug", "pk"))
    measures = list(Measure.objects.filter(pk__in=list(results)).only("pk", "is_measure", "kind_curated"))
    existing: dict[int, dict[int, Label]] = {}
    for label in Label.objects.filter(measure__in=measures):
        existing.setdefault(label.measure_id, {})[label.category_id] = label

    kinds_changed = added = removed = curated_kept = 0
    to_update: list[Measure] = []
    to_create: list[Label] = []
    to_refresh: list[Label] = []
    to_delete: list[int] = []
    for measure in measures:
        result = results[measure.pk]
        if not measure.kind_curated and measure.is_measure != result.is_measure:
            measure.is_measure = result.is_measure
            kinds_changed += 1
        measure.kind_evidence = list(result.kind_evidence)
        to_update.append(measure)

        labels = existing.get(measure.pk, {})
        wanted = {categories[slug]: slug for slug in settled_categories(measure, result)}
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
    reread(measures=measures)
    return ReclassifyReport(len(measures), kinds_changed, added, removed, curated_kept)


def region_by_code(code: str) -> Region:
    """The region with GB/T 2260 ``code`` (or pinyin slug), or IngestError."""
    from ..regions.resolve import RegionNotFound, find_region

    try:
        return find_region(code)
    except RegionNotFound as error:
        raise IngestError(str(error)) from None


@dataclass(frozen=True)
class RereadReport:
    measures: int
    quantities: int
    strengths_changed: int
    quantities_changed: int


@transaction.atomic
def reread(*, measures: Iterable[Measure]) -> RereadReport:
    """Extract quantities and strength again for stored sentences, replacing the machine's old reading.

    Only sentences whose reading changed are written, so a re-run holds the write lock briefly.
    """
    measures = list(measures)
    stored: dict[int, list[Quantity]] = {}
    for row in Quantity.objects.filter(measure__in=measures).order_by("start"):
        stored.setdefault(row.measure_id, []).append(row)
    strengths: list[Measure] = []
    stale: list[int] = []
    rows: list[Quantity] = []
    total = 0
    for measure in measures:
        reading = read_measure(measure.text)
        level = reading.strength.level or ""
        if (measure.stated_strength, measure.strength_cue) != (level, reading.strength.cue):
            measure.stated_strength, measure.strength_cue = level, reading.strength.cue
            strengths.append(measure)
        fresh = [Quantity.from_reading(measure, quantity) for quantity in reading.quantities]
        total += len(fresh)
        if [q.as_reading() for q in fresh] != [q.as_reading() for q in stored.get(measure.pk, [])]:
            stale.append(measure.pk)
            rows.extend(fresh)
    Measure.objects.bulk_update(strengths, ["stated_strength", "strength_cue"], batch_size=500)
    Quantity.objects.filter(measure__in=stale).delete()
    Quantity.objects.bulk_create(rows, batch_size=500)
    return RereadReport(len(measures), total, len(strengths), len(stale))
