"""`gongwen approve`: a decisions sheet -> one 批复 per branch and 事项 (generator/batch.py)."""
from __future__ import annotations

import click

from generator.cli.common import (
    UNIT_FILE,
    date_option,
    echo_font_note,
    input_file,
    open_register,
    out_dir,
    output_dir_option,
)


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.argument("decisions", callback=input_file("决定表文件（.xlsx 或 .csv）"))
@click.option("-o", "--output", "out", default="output", show_default=True, metavar="目录", callback=output_dir_option,
              help="输出目录。")
@click.option("--format", "fmt", default="docx,md", show_default=True, metavar="格式", help="输出格式，逗号分隔：docx,md。")
@click.option("--date", "day", callback=date_option, metavar="日期",
              help="所有批复的成文日期（如 2025-03-20），默认取各自的党委会议日期。")
@click.option("--register", callback=input_file("文号登记簿文件（.yaml）"), metavar="文件",
              help="文号登记簿（YAML），记录已用到的顺序号，以后运行不会重号；不存在时新建。")
@click.option("--start", type=click.IntRange(1, 99999), metavar="N", help="第一个文号的顺序号，默认接着登记簿或单位概况的“文号”。")
@click.option("--prefix", metavar="代字", help="机关代字，代替单位概况中的发文字号前缀，如 柳委。")
@click.option("--roster", callback=input_file("花名册文件（.xlsx 或 .csv）"), metavar="文件",
              help="花名册（.xlsx/.csv），逐人核对程序和日期。")
@click.option("--letterhead", callback=input_file("红头模板文件（.docx）"), metavar="文件",
              help="本单位的红头 Word 模板（.docx，占位符见 README），代替内置版式。")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(0, 64), metavar="N",
              help="同时使用的处理器核数，0 表示全部。")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), metavar="目录",
              help="追加本单位的语料目录（可多次）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--no-register", is_flag=True, help="不使用文号登记簿（文号从单位概况的“文号”或 --start 起编）。")
def approve(unit, decisions, out, fmt, day, register, start, prefix, roster, letterhead, jobs, corpus_dirs, force,
            no_register):
    """根据单位概况 UNIT 和决定表 DECISIONS（.xlsx/.csv）批量生成批复：每个党支部每类事项一份。

    决定表的列：党支部、姓名、事项（接收预备党员、按期转正、延长预备期、取消预备党员资格）、
    支部大会日期、党委会议日期；延长预备期另填延长期限（6—12个月）；转正、延长需填入党时间
    （或用 --roster 从花名册取）。先检查全部行，有错一个文件也不写。"""
    from generator.approvals.batch import BatchOptions, run, summary_lines
    from generator.infra.progress import LazyProgress
    from generator.writers.outputs import parse_formats

    if prefix is not None:
        prefix = prefix.strip()
        if not prefix or any(c in prefix for c in "〔〕[]()（）0123456789 "):
            raise click.BadParameter("只写机关代字，如 柳委（年份和序号由工具生成）", param_hint="--prefix")
    register_default = register is None and not no_register
    if register_default:  # the register plan and notice share, by default
        reg = open_register(unit, out, None, False)
        register = reg.path if reg is not None else None
    options = BatchOptions(
        out_dir=out_dir(out, "output"), formats=parse_formats(fmt), force=force, jobs=jobs, date=day, start=start,
        prefix=prefix, register=register, register_default=register_default, roster=roster, letterhead=letterhead, corpus_dirs=tuple(corpus_dirs),
    )
    result = run(unit, decisions, options, progress_factory=lambda n: LazyProgress(n, "生成批复"))
    if len(result.files) <= 30:
        for path in result.files:
            click.echo(f"已生成：{path}")
    for line in summary_lines(result):
        click.echo(line)
    if "docx" in options.formats and not letterhead:
        echo_font_note()
