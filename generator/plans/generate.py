"""The plans: the annual 发展党员工作计划, the multi-year 发展党员工作规划, and the 印发通知 that
issues either of them, each from the unit profile through the compose pipeline."""
from __future__ import annotations

import copy
import datetime as dt
from typing import Callable

from generator.compose.render import Generated, base_context, render_kind
from generator.core import kinds as kinds_mod
from generator.core import markdown_io
from generator.core.dates import cn_date
from generator.core.model import Document, Meta
from generator.data.profile import Profile
from generator.data.register import Register
from generator.plans import breakdown
from generator.plans import multiyear as planning
from generator.roster.people import Roster
from generator.roster.stats import profile_vs_roster


def date_notes(profile: Profile, day: dt.date, first_year: int | None = None) -> list[str]:
    """A plan is dated in its own year or late in the year before; anything else is most likely a
    wrong --date or a profile copied from last year."""
    year = first_year or profile.year
    if year - 1 <= day.year <= year:
        return []
    return [f"成文日期{cn_date(day)}与计划年度{year}年不相符，请核对 --date 或单位概况中的 年度、公文.成文日期"]


def plan_context(profile: Profile, day: dt.date, number: int | None = None) -> dict:
    """number: the 发文字号's sequence number; None takes the profile's 文号; 0 gives no 发文字号
    (a plan issued through a 印发通知 carries the notice's number, none of its own)."""
    ctx = base_context(profile, day)
    ctx["发文字号"] = None if number == 0 else profile.doc_number(day.year, number)
    return ctx


def annual_context(profile: Profile, day: dt.date, number: int | None, roster: Roster | None) -> dict:
    """The annual plan's: last year's results, the quota per branch and the quarterly timetable,
    from the roster and the profile's 目标.分解 (none of them without their data)."""
    ctx = plan_context(profile, day, number)
    ctx["上年"] = breakdown.last_year(profile, roster) if roster is not None else None
    ctx["分解"] = breakdown.quota(profile, roster)
    ctx["进度"] = breakdown.timetable(profile, roster)
    ctx["年初"] = breakdown.as_of_label(profile)
    return ctx


def roster_notes(profile: Profile, roster: Roster | None, q: breakdown.Quota | None) -> list[str]:
    """What the writer should check: 现状 against the roster, a plan beyond every branch's pool
    (`q`: the quota the plan was written with)."""
    if roster is None:
        return []
    notes = profile_vs_roster(profile, roster.people, profile.year)
    if q is not None and q.unassigned:
        notes.append(f"年度计划发展{q.total}名，多于各党支部年初发展对象和入党积极分子合计{q.total - q.unassigned}名；"
                     f"其余{q.unassigned}名在计划中写作由党委统筹安排，请核对计划数")
    return notes


# a plan without its 版头 (红头: false) is an internal paper or an attachment: no 发文字号 above its title
# (the templates leave it out), and none is taken from the register for it
UNNUMBERED_WITHOUT_HEADER = ("plan", "multi_year_plan")


def generate_numbered(kind: str, profile: Profile, register: Register | None, day: dt.date | None = None,
                      **options) -> Generated:
    """The document with its 发文字号 from the register: the number it had before, or the next free
    one. Without a register (or a 机关代字), the profile's 文号 as written."""
    generate = GENERATORS[kind]
    g = generate(profile, day, **options)
    prefix = profile.office.get("发文字号前缀")
    if register is None or not prefix or (kind in UNNUMBERED_WITHOUT_HEADER and not profile.office.get("红头")):
        return g
    day = profile.document_date(day)
    n = register.number_for(prefix, day.year, f"{kind}：{g.document.meta.title}", profile.office.get("文号") or 1)
    return generate(profile, day, number=n, **options)


def multi_year_context(profile: Profile, day: dt.date, number: int | None = None, roster: Roster | None = None) -> dict:
    ctx = annual_context(profile, day, number, roster)
    ctx["规划期"] = planning.multi_year(profile.data, profile.source)
    return ctx


def generate_plan(profile: Profile, day: dt.date | None = None, *, number: int | None = None,
                  roster: Roster | None = None, **options) -> Generated:
    """`number`: the 发文字号 sequence number, instead of the profile's 公文.文号; `roster`: the
    unit's roster, for last year's results, the quota per branch and what falls due when."""
    day = profile.document_date(day)
    ctx = annual_context(profile, day, number, roster)
    g = render_kind("plan", profile, ctx, day, **options)
    g.notes += date_notes(profile, day) + roster_notes(profile, roster, ctx["分解"])
    return g


def generate_multi_year_plan(
    profile: Profile, day: dt.date | None = None, *, number: int | None = None, roster: Roster | None = None,
    **options
) -> Generated:
    day = profile.document_date(day)
    g = render_kind("multi_year_plan", profile, multi_year_context(profile, day, number, roster), day, **options)
    g.notes += date_notes(profile, day, (profile.data.get("规划") or {}).get("起始年"))
    return g


# Kinds a 印发通知 can carry, and how to make them.
PRINTABLE: dict[str, Callable[..., Generated]] = {
    "plan": generate_plan,
    "multi_year_plan": generate_multi_year_plan,
}


def attached(doc: Document, issuer: str) -> Document:
    """The document as a notice's 附件: its title without the issuing body (the notice names it:
    关于印发《2025年度发展党员工作计划》的通知), no 版头, 署名, 日期 or 版记 of its own — the
    notice carries those."""
    title = doc.meta.title
    if issuer and title.startswith(issuer) and len(title) > len(issuer):
        title = title[len(issuer):]
    return Document(Meta(kind=doc.meta.kind, title=title), copy.deepcopy(doc.blocks), source=doc.source)


def generate_notice(
    profile: Profile, day: dt.date | None = None, of: str = "plan", *, number: int | None = None,
    roster: Roster | None = None, **options
) -> Generated:
    """关于印发《…》的通知 with the generated plan or multi-year plan as its 附件."""
    day = profile.document_date(day)
    inner = PRINTABLE[of](profile, day, roster=roster, **options)
    attachment = attached(inner.document, profile.full_name)
    ctx = plan_context(profile, day, number)
    ctx.update(文件标题=attachment.meta.title, 印发文种=kinds_mod.get(of).name)
    notice = render_kind("notice", profile, ctx, day, **options)
    notice.document.attachments.append(attachment)
    # once more through the Markdown text so that positions and the .md agree with the model
    text = markdown_io.render(notice.document)
    doc = markdown_io.parse(text, "templates/notice.md.j2")
    return Generated("notice", markdown_io.render(doc), doc, inner.clause_ids + notice.clause_ids, notes=inner.notes)


# Every kind this module generates from a profile alone (the matrix test walks them).
GENERATORS: dict[str, Callable[..., Generated]] = {
    "plan": generate_plan,
    "multi_year_plan": generate_multi_year_plan,
    "notice": generate_notice,
}
