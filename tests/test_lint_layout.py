"""Layout lint of a .docx (issue #14, item 1 — the first part): our own writer's documents pass; a copy
set to 宋体 小四, 1.5 line spacing, 25.4 mm margins and no page numbers gets a finding for each, with
its GB/T 9704 clause; .md and .txt have no pages to check."""
from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.data.profile import load_profile
from generator.lint.config import LintConfig
from generator.lint.run import lint_file
from generator.plans.generate import generate_multi_year_plan, generate_notice, generate_plan
from generator.writers.outputs import docx_writer


def layout_findings(path: Path) -> list:
    return [f for f in lint_file(path, LintConfig()).findings if f.rule.startswith("layout/")]


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return docx_writer().to_bytes(generate_plan(load_profile(EXAMPLE)).document)


@pytest.mark.parametrize("make", [generate_plan, generate_multi_year_plan, generate_notice])
def test_our_own_documents_have_no_layout_findings(tmp_path, make):
    path = tmp_path / "ours.docx"
    path.write_bytes(docx_writer().to_bytes(make(load_profile(EXAMPLE)).document))
    assert layout_findings(path) == []


def broken(data: bytes, *, margins=True, font=True, size=True, spacing=True, numbers=True) -> bytes:
    d = docx.Document(io.BytesIO(data))
    for s in d.sections:
        if margins:
            s.top_margin = s.bottom_margin = s.left_margin = s.right_margin = Mm(25.4)
        if numbers:
            for f in (s.footer, s.even_page_footer, s.first_page_footer):
                for p in list(f.paragraphs):
                    p._p.getparent().remove(p._p)
    for p in d.paragraphs:
        if spacing:
            p.paragraph_format.line_spacing = 1.5
        for r in p.runs:
            if size:
                r.font.size = Pt(12)
            if font:
                r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_the_broken_copy_gets_a_finding_for_each_change_with_its_clause(tmp_path, plan_bytes):
    path = tmp_path / "broken.docx"
    path.write_bytes(broken(plan_bytes))
    found = {f.rule: f for f in layout_findings(path)}
    # the changes reach the title and the headings too: they are reported as well
    assert set(found) == {"layout/margins", "layout/body-font", "layout/body-size", "layout/lines-per-page",
                          "layout/page-number", "layout/title-font", "layout/heading-font", "layout/heading2-font",
                          "layout/chars-per-line"}
    assert found["layout/margins"].severity == "error" and "5.2.1" in found["layout/margins"].source
    assert "天头" in found["layout/margins"].message and "25.4mm" in found["layout/margins"].message
    assert found["layout/body-font"].severity == "warning" and "5.2.2" in found["layout/body-font"].source
    assert "宋体" in found["layout/body-font"].message
    assert "12磅" in found["layout/body-size"].message
    assert "5.2.3" in found["layout/lines-per-page"].source and "16行" in found["layout/lines-per-page"].message
    assert "7.5" in found["layout/page-number"].source


@pytest.mark.parametrize("change, rules", [
    # a taller text area at the same line pitch holds 23 lines: both are reported
    ("margins", {"layout/margins", "layout/lines-per-page"}),
    ("font", {"layout/body-font", "layout/title-font", "layout/heading-font", "layout/heading2-font"}),  # every run
    ("size", {"layout/body-size", "layout/title-font", "layout/chars-per-line"}),  # 12磅: 36 characters a line
    ("spacing", {"layout/lines-per-page"}), ("numbers", {"layout/page-number"}),
])
def test_each_change_alone_is_found_alone(tmp_path, plan_bytes, change, rules):
    flags = {k: k == change for k in ("margins", "font", "size", "spacing", "numbers")}
    path = tmp_path / "one.docx"
    path.write_bytes(broken(plan_bytes, **flags))
    assert {f.rule for f in layout_findings(path)} == rules


def test_letter_paper_is_not_a4(tmp_path, plan_bytes):
    d = docx.Document(io.BytesIO(plan_bytes))
    d.sections[0].page_width, d.sections[0].page_height = Mm(216), Mm(279)
    path = tmp_path / "letter.docx"
    d.save(path)
    assert "layout/page-size" in [f.rule for f in layout_findings(path)]


def test_text_drafts_have_no_layout(tmp_path):
    path = tmp_path / "草稿.txt"
    path.write_text("中共青松镇委员会2025年度发展党员工作计划\n\n为做好工作，制定本计划。\n", encoding="utf-8")
    assert layout_findings(path) == []


def test_title_and_heading_fonts(tmp_path, plan_bytes):
    d = docx.Document(io.BytesIO(plan_bytes))
    for p in d.paragraphs:
        text = "".join(p.text.split())
        if text.startswith("中共柳溪镇委员会2025") or text.startswith(("一、", "二、")):
            for r in p.runs:
                r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
                r.font.size = Pt(16)
    path = tmp_path / "heads.docx"
    d.save(path)
    found = {f.rule: f for f in layout_findings(path)}
    assert set(found) == {"layout/title-font", "layout/heading-font"}
    assert "7.3.1" in found["layout/title-font"].source and "16磅" in found["layout/title-font"].message
    assert "2个一级标题" in found["layout/heading-font"].message and "7.3.3" in found["layout/heading-font"].source


