"""Many files in one go: which files, with what the person knows about each, and what became of them.

A batch is a list of ``BatchItem`` (a path and its given metadata), built from the
command line and an optional manifest CSV; ``ingest_item`` runs one through the
pipeline and always returns an outcome — a bad file is reported, never raised, so
one broken file does not stop the rest. Each file is its own transaction.

``ingest_batch`` classifies files in worker processes (``jobs``): classification is
most of the work and a pure function of the text, the lexicon and the model, so the
workers never touch the database; this process reads, detects and stores, in order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import DatePrecision, Document, DocumentType, Region, validate_web_url
from .classify import Lexicon, Model
from .errors import IngestError
from .pipeline import (
    DocumentMeta,
    IngestPlan,
    IngestResult,
    SentenceRecord,
    apply_plan,
    current_lexicon,
    current_model,
    ingest_file,
    plan_ingest,
    region_by_code,
    sentence_records,
)
from .readers import DOCUMENT_SUFFIXES

MANIFEST_COLUMNS = ("path", "region", "title", "type", "date", "source_url")


@dataclass(frozen=True)
class BatchItem:
    path: Path
    region_code: str = ""
    meta: DocumentMeta = field(default_factory=DocumentMeta)


@dataclass(frozen=True)
class BatchOutcome:
    name: str  # the file as the person named it
    status: str  # "created" | "existing" | "refused"
    reason: str = ""
    document_id: int | None = None
    region: str = ""
    doc_type: str = ""
    date: str = ""
    characters: int = 0
    sentences: int = 0
    measures: int = 0


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus the document files found under directories named (sorted, no hidden files).

    A directory contributes only files whose suffix is a document format (read or
    refused with advice), so a README or a manifest lying beside them is not ingested.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in DOCUMENT_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_manifest(text: str, *, base: Path) -> list[BatchItem]:
    """Parse a manifest CSV (columns path, region, title, type, date, source_url; any may be blank).

    Relative paths resolve against ``base``, the manifest's directory. ``type`` takes a
    document-type key (``opinion``) or its Chinese name (``意见``); ``date`` takes
    ``2023-06-12``, ``2023-06`` or ``2023``. Raises IngestError naming the bad line.

    >>> [i.meta.doc_type for i in read_manifest("path,type\\na.txt,意见\\n", base=Path("/d"))]
    ['opinion']
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "path" not in columns:
        raise IngestError(_("清单缺少 path 列（可用的列：%(columns)s）") % {"columns": ", ".join(MANIFEST_COLUMNS)})
    unknown = [c for c in columns if c and c not in MANIFEST_COLUMNS]
    if unknown:
        raise IngestError(
            _("清单有未知的列：%(unknown)s（可用的列：%(columns)s）")
            % {"unknown": ", ".join(unknown), "columns": ", ".join(MANIFEST_COLUMNS)}
        )
    items = []
    for line, row in enumerate(reader, start=2):
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not cells.get("path"):
            continue
        try:
            date, precision = _manifest_date(cells.get("date", ""))
            meta = DocumentMeta(
                title=cells.get("title", ""),
                doc_type=_manifest_type(cells.get("type", "")),
                date=date,
                date_precision=precision,
                source_url=_manifest_url(cells.get("source_url", "")),
            )
        except IngestError as error:
            raise IngestError(_("清单第 %(line)s 行：%(error)s") % {"line": line, "error": error}) from None
        items.append(BatchItem(path=base / cells["path"], region_code=cells.get("region", ""), meta=meta))
    return items


def _manifest_url(value: str) -> str:
    if value:
        try:
            validate_web_url(value)
        except ValidationError:
            raise IngestError(
                _("来源网址 %(value)s 不是以 http:// 或 https:// 开头的完整网址") % {"value": value}
            ) from None
    return value


def _manifest_type(value: str) -> str:
    if not value:
        return ""
    for key, label in DocumentType.choices:
        if value in (key, str(label)):
            return str(key)
    raise IngestError(_("未知的文件类型 %(value)s") % {"value": value})


def _manifest_date(value: str) -> tuple[dt.date | None, str]:
    if not value:
        return None, ""
    parts = value.replace("/", "-").split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return dt.date(*numbers), DatePrecision.DAY
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1), DatePrecision.MONTH
        if len(numbers) == 1 and 1949 <= numbers[0] <= 2100:
            return dt.date(numbers[0], 1, 1), DatePrecision.YEAR
    except ValueError:
        pass
    raise IngestError(_("日期 %(value)s 无法识别（写成 2023-06-12、2023-06 或 2023）") % {"value": value})


def plan_batch(
    paths: Sequence[Path], *, manifest: Sequence[BatchItem] = (), region_code: str = "", meta: DocumentMeta
) -> list[BatchItem]:
    """One item per file: the command's options, overridden field by field by the file's manifest row.

    Files listed only in the manifest are included; files named only on the command
    line get the command's options alone.
    """
    rows = {item.path.resolve(): item for item in manifest}
    files = collect_paths([*paths, *(item.path for item in manifest)])
    items = []
    for path in list(dict.fromkeys(p.resolve() for p in files)):
        row = rows.get(path)
        item_meta = meta
        if row is not None:
            given = {k: v for k, v in row.meta.__dict__.items() if v not in ("", None, ())}
            item_meta = replace(meta, **given)
        code = row.region_code if row is not None and row.region_code else region_code
        items.append(BatchItem(path=path, region_code=code, meta=item_meta))
    return items


