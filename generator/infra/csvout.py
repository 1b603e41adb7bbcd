"""CSV files for Excel: UTF-8 with a BOM (Excel on a Chinese Windows then opens it without
garbling) and CRLF line ends."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
