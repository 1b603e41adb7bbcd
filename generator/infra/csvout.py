"""CSV files for Excel: UTF-8 with a BOM (Excel on a Chinese Windows then opens it without
garbling) and CRLF line ends; every text cell safe to open (no formula injection)."""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

# a cell Excel or WPS would run as a formula (OWASP, "CSV Injection"): = + - @, or a tab or CR first
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that would start a formula, prefixed with a single quote (shown as text, not run);
    numbers and other text unchanged. A 党支部 named `=HYPERLINK(…)` in a sheet must stay a name."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([neutralise(h) for h in header])
    w.writerows([neutralise(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