def ingest_item(item: BatchItem) -> BatchOutcome:
    """Ingest one file of a batch; every failure becomes a refused outcome with its reason."""
    opened = _open(item)
    if isinstance(opened, BatchOutcome):
        return opened
    data, region = opened
    return ingest_bytes(name=str(item.path), data=data, region=region, meta=item.meta)


def ingest_bytes(*, name: str, data: bytes, region: Region | None, meta: DocumentMeta) -> BatchOutcome:
    """Ingest one file's bytes and say what became of it: the per-file unit of every batch and upload."""
    try:
        result = ingest_file(data=data, filename=Path(name).name, region=region, meta=meta)
    except IngestError as error:
        return BatchOutcome(name=name, status="refused", reason=str(error))
    return _outcome(name, result)


def ingest_batch(items: Sequence[BatchItem], *, jobs: int = 1) -> Iterator[BatchOutcome]:
    """Each item's outcome, in order, as ``ingest_item`` gives it, classifying in ``jobs`` worker processes.

    Every file is classified with the lexicon and model in use when the batch starts.
    """
    if jobs < 2 or len(items) < 2:
        yield from map(ingest_item, items)
        return
    lexicon, model = current_lexicon(), current_model()
    sentence_records("预热。", lexicon, model)  # workers start with the tokenizers loaded
    # Forked workers never use the database connections they inherit, and leave with os._exit.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_hold, initargs=(lexicon, model)) as pool:
        waiting: deque[tuple[BatchItem, BatchOutcome | IngestPlan, Future[tuple[SentenceRecord, ...]] | None]]
        waiting = deque()
        for item in items:
            planned = _plan_unclassified(item)
            future = None
            if isinstance(planned, IngestPlan) and planned.existing is None and planned.region.region is not None:
                future = pool.submit(_classify, planned.prepared.cleaned_text, planned.doc_type.value)
            waiting.append((item, planned, future))
            if len(waiting) > 2 * jobs:  # enough ahead to keep every worker busy
                yield _finish(*waiting.popleft())
        while waiting:
            yield _finish(*waiting.popleft())


def _open(item: BatchItem) -> tuple[bytes, Region | None] | BatchOutcome:
    """The file's bytes and the region its item names, or the refusal saying why not."""
    try:
        if not item.path.is_file():
            raise IngestError(_("文件不存在"))
        data = item.path.read_bytes()
        return data, (region_by_code(item.region_code) if item.region_code else None)
    except IngestError as error:
        return BatchOutcome(name=str(item.path), status="refused", reason=str(error))
    except OSError as error:
        reason = _("无法读取文件：%(error)s") % {"error": error.strerror or error}
        return BatchOutcome(name=str(item.path), status="refused", reason=reason)


def _plan_unclassified(item: BatchItem) -> IngestPlan | BatchOutcome:
    opened = _open(item)
    if isinstance(opened, BatchOutcome):
        return opened
    data, region = opened
    try:
        return plan_ingest(data=data, filename=item.path.name, region=region, meta=item.meta, classify=False)
    except IngestError as error:
        return BatchOutcome(name=str(item.path), status="refused", reason=str(error))


def _finish(
    item: BatchItem, planned: IngestPlan | BatchOutcome, future: Future[tuple[SentenceRecord, ...]] | None
) -> BatchOutcome:
    if isinstance(planned, BatchOutcome):
        return planned
    plan = replace(planned, records=future.result()) if future is not None else planned
    try:
        return _outcome(str(item.path), apply_plan(plan))
    except IngestError as error:
        return BatchOutcome(name=str(item.path), status="refused", reason=str(error))


_held: tuple[Lexicon, Model] | None = None


def _hold(lexicon: Lexicon, model: Model) -> None:
    """Worker initializer: the lexicon and model every file of the batch is classified with."""
    global _held
    _held = (lexicon, model)


def _classify(cleaned_text: str, doc_type: str) -> tuple[SentenceRecord, ...]:
    assert _held is not None, "a worker classifies only after _hold"
    return tuple(sentence_records(cleaned_text, *_held, doc_type=doc_type))


def _outcome(name: str, result: IngestResult) -> BatchOutcome:
    document = result.document
    return BatchOutcome(
        name=name,
        status="created" if result.created else "existing",
        document_id=document.pk,
        region=f"{document.region.name}（{document.region.code}）",
        doc_type=document.get_doc_type_display(),
        date=_shown_date(document),
        characters=len(document.raw_text),
        sentences=result.sentences,
        measures=result.measures,
    )


def _shown_date(document: Document) -> str:
    """The stored date only as precise as it is known: 2023-06-12, 2023-06, 2023 or ~2023."""
    if document.date is None:
        return ""
    shown = {
        DatePrecision.DAY: document.date.isoformat(),
        DatePrecision.MONTH: document.date.isoformat()[:7],
        DatePrecision.YEAR: str(document.date.year),
    }
    return shown.get(DatePrecision(document.date_precision), f"~{document.date.year}")
