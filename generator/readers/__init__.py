""".docx / .md / .txt drafts -> Document, keeping where every character came from.

Positions are what lint reports: for .md and .txt the file's own line and column (1-based, in
Unicode characters of the line as read); for .docx the paragraph number (every paragraph of the
body in order, table cells and empty paragraphs included) and the character in it.

Besides the Document, a Draft keeps the 公文 elements as they were written (Field), so that lint
can check their form: 发文字号 [2025] or 二〇二五年 as a date are exactly what must be seen, while
the Document's Meta only holds what could be understood."""
from __future__ import annotations

from pathlib import Path

from generator.core import markdown_io
from generator.errors import InputError
from generator.infra.codec import decode
from generator.infra.fileio import read_input
from generator.readers.draft import Draft, Part
from generator.readers.md import align_block, read_md_text
from generator.readers.script import to_simplified
from generator.readers.txt import read_txt_text

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}
UNSUPPORTED = {
    ".doc": "不支持旧版 Word 文档（.doc），请在 Word 中另存为 .docx",
    ".wps": "不支持 WPS 格式（.wps），请另存为 .docx",
    ".pdf": "不支持 PDF，请使用 Word 原稿（.docx）或另存为 .txt",
    ".rtf": "不支持 RTF，请另存为 .docx",
}


def read(path: str | Path, as_written: bool = False) -> Draft:
    """Read one draft; InputError (one Chinese line naming the file) when it cannot be read.
    `as_written`: a draft in traditional characters is read as it is written, not in its
    simplified reading (gongwen format keeps every character)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(f"{path}：{UNSUPPORTED[suffix]}")
    fmt = FORMATS.get(suffix)
    if fmt is None:
        raise InputError(f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，可检查 .docx、.md、.txt")
    if path.is_dir():
        raise InputError(f"{path}：是目录，不是文件")
    if not path.exists():
        raise InputError(f"{path}：文件不存在")
    if fmt == "docx":
        from generator.readers.docx_file import read_docx  # python-docx only when a .docx is read

        return read_docx(path, as_written)
    return read_bytes(read_input(path), str(path), fmt, as_written)


def read_bytes(data: bytes, source: str, fmt: str, as_written: bool = False) -> Draft:
    text, encoding = decode(data, source)
    newline = "\r\n" if "\r\n" in text[:100000] else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return read_text(text, source, fmt, encoding=encoding, newline=newline, as_written=as_written)


def read_fragment(text: str, source: str = "<条文>") -> Draft:
    """A piece of Markdown that is not a whole document (a corpus clause): no title, 主送, 署名 or
    date is looked for in it."""
    doc = markdown_io.parse(text, source)
    lines = text.split("\n")
    for b in doc.blocks:
        align_block(b, lines)
    return Draft(source, "md", [Part(doc, {})], text=text)


def read_text(text: str, source: str = "<文本>", fmt: str = "md", encoding: str = "utf-8", newline: str = "\n",
              as_written: bool = False) -> Draft:
    """A draft from text already in memory (tests, --fix re-check). A draft in traditional
    characters is parsed in its simplified reading, position for position (unless `as_written`);
    `text` stays as written."""
    reading, traditional = (text, 0) if as_written else to_simplified(text)
    if fmt == "md":
        parts = read_md_text(reading, source)
    else:
        parts = read_txt_text(reading, source)
    return Draft(source, fmt, parts, text=text, encoding=encoding, newline=newline, traditional=traditional)
