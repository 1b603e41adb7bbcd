"""`gongwen lint`: click options only; the work is in generator.lint."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import any_kind, date_option, debug_flag


def _echo_lines(lines: list[str], err: bool = False) -> None:
    for line in lines:
        click.echo(line, err=err)


def _target(source: Path, out: str | None, many: bool, default) -> Path:
    if out is None:
        return default(source)
    o = Path(out)
    if many or o.is_dir():
        return o / default(source).name
    return o


@click.command()
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="报告格式：text（分文件列出，中文）或 json（供其他工具读取）。")
@click.option("--kind", callback=any_kind, metavar="文种",
              help="文种：plan（计划、年度计划）、multi_year_plan（规划）、summary（总结）、approval（批复）、"
                   "notice（通知、印发通知），不指定时按标题推断。")
@click.option("--date", "day", callback=date_option, metavar="日期",
              help="文件日期（如 2025-03-18），不指定时取成文日期或文中年份。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="文件",
              help="配置文件（gongwen.toml 或 .yaml），不指定时在当前目录及上级目录中查找。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件，全部按内置规则检查。")
@click.option("--annotate", is_flag=True, help="为 .docx 生成带批注的副本（每个问题一条批注）。")
@click.option("--fix", is_flag=True, help="修正机械性问题（标点、格式、唯一替换）并列出每处修改：.md/.txt 生成修正后的副本，"
              ".docx 生成以 Word 修订（可逐条接受或拒绝）标出修改的副本。")
@click.option("--in-place", is_flag=True, help="与 --fix 同用：直接修改原文件。")
@click.option("-o", "--output", "out", metavar="文件或目录", help="--annotate/--fix 的输出文件（检查多个文件时为输出目录）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--list-rules", is_flag=True, help="列出全部规则后退出。")
def lint(files, fmt, kind, day, config_path, no_config, annotate, fix, in_place, out, force, list_rules):
    """检查公文草稿 FILES（.docx、.md、.txt 或目录）：缺少的部分、引错的固定提法、过时的说法、
    占位符、洗稿错词、对不上的数字、序号、标点和公文格式。

    退出码：0 没有错误；1 发现错误；2 用法错误或有文件无法读取。"""
    from generator.errors import InputError
    from generator.infra.fileio import rewrite_file, write_all
    from generator.lint.config import load_config
    from generator.lint.run import expand, lint_paths

    debug = debug_flag()
    if in_place and not fix:
        raise click.UsageError("--in-place 只能与 --fix 一起使用")
    if in_place and out:
        raise click.UsageError("--in-place 与 -o 不能同时使用")
    config = load_config(config_path, discover=not no_config)
    if list_rules:
        _list_rules(config)
        return
    if not files:
        raise click.UsageError("请给出要检查的文件或目录（.docx、.md、.txt）")
    skipped: list[str] = []
    try:
        paths = expand(files, skipped)
    except InputError as exc:  # a directory without drafts: checking nothing is not a pass
        raise click.UsageError(str(exc)) from None
    run = lint_paths(paths, config, kind, day, debug)
    _echo_lines([f"错误：{p}" for p in run.problems], err=True)
    _echo_lines([f"提示：{p}" for p in skipped], err=True)
    if not run.results:  # no file could be read: no report of "0 files checked"
        click.get_current_context().exit(2)
    many = len(run.results) > 1
    outputs: dict[Path, bytes] = {}
    in_place_outputs: dict[Path, bytes] = {}
    notes: list[str] = []
    if annotate:
        from generator.lint.annotate import annotate as make_annotated
        from generator.lint.annotate import default_path

        for r in run.results:
            if r.draft.format != "docx":
                notes.append(f"{r.path}：--annotate 只适用于 .docx，已跳过")
                continue
            outputs[_target(Path(r.path), out, many, default_path)] = make_annotated(r)
    if fix:
        from generator.infra.codec import encode
        from generator.lint.fix import apply_fixes
        from generator.lint.run import relint_text

        fixed_results = []
        for r in run.results:
            if r.draft.format == "docx":
                if in_place:
                    notes.append(f"{r.path}：.docx 不原地修改，修正以修订（接受/拒绝）的形式写入副本，请去掉 --in-place")
                    fixed_results.append(r)
                    continue
                from generator.lint.revise import default_path as revised_path
                from generator.lint.revise import revise

                data, changes, complete = revise(r)
                if not changes:
                    notes.append(f"{r.path}：没有可以自动修正的问题")
                    fixed_results.append(r)
                    continue
                target = _target(Path(r.path), out, many, revised_path)
                outputs[target] = data
                notes.append(f"{r.path}：{len(changes)} 处修正以 Word 修订的形式写入 → {target}"
                             "（在 Word/WPS“审阅”中逐条接受或拒绝，接受后可再运行 gongwen lint 复查）")
                notes += _change_lines(changes)
                r.findings = [f for f in r.findings if id(f) not in complete]
                fixed_results.append(r)
                continue
            text, changes = apply_fixes(r)
            if not changes:
                notes.append(f"{r.path}：没有可以自动修正的问题")
                fixed_results.append(r)
                continue
            target = Path(r.path) if in_place else _target(Path(r.path), out, many, _fixed_path)
            (in_place_outputs if in_place else outputs)[target] = encode(text.replace("\n", r.draft.newline), r.draft.encoding or "utf-8")
            notes.append(f"{r.path}：修正 {len(changes)} 处 → {target}")
            notes += _change_lines(changes)
            fixed_results.append(relint_text(r, text, config, kind, day))
        run.results = fixed_results
    for target, data in in_place_outputs.items():
        rewrite_file(target, data)
    if outputs:
        written = write_all(outputs, force=force)
        if annotate:
            notes += [f"已生成：{p}" for p in written if p.suffix.lower() == ".docx"]
    if fmt == "json":
        from generator.lint.report import to_json

        click.echo(to_json(run.results))
        _echo_lines(notes, err=True)
    else:
        from generator.lint.report import text_lines

        _echo_lines(notes)
        if notes:
            click.echo("")
        _echo_lines(text_lines(run.results))
    click.get_current_context().exit(run.exit_code)


def _change_lines(changes) -> list[str]:
    """Each change on its line; a rule with many (half-width commas all through a page) as one
    line with its count and the first place, so the list stays readable."""
    by_rule: dict[str, list] = {}
    for c in changes:
        by_rule.setdefault(c.rule, []).append(c)
    lines = []
    for rule_id, cs in by_rule.items():
        if len(cs) > 5:
            c = cs[0]
            lines.append(f"  {rule_id}：{len(cs)}处（第一处 {c.line}:{c.column} “{c.old}” → “{c.new}”）")
        else:
            lines += [f"  {c.line}:{c.column}  “{c.old}” → “{c.new}”  {c.rule}" for c in cs]
    return lines


def _fixed_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}（已修正）{path.suffix}")


def _list_rules(config) -> None:
    from generator.lint.rule import SEVERITY_CN

    for r in sorted(config.all_rules(), key=lambda r: r.id):
        state = "关闭" if config._off(r.id) else SEVERITY_CN[config.severity_for(r.id, r.severity)]  # noqa: SLF001
        fixable = "（可自动修正）" if r.fixable else ""
        click.echo(f"{r.id:<28}{state:<4}{r.description}{fixable}；依据：{r.source}")
