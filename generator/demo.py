"""`gongwen demo`: every implemented kind from the bundled fictional unit in examples/."""
from __future__ import annotations

from pathlib import Path

from generator import resources
from generator.data.profile import load_profile
from generator.infra.fileio import write_all
from generator.plans.generate import generate_plan
from generator.writers.outputs import render_outputs

MARKER = ".gongwen-demo"  # a demo directory may be regenerated without --force


def run_demo(directory: Path, force: bool = False) -> list[Path]:
    profile = load_profile(resources.examples_dir() / "unit.yaml")
    outputs: dict[Path, bytes] = {}
    plan = generate_plan(profile)
    outputs.update(render_outputs(plan.document, directory, plan.document.meta.title, ("docx", "md")))
    outputs.update(_plans(profile, directory))
    outputs.update(_approvals(profile, directory / "批复"))
    outputs.update(_summary(profile, directory))
    ours = (directory / MARKER).exists()
    paths = write_all(outputs, force=force or ours)
    (directory / MARKER).write_text("gongwen demo 生成的目录，可重新生成。\n", encoding="utf-8")
    return paths


def _approvals(profile, directory: Path) -> dict[Path, bytes]:
    """The example decisions sheet as a batch of 批复, numbered after the plan's own 文号."""
    from generator.approvals.batch import BatchOptions
    from generator.approvals.batch import plan as plan_batch
    from generator.approvals.batch import render_outputs as batch_outputs

    options = BatchOptions(out_dir=directory, start=(profile.office.get("文号") or 1) + 1, force=True)
    approvals = plan_batch(profile, resources.examples_dir() / "decisions.xlsx", options, register=None)
    return batch_outputs(profile, approvals, options)[0]


def _plans(profile, directory: Path) -> dict[Path, bytes]:
    """The multi-year plan, and the notice that issues the annual plan (the same issuance as the
    plan above, so the same 文号); the multi-year plan takes the number before it."""
    from generator.plans.generate import generate_multi_year_plan, generate_notice

    out: dict[Path, bytes] = {}
    number = profile.office.get("文号") or 1
    for g in (generate_multi_year_plan(profile, number=max(number - 1, 1)), generate_notice(profile, of="plan")):
        out.update(render_outputs(g.document, directory, g.document.meta.title, ("docx", "md")))
    return out


def _summary(profile, directory: Path) -> dict[Path, bytes]:
    """The half-year summary from the example roster, and the roster's procedure check as of the
    same day (the roster carries a few deliberate errors)."""
    import dataclasses

    from generator.core.dates import cn_date
    from generator.roster.people import load_roster
    from generator.roster.report import report_bytes, run_check
    from generator.roster.stats import parse_period
    from generator.summary.generate import generate_summary

    roster = load_roster(resources.examples_dir() / "roster.xlsx")
    period = parse_period(f"{profile.year}H1")
    s = generate_summary(profile, roster, period)
    out = render_outputs(s.document, directory, s.document.meta.title, ("docx", "md"))
    # the report names the roster as the repository does, not by this machine's path
    check = run_check(dataclasses.replace(roster, path="examples/roster.xlsx"), period.end)
    for suffix in (".txt", ".xlsx"):
        path = directory / f"花名册程序检查（{cn_date(period.end)}）{suffix}"
        out[path] = report_bytes(check, path)
    return out
