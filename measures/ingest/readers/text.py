"""Plain text: the one place where bytes become text.

Accepted: UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030 (a superset of
GBK and GB2312, the encodings Chinese government sites still serve) and Big5 (Hong
Kong, Taiwan and traditional-character reposts). GB18030 and Big5 share their byte
ranges, so most Big5 files are *valid* GB18030 that decodes to nonsense; the two
are told apart by charset-normalizer's statistics, not by trying one and then the
other. Traditional characters become simplified later, in ``normalise``.
Anything else — binary files, Japanese Shift-JIS, other encodings — is refused
with an IngestError that says what to do.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes
from django.utils.translation import gettext_lazy as _

from ..errors import IngestError
from .base import ReadDocument

# A text file has almost no C0 control characters besides tab/newline/CR/form feed.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}
_MAX_CONTROL_RATIO = 0.01
# Japanese text always has kana; Chinese text never has more than a stray one.
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_CANDIDATES = ["gb18030", "big5", "shift_jis"]


def read_text(data: bytes, filename: str = "") -> ReadDocument:
    """Read a plain-text file.

    >>> read_text("專項資金".encode("big5")).text
    '專項資金'
    """
    return ReadDocument(text=decode_bytes(data), format="text")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to NFC text, or raise IngestError saying why not.

    >>> decode_bytes("专项资金".encode("gb18030"))
    '专项资金'
    """
    if not data:
        raise IngestError(_("文件是空的"))
    text = _decode(data)
    _refuse_binary(text)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise IngestError(_("文件里只有空白字符"))
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        raise IngestError(
            _("文件看起来是二进制文件（含有 NUL 字节），不是文本：请另存为 UTF-8、GB18030 或 UTF-16 文本")
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> str:
    """GB18030, Big5 or (refused) Shift-JIS, whichever the bytes look like."""
    for match in from_bytes(data, cp_isolation=_CANDIDATES):  # best guess first
        text = str(match)
        if match.encoding != "shift_jis":
            return text
        if len(_KANA.findall(text)) > 2:
            raise IngestError(_("文件看起来是日文 Shift-JIS 编码：本系统只收录中文文本，请另存为 UTF-8 再导入"))
    raise IngestError(_("文件不是有效的 UTF-8、GB18030/GBK、Big5 或 UTF-16 文本：请另存为 UTF-8 再导入"))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            _("文件以 %(encoding)s 字节顺序标记开头，内容却不是有效的 %(encoding)s 文本") % {"encoding": encoding}
        ) from exc


def _refuse_binary(text: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls and controls / len(text) > _MAX_CONTROL_RATIO:
        raise IngestError(_("文件看起来是二进制文件（控制字符太多），不是文本：请另存为纯文本再导入"))
