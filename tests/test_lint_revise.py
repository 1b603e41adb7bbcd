"""`gongwen lint 草稿.docx --fix` (issue #14, item 3): the mechanical fixes as Word revisions — w:del/w:ins by
author "gongwen", each with a comment giving the finding — in a copy; accepting them all gives what --fix
gives for the same text as .txt, rejecting them all gives the draft back; the markup follows the WordprocessingML
schema's definitions of the elements; LibreOffice opens the copy and shows each revision."""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import run_cli
from docx.oxml.ns import qn
from lxml import etree

from generator.lint.config import LintConfig
from generator.lint.fix import apply_fixes
from generator.lint.revise import revise
from generator.lint.run import lint_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WHEN = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.timezone.utc)

PARAGRAPHS = [
    "关于做好2026年发展党员工作的通知",
    "各党支部:",
    "为深入贯彻党的二十大精神,现就做好今年发展党员工作通知如下。",
    "一、总体要求",
    "要坚持控制总量、优化结构、提高质量、发挥作用的总要求,严格按照《中国共产党发展党员工作细则》办事.",
    "中共柳溪镇委员会",
    "2026年3月1日",
]


def make_draft(path: Path) -> Path:
    d = docx.Document()
    for text in PARAGRAPHS:
        p = d.add_paragraph()
        if text.startswith("为深入"):  # two runs, the first bold: the fix sits at their border
            p.add_run(text[:13]).bold = True
            p.add_run(text[13:])
        else:
            p.add_run(text)
    d.save(str(path))
    return path


def revised(tmp_path: Path):
    src = make_draft(tmp_path / "草稿.docx")
    result = lint_file(src, LintConfig())
    data, changes, complete = revise(result, WHEN)
    return src, result, data, changes, complete


def body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")).find(f"{{{W}}}body")


def texts(body_el, accept: bool) -> list[str]:
    """Paragraph texts with every revision accepted (or rejected), as Word would leave them."""
    b = copy.deepcopy(body_el)
    drop, keep = (f"{{{W}}}del", f"{{{W}}}ins") if accept else (f"{{{W}}}ins", f"{{{W}}}del")
    for el in list(b.iter(drop)):
        el.getparent().remove(el)
    for el in list(b.iter(keep)):
        parent, i = el.getparent(), el.getparent().index(el)
        for child in reversed(list(el)):
            parent.insert(i, child)
        parent.remove(el)
    for t in b.iter(f"{{{W}}}delText"):
        t.tag = f"{{{W}}}t"
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in b.iter(f"{{{W}}}p")]


def test_fixes_become_revisions_that_accept_to_the_txt_fix_and_reject_to_the_draft(tmp_path):
    src, result, data, changes, _ = revised(tmp_path)
    before = src.read_bytes()
    assert [(c.old, c.new) for c in changes] == [(":", "："), (",", "，"), (",", "，"), (".", "。")]
    b = body(data)
    assert texts(b, accept=False) == PARAGRAPHS
    txt = tmp_path / "草稿.txt"
    txt.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    fixed, _ = apply_fixes(lint_file(txt, LintConfig()))
    assert texts(b, accept=True) == [t for t in fixed.split("\n") if t]
    assert src.read_bytes() == before  # the draft itself is never touched


def test_each_revision_is_by_gongwen_dated_numbered_once_and_commented(tmp_path):
    _, _, data, changes, _ = revised(tmp_path)
    b = body(data)
    revs = list(b.iter(f"{{{W}}}ins", f"{{{W}}}del"))
    assert len(revs) == 2 * len(changes)
    assert {r.get(f"{{{W}}}author") for r in revs} == {"gongwen"}
    assert {r.get(f"{{{W}}}date") for r in revs} == {"2026-03-02T08:30:00Z"}
    ids = [r.get(f"{{{W}}}id") for r in revs]
    assert len(set(ids)) == len(ids)
    for d in b.iter(f"{{{W}}}del"):  # deleted text is w:delText, as Word writes it
        assert list(d.iter(f"{{{W}}}t")) == [] and list(d.iter(f"{{{W}}}delText"))
    starts = [c.get(f"{{{W}}}id") for c in b.iter(f"{{{W}}}commentRangeStart")]
    assert len(starts) == len(changes)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("punct/halfwidth") == len(changes) and "gongwen" in comments


def test_the_inserted_text_keeps_the_formatting_of_what_it_replaces(tmp_path):
    _, _, data, _, _ = revised(tmp_path)
    third = list(body(data).iter(f"{{{W}}}p"))[2]
    ins = third.find(f".//{{{W}}}ins")
    deleted = third.find(f".//{{{W}}}del")
    assert ins.find(f".//{{{W}}}t").text == "，" and deleted.find(f".//{{{W}}}delText").text == ","
    assert deleted.find(f".//{{{W}}}b") is not None and ins.find(f".//{{{W}}}b") is not None  # bold stays bold


