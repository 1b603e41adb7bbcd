"""Period figures on the hand-counted roster of roster_samples.py: every number asserted exactly,
with the edge cases (birthday on the 支部大会 day, leap day, period boundaries, empty period)."""
from __future__ import annotations

import datetime as dt

import pytest
from roster_samples import write_csv

from generator.errors import InputError
from generator.roster.people import load_roster
from generator.roster.stats import Share, compute, parse_period, period_between, pipeline_at

D = dt.date
STRUCTURE = {"35岁及以下": 60.0, "女": 30.0, "大专及以上": 50.0, "生产工作一线": 55.0}


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    return load_roster(write_csv(tmp_path_factory.mktemp("r") / "r.csv")).people


def figures(people, period="2025H1"):
    return compute(people, parse_period(period), 10, STRUCTURE, 4)


# --- periods ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, start, end, label, title", [
    ("2025H1", D(2025, 1, 1), D(2025, 6, 30), "2025年上半年", "2025年上半年"),
    ("2025h2", D(2025, 7, 1), D(2025, 12, 31), "2025年下半年", "2025年下半年"),
    ("2025", D(2025, 1, 1), D(2025, 12, 31), "2025年", "2025年度"),
    ("2025年度", D(2025, 1, 1), D(2025, 12, 31), "2025年", "2025年度"),
    ("2025年上半年", D(2025, 1, 1), D(2025, 6, 30), "2025年上半年", "2025年上半年"),
    ("2024Q1", D(2024, 1, 1), D(2024, 3, 31), "2024年第一季度", "2024年第一季度"),
    ("2024第四季度", D(2024, 10, 1), D(2024, 12, 31), "2024年第四季度", "2024年第四季度"),
])
def test_parse_period(text, start, end, label, title):
    p = parse_period(text)
    assert (p.start, p.end, p.label, p.title_label) == (start, end, label, title)


@pytest.mark.parametrize("bad", ["2025H3", "25H1", "去年", "", "2025-06", "1800"])
def test_parse_period_rejects(bad):
    with pytest.raises(InputError, match="--period：无法识别"):
        parse_period(bad)


def test_period_between_labels():
    assert period_between("2025-01-01", "2025-09-30").label == "2025年1月至9月"
    assert period_between("2025-03-01", "2025-03-31").label == "2025年3月"
    assert period_between("2025-03-15", "2025-09-30").label == "2025年3月15日至2025年9月30日"
    assert period_between("2025-01-01", "2025-12-31").whole_year
    assert period_between("2025年1月1日", "2025/6/30").label == "2025年1月至6月"
    assert period_between("2024-07-01", "2025-06-30").label == "2024年7月至2025年6月"
    with pytest.raises(InputError, match="开始日期2025年7月1日晚于结束日期2025年6月30日"):
        period_between("2025-07-01", "2025-06-30")


def test_next_period_names():
    assert parse_period("2025H1").next_label == "下半年"
    assert parse_period("2025").next_label == "2026年"
    assert parse_period("2025Q4").next_label == "2026年"


# --- the figures ----------------------------------------------------------------------------------
def test_new_members_include_both_boundary_days(people):
    f = figures(people)
    assert sorted(p.name for p in f.new_members) == ["丁", "丙", "乙", "庚"]
    assert f.new == 4
    # 戊 was admitted on 1 July: the second half of the year
    assert [p.name for p in figures(people, "2025H2").new_members] == ["戊"]


def test_structure_shares_counted_by_hand(people):
    f = figures(people)
    got = {s.key: (s.count, s.text, s.target, s.met) for s in f.shares}
    assert got == {
        "35岁及以下": (3, "75.0%", 60.0, True),  # 乙 turned 36 on his 支部大会 day; 丙 turned 35 on hers
        "女": (1, "25.0%", 30.0, False),
        "少数民族": (1, "25.0%", None, None),
        "大专及以上": (2, "50.0%", 50.0, True),  # exactly the target is met
        "高中及以上": (3, "75.0%", None, None),
        "生产工作一线": (2, "50.0%", 55.0, False),
    }
    assert [s.key for s in f.targeted_shares] == ["35岁及以下", "女", "大专及以上", "生产工作一线"]
    assert f.share("女").column == "女性" and f.share("女").label == "女性"


