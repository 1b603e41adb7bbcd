"""The `gongwen` command: parse options, call the library, map errors to exit codes (0/1/2)."""
from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path

import click

from . import __version__, cli_i18n
from .errors import GongwenError, ValidationError

_DEBUG = False
cli_i18n.install()


def _date(ctx, param, value):
    if value is None:
        return None
    from .data.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


class GongwenGroup(click.Group):
    """Runs a command and turns our errors into one Chinese line and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GongwenError as exc:
            if _DEBUG:
                traceback.print_exc()
            lines = exc.lines() if isinstance(exc, ValidationError) else [str(exc)]
            for line in lines:
                click.echo(f"错误：{line}" if line is lines[0] else line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断，未写完的文件已清理。", err=True)
            ctx.exit(130)


@click.group(cls=GongwenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen")
@click.option("--debug", is_flag=True, help="出错时显示完整的调用栈（供开发者排查）。")
def main(debug: bool) -> None:
    """党务公文工坊：生成发展党员工作计划、规划、总结、批复、通知，并检查公文草稿。"""
    global _DEBUG
    _DEBUG = debug


def _out_dir(value: str | None, default: str) -> Path:
    return Path(value) if value else Path(default)


def _plan_kind(ctx, param, value):
    from .cli_plans import plan_kind

    return plan_kind(ctx, param, value)


def _variant(ctx, param, value):
    from .cli_plans import variant

    return variant(ctx, param, value)


@main.command()
@click.argument("unit", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", callback=_plan_kind, metavar="KIND",
              help="plan（年度发展党员工作计划，默认）或 multi_year_plan（3—5年发展党员工作规划，需单位概况中的“规划”）。")
@click.option("--date", "day", callback=_date, help="成文日期（YYYY-MM-DD），默认取单位概况中的成文日期。")
@click.option("-o", "--output", "out", help="输出目录，默认 output。")
@click.option("--format", "fmt", default="docx,md", show_default=True, help="输出格式，逗号分隔：docx,md。")
@click.option("--variant", callback=_variant, metavar="N", help="换一种条文组合（0—999，默认 0）。")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), help="追加本单位的语料目录（可多次）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def plan(unit, kind, day, out, fmt, variant, corpus_dirs, force):
    """根据单位概况 UNIT（YAML）生成年度发展党员工作计划，或（--kind multi_year_plan）多年规划。"""
    from .data.profile import load_profile
    from .documents import GENERATORS
    from .outputs import parse_formats, write_document

    formats = parse_formats(fmt)
    profile = load_profile(unit)
    g = GENERATORS[kind](profile, day, variant=variant, corpus_dirs=corpus_dirs)
    for path in write_document(g.document, _out_dir(out, "output"), g.document.meta.title, formats, force):
        click.echo(f"已生成：{path}")


@main.command()
@click.option("-o", "--output", "out", help="输出目录，默认 output/demo。")
@click.option("--force", is_flag=True, help="输出目录中有非示例生成的同名文件时也覆盖。")
def demo(out, force):
    """用内置的虚构示例单位生成全部已实现的文种，看看效果。"""
    from .demo import run_demo

    for path in run_demo(_out_dir(out, "output/demo"), force):
        click.echo(f"已生成：{path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

from .cli_approve import approve  # noqa: E402

main.add_command(approve)

from .cli_summary import roster, summary  # noqa: E402

main.add_command(summary)
main.add_command(roster)

from .cli_plans import notice  # noqa: E402
from .cli_corpus import corpus  # noqa: E402

main.add_command(notice)
main.add_command(corpus)

from .cli_lint import lint  # noqa: E402

main.add_command(lint)
