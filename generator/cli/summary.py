"""`gongwen summary` (发展党员工作总结 from the roster) and `gongwen roster check` (细则 procedure
checks of the roster). Click only: the work is in summary.py, stats.py, procedure.py, roster_report.py."""
from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path

import click

from generator.cli.common import (
    ROSTER_FILE,
    UNIT_FILE,
    echo_font_note,
    input_file,
    open_register,
    out_dir,
    output_dir_option,
    register_options,
    variant,
)
from generator.cli.common import parse_date_arg as _day
from generator.errors import InputError


def _period(period: str | None, start: str | None, end: str | None):
    from generator.roster.stats import parse_period, period_between

    if period and (start or end):
        raise InputError("--period 与 --from/--to 只能用一种")
    if period:
        return parse_period(period)
    if start and end:
        return period_between(_day(start, "--from"), _day(end, "--to"))
    if start or end:
        raise InputError("--from 和 --to 要一起给出")
    raise InputError("请用 --period 指定总结时段（如 2025H1、2025），或用 --from/--to 指定起止日期")


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--roster", callback=input_file(ROSTER_FILE), metavar="文件", help="发展党员花名册（.xlsx/.csv），必填。")
@click.option("--period", metavar="时段", help="总结时段：2025H1 上半年、2025H2 下半年、2025Q3 第三季度、2025 全年。")
@click.option("--from", "start", metavar="日期", help="自定义时段的开始日期（与 --to 一起用）。")
@click.option("--to", "end", metavar="日期", help="自定义时段的结束日期。")
@click.option("--date", "day", metavar="日期", help="成文日期，默认为时段的最后一天。")
@click.option("-o", "--output", "out", metavar="目录", callback=output_dir_option, help="输出目录，默认 output（文件名按标题生成）。")
@click.option("--format", "fmt", default="docx,md", show_default=True, metavar="格式", help="输出格式，逗号分隔：docx,md,pdf（pdf 需要本机装有 LibreOffice）。")
@click.option("--variant", callback=variant, metavar="N", help="换一种条文组合（0—999，默认 0）。")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), metavar="目录", help="追加本单位的语料目录（可多次）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--report", is_flag=True,
              help="写成向上级报送的报告（“关于……发展党员工作情况的报告”）：有主送（公文.报告主送，默认上级党委组织部）、"
                   "发文字号（取自文号登记簿）和“特此报告”。")
@register_options
def summary(unit, roster, period, start, end, day, out, fmt, variant, corpus_dirs, force, report, register, no_register):
    """根据单位概况 UNIT（YAML，含年度计划）和花名册生成半年或年度发展党员工作总结。

    数字（发展数、完成率、各类占比、梯队人数、各党支部情况）全部从花名册计算；
    存在问题和下步打算按未达到的目标选取条文。"""
    from generator.core.dates import cn_date
    from generator.data.profile import load_profile
    from generator.roster.people import load_roster
    from generator.summary.generate import generate_summary
    from generator.writers.outputs import parse_formats, write_document

    if roster is None:
        raise InputError("请用 --roster 指定发展党员花名册（.xlsx 或 .csv）")
    formats = parse_formats(fmt)
    the_period = _period(period, start, end)
    when = _day(day, "--date")
    profile = load_profile(unit)
    people = load_roster(roster)
    options = dict(variant=variant, corpus_dirs=corpus_dirs, report=report)
    result = generate_summary(profile, people, the_period, when, **options)
    reg = open_register(unit, out, register, no_register) if report and profile.office.get("发文字号前缀") else None
    directory = out_dir(out, "output")
    with reg if reg is not None else nullcontext():
        if reg is not None:
            day = result.document.meta.date
            n = reg.number_for(profile.office["发文字号前缀"], day.year, f"summary：{result.document.meta.title}",
                               profile.office.get("文号") or 1)
            result = generate_summary(profile, people, the_period, when, number=n, **options)
        for path in write_document(result.document, directory, result.document.meta.title, formats, force):
            click.echo(f"已生成：{path}")
        if reg is not None:
            reg.save()
            click.echo(f"文号登记簿：{reg.path}")
    if report:
        click.echo("提示：报告是上行文，版头中应标注签发人（GB/T 9704—2012 7.2.6），本工具暂不生成，请在 Word 中补上", err=True)
    if "docx" in formats:
        echo_font_note()
    fig = result.figures
    line = f"{the_period.label}发展党员{fig.new}名"
    if fig.completion_text:
        line += f"，完成年度计划的{fig.completion_text}"
    click.echo(line + "。")
    if result.violations:
        people_count = len({v.person.row for v in result.violations})
        click.echo(
            f"提示：截至{cn_date(the_period.end)}，花名册中有{len(result.violations)}处不符合发展程序的记录"
            f"（涉及{people_count}人），已写入“存在问题”和“下步打算”；"
            f"逐条查看：gongwen roster check {roster} --as-of {the_period.end.isoformat()}",
            err=True,
        )
    for note in result.notes:
        click.echo(f"提示：{note}", err=True)


@click.group()
def roster():
    """发展党员花名册：按《中国共产党发展党员工作细则》检查各环节日期。"""


@roster.command("check")
@click.argument("path", callback=input_file(ROSTER_FILE))
@click.option("--as-of", "as_of", metavar="日期", help="检查日期（判断日期是否晚于今天、转正是否逾期），默认今天。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="屏幕输出的格式。")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), metavar="文件",
              help="另把报告写入文件：.txt、.md、.csv、.xlsx 或 .json。")
@click.option("--force", is_flag=True, help="覆盖已存在的报告文件。")
@click.pass_context
def check(ctx, path, as_of, fmt, out, force):
    """检查花名册 PATH（.xlsx/.csv）中每个人的发展程序：申请时未满18周岁、积极分子培养不满一年、
    预备期未满转正、转正日期不是预备期满之日、逾期未转正、环节日期颠倒或缺失。

    有问题时退出码为 1，没有问题为 0，文件读不了为 2。"""
    from generator.infra.fileio import check_targets, write_all
    from generator.roster.people import load_roster
    from generator.roster.report import REPORT_FORMATS, as_json, report_bytes, run_check, text_lines

    day = _day(as_of, "--as-of") or dt.date.today()
    # the report format is checked before the roster is read
    if out is not None and out.suffix.lower() not in REPORT_FORMATS:
        raise InputError(f"{out}：不支持的报告格式“{out.suffix or '（无扩展名）'}”，可用 {'、'.join(REPORT_FORMATS)}")
    if out is not None:  # an existing report is refused before the roster is read and the check printed
        check_targets([out], force)
    result = run_check(load_roster(path), day)
    if fmt == "json":
        click.echo(as_json(result))
    else:
        for line in text_lines(result):
            click.echo(line)
    if out is not None:
        for written in write_all({out: report_bytes(result, out)}, force):
            click.echo(f"已生成：{written}", err=fmt == "json")
    ctx.exit(1 if result.violations else 0)
