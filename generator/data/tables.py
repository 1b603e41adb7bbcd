"""Reading a sheet (.xlsx via openpyxl, .csv in UTF-8 / UTF-8 BOM / GBK / GB18030 / UTF-16) into
rows keyed by canonical column names, keeping the spreadsheet row number for every message."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, ValidationError


@dataclass
class Row:
    number: int  # the row number the user sees in Excel (header = 1)
    values: dict[str, Any]  # canonical column -> cell value (None when empty)


@dataclass
class Sheet:
    path: str
    columns: dict[str, str]  # canonical column -> header as written in the file
    rows: list[Row]


def _norm_header(text: Any) -> str:
    """Header as compared: no spaces, full-width brackets folded, explanations in brackets dropped
    (性别(男/女) -> 性别)."""
    s = re.sub(r"\s+", "", str(text or ""))
    s = s.replace("（", "(").replace("）", ")")
    return re.sub(r"\(.*?\)", "", s)


def decode_text(data: bytes, source: str) -> str:
    """Text of a file whose encoding the user cannot tell us: BOMs first, then UTF-8, then GB18030
    (a superset of GBK, what Excel writes on Chinese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:2000]:
        raise InputError(f"{source}：不是文本文件（含二进制内容）")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{source}：无法识别文件编码（支持 UTF-8、GBK/GB18030、UTF-16）") from None


def _raw_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise InputError(f"{path}：文件不存在") from None
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise InputError(f"{path}：无法作为 Excel 文件打开（{type(exc).__name__}），请确认是 .xlsx 格式") from None
        try:
            ws = wb.worksheets[0]
            return [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    if suffix in (".csv", ".txt"):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}：文件不存在") from None
        except OSError as exc:
            raise InputError(f"{path}：无法读取（{exc.strerror}）") from None
        text = decode_text(data, str(path))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
        except csv.Error:
            dialect = csv.excel
        return [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if suffix == ".xls":
        raise InputError(f"{path}：不支持旧版 .xls，请在 Excel 中另存为 .xlsx")
    raise InputError(f"{path}：不支持的表格格式“{suffix}”，请使用 .xlsx 或 .csv")


def read_sheet(
    path: Path | str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> Sheet:
    """columns: canonical name -> accepted header spellings (compared after _norm_header).
    Missing required columns are reported together; blank rows are skipped."""
    path = Path(path)
    raw = _raw_rows(path)
    # the header is the first row that is not empty
    header_index = next((i for i, r in enumerate(raw) if any(c not in (None, "") for c in r)), None)
    if header_index is None:
        raise ValidationError(str(path), ["表格是空的"])
    header = raw[header_index]
    lookup = {}
    for canonical, spellings in columns.items():
        for s in (canonical, *spellings):
            lookup[_norm_header(s)] = canonical
    found: dict[str, int] = {}
    written: dict[str, str] = {}
    for j, h in enumerate(header):
        canonical = lookup.get(_norm_header(h))
        if canonical and canonical not in found:
            found[canonical] = j
            written[canonical] = str(h)
    missing = [c for c in required if c not in found]
    if missing:
        raise ValidationError(str(path), [f"第{header_index + 1}行表头缺少列“{c}”" for c in missing])
    rows = []
    for i in range(header_index + 1, len(raw)):
        r = raw[i]
        values = {}
        for c, j in found.items():
            v = r[j] if j < len(r) else None
            if isinstance(v, str):
                v = v.strip()
                if v == "":
                    v = None
            values[c] = v
        if all(v is None for v in values.values()):
            continue
        rows.append(Row(i + 1, values))
    return Sheet(str(path), written, rows)
