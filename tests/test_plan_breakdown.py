"""What an office expects in an annual plan (issue #12, item 8): last year's results from the roster,
the quota per branch (the profile's 目标.分解, or shared out by each branch's pool), a quarterly
timetable with what the roster says falls due; the multi-year plan's analysis of the membership.
Every figure is checked against a count made here, by hand, from the same roster."""
from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml
from conftest import run_cli

from generator import resources
from generator.core.dates import add_months
from generator.data.profile import parse_profile
from generator.errors import ValidationError
from generator.lint.engine import lint_draft
from generator.plans import breakdown
from generator.plans.generate import generate_multi_year_plan, generate_plan
from generator.readers import read_text
from generator.roster.people import load_roster

BASE = yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"))
ROSTER = resources.examples_dir() / "roster.xlsx"
DAY = dt.date(2025, 2, 18)


def profile(**target):
    raw = copy.deepcopy(BASE)
    raw["目标"].update(target)
    return parse_profile(raw, "unit.yaml")


@pytest.fixture(scope="module")
def roster():
    return load_roster(ROSTER)


def findings(markdown: str):
    return [(f.rule, f.match) for f in lint_draft(read_text(markdown, "x.md", "md")).findings]


def section(markdown: str, heading: str) -> str:
    m = re.search(rf"^# [一二三四五六七]、{heading}\n(.*?)(?=^# |\Z)", markdown, re.S | re.M)
    assert m, heading
    return m.group(1)


# --- the sharing out --------------------------------------------------------------------------
@pytest.mark.parametrize("total, pools, expected", [
    (15, [6, 4, 4, 4, 1], [5, 3, 3, 3, 1]),
    (3, [1, 1, 1, 1], [1, 1, 1, 0]),  # ties go to the branches listed first
    (10, [2, 0, 3], [2, 0, 3]),  # more than the pools hold: each gets its pool, no more
    (0, [3, 3], [0, 0]),
    (4, [0, 0], [0, 0]),
])
def test_allocation_never_exceeds_a_pool_and_adds_up(total, pools, expected):
    got = breakdown._allocate(total, pools)
    assert got == expected
    assert sum(got) == min(total, sum(pools))
    assert all(0 <= g <= p for g, p in zip(got, pools))


def test_allocation_follows_the_pools():
    got = breakdown._allocate(12, [8, 4, 0, 12])
    assert got == [4, 2, 0, 6]


# --- last year's results ----------------------------------------------------------------------
def test_opening_states_last_years_results_counted_from_the_roster(roster):
    year = [p for p in roster.people if p.admitted and p.admitted.year == 2024]
    activists = sum(1 for p in roster.people if p.activist and p.activist.year == 2024)
    confirmed = sum(1 for p in roster.people if p.confirmed and p.confirmed.year == 2024)
    women = sum(1 for p in year if p.gender == "女")
    assert year and activists and confirmed  # the example carries last year's records
    md = generate_plan(profile(), DAY, roster=roster).markdown
    opening = md.split("---", 2)[2].split("# 一、")[0]
    assert f"2024年，全镇发展党员{len(year)}名" in opening
    assert f"女性{women}名" in opening
    assert f"新确定入党积极分子{activists}名" in opening and f"{confirmed}名预备党员转为正式党员" in opening
    assert opening.index("2024年") < opening.index("制定本计划")


def test_without_a_roster_there_is_no_last_year_and_no_table():
    md = generate_plan(profile(), DAY).markdown
    assert "2024年，全镇" not in md
    assert "| 党支部 |" not in md
    assert "# 四、进度安排" in md  # the routine timetable needs no data
    assert findings(md) == []


def test_a_roster_with_nothing_last_year_says_nothing_about_it(roster, tmp_path):
    # no record is not "none developed": the opening keeps silent
    p = profile()
    p.data["年度"] = 2031
    assert breakdown.last_year(p, roster) is None


# --- the quota per branch ---------------------------------------------------------------------
def test_quota_from_the_roster_adds_up_and_lints_clean(roster):
    md = generate_plan(profile(), DAY, roster=roster).markdown
    rows = re.findall(r"^\| (\S+?) \| (\d+) \| (\d+) \| (\d+) \|$", md, re.M)
    branches = [r[0] for r in rows if r[0] != "合计"]
    assert branches == roster.branches
    start = dt.date(2024, 12, 31)
    for name, act, cand, quota in rows[:-1]:
        mine = [p for p in roster.people if p.branch == name]
        by_hand_cand = sum(1 for p in mine if p.candidate and p.candidate <= start and not (p.admitted and p.admitted <= start)
                           and not (p.cancelled and p.cancelled <= start))
        assert int(cand) == by_hand_cand, name
        assert int(quota) <= int(act) + int(cand)
    total = rows[-1]
    assert total[0] == "合计" and int(total[3]) == 15 == sum(int(r[3]) for r in rows[:-1])
    assert findings(md) == []


def test_quota_from_the_profile_is_used_as_written(roster):
    split = {"柳溪村党支部": 4, "石桥村党总支": 4, "青禾社区党支部": 3, "镇机关第一党支部": 3, "镇中心学校党支部": 1}
    md = generate_plan(profile(分解=split), DAY, roster=roster).markdown
    assert "年度发展任务分解到各党支部如下" in md
    for name, n in split.items():
        assert re.search(rf"^\| {name} \| \d+ \| \d+ \| {n} \|$", md, re.M), name
    # and without a roster: the table of the quota alone
    md = generate_plan(profile(分解=split), DAY).markdown
    assert "| 党支部 | 计划发展党员 |" in md and "| 合计 | 15 |" in md
    assert findings(md) == []


