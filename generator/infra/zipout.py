"""Reproducible zip packages (.docx, .xlsx): the same parts give the same bytes on every machine and
at every time — fixed entry times, Unix 0600 attributes, no extra fields (DESIGN decision 7).

Entries are deflated on their own (deflate()) so that parts shared by many documents — a .docx's
styles, fonts table and settings — are compressed once per process and copied into every package
as they are: deflating them again cost ~4 ms of a 批复's ~5 ms."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterable

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no real time: byte-identical reruns
_DOS_DATE = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
_DOS_TIME = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
_MODE = 0o600 << 16  # a private file wherever it is unpacked


@dataclass(frozen=True)
class Entry:
    name: bytes
    data: bytes  # raw deflate stream
    crc: int
    size: int


def deflate(name: str, data: bytes, fast: bool = False) -> Entry:
    """`fast`: a part made anew for every document of a batch (a 批复's document.xml, ~9 KB) —
    level 1 and a smaller hash (memLevel 5) deflate it in half the time, ~12% larger; a part
    deflated once and copied into every package keeps zipfile's default level."""
    if fast:
        c = zlib.compressobj(1, zlib.DEFLATED, -15, 5)
    else:
        c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # what zipfile writes
    return Entry(name.encode("utf-8"), c.compress(data) + c.flush(), zlib.crc32(data), len(data))


def pack(entries: Iterable[Entry]) -> bytes:
    """A zip archive of already-deflated entries (PKZIP APPNOTE 4.3: local headers, central
    directory, end record), byte for byte what zipfile writes for them on Unix."""
    entries = list(entries)
    local, central, offset = [], [], 0
    for e in entries:
        flags = 0 if e.name.isascii() else 0x800  # UTF-8 names
        head = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE,
                           e.crc, len(e.data), e.size, len(e.name), 0) + e.name
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, 8, _DOS_TIME,
                                   _DOS_DATE, e.crc, len(e.data), e.size, len(e.name), 0, 0, 0, 0,
                                   _MODE, offset) + e.name)
        local += [head, e.data]
        offset += len(head) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(local) + directory + end


def repack(data: bytes, replace: dict[str, bytes] | None = None, first: str | None = None,
           drop: frozenset[str] | set[str] = frozenset()) -> bytes:
    """A package a library wrote (python-docx, openpyxl: they stamp the current time) made
    reproducible: the same parts in the same order (`first` moved to the front), `replace`
    swapping the content of named parts (docProps/core.xml with fixed dates), `drop` left out."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = [n for n in src.namelist() if n not in drop]
        if first in names:
            names.remove(first)
            names.insert(0, first)
        return pack(deflate(n, replace[n] if n in replace else src.read(n)) for n in names)
