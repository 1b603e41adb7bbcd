"""Reading a sheet (.xlsx via openpyxl, .csv in UTF-8 / UTF-8 BOM / GBK / GB18030 / UTF-16) into
rows keyed by canonical column names, keeping the spreadsheet row number for every message."""
from __future__ import annotations

import csv
import io
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator.errors import InputError, ValidationError
from generator.infra.codec import OLE_MAGIC, ZIP_MAGIC, decode
from generator.infra.fileio import read_input
from generator.infra.zipguard import check_package


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




# A 花名册 or 决定表 has a few dozen columns and at most a few thousand people: far past these
# bounds the file is a mistake or a trap (a sheet declaring A1:XFD1048576 makes openpyxl pad every
# row to 16,384 cells).
MAX_COLUMNS = 200
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 10  # a title row (石桥村发展党员花名册) or two may stand above the header

# a sheet: its non-empty rows, each with the row number the user sees in Excel
RawSheet = list[tuple[int, list[Any]]]


def _too_many_rows(path: Path) -> InputError:
    return InputError(f"{path}：表格有超过 {MAX_ROWS:,} 行内容，不像是花名册或决定表，请检查是否选错了文件或工作表")


def _quiet_numpy() -> None:
    """openpyxl imports numpy when it is installed, and numpy's OpenBLAS starts a thread per core
    that spins for a while waiting for matrix work we never give it: on a two-core office PC a
    tenth of a second taken from the batch. One BLAS thread is enough (a user's own setting wins)."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


WATCH_EVERY = 32  # rows between two looks of a watcher at the first sheet (read_sheet's `watch`)


def _workbook_sheets(path: Path, data: bytes, watch: Callable[[RawSheet], None] | None = None) -> list[RawSheet]:
    """Every worksheet's non-empty rows (the data may be on another sheet than the first, after a
    说明 sheet), at most MAX_COLUMNS columns wide. `watch` is shown the first sheet's rows so far,
    every WATCH_EVERY rows once the header rows are in."""
    _quiet_numpy()
    import openpyxl

    try:  # from the bytes: openpyxl refuses a workbook whose name does not end in .xlsx
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"{path}：无法作为 Excel 文件打开（{type(exc).__name__}），请确认是 .xlsx 格式") from None
    try:
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()  # the declared size is not to be trusted: read the rows there are
            rows: RawSheet = []
            # read-only rows come in order with the rows a sheet skips as empty ones: the position
            # is the row number. Every row is padded to the width asked for, so the rows the header
            # is found among are read MAX_COLUMNS wide, the rest only as wide as those are (a
            # column without a header is never read): 2,000 rows of 11 columns, not of 200
            number, head = 0, ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            for number, r in enumerate(head, 1):
                if _keep_row(path, rows, number, r) and len(rows) >= HEADER_SEARCH_ROWS:
                    head.close()  # the sheet's XML stream
                    break
            else:
                sheets.append(rows)
                continue
            width = max(max((j + 1 for j, c in enumerate(r) if c not in (None, "")), default=1) for _, r in rows)
            look = watch if watch is not None and not sheets else None
            for number, r in enumerate(ws.iter_rows(min_row=number + 1, max_col=width, values_only=True), number + 1):
                if _keep_row(path, rows, number, r) and look is not None and len(rows) % WATCH_EVERY == 0:
                    look(rows)
            sheets.append(rows)
        return sheets
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}：Excel 文件内容无法读取（{type(exc).__name__}），文件可能已损坏") from None
    finally:
        wb.close()


def _keep_row(path: Path, rows: RawSheet, number: int, r: tuple) -> bool:
    """Append row `number` to `rows` unless it is empty; whether it was kept."""
    if not any(r) or not any(c not in (None, "") for c in r):
        return False
    if len(rows) >= MAX_ROWS:
        raise _too_many_rows(path)
    rows.append((number, list(r)))
    return True


def _raw_sheets(path: Path, watch: Callable[[RawSheet], None] | None = None) -> list[RawSheet]:
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
        check_package(data, str(path), "Excel 表格")
        return _workbook_sheets(path, data, watch)
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
    rows: RawSheet = []
    reader = csv.reader(io.StringIO(text), dialect)
    number = 0
    try:
        for number, r in enumerate(reader, 1):  # a record is a row in Excel, even across lines
            if not any(c.strip() for c in r):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows(path)
            rows.append((number, r[:MAX_COLUMNS]))
    except csv.Error as exc:  # a field past csv's limit (131,072 characters), a NUL
        raise InputError(f"{path}：第{number + 1}行无法按 CSV 读取（{_csv_reason(exc)}），"
                         "请在 Excel 或 WPS 中打开后重新另存为 CSV") from None
    return [rows]


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"有一个单元格超过 {csv.field_size_limit():,} 个字符，不像是花名册的内容"
    if "NUL" in text or "null byte" in text:
        return "含有空字符（NUL）"
    return text


# columns that sheets often carry and that no reader needs: not worth a word when a column is missing
_IGNORED_HEADERS = {"序号", "编号", "备注", "说明", "No", "No.", "NO"}


def _header(rows: RawSheet, lookup: dict[str, str]) -> tuple[int | None, dict[str, int]]:
    """The header row: of the first rows, the one naming the most known columns (the first row
    when none does). Returns its index in `rows` and canonical column -> position."""
    best, best_found = None, {}
    seen = 0
    for i, (_, r) in enumerate(rows):
        found: dict[str, int] = {}
        for j, h in enumerate(r):
            canonical = lookup.get(_norm_header(h))
            if canonical and canonical not in found:
                found[canonical] = j
        if best is None or len(found) > len(best_found):
            best, best_found = i, found
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    return best, best_found


class _Mapped:
    """A sheet's rows as Rows, mapped as they are read (so that a watcher sees them while the rest
    is read, and nothing is mapped twice): `found` is the header's columns, `start` the index in
    the raw sheet of the first row under the header."""

    def __init__(self, raw: RawSheet, lookup: dict[str, str]):
        self.raw = raw
        self.header_index, self.found = _header(raw, lookup)
        self.rows: list[Row] = []
        self.done = (self.header_index or 0) + 1

    def more(self) -> list[Row]:
        found = self.found
        for number, r in self.raw[self.done:]:
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
            self.rows.append(Row(number, values))
        self.done = len(self.raw)
        return self.rows


def read_sheet(
    path: Path | str,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    watch: Callable[[list[Row]], None] | None = None,
) -> Sheet:
    """columns: canonical name -> accepted header spellings (compared after _norm_header).
    Missing required columns are reported together; blank rows are skipped. `watch` (a batch
    that starts work before the sheet is read to the end) is shown the rows read so far of the
    first sheet, while it is read, when that sheet has every required column; what it does with
    them changes nothing here."""
    path = Path(path)
    lookup = {}
    for canonical, spellings in columns.items():
        for s in (canonical, *spellings):
            lookup[_norm_header(s)] = canonical
    early: list[_Mapped] = []

    def look(raw: RawSheet) -> None:
        if not early:
            early.append(_Mapped(raw, lookup))
        if all(c in early[0].found for c in required):
            watch(early[0].more())

    sheets = _raw_sheets(path, look if watch is not None else None)
    # the first sheet, unless another one has all the required columns and the first has not
    candidates = [(raw, *_header(raw, lookup)) for raw in sheets] or [([], None, {})]
    raw, header_index, found = candidates[0]
    if any(c not in found for c in required):
        complete = [c for c in candidates if all(r in c[2] for r in required)]
        if complete:
            raw, header_index, found = complete[0]
    if header_index is None:
        raise ValidationError(str(path), ["表格是空的"])
    header_number, header = raw[header_index]
    written = {c: str(header[j]) for c, j in found.items()}
    missing = [c for c in required if c not in found]
    if missing:
        problems = [f"第{header_number}行表头缺少列“{c}”" for c in missing]
        unknown = [str(h).strip() for h in header
                   if h not in (None, "") and _norm_header(h) not in lookup and str(h).strip() not in _IGNORED_HEADERS]
        if unknown:
            problems.append(f"第{header_number}行中没有认出的表头：{'、'.join('“' + u + '”' for u in unknown)}")
        if len(found) * 2 < len(required):
            problems.append("表头与要求的列相差很多，是否给错了文件？")
        raise ValidationError(str(path), problems)
    mapped = early[0] if early and early[0].raw is raw else _Mapped(raw, lookup)
    return Sheet(str(path), written, list(mapped.more()))
