"""`gongwen corpus`: browse, search and check the clause corpus (generator/corpus*.py)."""
from __future__ import annotations

import click

from generator.cli.common import UNIT_FILE, any_kind, date_option, input_file

_CORPUS_OPTION = click.option(
    "--corpus", "corpus_dirs", multiple=True, type=click.Path(file_okay=False), metavar="目录",
    help="同时载入本单位的语料目录（可多次；同 id 的条文替换内置条文）。",
)


def _filters(f):
    f = click.option("--date", "day", callback=date_option, metavar="日期", help="只列在该日期（YYYY-MM-DD）有效的条文。")(f)
    f = click.option("--kind", callback=any_kind, metavar="文种", help="文种：plan、multi_year_plan、notice、summary、approval。")(f)
    f = click.option("--unit", metavar="类型", help="单位类型：村、社区、机关、学校、国企、非公、乡镇、县级（含通用条文）。")(f)
    f = click.option("--section", metavar="部分", help="部分，如 指导思想、工作重点。")(f)
    return f


def _selection(corpus_dirs, section, unit, kind, day):
    from generator.compose import clauses as corpus_mod
    from generator.corpus.view import parse_section, parse_unit

    section, unit = parse_section(section), parse_unit(unit)
    corpus = corpus_mod.load(corpus_dirs)
    return corpus, corpus.filter(section, unit, kind, day), unit


@click.group()
def corpus():
    """浏览、检索和检查条文语料（corpus/）。"""


@corpus.command("list")
@_filters
@_CORPUS_OPTION
def list_(section, unit, kind, day, corpus_dirs):
    """列出条文：id、部分、文种、适用单位、有效期和开头文字。"""
    from generator.corpus.view import clip, pad, rendered, units_text, validity, width

    _, clauses, unit = _selection(corpus_dirs, section, unit, kind, day)
    if not clauses:
        click.echo("没有符合条件的条文。")
        return
    id_w = max(width(c.id) for c in clauses) + 2
    current = None
    for c in clauses:
        if c.section != current:
            current = c.section
            n = sum(1 for x in clauses if x.section == current)
            click.echo(click.style(f"【{current}】{n}条", bold=True))
        preview = c.title or rendered(c, day, unit)
        click.echo(
            "  " + pad(c.id, id_w) + pad(",".join(c.kinds), 24) + pad(units_text(c), 14)
            + pad(validity(c), 24) + clip(preview, 40)
        )
    click.echo(f"共{len(clauses)}条。用 gongwen corpus show ID 查看全文。")


@corpus.command()
@click.argument("clause_id", metavar="ID")
@click.option("--date", "day", callback=date_option, metavar="日期", help="按该日期的提法生成（默认今天，超出有效期时取最近的有效日）。")
@click.option("--unit", metavar="类型", help="按该单位类型生成（默认条文适用的第一类单位）。")
@click.option("--profile", callback=input_file(UNIT_FILE), metavar="文件", help="用这份单位概况的数据生成（默认用内置示例单位）。")
@_CORPUS_OPTION
def show(clause_id, day, unit, profile, corpus_dirs):
    """显示一条条文：标签、原文（模板）和生成效果。"""
    from generator.compose import clauses as corpus_mod
    from generator.core.dates import cn_date
    from generator.corpus.view import default_unit, find, parse_unit, rendered, representative_day, units_text, validity

    c = find(corpus_mod.load(corpus_dirs), clause_id)
    unit = parse_unit(unit) or default_unit(c)
    context = None
    if profile is not None:
        from generator.corpus.samples import sample_context
        from generator.data.profile import load_profile

        p = load_profile(profile)
        unit = p.unit_type
        context = sample_context(c.kinds[0], unit, representative_day(c, day), c.when, profile=p)
    d = representative_day(c, day)
    click.echo(click.style(c.id, bold=True) + f"    {c.path}")
    click.echo(f"部分：{c.section}    文种：{','.join(c.kinds)}    单位：{units_text(c)}    有效期：{validity(c)}")
    extra = [f"标题：{c.title}" if c.title else "", f"主题：{c.topic}" if c.topic else "", f"条件：{c.when}" if c.when else "",
             f"变量：{'、'.join(c.variables)}" if c.variables else "", f"权重：{c.weight:g}"]
    click.echo("    ".join(e for e in extra if e))
    click.echo(click.style("—— 原文 ——", bold=True))
    click.echo(c.body)
    note = "" if day is None or d == day else f"（{day.isoformat()}不在有效期内，改用{d.isoformat()}）"
    click.echo(click.style(f"—— 生成效果：{cn_date(d)}，{unit}{note} ——", bold=True))
    click.echo(rendered(c, d, unit, context))


@corpus.command()
@click.argument("words", nargs=-1, required=True)
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1, 1000), metavar="N", help="最多列出几条。")
@_filters
@_CORPUS_OPTION
def search(words, limit, section, unit, kind, day, corpus_dirs):
    """按词检索条文（jieba 分词，按相关度排序）：gongwen corpus search 致富能手 返乡青年"""
    from generator.corpus.search import search as run_search
    from generator.corpus.view import pad, width

    corpus_, clauses, _ = _selection(corpus_dirs, section, unit, kind, day)
    hits = run_search(corpus_, " ".join(words), clauses, limit, day)
    if not hits:
        click.echo("没有找到相关条文。")
        return
    id_w = max(width(h.clause.id) for h in hits) + 2
    for i, h in enumerate(hits, 1):
        click.echo(f"{i:>2}. " + click.style(pad(h.clause.id, id_w), bold=True) + f"{h.score:5.2f}  {h.clause.section}")
        click.echo("    " + _highlight(_snippet(h.text, h.words), h.words))
    click.echo(f"共{len(hits)}条。用 gongwen corpus show ID 查看全文。")


def _snippet(text: str, words, around: int = 30) -> str:
    first = min((text.find(w) for w in words if w in text), default=0)
    start = max(first - around, 0)
    end = min(first + around * 2, len(text))
    return ("……" if start else "") + text[start:end] + ("……" if end < len(text) else "")


def _highlight(text: str, words) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, click.style(w, fg="red", bold=True))
    return text


@corpus.command()
@click.option("--no-lint", is_flag=True, help="不用 gongwen lint 检查条文（默认检查，lint 可用时）。")
@click.option("--only", is_flag=True, help="只检查 --corpus 给出的目录，不含内置语料（缺口检查也只看这些目录）。")
@_CORPUS_OPTION
def check(no_lint, only, corpus_dirs):
    """检查语料：文件头、标签、变量、每个提法变化日的生成结果、各文种×单位类型×时段的缺口，以及 lint。

    发现问题时逐条列出并以退出码 1 结束；全部通过时退出码为 0。"""
    from generator.corpus.check import check as run_check

    if only and not corpus_dirs:
        from generator.errors import InputError

        raise InputError("--only 需要同时用 --corpus 指定要检查的语料目录")
    report = run_check(corpus_dirs, lint=not no_lint, builtin=not only)
    for p in report.problems:
        click.echo(p)
    lint_note = "，并逐条 lint" if report.linted else ""
    head = f"检查了{report.clauses}条条文（按提法变化日生成{report.dates_checked}次{lint_note}）"
    if report.ok:
        click.echo(f"{head}：全部通过。")
        return
    click.echo(f"{head}：发现{len(report.problems)}个问题。")
    raise SystemExit(1)
