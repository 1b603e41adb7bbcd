"""Whatever a writer feeds `gongwen lint` — random Unicode, nothing, one 5 MB line, binary
garbage, a truncated .docx — it answers with a report or one clear message and exit 0/1/2,
never a traceback. (hypothesis; no timing is asserted.)"""
from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.lint.engine import lint_draft
from generator.readers import read_bytes, read_text

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# text that looks like a 公文 more often than uniform Unicode would
PIECES = st.sampled_from(["一、", "（一）", "1.", "1、", "（1）", "一是", "三是", "其中", "名", "占", "%", "～", "，", "。",
                          "、", "“", "”", "《", "》", "(", ")", "\n", " ", "　", "×", "20", "年", "月", "日", "党的十九大精神",
                          "控制总量", "优化结构", "前锋模范", "合计", "共计", "分别为", "比例为", "∶", "<!-- gongwen-disable -->",
                          "---\n", "标题: x\n", "# ", "|", "**", "\ufeff", "\u200b", "各党支部：", "特此批复。", "附件：",
                          "柳发〔2025〕3号", "2025年3月18日", "二〇二五年三月十八日"])
DRAFTS = st.lists(st.one_of(st.text(max_size=40), PIECES), max_size=60).map("".join)


def _exit_ok(result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


@FUZZ
@given(text=DRAFTS, fmt=st.sampled_from(["md", "txt"]))
def test_any_text_lints_without_error(text, fmt):
    try:
        draft = read_text(text, f"x.{fmt}", fmt)
    except Exception as exc:  # only our own, explained, errors may stop reading
        from generator.errors import GongwenError

        assert isinstance(exc, GongwenError), repr(exc)
        return
    result = lint_draft(draft)
    assert not [f for f in result.findings if f.rule == "internal/rule-error"], result.findings
    for f in result.findings:
        assert f.severity in ("error", "warning", "info")
        if f.line is not None:
            assert f.line >= 1 and f.column >= 1


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".docx"]))
def test_any_bytes_through_the_cli(tmp_path_factory, data, suffix):
    d = tmp_path_factory.mktemp("fuzz")
    p = d / f"草稿{suffix}"
    p.write_bytes(data)
    r = CliRunner().invoke(main, ["lint", str(p), "--format", "json", "--no-config"])
    _exit_ok(r)
    if r.exit_code != 2:
        json.loads(r.stdout)


@FUZZ
@given(text=DRAFTS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_any_text_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        draft = read_bytes(data, "x.txt", "txt")
    except Exception as exc:
        from generator.errors import GongwenError

        assert isinstance(exc, GongwenError), repr(exc)
        return
    lint_draft(draft)


def test_empty_files(tmp_path):
    for suffix in (".txt", ".md"):
        p = tmp_path / f"空{suffix}"
        p.write_bytes(b"")
        _exit_ok(CliRunner().invoke(main, ["lint", str(p), "--no-config"]))
    d = docx.Document()
    p = tmp_path / "空.docx"
    d.save(p)
    _exit_ok(CliRunner().invoke(main, ["lint", str(p), "--no-config", "--annotate"]))


@pytest.mark.slow
def test_a_5mb_single_line(tmp_path):
    clean = "坚持把政治标准放在首位，发展党员15名，其中女性6名、35岁及以下9名，严格程序，规范管理，"
    defect = "充分发挥党员前锋模范作用,发展××名“"
    unit = clean * 40 + defect
    p = tmp_path / "长.txt"
    p.write_text((unit * (5_000_000 // len(unit) + 1))[:5_000_000], encoding="utf-8")
    r = CliRunner().invoke(main, ["lint", str(p), "--format", "json", "--no-config"])
    _exit_ok(r)
    assert json.loads(r.stdout)["summary"]["files"] == 1


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=100))
def test_truncated_docx(tmp_path_factory, cut):
    d = docx.Document()
    d.add_paragraph("中共柳溪镇委员会2025年度发展党员工作计划")
    d.add_paragraph("发展党员15名。")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    p = tmp_path_factory.mktemp("trunc") / "截断.docx"
    p.write_bytes(data[: len(data) * cut // 100])
    r = CliRunner().invoke(main, ["lint", str(p), "--no-config"])
    _exit_ok(r)
    if cut < 100:
        assert r.exit_code == 2


def test_docx_with_broken_document_xml(tmp_path):
    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            z.writestr(item, data)
    p = tmp_path / "坏.docx"
    p.write_bytes(out.getvalue())
    r = CliRunner().invoke(main, ["lint", str(p), "--no-config"])
    _exit_ok(r)
    assert r.exit_code == 2 and "无法作为 Word 文档" in r.output
