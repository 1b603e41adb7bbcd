"""Procedure checks of the 细则 on roster dates: each rule fires on the day it should and not a day
earlier; the date rules (birthday, leap day, 预备期) are stated in generator/procedure.py."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from conftest import run_cli
from openpyxl import load_workbook
from roster_samples import ROWS, write_csv

from generator import resources
from generator.core.probation import age_on, earliest_candidate_date, extended_end, months_between, probation_end
from generator.roster.people import Person, load_roster
from generator.roster.procedure import check_people, check_person

D = dt.date

GOOD = Person(
    row=2, name="张明", gender="男", ethnicity="汉族", birth=D(1995, 6, 1), education="大学本科",
    occupation="农牧渔民", frontline=True, branch="第一党支部",
    applied=D(2022, 3, 1), activist=D(2022, 9, 1), candidate=D(2023, 10, 1),
    admitted=D(2024, 1, 10), confirmed=D(2025, 1, 10),
)


def person(**changes) -> Person:
    return dataclasses.replace(GOOD, **changes)


def rules(p: Person, as_of=None) -> list[str]:
    return [v.rule for v in check_person(p, as_of)]


# --- date facts ---------------------------------------------------------------------------------
def test_age_counts_the_birthday_itself():
    assert age_on(D(1990, 4, 10), D(2025, 4, 9)) == 34
    assert age_on(D(1990, 4, 10), D(2025, 4, 10)) == 35
    assert age_on(D(1989, 5, 20), D(2025, 5, 20)) == 36


def test_age_of_a_leap_day_birth():
    # stated rule: born on 29 February, one turns a year older on 28 February in a common year
    assert age_on(D(2004, 2, 29), D(2022, 2, 27)) == 17
    assert age_on(D(2004, 2, 29), D(2022, 2, 28)) == 18
    assert age_on(D(2004, 2, 29), D(2024, 2, 28)) == 19
    assert age_on(D(2004, 2, 29), D(2024, 2, 29)) == 20


def test_probation_end_is_one_year_and_the_leap_day_rule():
    assert probation_end(D(2024, 1, 10)) == D(2025, 1, 10)
    assert probation_end(D(2024, 2, 29)) == D(2025, 2, 28)  # no 29 February in 2025
    assert probation_end(D(2023, 2, 28)) == D(2024, 2, 28)  # not moved to the 29th in a leap year
    assert extended_end(D(2024, 2, 29), 6) == D(2025, 8, 28)
    assert extended_end(D(2024, 1, 10), 12) == D(2026, 1, 10)
    with pytest.raises(ValueError, match="6至12个月"):
        extended_end(D(2024, 1, 10), 3)


def test_earliest_candidate_date_and_months_between():
    assert earliest_candidate_date(D(2024, 5, 10)) == D(2025, 5, 10)
    assert earliest_candidate_date(D(2024, 2, 29)) == D(2025, 2, 28)
    assert months_between(D(2024, 5, 10), D(2025, 1, 15)) == 8
    assert months_between(D(2024, 1, 31), D(2024, 2, 29)) == 1
    assert months_between(D(2024, 1, 31), D(2024, 2, 28)) == 0


# --- the rules ----------------------------------------------------------------------------------
def test_a_correct_person_has_no_violation():
    assert check_person(GOOD, as_of=D(2025, 6, 30)) == []


def test_under_18_at_application():
    assert rules(person(birth=D(2004, 3, 1))) == []  # 18 on the day of application
    v = check_person(person(birth=D(2004, 3, 2)))
    assert [x.rule for x in v] == ["under_18"] and v[0].article == "细则第五条"
    assert v[0].message == "申请入党时（2022年3月1日）17周岁，未满18周岁（出生日期2004年3月2日）"


def test_birth_after_application_is_a_date_error():
    v = check_person(person(birth=D(2023, 1, 1)))
    assert [x.rule for x in v] == ["stage_order"]
    assert v[0].message == "出生日期（2023年1月1日）晚于申请入党的日期（2022年3月1日）"


def test_under_18_leap_day_birth():
    p = person(birth=D(2004, 2, 29), applied=D(2022, 2, 28))
    assert rules(p) == []
    assert rules(person(birth=D(2004, 2, 29), applied=D(2022, 2, 27))) == ["under_18"]


def test_one_year_as_activist_includes_exactly_one_year():
    assert rules(person(activist=D(2022, 10, 1), candidate=D(2023, 10, 1))) == []
    v = check_person(person(activist=D(2022, 10, 2), candidate=D(2023, 10, 1)))
    assert [x.rule for x in v] == ["activist_under_one_year"] and v[0].article == "细则第十三条"
    assert v[0].message == ("2022年10月2日确定为入党积极分子，2023年10月1日即列为发展对象，"
                            "培养考察仅11个月，不满一年（最早应为2023年10月2日）")


def test_activist_under_a_month_is_counted_in_days():
    v = check_person(person(activist=D(2023, 9, 20), candidate=D(2023, 10, 1)))
    assert "培养考察仅11天" in v[0].message


def test_confirmed_before_probation_end():
    v = check_person(person(confirmed=D(2025, 1, 9)))
    assert [x.rule for x in v] == ["confirmed_before_probation_end"] and v[0].article == "细则第三十二条"
    assert "预备期至2025年1月10日期满" in v[0].message


def test_confirmed_on_the_leap_day_rule():
    p = person(admitted=D(2024, 2, 29), confirmed=D(2025, 2, 28))
    assert rules(p) == []
    assert rules(person(admitted=D(2024, 2, 29), confirmed=D(2025, 2, 27))) == ["confirmed_before_probation_end"]
    # 1 March is not the day the 预备期 ended either
    assert rules(person(admitted=D(2024, 2, 29), confirmed=D(2025, 3, 1))) == ["confirmed_not_on_probation_end"]


@pytest.mark.parametrize("confirmed", [D(2025, 7, 10), D(2025, 10, 10), D(2026, 1, 10)])
def test_confirmed_after_an_extension_is_accepted(confirmed):
    assert rules(person(confirmed=confirmed)) == []


@pytest.mark.parametrize("confirmed", [D(2025, 1, 20), D(2025, 7, 11), D(2026, 2, 10)])
def test_confirmed_not_on_the_day_the_probation_ended(confirmed):
    v = check_person(person(confirmed=confirmed))
    assert [x.rule for x in v] == ["confirmed_not_on_probation_end"] and v[0].article == "党章第七条"


def test_extension_recorded_in_the_roster():
    ext = person(confirmed=None, extension=6)
    assert rules(ext, as_of=D(2025, 10, 10)) == []  # extended 预备期 ends 2025-07-10, + 3 months
    v = check_person(ext, as_of=D(2025, 10, 11))
    assert [x.rule for x in v] == ["confirmation_overdue"]
    assert "预备期（延长6个月）已于2025年7月10日期满" in v[0].message
    assert rules(person(extension=6, confirmed=D(2025, 7, 10))) == []
    v = check_person(person(extension=6, confirmed=D(2025, 1, 10)))
    assert [x.rule for x in v] == ["confirmed_before_probation_end"]
    assert "预备期（延长6个月）至2025年7月10日期满" in v[0].message
    # with the extension written down, only its own end date is right
    assert rules(person(extension=6, confirmed=D(2026, 1, 10))) == ["confirmed_not_on_probation_end"]


def test_cancelled_member_is_not_overdue():
    p = person(confirmed=None, cancelled=D(2025, 2, 1))
    assert rules(p, as_of=D(2025, 12, 31)) == []
    assert rules(p, as_of=D(2025, 1, 31)) == ["date_after_as_of"]
    assert rules(person(confirmed=None, cancelled=D(2023, 12, 1))) == ["stage_order"]


def test_stage_order():
    v = check_person(person(activist=D(2023, 11, 1), candidate=D(2023, 10, 1), admitted=D(2024, 1, 10)))
    assert [x.rule for x in v] == ["stage_order"]
    assert v[0].message == "确定为发展对象的日期（2023年10月1日）早于确定为入党积极分子的日期（2023年11月1日）"
    # a mistyped date is reported once: each stage is compared with the nearest earlier one
    v = check_person(person(applied=D(2024, 2, 1)))
    assert [x.message for x in v] == ["确定为入党积极分子的日期（2022年9月1日）早于申请入党的日期（2024年2月1日）"]


def test_same_day_is_not_out_of_order():
    assert "stage_order" not in rules(person(activist=D(2022, 3, 1)))


def test_later_stage_without_the_earlier_one():
    v = check_person(person(activist=None))
    assert [x.rule for x in v] == ["stage_missing"] and v[0].article == "细则第十三条"
    assert v[0].message == "有确定为发展对象的日期（2023年10月1日），但没有确定为入党积极分子的日期（“确定积极分子日期”为空）"
    v = check_person(person(candidate=None))
    assert [(x.rule, x.article) for x in v] == [("stage_missing", "细则第二十条")]
    v = check_person(person(admitted=None))
    assert [(x.rule, x.article) for x in v] == [("stage_missing", "细则第三十二条")]
    v = check_person(person(applied=None))
    assert [(x.rule, x.article) for x in v] == [("stage_missing", "细则第八条")]


def test_dates_after_the_checking_day():
    assert rules(GOOD, as_of=D(2025, 1, 10)) == []
    v = check_person(GOOD, as_of=D(2025, 1, 9))
    assert [x.rule for x in v] == ["date_after_as_of"]
    assert v[0].message == "转为正式党员的日期（2025年1月10日）晚于检查日期2025年1月9日，请核对是否录入有误"
    assert rules(GOOD) == []  # without a checking day nothing is in the future


def test_confirmation_overdue():
    p = person(confirmed=None)
    assert rules(p, as_of=D(2025, 4, 10)) == []  # three months after the 预备期 ended: still in time
    v = check_person(p, as_of=D(2025, 4, 11))
    assert [x.rule for x in v] == ["confirmation_overdue"] and v[0].article == "细则第三十二条"
    assert "预备期已于2025年1月10日期满" in v[0].message


def test_a_person_can_break_several_rules():
    p = person(birth=D(2006, 1, 1), activist=D(2023, 3, 1), confirmed=D(2024, 12, 1))
    assert rules(p) == ["under_18", "activist_under_one_year", "confirmed_before_probation_end"]


def test_sample_roster_is_clean_until_a_future_date(tmp_path):
    roster = load_roster(write_csv(tmp_path / "r.csv"))
    assert check_people(roster.people) == []
    v = check_people(roster.people, as_of=D(2025, 6, 30))
    assert [(x.person.name, x.rule) for x in v] == [("戊", "date_after_as_of"), ("子", "date_after_as_of")]


def test_example_roster_has_the_deliberate_violations():
    roster = load_roster(resources.examples_dir() / "roster.xlsx")
    found = {v.rule for v in check_people(roster.people, as_of=D(2025, 6, 30))}
    assert found == {
        "under_18", "activist_under_one_year", "confirmed_before_probation_end",
        "confirmed_not_on_probation_end", "stage_order", "stage_missing",
    }


# --- `gongwen roster check` ---------------------------------------------------------------------
def test_cli_clean_roster_exits_0(runner, tmp_path):
    roster = write_csv(tmp_path / "r.csv", ROWS[:9])
    r = run_cli(runner, "roster", "check", str(roster), "--as-of", "2025-07-01")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "未发现不符合发展程序的记录。"
    assert "检查日期：2025年7月1日" in r.output


def test_cli_violations_exit_1_with_person_row_rule_and_article(runner):
    roster = resources.examples_dir() / "roster.xlsx"
    r = run_cli(runner, "roster", "check", str(roster), "--as-of", "2025年6月30日")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[-1] == "共发现6处不符合发展程序的记录，涉及6人。"
    assert any("申请入党时未满十八周岁〔细则第五条〕" in x and x.startswith("第") for x in lines)
    assert any("入党积极分子培养考察不满一年即列为发展对象〔细则第十三条〕" in x for x in lines)


def test_cli_json_and_report_files(runner, tmp_path):
    roster = resources.examples_dir() / "roster.xlsx"
    r = run_cli(runner, "roster", "check", str(roster), "--as-of", "2025-06-30", "--format", "json")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["as_of"] == "2025-06-30" and data["summary"] == {"violations": 6, "people_affected": 6}
    assert set(data["violations"][0]) == {"row", "name", "branch", "rule", "title", "article", "message"}
    for name in ("报告.xlsx", "报告.csv", "报告.txt"):
        out = tmp_path / name
        r = run_cli(runner, "roster", "check", str(roster), "--as-of", "2025-06-30", "-o", str(out))
        assert r.exit_code == 1 and out.exists()
    ws = load_workbook(tmp_path / "报告.xlsx").active
    assert [c.value for c in ws[2]] == ["行号", "姓名", "所在党支部", "问题", "依据", "说明"]
    assert ws.max_row == 2 + 6 + 1
    assert (tmp_path / "报告.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    # the same check gives the same bytes
    first = (tmp_path / "报告.xlsx").read_bytes()
    r = run_cli(runner, "roster", "check", str(roster), "--as-of", "2025-06-30", "-o", str(tmp_path / "again.xlsx"))
    assert (tmp_path / "again.xlsx").read_bytes() == first


def test_cli_report_is_not_overwritten_without_force(runner, tmp_path):
    roster = resources.examples_dir() / "roster.xlsx"
    out = tmp_path / "报告.txt"
    out.write_text("我的记录", encoding="utf-8")
    r = run_cli(runner, "roster", "check", str(roster), "-o", str(out))
    assert r.exit_code == 2 and "已存在" in r.output and out.read_text(encoding="utf-8") == "我的记录"
    r = run_cli(runner, "roster", "check", str(roster), "-o", str(out), "--force")
    assert r.exit_code == 1 and "共发现" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--as-of", "明天"], "--as-of：“明天”不是可识别的日期"),
    (["-o", "报告.docx"], "不支持的报告格式“.docx”"),
])
def test_cli_bad_options(runner, tmp_path, args, message):
    roster = resources.examples_dir() / "roster.xlsx"
    r = run_cli(runner, "roster", "check", str(roster), *args)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output
