"""`gongwen corpus list / show / search`: what a writer sees, filters, and bad arguments."""
from __future__ import annotations

import re

import pytest
from conftest import run_cli

from generator.compose import clauses as corpus_mod
from generator.corpus.search import Index, terms


def test_list_filters(runner):
    r = run_cli(runner, "corpus", "list", "--section", "指导思想", "--unit", "村", "--date", "2016-03-01")
    assert r.exit_code == 0, r.output
    assert "【指导思想】" in r.output
    assert "指导思想-村" in r.output and "指导思想-十八大前后" in r.output
    assert "指导思想-二十大-质量" not in r.output  # not valid in 2016
    assert "指导思想-学校" not in r.output  # another unit type
    n = int(re.search(r"共(\d+)条", r.output).group(1))
    expected = corpus_mod.load().filter("指导思想", "村", None, __import__("datetime").date(2016, 3, 1))
    assert n == len(expected)


def test_list_accepts_aliases_and_kind_names(runner):
    r = run_cli(runner, "corpus", "list", "--unit", "高校", "--kind", "发展党员工作规划", "--section", "年度安排")
    assert r.exit_code == 0
    assert "年度安排-分解" in r.output and "multi_year_plan" in r.output


def test_list_whole_corpus_lists_every_clause(runner):
    r = run_cli(runner, "corpus", "list")
    assert r.exit_code == 0
    assert f"共{len(corpus_mod.load().clauses)}条" in r.output


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--unit", "火星基地"], "--unit：不认识单位类型“火星基地”"),
        (["--kind", "报告"], "--kind：不认识的文种“报告”"),
        (["--section", "开场白"], "--section：没有部分“开场白”"),
        (["--date", "2025/13/1"], ""),
    ],
)
def test_list_bad_filters(runner, args, expected):
    r = run_cli(runner, "corpus", "list", *args)
    assert r.exit_code == 2 and expected in r.output and "Traceback" not in r.output


def test_list_nothing_found(runner):
    r = run_cli(runner, "corpus", "list", "--section", "年度安排", "--kind", "plan")
    assert r.exit_code == 0 and "没有符合条件的条文" in r.output


def test_show_renders_for_date_and_unit(runner):
    r = run_cli(runner, "corpus", "show", "开头-依据部署", "--date", "2016-03-01", "--unit", "县级")
    assert r.exit_code == 0, r.output
    assert "corpus/开头/开头-依据部署.md" in r.output
    assert "{{ era.细则名称 }}" in r.output  # the template as written
    assert "《中国共产党发展党员工作细则》" in r.output and "结合全县实际" in r.output
    r = run_cli(runner, "corpus", "show", "指导思想-二十大-质量", "--date", "2025-03-01")
    assert "{{ era.大会精神 }}" in r.output and "党的二十大和二十届二中、三中全会精神" in r.output


def test_show_outside_validity_moves_to_nearest_day(runner):
    r = run_cli(runner, "corpus", "show", "指导思想-十九大-质量", "--date", "2025-03-01")
    assert r.exit_code == 0
    assert "改用2022-10-15" in r.output and "党的十九大和十九届历次全会精神" in r.output


def test_show_with_profile(runner, example_profile_path):
    r = run_cli(runner, "corpus", "show", "目标任务-总量", "--profile", str(example_profile_path), "--date", "2025-02-18")
    assert r.exit_code == 0, r.output
    assert "2025年，全镇计划发展党员15名" in r.output


def test_show_unknown_id_suggests(runner):
    r = run_cli(runner, "corpus", "show", "开头-依据")
    assert r.exit_code == 2
    assert "没有 id 为“开头-依据”的条文，是否是：" in r.output and "开头-依据部署" in r.output


def test_search_ranks_the_matching_clause_first(runner):
    r = run_cli(runner, "corpus", "search", "致富能手", "返乡青年", "--section", "工作重点")
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert "工作重点-村-致富能手" in first
    r = run_cli(runner, "corpus", "search", "高知识群体", "-n", "3")
    assert r.exit_code == 0
    assert len([l for l in r.output.splitlines() if re.match(r"\s*\d+\. ", l)]) <= 3
    assert "工作重点-学校-教师" in r.output


def test_search_finds_text_that_comes_from_snippets(runner):
    """Clauses are searched as they read, so a phrase that lives in snippets/ is found too."""
    # the 细则 title comes from {{ era.细则名称 }} (the 总要求 is quoted in 指导思想, no longer in 开头)
    r = run_cli(runner, "corpus", "search", "工作细则", "--kind", "multi_year_plan", "--section", "开头")
    assert r.exit_code == 0
    assert "开头-规划-依据" in r.output
    r = run_cli(runner, "corpus", "search", "控制总量", "--kind", "multi_year_plan", "--section", "指导思想")
    assert r.exit_code == 0
    assert "指导思想-" in r.output


def test_search_bad_queries(runner):
    r = run_cli(runner, "corpus", "search", "的", "和")
    assert r.exit_code == 2 and "只有虚词" in r.output
    r = run_cli(runner, "corpus", "search", "量子纠缠")
    assert r.exit_code == 0 and "没有找到相关条文" in r.output


def test_terms_keep_domain_words_whole():
    words = terms("对入党积极分子和发展对象开展集中培训。")
    assert "入党积极分子" in words and "发展对象" in words and "集中培训" in words
    assert "的" not in words and "。" not in words and "和" not in words


def test_index_scores_are_deterministic():
    clauses = [c for c in corpus_mod.load().clauses.values() if c.section == "工作重点"]
    a = [(h.clause.id, round(h.score, 6)) for h in Index(clauses).search("预备党员 转正")]
    b = [(h.clause.id, round(h.score, 6)) for h in Index(clauses).search("预备党员 转正")]
    assert a == b and a[0][0] in ("工作重点-管理-转正", "工作重点-管理-预备党员")


@pytest.mark.parametrize("alias", ["规划", "多年规划", "multi-year-plan", "发展党员工作规划", "multi_year_plan"])
def test_every_command_reads_a_kind_the_same_way(runner, tmp_path, alias):
    """One parser for --kind: what lint and plan accept, corpus list accepts too."""
    listed = run_cli(runner, "corpus", "list", "--kind", alias, "--section", "年度安排")
    assert listed.exit_code == 0 and "multi_year_plan" in listed.output
    draft = tmp_path / "草稿.txt"
    draft.write_text("一、指导思想\n坚持标准。\n", encoding="utf-8")
    linted = run_cli(runner, "lint", "--format", "json", "--kind", alias, str(draft))
    assert '"kind": "multi_year_plan"' in linted.output


def test_a_kind_a_command_cannot_take_is_named_as_such(runner, example_profile_path):
    r = run_cli(runner, "plan", str(example_profile_path), "--kind", "批复")
    assert r.exit_code == 2
    assert "--kind：这里不能用“批复”（批复），可选：plan（" in r.output
