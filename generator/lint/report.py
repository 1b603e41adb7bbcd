"""Reporters: text (grouped by file, coloured on a terminal, Chinese) and JSON in the shape other
tools read:

    {"files": [{"path", "kind", "date", "findings": [{"rule", "severity", "message", "line",
      "column", "end_line", "end_column", "match", "suggestion", "source"}]}],
     "summary": {"files", "errors", "warnings", "infos"}}
"""
from __future__ import annotations

import json

import click

from generator.core import kinds as kinds_mod
from generator.core.dates import cn_date
from generator.lint.engine import FileResult
from generator.lint.rule import SEVERITY_CN

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary(results: list[FileResult]) -> dict:
    return {
        "files": len(results),
        "errors": sum(r.count("error") for r in results),
        "warnings": sum(r.count("warning") for r in results),
        "infos": sum(r.count("info") for r in results),
    }


def to_json(results: list[FileResult]) -> str:
    files = [
        {
            "path": r.path,
            "kind": r.kind,
            "date": r.date.day.isoformat() if r.date.day else None,
            "findings": [f.as_json() for f in r.findings],
        }
        for r in results
    ]
    return json.dumps({"files": files, "summary": summary(results)}, ensure_ascii=False, indent=2)


def describe(r: FileResult) -> str:
    """What was checked against: the kind and the date, and where each came from."""
    if r.kind:
        kind = f"{kinds_mod.KINDS[r.kind].name}（{r.kind_how}）"
    else:
        kind = "未能判断（按文种的检查从略，可用 --kind 指定）"
    d = r.date
    if d.day:
        date = f"{cn_date(d.day)}（{d.how}）"
    elif d.known:
        date = f"未注明，按{d.how}推断为{cn_date(d.lo)}至{cn_date(d.hi)}之间"
    else:
        date = "未能确定（与日期有关的检查从略，可用 --date 指定）"
    return f"文种：{kind}；日期：{date}"


def text_lines(results: list[FileResult], colour: bool | None = None) -> list[str]:
    """The text report; colour codes are added here and stripped by click.echo off a terminal."""
    out: list[str] = []
    for r in results:
        out.append(click.style(r.path, bold=True))
        out.append(f"  {describe(r)}")
        if not r.findings:
            out.append("  未发现问题。")
        for f in r.findings:
            where = f"{f.line}:{f.column}" if f.line is not None else "全文"
            sev = click.style(SEVERITY_CN[f.severity], fg=_COLOURS[f.severity], bold=f.severity == "error")
            out.append(f"  {where:<8}{sev}  {f.message}  {click.style(f.rule, dim=True)}")
            if f.suggestion is not None and f.suggestion != "":
                out.append(f"  {'':<8}      建议：“{f.suggestion}”")
            elif f.fix == "":
                out.append(f"  {'':<8}      建议：删除“{f.match}”")
        out.append("")
    s = summary(results)
    out.append(f"共检查 {s['files']} 个文件：错误 {s['errors']} 处，警告 {s['warnings']} 处，提示 {s['infos']} 处。")
    return out
