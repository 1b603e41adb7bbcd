"""`gongwen plan` (annual plan or, with --kind, the multi-year plan) and `gongwen notice` (the
印发通知 that carries one of them)."""
from __future__ import annotations

import click

from generator.cli.common import UNIT_FILE, generation_options, input_file, plan_kind, write_generated


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--kind", callback=plan_kind, metavar="KIND",
              help="plan（年度发展党员工作计划，默认）或 multi_year_plan（3—5年发展党员工作规划，需单位概况中的“规划”）。")
@generation_options
def plan(unit, kind, day, out, fmt, variant, corpus_dirs, force):
    """根据单位概况 UNIT（YAML）生成年度发展党员工作计划，或（--kind multi_year_plan）多年规划。"""
    from generator.data.profile import load_profile
    from generator.plans.generate import GENERATORS
    from generator.writers.outputs import parse_formats

    parse_formats(fmt)  # a bad --format is reported before any work
    profile = load_profile(unit)
    g = GENERATORS[kind](profile, day, variant=variant, corpus_dirs=corpus_dirs)
    write_generated(g, out, fmt, force)


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--of", "of", callback=plan_kind, metavar="KIND",
              help="印发的文件：plan（年度发展党员工作计划，默认）或 multi_year_plan（发展党员工作规划）。")
@generation_options
def notice(unit, of, day, out, fmt, variant, corpus_dirs, force):
    """生成印发通知：“关于印发《…》的通知”，后附年度计划或规划全文（附件，另面编排）。

    主送取单位概况的 公文.主送，缺省为 单位.所属组织；发文字号、署名、成文日期、抄送和印发机关都属于通知。"""
    from generator.data.profile import load_profile
    from generator.plans.generate import generate_notice
    from generator.writers.outputs import parse_formats

    parse_formats(fmt)
    profile = load_profile(unit)
    g = generate_notice(profile, day, of=of, variant=variant, corpus_dirs=corpus_dirs)
    write_generated(g, out, fmt, force)
