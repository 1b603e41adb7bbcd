"""Figures of a period computed from the roster: new members and their structure, completion of
the plan, the pipeline at period end, per branch. Every number a summary states comes from here.

Rules (stated in README too):
- A new member of the period is a person whose 接收预备党员日期 (the 支部大会 date) falls in the
  period, both ends included.
- 35岁及以下 is the age on that 接收预备党员日期: a person whose 36th birthday is that very day is
  36 and not counted (birthday rule in generator/core/probation.py: age_on).
- The pipeline is counted at the period's last day, each person in their latest stage reached by
  then: 入党申请人 (applied, not yet 积极分子), 入党积极分子 (not yet 发展对象), 发展对象 (not yet
  接收), 预备党员 (接收, not yet 转正).
- Percentages are rounded to one decimal (facts.pct); an empty period has no shares (None), never
  a division by zero.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from generator.core import figures as facts
from generator.core.dates import cn_date, parse_date
from generator.core.probation import age_on
from generator.errors import InputError
from generator.roster.people import Person, is_college, is_high_school, is_minority

# How each statistics category of snippets/statistics.yaml is read from a roster row.
CATEGORY_TESTS: dict[str, Callable[[Person], bool]] = {
    "35岁及以下": lambda p: p.birth is not None and p.admitted is not None and age_on(p.birth, p.admitted) <= 35,
    "女": lambda p: p.gender == "女",
    "少数民族": is_minority,
    "大专及以上": is_college,
    "高中及以上": is_high_school,
    "生产工作一线": lambda p: p.frontline is True,
}


# --- periods ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # how the text names it: 2025年上半年, 2025年, 2025年1月至9月
    title_label: str  # in the title: 2025年上半年, 2025年度
    whole_year: bool
    next_label: str  # what comes after: 下半年, 2026年, 下一阶段

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.end.year, 1, 1)

    @property
    def cumulative(self) -> bool:
        """True when the period starts after 1 January: the plan is then judged on the year to
        date (全年累计), not on the period alone."""
        return self.start > self.year_start

    @property
    def elapsed_fraction(self) -> float:
        """Share of the calendar year elapsed at the period's end (序时进度): 2025H1 -> 181/365."""
        days_in_year = 366 if calendar.isleap(self.end.year) else 365
        return min(1.0, ((self.end - self.year_start).days + 1) / days_in_year)

    @property
    def end_label(self) -> str:
        """截至6月30日 / 截至2025年6月30日 when the period spans years."""
        if self.start.year == self.end.year:
            return f"{self.end.month}月{self.end.day}日"
        return cn_date(self.end)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


_HALVES = {"H1": (1, 6, "上半年"), "H2": (7, 12, "下半年")}
_QUARTERS = {"Q1": (1, 3, "第一季度"), "Q2": (4, 6, "第二季度"), "Q3": (7, 9, "第三季度"), "Q4": (10, 12, "第四季度")}
_CN_PARTS = {"上半年": "H1", "下半年": "H2", "第一季度": "Q1", "第二季度": "Q2", "第三季度": "Q3", "第四季度": "Q4", "一季度": "Q1", "二季度": "Q2", "三季度": "Q3", "四季度": "Q4"}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """'2025H1', '2025H2', '2025Q3', '2025', '2025年上半年', '2025年度' -> Period."""
    raw = str(text).strip()
    s = raw.upper().replace(" ", "")
    for cn, code in _CN_PARTS.items():
        s = s.replace(f"年{cn}", code).replace(cn, code)
    s = re.sub(r"年度?$", "", s)
    m = re.fullmatch(r"(\d{4})(H[12]|Q[1-4])?", s)
    if not m or not 1990 <= int(m.group(1)) <= 2100:
        raise InputError(
            f"--period：无法识别“{raw}”（可写 2025H1 上半年、2025H2 下半年、2025Q3 第三季度、2025 全年，"
            "或用 --from/--to 指定起止日期）"
        )
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年", f"{year}年度", True, f"{year + 1}年")
    first, last, name = (_HALVES | _QUARTERS)[part]
    nxt = "下半年" if part == "H1" else ("下一季度" if part in ("Q1", "Q2", "Q3") else f"{year + 1}年")
    return Period(dt.date(year, first, 1), _month_end(year, last), f"{year}年{name}", f"{year}年{name}", False, nxt)


