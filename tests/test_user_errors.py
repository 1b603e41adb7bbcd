"""What a careless user does, and what the tool must answer: one Chinese message naming the file
and the line/row/field (or the full list), exit code 2, no traceback, nothing written or half
written, no user file overwritten without --force. One test (or a few) per mistake found in a
first-time-user session."""
from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

from generator import resources
from generator.cli.i18n import display_width, wrap_text
from generator.data.decisions import load_decisions
from generator.errors import InputError, OutputError, ValidationError
from generator.infra import fileio
from generator.roster.people import load_roster

EXAMPLES = resources.examples_dir()
TITLE = "中共柳溪镇委员会2025年度发展党员工作计划"


def _failed(r, *expected: str) -> str:
    """An exit-2 failure with every expected text and no traceback; returns the output."""
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    for text in expected:
        assert text in r.output, r.output
    return r.output


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _nothing_in(directory: Path) -> bool:
    return not directory.exists() or not any(directory.iterdir())


# --- the unit profile (YAML) as writers type it ---------------------------------------------------
def test_tab_indentation_is_named_once_with_its_lines(runner, example_profile_path, tmp_path):
    text = example_profile_path.read_text(encoding="utf-8")
    example_profile_path.write_text(text.replace("\n  全称:", "\n\t全称:").replace("\n  简称:", "\n\t简称:"), encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out))
    output = _failed(r, "用了制表符（Tab）缩进", "请把 Tab 换成空格")
    line = next(i for i, x in enumerate(example_profile_path.read_text(encoding="utf-8").splitlines(), 1) if "\t全称" in x)
    assert f"第{line}—{line + 1}行" in output  # both lines, in one message
    assert "cannot start any token" not in output
    assert _nothing_in(out)


def test_full_width_colon_after_a_key_names_the_line_and_the_key(runner, example_profile_path, tmp_path):
    _edit(example_profile_path, "  署名: 中共柳溪镇委员会", "  署名：中共柳溪镇委员会")
    line = next(i for i, x in enumerate(example_profile_path.read_text(encoding="utf-8").splitlines(), 1) if "署名：" in x)
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out))
    _failed(r, str(example_profile_path), f"第{line}行“署名：”用了全角冒号", "“署名: ”")
    assert "could not find" not in r.output and _nothing_in(out)


def test_full_width_colons_everywhere_read_as_text_get_the_hint(runner, tmp_path):
    unit = tmp_path / "我的单位.yaml"
    unit.write_text("单位：中共石门村支部委员会\n年度：2025\n", encoding="utf-8")
    r = run_cli(runner, "plan", str(unit), "-o", str(tmp_path / "out"))
    _failed(r, "全角冒号", "半角冒号加一个空格")


def test_several_slips_are_all_named_in_one_message(tmp_path):
    from generator.data.profile import load_profile

    unit = tmp_path / "u.yaml"
    unit.write_text("单位:\n  全称: 中共x\n  简称：x\n  类型:村\n  上级: y\n年度: 2025\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_profile(unit)
    assert str(info.value) == (f"{unit}：第3行“简称：”用了全角冒号，请改为半角冒号加一个空格：“简称: ”；"
                               "第4行“类型:”后面缺少空格，应为“类型: 值”")


def test_a_section_without_required_fields_is_named_without_an_empty_list(tmp_path):
    from generator.data.profile import load_profile

    text = (EXAMPLES / "unit.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "u.yaml"
    unit.write_text(text[:text.index("\n公文:")] + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_profile(unit)
    assert info.value.problems == ["公文：缺少这一部分（写法见 examples/unit.yaml）"]


def test_missing_space_after_colon(runner, example_profile_path, tmp_path):
    _edit(example_profile_path, "  简称: 柳溪镇党委", "  简称:柳溪镇党委")
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"))
    _failed(r, "“简称:”后面缺少空格")


def test_a_key_written_twice_is_an_error_not_a_silent_override(runner, example_profile_path, tmp_path):
    text = example_profile_path.read_text(encoding="utf-8")
    example_profile_path.write_text(text + "\n年度: 2024\n", encoding="utf-8")
    last = len(example_profile_path.read_text(encoding="utf-8").splitlines())
    first = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("年度:"))
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out))
    _failed(r, f"第{last}行：“年度”与第{first}行重复")
    assert _nothing_in(out)


