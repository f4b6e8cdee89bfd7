import codecs

import pytest

from measures.ingest import IngestError
from measures.ingest.decode import decode_bytes

TEXT = "设立泵阀产业专项资金，加强土地要素保障。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_supported_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_traditional_characters_in_big5_are_not_mistaken_for_gbk() -> None:
    with pytest.raises(IngestError, match="not valid"):
        decode_bytes(b"\xff\xfe\xfd\x81\x30")  # neither UTF-8 nor GB18030


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
        (codecs.BOM_UTF8 + b"\xff\xfe", "byte-order mark"),
    ],
    ids=["empty", "whitespace", "png", "control-characters", "bad-utf8-after-bom"],
)
def test_unusable_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        decode_bytes(data)
