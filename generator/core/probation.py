"""Date facts of the 发展党员 procedure (细则, 党章) that the roster check, the summary and the 批复
share: age, one year of training, the 预备期 and its extension. The numbers (18 years, one year,
6–12 months) and the articles live in snippets/procedure.yaml.

Date rules, stated once and tested:
- "N years/months later" is the same calendar day N months on; when the target month has no such
  day, its last day (add_months): admitted 2024-02-29 -> 预备期满 2025-02-28.
- Age is counted in whole years; a person turns N on the Nth birthday itself; someone born on
  29 February turns N on 28 February in a common year (the same rule as add_months).
- "一年以上" includes exactly one year (以上包括本数).
"""
from __future__ import annotations

import datetime as dt

from generator.core import snippets
from generator.core.dates import add_months


def parameters() -> dict:
    """min_age, activist_months, probation_months, extension_months [low, high], confirm_grace_months."""
    return snippets.data("procedure")["parameters"]


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on `day` (birthday counts; 29 Feb birthdays fall on 28 Feb in common years)."""
    years = day.year - birth.year
    if add_months(birth, 12 * years) > day:
        years -= 1
    return years


def probation_end(admitted: dt.date) -> dt.date:
    """预备期满之日 = the 转正 date and the start of 党龄: one year after the 支部大会 passed the
    member (党章第七条; 细则第三十二条). 2024-02-29 -> 2025-02-28."""
    return add_months(admitted, parameters()["probation_months"])


def extended_end(admitted: dt.date, months: int) -> dt.date:
    """预备期满之日 after an extension of `months` (6–12, 细则第三十二条)."""
    low, high = parameters()["extension_months"]
    if not low <= months <= high:
        raise ValueError(f"延长预备期应为{low}至{high}个月，实际为{months}个月")
    return add_months(probation_end(admitted), months)


def earliest_candidate_date(activist: dt.date) -> dt.date:
    """First day an 入党积极分子 may be made a 发展对象 (one year of training, 细则第十三条)."""
    return add_months(activist, parameters()["activist_months"])


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from start to end (by the add_months rule)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months
