"""Detection evidence shown in the reader's language: every zone the detectors write has a name in English."""

from pathlib import Path

import pytest
from django.utils.translation import override

from measures.ingest.detect import detect_metadata
from measures.ingest.detection_evidence import in_reader_language
from measures.ingest.pipeline import prepare_text
from measures.regions.detect import detect_region
from measures.regions.evaluate import first_line
from measures.regions.load import read_gazetteer

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT.parent / "shared" / "devset").glob("d*.txt")) + sorted(
    (ROOT / "fixtures" / "sources").glob("*.txt")
)


def evidence_of(path: Path, gazetteer: object) -> list[str]:
    prepared = prepare_text(path.read_bytes(), path.name)
    meta = detect_metadata(prepared.cleaned_text, removed=prepared.removed_lines)
    found = [item for detection in (meta.title, meta.issuer, meta.doc_type, meta.date) if detection
             for item in detection.evidence]  # fmt: skip
    region = detect_region(
        title=meta.title.value if meta.title else first_line(prepared.cleaned_text),
        issuer=meta.issuer.value if meta.issuer else "",
        body=prepared.cleaned_text,
        date=None,
        gazetteer=gazetteer,  # type: ignore[arg-type]
    )
    return [*found, *region.evidence, *(e for candidate in region.candidates for e in candidate.evidence)]


def test_every_zone_the_detectors_write_on_the_seeds_and_devset_is_named_in_english() -> None:
    if len(TEXTS) < 10:
        pytest.skip("the shared devset is not beside the project")
    gazetteer = read_gazetteer()
    items = {item for path in TEXTS for item in evidence_of(path, gazetteer)}
    assert len(items) > 30
    with override("en"):
        untranslated = sorted(item for item in items if in_reader_language(item) == item)
    assert untranslated == []


def test_the_quote_stays_as_written_and_chinese_reads_as_stored() -> None:
    item = "发文机关：云南省 ×4"
    assert in_reader_language(item) == item
    with override("en"):
        assert in_reader_language(item) == "Issuer: 云南省 ×4"
        assert in_reader_language("没有冒号的说明") == "没有冒号的说明"


def test_every_listed_zone_has_its_english_in_the_catalogue() -> None:
    from measures.ingest.detection_evidence import _ZONES

    with override("en"):
        missing = [zone for zone in _ZONES if in_reader_language(f"{zone}：x") == f"{zone}：x"]
    assert missing == []


@pytest.mark.parametrize(
    "text",
    [
        "某政办发〔2016〕52号\n各镇人民政府：\n《某某办法》已经市政府同意，现印发给你们，请认真贯彻执行。\n某某市人民政府办公室\n某某办法",
        "在全县产业集群发展大会上的讲话\n县委书记 某某某\n同志们：\n今天，我们召开大会。",
        "某某市人民政府文件\n一、总体要求\n加快发展产业集群。",
        "原标题:某某市新增两个省级特色小镇\n日前，某某市两个镇被认定为省级特色小镇。",
        "某某市人民政府办公厅\n各区县人民政府：\n经市政府同意，决定建立产业链链长制。现将有关事项通知如下：\n一、工作机制",
    ],
)
def test_the_zones_of_signatures_speakers_mastheads_original_titles_and_notices_are_named_in_english(text: str) -> None:
    from measures.ingest.clean import clean_text
    from measures.ingest.normalise import normalise_text

    cleaned = clean_text(normalise_text(text))
    meta = detect_metadata(cleaned.text, removed=cleaned.removed)
    items = [item for detection in (meta.title, meta.issuer, meta.doc_type) if detection for item in detection.evidence]
    assert items
    with override("en"):
        assert [item for item in items if in_reader_language(item) == item] == []
