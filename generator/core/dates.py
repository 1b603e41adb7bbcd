"""Dates as writers type them: 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, Excel cells and serials."""
from __future__ import annotations

import datetime as dt
import re

_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
# a time of day after the date, as Excel ("2023/5/1 0:00") and other tools ("2023-05-01 00:00:00",
# "2023-05-01T00:00:00") write a date cell into a CSV: the date is what counts
_TIME_SUFFIX = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # right from serial 61 (1900-03-01) on: Excel counts a 1900-02-29 that never was


# Every date the tool meets lies in here (births from 1900, plans up to 2100): a year 9999 or 0001
# is a slip, and would only overflow date arithmetic further on.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def parse_date(value) -> dt.date:
    """Parse one date; raise ValueError with a Chinese reason when it is not one or lies outside
    EARLIEST_YEAR..LATEST_YEAR."""
    day = _parse_date(value)
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(f"“{value}”的年份{day.year}不在 {EARLIEST_YEAR}—{LATEST_YEAR} 年之间，请检查")
    return day


def _parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError("不是日期")
    if isinstance(value, (int, float)):
        if 1 <= value < 2958466 and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"“{value}”不是日期")
    text = str(value).strip()
    if text.isdigit() and 20000 <= int(text) <= 80000:  # an Excel serial typed as text
        return _EXCEL_EPOCH + dt.timedelta(days=int(text))
    day_text = _TIME_SUFFIX.sub("", text)
    for pattern in _PATTERNS:
        m = pattern.match(day_text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError:
                raise ValueError(f"“{text}”不是有效日期") from None
    raise ValueError(f"“{text}”不是可识别的日期（可写 2025-03-18、2025/3/18、2025.3.18 或 2025年3月18日）")


def cn_date(day: dt.date) -> str:
    """成文日期 form of GB/T 9704—2012 7.3.5: Arabic numerals, no leading zeros: 2025年3月8日."""
    return f"{day.year}年{day.month}月{day.day}日"


def dotted_month(day: dt.date | None) -> str:
    """2002.02, the way 党务 tables (名册, 公示) write a month; "" for no date."""
    return f"{day.year}.{day.month:02d}" if day else ""


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; a day that does not exist in the target month falls back to the
    month's last day (2024-02-29 + 12 months = 2025-02-28; 2025-08-31 + 6 = 2026-02-28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")