# The elements as WordprocessingML defines them (ECMA-376 Part 1, wml.xsd: CT_Markup, CT_TrackChange,
# CT_RunTrackChange, CT_R, CT_Text, CT_MarkupRange); run and paragraph properties are checked laxly, xml:space is let through.
SCHEMA = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="{W}" targetNamespace="{W}"
  elementFormDefault="qualified" attributeFormDefault="qualified">
  <xsd:complexType name="CT_Markup"><xsd:attribute name="id" type="xsd:integer" use="required"/></xsd:complexType>
  <xsd:complexType name="CT_TrackChange"><xsd:complexContent><xsd:extension base="CT_Markup">
    <xsd:attribute name="author" type="xsd:string" use="required"/>
    <xsd:attribute name="date" type="xsd:dateTime" use="optional"/>
  </xsd:extension></xsd:complexContent></xsd:complexType>
  <xsd:complexType name="CT_Text"><xsd:simpleContent><xsd:extension base="xsd:string">
    <xsd:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="skip"/></xsd:extension></xsd:simpleContent></xsd:complexType>
  <xsd:complexType name="CT_Lax"><xsd:sequence><xsd:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence>
    <xsd:anyAttribute processContents="lax"/></xsd:complexType>
  <xsd:complexType name="CT_R"><xsd:sequence>
    <xsd:element name="rPr" type="CT_Lax" minOccurs="0"/>
    <xsd:choice minOccurs="0" maxOccurs="unbounded">
      <xsd:element name="t" type="CT_Text"/><xsd:element name="delText" type="CT_Text"/>
      <xsd:element name="commentReference" type="CT_Markup"/>
    </xsd:choice></xsd:sequence></xsd:complexType>
  <xsd:complexType name="CT_RunTrackChange"><xsd:complexContent><xsd:extension base="CT_TrackChange">
    <xsd:choice minOccurs="0" maxOccurs="unbounded"><xsd:element name="r" type="CT_R"/></xsd:choice>
  </xsd:extension></xsd:complexContent></xsd:complexType>
  <xsd:complexType name="CT_P"><xsd:sequence>
    <xsd:element name="pPr" type="CT_Lax" minOccurs="0"/>
    <xsd:choice minOccurs="0" maxOccurs="unbounded">
      <xsd:element name="r" type="CT_R"/>
      <xsd:element name="ins" type="CT_RunTrackChange"/><xsd:element name="del" type="CT_RunTrackChange"/>
      <xsd:element name="commentRangeStart" type="CT_Markup"/><xsd:element name="commentRangeEnd" type="CT_Markup"/>
    </xsd:choice></xsd:sequence></xsd:complexType>
  <xsd:element name="p" type="CT_P"/>
</xsd:schema>"""


def test_the_revision_markup_follows_the_schema_definitions(tmp_path):
    _, _, data, _, _ = revised(tmp_path)
    schema = etree.XMLSchema(etree.fromstring(SCHEMA.encode()))
    touched = [p for p in body(data).iter(f"{{{W}}}p") if p.find(f"{{{W}}}ins") is not None or p.find(f"{{{W}}}del") is not None]
    assert len(touched) == 3
    for p in touched:
        assert schema.validate(etree.ElementTree(copy.deepcopy(p))), schema.error_log
    broken = copy.deepcopy(touched[0])
    broken.find(f"{{{W}}}ins").attrib.pop(f"{{{W}}}author")  # the schema really checks: author is required
    assert not schema.validate(etree.ElementTree(broken))


def test_a_fix_where_the_text_is_not_plain_runs_is_left_alone(tmp_path):
    """A half-width comma inside a field result (a run holding a tab, here) cannot be revised cleanly."""
    d = docx.Document()
    d.add_paragraph("关于做好发展党员工作的通知")
    p = d.add_paragraph()
    r = p.add_run("请各支部按时报送材料,")
    r._r.append(r._r.makeelement(qn("w:tab"), {}))  # noqa: SLF001
    p.add_run("逾期不候。")
    d.save(str(tmp_path / "x.docx"))
    result = lint_file(tmp_path / "x.docx", LintConfig())
    assert any(f.rule == "punct/halfwidth" for f in result.findings)
    _, changes, complete = revise(result, WHEN)
    assert changes == [] and complete == set()


def test_cli_fix_on_docx_writes_the_revised_copy_and_reports_what_remains(runner, tmp_path):
    src = make_draft(tmp_path / "草稿.docx")
    r = run_cli(runner, "lint", str(src), "--fix")
    out = tmp_path / "草稿（修订）.docx"
    assert out.exists(), r.output
    assert "4 处修正以 Word 修订的形式写入" in r.output and "punct/halfwidth" in r.output
    report = r.output.split("\n\n", 1)[1]
    assert "punct/halfwidth" not in report  # fixed as revisions: not reported again
    r = run_cli(runner, "lint", str(src), "--fix")
    assert r.exit_code == 2 and "已存在" in r.output
    r = run_cli(runner, "lint", str(src), "--fix", "--in-place")
    assert "不原地修改" in r.output


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) 未安装")
def test_libreoffice_opens_the_copy_and_shows_every_revision(tmp_path):
    _, _, data, changes, _ = revised(tmp_path)
    copy_path = tmp_path / "rev.docx"
    copy_path.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "fodt",
                    "--outdir", str(tmp_path), str(copy_path)], check=True, capture_output=True, timeout=180)
    fodt = (tmp_path / "rev.fodt").read_text(encoding="utf-8")
    regions = re.findall(r"<text:changed-region", fodt)
    assert len(regions) == 2 * len(changes)
    assert fodt.count("<text:insertion>") == len(changes) and fodt.count("<text:deletion>") == len(changes)
    assert "gongwen" in fodt
