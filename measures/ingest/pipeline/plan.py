"""Planning one document without writing: the metadata and region chosen, why, and the sentences to store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ...models import DatePrecision, Document, DocumentType, Region
from ..detect import DetectedMetadata, Detection, detect_metadata, untitled
from ..errors import IngestError
from ..readers import ReadDocument, read_document
from .classifier import current_lexicon, current_model
from .stages import PreparedText, SentenceRecord, _prepare, sentence_records


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
    from ...regions.resolve import detect_document_region

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


def region_by_code(code: str) -> Region:
    """The region with GB/T 2260 ``code`` (or pinyin slug), or IngestError."""
    from ...regions.resolve import RegionNotFound, find_region

    try:
        return find_region(code)
    except RegionNotFound as error:
        raise IngestError(str(error)) from None
