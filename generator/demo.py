"""`gongwen demo`: every implemented kind from the bundled fictional unit in examples/."""
from __future__ import annotations

import hashlib
from pathlib import Path

from generator import resources
from generator.data.profile import load_profile
from generator.errors import OutputError
from generator.infra.fileio import replace_atomically, write_all
from generator.plans.generate import generate_plan
from generator.writers.outputs import render_outputs

MARKER = ".gongwen-demo"  # what demo wrote: its files may be regenerated without --force
_MARKER_HEADER = "# gongwen demo 生成的文件及其 SHA-256；未被改动过的文件重新运行 demo 时可直接更新。\n"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _recorded(directory: Path) -> dict[str, str]:
    """relative path -> digest of the bytes demo wrote there, from the marker (empty when absent)."""
    try:
        text = (directory / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out = {}
    for line in text.splitlines():
        digest, _, rel = line.partition("  ")
        if len(digest) == 64 and rel:
            out[rel] = digest
    return out


def _edited(directory: Path, outputs: dict[Path, bytes]) -> list[Path]:
    """Existing files demo would replace that are not as demo left them (the user edited them, or
    they were never demo's): demo follows the no-overwrite rule of every command for those."""
    recorded = _recorded(directory)
    edited = []
    for path, data in outputs.items():
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            edited.append(path)
            continue
        rel = path.relative_to(directory).as_posix()
        if current != data and recorded.get(rel) != _digest(current):
            edited.append(path)
    return edited


def run_demo(directory: Path, force: bool = False) -> list[Path]:
    from generator.roster.people import load_roster

    profile = load_profile(resources.examples_dir() / "unit.yaml")
    roster = load_roster(resources.examples_dir() / "roster.xlsx")
    outputs: dict[Path, bytes] = {}
    # the annual plan is issued through the notice below: the notice carries the 文号, the plan none
    plan = generate_plan(profile, number=0, roster=roster)
    outputs.update(render_outputs(plan.document, directory, plan.document.meta.title, ("docx", "md")))
    outputs.update(_plans(profile, roster, directory))
    outputs.update(_approvals(profile, directory / "批复"))
    outputs.update(_chain(profile, roster, directory))
    outputs.update(_summary(profile, roster, directory))
    if not force:
        edited = _edited(directory, outputs)
        if edited:
            shown = "、".join(str(p.relative_to(directory)) for p in edited[:5])
            more = f"等{len(edited)}个文件" if len(edited) > 5 else ""
            raise OutputError(f"{directory}：{shown}{more}不是 demo 上次生成的原样（可能已被修改），未覆盖；"
                              "确需覆盖请加 --force，或用 -o 换一个目录")
    paths = write_all(outputs, force=True)  # every existing target was checked above
    manifest = _MARKER_HEADER + "".join(
        f"{_digest(data)}  {p.relative_to(directory).as_posix()}\n" for p, data in sorted(outputs.items()))
    replace_atomically(directory / MARKER, manifest.encode("utf-8"))
    return paths


def _approvals(profile, directory: Path) -> dict[Path, bytes]:
    """The example decisions sheet as a batch of 批复, numbered after the plan's own 文号."""
    from generator.approvals.batch import BatchOptions
    from generator.approvals.batch import plan as plan_batch
    from generator.approvals.batch import render_outputs as batch_outputs

    options = BatchOptions(out_dir=directory, start=(profile.office.get("文号") or 1) + 1, force=True)
    approvals = plan_batch(profile, resources.examples_dir() / "decisions.xlsx", options, register=None)
    return batch_outputs(profile, approvals, options)[0]


def _chain(profile, roster, directory: Path) -> dict[Path, bytes]:
    """What the 批复 answer and what comes before them, from the same roster and sheet: the
    branches' 请示 and the 公示 of those to be received and confirmed (dated before the meetings)."""
    import datetime as dt

    from generator.approvals.batch import BatchOptions
    from generator.approvals.batch import plan as plan_batch
    from generator.approvals.batch import render_outputs as batch_outputs
    from generator.approvals.publicity import generate_publicity, names_from_decisions, parse_stage

    sheet = resources.examples_dir() / "decisions.xlsx"
    options = BatchOptions(out_dir=directory / "请示", force=True, kind="request",
                           roster=resources.examples_dir() / "roster.xlsx")
    out = batch_outputs(profile, plan_batch(profile, sheet, options, register=None), options)[0]
    for stage in ("接收", "转正"):
        st = parse_stage(stage)
        g = generate_publicity(profile, roster, st, dt.date(2025, 2, 20), names=names_from_decisions(sheet, st))
        out.update(render_outputs(g.document, directory / "公示", g.document.meta.title, ("docx", "md")))
    return out


def _plans(profile, roster, directory: Path) -> dict[Path, bytes]:
    """The multi-year plan, and the notice that issues the annual plan (the same issuance as the
    plan above, so the same 文号); the multi-year plan takes the number before it."""
    from generator.plans.generate import generate_multi_year_plan, generate_notice

    out: dict[Path, bytes] = {}
    number = profile.office.get("文号") or 1
    for g in (generate_multi_year_plan(profile, number=max(number - 1, 1), roster=roster),
              generate_notice(profile, of="plan", roster=roster)):
        out.update(render_outputs(g.document, directory, g.document.meta.title, ("docx", "md")))
    return out


def _summary(profile, roster, directory: Path) -> dict[Path, bytes]:
    """The half-year summary from the example roster, and the roster's procedure check as of the
    same day (the roster carries a few deliberate errors)."""
    import dataclasses

    from generator.core.dates import cn_date
    from generator.roster.report import report_bytes, run_check
    from generator.roster.stats import parse_period
    from generator.summary.generate import generate_summary

    period = parse_period(f"{profile.year}H1")
    s = generate_summary(profile, roster, period)
    out = render_outputs(s.document, directory, s.document.meta.title, ("docx", "md"))
    # the report names the roster as the repository does, not by this machine's path
    check = run_check(dataclasses.replace(roster, path="examples/roster.xlsx"), period.end)
    for suffix in (".txt", ".xlsx"):
        path = directory / f"花名册程序检查（{cn_date(period.end)}）{suffix}"
        out[path] = report_bytes(check, path)
    return out