def period_between(start, end) -> Period:
    """A period given by --from/--to (any date form parse_date reads)."""
    try:
        a, b = parse_date(start), parse_date(end)
    except ValueError as exc:
        raise InputError(f"--from/--to：{exc}") from None
    if b < a:
        raise InputError(f"--from/--to：开始日期{cn_date(a)}晚于结束日期{cn_date(b)}")
    if a == dt.date(a.year, 1, 1) and b == dt.date(a.year, 12, 31):
        return parse_period(str(a.year))
    whole_months = a.day == 1 and b == _month_end(b.year, b.month)
    if whole_months and a.year == b.year:
        label = f"{a.year}年{a.month}月" if a.month == b.month else f"{a.year}年{a.month}月至{b.month}月"
    elif whole_months:
        label = f"{a.year}年{a.month}月至{b.year}年{b.month}月"
    else:
        label = f"{cn_date(a)}至{cn_date(b)}"
    return Period(a, b, label, label, False, "下一阶段")


# --- figures ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Share:
    key: str  # category id (35岁及以下)
    label: str  # how the text calls it (35岁及以下的)
    column: str  # how a table heads it (35岁及以下)
    count: int
    total: int
    target: float | None  # target share in percent, None when the plan sets none

    @property
    def percent(self) -> float | None:
        return self.count / self.total * 100 if self.total else None

    @property
    def text(self) -> str | None:
        """66.7%, 80.0% — measured shares at one decimal, so a list of them never mixes precision."""
        return facts.pct(self.percent, fixed=True) if self.percent is not None else None

    @property
    def target_text(self) -> str | None:
        return facts.pct(self.target) if self.target is not None else None

    @property
    def met(self) -> bool | None:
        """Compared on the figures as printed (66.7% vs 60%), so the text never contradicts itself;
        None when there is no target or nobody to count."""
        if self.target is None or self.percent is None:
            return None
        return round(self.percent, 1) >= self.target


@dataclass(frozen=True)
class Pipeline:
    applicants: int  # 入党申请人 not yet 积极分子
    activists: int  # 入党积极分子 not yet 发展对象
    candidates: int  # 发展对象 not yet 接收
    probationary: int  # 预备党员 not yet 转正

    @property
    def ratio(self) -> str | None:
        """申请人∶积极分子∶发展对象, None when there is no 发展对象."""
        return facts.ratio(self.applicants, self.activists, self.candidates)

    @property
    def ratio_phrase(self) -> str | None:
        """为2∶2∶1 / 约为…, to follow 三者之比."""
        return facts.ratio_phrase(self.applicants, self.activists, self.candidates)


@dataclass(frozen=True)
class BranchFigures:
    name: str
    new: int
    confirmed: int
    new_activists: int
    pipeline: Pipeline


@dataclass(frozen=True)
class Figures:
    period: Period
    new_members: tuple[Person, ...]
    target: int | None  # the year's plan (目标.发展党员)
    shares: tuple[Share, ...]  # every category of snippets/statistics.yaml, in its order
    pipeline: Pipeline  # at period end
    new_activists: int  # 确定为入党积极分子 in the period
    new_candidates: int  # 确定为发展对象 in the period
    confirmed: int  # 转正 in the period
    activist_target: int | None  # the year's plan (目标.积极分子)
    branches: tuple[BranchFigures, ...]
    occupations: tuple[tuple[str, int], ...] = field(default=())  # of new members, by category
    ytd_new: int = 0  # new members from 1 January to period end (全年累计)
    ytd_activists: int = 0  # new 入党积极分子 from 1 January to period end

    @property
    def new(self) -> int:
        return len(self.new_members)

    @property
    def completion(self) -> float | None:
        """Percent of the year's plan reached by period end (year to date); None without a plan."""
        return self.ytd_new / self.target * 100 if self.target else None

    @property
    def completion_text(self) -> str | None:
        return facts.pct(self.completion) if self.completion is not None else None

    @property
    def completion_phrase(self) -> str | None:
        """完成年度计划15名的53.3%; past the plan, what is past it (超出年度计划2名4名 — a reviewer
        reads "完成400%" as 计划外发展 made to look like an achievement)."""
        if not self.target:
            return None
        if self.ytd_new > self.target:
            return f"超出年度计划（{self.target}名）{self.ytd_new - self.target}名"
        return f"完成年度计划{self.target}名的{self.completion_text}"

    @property
    def expected(self) -> float | None:
        """序时进度: the part of the year's plan due by period end (the whole plan for a year)."""
        if not self.target:
            return None
        return float(self.target) if self.period.whole_year else self.target * self.period.elapsed_fraction

    @property
    def activist_completion(self) -> float | None:
        return self.ytd_activists / self.activist_target * 100 if self.activist_target else None

    @property
    def activist_completion_text(self) -> str | None:
        c = self.activist_completion
        return facts.pct(c) if c is not None else None

    def share(self, key: str) -> Share:
        for s in self.shares:
            if s.key == key:
                return s
        raise KeyError(key)

    @property
    def targeted_shares(self) -> tuple[Share, ...]:
        return tuple(s for s in self.shares if s.target is not None)


