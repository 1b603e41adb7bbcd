"""Option parsing the commands share: dates as writers type them, output directories, and the
options of every command that generates a document from a unit profile."""
from __future__ import annotations

from pathlib import Path

import click

from .errors import InputError

# What a writer may type for the two plan kinds (the kind id or how writers call it).
PLAN_KINDS = {
    "plan": "plan", "年度计划": "plan", "计划": "plan", "年度发展党员工作计划": "plan",
    "multi_year_plan": "multi_year_plan", "multi-year-plan": "multi_year_plan", "规划": "multi_year_plan",
    "多年规划": "multi_year_plan", "发展党员工作规划": "multi_year_plan",
}


def parse_date_arg(value: str | None, option: str):
    """A date in any form writers type (2025-03-18, 2025/3/18, 2025年3月18日); the message names
    the option."""
    if value is None:
        return None
    from .data.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{option}：{exc}") from None


def date_option(ctx, param, value):
    """click callback for a date option."""
    return parse_date_arg(value, param.opts[0])


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


def out_dir(value: str | None, default: str) -> Path:
    return Path(value) if value else Path(default)


def generation_options(f):
    """--date -o --format --variant --corpus --force, as every generating command takes them."""
    for option in reversed((
        click.option("--date", "day", callback=date_option, help="成文日期（YYYY-MM-DD），默认取单位概况中的成文日期。"),
        click.option("-o", "--output", "out", help="输出目录，默认 output。"),
        click.option("--format", "fmt", default="docx,md", show_default=True, help="输出格式，逗号分隔：docx,md。"),
        click.option("--variant", callback=variant, metavar="N", help="换一种条文组合（0—999，默认 0）。"),
        click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="追加本单位的语料目录（可多次）。"),
        click.option("--force", is_flag=True, help="覆盖已存在的输出文件。"),
    )):
        f = option(f)
    return f


def write_generated(g, out, fmt, force) -> None:
    from .outputs import parse_formats, write_document

    formats = parse_formats(fmt)
    for path in write_document(g.document, out_dir(out, "output"), g.document.meta.title, formats, force):
        click.echo(f"已生成：{path}")