def test_yaml_errors_without_a_known_slip_are_in_chinese(runner, tmp_path):
    unit = tmp_path / "u.yaml"
    unit.write_text("单位:\n  全称: '中共石门村\n", encoding="utf-8")
    r = run_cli(runner, "plan", str(unit), "-o", str(tmp_path / "out"))
    _failed(r, "YAML 无法解析：引号没有配对")
    assert "end of stream" not in r.output


@pytest.mark.parametrize("encoding, words", [("gbk", "GBK"), ("utf-16", "UTF-16")])
def test_profile_not_in_utf8_says_what_it_is_and_how_to_save(runner, example_profile_path, tmp_path, encoding, words):
    example_profile_path.write_bytes(example_profile_path.read_text(encoding="utf-8").encode(encoding))
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"))
    _failed(r, "不是 UTF-8 编码", words, "另存为")


def test_a_spreadsheet_given_as_the_profile(runner, tmp_path):
    r = run_cli(runner, "plan", str(EXAMPLES / "roster.xlsx"), "-o", str(tmp_path / "out"))
    _failed(r, "roster.xlsx：不是文本文件")
    assert "UTF-8" not in r.output


def test_numbers_with_units_full_width_digits_and_year_suffix_are_read(runner, example_profile_path, tmp_path):
    ref = tmp_path / "ref"
    assert run_cli(runner, "plan", str(example_profile_path), "-o", str(ref), "--format", "md").exit_code == 0
    _edit(example_profile_path, "  发展党员: 15 ", "  发展党员: 15名 ")
    _edit(example_profile_path, "  党员总数: 1286", "  党员总数: 1,286人")
    _edit(example_profile_path, "  入党积极分子: 12", "  入党积极分子: １２")
    _edit(example_profile_path, "    女: 35%", "    女: 35％")
    _edit(example_profile_path, "年度: 2025 ", "年度: 2025年 ")
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out), "--format", "md")
    assert r.exit_code == 0, r.output
    assert (out / f"{TITLE}.md").read_bytes() == (ref / f"{TITLE}.md").read_bytes()


def test_a_number_that_is_not_one_names_the_field_and_the_form(runner, example_profile_path, tmp_path):
    _edit(example_profile_path, "  发展党员: 15 ", "  发展党员: 十五名 ")
    _edit(example_profile_path, "    女: 35%", "    女: 百分之三十五")
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"))
    _failed(r, "发现 2 处问题", "目标.发展党员：应为整数（只写数字，如 15）", "目标.结构.女：应为百分数")


@pytest.mark.parametrize("written", ["2025.2.18", "2025年2月18日", "2025/2/18"])
def test_dates_in_the_profile_as_writers_type_them(runner, example_profile_path, tmp_path, written):
    _edit(example_profile_path, "成文日期: 2025-02-18", f"成文日期: {written}")
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out), "--format", "md")
    assert r.exit_code == 0, r.output
    assert "成文日期: 2025-02-18" in (out / f"{TITLE}.md").read_text(encoding="utf-8")


def test_a_missing_section_says_what_it_must_contain(runner, example_profile_path, tmp_path):
    text = example_profile_path.read_text(encoding="utf-8")
    start, end = text.index("\n目标:"), text.index("\n规划:")
    example_profile_path.write_text(text[:start] + text[end:], encoding="utf-8")
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"))
    _failed(r, "目标：缺少这一部分（其中必填：发展党员")


