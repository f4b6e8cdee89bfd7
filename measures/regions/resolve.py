"""From a command-line or form value, or from a document's text, to a Region row."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ..ingest.pipeline import default_title, prepare_text
from ..models import Region
from .detect import RegionDetection, detect_region, load_gazetteer


class RegionNotFound(ValueError):
    """The value names no region, or the document's region could not be decided."""


def find_region(value: str) -> Region:
    """The region whose GB/T code or slug is ``value`` (``330324`` or ``yongjia``)."""
    value = value.strip()
    region = Region.objects.filter(code=value).first() or Region.objects.filter(slug=value).first()
    if region is None:
        raise RegionNotFound(
            _("未知地区“%(value)s”：请给出区划代码（如 330324）或拼音标识（如 yongjia）。") % {"value": value}
        )
    return region


def detect_document_region(*, data: bytes | str, title: str, issuer: str, date: dt.date | None) -> RegionDetection:
    """Detect the region of a document as the pipeline will store it (decoded, normalised, cleaned)."""
    text = prepare_text(data).cleaned_text
    return detect_region(
        title=title or default_title(text), issuer=issuer, body=text, date=date, gazetteer=load_gazetteer()
    )


def detected_region(detection: RegionDetection) -> Region:
    """The detected unit, or RegionNotFound with the candidates spelled out."""
    if detection.code is None:
        raise RegionNotFound(ambiguity_message(detection))
    return Region.objects.get(code=detection.code)


def ambiguity_message(detection: RegionDetection) -> str:
    if not detection.candidates:
        return _("无法从标题、发文机关和正文判断文件所属地区，请用 --region 指定区划代码或拼音标识。")
    lines = [_("文件所属地区不确定，候选如下；请用 --region 指定：")]
    for candidate in detection.candidates:
        lines.append(f"  {candidate.code} {candidate.name}  {candidate.score:g}  {'；'.join(candidate.evidence)}")
    return "\n".join(lines)


def detection_record(detection: RegionDetection) -> dict[str, object]:
    """What is kept on the Document: confidence, evidence and the candidates."""
    return {
        "confidence": detection.confidence,
        "evidence": list(detection.evidence),
        "candidates": [
            {"code": c.code, "name": c.name, "score": c.score, "evidence": list(c.evidence)}
            for c in detection.candidates
        ],
    }
