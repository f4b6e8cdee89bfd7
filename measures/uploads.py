"""Uploaded files waiting for a curator's confirmation, and what the confirmation page shows.

An upload is staged on disk under the hash of its bytes (``FILE_UPLOAD_TEMP_DIR`` or
the system temporary directory), planned by the pipeline for preview, and ingested
from the staged bytes once confirmed — so the form carries a 64-hex key, never
the file, and the preview and the stored document come from the same bytes.
Planning and ingesting run as background jobs (``measures.jobs``): the request only
stages the bytes, so no upload waits on the pipeline; previews travel between the job
and the confirmation page as JSON (``UploadPreview.as_json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .ingest import IngestError
from .ingest.batch import BatchOutcome, ingest_bytes
from .ingest.pipeline import Choice, DocumentMeta, IngestPlan, RegionChoice, plan_ingest, region_by_code
from .models import Region

# Staged files nobody confirmed are removed after a day.
_MAX_AGE_SECONDS = 24 * 3600


def staging_dir() -> Path:
    """Where staged uploads wait, shared by the web server and the task worker on one machine."""
    base = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or tempfile.gettempdir()
    return Path(base) / "clusterpolicy-uploads"


def stage(data: bytes) -> str:
    """Keep ``data`` until confirmed; return its key."""
    key = hashlib.sha256(data).hexdigest()
    directory = staging_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _prune(directory)
    target = directory / key
    if not target.exists():
        handle, temporary = tempfile.mkstemp(dir=directory)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    return key


def staged(key: str) -> bytes:
    """The bytes staged under ``key``, or IngestError if they are gone."""
    try:
        return (staging_dir() / key).read_bytes()
    except OSError:
        raise IngestError(_("上传的文件已过期或已处理：请重新上传")) from None


def discard(key: str) -> None:
    """Forget a staged upload (once stored); a key already gone is fine."""
    (staging_dir() / key).unlink(missing_ok=True)


def _prune(directory: Path) -> None:
    cutoff = time.time() - _MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # another worker pruned it first


@dataclass(frozen=True)
class UploadPreview:
    """One uploaded file on the confirmation page: its plan, or why it cannot be read."""

    key: str
    filename: str
    plan: IngestPlan | None = None
    error: str = ""

    def initial(self, meta: DocumentMeta) -> dict[str, Any]:
        """The confirmation form's values: what was given, else what was detected."""
        values: dict[str, Any] = {
            "key": self.key,
            "filename": self.filename,
            "include": self.plan is not None and self.plan.existing is None,
            "industries": ", ".join(meta.industries),
            "source_url": meta.source_url,
            "source_site": meta.source_site,
        }
        plan = self.plan
        if plan is None:
            return values
        file_metadata: Mapping[str, str] = plan.file_metadata
        region = plan.region.region
        return {
            **values,
            "region": region.code if region is not None else "",
            "title": plan.title.value,
            "doc_type": plan.doc_type.value,
            "issuer": plan.issuer.value,
            "date": plan.date.value or None,
            "date_precision": plan.date_precision,
            "source_url": meta.source_url or file_metadata.get("source_url", ""),
            "source_site": meta.source_site or file_metadata.get("source_site", ""),
        }

    def as_json(self, meta: DocumentMeta) -> dict[str, Any]:
        """What the confirmation page shows, as JSON: the same names the template reads on a plan."""
        plan = self.plan
        data: dict[str, Any] = {
            "key": self.key,
            "filename": self.filename,
            "error": self.error,
            "initial": self.initial(meta),
            "plan": None,
        }
        if plan is not None:
            existing = plan.existing
            data["plan"] = {
                "existing": {"pk": existing.pk, "title": existing.title} if existing is not None else None,
                "format": plan.format,
                "sentences": len(plan.records),
                "measures": plan.measures,
                "problem": plan.problem,
                "region": _region_json(plan.region),
                **{name: _choice_json(getattr(plan, name)) for name in ("title", "doc_type", "date", "issuer")},
            }
        date = data["initial"].get("date")
        if isinstance(date, dt.date):
            data["initial"]["date"] = date.isoformat()
        return data


def _choice_json(choice: Choice) -> dict[str, Any]:
    return {"source": choice.source, "confidence": choice.confidence, "evidence": list(choice.evidence)}


def _region_json(choice: RegionChoice) -> dict[str, Any]:
    def named(region: Region) -> dict[str, str]:
        return {"name": region.name, "code": region.code}

    return {
        "region": named(choice.region) if choice.region is not None else None,
        "source": choice.source,
        "confidence": choice.confidence,
        "evidence": list(choice.evidence),
        "candidates": [named(region) for region in choice.candidates],
    }


def meta_as_json(meta: DocumentMeta) -> dict[str, Any]:
    """``meta`` as a job's payload can hold it (dates as ISO text); ``meta_from_json`` reads it back."""
    data = asdict(meta)
    data["industries"] = list(meta.industries)
    data["date"] = meta.date.isoformat() if meta.date else None
    return data


def meta_from_json(data: dict[str, Any]) -> DocumentMeta:
    """The ``DocumentMeta`` that ``meta_as_json`` wrote; unknown keys (from an older release) are ignored."""
    known = {f.name for f in fields(DocumentMeta)}
    values = {name: value for name, value in data.items() if name in known}
    values["industries"] = tuple(values.get("industries") or ())
    values["date"] = dt.date.fromisoformat(values["date"]) if values.get("date") else None
    return DocumentMeta(**values)


def ingest_staged(*, key: str, filename: str, region_code: str, meta: DocumentMeta) -> BatchOutcome:
    """Ingest a confirmed upload from its staged bytes; the staged copy goes once it is stored."""
    try:
        content = staged(key)
        region = region_by_code(region_code) if region_code else None
    except IngestError as error:
        return BatchOutcome(name=filename, status="refused", reason=str(error))
    outcome = ingest_bytes(name=filename, data=content, region=region, meta=meta)
    if outcome.status != "refused":
        discard(key)
    return outcome


def preview(*, key: str, filename: str, region: Region | None, meta: DocumentMeta) -> UploadPreview:
    """Plan a staged file for the confirmation page; a file that cannot be read says why."""
    try:
        plan = plan_ingest(data=staged(key), filename=filename, region=region, meta=meta)
    except IngestError as error:
        return UploadPreview(key=key, filename=filename, error=str(error))
    return UploadPreview(key=key, filename=filename, plan=plan)
