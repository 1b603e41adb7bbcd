"""`gongwen lint` on the command line: report formats, exit codes, config, --fix, --annotate."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.core import snippets as snippets_mod

ZYQ = snippets_mod.load().formulations["总要求"].text
CLEAN = f"""中共柳溪镇委员会2025年度发展党员工作计划
为做好发展党员工作，按照“{ZYQ}”的总要求，结合实际，特制定本计划。
一、指导思想
坚持以习近平新时代中国特色社会主义思想为指导，做好发展党员工作。
二、目标任务
全年发展党员15名。
三、工作重点
把好入口关。
四、工作要求
加强领导。
中共柳溪镇委员会
2025年3月18日
"""
BAD = CLEAN.replace("把好入口关。", "把好入口关,充分发挥党员前锋模范作用。发展××名。")


def invoke(*args, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, ["lint", *map(str, args)], catch_exceptions=False)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, ["lint", *map(str, args)], catch_exceptions=False)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_clean_file_exits_0_and_says_what_was_inferred(tmp_path):
    r = invoke(write(tmp_path, "计划.txt", CLEAN), "--no-config")
    assert r.exit_code == 0, r.output
    assert "年度发展党员工作计划（按标题推断）" in r.output and "2025年3月18日（成文日期）" in r.output
    assert "错误 0 处" in r.output


def test_errors_exit_1_with_text_report(tmp_path):
    r = invoke(write(tmp_path, "计划.txt", BAD), "--no-config")
    assert r.exit_code == 1
    assert "wording/spinner" in r.output and "建议：“先锋模范”" in r.output
    assert "8:6" in r.output  # line 8, the half-width comma


def test_json_has_exactly_the_agreed_shape(tmp_path):
    r = invoke(write(tmp_path, "计划.txt", BAD), "--format", "json", "--no-config")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert set(data) == {"files", "summary"}
    (f,) = data["files"]
    assert set(f) == {"path", "kind", "date", "findings"}
    assert f["kind"] == "plan" and f["date"] == "2025-03-18"
    keys = {"rule", "severity", "message", "line", "column", "end_line", "end_column", "match", "suggestion", "source",
            "count"}
    for item in f["findings"]:
        assert set(item) == keys
        assert item["severity"] in ("error", "warning", "info")
    assert data["summary"] == {"files": 1, "errors": sum(i["severity"] == "error" for i in f["findings"]),
                               "warnings": sum(i["severity"] == "warning" for i in f["findings"]),
                               "infos": sum(i["severity"] == "info" for i in f["findings"])}
    spinner = next(i for i in f["findings"] if i["rule"] == "wording/spinner")
    assert (spinner["line"], spinner["column"], spinner["end_column"], spinner["match"]) == (8, 13, 17, "前锋模范")


def test_unreadable_file_exits_2_but_others_are_linted(tmp_path):
    good = write(tmp_path, "计划.txt", BAD)
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    r = invoke(broken, good, "--format", "json", "--no-config")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert "坏.docx" in r.stderr and "Traceback" not in r.output


def test_usage_errors_exit_2(tmp_path):
    p = write(tmp_path, "a.txt", CLEAN)
    assert invoke(p, "--kind", "memo").exit_code == 2
    assert invoke(p, "--date", "2025-13-01").exit_code == 2
    assert invoke(p, "--in-place").exit_code == 2
    assert invoke().exit_code == 2


def test_kind_and_date_options_override_inference(tmp_path):
    p = write(tmp_path, "a.txt", "发展党员工作的几点意见\n坚持以习近平新时代中国特色社会主义思想为指导。\n")
    r = invoke(p, "--kind", "plan", "--date", "2015-06-01", "--format", "json", "--no-config")
    f = json.loads(r.stdout)["files"][0]
    assert f["kind"] == "plan" and f["date"] == "2015-06-01"
    assert any(i["rule"] == "era/anachronism" for i in f["findings"])


def test_directory_is_expanded(tmp_path):
    d = tmp_path / "草稿"
    d.mkdir()
    write(d, "a.txt", CLEAN)
    write(d, "b.md", CLEAN)
    write(d, "~$a.docx", "lock")
    r = invoke(d, "--format", "json", "--no-config")
    assert json.loads(r.stdout)["summary"]["files"] == 2


@pytest.mark.parametrize("name, text", [
    ("gongwen.toml", '[lint]\ndisable = ["wording/spinner"]\n[lint.severity]\n"placeholder" = "warning"\n'),
    ("gongwen.yaml", 'lint:\n  disable: [wording/spinner]\n  severity:\n    placeholder: warning\n'),
])
def test_config_turns_rules_off_and_changes_severity(tmp_path, name, text):
    write(tmp_path, name, text)
    draft = write(tmp_path, "计划.txt", BAD)
    r = invoke(draft, "--format", "json", "--config", tmp_path / name)
    f = json.loads(r.stdout)["files"][0]
    rules = {i["rule"]: i["severity"] for i in f["findings"]}
    assert "wording/spinner" not in rules
    assert rules["placeholder/leftover"] == "warning"


def test_config_is_discovered_in_parent_directory(tmp_path, monkeypatch):
    write(tmp_path, "gongwen.toml", '[lint]\ndisable = ["punct"]\n')
    sub = tmp_path / "子目录"
    sub.mkdir()
    draft = write(sub, "计划.txt", BAD)
    monkeypatch.chdir(sub)
    r = CliRunner().invoke(main, ["lint", str(draft), "--format", "json"], catch_exceptions=False)
    assert not [i for i in json.loads(r.stdout)["files"][0]["findings"] if i["rule"].startswith("punct/")]
    r = CliRunner().invoke(main, ["lint", str(draft), "--format", "json", "--no-config"], catch_exceptions=False)
    assert [i for i in json.loads(r.stdout)["files"][0]["findings"] if i["rule"].startswith("punct/")]


def test_house_style_rule_files(tmp_path):
    write(tmp_path, "本单位.yaml", """rules:
  - id: house/称谓
    type: substitution
    severity: error
    source: 本单位公文规范
    swaps:
      - {correct: 柳溪镇党委, wrong: [镇党委]}
  - id: house/禁用
    type: existence
    tokens: [全年]
  - id: house/必备
    type: required
    kinds: [plan]
    phrases: [一岗双责]
