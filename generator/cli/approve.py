"""`gongwen approve`, `gongwen request`, `gongwen publicity`: the chain around each 支部大会 from one
sheet and one roster (the work is in generator/approvals/)."""
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


def _sheet_arguments(f):
    """UNIT DECISIONS -o --format: what approve and request (the two ends of one sheet) share."""
    for option in reversed((
        click.argument("unit", callback=input_file(UNIT_FILE)),
        click.argument("decisions", callback=input_file("决定表文件（.xlsx 或 .csv）")),
        click.option("-o", "--output", "out", default="output", show_default=True, metavar="目录",
                     callback=output_dir_option, help="输出目录。"),
        click.option("--format", "fmt", default="docx,md", show_default=True, metavar="格式",
                     help="输出格式，逗号分隔：docx,md,pdf（pdf 需要本机装有 LibreOffice）。"),
    )):
        f = option(f)
    return f

@click.command()
@_sheet_arguments
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


@click.command()
@_sheet_arguments
@click.option("--roster", callback=input_file("花名册文件（.xlsx 或 .csv）"), metavar="文件",
              help="花名册（.xlsx/.csv）：逐人核对，并在请示中写入每人的基本情况（性别、民族、出生年月、学历和各环节时间）。")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(0, 64), metavar="N",
              help="同时使用的处理器核数，0 表示全部。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def request(unit, decisions, out, fmt, roster, jobs, force):
    """根据决定表 DECISIONS 生成各党支部报党委的请示：每个党支部每类事项（每份请示）一份，与 approve 的批复一一对应。

    决定表除批复所需各列外，还要有 请示日期、应到人数、实到人数、赞成票；延长预备期和取消预备党员资格
    要填“原因”。缺哪一项，逐行列出，一个文件也不写。主送为单位概况中的党委（单位.全称）。"""
    from generator.approvals.batch import BatchOptions, run, summary_lines
    from generator.infra.progress import LazyProgress
    from generator.writers.outputs import parse_formats

    options = BatchOptions(out_dir=out_dir(out, "output"), formats=parse_formats(fmt), force=force, jobs=jobs,
                           roster=roster, kind="request")
    result = run(unit, decisions, options, progress_factory=lambda n: LazyProgress(n, "生成请示"))
    if len(result.files) <= 30:
        for path in result.files:
            click.echo(f"已生成：{path}")
    for line in summary_lines(result, "请示"):
        click.echo(line)
    if "docx" in options.formats:
        echo_font_note()


@click.command()
@click.argument("unit", callback=input_file(UNIT_FILE))
@click.option("--roster", callback=input_file("花名册文件（.xlsx 或 .csv）"), metavar="文件", help="发展党员花名册（.xlsx/.csv），必填。")
@click.option("--stage", metavar="阶段", required=True,
              help="公示的阶段：发展对象（拟列为发展对象）、接收（拟接收预备党员）、转正（预备党员拟转正）。")
@click.option("--date", "day", callback=date_option, metavar="日期", help="公示开始日期，默认今天；名单按这一天花名册所处的阶段选取。")
@click.option("--branch", metavar="党支部", help="只公示这个党支部的人员。")
@click.option("--names", metavar="姓名", help="只公示这些人，用顿号或逗号分隔，如 张三、李四。")
@click.option("--decisions", callback=input_file("决定表文件（.xlsx 或 .csv）"), metavar="文件",
              help="取决定表中相应事项的人员（接收→接收预备党员，转正→按期转正），与请示、批复一致。")
@click.option("-o", "--output", "out", metavar="目录", callback=output_dir_option, help="输出目录，默认 output。")
@click.option("--format", "fmt", default="docx,md", show_default=True, metavar="格式", help="输出格式，逗号分隔：docx,md,pdf（pdf 需要本机装有 LibreOffice）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def publicity(unit, roster, stage, day, branch, names, decisions, out, fmt, force):
    """生成发展对象公示、拟接收预备党员公示或预备党员拟转正公示：名单、公示期、反映意见的方式。

    名单取自花名册（--date 当天处于该阶段的人），可用 --branch、--names 或 --decisions 缩小；
    公示期按单位概况“公示.工作日”计算（不计周六、周日和“公示.节假日”），联系人、电话取自“公示”。"""
    import datetime as dt
    import re

    from generator.approvals.publicity import generate_publicity, names_from_decisions, parse_stage
    from generator.cli.common import write_generated
    from generator.data.profile import load_profile
    from generator.errors import InputError
    from generator.roster.people import load_roster
    from generator.writers.outputs import parse_formats

    if roster is None:
        raise InputError("请用 --roster 指定发展党员花名册（.xlsx 或 .csv）")
    parse_formats(fmt)
    the_stage = parse_stage(stage)
    wanted = [n for n in re.split(r"[、，,\s]+", names or "") if n] or None
    if decisions is not None:
        wanted = (wanted or []) + names_from_decisions(decisions, the_stage)
    g = generate_publicity(load_profile(unit), load_roster(roster), the_stage, day or dt.date.today(),
                           branch=branch, names=wanted)
    write_generated(g, out, fmt, force)
