"""`gongwen format`: click options only; the work is in generator.reformat."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import echo_font_note, out_dir
from generator.errors import InputError

SUFFIX = "_排版"  # the copy beside the draft: 草稿.docx → 草稿_排版.docx, never the draft itself


def _target(source: Path, out: str | None, name: str, taken) -> Path:
    """Where a file made from `source` goes: -o, else beside it; never the source itself, never a
    name another file of the same run already takes."""
    target = (out_dir(out, ".") if out else source.parent) / name
    if target.resolve() == source.resolve():
        raise InputError(f"{source}：输出文件与原文件相同，请用 -o 指定其他目录")
    if target in taken:
        raise InputError(f"{source}：与另一份文件的输出同名（{target.name}），请分别处理或改名")
    return target


@click.command("format")
@click.argument("drafts", nargs=-1, metavar="草稿")
@click.option("-o", "--output", "out", metavar="目录", help="输出目录，默认与草稿同一目录（文件名为“原名_排版.docx”）。")
@click.option("--red-header", is_flag=True, help="原稿没有发文机关标志（红头）时，用署名加“文件”二字生成。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def format_command(drafts, out, red_header, force):
    """按 GB/T 9704—2012 重新排版草稿（.docx/.md/.txt）：文字一字不改，只改版式；原稿不动。"""
    from generator.infra.fileio import write_all
    from generator.reformat.relay import reformat

    if not drafts:
        raise InputError("请给出要排版的草稿文件，例如：gongwen format 草稿.docx")
    outputs: dict[Path, bytes] = {}
    reports = []
    for d in drafts:
        source = Path(d)
        r = reformat(source, red_header=red_header)
        target = _target(source, out, f"{source.stem}{SUFFIX}.docx", outputs)
        outputs[target] = r.data
        reports.append((source, target, r))
    write_all(outputs, force=force)  # every copy or none
    for source, target, r in reports:
        click.echo(f"已排版：{target}")
        for line in r.recognised:
            click.echo(f"  识别到 {line}")
        for note in r.notes:
            click.echo(f"  提示：{note}", err=True)
    echo_font_note()


@click.command("preview")
@click.argument("drafts", nargs=-1, metavar="文件")
@click.option("-o", "--output", "out", metavar="目录", help="输出目录，默认与文件同一目录（“原名_预览.pdf”）。")
@click.option("--png", is_flag=True, help="同时把每一页存为图片（原名_预览-1.png …，需要 pdftoppm）。")
@click.option("--red-header", is_flag=True, help="对 .md/.txt 先排版时，原稿没有红头则用署名生成。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def preview_command(drafts, out, png, red_header, force):
    """用 LibreOffice 把文件（.docx；.md/.txt 先按标准排版）排成 PDF，并检查只有看页面才知道的问题：
    首页有没有正文、署名和日期是否单独成页、整页是否22行28字、版记是否在末页下端。

    退出码：0 没有问题；1 页面有问题；2 文件无法读取或没有 LibreOffice。"""
    from generator.infra.fileio import write_all
    from generator.reformat.preview import png_pages, preview

    if not drafts:
        raise InputError("请给出要预览的文件，例如：gongwen preview 计划.docx")
    outputs: dict[Path, bytes] = {}
    results = []
    for d in drafts:
        source = Path(d)
        r = preview(source, red_header=red_header)
        pdf = _target(source, out, f"{source.stem}_预览.pdf", outputs)
        stem = pdf.with_suffix("")
        outputs[pdf] = r.pdf
        if png:
            pages = png_pages(r.pdf, stem)
            if not pages:
                r.notes.append("未找到 pdftoppm（poppler-utils），没有生成页面图片")
            outputs.update(pages)
        results.append((source, pdf, r))
    write_all(outputs, force=force)
    problems = 0
    for source, pdf, r in results:
        click.echo(f"{source}：{len(r.pages) or '?'} 页 → {pdf}")
        for line in r.findings:
            click.echo(f"  页面问题：{line}")
        for note in r.notes:
            click.echo(f"  提示：{note}", err=True)
        if not r.findings and r.pages:
            click.echo("  页面检查未发现问题。")
        problems += len(r.findings)
    click.get_current_context().exit(1 if problems else 0)
