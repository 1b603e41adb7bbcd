"""`gongwen format` (issue #14, item 2): any draft re-laid in the GB/T 9704 layout with its words unchanged —
the broken-layout copy of our plan, the two reference documents, a Markdown draft, and any paragraph text
(hypothesis) — and the result passes the layout checks our own writer's output passes."""
from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE, run_cli
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_lint_layout import broken, layout_findings

from generator.data.profile import load_profile
from generator.errors import InputError
from generator.plans.generate import generate_plan
from generator.reformat.relay import reformat
from generator.writers.outputs import docx_writer

# the two real documents of ../shared/reference (outside the repository: their text never enters it);
# where a checkout has no such folder those two tests say so and skip, and the same shapes are tested on
# the documents of our own below
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
needs_reference = pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference 不在此检出旁")

# A red-header 印发通知 in the shape of the real ones (版头, 文号, a title typed over two lines, a long 主送,
# the 署名 and date, then the printed document run on without a label), in words of our own
OWN_RED_HEADER = """中共青石县委组织部文件

青组发〔2026〕5号

关于印发《青石县2026年发展党员工作

要点》的通知

各乡镇党委，县直机关工委，县教育系统党委，县卫生健康系统党委，各非公有制经济组织和社会组织党组织：

现将《青石县2026年发展党员工作要点》印发给你们，请结合实际认真抓好落实。

中共青石县委组织部
2026年3月9日

青石县2026年发展党员工作要点

今年全县发展党员工作要坚持质量第一，稳步推进。

一、突出政治标准

（一）严把入口关。各基层党组织要把政治标准放在首位，严格政治审查。

（二）加强教育培养。发挥党校主阵地作用，分级分类开展培训。

二、优化队伍结构

注重在青年农民、产业工人和高知识群体中发展党员，做到有领导、有计划、有步骤。
"""
OWN_PLAN_NO_TITLE = """为进一步规范发展党员工作，提高发展质量，结合本县实际，制定本规划。

一、指导思想

以新时代中国特色社会主义思想为指导，严格执行发展党员工作的各项规定。

二、总体目标

规划期内每年发展党员数量保持稳定，结构持续优化。

三、工作措施

1.加强组织领导。各党委要把发展党员工作列入重要议事日程。

2.严格考核监督。把发展党员工作纳入年度党建考核。
"""
_SPACE = re.compile(r"\s+")


def docx_words(data: bytes) -> str:
    """Every character of a .docx body in order (tables and the 版记 included), spaces left out."""
    body = docx.Document(io.BytesIO(data)).element.body
    return _SPACE.sub("", "".join(t.text or "" for t in body.iter(qn("w:t"))))


def formatted(tmp_path: Path, name: str, data: bytes, **kw) -> Path:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / f"{src.stem}_排版.docx"
    out.write_bytes(reformat(src, **kw).data)
    return out


def test_the_broken_copy_of_our_plan_comes_back_in_the_standard_layout_word_for_word(tmp_path):
    data = broken(docx_writer().to_bytes(generate_plan(load_profile(EXAMPLE)).document))
    src = tmp_path / "broken.docx"
    src.write_bytes(data)
    assert len(layout_findings(src)) >= 5
    out = formatted(tmp_path, "broken.docx", data)
    assert layout_findings(out) == []
    assert docx_words(out.read_bytes()) == docx_words(data)


@needs_reference
@pytest.mark.parametrize("name", ["guidance-red-header-2014.txt", "multi-year-plan-county.txt"])
def test_the_reference_documents_are_laid_out_without_changing_a_character(tmp_path, name):
    text = (REFERENCE / name).read_text(encoding="utf-8")
    out = formatted(tmp_path, name, text.encode("utf-8"))
    assert layout_findings(out) == []
    assert docx_words(out.read_bytes()) == _SPACE.sub("", text)


@pytest.mark.parametrize("text", [OWN_RED_HEADER, OWN_PLAN_NO_TITLE])
def test_documents_of_the_same_shapes_are_laid_out_without_changing_a_character(tmp_path, text):
    out = formatted(tmp_path, "own.txt", text.encode("utf-8"))
    assert layout_findings(out) == []
    assert docx_words(out.read_bytes()) == _SPACE.sub("", text)


