"""Contexts to render a clause outside a document (gongwen corpus check/show/search): the context a
real document of the clause's kind would give it, built from the bundled fictional unit in
examples/ (its profile, roster and decisions sheet) or from a writer's own profile.

Every kind has one, so `corpus check` renders every clause with exactly the names its kind's
documents offer: a 批复 clause that uses {{ 目标 }} fails here, not later in `gongwen approve`."""
from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from typing import Callable

from generator import resources
from generator.approvals.build import ApprovalBuilder, check_dates, group
from generator.core import kinds as kinds_mod
from generator.core.figures import categories
from generator.data.decisions import read_decisions
from generator.data.profile import Profile, load_profile
from generator.data.register import assign_numbers
from generator.plans.generate import annual_context, multi_year_context
from generator.roster.people import Roster, load_roster
from generator.roster.stats import parse_period
from generator.summary.generate import summary_context


@lru_cache(maxsize=1)
def _example() -> Profile:
    return load_profile(resources.examples_dir() / "unit.yaml")


def example_profile(unit_type: str | None = None) -> Profile:
    """The bundled fictional unit (examples/unit.yaml), optionally turned into another unit type."""
    profile = Profile(copy.deepcopy(_example().data), _example().source)
    if unit_type:
        profile.data["单位"]["类型"] = unit_type
    return profile


_SAMPLE_TARGET = 10.0  # percent, for the categories a profile sets no target for


@lru_cache(maxsize=1)
def _roster() -> Roster:
    return load_roster(resources.examples_dir() / "roster.xlsx")


@lru_cache(maxsize=1)
def _decisions():
    decisions, _ = read_decisions(resources.examples_dir() / "decisions.xlsx")
    return decisions.items


def _plan(profile: Profile, day: dt.date, when: str | None) -> dict:
    ctx = multi_year_context(profile, day) if profile.data.get("规划") else annual_context(profile, day, None, None)
    ctx.update(文件标题=f"{profile.year}年度发展党员工作计划", 印发文种=kinds_mod.get("plan").name)
    return ctx


def _summary(profile: Profile, day: dt.date, when: str | None) -> dict:
    """The example roster's figures for the profile's year, with a target for every structure
    category: a clause written for one (when: 未达标:少数民族) is only chosen where the profile
    sets that target, and must be rendered with it."""
    profile = Profile(copy.deepcopy(profile.data), profile.source)
    targets = profile.data["目标"].setdefault("结构", {})
    for key in categories():
        targets.setdefault(key, _SAMPLE_TARGET)
    period = parse_period(str(profile.year))
    ctx, *_ = summary_context(profile, _roster(), period, max(day, period.end))
    return ctx


def _approval(profile: Profile, day: dt.date, when: str | None) -> dict:
    """A 批复 of the example decisions sheet for the clause's 事项 (its `when`), numbered as the
    profile would number it."""
    approvals = group(_decisions())
    check_dates(approvals, None)
    assign_numbers(approvals, profile.office.get("发文字号前缀"), profile.office.get("文号") or 1, None, None)
    chosen = next((a for a in approvals if a.matter.id == when), approvals[0])
    return ApprovalBuilder(profile).context(chosen)


# kind -> function (profile, day, clause condition) -> context
SAMPLES: dict[str, Callable[[Profile, dt.date, str | None], dict]] = {
    "plan": _plan,
    "multi_year_plan": _plan,
    "notice": _plan,
    "summary": _summary,
    "approval": _approval,
}


def sample_context(kind: str, unit_type: str, day: dt.date, when: str | None = None,
                   profile: Profile | None = None) -> dict | None:
    """The context a clause of `kind` gets for a unit of `unit_type` (from the example unit, or from
    `profile` when given); None for a kind without sample data."""
    make = SAMPLES.get(kind)
    if make is None:
        return None
    return make(profile or example_profile(unit_type), day, when)
