"""公示: the notices the 细则 requires before a 发展对象 is named, before a 发展对象 is received as a
预备党员 and before a 预备党员 is confirmed — for the people at that stage on a date, from the
roster, with the 公示期 (working days; weekends and the profile's 公示.节假日 skipped) and how to
report opinions (公示.联系人, 公示.电话). What the profile does not give is asked for by field."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.compose.render import Generated, render_kind, unit_context
from generator.core import probation
from generator.core.dates import cn_date
from generator.core.dates import dotted_month as _dot
from generator.data.profile import Profile
from generator.errors import InputError, ValidationError
from generator.roster.people import Person, Roster
from generator.roster.procedure import check_people, probation_end_of


@dataclass(frozen=True)
class Stage:
    id: str
    title: str  # after 关于
    lead: str  # who is publicised, for the opening sentence
    columns: tuple[str, str]  # the two date columns of the table


STAGES = {
    "发展对象": Stage("发展对象", "确定发展对象的公示", "拟列为发展对象", ("申请入党", "确定积极分子")),
    "接收": Stage("接收", "拟接收预备党员的公示", "拟接收为中国共产党预备党员", ("确定积极分子", "列为发展对象")),
    "转正": Stage("转正", "预备党员拟转为正式党员的公示", "预备期满、拟转为中国共产党正式党员", ("接收预备党员", "预备期满")),
}
ALIASES = {"发展对象公示": "发展对象", "拟接收": "接收", "接收预备党员": "接收", "拟接收预备党员": "接收",
           "拟转正": "转正", "按期转正": "转正", "预备党员转正": "转正"}
DUE_AHEAD = dt.timedelta(days=31)  # a 预备党员 whose 预备期 ends within a month is publicised now


def parse_stage(text: str) -> Stage:
    key = ALIASES.get(text.strip(), text.strip())
    if key not in STAGES:
        raise InputError(f"--stage：无法识别“{text}”，可选：{'、'.join(STAGES)}")
    return STAGES[key]


def working_days(start: dt.date, count: int, holidays: set[dt.date]) -> dt.date:
    """The last day of `count` working days from `start` (counted if it is one): weekends and the
    given holidays are skipped. Make-up working weekends (调休) are not known: list them nowhere and
    the period comes out a day long at most — the writer sees the dates in the document."""
    day, left = start, count
    while True:
        if day.weekday() < 5 and day not in holidays:
            left -= 1
            if left == 0:
                return day
        day += dt.timedelta(days=1)


def at_stage(people: list[Person], stage: Stage, day: dt.date, until: dt.date) -> list[Person]:
    """Who is at `stage` on `day`: 入党积极分子 with a year of training by the period's end
    (发展对象); 发展对象 not yet received (接收); 预备党员 whose 预备期 ends within a month (转正)."""
    def by(x: dt.date | None) -> bool:
        return x is not None and x <= day

    out = []
    for p in people:
        if by(p.cancelled) or by(p.confirmed):
            continue
        if stage.id == "发展对象":
            ok = by(p.activist) and not by(p.candidate) and probation.earliest_candidate_date(p.activist) <= until
        elif stage.id == "接收":
            ok = by(p.candidate) and not by(p.admitted)
        else:
            end = probation_end_of(p)
            ok = by(p.admitted) and end is not None and end <= day + DUE_AHEAD
        if ok:
            out.append(p)
    return out


def _row(p: Person, stage: Stage) -> list[str]:
    dates = {"申请入党": p.applied, "确定积极分子": p.activist, "列为发展对象": p.candidate,
             "接收预备党员": p.admitted, "预备期满": probation_end_of(p)}
    return [p.name, p.gender or "", _dot(p.birth), p.education or "", p.branch or "",
            *(_dot(dates[c]) for c in stage.columns)]


def settings(profile: Profile) -> dict:
    """The profile's 公示 section, every missing field named at once."""
    s = profile.data.get("公示") or {}
    missing = [f"公示.{k}：生成公示需要填写（{why}）" for k, why in (("联系人", "受理意见的联系人姓名"),
                                                              ("电话", "受理意见的联系电话"))
               if not s.get(k)]
    if missing:
        raise ValidationError(profile.source, missing)
    return s


def select(roster: Roster, stage: Stage, day: dt.date, until: dt.date, branch: str | None,
           names: list[str] | None) -> list[Person]:
    people = [p for p in roster.people if branch is None or p.branch == branch]
    if branch is not None and not people:
        raise InputError(f"--branch：花名册中没有“{branch}”（有：{'、'.join(roster.branches)}）")
    chosen = at_stage(people, stage, day, until)
    if names:
        problems = []
        picked = []
        for n in names:
            hit = [p for p in chosen if p.name == n]
            if hit:
                picked += hit
                continue
            known = [p for p in people if p.name == n]
            why = f"（花名册{known[0].label}）不处于“{stage.id}”阶段" if known else "不在花名册中"
            problems.append(f"--names：{n}{why}")
        if problems:
            raise InputError("；".join(problems))
        chosen = picked
    if not chosen:
        raise InputError(f"截至{cn_date(day)}，花名册中没有处于“{stage.id}”阶段的人员"
                         f"{'（' + branch + '）' if branch else ''}，未生成公示")
    # a record that breaks the 细则 is not put before the public: it is corrected, or left out with --names
    bad = [v for v in check_people(chosen, as_of=day) if v.rule not in ("date_after_as_of", "confirmation_overdue")]
    if bad:
        raise ValidationError(roster.path, [f"花名册{v.person.label}：{v.message}（{v.article}），不能列入公示；"
                                            "请先核实更正，或用 --names 只公示其他人" for v in bad])
    return chosen


def generate_publicity(profile: Profile, roster: Roster, stage: Stage, day: dt.date, *,
                       branch: str | None = None, names: list[str] | None = None, **options) -> Generated:
    s = settings(profile)
    count = s.get("工作日") or 5
    holidays = set(s.get("节假日") or [])
    start = day
    end = working_days(start, count, holidays)
    people = select(roster, stage, day, end, branch, names)
    who = f"{people[0].name}同志" if len(people) == 1 else f"{people[0].name}等{len(people)}名同志"
    ctx = unit_context(profile) | {
        "标题": f"{profile.full_name}关于{stage.title}",
        "公文": {"红头": False, "发文机关标志": None, "署名": profile.office.get("署名") or profile.full_name,
               "抄送": None, "印发机关": None, "印发日期": None},
        "阶段": stage.id,
        "对象说法": stage.lead,
        "对象": who,
        "人数": len(people),
        "表头": ["姓名", "性别", "出生年月", "学历", "所在党支部", *stage.columns],
        "名单": [_row(p, stage) for p in people],
        "起": start,
        "止": end,
        "工作日": count,
        "联系人": s["联系人"],
        "电话": s["电话"],
        "地址": s.get("地址"),
    }
    return render_kind("publicity", profile, ctx, day, **options)


# the decisions sheet's 事项 that follow each stage's 公示
_DECIDED = {"接收": "接收预备党员", "转正": "按期转正"}


def names_from_decisions(path, stage: Stage) -> list[str]:
    """The people the sheet decides on for the matter this 公示 comes before (the chain's names)."""
    from generator.data.decisions import load_decisions

    matter = _DECIDED.get(stage.id)
    if matter is None:
        raise InputError(f"--decisions：决定表中没有“{stage.id}”阶段的事项（只能用于 接收、转正 公示）")
    names = [d.name for d in load_decisions(path).items if d.matter == matter]
    if not names:
        raise InputError(f"{path}：决定表中没有“{matter}”的人员")
    return names
