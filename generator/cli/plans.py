"""`gongwen plan` (annual plan or, with --kind, the multi-year plan) and `gongwen notice` (the
印发通知 that carries one of them)."""
from __future__ import annotations

from contextlib import nullcontext

import click

from generator.cli.common import (
    ROSTER_FILE,
    UNIT_FILE,
    generation_options,
    input_file,
    open_register,
    plan_kind,
    register_options,
    write_generated,
)


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--kind", callback=plan_kind, metavar="KIND",
              help="plan（年度发展党员工作计划，默认）或 multi_year_plan（3—5年发展党员工作规划，需单位概况中的“规划”）。")
@click.option("--roster", callback=input_file(ROSTER_FILE), metavar="文件",
              help="发展党员花名册（.xlsx/.csv），可选：写入上年发展情况、各党支部任务分解和各季度到期事项。")
@generation_options
@register_options
def plan(unit, kind, roster, day, out, fmt, variant, corpus_dirs, force, register, no_register):
    """根据单位概况 UNIT（YAML）生成年度发展党员工作计划，或（--kind multi_year_plan）多年规划。

    发文字号取自文号登记簿（与 notice、approve 共用）：同一文件重新生成沿用原号，新文件取下一个号。"""
    _issue(kind, unit, roster, day, out, fmt, force, register, no_register, variant=variant, corpus_dirs=corpus_dirs)


def _issue(kind, unit, roster, day, out, fmt, force, register, no_register, **options) -> None:
    from generator.data.profile import load_profile
    from generator.plans.generate import generate_numbered
    from generator.roster.people import load_roster
    from generator.writers.outputs import parse_formats

    parse_formats(fmt)  # a bad --format is reported before any work
    profile = load_profile(unit)
    options["roster"] = load_roster(roster) if roster else None
    reg = open_register(unit, out, register, no_register)
    with reg if reg is not None else nullcontext():
        for note in reg.notes if reg is not None else ():
            click.echo(f"提示：{note}", err=True)
        g = generate_numbered(kind, profile, reg, day, **options)
        write_generated(g, out, fmt, force)
        if reg is not None and profile.office.get("发文字号前缀"):
            reg.save()
            click.echo(f"文号登记簿：{reg.path}")


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--of", "of", callback=plan_kind, metavar="KIND",
              help="印发的文件：plan（年度发展党员工作计划，默认）或 multi_year_plan（发展党员工作规划）。")
@click.option("--roster", callback=input_file(ROSTER_FILE), metavar="文件",
              help="发展党员花名册（.xlsx/.csv），可选：用于所印发的计划（上年情况、任务分解、到期事项）。")
@generation_options
@register_options
def notice(unit, of, roster, day, out, fmt, variant, corpus_dirs, force, register, no_register):
    """生成印发通知：“关于印发《…》的通知”，后附年度计划或规划全文（附件，另面编排）。

    主送取单位概况的 公文.主送，缺省为 单位.所属组织；发文字号、署名、成文日期、抄送和印发机关都属于通知。"""
    _issue("notice", unit, roster, day, out, fmt, force, register, no_register, of=of, variant=variant,
           corpus_dirs=corpus_dirs)
