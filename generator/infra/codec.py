"""The one text codec: the bytes of a file whose encoding the writer cannot tell us (drafts, CSV
sheets, YAML and TOML files) -> text. BOMs first, then UTF-16 without a BOM (by how its start
reads), UTF-8, then GB18030 (a superset of GBK: what Notepad and Excel write on Chinese Windows as
"ANSI"). Binary files are refused rather than read as garbage; every message names the file."""
from __future__ import annotations

from generator.errors import InputError

ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"  # .docx/.xlsx, and .doc/.xls
# how Notepad's "另存为" calls each encoding, for messages that say what to choose
DESCRIPTIONS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8",
    "gb18030": "GBK（记事本中叫“ANSI”）",
    "utf-16": "UTF-16（记事本中叫“Unicode”）", "utf-16-be-bom": "UTF-16（记事本中叫“Unicode big endian”）",
    "utf-16-le": "UTF-16（记事本中叫“Unicode”）", "utf-16-be": "UTF-16（记事本中叫“Unicode big endian”）",
}


def decode(data: bytes, source: str, hint: str = "") -> tuple[str, str]:
    """(text, encoding). The encoding names how to write a corrected copy back (encode()).
    `hint`: what to do about a damaged file, appended to that message."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source, hint), "utf-8-sig"
    if data.startswith(b"\xff\xfe"):
        return _strict(data[2:], "utf-16-le", source, hint), "utf-16"
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be", source, hint), "utf-16-be-bom"
    head = data[:4000]
    if b"\x00" in head:
        enc = _utf16_without_bom(data)
        if enc:
            return _strict(data, enc, source, hint), enc
        raise InputError(f"{source}：不是文本文件（含二进制内容）")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text, source)
        return text, enc
    raise InputError(f"{source}：无法识别文件编码（支持 UTF-8、GBK/GB18030、UTF-16）")


def decode_utf8(data: bytes, source: str, what: str = "文本文件") -> str:
    """Text of a file that must be UTF-8 (a YAML profile, a clause, a config; `what` it should
    be): anything else is refused with the encoding it looks like and how to save it again."""
    if data[:4] in (ZIP_MAGIC, OLE_MAGIC):
        raise InputError(f"{source}：不是文本文件（像是 Word 或 Excel 文件），这里应给出{what}")
    text, enc = decode(data, source)
    if enc not in ("utf-8", "utf-8-sig"):
        raise InputError(
            f"{source}：不是 UTF-8 编码的文本文件，编码像是 {DESCRIPTIONS[enc]}；请另存为 UTF-8："
            "用记事本打开，“另存为”时在“编码”中选 UTF-8"
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: the byte order under which the start reads as text (Chinese
    text has zero bytes in both positions, so counting zeros does not tell)."""
    if len(data) % 2:
        return None
    head = data[:4000]
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            sample = head.decode(enc)
        except UnicodeDecodeError:
            continue
        good = sum(1 for c in sample if c.isprintable() or c in "\t\n\r\u3000")
        score = good / max(len(sample), 1)
        if score > best_score:
            best, best_score = enc, score
    return best if best_score > 0.97 else None


def _strict(data: bytes, enc: str, source: str, hint: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        raise InputError(f"{source}：文件编码损坏（按 {enc.upper()} 无法解码）{hint}") from None
    _refuse_binary(text, source)
    return text


def _refuse_binary(text: str, source: str) -> None:
    sample = text[:20000]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v")
    if sample and controls > max(2, len(sample) // 100):
        raise InputError(f"{source}：不是文本文件（含大量控制字符）")


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


def invisible(text: str) -> list[str]:
    """The invisible characters in `text` as U+XXXX: control characters other than tab and line
    ends, format characters (bidi overrides such as U+202E that make 文件.exe read as 文件.docx,
    zero-width spaces U+200B–U+200D, U+FEFF) and the line/paragraph separators U+2028/U+2029."""
    import unicodedata

    found = []
    for ch in text:
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            code = f"U+{ord(ch):04X}"
            if code not in found:
                found.append(code)
    return found


def strip_invisible(text: str) -> str:
    """`text` without the characters `invisible` names (tabs and line ends included: for names)."""
    if text.isprintable():  # none of those categories is printable: the usual name, at once
        return text
    import unicodedata

    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