""")
    write(tmp_path, "gongwen.toml", '[lint]\nrule_files = ["本单位.yaml"]\n')
    draft = write(tmp_path, "计划.txt", CLEAN.replace("加强领导。", "镇党委加强领导。"))
    r = invoke(draft, "--format", "json", "--config", tmp_path / "gongwen.toml")
    found = {i["rule"]: i for i in json.loads(r.stdout)["files"][0]["findings"]}
    assert found["house/称谓"]["suggestion"] == "柳溪镇党委" and found["house/称谓"]["source"] == "本单位公文规范"
    assert found["house/禁用"]["severity"] == "warning"
    assert found["house/必备"]["line"] is None
    assert r.exit_code == 1


@pytest.mark.parametrize("text, message", [
    ('[lint]\ndisable = ["nosuch/rule"]\n', "不是已知规则"),
    ('[lint]\n[lint.severity]\n"punct" = "fatal"\n', "级别"),
    ('[lint]\nrule_files = ["无.yaml"]\n', "不存在"),
    ('[lint\n', "TOML"),
    ('[lint]\ncolour = true\n', "未知设置"),
])
def test_bad_config_is_one_clear_message_and_exit_2(tmp_path, text, message):
    cfg = write(tmp_path, "gongwen.toml", text)
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--config", cfg)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_bad_rule_file_lists_every_problem(tmp_path):
    write(tmp_path, "坏.yaml", "rules:\n  - id: 无斜杠\n    type: existence\n  - id: a/b\n    type: nope\n  - id: a/c\n    type: existence\n    patterns: ['(']\n")
    cfg = write(tmp_path, "gongwen.toml", '[lint]\nrule_files = ["坏.yaml"]\n')
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--config", cfg)
    assert r.exit_code == 2
    assert "无斜杠" in r.output and "type" in r.output and "正则表达式" in r.output


def test_toml_subset_reader_for_python_310():
    from generator.lint.config import parse_toml_subset

    data = parse_toml_subset('# 注释\n[lint]\ndisable = ["punct", "junk/stray-latin"]  # 行尾注释\n'
                             '[lint.severity]\n"wording/de-di-de" = "error"\n[lint.options]\npercent_tolerance = 1.5\n')
    assert data == {"lint": {"disable": ["punct", "junk/stray-latin"], "severity": {"wording/de-di-de": "error"},
                             "options": {"percent_tolerance": 1.5}}}


def test_fix_writes_a_corrected_copy_and_lists_changes(tmp_path):
    draft = write(tmp_path, "计划.txt", BAD, encoding="gbk")
    r = invoke(draft, "--fix", "--no-config")
    fixed = tmp_path / "计划（已修正）.txt"
    assert fixed.exists()
    assert draft.read_bytes() == BAD.encode("gbk")  # the input is never modified without --in-place
    text = fixed.read_bytes().decode("gb18030")
    assert "把好入口关，充分发挥党员先锋模范作用" in text
    assert "××" in text  # not mechanical: left for the writer
    assert "“,” → “，”" in r.output and "“前锋模范” → “先锋模范”" in r.output
    assert r.exit_code == 1  # the placeholder is still an error
    again = invoke(draft, "--fix", "--no-config")
    assert again.exit_code == 2 and "已存在" in again.output  # no overwrite without --force
    assert invoke(draft, "--fix", "--force", "--no-config").exit_code == 1


def test_fix_in_place_and_markdown_keeps_other_text(tmp_path):
    md = "---\n标题: 测试\n发文字号: 柳发[2025]3号\n---\n\n发展党员,提高**质量**.\n"
    draft = write(tmp_path, "a.md", md)
    r = invoke(draft, "--fix", "--in-place", "--no-config")
    # the emphasis markers stay; the full stop after them is found through the column map
    assert draft.read_text(encoding="utf-8") == "---\n标题: 测试\n发文字号: 柳发〔2025〕3号\n---\n\n发展党员，提高**质量**。\n"
    assert "修正 3 处" in r.output


def test_fix_keeps_crlf_and_bom(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_bytes("\ufeff标题\r\n发展党员,提高质量\r\n".encode("utf-8"))
    invoke(draft, "--fix", "--in-place", "--no-config")
    assert draft.read_bytes() == "\ufeff标题\r\n发展党员，提高质量\r\n".encode("utf-8")


def test_annotate_puts_each_finding_as_a_word_comment_on_its_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("中共柳溪镇委员会2025年度发展党员工作计划")
    p = d.add_paragraph("充分发挥党员")
    p.add_run("前锋模范作用").bold = True
    p.add_run("，发展××名。")
    src = tmp_path / "计划.docx"
    d.save(src)
    r = invoke(src, "--annotate", "--no-config")
    out = tmp_path / "计划（批注）.docx"
    assert out.exists() and str(out) in r.output
    annotated = docx.Document(out)
    comments = list(annotated.comments)
    texts = [c.text for c in comments]
    assert any("前锋模范" in t and "先锋模范" in t for t in texts)
    assert any(t.startswith("【全文】") for t in texts)  # whole-document findings hang on the title
    # the comment on the spinner covers exactly the four characters
    body = annotated.element.body.xml
    start = body.index('commentRangeStart w:id="' + str(next(c.comment_id for c in comments if "前锋模范" in c.text)) + '"')
    end = body.index("commentRangeEnd", start)
    import re
    covered = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body[start:end]))
    assert covered == "前锋模范"
    # the original is untouched and linting the copy reports its comments
    assert not list(docx.Document(src).comments)
    r2 = invoke(out, "--format", "json", "--no-config")
    assert any(i["rule"] == "junk/comments" for i in json.loads(r2.stdout)["files"][0]["findings"])


def test_annotate_to_a_named_output_and_skips_non_docx(tmp_path):
    d = docx.Document()
    d.add_paragraph("正文,有半角逗号。")
    src = tmp_path / "a.docx"
    d.save(src)
    txt = write(tmp_path, "b.txt", CLEAN)
    out_dir = tmp_path / "批注"
    r = invoke(src, txt, "--annotate", "-o", out_dir, "--no-config")
    assert (out_dir / "a（批注）.docx").exists()
    assert "只适用于 .docx" in r.output


def test_list_rules_names_every_family():
    r = invoke("x", "--list-rules", "--no-config")
    assert r.exit_code == 0
    for family in ("structure/", "phrase/", "era/", "placeholder/", "wording/", "number/", "numbering/", "punct/", "format/", "junk/"):
        assert family in r.output


def test_list_rules_needs_no_file_and_lint_without_files_is_a_usage_error(runner):
    from generator.cli import main

    r = runner.invoke(main, ["lint", "--list-rules"])
    assert r.exit_code == 0 and "phrase/misquote" in r.output
    r = runner.invoke(main, ["lint"])
    assert r.exit_code == 2 and "请给出要检查的文件" in r.output


# --- a fresh user's walkthrough -----------------------------------------------------------------
def test_directory_without_drafts_is_a_usage_error_naming_it(tmp_path):
    empty = tmp_path / "空目录"
    empty.mkdir()
    (empty / "说明.xlsx").write_bytes(b"x")
    r = invoke(empty, "--no-config")
    assert r.exit_code == 2
    assert f"{empty}：目录中没有可检查的文件（.docx、.md、.txt）" in r.output
    assert "共检查" not in r.output and "Traceback" not in r.output
    # old Word files are named, with what to do; the other drafts are not checked either
    (empty / "计划.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    r = invoke(write(tmp_path, "计划.txt", CLEAN), empty, "--no-config")
    assert r.exit_code == 2 and ".doc 文件需先在 Word 或 WPS 中另存为 .docx" in r.output
    assert "共检查" not in r.output


@pytest.mark.parametrize("given, kind", [
    ("plan", "plan"), ("计划", "plan"), ("年度计划", "plan"), ("年度发展党员工作计划", "plan"),
    ("multi_year_plan", "multi_year_plan"), ("规划", "multi_year_plan"), ("发展党员工作规划", "multi_year_plan"),
    ("总结", "summary"), ("发展党员工作总结", "summary"), ("SUMMARY", "summary"),
    ("批复", "approval"), ("通知", "notice"), ("印发通知", "notice"),
])
def test_kind_accepts_the_chinese_names_writers_use(tmp_path, given, kind):
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--kind", given, "--format", "json", "--no-config")
    assert r.exit_code in (0, 1), r.output
    assert json.loads(r.stdout)["files"][0]["kind"] == kind


def test_unknown_kind_is_a_chinese_error_listing_the_choices(tmp_path):
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--kind", "备忘录", "--no-config")
    assert r.exit_code == 2
    assert "--kind：不认识的文种“备忘录”，可选：" in r.output
    for choice in ("plan", "计划", "multi_year_plan", "规划", "summary", "总结", "approval", "批复", "notice", "印发通知"):
        assert choice in r.output
    assert "Invalid value" not in r.output and "共检查" not in r.output


def test_help_shows_chinese_placeholders():
    r = invoke("--help")
    assert r.exit_code == 0
    for shown in ("--kind 文种", "--date 日期", "--config 文件", "-o, --output 文件或目录"):
        assert shown in r.output
    assert "TEXT" not in r.output and "FILE " not in r.output and "[plan|" not in r.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_when_no_file_could_be_read_only_the_errors_are_printed(tmp_path, fmt):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    r = invoke(broken, tmp_path / "无此文件.txt", "--format", fmt, "--no-config")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "坏.docx" in r.stderr and "无此文件.txt：文件不存在" in r.stderr
    assert "共检查" not in r.output


@pytest.mark.parametrize("name, text, message", [
    ("gongwen.toml", '[lint]\ndisable = ["punct"]\n"disable" = ["era"]\n',
     "第3行：[lint] 中“disable”与第2行重复"),
    ("gongwen.toml", '[lint]\ndisable = ["punct"]\n[lint.severity]\npunct = "warning"\n[lint]\n',
     "第5行：表名“[lint]”与第1行重复"),
    ("gongwen.toml", '[lint.severity]\npunct = "warning"\n\'punct\' = "off"\n',
     "第3行：[lint.severity] 中“punct”与第2行重复"),
    ("gongwen.yaml", "lint:\n  disable: [punct]\n  severity:\n    punct: warning\n    punct: off\n",
     "第5行：“punct”与第4行重复"),
])
def test_duplicate_keys_in_config_are_reported_with_file_and_line(tmp_path, name, text, message):
    cfg = write(tmp_path, name, text)
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--config", cfg)
    assert r.exit_code == 2
    assert f"错误：{cfg}：{message}" in r.output
    assert "共检查" not in r.output and "Traceback" not in r.output


def test_duplicate_keys_in_a_rule_file_are_reported_with_file_and_line(tmp_path):
    write(tmp_path, "本单位.yaml", "rules:\n  - id: house/禁用\n    type: existence\n    tokens: [全年]\n    tokens: [半年]\n")
    cfg = write(tmp_path, "gongwen.toml", '[lint]\nrule_files = ["本单位.yaml"]\n')
    r = invoke(write(tmp_path, "a.txt", CLEAN), "--config", cfg)
    assert r.exit_code == 2
    assert "本单位.yaml：第5行：“tokens”与第4行重复" in r.output
    assert "共检查" not in r.output


def test_toml_subset_reader_reports_duplicates_too():
    from generator.errors import ValidationError
    from generator.lint.config import parse_toml_subset, toml_duplicates

    with pytest.raises(ValidationError) as exc:
        parse_toml_subset('[lint]\ndisable = ["punct"]\ndisable = ["era"]\n', "gongwen.toml")
    assert exc.value.problems[0].startswith("第3行：[lint] 中“disable”与第2行重复")
    # the same key in different tables, in an array of tables or in a multi-line string is not a duplicate
    assert toml_duplicates('[lint.severity]\npunct = "off"\n[lint.options]\npunct = 1\n'
                           '[[x]]\na = 1\n[[x]]\na = 2\n[y]\ns = """\nb = 1\nb = 2\n"""\n') == []


def test_python_310_toml_reader_names_toml_in_its_errors():
    from generator.errors import InputError
    from generator.lint.config import parse_toml_subset

    with pytest.raises(InputError, match="第1行 TOML 格式错误"):
        parse_toml_subset("[lint\n", "gongwen.toml")
