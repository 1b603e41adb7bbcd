"""请示: the branch's request to its 基层党委 after a 支部大会, one per 批复 it will receive (the same
grouping: branch, 事项, 党委会议, 请示日期), so that the chain pairs one to one. Every figure comes
from the decisions sheet (请示日期, 应到人数, 实到人数, 赞成票; 原因 for 延长 and 取消); a missing one
is asked for by row and column, never filled in. With a roster, each person's record (性别, 民族,
出生年月, 学历 and the dates of 申请, 积极分子, 发展对象, 接收) opens the request."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.approvals.build import Approval
from generator.compose.render import Generated, render_kind
from generator.core.dates import cn_date
from generator.core.dates import dotted_month as _dot
from generator.data.decisions import VOTES, Decision
from generator.data.decisions import rules as load_rules
from generator.data.profile import Profile
from generator.roster.people import Person, Roster
from generator.roster.procedure import probation_end_of


def missing(approvals: list[Approval]) -> list[str]:
    """What the sheet must add before 请示 can be written, row by row."""
    out = []
    for a in approvals:
        for d in a.people:
            need = [c for c, v in (("请示日期", d.request_date), *zip(VOTES, (d.expected, d.present, d.votes)))
                    if v is None]
            if a.matter.id in ("延长预备期", "取消预备党员资格") and not d.ground:
                need.append("原因")
            if need:
                out.append(f"第{d.row}行：写请示需要填写{'、'.join(f'“{c}”' for c in need)}（{d.name}，{a.matter.id}）")
    return out


def inconsistent(approvals: list[Approval]) -> list[str]:
    """One 支部大会 has one 应到 and one 实到: rows of the same meeting that disagree are a typo."""
    out = []
    for a in approvals:
        seen: dict[dt.date, Decision] = {}
        for d in a.people:
            first = seen.setdefault(d.branch_meeting, d)
            if (first.expected, first.present) != (d.expected, d.present):
                out.append(f"第{d.row}行：{a.branch}{cn_date(d.branch_meeting)}支部大会的应到、实到人数"
                           f"（{d.expected}、{d.present}）与第{first.row}行（{first.expected}、{first.present}）不一致")
    return out


def _month(day: dt.date | None) -> str | None:
    return f"{day.year}年{day.month}月" if day else None


def record(p: Person, matter: str) -> str | None:
    """陈晓燕，女，汉族，2002年2月出生，中专学历，2023年4月提出入党申请，2023年9月被确定为入党
    积极分子，2024年10月被列为发展对象 — only what the roster holds."""
    head = [p.name]
    head += [x for x in (p.gender, p.ethnicity) if x]
    if p.birth:
        head.append(f"{_month(p.birth)}出生")
    if p.education:
        head.append(f"{p.education}学历")
    steps = [(p.applied, "提出入党申请"), (p.activist, "被确定为入党积极分子"), (p.candidate, "被列为发展对象")]
    if matter != "接收预备党员":  # asking to receive someone, the admission is what is asked for
        steps.append((p.admitted, "被接收为中国共产党预备党员"))
    head += [f"{_month(d)}{what}" for d, what in steps if d]
    end = probation_end_of(p) if matter != "接收预备党员" else None
    if end:
        head.append(f"预备期至{cn_date(end)}满")
    return "，".join(head) + "。" if len(head) > 1 else None


@dataclass
class _Voter:
    name: str
    votes: int
    ground: str | None
    months_text: str | None


class RequestBuilder:
    """Renders 请示 for one unit (the 基层党委 they are addressed to)."""

    def __init__(self, profile: Profile, roster: Roster | None = None, corpus_dirs: tuple[str, ...] = (),
                 template_dirs: tuple[str, ...] = ()):
        self.profile = profile
        self.rules = load_rules()
        self.people = {(p.branch, p.name): p for p in roster.people} if roster is not None else {}
        self.corpus_dirs = tuple(corpus_dirs)
        self.template_dirs = tuple(template_dirs)

    def title(self, a: Approval) -> str:
        return f"{a.branch}{a.matter.request_for(a.who)}"

    def context(self, a: Approval) -> dict:
        general = a.branch.endswith(("总支", "总支部委员会"))  # a 党总支 meets as 党员大会
        meetings: dict[dt.date, list[Decision]] = {}
        for d in a.people:
            meetings.setdefault(d.branch_meeting, []).append(d)
        rows = []
        for day, ds in meetings.items():
            names = "、".join(d.name for d in ds)
            rows.append({
                "日期": day, "应到": ds[0].expected, "实到": ds[0].present, "名单": names,
                "对象": f"{ds[0].name}同志" if len(ds) == 1 else f"{names}{len(ds)}名同志",
                "人": [_Voter(d.name, d.votes, (d.ground or "").rstrip("。；;，, ") or None,
                             self.rules.months_text(d.extension_months) if d.extension_months else None) for d in ds],
            })
        # the title says what is asked; the body says who decides it (saying the matter a third time
        # is what a reviewer strikes out)
        ask = f"现将{'支部大会' if not general else '党员大会'}决议报请{self.profile.data['单位']['简称']}审批。"
        return {
            "标题": self.title(a),
            # the branch writes: it signs, it has no 版头 and no 版记 of the committee's
            "公文": {"红头": False, "发文机关标志": None, "署名": a.branch, "抄送": None, "印发机关": None, "印发日期": None},
            "发文单位": {"全称": a.branch},
            "主送": self.profile.full_name,
            "事项": a.matter.id,
            "自称": "我总支" if general else "我支部",
            "大会": "党员大会" if general else "支部大会",
            "会议": rows,
            **self._records(a),
            "请示事项": ask,
        }

    def _records(self, a: Approval) -> dict:
        """One person: a sentence; several: a table (records that differ only in their dates read
        as the same sentence repeated)."""
        found = [p for p in (self.people.get((a.branch, d.name)) for d in a.people) if p]
        if len(found) <= 1:
            return {"人员": [{"简历": record(p, a.matter.id)} for p in found], "名册": None}
        admitted = a.matter.id != "接收预备党员"
        # dates as 2002.02, the way 党务 tables write them, and seven columns at most: the page holds
        # no more at 四号 without breaking a date
        head = ["姓名", "性别", "民族", "出生年月", "学历"]
        head += ["接收预备党员", "预备期满"] if admitted else ["确定积极分子", "列为发展对象"]
        rows = []
        for p in found:
            row = [p.name, p.gender or "", p.ethnicity or "", _dot(p.birth), p.education or ""]
            if admitted:
                row += [_dot(p.admitted), _dot(probation_end_of(p))]
            else:
                row += [_dot(p.activist), _dot(p.candidate)]
            rows.append(row)
        return {"人员": [], "名册": {"表头": head, "行": rows}}

    def build(self, a: Approval) -> Generated:
        day = a.people[0].request_date
        assert day is not None, "missing() is checked first"
        return render_kind("request", self.profile, self.context(a), day,
                           corpus_dirs=self.corpus_dirs, template_dirs=self.template_dirs)
