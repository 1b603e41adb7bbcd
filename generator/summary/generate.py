"""Half-year and annual 发展党员工作总结 from the unit profile (plan targets) and the roster
(what actually happened): figures from generator/stats.py, text from templates/summary.md.j2 and
the corpus sections 基本情况, 主要做法, 存在问题, 下步打算.

The figures decide the clauses through conditions (a clause's `when:` front-matter field):

  总量:完成 / 总量:未完成 / 总量:超计划 / 总量:无发展
      the number recruited against the year's plan; for a part of the year against the 序时进度
      (the plan times the share of the year elapsed), both within the profile's 目标.允许偏差;
  达标:<类别> / 未达标:<类别>
      each structure share with a target (35岁及以下, 女, 少数民族, 大专及以上, 高中及以上, 生产工作一线);
  积极分子:完成 / 积极分子:未完成   new 入党积极分子 against 目标.积极分子 (same rule as 总量);
  梯队:充足 / 梯队:不足   入党积极分子 at period end against one year's plan (they are next year's members);
  支部:无梯队   some branch has neither 入党积极分子 nor 发展对象 at period end;
  程序:不规范   the roster check finds violations for people with a date in the period.

Every problem condition yields one 存在问题 clause and one 下步打算 clause written for it; the met
ones yield 主要做法 clauses and are stated as met in 基本情况. Clauses without `when` fill the
sections up to their usual length.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from generator.compose import clauses as corpus_mod
from generator.compose.assemble import Assembler, RenderedClause
from generator.compose.render import Generated, base_context, render_kind
from generator.core import kinds as kinds_mod
from generator.core.dates import cn_date
from generator.data.profile import WORK_FIGURES, Profile
from generator.errors import InputError, TemplateError, ValidationError
from generator.roster.people import Roster
from generator.roster.procedure import Violation, check_people
from generator.roster.stats import Figures, Period, compute, parse_period, profile_vs_roster

KIND = "summary"
# Usual lengths of the corpus sections when few conditions call for clauses.
MIN_PRACTICES = 4
MAX_ACHIEVEMENTS = 2  # 主要做法 clauses tied to a met target; the rest are general practices
MIN_PROBLEMS = 2
MIN_PLANS = 3


@dataclass
class Summary(Generated):
    figures: Figures | None = None
    conditions: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)  # those counted in the text


# --- conditions ---------------------------------------------------------------------------------
def _progress(rate: float | None, fraction: float, tolerance: float) -> str | None:
    """完成 / 未完成 / 超计划 of a year-to-date completion rate (percent of the year's plan)
    against the share of the year elapsed, both within `tolerance` percentage points."""
    if rate is None:
        return None
    if rate > 100 + tolerance:
        return "超计划"
    if rate >= fraction * 100 - tolerance:
        return "完成"
    return "未完成"


def conditions_for(fig: Figures, tolerance: float, violations: list[Violation]) -> dict[str, list[str]]:
    """Conditions grouped by role, each list in reading order:
    problems (存在问题 + 下步打算), achievements (主要做法), overall (基本情况 评价)."""
    fraction = 1.0 if fig.period.whole_year else fig.period.elapsed_fraction
    problems: list[str] = []
    achievements: list[str] = []
    if fig.new == 0 and fig.ytd_new == 0:
        total = "总量:无发展"
    elif fig.target == 0:
        total = "总量:超计划"  # recruiting with a plan of none
    else:
        total = "总量:" + (_progress(fig.completion, fraction, tolerance) or "完成")
    (achievements if total == "总量:完成" else problems).append(total)
    for s in fig.targeted_shares:
        if s.met is True:
            achievements.append(f"达标:{s.key}")
        elif s.met is False:
            problems.append(f"未达标:{s.key}")
    activists = _progress(fig.activist_completion, fraction, tolerance)
    if activists == "未完成":
        problems.append("积极分子:未完成")
    elif activists:
        achievements.append("积极分子:完成")
    if fig.target:
        if fig.pipeline.activists < fig.target:
            problems.append("梯队:不足")
        else:
            achievements.append("梯队:充足")
    if any(b.pipeline.activists + b.pipeline.candidates == 0 for b in fig.branches):
        problems.append("支部:无梯队")
    if violations:
        problems.append("程序:不规范")
    # achievements in the order a writer leads with: structure first, then totals and pipeline
    achievements.sort(key=lambda c: (not c.startswith("达标:"),))
    return {"problems": problems, "achievements": achievements, "overall": [total]}


def violations_in(people, period: Period) -> list[Violation]:
    """The roster's violations checked as of the period's end — what `gongwen roster check
    --as-of <end>` lists, so the summary's count and the check agree (a summary that says "履行了
    规定程序" while the check finds 转正 before 预备期满 is sent back)."""
    # dates after the period's end are later records, not errors, when the summary looks back
    return [v for v in check_people(people, as_of=period.end) if v.rule != "date_after_as_of"]


# the cases a reviewer wants named, not only counted (细则 facts that make an admission irregular)
SERIOUS = ("under_18", "activist_under_one_year", "confirmed_before_probation_end", "stage_order")


def serious_cases(violations: list[Violation], most: int = 3) -> list[str]:
    """"颜伟刚同志（镇机关第一党支部）预备期未满即转正" for the gravest violations, in roster order."""
    out = []
    for v in sorted((v for v in violations if v.rule in SERIOUS), key=lambda v: (SERIOUS.index(v.rule), v.person.row)):
        branch = f"（{v.person.branch}）" if v.person.branch else ""
        out.append(f"{v.person.name}同志{branch}{v.title}")
    return out[:most]


# --- clause selection ---------------------------------------------------------------------------
class SummaryAssembler(Assembler):
    """The Assembler plus selection by condition: for_conditions() gives exactly one clause written
    for each condition; general() fills a section with clauses that carry no condition, never
    repeating a topic already used in that section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._topics: dict[str, set[str]] = {}
        self.context.update(
            for_conditions=self.for_conditions, general=self.general, opening=self.opening,
        )

    def _choose(self, section: str, count: int, accept: Callable[[corpus_mod.Clause], bool], salt: str) -> list[corpus_mod.Clause]:
        in_section = [c for c in self.corpus.clauses.values() if c.section == section]
        allowed = [c for c in in_section if accept(c)]
        exclude = set(self.exclude) | {c.id for c in in_section if not accept(c)}
        return self.corpus.select(
            self.kind.id, section, self.unit_type, self.day, f"{self._seed(section)}|{salt}", count,
            include=self.include, exclude=exclude, when={c.when for c in allowed if c.when}, accept=self.fresh,
        )

    def _missing(self, section: str, what: str) -> TemplateError:
        return TemplateError(
            f"语料中没有适用于“{self.kind.name}·{section}”{what}的条文"
            f"（单位类型 {self.unit_type}，日期 {self.day.isoformat()}）"
        )

    def _render(self, section: str, chosen: list[corpus_mod.Clause]) -> list[RenderedClause]:
        used = self._topics.setdefault(section, set())
        used.update(c.topic for c in chosen if c.topic)
        return [self.render_clause(c) for c in chosen]

    def for_conditions(self, section: str, conditions: Iterable[str], at_most: int | None = None) -> list[RenderedClause]:
        """One clause per condition, in order. Every condition must get its clause, even when two
        share a topic (大专及以上, 高中及以上 under 存在问题); with `at_most`, the conditions are
        optional (主要做法): at most that many, none repeating a topic."""
        out: list[RenderedClause] = []
        for cond in conditions:
            if at_most is not None and len(out) >= at_most:
                break
            used = self._topics.setdefault(section, set())
            fresh = at_most is not None
            chosen = self._choose(
                section, 1, lambda c, cond=cond: c.when == cond and not (fresh and c.topic in used), cond
            )
            if not chosen:
                if fresh:
                    continue
                raise self._missing(section, f"、条件“{cond}”")
            out += self._render(section, chosen)
        return out

    def general(self, section: str, count: int) -> list[RenderedClause]:
        if count <= 0:
            return []
        used = self._topics.setdefault(section, set())

        def open_(c: corpus_mod.Clause) -> bool:
            return c.when is None and c.topic != "开篇" and (c.topic is None or c.topic not in used)

        # the practices the writer gave figures for come first, every one of them (the figures are what
        # the summary can show); the rest of the section is filled as before
        given = [k for k, v in (self.context.get("做法") or {}).items() if v is not None] if section == "主要做法" else []
        chosen: list[corpus_mod.Clause] = []
        if given:
            def counts(c: corpus_mod.Clause) -> bool:
                return open_(c) and any(f"做法.{k}" in c.body for k in given)
            for c in self._choose(section, len(given), counts, "数字"):
                if c.topic not in {x.topic for x in chosen}:
                    chosen.append(c)
        taken = {c.id for c in chosen}
        topics = {c.topic for c in chosen}
        if count > len(chosen):
            chosen += self._choose(section, count - len(chosen),
                                   lambda c: open_(c) and c.id not in taken and c.topic not in topics, "通用")
        if not chosen:
            raise self._missing(section, "、不带条件")
        return self._render(section, chosen)

    def opening(self) -> str:
        chosen = self._choose("基本情况", 1, lambda c: c.topic == "开篇", "开篇")
        if not chosen:
            raise self._missing("基本情况", "、主题“开篇”")
        return self._render("基本情况", chosen)[0].body


# --- the document -------------------------------------------------------------------------------
def summary_title(profile: Profile, period: Period) -> str:
    return f"{profile.full_name}{period.title_label}{kinds_mod.get(KIND).name}"


def summary_date(period: Period, day: dt.date | None) -> dt.date:
    """成文日期: --date, else the period's last day. A summary cannot be dated before the period
    it reports on has ended."""
    if day is None:
        return period.end
    if day < period.end:
        raise InputError(
            f"--date：成文日期{cn_date(day)}早于总结时段的结束日{cn_date(period.end)}；"
            f"如需统计到成文日期为止，请用 --from {period.start.isoformat()} --to {day.isoformat()}"
        )
    return day


def check_period(profile: Profile, period: Period) -> None:
    """The plan figures of the profile are for its 年度: a summary of another year would compare
    the roster with the wrong plan."""
    if not (period.start.year == period.end.year == profile.year):
        raise InputError(
            f"{profile.source}：单位概况的年度为{profile.year}年，总结时段为{period.label}；"
            f"总结要对照当年的计划，请使用{period.start.year}年的单位概况，或把时段限定在{profile.year}年内"
        )


def work_figures(profile: Profile, period: Period) -> dict[str, int | None]:
    """The profile's 工作情况 for exactly this period (2025上半年 / 2025H1 / 2025): every figure, None
    where not given;
    a key that is not a period is an error naming it."""
    out: dict[str, int | None] = dict.fromkeys(WORK_FIGURES)
    problems = []
    for key, figures in (profile.data.get("工作情况") or {}).items():
        try:
            p = parse_period(key)
        except InputError:
            problems.append(f"工作情况.{key}：不是总结时段（可写 2025上半年、2025H1、2025下半年、2025）")
            continue
        if (p.start, p.end) == (period.start, period.end):
            out.update(figures or {})
    if problems:
        raise ValidationError(profile.source, problems)
    return out


def report_title(profile: Profile, period: Period) -> str:
    return f"{profile.full_name}关于{period.title_label}发展党员工作情况的报告"


def report_recipient(profile: Profile) -> str:
    """公文.报告主送, else the superior committee's 组织部 (中共南岭县委 → 中共南岭县委组织部)."""
    given = profile.office.get("报告主送")
    if given:
        return given
    superior = profile.data["单位"]["上级"]
    return f"{superior}组织部" if superior.endswith(("委", "党委")) else superior


def summary_context(profile: Profile, roster: Roster, period: Period, day: dt.date, report: bool = False,
                    number: int | None = None) -> tuple[dict, Figures, dict, list[Violation]]:
    goals = profile.data["目标"]
    fig = compute(
        roster.people,
        period,
        target=goals.get("发展党员"),
        structure_targets=goals.get("结构") or {},
        activist_target=goals.get("积极分子"),
        branches=roster.branches,
    )
    violations = violations_in(roster.people, period)
    tolerance = goals.get("允许偏差")
    conds = conditions_for(fig, 5.0 if tolerance is None else tolerance, violations)
    ctx = base_context(profile, day)
    office = profile.office
    # a 总结 is reported upwards, not issued: no red header, 文号 or 版记
    ctx["公文"] = {
        "红头": False, "发文机关标志": None, "署名": office.get("署名") or profile.full_name,
        "抄送": None, "印发机关": None, "印发日期": None,
    }
    if report:
        # a 报告 goes up through the register like any other document: 主送, 发文字号, the unit's 版头
        # (the profile's 抄送 and 印发日期 are the plan's: 抄送 the body the report is sent to, or printed
        # in February for a June report, would be sent back)
        ctx["公文"] = {**office, "署名": office.get("署名") or profile.full_name, "抄送": None, "印发日期": None}
    ctx.update(
        报告=report,
        主送=report_recipient(profile) if report else None,
        发文字号=profile.doc_number(day.year, number) if report else None,
        标题=report_title(profile, period) if report else summary_title(profile, period),
        期间=period,
        下期=period.next_label,
        数据=fig,
        结构={s.key: s for s in fig.shares},
        问题条件=conds["problems"],
        成效条件=conds["achievements"],
        最多成效=MAX_ACHIEVEMENTS,
        评价条件=conds["overall"],
        无梯队支部=[b.name for b in fig.branches if b.pipeline.activists + b.pipeline.candidates == 0],
        程序问题=violations,
        程序问题人数=len({v.person.row for v in violations}),
        程序问题举例=serious_cases(violations),
        最少做法=MIN_PRACTICES,
        做法=work_figures(profile, period),
        最少问题=MIN_PROBLEMS,
        最少打算=MIN_PLANS,
    )
    return ctx, fig, conds, violations


def generate_summary(
    profile: Profile,
    roster: Roster,
    period: Period,
    day: dt.date | None = None,
    *,
    variant: int = 0,
    corpus_dirs: Iterable[str] = (),
    template_dirs: tuple[str, ...] = (),
    report: bool = False,
    number: int | None = None,
) -> Summary:
    """report: written as a 报告 to the superior 组织部 (主送, 发文字号 — `number`, else the profile's
    文号 — and 特此报告), not as an internal 总结."""
    check_period(profile, period)
    day = summary_date(period, day)
    ctx, fig, conds, violations = summary_context(profile, roster, period, day, report, number)
    g = render_kind(
        KIND, profile, ctx, day, variant=variant, corpus_dirs=corpus_dirs, template_dirs=template_dirs,
        assembler_cls=SummaryAssembler,
    )
    all_conditions = conds["overall"] + [c for c in conds["problems"] + conds["achievements"] if c not in conds["overall"]]
    notes = profile_vs_roster(profile, roster.people, period.year)
    shown = ctx["做法"].get("公示")
    if shown is not None and shown < fig.new:
        notes.append(f"工作情况中公示{shown}人次，少于本期接收的预备党员{fig.new}名（接收前都应公示），请核对")
    return Summary(KIND, g.markdown, g.document, g.clause_ids, notes=notes,
                   figures=fig, conditions=all_conditions, violations=violations)
