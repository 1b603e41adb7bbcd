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
                          "layout/page-number", "layout/title-font", "layout/heading-font"}
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
    ("font", {"layout/body-font", "layout/title-font", "layout/heading-font"}),  # every run, headings too
    ("size", {"layout/body-size", "layout/title-font"}),
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