# --- paths ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args, what", [
    (["plan", "{dir}"], "单位概况文件"),
    (["notice", "{dir}"], "单位概况文件"),
    (["approve", "{unit}", "{dir}"], "决定表文件"),
    (["approve", "{unit}", "{decisions}", "--roster", "{dir}"], "花名册文件"),
    (["approve", "{unit}", "{decisions}", "--register", "{dir}"], "文号登记簿文件"),
    (["summary", "{dir}", "--roster", "{roster}", "--period", "2025H1"], "单位概况文件"),
    (["roster", "check", "{dir}"], "花名册文件"),
])
def test_a_directory_instead_of_a_file(runner, tmp_path, args, what):
    values = {"dir": str(tmp_path), "unit": str(EXAMPLES / "unit.yaml"), "decisions": str(EXAMPLES / "decisions.xlsx"),
              "roster": str(EXAMPLES / "roster.xlsx")}
    before = sorted(tmp_path.iterdir())
    r = run_cli(runner, *[a.format(**values) for a in args], "-o", str(tmp_path / "out")) if args[0] != "roster" \
        else run_cli(runner, *[a.format(**values) for a in args])
    output = _failed(r, f"{tmp_path}：是一个目录，请给出{what}")
    assert "用法" not in output and "UNIT" not in output  # one line, not click's usage text
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", [
    ["plan", str(EXAMPLES / "unit.yaml")],
    ["approve", str(EXAMPLES / "unit.yaml"), str(EXAMPLES / "decisions.xlsx")],
    ["summary", str(EXAMPLES / "unit.yaml"), "--roster", str(EXAMPLES / "roster.xlsx"), "--period", "2025H1"],
])
def test_output_option_given_a_file_name(runner, tmp_path, command):
    target = tmp_path / "计划.docx"
    r = run_cli(runner, *command, "-o", str(target))
    _failed(r, "-o 指定的是输出目录，不是文件名")
    assert not target.exists()


def test_output_directory_that_is_an_existing_file(runner, tmp_path):
    blocker = tmp_path / "我的单位.yaml"
    blocker.write_text("x", encoding="utf-8")
    r = run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(blocker))
    _failed(r, "已有同名文件，不能作为输出目录")
    assert "File exists" not in r.output and blocker.read_text(encoding="utf-8") == "x"


def test_a_unit_name_too_long_for_the_file_system(runner, example_profile_path, tmp_path):
    long_name = "中共" + "某某" * 60 + "委员会"
    _edit(example_profile_path, "全称: 中共柳溪镇委员会", f"全称: {long_name}")
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2
    for name in names:
        assert len(name.encode("utf-8")) <= 255
        assert name.startswith("中共某某") and "…" in name
        assert name.removesuffix(".docx").removesuffix(".md").endswith("2025年度发展党员工作计划")


def test_safe_filename_bounds_bytes_and_keeps_the_end():
    name = fileio.safe_filename("甲" * 300 + "工作计划")
    assert len(name.encode("utf-8")) <= 200 and name.endswith("工作计划") and name.startswith("甲")
    assert fileio.safe_filename("短名") == "短名"


# --- tables -------------------------------------------------------------------------------------------
def _with_title_row(src: Path, dst: Path, title: str) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws.insert_rows(1)
    ws["A1"] = title
    wb.save(dst)
    return dst


def test_a_title_row_above_the_header(tmp_path):
    roster = load_roster(_with_title_row(EXAMPLES / "roster.xlsx", tmp_path / "r.xlsx", "柳溪镇发展党员花名册"))
    plain = load_roster(EXAMPLES / "roster.xlsx")
    assert [p.name for p in roster.people] == [p.name for p in plain.people]
    assert roster.people[0].row == plain.people[0].row + 1  # the row numbers the user sees in Excel
    decisions = load_decisions(_with_title_row(EXAMPLES / "decisions.xlsx", tmp_path / "d.xlsx", "党委会议决定"))
    assert len(decisions.items) == 12 and decisions.items[0].row == 3


def test_a_title_row_and_a_bad_cell_name_the_excel_row(tmp_path):
    path = _with_title_row(EXAMPLES / "decisions.xlsx", tmp_path / "d.xlsx", "党委会议决定")
    wb = openpyxl.load_workbook(path)
    wb.active["C3"] = "入党"
    wb.save(path)
    with pytest.raises(ValidationError) as info:
        load_decisions(path)
    assert info.value.problems == ["第3行事项“入党”无法识别（可填：接收预备党员、按期转正、延长预备期、取消预备党员资格）"]


def test_data_on_the_second_sheet_after_an_instructions_sheet(tmp_path):
    wb = openpyxl.load_workbook(EXAMPLES / "decisions.xlsx")
    wb.create_sheet("填表说明", 0)["A1"] = "每人一行，日期写 2025-03-20"
    wb.save(tmp_path / "d.xlsx")
    assert len(load_decisions(tmp_path / "d.xlsx").items) == 12