def _styled(out) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of a formatted copy that has text."""
    return [(p.style.style_id, p.text) for p in docx.Document(str(out)).paragraphs if p.text.strip()]


def test_our_red_header_notice_keeps_its_elements_in_their_places(tmp_path):
    out = formatted(tmp_path, "g.txt", OWN_RED_HEADER.encode("utf-8"))
    paras = _styled(out)
    styles = dict((t, s) for s, t in paras)
    assert styles["中共青石县委组织部文件"] == "GwRedHeader"
    assert styles["青组发〔2026〕5号"] == "GwNumber"
    title = next(t for s, t in paras if s == "GwTitle")
    assert title.replace("\n", "") == "关于印发《青石县2026年发展党员工作要点》的通知"
    assert any(line.startswith("《青石县2026年发展党员工作要点》") for line in title.split("\n"))  # never broken inside
    assert styles["2026年3月9日"] == "GwRight" and styles["中共青石县委组织部"] == "GwRight"


@needs_reference
def test_the_red_header_document_keeps_its_elements_in_their_places(tmp_path):
    text = (REFERENCE / "guidance-red-header-2014.txt").read_text(encoding="utf-8")
    out = formatted(tmp_path, "g.txt", text.encode("utf-8"))
    paras = _styled(out)
    styles = dict((t, s) for s, t in paras)
    assert styles["中共娄底市委组织部文件"] == "GwRedHeader"
    assert styles["娄组发〔2014〕7号"] == "GwNumber"
    title = next(t for s, t in paras if s == "GwTitle")
    # broken into lines, never inside the 书名号: the document's name has a line of its own
    assert title == "关于印发\n《娄底市2014年发展党员工作指导意见》\n的通知"
    assert styles["2014年3月18日"] == "GwRight" and styles["中共娄底市委组织部"] == "GwRight"


MARKDOWN_DRAFT = """# 青石社区党委2026年发展党员工作计划

为做好本年度发展党员工作，结合社区实际，制定本计划。

## 一、总体要求

坚持党章规定的党员标准，严格履行入党程序。

## 二、目标任务

| 项目 | 计划数 |
| --- | --- |
| 发展党员 | 3名 |
| 培养积极分子 | 5名 |

## 三、工作措施

（一）加强教育培养。每季度开展一次集中学习。

青石社区党委

