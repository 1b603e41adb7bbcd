"""Reading a sheet (.xlsx via openpyxl, .csv in UTF-8 / UTF-8 BOM / GBK / GB18030 / UTF-16) into
rows keyed by canonical column names, keeping the spreadsheet row number for every message."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import InputError, ValidationError
from generator.infra.codec import OLE_MAGIC, ZIP_MAGIC, decode
from generator.infra.fileio import read_input


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




def _workbook_sheets(path: Path, data: bytes) -> list[list[list[Any]]]:
    """Every worksheet's rows (the data may be on another sheet than the first, after a 说明 sheet)."""
    import openpyxl

    try:  # from the bytes: openpyxl refuses a workbook whose name does not end in .xlsx
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"{path}：无法作为 Excel 文件打开（{type(exc).__name__}），请确认是 .xlsx 格式") from None
    try:
        return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    finally:
        wb.close()


def _raw_sheets(path: Path) -> list[list[list[Any]]]:
    """The file's sheets as rows of cells. The format is decided by the content where the
    extension says otherwise: a workbook renamed .xls or .csv is read as a workbook; an old
    Excel 97-2003 file (or a password-protected workbook) named .xlsx is refused as such."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".xls", ".csv", ".txt"):
        if path.is_dir():
            raise InputError(f"{path}：是一个目录，请给出表格文件（.xlsx 或 .csv）")
        raise InputError(f"{path}：不支持的表格格式“{suffix or '（无扩展名）'}”，请使用 .xlsx 或 .csv")
    data = read_input(path, "表格文件（.xlsx 或 .csv）")
    head = data[:8]
    if head.startswith(ZIP_MAGIC):
        return _workbook_sheets(path, data)
    if head.startswith(OLE_MAGIC):
        raise InputError(
            f"{path}：是旧版 Excel 97-2003 格式（.xls）或设置了打开密码的工作簿，"
            "请在 Excel 或 WPS 中另存为 .xlsx（Excel 工作簿，不设密码）或 .csv"
        )
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(f"{path}：无法作为 Excel 文件打开（文件已损坏或不是 Excel 文件），请确认是 .xlsx 格式")
    if suffix == ".xls":
        if re.match(rb"\s*<", data[:512]):
            raise InputError(f"{path}：是网页（HTML）格式的表格，请在 Excel 或 WPS 中打开后“另存为”.xlsx 或 CSV")
        raise InputError(f"{path}：不支持旧版 .xls，请在 Excel 中另存为 .xlsx")
    text, _ = decode(data, str(path), "，请在 Excel 或 WPS 中重新另存为 CSV UTF-8")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    return [[list(r) for r in csv.reader(io.StringIO(text), dialect)]]


# columns that sheets often carry and that no reader needs: not worth a word when a column is missing
_IGNORED_HEADERS = {"序号", "编号", "备注", "说明", "No", "No.", "NO"}
_HEADER_SEARCH_ROWS = 10  # a title row (石桥村发展党员花名册) or two may stand above the header


def _header(rows: list[list[Any]], lookup: dict[str, str]) -> tuple[int | None, dict[str, int]]:
    """The header row: of the first non-empty rows, the one naming the most known columns (the
    first non-empty row when none does). Returns its index and canonical column -> position."""
    best, best_found = None, {}
    seen = 0
    for i, r in enumerate(rows):
        if not any(c not in (None, "") for c in r):
            continue
        found: dict[str, int] = {}
        for j, h in enumerate(r):
            canonical = lookup.get(_norm_header(h))
            if canonical and canonical not in found:
                found[canonical] = j
        if best is None or len(found) > len(best_found):
            best, best_found = i, found
        seen += 1
        if seen >= _HEADER_SEARCH_ROWS:
            break
    return best, best_found


def read_sheet(
    path: Path | str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> Sheet:
    """columns: canonical name -> accepted header spellings (compared after _norm_header).
    Missing required columns are reported together; blank rows are skipped."""
    path = Path(path)
    lookup = {}
    for canonical, spellings in columns.items():
        for s in (canonical, *spellings):
            lookup[_norm_header(s)] = canonical
    sheets = _raw_sheets(path)
    # the first sheet, unless another one has all the required columns and the first has not
    candidates = [(raw, *_header(raw, lookup)) for raw in sheets] or [([], None, {})]
    raw, header_index, found = candidates[0]
    if any(c not in found for c in required):
        complete = [c for c in candidates if all(r in c[2] for r in required)]
        if complete:
            raw, header_index, found = complete[0]
    if header_index is None:
        raise ValidationError(str(path), ["表格是空的"])
    header = raw[header_index]
    written = {c: str(header[j]) for c, j in found.items()}
    missing = [c for c in required if c not in found]
    if missing:
        problems = [f"第{header_index + 1}行表头缺少列“{c}”" for c in missing]
        unknown = [str(h).strip() for h in header
                   if h not in (None, "") and _norm_header(h) not in lookup and str(h).strip() not in _IGNORED_HEADERS]
        if unknown:
            problems.append(f"第{header_index + 1}行中没有认出的表头：{'、'.join('“' + u + '”' for u in unknown)}")
        if len(found) * 2 < len(required):
            problems.append("表头与要求的列相差很多，是否给错了文件？")
        raise ValidationError(str(path), problems)
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
