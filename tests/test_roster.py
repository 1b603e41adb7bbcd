"""Reading the roster: header variants, every date form, every encoding; a bad roster reports
every bad cell (row + header as written) in one go, and the CLI then writes nothing and exits 2."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_cli
from roster_samples import HEADERS, ROWS, write_csv, write_profile, write_xlsx

from generator import resources
from generator.errors import InputError, ValidationError
from generator.roster.people import load_roster, vocabulary

D = dt.date


def _problems(path) -> list[str]:
    with pytest.raises(ValidationError) as ei:
        load_roster(path)
    return ei.value.problems


def test_sample_roster_reads_every_field(tmp_path):
    r = load_roster(write_xlsx(tmp_path / "r.xlsx"))
    assert len(r.people) == 11 and r.branches == ["第一党支部", "第二党支部", "第三党支部"]
    jia = r.people[0]
    assert (jia.row, jia.name, jia.gender, jia.ethnicity, jia.education, jia.occupation, jia.frontline) == (
        2, "甲", "女", "汉族", "大学本科", "农牧渔民", True)
    # 2022/6/1, 2023.9.1 and 2024年1月15日 are all dates
    assert (jia.applied, jia.activist, jia.candidate, jia.admitted, jia.confirmed) == (
        D(2022, 1, 10), D(2022, 6, 1), D(2023, 9, 1), D(2024, 1, 15), D(2025, 1, 15))
    bing = r.people[2]
    assert bing.ethnicity == "汉族" and bing.education == "高中" and bing.frontline is True  # 汉 -> 汉族
    assert r.people[1].ethnicity == "壮族" and r.people[1].occupation == "工人（工勤技能人员）"
    gui = r.people[9]
    assert gui.activist is None and gui.admitted is None and gui.occupation == "其他职业人员"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding(tmp_path, encoding):
    r = load_roster(write_csv(tmp_path / "r.csv", encoding=encoding))
    assert [p.name for p in r.people] == [row[0] for row in ROWS]
    assert r.people[5].admitted == D(2024, 2, 29)


def test_excel_date_cells_and_serial_numbers(tmp_path):
    cells = {
        (0, "出生日期"): dt.datetime(1990, 3, 15, 0, 0),  # a date cell
        (0, "入党申请日期"): 44571,  # Excel serial of 2022-01-10
        (0, "确定积极分子日期"): "44713",  # the same typed as text
        (1, "是否一线"): 0,
        (2, "是否一线"): 1,
    }
    r = load_roster(write_xlsx(tmp_path / "r.xlsx", cells=cells))
    assert r.people[0].birth == D(1990, 3, 15)
    assert r.people[0].applied == D(2022, 1, 10) and r.people[0].activist == D(2022, 6, 1)
    assert r.people[1].frontline is False and r.people[2].frontline is True


def test_header_variants_are_accepted(tmp_path):
    headers = ["名字", "性别（男/女）", "民族", "出生年月日", "文化程度", "职业类别", "是否生产工作一线", "支部",
               "递交入党申请书日期", "确定入党积极分子时间", "列为发展对象日期", "入党日期", "转为正式党员日期"]
    r = load_roster(write_csv(tmp_path / "r.csv", headers=headers))
    assert r.people[0].admitted == D(2024, 1, 15) and r.people[0].branch == "第一党支部"


def test_the_occupation_column_may_be_missing(tmp_path):
    headers = [h for h in HEADERS if h != "职业"]
    rows = [[v for h, v in zip(HEADERS, r) if h != "职业"] for r in ROWS]
    r = load_roster(write_csv(tmp_path / "r.csv", rows, headers))
    assert all(p.occupation is None for p in r.people)


def test_missing_columns_are_all_named(tmp_path):
    headers = [h for h in HEADERS if h not in ("民族", "转正日期")]
    rows = [[v for h, v in zip(HEADERS, r) if h not in ("民族", "转正日期")] for r in ROWS]
    problems = _problems(write_csv(tmp_path / "r.csv", rows, headers))
    assert problems == ["第1行表头缺少列“民族”", "第1行表头缺少列“转正日期”"]


def test_every_bad_cell_is_reported_with_row_and_header(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][1] = "M"  # 性别
    rows[1][3] = "1989-13-20"  # impossible month
    rows[2][9] = "去年春天"  # 确定积极分子日期
    rows[3][4] = "大学肄业"  # 学历
    rows[4][6] = "有时"  # 是否一线
    rows[5][2] = "火星族"  # 民族
    rows[6][7] = ""  # 所在党支部
    rows[7][0] = ""  # 姓名
    problems = _problems(write_csv(tmp_path / "r.csv", rows))
    assert len(problems) == 8
    assert problems[0] == "第2行“性别(男/女)”：“M”不是可识别的性别（应为 男 或 女）"
    assert problems[1].startswith("第3行“出生日期”：“1989-13-20”不是有效日期")
    assert problems[2].startswith("第4行“确定积极分子日期”：“去年春天”不是可识别的日期")
    assert problems[3].startswith("第5行“学历”：“大学肄业”不是可识别的学历")
    assert problems[4] == "第6行“是否一线”：“有时”不是可识别的取值（应为 是 或 否）"
    assert problems[5].startswith("第7行“民族”：“火星族”不是可识别的民族")
    assert problems[6] == "第8行“所在党支部”：不能为空"
    assert problems[7] == "第9行“姓名”：不能为空"


def test_header_as_written_is_used_in_messages(tmp_path):
    headers = list(HEADERS)
    headers[11] = "支部大会日期（接收预备党员）"
    rows = [list(r) for r in ROWS]
    rows[1][11] = "2025-02-30"
    assert _problems(write_csv(tmp_path / "r.csv", rows, headers)) == [
        "第3行“支部大会日期（接收预备党员）”：“2025-02-30”不是有效日期"
    ]


def test_year_only_and_year_month_dates_are_refused(tmp_path):
    cells = {(0, "出生日期"): 1990, (1, "出生日期"): 1989.05}
    rows = [list(r) for r in ROWS]
    rows[2][3] = "1990年4月"
    rows[3][3] = "1999.12"
    problems = _problems(write_xlsx(tmp_path / "r.xlsx", rows, cells=cells))
    assert problems == [
        "第2行“出生日期”：只有年份“1990”，请写完整日期，如 1990-05-01",
        "第3行“出生日期”：“1989.05”只写到月，请写完整日期（年、月、日）",
        "第4行“出生日期”：“1990年4月”只写到月，请写完整日期（年、月、日）",
        "第5行“出生日期”：“1999.12”只写到月，请写完整日期（年、月、日）",
    ]


def test_implausibly_early_dates(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][8] = "1925-01-10"
    problems = _problems(write_csv(tmp_path / "r.csv", rows))
    assert problems == ["第2行“入党申请日期”：“1925-01-10”读作1925-01-10，早于1949年，请检查"]


def test_members_need_the_statistics_fields(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][2] = ""  # 民族 of a member admitted in 2025
    rows[1][4] = ""  # 学历
    rows[9][2] = ""  # an applicant may leave 民族 blank
    problems = _problems(write_csv(tmp_path / "r.csv", rows))
    assert problems == [
        "第3行“民族”：已接收为预备党员的，此项不能为空（党内统计要用）",
        "第3行“学历”：已接收为预备党员的，此项不能为空（党内统计要用）",
    ]


def test_birth_date_is_required_for_everyone(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[9][3] = ""
    assert _problems(write_csv(tmp_path / "r.csv", rows)) == ["第11行“出生日期”：不能为空（检查申请入党时的年龄要用）"]


def test_duplicate_person(tmp_path):
    rows = [list(r) for r in ROWS] + [list(ROWS[3])]
    assert _problems(write_csv(tmp_path / "r.csv", rows)) == [
        "第13行“丁”：与第5行重复（姓名和出生日期相同），同一人只应登记一行"
    ]


def test_extension_and_cancellation_columns(tmp_path):
    headers = HEADERS + ["延长预备期（月）", "取消资格日期"]
    rows = [list(r) + ["", ""] for r in ROWS]
    rows[1][-2] = "6"
    rows[2][-2] = "一年"
    rows[3][-1] = "2025-08-01"
    r = load_roster(write_csv(tmp_path / "r.csv", rows, headers))
    assert (r.people[1].extension, r.people[2].extension, r.people[3].cancelled) == (6, 12, D(2025, 8, 1))
    assert r.people[0].extension is None and r.people[0].cancelled is None
    rows[4][-2] = "3"  # too short
    rows[8][-2] = "6"  # not a 预备党员
    rows[0][-1] = "2025-03-01"  # 甲 is already 转正
    problems = _problems(write_csv(tmp_path / "r.csv", rows, headers))
    assert problems == [
        "第2行“取消资格日期”：已填转正日期的不能同时被取消预备党员资格，请核对",
        "第6行“延长预备期（月）”：“3”应为6至12之间的整月数（细则第三十二条）",
        "第10行“延长预备期（月）”：只有接收为预备党员的才能延长预备期，但“接收预备党员日期”为空",
    ]


def test_same_name_different_birth_is_two_people(tmp_path):
    twin = list(ROWS[3])
    twin[3] = "1988-01-01"
    assert len(load_roster(write_csv(tmp_path / "r.csv", [list(r) for r in ROWS] + [twin])).people) == 12


def test_blank_rows_are_skipped_and_rows_keep_excel_numbers(tmp_path):
    rows = [list(ROWS[0]), [""] * len(HEADERS), list(ROWS[1])]
    r = load_roster(write_csv(tmp_path / "r.csv", rows))
    assert [p.row for p in r.people] == [2, 4]


def test_header_only_roster(tmp_path):
    assert _problems(write_csv(tmp_path / "r.csv", [])) == ["表格只有表头，没有人员"]


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        load_roster(tmp_path / "none.xlsx")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="另存为 .xlsx"):
        load_roster(tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="无法作为 Excel 文件打开"):
        load_roster(tmp_path / "broken.xlsx")


def test_vocabulary_has_the_56_ethnic_groups_and_8_occupations():
    v = vocabulary()
    assert len(set(v.ethnic.values())) == 56
    assert len(set(v.occupation.values())) == 8
    assert v.college == {"研究生", "大学本科", "大学专科"}


def test_example_roster_is_regenerable_and_valid(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "roster.xlsx"
    script = resources.examples_dir() / "make_roster.py"
    subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (resources.examples_dir() / "roster.xlsx").read_bytes()
    r = load_roster(out)
    assert 55 <= len(r.people) <= 65 and len(r.branches) == 5


# --- the CLI: a bad roster stops everything -------------------------------------------------------
def test_cli_bad_roster_lists_every_problem_and_writes_nothing(runner, tmp_path):
    rows = [list(r) for r in ROWS] + [list(ROWS[0])]
    rows[0][1] = "未知"
    rows[2][10] = "2025-02-30"
    roster = write_csv(tmp_path / "bad.csv", rows)
    unit = write_profile(tmp_path / "unit.yaml")
    out = tmp_path / "out"
    r = run_cli(runner, "summary", str(unit), "--roster", str(roster), "--period", "2025H1", "-o", str(out))
    assert r.exit_code == 2
    assert f"错误：{roster}：发现 3 处问题" in r.output
    assert "第2行“性别(男/女)”：“未知”不是可识别的性别" in r.output
    assert "第4行“确定发展对象日期”：“2025-02-30”不是有效日期" in r.output
    assert "第13行“甲”：与第2行重复" in r.output
    assert "Traceback" not in r.output
    assert not out.exists()
    r = run_cli(runner, "roster", "check", str(roster))
    assert r.exit_code == 2 and "发现 3 处问题" in r.output


def test_cli_missing_column(runner, tmp_path):
    headers = [h for h in HEADERS if h != "所在党支部"]
    rows = [[v for h, v in zip(HEADERS, r) if h != "所在党支部"] for r in ROWS]
    roster = write_csv(tmp_path / "r.csv", rows, headers)
    r = run_cli(runner, "roster", "check", str(roster))
    assert r.exit_code == 2 and r.output.strip() == f"错误：{roster}：第1行表头缺少列“所在党支部”"