2026年2月10日
"""


def test_a_markdown_draft_gets_the_layout_and_keeps_its_words_and_table(tmp_path):
    out = formatted(tmp_path, "draft.md", MARKDOWN_DRAFT.encode("utf-8"))
    assert layout_findings(out) == []
    d = docx.Document(str(out))
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [["项目", "计划数"], ["发展党员", "3名"],
                                                                    ["培养积极分子", "5名"]]
    want = _SPACE.sub("", re.sub(r"^#+ |^\| --- \| --- \|$|\|", "", MARKDOWN_DRAFT, flags=re.M))
    assert docx_words(out.read_bytes()) == want
    styles = {p.text: p.style.style_id for p in d.paragraphs}
    assert styles["一、总体要求"] == "GwHeading1" and styles["2026年2月10日"] == "GwRight"


def test_a_signer_beside_the_number_of_a_report_is_kept_on_its_line(tmp_path):
    text = "柳发〔2026〕4号　　签发人：王立新\n\n中共柳溪镇委员会关于2025年发展党员工作情况的报告\n\n南岭县委组织部：\n\n现将有关情况报告如下。\n\n特此报告。\n\n中共柳溪镇委员会\n2026年1月8日\n"
    out = formatted(tmp_path, "report.txt", text.encode("utf-8"))
    line = next(p for p in docx.Document(str(out)).paragraphs if "签发人" in p.text)
    assert line.text == "柳发〔2026〕4号\t签发人：王立新"
    assert docx_words(out.read_bytes()) == _SPACE.sub("", text)


def test_a_date_in_old_numerals_and_a_recipient_without_colon_stay_as_written(tmp_path):
    # changing them is lint's --fix, not the layout's: format changes no word
    text = "关于做好发展党员工作的通知\n\n各党支部\n\n请认真做好今年的发展党员工作。\n\n中共柳溪镇委员会\n二〇二六年三月一日\n"
    out = formatted(tmp_path, "n.txt", text.encode("utf-8"))
    assert docx_words(out.read_bytes()) == _SPACE.sub("", text)


def test_red_header_on_request_comes_from_the_signature_and_needs_one(tmp_path):
    text = "关于做好发展党员工作的通知\n\n各党支部：\n\n请认真做好今年的发展党员工作。\n\n中共柳溪镇委员会\n2026年3月1日\n"
    out = formatted(tmp_path, "n.txt", text.encode("utf-8"), red_header=True)
    assert docx.Document(str(out)).paragraphs[0].text == "中共柳溪镇委员会文件"
    src = tmp_path / "unsigned.txt"
    src.write_text("关于做好发展党员工作的通知\n\n请认真做好今年的发展党员工作。\n", encoding="utf-8")
    with pytest.raises(InputError, match="没有署名"):
        reformat(src, red_header=True)


def test_cli_writes_beside_the_draft_never_over_it_and_refuses_bad_input(runner, tmp_path):
    src = tmp_path / "草稿.txt"
    src.write_text(OWN_PLAN_NO_TITLE, encoding="utf-8")
    r = run_cli(runner, "format", str(src))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "草稿_排版.docx").exists() and "未识别出标题" in r.output
    r = run_cli(runner, "排版", str(src))
    assert r.exit_code == 2 and "已存在" in r.output and "--force" in r.output
    assert run_cli(runner, "format", str(src), "--force").exit_code == 0
    empty = tmp_path / "空.txt"
    empty.write_text("\n\n", encoding="utf-8")
    for bad, says in ((tmp_path / "无.docx", "不存在"), (empty, "没有可排版的正文"),
                      (tmp_path / "草稿_排版.docx.pdf", "不支持")):
        if bad.suffix == ".pdf":
            bad.write_bytes(b"%PDF-1.4")
        r = run_cli(runner, "format", str(bad), "-o", str(tmp_path / "out"))
        assert r.exit_code == 2 and says in r.output, r.output
    assert not (tmp_path / "out").exists()  # nothing written for a bad draft


def test_two_drafts_are_written_together_or_not_at_all(runner, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("关于做好发展党员工作的通知\n\n请认真做好今年的发展党员工作。\n", encoding="utf-8")
    r = run_cli(runner, "format", str(good), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2 and not (tmp_path / "out" / "a_排版.docx").exists()


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_ANY = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u2028\u2029\ufeff")
paragraph = st.text(st.one_of(_CJK, _CJK, _CJK, _ANY), min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(paragraph, min_size=1, max_size=6), st.booleans(), st.booleans())
def test_any_paragraph_text_survives_format(tmp_path, paras, titled, signed):
    text = ("关于做好发展党员工作的通知\n\n" if titled else "") + "\n\n".join(p.replace("\n", " ") for p in paras) \
        + ("\n\n中共柳溪镇委员会\n2026年3月1日\n" if signed else "\n")
    src = tmp_path / "h.txt"
    src.write_text(text, encoding="utf-8")
    try:
        data = reformat(src).data
    except InputError as exc:  # a lone title: nothing to lay out, and said so
        assert "没有可排版的正文" in str(exc)
        return
    assert docx_words(data) == _SPACE.sub("", text)


def test_traditional_characters_are_kept_as_written(tmp_path):
    """lint reads such a draft in its simplified reading; format keeps every character as it is."""
    text = "關於做好發展黨員工作的通知\n\n各黨支部：\n\n請認真做好今年的發展黨員工作。\n\n中共柳溪鎮委員會\n2026年3月1日\n"
    out = formatted(tmp_path, "t.txt", text.encode("utf-8"))
    assert docx_words(out.read_bytes()) == _SPACE.sub("", text)
    src = tmp_path / "t_排版.docx"
    again = formatted(tmp_path, "t2.docx", src.read_bytes())  # and a .docx in traditional characters too
    assert docx_words(again.read_bytes()) == _SPACE.sub("", text)