@pytest.mark.parametrize("name", ["花名册.xls", "花名册.csv"])
def test_a_workbook_with_the_wrong_extension_is_read_as_a_workbook(tmp_path, name):
    shutil.copy(EXAMPLES / "roster.xlsx", tmp_path / name)
    assert len(load_roster(tmp_path / name).people) == len(load_roster(EXAMPLES / "roster.xlsx").people)


def test_an_old_or_protected_workbook_named_xlsx(tmp_path):
    (tmp_path / "r.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match="旧版 Excel 97-2003 格式.*另存为 .xlsx"):
        load_roster(tmp_path / "r.xlsx")


def test_a_web_page_saved_as_xls(tmp_path):
    (tmp_path / "r.xls").write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    with pytest.raises(InputError, match="网页（HTML）格式"):
        load_roster(tmp_path / "r.xls")


def test_unrecognised_headers_are_listed_with_the_missing_columns(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("序号,支部,姓名,决议事项,支部大会日期,党委会议日期\n1,第一党支部,张三,接收预备党员,2025-03-03,2025-03-20\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_decisions(path)
    assert info.value.problems == ["第1行表头缺少列“事项”", "第1行中没有认出的表头：“决议事项”"]  # 序号 is not worth a word


def test_decisions_saved_by_excel_as_gbk_csv(runner, tmp_path):
    rows = ["党支部,姓名,事项,支部大会日期,党委会议日期,延长期限,入党时间",
            "第一党支部,张三,接收预备党员,2025/3/3,2025/3/20,,"]
    path = tmp_path / "决定表.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLES / "unit.yaml"), str(path), "-o", str(out), "--format", "md")
    assert r.exit_code == 0, r.output
    assert any("第一党支部_接收预备党员_张三同志" in p.name for p in out.iterdir())


# --- writing: locked files, interruptions, two runs into one folder ---------------------------------------
def test_force_onto_a_file_open_in_word_stops_before_writing_anything(runner, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / f"{TITLE}.md").write_text("我改过的稿子", encoding="utf-8")
    before[f"{TITLE}.md"] = "我改过的稿子".encode("utf-8")
    real_open = open

    def locked(path, mode="r", *args, **kwargs):
        if str(path).endswith(".docx") and "+" in mode:
            err = PermissionError(errno.EACCES, "Permission denied", str(path))
            err.winerror = 32  # what Windows says for a document open in Word
            raise err
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(fileio, "open", locked, raising=False)
    r = run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(out), "--force")
    _failed(r, f"{TITLE}.docx：无法覆盖（文件正在其他程序（如 Word、WPS、Excel）中打开，请先关闭）")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the .md was not replaced either


def test_write_failure_names_the_document_not_the_temp_file(tmp_path, monkeypatch):
    def full(src, dst, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(fileio.os, "replace", full)
    monkeypatch.setattr(fileio.os, "link", full)  # a new file is linked into place (renamed without links)
    with pytest.raises(OutputError) as info:
        fileio.write_all({tmp_path / "甲.md": b"1", tmp_path / "乙.md": b"2"})
    message = str(info.value)
    assert message.startswith(f"{tmp_path / '甲.md'}：写入失败（磁盘已满）")
    assert ".~gongwen" not in message and "No space" not in message
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_right_after_the_temp_file_is_created_leaves_nothing(tmp_path, monkeypatch):
    """A signal is handled right after a system call returns: the temp file exists, but its
    name never reached the code that would remove it."""
    real = fileio.os.open

    def interrupted(path, flags, *args, **kwargs):
        fd = real(path, flags, *args, **kwargs)
        # the new file: under a temp name, or without a name (O_TMPFILE) where the system has that
        if ".~gongwen-" in str(path) or (fileio._O_TMPFILE and flags & fileio._O_TMPFILE == fileio._O_TMPFILE):
            fileio.os.close(fd)
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(fileio.os, "open", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_all({tmp_path / "甲.md": b"1", tmp_path / "乙.md": b"2"})
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_claiming_the_names_leaves_nothing(tmp_path, monkeypatch):
    real = fileio.os.open
    calls = []

    def interrupted(path, *args, **kwargs):
        fd = real(path, *args, **kwargs)
        calls.append(path)
        if len(calls) == 2:
            fileio.os.close(fd)
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(fileio.os, "open", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_all({tmp_path / f"{i}.md": b"x" for i in range(4)})
    assert list(tmp_path.iterdir()) == []


def test_targets_are_checked_from_one_listing_per_folder(tmp_path, monkeypatch):
    """Thousands of targets: the folder is listed once and only names found there are stat'ed —
    folded, so that on a case-insensitive disk 甲.MD still counts as 甲.md; a directory in the way
    and an existing file are found as before."""
    (tmp_path / "甲.MD").write_bytes(b"old")
    (tmp_path / "乙.md").write_bytes(b"old")
    targets = [tmp_path / f"{i:04d}.md" for i in range(300)] + [tmp_path / "甲.md", tmp_path / "乙.md"]
    stats = []
    real_stat = os.stat

    def counting(path, *a, **k):
        stats.append(Path(path).name)
        return real_stat(path, *a, **k)

    monkeypatch.setattr(fileio.os, "stat", counting)
    existed = fileio.prepare_targets(targets, force=True)
    assert existed == {tmp_path / "乙.md"}  # this disk tells 甲.MD from 甲.md: stat'ed, not taken
    assert sorted(n for n in stats if n.endswith((".md", ".MD"))) == ["乙.md", "甲.md"]
    with pytest.raises(OutputError, match="乙.md：文件已存在"):
        fileio.prepare_targets(targets, force=False)
    (tmp_path / "0007.md").mkdir()
    with pytest.raises(OutputError, match="0007.md：同名目录已存在"):
        fileio.prepare_targets(targets, force=True)


def test_another_run_writing_the_same_name_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    real = fileio.check_targets
    theirs = tmp_path / "乙.md"

    def and_then_another_run_writes(paths, force, *listed):
        found = real(paths, force, *listed)
        theirs.write_text("另一次运行写的", encoding="utf-8")
        return found

    monkeypatch.setattr(fileio, "check_targets", and_then_another_run_writes)
    with pytest.raises(OutputError, match="乙.md：文件已存在"):
        fileio.write_all({tmp_path / "甲.md": b"1", theirs: b"2", tmp_path / "丙.md": b"3"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["乙.md"]
    assert theirs.read_text(encoding="utf-8") == "另一次运行写的"


def test_written_files_have_normal_permissions_and_content(tmp_path):
    import os

    fileio.write_all({tmp_path / "甲.md": b"abc"})
    assert (tmp_path / "甲.md").read_bytes() == b"abc"
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "甲.md").stat().st_mode & 0o777 == 0o666 & ~mask


def test_roster_report_that_exists_is_refused_before_the_check_is_printed(runner, tmp_path):
    report = tmp_path / "检查.txt"
    report.write_text("上次的报告", encoding="utf-8")
    r = run_cli(runner, "roster", "check", str(EXAMPLES / "roster.xlsx"), "-o", str(report))
    output = _failed(r, "检查.txt：文件已存在")
    assert "花名册：" not in output and report.read_text(encoding="utf-8") == "上次的报告"


# --- help ---------------------------------------------------------------------------------------------
HELP = [[], ["plan"], ["notice"], ["summary"], ["approve"], ["roster", "check"], ["demo"], ["corpus", "search"]]


@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "gongwen")
def test_help_fits_an_80_column_terminal(runner, command):
    from generator.cli import main

    r = runner.invoke(main, [*command, "--help"], terminal_width=80)
    assert r.exit_code == 0, r.output
    for line in r.output.splitlines():
        assert display_width(line) <= 80, line


@pytest.mark.parametrize("command, joined", [(["summary"], "计算；存在问题"), (["approve"], "入党时间（或用")])
def test_docstring_lines_join_without_a_stray_space(runner, command, joined):
    """click joins the lines of a paragraph with a space: “计算； 存在问题”."""
    from generator.cli import main

    r = runner.invoke(main, [*command, "--help"], terminal_width=80)
    flat = "".join(line.strip() for line in r.output.splitlines())
    assert joined in flat, r.output


@pytest.mark.parametrize("command", HELP[1:6], ids=lambda c: " ".join(c))
def test_help_names_values_in_chinese(runner, command):
    from generator.cli import main

    r = runner.invoke(main, [*command, "--help"], terminal_width=80)
    assert not re.search(r"\b(TEXT|INTEGER|RANGE|FILENAME)\b", r.output), r.output


def test_option_column_lines_up_with_chinese_metavars(runner):
    from generator.cli import main

    r = runner.invoke(main, ["plan", "--help"], terminal_width=80)
    starts = {display_width(line[:line.index(help_)]) for line in r.output.splitlines()
              for help_ in ("追加本单位", "覆盖已存在", "输出目录，默认") if help_ in line}
    assert len(starts) == 1, r.output


def test_wrap_text_breaks_between_chinese_characters_not_before_punctuation():
    text = "数字（发展数、完成率、各类占比、梯队人数、各党支部情况）全部从花名册计算；\n存在问题和下步打算按未达到的目标选取条文。"
    wrapped = wrap_text(text, 30, "  ", "  ")
    lines = wrapped.splitlines()
    assert len(lines) > 1 and all(display_width(x) <= 30 for x in lines)
    assert "".join(x.strip() for x in lines) == text.replace("\n", "")
    assert not any(x.strip()[0] in "，。、；）" for x in lines)
    assert wrap_text("use --kind multi_year_plan here", 12) == "use --kind\nmulti_year_plan\nhere"


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + "姓名,性别\n张三,男\n".encode("gbk"),  # a UTF-8 BOM in front of GBK text
    b"\xff\xfe" + "姓名,性别\n".encode("utf-16-le") + b"\x00",  # UTF-16 cut off mid-character
])
def test_csv_with_a_bom_that_does_not_match_its_bytes_is_an_input_error(tmp_path, data):
    path = tmp_path / "花名册.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="编码"):
        load_roster(path)


@pytest.mark.parametrize("count", [10, 200])  # one by one, and by several threads
def test_a_failure_midway_takes_back_every_file_of_the_batch(tmp_path, monkeypatch, count):
    from generator.errors import OutputError
    from generator.infra import fileio

    real = fileio._fill
    calls = []

    def flaky(fd, data):
        calls.append(fd)
        if len(calls) == count // 2:
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(fileio, "_fill", flaky)
    outputs = {tmp_path / "out" / f"{i:03d}.docx": b"x" * 100 for i in range(count)}
    with pytest.raises(OutputError):
        fileio.write_all(outputs)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == []


def test_a_large_batch_is_written_whole(tmp_path):
    from generator.infra import fileio

    outputs = {tmp_path / "out" / f"{i:03d}.md": f"第{i}份".encode() for i in range(300)}
    fileio.write_all(outputs)
    assert all(p.read_bytes() == data for p, data in outputs.items())
    assert len(list((tmp_path / "out").iterdir())) == 300  # and no temp file left


def test_a_file_system_without_unnamed_files_gets_temp_names_instead(tmp_path, monkeypatch):
    """Where O_TMPFILE is refused (FAT32 sticks, network shares, older kernels) the folder is
    remembered and every file is written under a temp name and linked: same files, no temp left."""
    import errno as errno_mod

    from generator.infra import fileio

    if not fileio._O_TMPFILE:
        pytest.skip("this system has no O_TMPFILE: the temp names are what every other test uses")
    real, refused = fileio.os.open, []

    def no_tmpfile(path, flags, *args, **kwargs):
        if flags & fileio._O_TMPFILE == fileio._O_TMPFILE:
            refused.append(path)
            raise OSError(errno_mod.EOPNOTSUPP, "Operation not supported", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(fileio.os, "open", no_tmpfile)
    monkeypatch.setattr(fileio, "_NO_TMPFILE", set())
    outputs = {tmp_path / f"{i}.md": f"第{i}份".encode("utf-8") for i in range(5)}
    fileio.write_all(outputs)
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == outputs
    assert len(refused) == 1 and fileio._NO_TMPFILE == {tmp_path}  # asked once for the folder
