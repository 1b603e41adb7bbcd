"""Figures of a multi-year 发展党员工作规划: per-year targets, the structure minimums each year's number
implies, and the end-of-period projection of 党员总数 and category shares.

Assumption (stated in the document by the 期末测算 clause): every year the new members meet the
structure minimums of the year's row; the expected yearly losses (去世、出党等, 规划.每年减少) are
spread over the current members in proportion to their structure; 35岁及以下 ignores members
ageing out of the category, which the text says."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from generator.core import figures as facts
from generator.errors import ValidationError


@dataclass(frozen=True)
class Category:
    key: str  # 35岁及以下
    label: str  # 35岁及以下的 (in sentences)
    column: str  # 35岁及以下 (table header)
    percent: float  # target share of the new members each year
    ages_out: bool = False  # current members leave the category as they age (35岁及以下)


@dataclass(frozen=True)
class YearRow:
    year: int
    new: int
    minimums: tuple[int, ...]  # per category, the head count that meets its share of `new`
    end_total: int  # members at the end of the year


@dataclass(frozen=True)
class ShareOutlook:
    category: Category
    now_count: int
    now_share: float  # percent of the current members
    end_count: float
    end_share: float  # percent of the members at period end

    @property
    def below_target(self) -> bool:
        """The category's share of the current members is below the share set for new members."""
        return round(self.now_share, 1) < self.category.percent

    @property
    def trend(self) -> str:
        """'up' / 'down' / 'same' as the shares read at one decimal (what the text prints)."""
        a, b = round(self.now_share, 1), round(self.end_share, 1)
        return "up" if b > a else "down" if b < a else "same"


@dataclass(frozen=True)
class MultiYear:
    start: int
    end: int
    current_total: int
    as_of: dt.date | None
    attrition: int  # expected losses per year
    categories: tuple[Category, ...]
    rows: tuple[YearRow, ...]
    outlook: tuple[ShareOutlook, ...]  # categories whose current count the profile gives

    @property
    def years(self) -> int:
        return self.end - self.start + 1

    @property
    def period(self) -> str:
        return f"{self.start}—{self.end}年"

    @property
    def total_new(self) -> int:
        return sum(r.new for r in self.rows)

    @property
    def total_minimums(self) -> tuple[int, ...]:
        return tuple(sum(r.minimums[i] for r in self.rows) for i in range(len(self.categories)))

    @property
    def total_losses(self) -> int:
        return self.attrition * self.years

    @property
    def end_total(self) -> int:
        return self.rows[-1].end_total

    @property
    def average(self) -> str:
        """Yearly new members: 16, or 15至16 — people come whole ("年均发展4.6名" is sent back)."""
        low, rest = divmod(self.total_new, self.years)
        return str(low) if rest == 0 else f"{low}至{low + 1}"

    @property
    def ageing(self) -> tuple[ShareOutlook, ...]:
        """Projected shares that ignore members ageing out of their category (the text says so)."""
        return tuple(s for s in self.outlook if s.category.ages_out)

    @property
    def growth(self) -> int:
        return self.end_total - self.current_total


def multi_year(data: dict, source: str) -> MultiYear:
    """The figures from a validated profile (Profile.data); a profile without 规划, or one whose
    losses would empty the party, is a ValidationError naming the field."""
    plan = data.get("规划")
    if not plan:
        raise ValidationError(source, ["规划：缺少必填项（起始年、终止年、每年发展、每年减少），生成发展党员工作规划需要它"])
    now, target = data["现状"], data["目标"]
    start, end = plan["起始年"], plan["终止年"]
    per_year = {int(k): v for k, v in plan["每年发展"].items()}
    attrition = plan.get("每年减少") or 0
    cats = facts.categories()
    categories = tuple(
        Category(key, cats[key]["label"], cats[key].get("column", key), percent, bool(cats[key].get("ages_out")))
        for key, percent in (target.get("结构") or {}).items()
        if percent is not None
    )
    rows: list[YearRow] = []
    problems: list[str] = []
    for p in facts.projection(now["党员总数"], {y: per_year[y] for y in range(start, end + 1)}, attrition):
        if p.total < 0:
            problems.append(f"规划.每年减少：每年减少{attrition}名，到{p.year}年底党员总数将小于0")
            break
        minimums = tuple(math.ceil(p.new * c.percent / 100 - 1e-9) for c in categories)
        rows.append(YearRow(p.year, p.new, minimums, p.total))
    if problems:
        raise ValidationError(source, problems)
    counts = now.get("结构") or {}
    outlook = tuple(
        _outlook(c, i, counts[c.key], now["党员总数"], rows, attrition)
        for i, c in enumerate(categories)
        if counts.get(c.key) is not None and now["党员总数"] > 0
    )
    return MultiYear(start, end, now["党员总数"], now.get("截至日期"), attrition, categories, tuple(rows), outlook)


def _outlook(c: Category, index: int, count: int, total: int, rows: list[YearRow], attrition: int) -> ShareOutlook:
    members, in_category = float(total), float(count)
    for r in rows:
        losses = attrition * in_category / members if members > 0 else 0.0
        in_category = max(in_category + r.minimums[index] - losses, 0.0)
        members = float(r.end_total)
    end_share = in_category / members * 100 if members > 0 else 0.0
    return ShareOutlook(c, count, count / total * 100, in_category, end_share)
