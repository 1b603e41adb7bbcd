"""What an annual plan takes from the roster (and the profile's 分解 table): last year's results for
the opening, the year's quota per branch, and a quarterly timetable with what falls due in each
quarter. Every figure is counted from the data; with neither a roster nor a 分解 table the plan
has no table rather than an invented one."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core import probation, snippets
from generator.core.dates import cn_date
from generator.data.profile import Profile
from generator.errors import ValidationError
from generator.roster.people import Person, Roster
from generator.roster.procedure import probation_end_of
from generator.roster.stats import compute, parse_period, pipeline_at

QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class QuotaRow:
    branch: str
    activists: int | None  # at the year's start, from the roster
    candidates: int | None
    quota: int


@dataclass(frozen=True)
class Quota:
    rows: tuple[QuotaRow, ...]
    total: int
    source: str  # "profile" (目标.分解) or "roster" (by each branch's pool)
    unassigned: int = 0  # the plan beyond every branch's pool, left to the committee

    @property
    def from_roster(self) -> bool:
        return self.rows[0].activists is not None if self.rows else False


@dataclass(frozen=True)
class Quarter:
    label: str
    work: tuple[tuple[str, ...], ...]  # each item in its wordings (one_of picks one per unit)
    due: tuple[str, ...] = field(default=())  # what the roster says falls due in the quarter


def last_year(profile: Profile, roster: Roster) -> dict | None:
    """Last year's results for the opening: new members and their make-up, new 积极分子, 转正.
    None when the roster records nothing for that year (no record is not "none developed")."""
    fig = compute(roster.people, parse_period(str(profile.year - 1)), branches=roster.branches)
    if not (fig.new or fig.new_activists or fig.confirmed):
        return None
    parts = [f"{s.label.removesuffix('的')}{s.count}名" for s in fig.shares
             if s.count and s.key in ("35岁及以下", "女", "大专及以上")]
    return {"year": profile.year - 1, "new": fig.new, "shares": parts, "activists": fig.new_activists,
            "confirmed": fig.confirmed}


def _allocate(total: int, pools: list[int]) -> list[int]:
    """`total` shared out in proportion to `pools` by largest remainder (ties to the branch listed
    first), never more than a pool; what a capped branch cannot take goes round again."""
    quota = [0] * len(pools)
    left = min(total, sum(pools))
    while left:
        open_ = [i for i, p in enumerate(pools) if quota[i] < p]
        weight = sum(pools[i] for i in open_)
        exact = {i: left * pools[i] / weight for i in open_}
        give = {i: min(int(exact[i]), pools[i] - quota[i]) for i in open_}
        short = left - sum(give.values())
        for i in sorted(open_, key=lambda i: (-(exact[i] - int(exact[i])), i)):
            if short and give[i] < pools[i] - quota[i]:
                give[i] += 1
                short -= 1
        for i, n in give.items():
            quota[i] += n
        left -= sum(give.values())
    return quota


def quota(profile: Profile, roster: Roster | None) -> Quota | None:
    """The year's 发展党员 plan per branch: the profile's 目标.分解 when given (checked against the
    plan and the roster's branches), otherwise shared out by each branch's pool at the year's start
    (发展对象 and 入党积极分子 who will have had a year of training during the year)."""
    target = profile.data["目标"]["发展党员"]
    given = profile.data["目标"].get("分解") or {}
    start = dt.date(profile.year - 1, 12, 31)
    pools = {}
    if roster is not None:
        for b in roster.branches:
            mine = [p for p in roster.people if p.branch == b]
            pools[b] = pipeline_at(mine, start)
    if given:
        problems = []
        if sum(given.values()) != target:
            problems.append(f"目标.分解：各党支部合计{sum(given.values())}名，与 目标.发展党员 {target}名不一致")
        if roster is not None:
            for name in given:
                if name not in pools:
                    problems.append(f"目标.分解.{name}：花名册中没有这个党支部（花名册中有：{'、'.join(pools)}）")
        if problems:
            raise ValidationError(profile.source, problems)
        rows = tuple(QuotaRow(b, pools[b].activists if b in pools else None,
                              pools[b].candidates if b in pools else None, n) for b, n in given.items())
        if roster is None or any(r.activists is None for r in rows):
            rows = tuple(QuotaRow(r.branch, None, None, r.quota) for r in rows)
        return Quota(rows, target, "profile")
    if roster is None or not pools or target == 0:
        return None
    names = list(pools)
    shares = _allocate(target, [pools[b].candidates + pools[b].activists for b in names])
    rows = tuple(QuotaRow(b, pools[b].activists, pools[b].candidates, n) for b, n in zip(names, shares))
    return Quota(rows, target, "roster", unassigned=target - sum(shares))


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3


def _per_branch(people: list[Person], order: list[str]) -> str:
    """柳溪村党支部2名、青禾社区党支部1名, in the roster's branch order."""
    counts = {b: 0 for b in order}
    for p in people:
        counts[p.branch or "未填党支部"] = counts.get(p.branch or "未填党支部", 0) + 1
    return "、".join(f"{b}{n}名" for b, n in counts.items() if n)


def timetable(profile: Profile, roster: Roster | None) -> tuple[Quarter, ...]:
    """Four quarters: the routine work of each (snippets/timetable.yaml), and from the roster what
    falls due in it — 预备党员 whose 预备期 ends (转正 to discuss), 入党积极分子 who complete a year
    of training (may be made 发展对象), and the 发展对象 on hand at the year's start."""
    routine = snippets.data("timetable")["quarters"]
    due: list[list[str]] = [[] for _ in QUARTERS]
    if roster is not None:
        year = profile.year
        start = dt.date(year - 1, 12, 31)
        ending: list[list[Person]] = [[] for _ in QUARTERS]
        trained: list[list[Person]] = [[] for _ in QUARTERS]
        for p in roster.people:
            if p.cancelled and p.cancelled <= start:
                continue
            if p.admitted and not (p.confirmed and p.confirmed <= start):
                end = probation_end_of(p)
                if end.year == year:
                    ending[_quarter(end)].append(p)
            elif p.activist and not p.candidate and p.activist <= start:
                ready = probation.earliest_candidate_date(p.activist)
                if ready.year == year:
                    trained[_quarter(ready)].append(p)
        candidates = [p for p in roster.people if p.candidate and p.candidate <= start
                      and not (p.admitted and p.admitted <= start) and not (p.cancelled and p.cancelled <= start)]
        if candidates:
            due[0].append(f"年初发展对象{len(candidates)}名（{_per_branch(candidates, roster.branches)}），"
                          "按程序开展政治审查和集中培训后提交支部大会讨论")
        for q in range(4):
            if ending[q]:
                due[q].append(f"{len(ending[q])}名预备党员预备期满（{_per_branch(ending[q], roster.branches)}），及时讨论转正")
            if trained[q]:
                due[q].append(f"{len(trained[q])}名入党积极分子培养满一年（{_per_branch(trained[q], roster.branches)}），"
                              "经考察合格的可列为发展对象")
    return tuple(Quarter(label, tuple(tuple(w) for w in routine[i + 1]), tuple(due[i])) for i, label in enumerate(QUARTERS))


def as_of_label(profile: Profile) -> str:
    return cn_date(dt.date(profile.year - 1, 12, 31))
