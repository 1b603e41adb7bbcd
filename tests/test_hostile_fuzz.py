"""Fuzzing every command through the CLI (issue #11): the example profile with one value replaced
by something hostile (huge or odd numbers, control and bidi characters, formulas, nested lists,
far dates, very long text), raw YAML-ish text, and random drafts for lint. Whatever comes in, the
answer is exit 0 with the files written, or exit 2 (lint: 0/1/2) with a message — never
"程序内部错误", a traceback, or a file left behind on error.

The quick suite runs a small fixed budget per command; the slow set runs a longer one."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import resources

EXAMPLES = resources.examples_dir()
BASE = yaml.safe_load((EXAMPLES / "unit.yaml").read_text(encoding="utf-8"))

COMMANDS = {
    "plan": ["plan"],
    "multi_year_plan": ["plan", "--kind", "multi_year_plan"],
    "notice": ["notice"],
    "summary": ["summary", "--roster", str(EXAMPLES / "roster.xlsx"), "--period", "2025"],
    "approve": ["approve", "@UNIT", str(EXAMPLES / "decisions.xlsx")],
}

HOSTILE_TEXT = st.sampled_from([
    "", " ", "=cmd|' /C calc'!A0", "@SUM(1+1)", "中共\u202e委员会", "柳溪\x00镇", "柳\u200b溪", "\ufeff党委",
    "{{ 单位.update({'简称': 1}) }}", "{% for a in range(100000) %}{% endfor %}", "%s%s%s", "{0}{match}",
    "9" * 5000, "1e-300%", "nan", "-1", "9999-12-31", "0001-01-01", "2025-02-30", "党" * 5000,
    "../../etc/passwd", "CON", "a/b\\c:d*e?f", "\r\n\t", "１５名", "60％",
])
HOSTILE_VALUES = st.one_of(
    HOSTILE_TEXT,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(HOSTILE_TEXT, max_size=3),
    st.dictionaries(HOSTILE_TEXT, HOSTILE_TEXT, max_size=2),
    st.text(max_size=40),
)


def _leaves(data, prefix=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*prefix, k))
        if prefix:
            yield prefix
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*prefix, i))
    else:
        yield prefix


def _set(data, path, value):
    for p in path[:-1]:
        data = data[p]
    if value is _DELETE:
        del data[path[-1]]
    else:
        data[path[-1]] = value


_DELETE = object()
LEAVES = [p for p in _leaves(BASE) if p]


@st.composite
def mutated_profiles(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(LEAVES))
        try:
            _set(data, path, draw(st.one_of(HOSTILE_VALUES, st.just(_DELETE))))
        except (KeyError, IndexError, TypeError):  # an earlier change removed the parent
            pass
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


YAMLISH = st.text(alphabet=st.sampled_from(list("单位全称: -[]{}&*!|>'\"#%@`\t\n 0123456789.年度")), max_size=200)


def _check_run(command: str, unit_text: str, tmp: Path) -> None:
    from generator.cli import main

    unit = tmp / "unit.yaml"
    unit.write_text(unit_text, encoding="utf-8")
    out = tmp / "out"
    args = [str(unit) if a == "@UNIT" else a for a in COMMANDS[command]]
    if "@UNIT" not in COMMANDS[command]:
        args.insert(len(COMMANDS[command]) if command != "summary" else 1, str(unit))
    r = CliRunner().invoke(main, [*args, "-o", str(out), "--format", "md", "--force"], catch_exceptions=False)
    assert r.exit_code in (0, 2), r.output
    assert "程序内部错误" not in r.output and "Traceback" not in r.output, r.output
    if r.exit_code == 2:
        assert "错误" in r.output
        leftovers = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
        assert not leftovers, leftovers
    else:
        assert any(out.rglob("*.md"))


def _fuzz(budget: int):
    return settings(max_examples=budget, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize("command", sorted(COMMANDS))
@_fuzz(8)
@given(text=mutated_profiles())
def test_profile_fuzz_quick(tmp_path_factory, command, text):
    _check_run(command, text, tmp_path_factory.mktemp("fz"))


@pytest.mark.parametrize("command", ["plan", "approve"])
@_fuzz(8)
@given(text=YAMLISH)
def test_yamlish_text_quick(tmp_path_factory, command, text):
    _check_run(command, text, tmp_path_factory.mktemp("fy"))


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
@_fuzz(150)
@given(text=st.one_of(mutated_profiles(), YAMLISH))
def test_profile_fuzz_long(tmp_path_factory, command, text):
    _check_run(command, text, tmp_path_factory.mktemp("fl"))


DRAFT_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from([
        "中共柳溪镇委员会", "关于印发《2025年度发展党员工作计划》的通知", "各党支部：", "一、指导思想", "（一）",
        "坚持标准、保证质量、改善结构、慎重发展", "控制总量、优化结构、提高质量、发挥作用", "发展党员15名，占比120%。",
        "{{ x }}", "XX", "＊＊＊", "\u202e", "\x00", "(a+)+", "第" * 300, "2025年2月18日", "柳发〔2025〕3号",
    ]), max_size=30).map("\n".join),
)


def _check_lint(tmp: Path, data: bytes, suffix: str) -> None:
    from generator.cli import main

    draft = tmp / f"稿{suffix}"
    draft.write_bytes(data)
    r = CliRunner().invoke(main, ["lint", str(draft), "--no-config", "--format", "json"], catch_exceptions=False)
    assert r.exit_code in (0, 1, 2), r.output
    assert "程序内部错误" not in r.output and "Traceback" not in r.output, r.output
    assert "internal/rule-error" not in r.output, r.output


@_fuzz(25)
@given(text=DRAFT_TEXT, suffix=st.sampled_from([".txt", ".md"]), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_lint_cli_fuzz_quick(tmp_path_factory, text, suffix, encoding):
    data = text.encode(encoding, errors="replace") if encoding != "gb18030" else text.encode(encoding, errors="ignore")
    _check_lint(tmp_path_factory.mktemp("fl"), data, suffix)


@_fuzz(10)
@given(data=st.binary(max_size=2000))
def test_lint_cli_fuzz_binary_docx_quick(tmp_path_factory, data):
    _check_lint(tmp_path_factory.mktemp("fb"), b"PK\x03\x04" + data, ".docx")


@pytest.mark.slow
@_fuzz(400)
@given(text=DRAFT_TEXT, suffix=st.sampled_from([".txt", ".md"]))
def test_lint_cli_fuzz_long(tmp_path_factory, text, suffix):
    _check_lint(tmp_path_factory.mktemp("fll"), text.encode("utf-8", errors="replace"), suffix)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中共柳溪镇委员会〔〕（）《》、“”·—0123456789ABCxyz", min_size=1, max_size=40))
def test_front_matter_fast_path_writes_what_yaml_reads_back(text):
    import yaml

    from generator.compose.assemble import _yaml_scalar

    written = _yaml_scalar(text)
    assert yaml.safe_load(f"k: {written}")["k"] == text
    # and the document model's front matter, written without the dumper when it can be, reads back
    from generator.core.markdown_io import _front_matter
    from generator.core.model import Meta

    meta = Meta(kind="approval", title=text, recipients=text, signature="中共柳溪镇委员会")
    assert yaml.safe_load(_front_matter(meta).strip("-\n")) == meta.as_front_matter()
    # read back without the parser when it can be, the same as the project's loader reads it
    from generator.infra.yamlio import load_yaml_text, plain_mapping

    lines = _front_matter(meta).strip("-\n").split("\n") + ["成文日期: 2025-03-20"]
    fast = plain_mapping(lines)
    assert fast is None or fast == load_yaml_text("\n".join(lines), "x")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中共柳溪镇委员会关于同意接收等名同志2025年AB.%—…《》（）", min_size=1, max_size=30))
def test_title_segment_widths_are_set_width(text):
    from generator.writers.titles import segment_widths, set_width

    seg = segment_widths(text)
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert abs(seg(a, b) - set_width(text[a:b])) < 1e-9, (a, b)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["id", "kinds", "order", "title", "when", "标题"]),
    st.one_of(
        st.text(alphabet="中共柳溪镇，：；。-ab_.0123456789 []{}#'\",yestruenullNo:", min_size=1, max_size=14),
        st.lists(st.text(alphabet="计划abyesnoTrue_.-0123", min_size=1, max_size=6), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.sampled_from(["012", "0", "7", "1e3", "0x1F", "yes", "Null", "[plan, true]", "[a: b]", "2025-03-20"]),
    )), min_size=1, max_size=5, unique_by=lambda kv: kv[0]))
def test_front_matter_read_without_the_parser_is_what_the_parser_reads(pairs):
    """The fast path for the corpus's front matter (integers, flow lists, full-width punctuation) says
    nothing the YAML loader would read otherwise: where it answers, the answers are equal."""
    from generator.errors import InputError
    from generator.infra.yamlio import load_yaml_text, plain_mapping

    lines = [f"{k}: {v}" for k, v in pairs]
    fast = plain_mapping(lines)
    if fast is None:
        return
    try:
        slow = load_yaml_text("\n".join(lines), "x")
    except InputError:
        raise AssertionError(f"fast path read what YAML refuses: {lines}") from None
    assert fast == slow, lines


def test_every_corpus_front_matter_reads_the_same_both_ways():
    from generator import resources
    from generator.infra.yamlio import load_yaml_text, plain_mapping

    fast_ones = 0
    for path in sorted(resources.corpus_dir().rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        if not lines or lines[0] != "---":
            continue
        head = lines[1:lines.index("---", 1)]
        fast = plain_mapping(head)
        if fast is not None:
            fast_ones += 1
            assert fast == load_yaml_text("\n".join(head), str(path)), path
    assert fast_ones >= 200  # most need no parser