def test_a_signature_that_begins_like_the_title_is_not_the_title(tmp_path, plan_bytes):
    # the 署名 中共柳溪镇委员会 begins the title's text; it is 仿宋 and must not be taken for the title
    path = tmp_path / "ours.docx"
    path.write_bytes(plan_bytes)
    assert layout_findings(path) == []


# --- the 版头 and the 署名 block (issue #14, item 1, second part) --------------------------------------
@pytest.fixture(scope="module")
def notice_bytes() -> bytes:
    return docx_writer().to_bytes(generate_notice(load_profile(EXAMPLE)).document)


def _edit(data: bytes, tmp_path: Path, change) -> Path:
    d = docx.Document(io.BytesIO(data))
    change(d)
    path = tmp_path / "edited.docx"
    d.save(path)
    return path


def _para(d, text: str):
    return next(p for p in d.paragraphs if "".join(p.text.split()) == text)


def test_our_notice_and_approval_pass_the_header_and_signature_checks(tmp_path, notice_bytes):
    from generator.approvals.batch import BatchOptions
    from generator.approvals.batch import plan as batch_plan
    from generator.approvals.build import ApprovalBuilder

    path = tmp_path / "n.docx"
    path.write_bytes(notice_bytes)
    assert layout_findings(path) == []
    profile = load_profile(EXAMPLE)
    approvals = batch_plan(profile, EXAMPLE.parent / "decisions.xlsx", BatchOptions(out_dir=tmp_path), None)
    path.write_bytes(docx_writer().to_bytes(ApprovalBuilder(profile).build(approvals[0]).document))
    assert layout_findings(path) == []


def test_a_black_red_header_and_a_missing_red_rule_are_errors_citing_7_2_4_and_7_2_7(tmp_path, notice_bytes):
    def black(d):
        for r in _para(d, "中共柳溪镇委员会文件").runs:
            r.font.color.rgb = docx.shared.RGBColor(0, 0, 0)
        for p in d.paragraphs:  # the rule is the 发文字号 paragraph's bottom border
            bdr = p._p.pPr.find(qn("w:pBdr")) if p._p.pPr is not None else None
            if bdr is not None:
                p._p.pPr.remove(bdr)
    found = [f for f in layout_findings(_edit(notice_bytes, tmp_path, black)) if f.rule == "layout/red-header"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "000000" in found[0].message and "红色分隔线" in found[0].message
    assert "7.2.4" in found[0].source and "7.2.7" in found[0].source
    assert found[0].line is not None  # on the 发文机关标志 itself


def test_a_drawn_red_line_counts_as_the_rule(tmp_path, notice_bytes):
    """Drafts from Word often draw the line as a shape instead of a border."""
    from docx.oxml import parse_xml

    def drawn(d):
        number = next(p for p in d.paragraphs if "〔2025〕" in p.text)
        number._p.pPr.remove(number._p.pPr.find(qn("w:pBdr")))
        shape = parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                          'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:line from="0,0" to="442pt,0" '
                          'strokecolor="red" strokeweight="1.5pt"/></w:pict></w:r>')
        number._p.append(shape)
    assert [f for f in layout_findings(_edit(notice_bytes, tmp_path, drawn)) if f.rule == "layout/red-header"] == []


def test_a_number_not_centred_is_an_error(tmp_path, notice_bytes):
    def left(d):
        next(p for p in d.paragraphs if "〔2025〕" in p.text).alignment = 0
    found = [f for f in layout_findings(_edit(notice_bytes, tmp_path, left)) if f.rule == "layout/number-line"]
    assert len(found) == 1 and "居中" in found[0].message and "7.2.5" in found[0].source


def test_a_date_on_the_left_or_flush_right_is_reported(tmp_path, notice_bytes):
    def on_left(d):
        p = _para(d, "2025年2月18日")
        p.alignment = 0
        p.paragraph_format.right_indent = None
    found = [f for f in layout_findings(_edit(notice_bytes, tmp_path, on_left)) if f.rule == "layout/date-position"]
    assert len(found) == 1 and "不能居左" in found[0].message

    def flush(d):
        _para(d, "2025年2月18日").paragraph_format.right_indent = Mm(0)
    found = [f for f in layout_findings(_edit(notice_bytes, tmp_path, flush)) if f.rule == "layout/date-position"]
    assert len(found) == 1 and "紧靠" in found[0].message and found[0].severity == "warning"


def test_tracking_removed_gives_27_characters_a_line(tmp_path, plan_bytes):
    def untracked(d):
        for el in d.element.body.iter(qn("w:spacing")):
            if el.getparent().tag == qn("w:rPr"):
                el.getparent().remove(el)
        for st in d.styles.element.iter(qn("w:spacing")):
            if st.getparent().tag == qn("w:rPr"):
                st.getparent().remove(st)
    found = [f for f in layout_findings(_edit(plan_bytes, tmp_path, untracked)) if f.rule == "layout/chars-per-line"]
    assert len(found) == 1 and "27字" in found[0].message and "5.2.3" in found[0].source
