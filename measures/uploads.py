"""Uploaded files waiting for a curator's confirmation, and what the confirmation page shows.

An upload is staged on disk under the hash of its bytes (``FILE_UPLOAD_TEMP_DIR`` or
the system temporary directory), planned by the pipeline for preview, and ingested
from the staged bytes once confirmed — so the form carries a 64-hex key, never
the file, and the preview and the stored document come from the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .ingest import IngestError
from .ingest.pipeline import DocumentMeta, IngestPlan, plan_ingest
from .models import Region

# Staged files nobody confirmed are removed after a day.
_MAX_AGE_SECONDS = 24 * 3600


def staging_dir() -> Path:
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


def preview(*, key: str, filename: str, region: Region | None, meta: DocumentMeta) -> UploadPreview:
    """Plan a staged file for the confirmation page; a file that cannot be read says why."""
    try:
        plan = plan_ingest(data=staged(key), filename=filename, region=region, meta=meta)
    except IngestError as error:
        return UploadPreview(key=key, filename=filename, error=str(error))
    return UploadPreview(key=key, filename=filename, plan=plan)
