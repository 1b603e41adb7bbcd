"""`gongwen plan` and `gongwen demo` end to end, and every kind of bad input: exit 2, one Chinese
message, nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

TITLE = "中共柳溪镇委员会2025年度发展党员工作计划"


def test_plan_writes_docx_and_md(runner, example_profile_path, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == [f"{TITLE}.docx", f"{TITLE}.md"]
    md = (out / f"{TITLE}.md").read_text(encoding="utf-8")
    assert "“控制总量、优化结构、提高质量、发挥作用”的总要求" in md
    assert "# 一、指导思想" in md and "# 四、进度安排" in md and "# 五、工作要求" in md
    assert "15名" in md


def test_format_option_and_date_override(runner, example_profile_path, tmp_path):
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path), "--format", "md", "--date", "2016-03-01")
    assert r.exit_code == 0, r.output
    files = list(tmp_path.glob("*.md"))
    assert len(files) == 1 and not list(tmp_path.glob("*.docx"))
    md = files[0].read_text(encoding="utf-8")
    assert "成文日期: 2016-03-01" in md
    assert "习近平新时代中国特色社会主义思想" not in md  # not yet current in 2016
    assert "党的十八大和十八届历次全会精神" in md


def test_existing_file_is_not_overwritten(runner, example_profile_path, tmp_path):
    target = tmp_path / f"{TITLE}.md"
    target.write_text("我的稿子", encoding="utf-8")
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path))
    assert r.exit_code == 2
    assert "已存在" in r.output and "--force" in r.output
    assert target.read_text(encoding="utf-8") == "我的稿子"
    assert not (tmp_path / f"{TITLE}.docx").exists()  # nothing half-done either
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path), "--force")
    assert r.exit_code == 0 and target.read_text(encoding="utf-8") != "我的稿子"


def _bad_profile(path: Path, mutate) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d["单位"].pop("全称"), "单位.全称：缺少必填项"),
        (lambda d: d["目标"].update(发展党员="十五"), "目标.发展党员：应为整数"),
        (lambda d: d["单位"].update(类型="火星基地"), "单位.类型：未知的取值“火星基地”"),
        (lambda d: d["公文"].update(成文日期="2025/2/31"), "公文.成文日期："),
    ],
)
def test_bad_profile_exit_2_nothing_written(runner, example_profile_path, tmp_path, mutate, expected):
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(_bad_profile(example_profile_path, mutate)), "-o", str(out))
    assert r.exit_code == 2
    assert expected in r.output
    assert "Traceback" not in r.output
    assert not out.exists() or not any(out.iterdir())


def test_missing_and_unreadable_profile(runner, tmp_path):
    r = run_cli(runner, "plan", str(tmp_path / "没有.yaml"), "-o", str(tmp_path))
    assert r.exit_code == 2 and "文件不存在" in r.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("单位: {全称: [\n", encoding="utf-8")
    r = run_cli(runner, "plan", str(broken), "-o", str(tmp_path))
    assert r.exit_code == 2 and "YAML 无法解析" in r.output


def test_unwritable_output_dir(runner, example_profile_path, tmp_path):
    if os.geteuid() == 0:
        # root ignores permission bits; /proc refuses new files even to root
        locked = Path("/proc/self")
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(locked))
    assert r.exit_code == 2
    assert "不可写" in r.output or "写入失败" in r.output
    assert "Traceback" not in r.output


def test_output_path_that_is_a_file(runner, example_profile_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(blocker / "sub"))
    assert r.exit_code == 2 and "无法创建输出目录" in r.output


def test_bad_format_and_bad_date(runner, example_profile_path, tmp_path):
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path), "--format", "odt")
    assert r.exit_code == 2 and "odt" in r.output and "pdf" in r.output
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path), "--date", "2025-02-30")
    assert r.exit_code == 2
    assert not list(tmp_path.glob("*.docx"))


def test_debug_shows_traceback(runner, tmp_path):
    from generator.cli import main

    r = runner.invoke(main, ["--debug", "plan", str(tmp_path / "none.yaml")], catch_exceptions=False)
    assert r.exit_code == 2 and "Traceback" in r.output


def test_demo_writes_and_can_run_again(runner, tmp_path):
    out = tmp_path / "demo"
    r = run_cli(runner, "demo", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "已生成" in r.output
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".docx", ".md")}
    assert any(n.endswith(".docx") for n in first)
    r = run_cli(runner, "demo", "-o", str(out))
    assert r.exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".docx", ".md")} == first


def test_demo_refuses_foreign_files(runner, tmp_path):
    out = tmp_path / "demo"
    out.mkdir()
    (out / f"{TITLE}.md").write_text("别人的文件", encoding="utf-8")
    r = run_cli(runner, "demo", "-o", str(out))
    assert r.exit_code == 2
    assert (out / f"{TITLE}.md").read_text(encoding="utf-8") == "别人的文件"


def test_python_dash_m_entry_point(tmp_path):
    r = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and "党务公文工坊" in r.stdout


def test_click_usage_errors_are_in_chinese(runner):
    from generator.cli import main

    r = runner.invoke(main, ["plan"])
    assert r.exit_code == 2 and "缺少参数" in r.output and "Missing" not in r.output
    r = runner.invoke(main, ["plna"])
    assert r.exit_code == 2 and "没有命令" in r.output and "plan" in r.output
    r = runner.invoke(main, ["--help"])
    assert "显示本帮助并退出" in r.output


def test_unforeseen_os_error_and_bugs_give_one_chinese_line(runner, example_profile_path, tmp_path, monkeypatch):
    import errno

    from generator.cli import main
    from generator.plans import generate as documents

    def disk_gone(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", "/mnt/u盘/计划.docx")

    monkeypatch.setitem(documents.GENERATORS, "plan", disk_gone)
    r = runner.invoke(main, ["plan", str(example_profile_path), "-o", str(tmp_path)])
    assert r.exit_code == 2 and "错误：/mnt/u盘/计划.docx：" in r.output and "Traceback" not in r.output

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(documents.GENERATORS, "plan", bug)
    r = runner.invoke(main, ["plan", str(example_profile_path), "-o", str(tmp_path)])
    assert r.exit_code == 2 and "程序内部错误" in r.output and "--debug" in r.output
    r = runner.invoke(main, ["--debug", "plan", str(example_profile_path), "-o", str(tmp_path)])
    assert isinstance(r.exception, ZeroDivisionError)  # with --debug the traceback is shown


def test_a_date_far_from_the_plan_year_is_pointed_out(runner, example_profile_path, tmp_path):
    import datetime as dt

    from generator.data.profile import load_profile
    from generator.plans.generate import date_notes, generate_plan

    p = load_profile(example_profile_path)  # 年度 2025
    assert date_notes(p, dt.date(2024, 12, 20)) == []  # next year's plan written in December
    assert date_notes(p, dt.date(2025, 2, 18)) == []
    assert generate_plan(p, dt.date(2019, 3, 1)).notes  # last year's profile, or a mistyped --date
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path), "--date", "2019-03-01")
    assert r.exit_code == 0 and "提示：成文日期2019年3月1日与计划年度2025年不相符" in r.output


def test_format_pdf_without_libreoffice_is_refused_before_any_work(runner, example_profile_path, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    import generator.writers.pdf as pdf

    monkeypatch.setattr(pdf, "_PLACES", ())
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"), "--format", "docx,pdf")
    assert r.exit_code == 2 and "LibreOffice" in r.output
    assert not (tmp_path / "out").exists()