@pytest.mark.parametrize("split, message", [
    ({"柳溪村党支部": 4, "石桥村党总支": 4}, "目标.分解：各党支部合计8名，与 目标.发展党员 15名不一致"),
    ({"柳溪村党支部": 10, "东风村党支部": 5}, "目标.分解.东风村党支部：花名册中没有这个党支部"),
])
def test_a_wrong_quota_table_is_refused_naming_the_field(roster, split, message):
    with pytest.raises(ValidationError) as exc:
        generate_plan(profile(分解=split), DAY, roster=roster)
    assert message in str(exc.value)


def test_a_quota_table_with_a_bad_number_is_refused_at_load():
    with pytest.raises(ValidationError) as exc:
        profile(分解={"柳溪村党支部": "三名"})
    assert "目标.分解.柳溪村党支部" in str(exc.value)


def test_a_plan_beyond_every_pool_is_said_not_shared_out(roster):
    g = generate_plan(profile(发展党员=30), DAY, roster=roster)
    pool = sum(int(a) + int(c) for _, a, c, _ in re.findall(r"^\| (\S+?) \| (\d+) \| (\d+) \| (\d+) \|$", g.markdown, re.M)[:-1])
    assert f"| 柳溪镇党委统筹 | — | — | {30 - pool} |" in g.markdown
    assert f"其余{30 - pool}名由柳溪镇党委根据培养考察情况统筹安排" in g.markdown
    assert any("多于各党支部年初发展对象和入党积极分子合计" in n for n in g.notes)
    assert findings(g.markdown) == []


# --- the timetable ------------------------------------------------------------------------------
def test_timetable_lists_what_falls_due_each_quarter(roster):
    md = generate_plan(profile(), DAY, roster=roster).markdown
    table = section(md, "进度安排")
    start = dt.date(2024, 12, 31)
    due = [0, 0, 0, 0]
    for p in roster.people:
        if p.admitted and not (p.confirmed and p.confirmed <= start) and not (p.cancelled and p.cancelled <= start):
            end = add_months(p.admitted, 12 + (p.extension or 0))
            if end.year == 2025:
                due[(end.month - 1) // 3] += 1
    assert sum(due)
    rows = re.findall(r"^\| (第.季度) \| (.*) \|$", table, re.M)
    assert [r[0] for r in rows] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    for (label, cell), n in zip(rows, due):
        m = re.search(r"(\d+)名预备党员预备期满", cell)
        assert (int(m.group(1)) if m else 0) == n, label


def test_timetable_reads_differently_between_units_but_not_between_runs(roster):
    a = section(generate_plan(profile(), DAY).markdown, "进度安排")
    assert a == section(generate_plan(profile(), DAY).markdown, "进度安排")
    others = set()
    for name in ("中共青山镇委员会", "中共白沙镇委员会", "中共红旗镇委员会", "中共石门镇委员会"):
        raw = copy.deepcopy(BASE)
        raw["单位"]["全称"] = name
        others.add(section(generate_plan(parse_profile(raw, "u.yaml"), DAY).markdown, "进度安排"))
    assert len(others | {a}) > 1


# --- the multi-year plan's analysis -------------------------------------------------------------
def test_multi_year_plan_analyses_the_membership_at_one_decimal(roster):
    md = generate_multi_year_plan(profile(), DAY, roster=roster).markdown
    text = section(md, "基本情况")
    now = BASE["现状"]
    for key, label in (("35岁及以下", "35岁及以下"), ("女", "女性"), ("大专及以上", "大专及以上学历")):
        count = now["结构"][key]
        assert f"{label}{count}名、占{count / now['党员总数'] * 100:.1f}%" in text
    pool = now["入党积极分子"] + now["发展对象"]
    assert f"现有入党积极分子和发展对象合计{pool}名，能够满足2025年计划发展15名的需要" in text
    assert findings(md) == []


def test_a_thin_pool_is_said_to_be_thin():
    raw = copy.deepcopy(BASE)
    raw["现状"].update(入党积极分子=3, 发展对象=2)
    md = generate_multi_year_plan(parse_profile(raw, "u.yaml"), DAY).markdown
    assert "合计5名，少于2025年计划发展的15名，入党积极分子队伍储备不足" in md
    assert findings(md) == []


# --- the command line ---------------------------------------------------------------------------
def test_cli_plan_and_notice_take_the_roster(runner, example_profile_path, tmp_path):
    r = run_cli(runner, "plan", str(example_profile_path), "--roster", str(ROSTER), "-o", str(tmp_path / "a"))
    assert r.exit_code == 0, r.output
    md = next((tmp_path / "a").glob("*.md")).read_text(encoding="utf-8")
    assert "| 合计 |" in md and "2024年，全镇发展党员" in md
    r = run_cli(runner, "notice", str(example_profile_path), "--roster", str(ROSTER), "-o", str(tmp_path / "b"))
    assert r.exit_code == 0, r.output
    assert "| 合计 |" in next((tmp_path / "b").glob("*.md")).read_text(encoding="utf-8")


def test_cli_plan_with_a_missing_roster_fails_cleanly(runner, example_profile_path, tmp_path):
    r = run_cli(runner, "plan", str(example_profile_path), "--roster", str(tmp_path / "无.xlsx"), "-o", str(tmp_path / "o"))
    assert r.exit_code == 2
    assert "无.xlsx" in r.output
    assert not (tmp_path / "o").exists()
