import codecs

import pytest

from measures.ingest import IngestError
from measures.ingest.readers.text import decode_bytes

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


TRADITIONAL = "為加快推進特色產業集群發展，設立產業發展專項資金，每年安排貳仟萬元，支持集群企業技術改造。"


def test_big5_text_is_decoded_as_big5_not_as_gbk_mojibake() -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too
    assert decode_bytes(data) == TRADITIONAL


@pytest.mark.parametrize("length", [12, 30, len(TRADITIONAL)])
def test_short_big5_and_gb18030_texts_are_told_apart(length: int) -> None:
    simplified = "为加快推进特色产业集群发展，设立产业发展专项资金，每年安排两千万元，支持集群企业技术改造。"
    assert decode_bytes(TRADITIONAL[:length].encode("big5")) == TRADITIONAL[:length]
    assert decode_bytes(simplified[:length].encode("gb18030")) == simplified[:length]


def test_japanese_shift_jis_is_refused_not_stored_as_mojibake() -> None:
    japanese = "産業クラスター政策の推進について、地域の中小企業を支援するための補助金制度を設ける。"
    with pytest.raises(IngestError, match="Shift-JIS"):
        decode_bytes(japanese.encode("shift_jis"))


def test_bytes_in_no_supported_encoding_are_refused() -> None:
    with pytest.raises(IngestError, match="不是有效的"):
        decode_bytes(b"\xff\xfe\xfd\x81\x30"[1:] * 3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空的"),
        (b"   \n\t  ", "只有空白"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        (bytes(range(1, 32)) * 10, "二进制"),
        (codecs.BOM_UTF8 + b"\xff\xfe", "字节顺序标记"),
    ],
    ids=["empty", "whitespace", "png", "control-characters", "bad-utf8-after-bom"],
)
def test_unusable_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        decode_bytes(data)
