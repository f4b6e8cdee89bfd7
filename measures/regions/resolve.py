"""From a value someone typed, or from a document's text, to Region rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..ingest.detection_evidence import in_reader_language
from ..models import Region
from .detect import RegionDetection, detect_region, load_gazetteer


class RegionNotFound(ValueError):
    """The value names no region."""


def find_region(value: str) -> Region:
    """The region whose GB/T code or slug is ``value`` (``330324`` or ``yongjia``)."""
    value = value.strip()
    region = Region.objects.filter(code=value).first() or Region.objects.filter(slug=value).first()
    if region is None:
        raise RegionNotFound(
            _("未知地区“%(value)s”：请给出区划代码（如 330324）或拼音标识（如 yongjia）") % {"value": value}
        )
    return region


@dataclass(frozen=True)
class DetectedRegion:
    """A detection with its units as rows: the chosen one (or None) and the candidates, best first."""

    detection: RegionDetection
    region: Region | None
    candidates: tuple[Region, ...]

    def record(self) -> dict[str, object]:
        """What is kept on the Document (``region_detection``): confidence, evidence, candidates."""
        return {
            "confidence": self.detection.confidence,
            "evidence": list(self.detection.evidence),
            "candidates": [
                {"code": c.code, "name": c.name, "score": c.score, "evidence": list(c.evidence)}
                for c in self.detection.candidates
            ],
        }

    def message(self) -> str:
        """Why no region was chosen, listing each candidate's code, name and evidence."""
        if not self.detection.candidates:
            return _("无法从标题、发文机关和正文判断文件所属地区，请指定地区（区划代码或拼音标识）")
        listed = pgettext("figures separator", "；").join(
            _("%(code)s %(name)s（%(evidence)s）")
            % {
                "code": c.code,
                "name": c.name,
                "evidence": pgettext("list separator", "，").join(in_reader_language(e) for e in c.evidence),
            }
            for c in self.detection.candidates
        )
        return _("文件所属地区不确定，候选：%(candidates)s；请指定地区") % {"candidates": listed}


def detect_document_region(*, text: str, title: str, issuer: str, date: dt.date | None) -> DetectedRegion:
    """Detect the region of a cleaned text against the Region table's gazetteer."""
    detection = detect_region(title=title, issuer=issuer, body=text, date=date, gazetteer=load_gazetteer())
    codes = [c.code for c in detection.candidates]
    rows = Region.objects.in_bulk([detection.code, *codes] if detection.code else codes, field_name="code")
    return DetectedRegion(
        detection=detection,
        region=rows.get(detection.code) if detection.code else None,
        candidates=tuple(rows[code] for code in dict.fromkeys(codes) if code in rows),
    )
