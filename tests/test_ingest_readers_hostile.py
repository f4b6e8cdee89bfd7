"""Whatever the bytes, a reader answers with text or an IngestError: never a crash, so never a 500."""

import io
import zipfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from measures.ingest import IngestError
from measures.ingest.readers import ReadDocument, read_document

NAMES = ["a.txt", "a.html", "a.pdf", "a.docx", "a.doc", "a.xls", "noname", "a.PNG"]
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf"]


def _zip_with(name: str, payload: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, payload)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_any_bytes_are_read_or_refused_with_an_ingest_error(prefix: bytes, body: bytes, name: str) -> None:
    try:
        result = read_document(prefix + body, name)
    except IngestError as error:
        assert str(error)
    else:
        assert isinstance(result, ReadDocument) and result.text.strip()


@settings(max_examples=60, deadline=None)
@given(payload=st.binary(max_size=2000))
def test_a_docx_with_a_broken_document_part_is_refused(payload: bytes) -> None:
    try:
        read_document(_zip_with("word/document.xml", payload), "broken.docx")
    except IngestError as error:
        assert str(error)


def _valid_pdf() -> bytes:
    from tests.test_ingest_readers import cjk_pdf

    return cjk_pdf(["关于推动产业集群发展的若干措施", "一、设立产业集群发展专项资金。"])


def _valid_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("设立产业集群发展专项资金。", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


VALID = {"a.pdf": _valid_pdf(), "a.docx": _valid_docx()}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(VALID)),
    cut=st.floats(min_value=0.05, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(min_value=0, max_value=0.999), st.integers(0, 255)), max_size=8),
)
@example(name="a.pdf", cut=1.0, flips=[(0.65625, 52)])  # an octal escape above \377: pdfminer asserts
def test_damaged_pdf_and_word_files_are_refused_not_crashed(
    name: str, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(VALID[name][: max(8, int(len(VALID[name]) * cut))])
    for where, value in flips:
        data[int(where * len(data))] = value
    try:
        result = read_document(bytes(data), name)
    except IngestError as error:
        assert str(error)
    else:
        assert result.text.strip()
