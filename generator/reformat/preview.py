"""`gongwen preview`: a draft rendered by LibreOffice, and what only a page shows checked on it.

A .docx is rendered as it is; a .md or .txt is first laid out by `gongwen format` (it has no pages
of its own). The pages are read back with pdftotext (poppler) — each line with its position — and
checked against GB/T 9704—2012: the first page carries body text (7.3.3), the 署名 and 成文日期 do
not stand alone on a page (7.3.5), a full body page holds 22 lines of at most 28 characters (5.2.3),
the 版记 sits at the foot of the last page (7.4). Without pdftotext the PDF is still made and the
writer is told the page checks were skipped."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError
from generator.readers import read
from generator.readers.draft import Draft
from generator.writers.titles import width

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.S)
_PAGE_NUMBER = re.compile(r"[—-]\s*\d+\s*[—-]")
_SPACE = re.compile(r"\s+")
_MM = 72 / 25.4  # PDF points per millimetre


@dataclass
class Line:
    text: str  # without spaces
    top: float  # points from the page's top edge
    bottom: float


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]


@dataclass
class Preview:
    pdf: bytes
    pages: list[Page] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # what a page shows against the standard
    notes: list[str] = field(default_factory=list)  # what could not be checked, and why


def pages_of(pdf: bytes) -> list[Page] | None:
    """The PDF's lines with positions (pdftotext -bbox-layout); None when pdftotext is absent."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="gongwen-preview-") as tmp:
        src = Path(tmp) / "page.pdf"
        src.write_bytes(pdf)
        done = subprocess.run([exe, "-bbox-layout", str(src), "-"], capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise OutputError(f"pdftotext 无法读取生成的 PDF（{done.stderr.decode('utf-8', 'replace').strip()[:80]}）")
    out = []
    for i, (_, height, body) in enumerate(_PAGE.findall(done.stdout.decode("utf-8", "replace")), 1):
        lines = [Line(_SPACE.sub("", html.unescape("".join(_WORD.findall(words)))), float(y0), float(y1))
                 for _, y0, _, y1, words in _LINE.findall(body)]
        out.append(Page(i, float(height), [ln for ln in lines if ln.text]))
    return out


def _squash(text: str) -> str:
    return _SPACE.sub("", text or "")


def check_pages(pages: list[Page], draft: Draft, layout_bottom_mm: float = 35.0, text_height_mm: float = 225.0) -> list[str]:
    """The page checks, in Chinese, one line each."""
    text_height_pt = text_height_mm * _MM
    found: list[str] = []
    part = draft.parts[0]
    doc = part.document
    body = [_squash(b.text)[:8] for b in doc.paragraphs() if len(_squash(b.text)) >= 8]
    texts = ["".join(ln.text for ln in p.lines) for p in pages]
    # 1. the first page carries body text (a page of 版头 and title alone is a layout fault)
    if body and pages and not any(b in texts[0] for b in body):
        found.append("第1页没有正文：版头和标题之后应接排正文（GB/T 9704—2012 7.3.3）")
    # 2. the 署名 and 成文日期 do not stand alone on a page
    date = _squash(part.fields["date"].text) if "date" in part.fields else None
    sign = _squash(part.fields["signature"].text) if "signature" in part.fields else None
    if date:
        at = next((p for p in pages if any(ln.text == date for ln in p.lines)), None)
        if at is not None:
            own = {date, sign} | {_squash(part.fields[k].text) for k in ("printer", "print_date") if k in part.fields}
            imprint = "".join(_squash(part.fields[k].text) for k in ("cc", "printer", "print_date") if k in part.fields)
            rest = [ln for ln in at.lines if ln.text not in own and not _PAGE_NUMBER.fullmatch(ln.text)
                    and not ln.text.startswith(("抄送", "附件")) and not ln.text.endswith("印发")
                    and not (imprint and ln.text in imprint)]
            if not rest:
                found.append(f"署名和成文日期单独在第{at.number}页，没有正文：应与正文同处一面（GB/T 9704—2012 7.3.5）")
    # 3. a full body page: 22 lines of at most 28 characters (pages of body text only: not the first,
    #    not the last, no table — whose smaller lines are not body lines)
    for p in pages[1:-1]:
        lines = [ln for ln in p.lines if not _PAGE_NUMBER.fullmatch(ln.text)]
        # a 三号 line's box is 18–21 pt high in pdftotext's reading; a title's is higher, a table's cells
        # share their row's top: such pages are not plain body pages
        heights = [ln.bottom - ln.top for ln in lines]
        tops = sorted(round(ln.top) for ln in lines)
        side_by_side = any(b - a < 3 for a, b in zip(tops, tops[1:]))
        if len(lines) < 5 or side_by_side or any(h < 14 or h > 24 for h in heights):
            continue
        # lines a page holds: the text block's height over the line pitch (the gap between consecutive
        # lines; a blank line or a heading kept with its paragraph leaves a wider gap, not a new pitch)
        gaps = [b - a for a, b in zip(tops, tops[1:]) if b - a > 3]
        pitch = sorted(g for g in gaps if g < 1.5 * min(gaps))[len([g for g in gaps if g < 1.5 * min(gaps)]) // 2]
        holds = round(text_height_pt / pitch)
        if holds != 22:
            found.append(f"第{p.number}页按行距每面排{holds}行，公文一般每面排22行（GB/T 9704—2012 5.2.3）")
        # in characters of the body size: a digit or Latin letter is half of one
        longest = max(width(ln.text) for ln in lines)
        if longest > 28.5:
            found.append(f"第{p.number}页有一行排了约{longest:g}字，公文一般每行排28字（GB/T 9704—2012 5.2.3）")
    # 4. the 版记 at the foot of the last page
    if pages and ("cc" in part.fields or "printer" in part.fields):
        last = pages[-1]
        mark = next((ln for ln in reversed(last.lines) if ln.text.endswith("印发") or ln.text.startswith("抄送")), None)
        block_bottom = last.height - layout_bottom_mm * _MM
        if mark is None:
            found.append(f"版记（抄送、印发机关和日期）不在最后一页（第{last.number}页）（GB/T 9704—2012 7.4）")
        elif block_bottom - mark.bottom > 12 * _MM:
            found.append(f"版记没有排在最后一页的版心下边缘（离下边缘约{(block_bottom - mark.bottom) / _MM:.0f}mm）："
                         "版记应置于最后一页，末条分隔线与版心下边缘重合（GB/T 9704—2012 7.4）")
    return found


def preview(path: str | Path, red_header: bool = False) -> Preview:
    """The draft as PDF and the page checks. A .md/.txt is laid out by `gongwen format` first."""
    from generator.writers.pdf import to_pdf

    path = Path(path)
    if path.suffix.lower() == ".docx":
        data = path.read_bytes()
        draft = read(path)
    else:
        from generator.reformat.relay import read_bytes_docx, reformat

        data = reformat(path, red_header=red_header).data
        draft = read_bytes_docx(data, str(path))
    pdf = to_pdf(data, path.name)
    result = Preview(pdf)
    pages = pages_of(pdf)
    if pages is None:
        result.notes.append("未找到 pdftotext（poppler-utils），已生成 PDF，按页检查从略")
        return result
    result.pages = pages
    bottom = draft.layout.bottom_mm if draft.layout is not None else 35.0
    height = draft.layout.text_height_mm if draft.layout is not None else 225.0
    result.findings = check_pages(pages, draft, bottom, height)
    return result


def png_pages(pdf: bytes, stem: Path, dpi: int = 80) -> list[tuple[Path, bytes]]:
    """Each page as (stem-1.png, its bytes), … (pdftoppm); [] when pdftoppm is absent."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory(prefix="gongwen-preview-") as tmp:
        src = Path(tmp) / "page.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-r", str(dpi), "-png", str(src), str(Path(tmp) / "p")], capture_output=True,
                       timeout=300, check=False)
        out = []
        for png in sorted(Path(tmp).glob("p-*.png"), key=lambda q: int(q.stem.split("-")[-1])):
            target = stem.with_name(f"{stem.name}-{png.stem.split('-')[-1]}.png")
            out.append((target, png.read_bytes()))
    return out
