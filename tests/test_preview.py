"""`gongwen preview` (issue #14, item 5) and `--format pdf`: rendered by LibreOffice, what only a page shows —
body text on page 1, the 署名 and 成文日期 not alone on a page, 22 lines on a full body page, the 版记 at the foot
of the last page. Our documents pass; copies broken in each of these ways are caught. Skipped where
LibreOffice or pdftotext is not installed (.ci/run installs both)."""
from __future__ import annotations

import io
import shutil

import docx
import pytest
from conftest import EXAMPLE, run_cli
from docx.oxml.ns import qn
from docx.shared import Pt

from generator.data.profile import load_profile
from generator.plans.generate import generate_notice, generate_plan
from generator.reformat.preview import preview
from generator.writers.outputs import docx_writer

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice (soffice) 或 pdftotext 未安装")]


def _save(tmp_path, name: str, data):
    """`data`: the file's bytes, or a python-docx Document (a copy of ours, changed by the test)."""
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        data.save(str(path))
    return path


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return docx_writer().to_bytes(generate_plan(load_profile(EXAMPLE)).document)


def test_our_plan_and_notice_pass_every_page_check(tmp_path, plan_bytes):
    for name, data in (("plan.docx", plan_bytes),
                       ("notice.docx", docx_writer().to_bytes(generate_notice(load_profile(EXAMPLE)).document))):
        r = preview(_save(tmp_path, name, data))
        assert r.pdf.startswith(b"%PDF") and len(r.pages) >= 3
        assert r.findings == [], (name, r.findings)


def test_one_and_a_half_line_spacing_gives_fewer_than_22_lines(tmp_path, plan_bytes):
    d = docx.Document(io.BytesIO(plan_bytes))
    for p in d.paragraphs:
        p.paragraph_format.line_spacing = 1.5
    r = preview(_save(tmp_path, "spaced.docx", d))
    assert any("每面排22行" in f for f in r.findings), r.findings


def test_a_first_page_without_body_text_is_said(tmp_path, plan_bytes):
    d = docx.Document(io.BytesIO(plan_bytes))
    first_body = next(p for p in d.paragraphs if p.text.startswith("为"))
    first_body.paragraph_format.page_break_before = True
    r = preview(_save(tmp_path, "break.docx", d))
    assert any("第1页没有正文" in f for f in r.findings), r.findings


def test_a_signature_alone_on_its_page_and_a_floating_imprint_are_said(tmp_path, plan_bytes):
    d = docx.Document(io.BytesIO(plan_bytes))
    sign = next(p for p in d.paragraphs if p.text == "中共柳溪镇委员会")
    sign.paragraph_format.page_break_before = True  # pushed alone onto a new page
    for t in list(d.element.body.iter(qn("w:tblpPr"))):  # the 版记 no longer floats at the foot
        t.getparent().remove(t)
    r = preview(_save(tmp_path, "alone.docx", d))
    assert any("单独在第" in f for f in r.findings), r.findings
    assert any("版记没有排在最后一页的版心下边缘" in f for f in r.findings), r.findings


def test_a_text_draft_is_laid_out_first(tmp_path):
    src = tmp_path / "稿.txt"
    src.write_text("关于做好发展党员工作的通知\n\n各党支部：\n\n请认真做好今年的发展党员工作，按时报送材料。\n\n"
                   "中共柳溪镇委员会\n2026年3月1日\n", encoding="utf-8")
    r = preview(src)
    assert len(r.pages) == 1 and r.findings == []
    assert any(ln.text == "2026年3月1日" for ln in r.pages[0].lines)


def test_cli_writes_the_pdf_and_pages_and_exits_by_the_findings(runner, tmp_path, plan_bytes):
    ok = _save(tmp_path, "plan.docx", plan_bytes)
    r = run_cli(runner, "preview", str(ok), "--png")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "plan_预览.pdf").exists() and (tmp_path / "plan_预览-1.png").exists()
    r = run_cli(runner, "预览", str(ok))
    assert r.exit_code == 2 and "已存在" in r.output
    d = docx.Document(io.BytesIO(plan_bytes))
    for p in d.paragraphs:
        for run in p.runs:
            run.font.size = Pt(16)
        p.paragraph_format.line_spacing = 1.5
    r = run_cli(runner, "preview", str(_save(tmp_path, "bad.docx", d)))
    assert r.exit_code == 1 and "页面问题" in r.output


def test_format_pdf_for_a_generating_command(runner, tmp_path):
    r = run_cli(runner, "plan", str(EXAMPLE), "-o", str(tmp_path), "--format", "pdf", "--no-register")
    assert r.exit_code == 0, r.output
    pdfs = list(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.docx"))


def test_format_pdf_for_a_batch_of_approvals(runner, tmp_path):
    r = run_cli(runner, "approve", str(EXAMPLE), str(EXAMPLE.parent / "decisions.xlsx"), "-o", str(tmp_path),
                "--format", "pdf,docx", "-j", "2", "--no-register")
    assert r.exit_code == 0, r.output
    pdfs, docxs = list(tmp_path.glob("*.pdf")), list(tmp_path.glob("*.docx"))
    assert len(pdfs) == len(docxs) >= 5 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
