"""`gongwen notice` and the option parsing shared with `gongwen plan --kind`: which plan kind,
which variant. Messages in Chinese (click's own range errors are English)."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import _date, _out_dir
from .errors import InputError

# What a writer may type for the two plan kinds (the kind id or how writers call it).
PLAN_KINDS = {
    "plan": "plan", "年度计划": "plan", "计划": "plan", "年度发展党员工作计划": "plan",
    "multi_year_plan": "multi_year_plan", "multi-year-plan": "multi_year_plan", "规划": "multi_year_plan",
    "多年规划": "multi_year_plan", "发展党员工作规划": "multi_year_plan",
}


def plan_kind(ctx, param, value):
    if value is None:
        return "plan"
    kind = PLAN_KINDS.get(str(value).strip())
    if kind is None:
        raise InputError(f"--{param.name}：不认识“{value}”，可选 plan（年度计划）或 multi_year_plan（规划）")
    return kind


def variant(ctx, param, value):
    if value is None:
        return 0
    text = str(value).strip()
    if not text.isdigit() or int(text) > 999:
        raise InputError(f"--variant：应为 0—999 的整数，实际为“{value}”")
    return int(text)


def write_generated(g, out, fmt, force) -> None:
    from .outputs import parse_formats, write_document

    formats = parse_formats(fmt)
    for path in write_document(g.document, _out_dir(out, "output"), g.document.meta.title, formats, force):
        click.echo(f"已生成：{path}")


@click.command()
@click.argument("unit", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--of", "of", callback=plan_kind, metavar="KIND",
              help="印发的文件：plan（年度发展党员工作计划，默认）或 multi_year_plan（发展党员工作规划）。")
@click.option("--date", "day", callback=_date, help="成文日期（YYYY-MM-DD），默认取单位概况中的成文日期。")
@click.option("-o", "--output", "out", help="输出目录，默认 output。")
@click.option("--format", "fmt", default="docx,md", show_default=True, help="输出格式，逗号分隔：docx,md。")
@click.option("--variant", callback=variant, metavar="N", help="换一种条文组合（0—999，默认 0）。")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), help="追加本单位的语料目录（可多次）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def notice(unit, of, day, out, fmt, variant, corpus_dirs, force):
    """生成印发通知：“关于印发《…》的通知”，后附年度计划或规划全文（附件，另面编排）。

    主送取单位概况的 公文.主送，缺省为 单位.所属组织；发文字号、署名、成文日期、抄送和印发机关都属于通知。"""
    from .data.profile import load_profile
    from .documents import generate_notice
    from .outputs import parse_formats

    parse_formats(fmt)  # a bad --format is reported before any work
    profile = load_profile(unit)
    g = generate_notice(profile, day, of=of, variant=variant, corpus_dirs=corpus_dirs)
    write_generated(g, out, fmt, force)
