"""--roster of gongwen approve: each decision of the sheet checked against the 花名册."""
from __future__ import annotations

from dataclasses import replace

from generator.core import probation
from generator.core.dates import add_months, cn_date
from generator.data.decisions import ApprovalRules, Decision, Decisions, check_row_dates, rules
from generator.roster import procedure


def cross_check_roster(decisions: Decisions, roster, rules_: ApprovalRules | None = None) -> tuple[Decisions, list[str]]:
    """Each decision against the roster (generator/data/roster.py): the person is in that branch;
    the roster's own dates pass the 细则 checks of `gongwen roster check` (generator/procedure.py);
    接收 only after a year as 入党积极分子 and after being made a 发展对象; 转正/延长/取消 only for a
    预备党员 not yet confirmed, and 转正/延长 not before the 预备期 ends. A missing 入党时间 is taken
    from the roster's 接收预备党员日期. Returns the completed decisions and every problem."""
    rules_ = rules_ or rules()
    problems: list[str] = []
    by_name: dict[str, list] = {}
    for person in roster.people:
        by_name.setdefault(person.name, []).append(person)
    out: list[Decision] = []
    checked: set[int] = set()
    for d in decisions.items:
        label = f"第{d.row}行{d.branch}的“{d.name}”"
        candidates = by_name.get(d.name, [])
        person = next((p for p in candidates if p.branch == d.branch), None)
        if person is None:
            unbranched = [p for p in candidates if not p.branch]
            person = unbranched[0] if len(unbranched) == 1 else None
        if person is None:
            elsewhere = "、".join(sorted({p.branch for p in candidates if p.branch}))
            where = f"（花名册中该姓名在{elsewhere}）" if elsewhere else ""
            problems.append(f"{label}在花名册 {roster.path} 中找不到{where}")
            out.append(d)
            continue
        tag = f"{label}（花名册第{person.row}行）"
        if id(person) not in checked:
            checked.add(id(person))
            for v in procedure.check_people([person]):
                problems.append(f"{tag}：{v.message}（{v.article}）")
        admitted = d.admitted
        if d.matter == "接收预备党员":
            if person.activist is None:
                problems.append(f"{tag}：花名册中没有确定入党积极分子的日期，不能接收为预备党员")
            else:
                earliest = probation.earliest_candidate_date(person.activist)
                if d.branch_meeting < earliest:
                    problems.append(
                        f"{tag}：{cn_date(person.activist)}确定为入党积极分子，到支部大会{cn_date(d.branch_meeting)}"
                        f"不满一年（细则第十三条，最早{cn_date(earliest)}）"
                    )
            if person.candidate is not None and d.branch_meeting < person.candidate:
                problems.append(f"{tag}：支部大会{cn_date(d.branch_meeting)}早于确定为发展对象的日期{cn_date(person.candidate)}")
            if person.admitted is not None and person.admitted != d.branch_meeting:
                problems.append(
                    f"{tag}：花名册中的接收预备党员日期为{cn_date(person.admitted)}，与支部大会日期{cn_date(d.branch_meeting)}不一致"
                )
        else:
            if person.admitted is None and admitted is None:
                problems.append(f"{tag}：花名册中没有接收预备党员日期，无法办理“{d.matter}”")
            elif person.admitted is not None and admitted is not None and person.admitted != admitted:
                problems.append(
                    f"{tag}：表中入党时间{cn_date(admitted)}与花名册中的接收预备党员日期{cn_date(person.admitted)}不一致"
                )
            admitted = admitted or person.admitted
            # a roster may already record the 转正 being approved: its date is the 预备期满之日 (党龄
            # counts from it, 党章第七条) even though the 党委 approves weeks later
            end = probation.probation_end(admitted) if admitted is not None else None
            on_time = (d.matter == "按期转正" and end is not None and person.confirmed == end
                       and d.branch_meeting <= add_months(end, rules_.grace_months))
            if person.confirmed is not None and not on_time:
                problems.append(f"{tag}：花名册显示已于{cn_date(person.confirmed)}转为正式党员，不能再办理“{d.matter}”")
            if admitted is not None and d.admitted is None:
                problems += check_row_dates(f"{tag}：", rules_.matters[d.matter], d.branch_meeting,
                                         d.committee_meeting, admitted, rules_)
        out.append(replace(d, admitted=admitted))
    return Decisions(decisions.source, out), problems
