"""Option parsing the commands share: dates as writers type them, output directories, and the
options of every command that generates a document from a unit profile."""
from __future__ import annotations

from pathlib import Path

import click

from generator.core.kinds import parse_kind
from generator.errors import InputError


def debug_flag() -> bool:
    """Whether `gongwen --debug` was given (the group's option, read from the running context)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("debug"))


def parse_date_arg(value: str | None, option: str):
    """A date in any form writers type (2025-03-18, 2025/3/18, 2025年3月18日); the message names
    the option."""
    if value is None:
        return None
    from generator.core.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{option}：{exc}") from None


def date_option(ctx, param, value):
    """click callback for a date option."""
    return parse_date_arg(value, param.opts[0])


PLAN_KINDS = ("plan", "multi_year_plan")


def plan_kind(ctx, param, value):
    """--kind / --of of the plan commands: one of the plan kinds, as writers type them."""
    return parse_kind(value, param.opts[0], among=PLAN_KINDS) or "plan"


def any_kind(ctx, param, value):
    """--kind of lint and corpus: any kind, as writers type it (计划, 规划, 总结, 批复, 通知 …)."""
    return parse_kind(value, param.opts[0])


def variant(ctx, param, value):
    if value is None:
        return 0
    text = str(value).strip()
    if not text.isdigit() or int(text) > 999:
        raise InputError(f"--variant：应为 0—999 的整数，实际为“{value}”")
    return int(text)


def input_file(what: str):
    """click callback for an input file: a directory is refused in Chinese, naming what is wanted
    (click would print its usage and an error about 'UNIT')."""

    def callback(ctx, param, value):
        if value is None:
            return None
        path = Path(value)
        if path.is_dir():
            raise InputError(f"{path}：是一个目录，请给出{what}")
        return path

    return callback


# what writers type after -o when they think it names the output file
_FILE_SUFFIXES = (".docx", ".doc", ".wps", ".md", ".txt", ".pdf", ".xlsx", ".xls", ".csv")


def out_dir(value: str | None, default: str) -> Path:
    """The output directory. `-o 计划.docx` would make a directory of that name: refused, since
    the file names come from the titles."""
    path = Path(value) if value else Path(default)
    if value and path.suffix.lower() in _FILE_SUFFIXES and not path.is_dir():
        parent = str(path.parent) if str(path.parent) not in ("", ".") else "."
        raise InputError(
            f"-o {value}：-o 指定的是输出目录，不是文件名（文件名按公文标题自动生成）；"
            f"要写到“{parent}”目录请用 -o {parent}"
        )
    return path


def output_dir_option(ctx, param, value):
    """click callback for -o: checked before any work is done."""
    if value is not None:
        out_dir(value, "output")
    return value


UNIT_FILE = "单位概况文件（.yaml，写法见 examples/unit.yaml）"
ROSTER_FILE = "花名册文件（.xlsx 或 .csv）"


def generation_options(f):
    """--date -o --format --variant --corpus --force, as every generating command takes them."""
    for option in reversed((
        click.option("--date", "day", callback=date_option, metavar="日期",
                     help="成文日期（如 2025-02-18），默认取单位概况中的成文日期。"),
        click.option("-o", "--output", "out", metavar="目录", callback=output_dir_option, help="输出目录，默认 output（文件名按标题生成）。"),
        click.option("--format", "fmt", default="docx,md", show_default=True, metavar="格式", help="输出格式，逗号分隔：docx,md,pdf（pdf 需要本机装有 LibreOffice）。"),
        click.option("--variant", callback=variant, metavar="N", help="换一种条文组合（0—999，默认 0）。"),
        click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), metavar="目录",
                     help="追加本单位的语料目录（可多次）。"),
        click.option("--force", is_flag=True, help="覆盖已存在的输出文件。"),
    )):
        f = option(f)
    return f


def write_generated(g, out, fmt, force) -> None:
    from generator.writers.outputs import parse_formats, write_document

    formats = parse_formats(fmt)
    for path in write_document(g.document, out_dir(out, "output"), g.document.meta.title, formats, force):
        click.echo(f"已生成：{path}")
    for note in getattr(g, "notes", ()):
        click.echo(f"提示：{note}", err=True)
    if "docx" in formats:
        echo_font_note()


def echo_font_note() -> None:
    """After writing .docx files: say which licensed fonts this computer lacks."""
    from generator.writers.fonts import font_note

    try:
        note = font_note()
    except KeyboardInterrupt:  # every file is written by now: say so, not that files were taken back
        click.echo("已中断字体检查；文件均已写好。", err=True)
        raise click.exceptions.Exit(130) from None
    if note:
        click.echo(f"提示：{note}", err=True)


def register_options(f):
    """--register / --no-register: the 发文字号 register plan, notice and approve share."""
    f = click.option("--no-register", is_flag=True,
                     help="不使用文号登记簿，文号按单位概况中的“文号”（可能与已发文件重号）。")(f)
    f = click.option("--register", type=click.Path(dir_okay=False), metavar="文件",
                     help="文号登记簿（YAML），默认为单位概况所在目录的 文号登记簿.yaml；不存在时新建。"
                          "plan、notice、approve、summary --report 共用，同一文件重新生成沿用原号，新文件取下一个号。")(f)
    return f


def open_register(unit, out, register, no_register):
    """The register to number with (not yet locked), or None. The default file beside the profile
    is skipped with a note where that folder cannot be written; a named one must work."""
    import os

    from generator.data.register import Register, default_path

    if no_register:
        return None
    if register:
        return Register(register)
    path = default_path(unit, out_dir(out, "output"))
    if path.parent.exists() and not path.parent.is_dir():
        return None  # an output "folder" that is a file: the write says so, in its words
    folder = path.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        click.echo(f"提示：{path.parent} 不可写，本次未使用文号登记簿（可用 --register 指定）", err=True)
        return None
    return Register(path)