def test_birthday_rule_on_the_admission_day(people):
    by_name = {p.name: p for p in people}
    from generator.roster.stats import CATEGORY_TESTS

    young = CATEGORY_TESTS["35岁及以下"]
    assert young(by_name["丙"]) is True  # 35th birthday on the 支部大会 day: 35, counted
    assert young(by_name["乙"]) is False  # 36th birthday on that day: 36, not counted


def test_completion_and_schedule(people):
    f = figures(people)
    assert f.target == 10 and f.completion_text == "40%"
    assert f.expected == pytest.approx(10 * 181 / 365)  # 序时进度 of the first half of 2025
    year = figures(people, "2025")
    assert year.new == 5 and year.completion_text == "50%" and year.expected == 10


def test_pipeline_at_period_end(people):
    f = figures(people)
    p = f.pipeline
    assert (p.applicants, p.activists, p.candidates, p.probationary) == (1, 2, 1, 4)
    assert p.ratio == "1∶2∶1"
    assert (f.new_activists, f.new_candidates, f.confirmed) == (1, 3, 2)
    assert f.activist_completion_text == "25%"


def test_leap_day_admission_and_confirmation(people):
    # 己: 接收 2024-02-29 (first half of 2024), 转正 2025-02-28
    h1_2024 = compute(people, parse_period("2024H1"), 10, STRUCTURE, 4)
    assert "己" in [p.name for p in h1_2024.new_members]
    assert figures(people).confirmed == 2
    assert pipeline_at(people, D(2025, 2, 27)).probationary == 2  # 己 (not yet 转正) and 庚
    assert pipeline_at(people, D(2025, 2, 28)).probationary == 1  # 己 转正 on the 28th


def test_per_branch_figures_add_up(people):
    f = figures(people)
    rows = {b.name: (b.new, b.confirmed, b.new_activists, b.pipeline.applicants, b.pipeline.activists,
                     b.pipeline.candidates, b.pipeline.probationary) for b in f.branches}
    assert rows == {
        "第一党支部": (1, 2, 0, 0, 1, 0, 1),
        "第二党支部": (2, 0, 1, 0, 1, 0, 2),
        "第三党支部": (1, 0, 0, 1, 0, 1, 1),
    }
    assert sum(b.new for b in f.branches) == f.new
    assert sum(b.pipeline.activists for b in f.branches) == f.pipeline.activists


def test_empty_period_has_no_shares_and_no_division_by_zero(people):
    f = figures(people, "2025Q4")
    assert f.new == 0 and f.ytd_new == 5 and f.completion_text == "50%"  # the plan is judged on the year to date
    assert all(s.percent is None and s.text is None and s.met is None for s in f.shares)
    assert compute(people, parse_period("2025Q4")).completion is None  # no plan: no rate
    assert compute(people, parse_period("2025Q4"), target=0).completion_text is None


def test_year_to_date_for_periods_starting_after_january(people):
    f = figures(people, "2025H2")
    assert (f.new, f.ytd_new, f.completion_text) == (1, 5, "50%")
    assert (f.new_activists, f.ytd_activists, f.activist_completion_text) == (0, 1, "25%")
    assert f.period.cumulative and not figures(people).period.cumulative
    assert f.expected == 10  # by 31 December the whole plan is due
    assert figures(people, "2025Q3").expected == pytest.approx(10 * 273 / 365)


def test_cancelled_member_leaves_the_pipeline(people):
    import dataclasses

    yi = next(p for p in people if p.name == "乙")
    gone = dataclasses.replace(yi, cancelled=D(2025, 6, 1))
    others = [p for p in people if p.name != "乙"]
    assert pipeline_at(others + [gone], D(2025, 5, 31)).probationary == 3  # 乙 丙 庚 (丁 joins on 30 June)
    assert pipeline_at(others + [gone], D(2025, 6, 1)).probationary == 2
    assert compute(others + [gone], parse_period("2025H1")).new == 4  # admitted in the period all the same


def test_met_is_judged_on_the_printed_figure():
    # 7 of 12 = 58.33…% prints as 58.3%: a target of 58.3% is met, 58.4% is not
    assert Share("女", "女性", "女性", 7, 12, 58.3).met is True
    assert Share("女", "女性", "女性", 7, 12, 58.4).met is False
    assert Share("女", "女性", "女性", 2, 3, None).text == "66.7%"


def test_occupations_of_new_members(people):
    assert dict(figures(people).occupations) == {
        "工人（工勤技能人员）": 1, "农牧渔民": 2, "企事业单位、社会组织专业技术人员": 1,
    }
