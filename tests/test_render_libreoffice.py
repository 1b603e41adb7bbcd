"""Rendered by LibreOffice, a full body page holds 22 lines of 28 characters (GB/T 9704—2012 5.2.3).
Skipped when LibreOffice or pdftotext is not installed; .ci/run installs both."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.core.model import Document, Meta, Paragraph
from generator.writers.outputs import docx_writer

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) 或 pdftotext 未安装",
)]

# Plain Chinese without punctuation, so no line-breaking rule moves a character; 166 characters
# fill exactly six lines: 26 after the two-character indent, then 5 x 28.
FILLER = ("党支部认真做好发展党员工作坚持标准严格程序保证质量" * 7)[:166]


def _render(tmp_path: Path, doc: Document) -> Path:
    src = tmp_path / "doc.docx"
    src.write_bytes(docx_writer().to_bytes(doc))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    return tmp_path / "doc.pdf"


def _lines_of_page(pdf: Path, page: int) -> list[str]:
    html = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    lines = []
    for block in re.findall(r"<line [^>]*>(.*?)</line>", html, re.S):
        words = re.findall(r"<word [^>]*>(.*?)</word>", block)
        lines.append("".join(words))
    return lines


def test_full_body_page_has_22_lines_of_28_characters(tmp_path):
    doc = Document(
        Meta(title="版心行数测试", signature="中共测试委员会", date=dt.date(2025, 1, 1)),
        [Paragraph(FILLER) for _ in range(12)],
    )
    pdf = _render(tmp_path, doc)
    lines = _lines_of_page(pdf, 2)
    body = [ln for ln in lines if not re.fullmatch(r"—\s*\d+\s*—", ln)]  # drop the page number
    assert len(body) == 22, body
    lengths = [len(ln) for ln in body]
    assert set(lengths) <= {26, 28}, lengths  # 26 = a paragraph's first line, indented two
    assert lengths.count(28) >= 17, lengths


def test_imprint_sits_at_the_foot_of_the_last_page(tmp_path):
    from conftest import EXAMPLE

    from generator.data.profile import load_profile
    from generator.plans.generate import generate_plan

    pdf = _render(tmp_path, generate_plan(load_profile(EXAMPLE)).document)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    html = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-bbox-layout", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    lines = {("".join(re.findall(r"<word [^>]*>(.*?)</word>", body))): float(y)
             for y, body in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', html, re.S)}
    printed = [y for text, y in lines.items() if text.endswith("印发")]
    date = [y for text, y in lines.items() if text == "2025年2月18日"]
    assert printed and date
    # A4 is 842 pt high; the text block ends 35 mm (99 pt) above the bottom edge
    assert 842 - 99 - 40 < printed[0] < 842 - 99
    assert printed[0] - date[0] > 40  # not straight under the date: at the foot of the page


@pytest.mark.parametrize("notes", [[], ["发展党员工作进度表"]])
def test_signature_and_date_never_stand_alone_on_a_page(tmp_path, notes):
    """Issue #14, item 7 (7.3.5): a body that fills page 1 exactly would leave the 署名 and 成文日期 alone
    on page 2; the last paragraph (and the 附件说明) go with them."""
    doc = Document(
        Meta(title="署名位置测试", signature="中共测试镇委员会", date=dt.date(2025, 1, 1), attachment_notes=notes),
        # title + blank line = 2 lines; 3 x 6 + 2 = 20 body lines: the page is full
        [Paragraph(FILLER) for _ in range(3)] + [Paragraph(FILLER[:54])],
    )
    pdf = _render(tmp_path, doc)
    page_of_date = next(p for p in (1, 2, 3) if "2025年1月1日" in _lines_of_page(pdf, p))
    lines = [ln for ln in _lines_of_page(pdf, page_of_date) if not re.fullmatch(r"—\s*\d+\s*—", ln)]
    others = [ln for ln in lines if ln not in ("中共测试镇委员会", "2025年1月1日") and not ln.startswith("附件")]
    assert others, lines  # body text shares the page
