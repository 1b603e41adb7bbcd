"""Spinner damage found by a mechanism, not a list of pairs: the field's fixed expressions × a
spinner's near-synonyms (HIT 同义词词林扩展版, jieba's dictionary, the tool's own additions) ×
frequency (a word language model at build time), as snippets/lint/spinner.tsv holds them.
Sentences of our own; the swaps below are not in any hand list."""
from __future__ import annotations

import pytest
from lint_helpers import hits

from generator.lint.rules.wording import spinner_table

HEAD = "中共青松镇委员会2025年度发展党员工作计划\n"


def spun(text: str) -> list:
    return hits(HEAD + text + "\n", "wording/spinner")


@pytest.mark.parametrize("line, match, right", [
    ("坚持经过一年以上培育教育和考察，才能列为发展对象。", "培育教育", "培养教育"),
    ("要把他们吸收到党内来，扩大党在青年中的大众基础。", "大众基础", "群众基础"),
    ("会议由中心党校的同志讲授党课，全镇党员的战役力明显增强。", "战役力", "战斗力"),
])
def test_swaps_derived_from_the_lexicon_are_found(line, match, right):
    found = {(f.match, f.fix) for f in spun(line)}
    assert (match, right) in found, found


def test_each_finding_names_the_original_and_why():
    (f,) = [f for f in spun("坚持经过一年以上培育教育和考察，才能列为发展对象。") if f.match == "培育教育"]
    assert "把“培养”换成了“培育”" in f.message and "固定说法是“培养教育”" in f.message
    assert "近义词（" in f.message


def test_a_short_swap_counts_when_the_tool_shows_its_hand_elsewhere():
    # two short forms in one draft: the tool was at work, both are reported
    both = spun("坚持新情势下的新要求，用好新门路，推进发展党员工作。")
    assert {f.match for f in both} >= {"新情势", "新门路"}
    # one short form alone may be a right phrase of its own: not enough
    assert spun("要用好新门路，推进发展党员工作。") == []


@pytest.mark.parametrize("line", [
    "入党积极分子要积极主动向党组织靠拢，主动汇报思想。",
    "培育和践行社会主义核心价值观，培育一批先进典型。",
    "各党支部要严肃把关、认真审查，开展党员志愿服务。",
    "围绕中心工作，重视改善民生，组织党员开展主题党日活动。",
    "对群体性事件中表现突出的同志，要进一步考察。",
])
def test_right_sentences_with_spinner_like_words_pass(line):
    assert spun(line) == []


def test_the_table_is_derived_not_typed_and_loads_fast():
    import time

    table = spinner_table()
    started = time.perf_counter()
    type(table)()  # a fresh load: the cost of a cold lint run
    assert time.perf_counter() - started < 1.0  # generous: it is ~0.03 s on the test machine
    forms = table.finditer("入党踊跃分子和入党主动分子都不对")
    assert {f for _, _, f in forms} >= {"入党踊跃分子", "入党主动分子"}
    assert len(table._rows) > 5000  # noqa: SLF001 - derived, far more than a hand list could hold


def test_the_table_was_built_from_the_lexicon_as_it_is():
    """Changed snippets/lint/lexicon.yaml, spinner_words.yaml or terms.yaml? Rebuild the table:
    python tools/build_spinner_table.py --cilin … --lm … (see its docstring)."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_spinner_table", root / "tools" / "build_spinner_table.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    header = (root / "snippets" / "lint" / "spinner.tsv").read_text(encoding="utf-8").split("\n", 4)[3]
    assert header == f"# 词库摘要：{tool.sources_digest()}", "词库已改动，请重新生成 snippets/lint/spinner.tsv"
