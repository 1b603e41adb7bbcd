"""Zip packages (.docx, .xlsx) checked before a library inflates them: a 1 MB file can declare a
part of gigabytes (a "zip bomb"), which python-docx or openpyxl would inflate and parse whole.
The declared sizes are what zipfile holds a part to (it stops at the declared size and then fails
the CRC check), so checking them bounds what is ever inflated."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from generator.errors import InputError

MAX_ENTRIES = 10_000
MAX_XML_PART = 64 * 1024 * 1024  # a 1,000-page document.xml is ~20 MB
MAX_XML_TOTAL = 256 * 1024 * 1024
MAX_PART = 512 * 1024 * 1024  # an embedded picture or video, stored rather than compressed


def check_package(source: bytes | Path, shown: str, what: str) -> None:
    """InputError naming the file when its parts inflate past the bounds above. A file that is not
    a zip at all is left to the library, whose message says what the file should be."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{shown}：压缩包中有 {len(infos)} 个部件，不像是正常的{what}，已拒绝读取")
    xml_total = 0
    for info in infos:
        markup = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        limit = MAX_XML_PART if markup else MAX_PART
        if info.file_size > limit:
            raise InputError(f"{shown}：其中的 {info.filename} 解压后有 {info.file_size / 1048576:.0f} MB，"
                             f"超过上限（{limit // 1048576} MB），文件可能已损坏或是恶意构造的，已拒绝读取")
        if markup:
            xml_total += info.file_size
    if xml_total > MAX_XML_TOTAL:
        raise InputError(f"{shown}：解压后的内容超过 {MAX_XML_TOTAL // 1048576} MB，不像是正常的{what}，已拒绝读取")
