"""Turn the bytes of an uploaded or scraped file into text.

Accepted: UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030 (a superset
of GBK and GB2312, the encodings Chinese government sites still serve).
Anything else — binary files, other encodings — is refused with an IngestError.
"""

import codecs
import unicodedata

from .errors import IngestError

# A text file has almost no C0 control characters besides tab/newline/CR/form feed.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_MAX_CONTROL_RATIO = 0.01


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to NFC text, or raise IngestError saying why not.

    >>> decode_bytes("专项资金".encode("gb18030"))
    '专项资金'
    """
    if not data:
        raise IngestError("the file is empty")
    text = _decode(data)
    _refuse_binary(text)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise IngestError("the file contains only whitespace")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        raise IngestError("the file looks binary (it contains NUL bytes); send UTF-8, GB18030 or UTF-16 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise IngestError("the file is not valid UTF-8, GB18030/GBK or UTF-16 text") from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"the file starts with a {encoding} byte-order mark but is not valid {encoding}") from exc


def _refuse_binary(text: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls and controls / len(text) > _MAX_CONTROL_RATIO:
        raise IngestError("the file looks binary (too many control characters); send plain text")
