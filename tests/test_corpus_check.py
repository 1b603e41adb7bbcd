"""`gongwen corpus check`: passes on the shipped corpus; on broken fixtures it fails with the
message that names the file, the line and what is wrong."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_cli

from generator.core import kinds, snippets
from generator.corpus import check as corpus_check
from generator.corpus.check import boundary_dates, template_needs

HEAD = "---\nid: {id}\nsection: {section}\nkinds: [{kinds}]\nunits: [{units}]\n{extra}---\n{body}\n"


def clause(directory: Path, cid: str, body: str, section="开头", kinds_="plan", units="乡镇", extra="") -> Path:
    path = directory / f"{cid}.md"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD.format(id=cid, section=section, kinds=kinds_, units=units, extra=extra, body=body), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def shipped():
    return corpus_check.check()


@pytest.mark.slow
def test_shipped_corpus_passes(shipped):
    assert shipped.problems == []
    assert shipped.clauses >= 120
    assert shipped.dates_checked > 1000  # every clause on every date its wording can change


@pytest.mark.slow
def test_every_clause_of_every_kind_is_rendered(shipped):
    """Summary and 批复 clauses too, each with the context of its own kind (and 事项)."""
    from generator.compose import clauses as corpus_mod

    every = set(corpus_mod.load().clauses)
    assert shipped.rendered == every
    kinds_rendered = {k for cid in shipped.rendered for k in corpus_mod.load().clauses[cid].kinds}
    assert {"summary", "approval"} <= kinds_rendered


def test_an_approval_clause_using_a_name_its_kind_lacks_fails_the_check(tmp_path):
    # 目标 belongs to the plans' context: a 批复 has no figures of the plan
    clause(tmp_path, "批复意见-自创", "经研究，同意接收{{ 名单 }}，年度目标{{ 目标.发展党员 }}名。",
           section="批复意见", kinds_="approval", units="any", extra="when: 接收预备党员\nvariables: [目标]\n")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    assert any("批复意见-自创" in p and "目标" in p for p in report.problems), report.problems


def test_an_approval_clause_may_use_the_shared_names(tmp_path):
    # 下级, 范围, 组织部 are promised to every clause (assemble.GLOBAL_NAMES): a 批复 gets them too
    clause(tmp_path, "执行要求-自创", "请{{ 下级 }}认真做好{{ 名单 }}的教育管理，{{ 范围 }}统一执行。",
           section="执行要求", kinds_="approval", units="any", extra="when: 接收预备党员\nvariables: [名单]\n")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    assert not [p for p in report.problems if "执行要求-自创" in p], report.problems


def test_boundary_dates_include_both_sides_of_each_change():
    days = boundary_dates(snippets.load())
    for d in (dt.date(2017, 10, 17), dt.date(2017, 10, 18), dt.date(2022, 10, 15), dt.date(2022, 10, 16),
              dt.date(2014, 6, 9), dt.date(2014, 6, 10), dt.date(2018, 7, 2), dt.date(2018, 7, 3)):
        assert d in days


def test_template_needs_read_from_templates():
    needs = {n.section: n for n in template_needs(kinds.get("plan"))}
    assert set(needs) == {"开头", "指导思想", "目标任务", "目标结构", "工作重点", "工作要求"}
    assert needs["工作重点"].count == 5 and needs["工作重点"].topics == ("入口", "培养", "程序")
    multi = {n.section for n in template_needs(kinds.get("multi_year_plan"))}
    assert {"年度安排", "期末测算"} <= multi


@pytest.mark.parametrize(
    "body, extra, expected",
    [
        ("{{ 范围 }}共有党员{{ 现状.党员总数 }}名。", "", "第7行语料 坏 用到变量“现状”，但文件头 variables 没有声明"),
        ("为做好工作，制定本计划。", "variables: [目标]\n", "variables 声明了“目标”，正文没有用到"),
        ("{{ 书记 }}负责。", "variables: [书记]\n", "variables 中“书记”不是年度发展党员工作计划可用的变量"),
        ("贯彻{{ era.会议精神 }}。", "", "第7行语料 坏 用到提法“era.会议精神”，snippets/eras.yaml 中没有这条时间线"),
        ("执行{{ f.十八字方针 }}。", "", "用到固定提法“f.十八字方针”，snippets/formulations.yaml 中没有"),
        ("坚持{{ f.组织路线 }}。", "", "有效期（不限至不限）超出了固定提法“组织路线”的有效期（2018-07-03至不限）"),
        ("依据{{ era.细则名称 }。", "", "模板语法错误"),
        ("第一行。\n坚持控制总量、优化结构、提高质量、发挥作用。", "", "第8行语料 坏 直接写了固定提法“控制总量、优化结构、提高质量、发挥作用”，请改用 {{ f.总要求 }}"),
        ("第一行。\n深入贯彻党的十九大精神。", "", "直接写了固定提法“党的十九大精神”，请改用 {{ era.大会精神 }}"),
        ("结合××镇实际，制定本计划。", "", "生成后留有“××”"),
        ("为{{ 规划期.period }}工作。", "variables: [规划期]\n", None),  # fine: the multi-year figures exist
    ],
)
def test_broken_clause_is_reported(tmp_path, body, extra, expected):
    path = clause(tmp_path, "坏", body, extra=extra)
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    mine = [p for p in report.problems if "坏" in p]
    if expected is None:
        assert mine == []
        return
    assert mine, report.problems
    assert any(p.startswith(str(path)) or p.startswith(path.name) or str(path) in p for p in mine)
    assert any(expected in p for p in mine), mine


def test_era_term_missing_on_part_of_validity(tmp_path):
    """A clause valid from 2016 that uses a formulation valid only from 2018 fails on the exact day."""
    clause(tmp_path, "坏", "坚持{{ f.组织路线 }}。", extra="valid_from: 2016-01-01\n")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    assert any("坏" in p and "组织路线" in p for p in report.problems)


def test_broken_files_are_all_listed_and_the_rest_still_checked(tmp_path):
    (tmp_path / "a.md").write_text("没有文件头\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nid: b\nsection: 开头\nkinds: [plan]\nunits: [月球]\n---\n正文\n", encoding="utf-8")
    clause(tmp_path, "坏", "贯彻{{ era.会议精神 }}。")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    text = "\n".join(report.problems)
    assert "a.md：第1行缺少 YAML 文件头" in text
    assert "b.md：第5行 units 中的“月球”不是已知单位类型" in text
    assert "era.会议精神" in text


def test_gaps_by_kind_unit_and_era(tmp_path):
    clause(tmp_path, "开头-新", "为做好工作，制定本计划。", units="村", extra="valid_from: 2018-01-01\n")
    for i, topic in enumerate(["入口", "培养"]):
        clause(tmp_path, f"重点-{i}", "做好工作。", section="工作重点", kinds_="plan, multi_year_plan", units="any",
               extra=f"title: 第{i}项\ntopic: {topic}\n")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    text = "\n".join(report.problems)
    assert "语料缺口：年度发展党员工作计划·开头·村，2008-01-01至2017-12-31（十七大时期、十八大时期、十九大时期）没有可用条文" in text
    assert "语料缺口：年度发展党员工作计划·开头·社区，2008-01-01至今后（十七大时期、十八大时期、十九大时期、二十大时期）没有可用条文" in text
    assert "语料缺口：年度发展党员工作计划·工作重点·村，2008-01-01至今后（十七大时期、十八大时期、十九大时期、二十大时期）没有主题为“程序”的条文" in text
    assert "语料缺口：发展党员工作规划·年度安排·县级" in text
    assert "语料缺口：印发通知·印发语·乡镇" in text
    assert "开头·村，2018" not in text  # covered from 2018 on


def test_topic_count_gap(tmp_path):
    for i, topic in enumerate(["入口", "培养", "程序"]):
        clause(tmp_path, f"重点-{i}", "做好工作。", section="工作重点", units="any", extra=f"title: 第{i}项\ntopic: {topic}\n")
    report = corpus_check.check([tmp_path], lint=False, builtin=False)
    assert any("工作重点·村" in p and "只有3条不同主题的条文，模板需要5条" in p for p in report.problems)


# --- the command -------------------------------------------------------------------------
@pytest.mark.slow
def test_cli_check_ok_and_broken(runner, tmp_path, shipped):
    r = run_cli(runner, "corpus", "check")
    assert r.exit_code == 0, r.output
    assert "全部通过" in r.output and f"检查了{shipped.clauses}条条文" in r.output
    clause(tmp_path, "坏", "贯彻{{ era.会议精神 }}。")
    r = run_cli(runner, "corpus", "check", "--corpus", str(tmp_path))
    assert r.exit_code == 1
    assert "era.会议精神" in r.output and "发现1个问题" in r.output
    r = run_cli(runner, "corpus", "check", "--only", "--corpus", str(tmp_path))
    assert r.exit_code == 1 and "语料缺口" in r.output


def test_cli_check_bad_arguments(runner, tmp_path):
    r = run_cli(runner, "corpus", "check", "--corpus", str(tmp_path / "没有"))
    assert r.exit_code == 2 and "语料目录不存在" in r.output and "Traceback" not in r.output
    r = run_cli(runner, "corpus", "check", "--only")
    assert r.exit_code == 2 and "--only 需要同时用 --corpus" in r.output


@pytest.mark.parametrize(
    "body, rule",
    [
        ("发挥新党员的前锋模范作用。", "wording/spinner"),
        ("深入学习贯彻党的20大精神。", "wording/congress-ordinal"),
        ("以开展党史学习教育为契机，做好发展党员工作。", "era/campaign"),
    ],
)
def test_clause_that_does_not_lint_clean(tmp_path, body, rule):
    clause(tmp_path, "坏", body)
    report = corpus_check.check([tmp_path], builtin=False)
    assert report.linted
    assert any("坏" in p and "lint 报" in p and f"〔{rule}〕" in p for p in report.problems), [p for p in report.problems if "坏" in p]
