"""批复: decisions grouped into one reply per (branch, 事项, committee meeting), their dates and
figures computed, and each rendered through templates/approval.md.j2 into a Document.

Dates (generator/procedure.py, numbers in snippets/procedure.yaml): the 预备期 runs one year from
the 支部大会 that admitted the person and ends on the same day a year later (the month's last day
when that day does not exist: 2024-02-29 -> 2025-02-28); 党龄 counts from that end; an extension
counts from the original end (2024-02-29 + 6 months -> 2025-08-28).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from generator.compose.render import Generated, render_kind, unit_context
from generator.core.dates import cn_date
from generator.data.decisions import ApprovalRules, Decision, Matter
from generator.data.decisions import rules as load_rules
from generator.data.profile import Profile
from generator.errors import ValidationError


@dataclass
class Approval:
    """One 批复 to write: who it answers, for whom, and (once numbered) its 文号 and date."""

    branch: str
    matter: Matter
    committee: dt.date  # 党委会议日期
    request_date: dt.date | None = None  # the 请示 this answers, when the sheet dates it
    people: list[Decision] = field(default_factory=list)
    day: dt.date | None = None  # 成文日期
    seq: int | None = None  # 发文顺序号
    number: str | None = None  # 发文字号, e.g. 柳发〔2025〕4号

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.people]

    @property
    def rows(self) -> list[int]:
        return [p.row for p in self.people]

    @property
    def who(self) -> str:
        """张三同志 / 张三等3名同志 (docs/DOMAIN.md §1: the count is the number of names)."""
        n = len(self.people)
        return f"{self.names[0]}同志" if n == 1 else f"{self.names[0]}等{n}名同志"

    def title(self, issuer: str) -> str:
        return f"{issuer}关于{self.matter.title_for(self.who)}的批复"


class Grouping:
    """group() one decision at a time: a batch groups the rows it has read so far while the
    sheet is still being read (batch.Foresight), with the same keys and the same order."""

    def __init__(self, rules_: ApprovalRules | None = None):
        self.rules = rules_ or load_rules()
        self.by_key: dict[tuple, Approval] = {}
        self.order: list[Approval] = []  # in the order they first appear

    def add(self, d: Decision) -> Approval:
        """The 批复 `d` belongs to, `d` added to it."""
        # one 批复 answers one 请示: people the sheet dates to different 请示 get different replies
        key = (d.branch, d.matter, d.committee_meeting, d.request_date)
        a = self.by_key.get(key)
        if a is None:
            a = self.by_key[key] = Approval(d.branch, self.rules.matters[d.matter], d.committee_meeting, d.request_date)
            self.order.append(a)
        a.people.append(d)
        return a


def group_key(a: Approval) -> tuple:
    """The key Grouping files `a` under."""
    return (a.branch, a.matter.id, a.committee, a.request_date)


def group(decisions: Iterable[Decision], rules_: ApprovalRules | None = None) -> list[Approval]:
    """One 批复 per branch, 事项 and committee meeting, in the order they first appear."""
    grouping = Grouping(rules_)
    for d in decisions:
        grouping.add(d)
    return grouping.order


def check_dates(approvals: list[Approval], override: dt.date | None, rules_: ApprovalRules | None = None) -> list[str]:
    """Set each 成文日期 (--date, else the committee meeting) and report what cannot be: a reply
    dated before the meeting that decided it, or a 转正/延长 whose 入党时间 is unknown."""
    rules_ = rules_ or load_rules()
    problems = []
    for a in approvals:
        a.day = override or a.committee
        if a.day < a.committee:
            problems.append(
                f"第{'、'.join(map(str, a.rows))}行：成文日期{cn_date(a.day)}早于党委会议日期{cn_date(a.committee)}"
            )
        if a.matter.needs_admission:
            for p in a.people:
                if p.admitted is None:
                    problems.append(
                        f"第{p.row}行：{a.matter.id}需要“入党时间”（成为预备党员的支部大会日期）才能计算预备期，"
                        "请在表中增加该列或用 --roster 提供花名册"
                    )
    return problems


def period_groups(a: Approval, rules_: ApprovalRules) -> list[dict]:
    """People of one 批复 with identical dates, each group with the dates its wording needs."""
    groups: dict[tuple, dict] = {}
    for p in a.people:
        if a.matter.id == "接收预备党员":
            start = p.branch_meeting
        else:
            start = p.admitted
        end = rules_.probation_end(start) if start else None
        key = (start, p.extension_months) if a.matter.id != "取消预备党员资格" else ()
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"姓名": [], "预备期起": start, "预备期止": end, "转正日期": end}
            if p.extension_months is not None and end is not None:
                g["延长月数"] = p.extension_months
                g["延长说法"] = rules_.months_text(p.extension_months)
                g["延长至"] = rules_.extended_end(start, p.extension_months)
        g["姓名"].append(p.name)
    for g in groups.values():
        g["名单"] = "、".join(g["姓名"])
        g["人数"] = len(g["姓名"])
    return list(groups.values())


def grounds(a: Approval) -> str | None:
    """张三同志预备期内多次无故不参加组织生活 — the 取消's ground as the sheet states it, once when
    everyone shares it, person by person otherwise."""
    said = [(p.name, (p.ground or "").rstrip("。；;，, ")) for p in a.people if p.ground]
    if not said:
        return None
    if len({g for _, g in said}) == 1:
        return f"{'、'.join(n for n, _ in said)}同志{said[0][1]}"
    return "；".join(f"{n}同志{g}" for n, g in said)


def _office(profile: Profile) -> dict:
    """The profile's 公文 settings as a 批复 uses them: its 印发日期 is its own 成文日期."""
    office = dict(profile.office)
    office["印发日期"] = None
    return office


class ApprovalBuilder:
    """Renders 批复 for one unit; built once per process (or worker) and reused for every reply."""

    def __init__(self, profile: Profile, corpus_dirs: tuple[str, ...] = (), template_dirs: tuple[str, ...] = ()):
        self.profile = profile
        self.rules = load_rules()
        self.corpus_dirs = tuple(corpus_dirs)
        self.template_dirs = tuple(template_dirs)
        self.office = _office(profile)

    def context(self, a: Approval) -> dict:
        groups = period_groups(a, self.rules)
        # the names every clause may use (范围, 下级, 组织部 …) come from the one shared context
        return unit_context(self.profile) | {
            "年度": a.day.year,
            "公文": self.office,
            "标题": a.title(self.profile.full_name),
            "发文字号": a.number,
            "主送": a.branch,
            "支部": a.branch,
            "事项": a.matter.id,
            "对象": a.who,
            "名单": "、".join(a.names),
            "人数": len(a.people),
            "分组": groups,
            "会议日期": a.committee,
            "请示日期": a.request_date,
            "取消依据": grounds(a),
            "来文称谓": self.rules.addressing_for(a.branch),
            "请示标题": a.matter.request_for(a.who),
            "结语": self.rules.closing,
        }

    def build(self, a: Approval) -> Generated:
        assert a.day is not None, "check_dates() sets the 成文日期 first"
        return render_kind(
            "approval", self.profile, self.context(a), a.day,
            corpus_dirs=self.corpus_dirs, template_dirs=self.template_dirs,
        )


def prepare(decisions: list[Decision], override: dt.date | None, source: str) -> list[Approval]:
    """Group and date the decisions; every problem is reported together, by row."""
    rules_ = load_rules()
    approvals = group(decisions, rules_)
    problems = check_dates(approvals, override, rules_)
    if problems:
        raise ValidationError(source, problems)
    return approvals
