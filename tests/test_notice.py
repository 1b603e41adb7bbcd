"""印发通知: "关于印发《…》的通知" that carries a generated plan or multi-year plan as its 附件 on a
new page; 主送, 印发语, 署名, 成文日期 belong to the notice, not to the attachment."""
from __future__ import annotations

import io

import docx
import pytest
import yaml
from conftest import EXAMPLE, run_cli
from docx.oxml.ns import qn

from generator.core import markdown_io
from generator.core.model import Document, Meta, Paragraph
from generator.data.profile import load_profile
from generator.plans.generate import attached, generate_multi_year_plan, generate_notice, generate_plan
from generator.writers.outputs import docx_writer

TITLE = "中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知"


@pytest.fixture(scope="module")
def example():
    return load_profile(EXAMPLE)


def test_notice_elements(example):
    g = generate_notice(example)
    m = g.document.meta
    assert m.kind == "notice" and m.title == TITLE
    assert m.recipients == "各村（社区）党组织，镇直各党支部"
    assert m.doc_number == "柳发〔2025〕3号" and m.red_header == "中共柳溪镇委员会文件"
    assert m.signature == "中共柳溪镇委员会" and m.date.isoformat() == "2025-02-18"
    assert m.attachment_notes == ["2025年度发展党员工作计划"]
    assert m.cc and m.printer
    (lead,) = [b.text for b in g.document.blocks]
    assert "《2025年度发展党员工作计划》" in lead and "印发给你们" in lead and lead.endswith("。")


def test_attachment_is_the_plan_without_its_own_elements(example):
    g = generate_notice(example)
    (att,) = g.document.attachments
    plan = generate_plan(example)
    assert att.meta == Meta(kind="plan", title="2025年度发展党员工作计划")
    assert [b.text if isinstance(b, Paragraph) else getattr(b, "full", None) for b in att.blocks] == [
        b.text if isinstance(b, Paragraph) else getattr(b, "full", None) for b in plan.document.blocks
    ]
    assert set(plan.clause_ids) <= set(g.clause_ids)


def test_markdown_round_trip(example):
    g = generate_notice(example)
    assert g.markdown.count(markdown_io.ATTACHMENT_MARKER) == 1
    again = markdown_io.parse(g.markdown)
    assert markdown_io.render(again) == g.markdown
    assert again.attachments[0].meta.kind == "plan"


def test_notice_of_multi_year_plan(example):
    g = generate_notice(example, of="multi_year_plan")
    assert g.document.meta.title == "中共柳溪镇委员会关于印发《2025—2029年发展党员工作规划》的通知"
    (att,) = g.document.attachments
    assert att.meta.kind == "multi_year_plan" and att.meta.title == "2025—2029年发展党员工作规划"
    standalone = generate_multi_year_plan(example)
    assert len(att.blocks) == len(standalone.document.blocks)


def test_recipients_override_and_default(example_profile_path):
    data = yaml.safe_load(example_profile_path.read_text(encoding="utf-8"))
    data["公文"]["主送"] = "镇属各党组织"
    example_profile_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert generate_notice(load_profile(example_profile_path)).document.meta.recipients == "镇属各党组织"
    del data["公文"]["主送"], data["单位"]["所属组织"]
    example_profile_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # by default the unit type's word for those below it (a 镇: its villages, communities and offices)
    assert generate_notice(load_profile(example_profile_path)).document.meta.recipients == "各村（社区）和镇直单位党组织"


def test_attached_title_keeps_foreign_titles():
    d = Document(Meta(kind="plan", title="柳溪镇2025年度发展党员工作计划", signature="x"), [Paragraph("正文")])
    a = attached(d, "中共柳溪镇委员会")
    assert a.meta.title == "柳溪镇2025年度发展党员工作计划" and a.meta.signature is None
    assert a.blocks == d.blocks and a.blocks is not d.blocks


def _body_paragraphs(data: bytes):
    d = docx.Document(io.BytesIO(data))
    return d, d.paragraphs


def test_docx_attachment_on_new_page_with_label(example):
    g = generate_notice(example)
    data = docx_writer().to_bytes(g.document)
    d, paras = _body_paragraphs(data)
    texts = [p.text for p in paras]
    note = texts.index("附件：2025年度发展党员工作计划")
    label = texts.index("附件")
    assert note < texts.index("中共柳溪镇委员会") < label  # 附件说明, 署名, then the attachment
    ppr = paras[label]._p.pPr
    assert ppr.find(qn("w:pageBreakBefore")) is not None
    title = next(i for i in range(label + 1, len(texts)) if texts[i])
    assert texts[title] == "2025年度发展党员工作计划"
    assert "一、指导思想" in texts[title:]
    # the 版记 comes last, after the attachment (GB/T 9704—2012 8: 附件在版记之前)
    body = d.element.body
    last_tbl = [el for el in body if el.tag == qn("w:tbl")][-1]
    assert "抄送" in "".join(t.text or "" for t in last_tbl.iter(qn("w:t")))
    assert list(body).index(last_tbl) > list(body).index(paras[label]._p)
    assert docx_writer().to_bytes(generate_notice(example).document) == data  # reproducible


def test_cli_notice(runner, example_profile_path, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "notice", str(example_profile_path), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == [f"{TITLE}.docx", f"{TITLE}.md"]
    r = run_cli(runner, "notice", str(example_profile_path), "--of", "multi_year_plan", "-o", str(out), "--format", "md")
    assert r.exit_code == 0
    assert (out / "中共柳溪镇委员会关于印发《2025—2029年发展党员工作规划》的通知.md").exists()
    r = run_cli(runner, "notice", str(example_profile_path), "-o", str(out))
    assert r.exit_code == 2 and "已存在" in r.output and "--force" in r.output


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--of", "总结"], "--of：这里不能用“总结”"),
        (["--format", "wps"], "wps"),
        (["--variant", "abc"], "--variant：应为 0—999 的整数"),
        (["--date", "2025-02-30"], ""),
    ],
)
def test_cli_notice_bad_options(runner, example_profile_path, tmp_path, args, expected):
    out = tmp_path / "out"
    r = run_cli(runner, "notice", str(example_profile_path), "-o", str(out), *args)
    assert r.exit_code == 2 and expected in r.output
    assert "Traceback" not in r.output and not out.exists()
