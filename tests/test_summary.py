"""`gongwen summary`: the figures in the text are the computed ones, the clauses follow the
figures (a share below target -> a matching 存在问题 and 下步打算; a met one is reported as met),
every unit type and era has the clauses it needs, and bad input stops with one Chinese message."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import run_cli
from fictional_units import SUBTYPE_NAMES
from roster_samples import ROWS, shifted, write_csv, write_profile

from generator import resources
from generator.compose import clauses as corpus_mod
from generator.core import snippets as snippets_mod
from generator.core.model import Heading, Table
from generator.data.profile import load_profile
from generator.errors import InputError
from generator.roster.people import load_roster
from generator.roster.stats import parse_period, period_between
from generator.summary.generate import KIND, conditions_for, generate_summary

D = dt.date


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    d = tmp_path_factory.mktemp("unit")
    return load_profile(write_profile(d / "unit.yaml")), load_roster(write_csv(d / "roster.csv"))


def summary(sample, period="2025H1", **kw):
    profile, roster = sample
    return generate_summary(profile, roster, parse_period(period), **kw)


def section(doc, name: str) -> list:
    """Blocks under the level-1 heading `name`."""
    out, inside = [], False
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level == 1:
            inside = b.text == name
            continue
        if inside:
            out.append(b)
    return out


def text_of(blocks) -> str:
    return "\n".join(b.full if isinstance(b, Heading) else ("\n".join("|".join(r) for r in b.rows) if isinstance(b, Table) else b.text) for b in blocks)


# --- figures in the text ------------------------------------------------------------------------
def test_title_date_and_sections(sample):
    s = summary(sample)
    m = s.document.meta
    assert m.title == "中共柳溪镇委员会2025年上半年发展党员工作总结"
    assert m.date == D(2025, 6, 30) and m.signature == "中共柳溪镇委员会"
    assert m.red_header is None and m.doc_number is None  # reported upwards, not issued
    assert [h.full for h in s.document.headings(1)] == ["一、基本情况", "二、主要做法", "三、存在问题", "四、下步打算"]
    assert summary(sample, "2025").document.meta.title == "中共柳溪镇委员会2025年度发展党员工作总结"


def test_basic_situation_states_the_computed_figures(sample):
    s = summary(sample)
    basic = text_of(section(s.document, "基本情况"))
    assert "2025年上半年，全镇共发展党员4名，完成年度计划10名的40%。" in basic
    assert ("新发展党员中，35岁及以下的3名，占75.0%，高于60%的目标；女性1名，占25.0%，低于30%的目标；"
            "少数民族1名，占25.0%；大专及以上学历的2名，占50.0%，达到50%的目标；"
            "生产、工作第一线的2名，占50.0%，低于55%的目标。") in basic
    assert ("截至6月30日，全镇有入党申请人1名、入党积极分子2名、发展对象1名，三者之比为1∶2∶1，预备党员4名。"
            "2025年上半年新确定入党积极分子1名（年度计划4名），确定发展对象3名，2名预备党员转为正式党员。") in basic


def test_structure_table_against_targets(sample):
    tables = [b for b in section(summary(sample).document, "基本情况") if isinstance(b, Table)]
    structure, branches = tables
    assert structure.rows == [
        ["类别", "人数（名）", "占比", "年度目标", "对照"],
        ["35岁及以下", "3", "75.0%", "60%以上", "达到"],
        ["女性", "1", "25.0%", "30%以上", "未达到"],
        ["大专及以上学历", "2", "50.0%", "50%以上", "达到"],
        ["生产、工作第一线", "2", "50.0%", "55%以上", "未达到"],
    ]
    assert branches.rows[1:] == [
        ["第一党支部", "1", "2", "0", "1", "0", "1"],
        ["第二党支部", "2", "0", "0", "1", "0", "2"],
        ["第三党支部", "1", "0", "1", "0", "1", "1"],
        ["合计", "4", "2", "1", "2", "1", "4"],
    ]


def test_every_percentage_in_the_text_matches_its_count(sample):
    """Each “N名，占P%” of the new members is N out of the new members, rounded to one decimal."""
    s = summary(sample)
    basic = text_of(section(s.document, "基本情况"))
    pairs = re.findall(r"(\d+)名，占(\d+(?:\.\d)?)%", basic)
    assert len(pairs) == 5
    for count, percent in pairs:
        assert float(percent) == round(int(count) / 4 * 100, 1)


# --- clauses chosen by the figures ----------------------------------------------------------------
def test_conditions_follow_the_figures(sample):
    s = summary(sample)
    assert s.conditions == [
        "总量:未完成", "未达标:女", "未达标:生产工作一线", "积极分子:未完成", "梯队:不足",
        "达标:35岁及以下", "达标:大专及以上",
    ]
    assert s.violations == []  # 戊's 接收 on 1 July is a later record, not an error


def test_a_share_below_target_yields_a_problem_and_a_plan(sample):
    s = summary(sample)
    problems = text_of(section(s.document, "存在问题"))
    plans = text_of(section(s.document, "下步打算"))
    assert "女性占25.0%，低于30%的目标" in problems
    assert "生产、工作第一线的占50.0%，低于55%的目标" in problems
    assert "下半年力争新发展党员中女性的比例达到30%以上" in plans
    assert "生产、工作第一线的比例达到55%以上" in plans
    # the met ones are not listed as problems, and are reported as met
    assert "35岁及以下的占" not in problems and "大专及以上学历的占" not in problems
    practice = text_of(section(s.document, "主要做法"))
    assert "35岁及以下的占75.0%，达到了年度目标要求" in practice
    # one problem and one plan per condition, in the same order
    problem_ids = [c for c in s.clause_ids if c.startswith("存在问题-")]
    plan_ids = [c for c in s.clause_ids if c.startswith("下步打算-")]
    assert [i.split("-")[1] for i in problem_ids] == ["总量", "妇女", "一线", "积极分子", "梯队"]
    assert [i.split("-")[1] for i in plan_ids] == ["总量", "妇女", "一线", "积极分子", "梯队"]


def test_when_every_target_is_met_nothing_is_reported_missing(tmp_path):
    targets = {"发展党员": 4, "积极分子": 1, "结构": {"35岁及以下": "50%", "女": "25%"}}
    profile = load_profile(write_profile(tmp_path / "u.yaml", targets=targets))
    roster = load_roster(write_csv(tmp_path / "r.csv"))
    s = generate_summary(profile, roster, parse_period("2025H1"))
    assert "总量:完成" in s.conditions and not any(c.startswith("未达标") for c in s.conditions)
    basic = text_of(section(s.document, "基本情况"))
    assert "完成年度计划4名的100%" in basic and "女性1名，占25.0%，达到25%的目标" in basic
    problems = section(s.document, "存在问题")
    assert len([b for b in problems if isinstance(b, Heading)]) >= 2  # general ones fill the section
    assert "低于" not in text_of(problems)


def test_two_unmet_targets_of_one_topic_both_get_their_clauses(tmp_path):
    targets = {"发展党员": 4, "结构": {"大专及以上": "90%", "高中及以上": "90%", "少数民族": "50%"}}
    profile = load_profile(write_profile(tmp_path / "u.yaml", targets=targets))
    s = generate_summary(profile, load_roster(write_csv(tmp_path / "r.csv")), parse_period("2025H1"))
    problems = text_of(section(s.document, "存在问题"))
    assert "大专及以上学历的占50.0%，低于90%的目标" in problems
    assert "高中及以上学历的占75.0%，低于90%的目标" in problems
    assert "少数民族占25.0%，低于50%的目标" in problems
    plans = text_of(section(s.document, "下步打算"))
    assert "大专及以上学历的比例达到90%以上" in plans and "高中及以上学历的比例达到90%以上" in plans


def test_practices_for_met_targets_do_not_repeat_a_topic(tmp_path):
    targets = {"发展党员": 4, "结构": {"大专及以上": "50%", "高中及以上": "50%", "女": "20%"}}
    profile = load_profile(write_profile(tmp_path / "u.yaml", targets=targets))
    s = generate_summary(profile, load_roster(write_csv(tmp_path / "r.csv")), parse_period("2025H1"))
    practice_ids = [c for c in s.clause_ids if c.startswith("主要做法-")]
    # 大专及以上 and 高中及以上 share a topic: the second met target gives way to 女
    assert practice_ids[:2] == ["主要做法-妇女", "主要做法-学历"]
    assert "主要做法-高中" not in practice_ids and len(practice_ids) == 4


def test_over_plan(tmp_path):
    profile = load_profile(write_profile(tmp_path / "u.yaml", targets={"发展党员": 3}))
    s = generate_summary(profile, load_roster(write_csv(tmp_path / "r.csv")), parse_period("2025H1"))
    assert s.conditions[0] == "总量:超计划"
    assert "2025年上半年共发展党员4名，超出年度计划1名。" in text_of(section(s.document, "存在问题"))


def test_empty_period_says_so(sample):
    s = summary(sample, "2025Q4")
    basic = text_of(section(s.document, "基本情况"))
    assert basic.startswith("2025年第四季度，全镇没有接收预备党员；全年累计发展党员5名，完成年度计划10名的50%。")
    assert not [b for b in section(s.document, "基本情况") if isinstance(b, Table) and b.rows[0][0] == "类别"]
    assert "占" not in basic.split("截至")[0]  # no shares, no division by zero


def test_empty_year(tmp_path):
    profile = load_profile(write_profile(tmp_path / "u.yaml", year=2026))
    s = generate_summary(profile, load_roster(write_csv(tmp_path / "r.csv")), parse_period("2026"))
    assert s.conditions[0] == "总量:无发展"
    basic = text_of(section(s.document, "基本情况"))
    assert basic.startswith("2026年，全镇没有接收预备党员；年度计划发展党员10名。")
    assert "年度计划发展的10名党员尚未落实" in text_of(section(s.document, "存在问题"))


def test_second_half_is_judged_on_the_year_to_date(sample):
    s = summary(sample, "2025H2")
    basic = text_of(section(s.document, "基本情况"))
    assert "2025年下半年，全镇共发展党员1名，全年累计发展5名，完成年度计划10名的50%。" in basic
    assert "总量:未完成" in s.conditions  # 50% of the plan at the year's end


def test_custom_period_and_date(sample):
    profile, roster = sample
    s = generate_summary(profile, roster, period_between("2025-01-01", "2025-09-30"), D(2025, 10, 8))
    assert s.document.meta.title == "中共柳溪镇委员会2025年1月至9月发展党员工作总结"
    assert s.document.meta.date == D(2025, 10, 8)
    assert "截至9月30日" in text_of(section(s.document, "基本情况"))


def test_procedure_problems_are_counted_in_the_text(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][9] = "2024-06-01"  # 丙: 积极分子 2024-06-01, 发展对象 2025-01-05: seven months
    profile = load_profile(write_profile(tmp_path / "u.yaml"))
    s = generate_summary(profile, load_roster(write_csv(tmp_path / "r.csv", rows)), parse_period("2025H1"))
    assert [v.person.name for v in s.violations] == ["丙"]
    assert "有1名同志的发展时间节点不符合规定" in text_of(section(s.document, "存在问题"))


# --- the corpus covers every unit type, era and condition ----------------------------------------
ERA_DAYS = [D(2012, 12, 31), D(2016, 6, 30), D(2020, 12, 31), D(2025, 6, 30)]


def _all_conditions() -> list[str]:
    from generator.core.figures import categories

    out = ["总量:完成", "总量:未完成", "总量:超计划", "总量:无发展", "积极分子:未完成", "梯队:不足",
           "支部:无梯队", "程序:不规范"]
    out += [f"未达标:{k}" for k in categories()]
    return out


@pytest.mark.parametrize("day", ERA_DAYS)
def test_every_condition_has_clauses_for_every_unit_type(day):
    corpus = corpus_mod.load()
    for unit in snippets_mod.load().unit_types:
        for cond in _all_conditions():
            for sec in (["存在问题", "下步打算"] if not cond.startswith("总量:完成") else ["基本情况"]):
                found = [c for c in corpus.candidates(KIND, sec, unit, day, when=[cond]) if c.when == cond]
                assert found, f"{sec} {cond} {unit} {day}"
        for cond in ["总量:完成", "总量:未完成", "总量:超计划", "总量:无发展"]:
            assert [c for c in corpus.candidates(KIND, "基本情况", unit, day, when=[cond]) if c.when == cond]
        for cat in ["35岁及以下", "女", "少数民族", "大专及以上", "高中及以上", "生产工作一线"]:
            assert [c for c in corpus.candidates(KIND, "主要做法", unit, day, when=[f"达标:{cat}"]) if c.when]
        general = {s: [c for c in corpus.candidates(KIND, s, unit, day) if c.when is None and c.topic != "开篇"]
                   for s in ("主要做法", "存在问题", "下步打算")}
        assert len({c.topic for c in general["主要做法"]}) >= 4
        assert len({c.topic for c in general["存在问题"]}) >= 2
        assert len({c.topic for c in general["下步打算"]}) >= 3
        assert [c for c in corpus.candidates(KIND, "基本情况", unit, day) if c.topic == "开篇"]


def test_corpus_sections_have_at_least_40_clauses_and_every_unit_type():
    clauses = [c for c in corpus_mod.load().clauses.values()
               if c.section in ("基本情况", "主要做法", "存在问题", "下步打算") and KIND in c.kinds]
    assert len(clauses) >= 40
    typed = {u for c in clauses for u in c.units}
    broad = {uid for uid, d in snippets_mod.load().unit_types.items() if "parent" not in d}
    assert broad <= typed  # (a sub-type such as 乡 draws on its broad type's clauses)


@pytest.mark.parametrize("unit", ["村", "社区", "机关", "学校", "国企", "非公", "乡镇", "县级"])
@pytest.mark.parametrize("year", [2016, 2020, 2025])
def test_every_unit_type_and_era_generates(tmp_path, unit, year):
    profile = load_profile(write_profile(tmp_path / "u.yaml", year=year, unit_type=unit))
    roster = load_roster(write_csv(tmp_path / "r.csv", shifted(ROWS, year - 2025)))
    s = generate_summary(profile, roster, parse_period(f"{year}H1"))
    md = s.markdown
    assert "{{" not in md and "{%" not in md
    assert [h.text for h in s.document.headings(1)] == ["基本情况", "主要做法", "存在问题", "下步打算"]
    assert s.document.meta.title.endswith(f"{year}年上半年发展党员工作总结")
    assert "（试行）" not in md  # the 细则 of 2014 is in force in all three eras
    if year == 2016:
        assert "习近平新时代中国特色社会主义思想" not in md and "二十大" not in md
    elif year == 2020:
        assert "二十大" not in md
    # the same inputs give the same text; another unit of the same type reads differently somewhere
    assert generate_summary(profile, roster, parse_period(f"{year}H1")).markdown == md


def test_old_era_uses_the_trial_regulation_title(tmp_path):
    profile = load_profile(write_profile(tmp_path / "u.yaml", year=2013))
    roster = load_roster(write_csv(tmp_path / "r.csv", shifted(ROWS, -12)))
    md = generate_summary(profile, roster, parse_period("2013H1")).markdown
    assert "《中国共产党发展党员工作细则（试行）》" in md
    assert "《中国共产党发展党员工作细则》" not in md
    assert "习近平新时代" not in md


def test_variants_differ_between_units_of_a_type(tmp_path, sample):
    profile, roster = sample
    other = load_profile(write_profile(tmp_path / "u.yaml"))
    other.data["单位"]["全称"] = "中共桂山镇委员会"
    other.data["单位"]["简称"] = "桂山镇党委"
    a = summary(sample).clause_ids
    b = generate_summary(other, roster, parse_period("2025H1")).clause_ids
    assert a != b
    assert summary(sample, variant=1).clause_ids != a


# --- refusals -----------------------------------------------------------------------------------
def test_profile_of_another_year_is_refused(sample):
    profile, roster = sample
    with pytest.raises(InputError, match="单位概况的年度为2025年，总结时段为2024年上半年"):
        generate_summary(profile, roster, parse_period("2024H1"))


def test_date_before_the_period_ends_is_refused(sample):
    with pytest.raises(InputError, match="成文日期2025年6月20日早于总结时段的结束日2025年6月30日"):
        summary(sample, day=D(2025, 6, 20))


def test_tolerance_comes_from_the_profile(tmp_path):
    targets = {"发展党员": 6, "允许偏差": "20%"}
    profile = load_profile(write_profile(tmp_path / "u.yaml", targets=targets))
    assert profile.data["目标"]["允许偏差"] == 20.0
    roster = load_roster(write_csv(tmp_path / "r.csv"))
    assert generate_summary(profile, roster, parse_period("2025")).conditions[0] == "总量:完成"  # 5 of 6
    # not given: 5%, and 5 of 6 (83.3%) is then short of the plan
    assert load_profile(write_profile(tmp_path / "v.yaml", targets={"发展党员": 6})).data["目标"]["允许偏差"] == 5.0


def test_conditions_with_a_tolerance(sample):
    from generator.roster.stats import compute

    profile, roster = sample
    fig = compute(roster.people, parse_period("2025"), 5, {}, None)  # 5 of 5
    assert conditions_for(fig, 5, [])["overall"] == ["总量:完成"]
    fig = compute(roster.people, parse_period("2025"), 6, {}, None)  # 5 of 6 = 83.3%
    assert conditions_for(fig, 5, [])["overall"] == ["总量:未完成"]
    assert conditions_for(fig, 20, [])["overall"] == ["总量:完成"]


# --- the command ---------------------------------------------------------------------------------
def test_cli_summary_writes_docx_and_md(runner, tmp_path):
    unit, roster = write_profile(tmp_path / "unit.yaml"), write_csv(tmp_path / "r.csv")
    out = tmp_path / "out"
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--period", "2025H1", "-o", str(out))
    assert r.exit_code == 0, r.output
    title = "中共柳溪镇委员会2025年上半年发展党员工作总结"
    assert sorted(p.name for p in out.iterdir()) == [f"{title}.docx", f"{title}.md"]
    assert "2025年上半年发展党员4名，完成年度计划的40%。" in r.output
    first = (out / f"{title}.docx").read_bytes()
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--period", "2025H1", "-o", str(out))
    assert r.exit_code == 2 and "已存在" in r.output
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--period", "2025H1", "-o", str(out), "--force")
    assert r.exit_code == 0 and (out / f"{title}.docx").read_bytes() == first  # byte-identical rerun


def test_cli_from_to_and_date(runner, tmp_path):
    unit, roster = write_profile(tmp_path / "unit.yaml"), write_csv(tmp_path / "r.csv")
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--from", "2025-01-01", "--to", "2025年9月30日",
                "--date", "2025/10/8", "--format", "md", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    md = (tmp_path / "中共柳溪镇委员会2025年1月至9月发展党员工作总结.md").read_text(encoding="utf-8")
    assert "成文日期: 2025-10-08" in md


@pytest.mark.parametrize("args, message", [
    ([], "请用 --roster 指定发展党员花名册"),
    (["--roster", "{roster}"], "请用 --period 指定总结时段"),
    (["--roster", "{roster}", "--period", "2025H3"], "--period：无法识别“2025H3”"),
    (["--roster", "{roster}", "--period", "2025H1", "--from", "2025-01-01"], "--period 与 --from/--to 只能用一种"),
    (["--roster", "{roster}", "--from", "2025-01-01"], "--from 和 --to 要一起给出"),
    (["--roster", "{roster}", "--period", "2025H1", "--date", "下周"], "--date：“下周”不是可识别的日期"),
    (["--roster", "{roster}", "--period", "2024"], "单位概况的年度为2025年"),
    (["--roster", "{roster}", "--period", "2025H1", "--date", "2025-06-01"], "早于总结时段的结束日"),
    (["--roster", "{dir}/none.xlsx", "--period", "2025H1"], "文件不存在"),
    (["--roster", "{dir}", "--period", "2025H1"], "是一个目录"),
])
def test_cli_bad_input_exits_2_with_one_chinese_line(runner, tmp_path, args, message):
    unit, roster = write_profile(tmp_path / "unit.yaml"), write_csv(tmp_path / "r.csv")
    args = [a.format(roster=roster, dir=tmp_path) for a in args]
    out = tmp_path / "out"
    r = run_cli(runner, "summary", str(unit), *args, "-o", str(out))
    assert r.exit_code == 2, r.output
    assert message in r.output and r.output.startswith("错误：") and len(r.output.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_tells_about_procedure_problems(runner, tmp_path):
    unit = tmp_path / "unit.yaml"
    unit.write_text((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    r = run_cli(runner, "summary", str(unit), "--roster", str(resources.examples_dir() / "roster.xlsx"),
                "--period", "2025H1", "-o", str(tmp_path / "out"))
    assert r.exit_code == 0
    # the summary's count is the roster check's for the same day: the two documents agree
    check = run_cli(runner, "roster", "check", str(resources.examples_dir() / "roster.xlsx"), "--as-of", "2025-06-30")
    (line,) = [x for x in check.output.splitlines() if x.startswith("共发现")]
    found, people = re.match(r"共发现(\d+)处不符合发展程序的记录，涉及(\d+)人", line).groups()
    assert f"提示：截至2025年6月30日，花名册中有{found}处不符合发展程序的记录（涉及{people}人）" in r.output
    text = next((tmp_path / "out").glob("*.md")).read_text(encoding="utf-8")
    assert f"有{people}名同志的发展时间节点不符合规定" in text and "履行了规定程序" not in text


# --- the demo --------------------------------------------------------------------------------------
def test_demo_writes_the_summary_and_the_roster_report(runner, tmp_path):
    r = run_cli(runner, "demo", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    names = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert "中共柳溪镇委员会2025年上半年发展党员工作总结.docx" in names
    assert "中共柳溪镇委员会2025年上半年发展党员工作总结.md" in names
    assert any(n.startswith("花名册程序检查") and n.endswith(".xlsx") for n in names)
    assert any(n.startswith("花名册程序检查") and n.endswith(".txt") for n in names)


# --- lint ---------------------------------------------------------------------------------------
def _lint_available():
    from generator.cli import main

    return "lint" in main.commands


@pytest.mark.skipif(not _lint_available(), reason="gongwen lint 尚未实现")
@pytest.mark.parametrize("period", ["2025H1", "2025Q4", "2025"])
def test_generated_summaries_lint_clean(runner, tmp_path, period):
    import json

    unit = tmp_path / "unit.yaml"
    unit.write_text((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    roster = resources.examples_dir() / "roster.xlsx"
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--period", period, "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    for path in sorted(tmp_path.glob("*总结.*")):
        r = run_cli(runner, "lint", str(path), "--format", "json")
        data = json.loads(r.output)
        errors = [f for f in data["files"][0]["findings"] if f["severity"] in ("error", "warning")]
        assert errors == [], f"{path.name}: {errors}"
        assert r.exit_code == 0


@pytest.mark.skipif(not _lint_available(), reason="gongwen lint 尚未实现")
def test_summaries_of_every_unit_type_and_era_lint_clean(runner, tmp_path):
    import json

    from generator.writers.outputs import write_document

    out = tmp_path / "out"
    for unit in snippets_mod.load().unit_types:
        for year in (2013, 2016, 2020, 2025):
            for period, targets in ((f"{year}H1", None), (str(year), {"发展党员": 3, "结构": {"女": "20%"}})):
                d = tmp_path / f"{unit}{year}{period}"
                d.mkdir()
                path = write_profile(d / "u.yaml", year=year, unit_type=unit, targets=targets)
                if unit in SUBTYPE_NAMES:  # a 乡 named 柳溪镇 would be a profile at odds with itself
                    full, short = SUBTYPE_NAMES[unit]
                    path.write_text(path.read_text(encoding="utf-8").replace("中共柳溪镇委员会", full)
                                    .replace("柳溪镇党委", short), encoding="utf-8")
                profile = load_profile(path)
                roster = load_roster(write_csv(d / "r.csv", shifted(ROWS, year - 2025)))
                s = generate_summary(profile, roster, parse_period(period))
                write_document(s.document, out, f"{unit}-{period}", ("md",), False)
    r = run_cli(runner, "lint", str(out), "--format", "json")
    data = json.loads(r.output)
    assert data["summary"]["files"] == len(snippets_mod.load().unit_types) * 8
    bad = {f["path"]: [x["rule"] + " " + x["message"] for x in f["findings"] if x["severity"] != "info"]
           for f in data["files"]}
    assert {k: v for k, v in bad.items() if v} == {}
    assert r.exit_code == 0