def pipeline_at(people: Iterable[Person], day: dt.date) -> Pipeline:
    a = b = c = d = 0
    for p in people:
        def reached(x: dt.date | None) -> bool:
            return x is not None and x <= day

        if reached(p.confirmed) or reached(p.cancelled):
            continue
        if reached(p.admitted):
            d += 1
        elif reached(p.candidate):
            c += 1
        elif reached(p.activist):
            b += 1
        elif reached(p.applied):
            a += 1
    return Pipeline(a, b, c, d)


def _shares(members: list[Person], targets: dict[str, float | None]) -> tuple[Share, ...]:
    cats = facts.categories()
    out = []
    for key, spec in cats.items():
        test = CATEGORY_TESTS[key]
        count = sum(1 for p in members if test(p))
        out.append(Share(key, spec["label"], spec.get("column", key), count, len(members), targets.get(key)))
    return tuple(out)


def _occupations(members: list[Person]) -> tuple[tuple[str, int], ...]:
    from generator.roster.people import vocabulary

    order = list(dict.fromkeys(vocabulary().occupation.values()))
    counts = {o: 0 for o in order}
    for p in members:
        if p.occupation:
            counts[p.occupation] += 1
    return tuple((o, n) for o, n in counts.items() if n)


def compute(
    people: list[Person],
    period: Period,
    target: int | None = None,
    structure_targets: dict[str, float | None] | None = None,
    activist_target: int | None = None,
    branches: list[str] | None = None,
) -> Figures:
    """The figures of `period`. targets are the year's plan from the unit profile."""
    members = [p for p in people if period.contains(p.admitted)]
    names = branches if branches is not None else list(dict.fromkeys(p.branch for p in people if p.branch))
    per_branch = []
    for name in names:
        mine = [p for p in people if p.branch == name]
        per_branch.append(BranchFigures(
            name=name,
            new=sum(1 for p in mine if period.contains(p.admitted)),
            confirmed=sum(1 for p in mine if period.contains(p.confirmed)),
            new_activists=sum(1 for p in mine if period.contains(p.activist)),
            pipeline=pipeline_at(mine, period.end),
        ))
    return Figures(
        period=period,
        new_members=tuple(members),
        target=target,
        shares=_shares(members, structure_targets or {}),
        pipeline=pipeline_at(people, period.end),
        new_activists=sum(1 for p in people if period.contains(p.activist)),
        new_candidates=sum(1 for p in people if period.contains(p.candidate)),
        confirmed=sum(1 for p in people if period.contains(p.confirmed)),
        activist_target=activist_target,
        branches=tuple(per_branch),
        occupations=_occupations(members),
        ytd_new=sum(1 for p in people if p.admitted and period.year_start <= p.admitted <= period.end),
        ytd_activists=sum(1 for p in people if p.activist and period.year_start <= p.activist <= period.end),
    )


def profile_vs_roster(profile, people: Iterable[Person], year: int) -> list[str]:
    """The profile's 现状 against the roster on the same day (截至日期, or the end of the year before
    `year`): two sources of one count that disagree are a writer's copy-paste from last year, or a
    roster not kept up to date. Plans and summaries say so as a note."""
    now = profile.data.get("现状") or {}
    day = now.get("截至日期") or dt.date(year - 1, 12, 31)
    counted = pipeline_at(people, day)
    notes = []
    for key, value in (("入党申请人", counted.applicants), ("入党积极分子", counted.activists),
                       ("发展对象", counted.candidates)):
        stated = now.get(key)
        if stated is not None and abs(stated - value) > max(2, 0.2 * max(stated, value)):
            notes.append(f"单位概况“现状”中的{key}{stated}名，与花名册截至{cn_date(day)}的{value}名相差较大，请核对")
    return notes
