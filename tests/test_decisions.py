"""The decisions sheet: good rows in every spelling writers use, and every kind of bad row reported
together with its row number."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import resources
from generator.data.decisions import clean_name, load_decisions, parse_months, rules
from generator.errors import InputError, ValidationError

HEADER = "党支部,姓名,事项,支部大会日期,党委会议日期,延长期限,入党时间"


def sheet(tmp_path: Path, *rows: str, header: str = HEADER, encoding: str = "utf-8", name: str = "d.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_decisions(path)
    return info.value.problems


def test_example_sheet_loads():
    d = load_decisions(resources.examples_dir() / "decisions.xlsx")
    assert len(d.items) == 12
    zhao = next(x for x in d.items if x.name == "赵志强")
    assert zhao.matter == "按期转正" and zhao.admitted == dt.date(2024, 2, 29)
    assert zhao.row == 5  # the row the user sees in Excel


def test_aliases_headers_and_cell_spellings(tmp_path):
    path = sheet(
        tmp_path,
        "第一党支部 ,王  丽,接收,2025/3/3,2025年3月20日,,",
        "第一党支部,阿依古丽•买买提,转正,2025.3.3,2025-03-20,,2024-02-29",
        "第一党支部,李明,延长,2025-03-03,2025-03-20,半年,2024-03-01",
        "第一党支部,赵强,取消资格,2025-03-03,2025-03-20,,,预备期内无故不参加组织生活",
        header="支部, 名字 ,批复事项,支部大会时间,党委会日期,延长月数,入党日期,理由",
        encoding="gb18030",
    )
    items = load_decisions(path).items
    assert [i.name for i in items] == ["王丽", "阿依古丽·买买提", "李明", "赵强"]
    assert [i.matter for i in items] == ["接收预备党员", "按期转正", "延长预备期", "取消预备党员资格"]
    assert items[0].branch == "第一党支部"
    assert items[2].extension_months == 6


@pytest.mark.parametrize("value, months", [(6, 6), (12, 12), ("6个月", 6), (" 8 ", 8), ("一年", 12), ("半年", 6), (9.0, 9), ("1年", 12), ("10.0", 10)])
def test_extension_months_spellings(value, months):
    assert parse_months(value, rules()) == months


@pytest.mark.parametrize("value", [5, 13, "三个月", "6.5", 7.5, True, "两年"])
def test_extension_months_refused(value):
    with pytest.raises(ValueError):
        parse_months(value, rules())


def test_every_bad_row_is_reported_with_its_row(tmp_path):
    path = sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,",  # row 2 fine
        ",李四,接收预备党员,2025-03-03,2025-03-20,,",  # 3 no branch
        "第一党支部,,接收预备党员,2025-03-03,2025-03-20,,",  # 4 no name
        "第一党支部,王五,入党,2025-03-03,2025-03-20,,",  # 5 unknown 事项
        "第一党支部,赵六,接收预备党员,2025-02-30,2025-03-20,,",  # 6 bad date
        "第一党支部,钱七,接收预备党员,2025-03-21,2025-03-20,,",  # 7 committee before meeting
        "第一党支部,孙八,接收预备党员,2024-11-01,2025-03-20,,",  # 8 beyond three months
        "第一党支部,周九,延长预备期,2025-03-03,2025-03-20,,2024-03-01",  # 9 no period
        "第一党支部,吴十,延长预备期,2025-03-03,2025-03-20,4,2024-03-01",  # 10 period too short
        "第一党支部,郑一,接收预备党员,2025-03-03,2025-03-20,6,",  # 11 period for 接收
        "第一党支部,冯二、陈三,接收预备党员,2025-03-03,2025-03-20,,",  # 12 two names in a cell
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,",  # 13 duplicate of row 2
        "第一党支部,褚四,按期转正,2025-02-01,2025-03-20,,2024-03-01",  # 14 before 预备期 ends
        "第一党支部,卫五,接收预备党员,,2025-03-20,,",  # 15 no meeting date
    )
    problems = problems_of(path)
    text = "\n".join(problems)
    for row, words in [
        (3, "“党支部”为空"), (4, "姓名为空"), (5, "事项“入党”无法识别"), (6, "不是有效日期"),
        (7, "早于支部大会日期"), (8, "审批时限"), (9, "需要填写“延长期限”"), (10, "延长4个月不符合规定"),
        (11, "不应填写“延长期限”"), (12, "一个单元格只填一个姓名"), (13, "与第2行重复"),
        (14, "2025年3月1日才满"), (15, "“支部大会日期”为空"),
    ]:
        assert any(p.startswith(f"第{row}行") and words in p for p in problems), (row, words, text)
    assert not any(p.startswith("第2行") for p in problems)


def test_same_person_two_decisions(tmp_path):
    path = sheet(
        tmp_path,
        "第一党支部,张三,按期转正,2025-03-03,2025-03-20,,2024-03-01",
        "第一党支部,张三,延长预备期,2025-03-03,2025-03-20,6,2024-03-01",
        "第二党支部,张三,接收预备党员,2025-03-03,2025-03-20,,",  # another 张三, another branch: fine
    )
    problems = problems_of(path)
    assert len(problems) == 1 and "同一人一批只能有一项决定" in problems[0] and problems[0].startswith("第3行")


def test_missing_columns_and_empty_sheet(tmp_path):
    with pytest.raises(ValidationError) as info:
        load_decisions(sheet(tmp_path, "第一党支部,张三", header="党支部,姓名"))
    assert any("缺少列“事项”" in p for p in info.value.problems)
    assert any("缺少列“党委会议日期”" in p for p in info.value.problems)
    assert "表格中没有任何决定" in "".join(problems_of(sheet(tmp_path, name="e.csv")))


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        load_decisions(tmp_path / "没有.xlsx")
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="无法作为 Excel 文件打开"):
        load_decisions(bad)
    with pytest.raises(InputError, match=".xls"):
        (tmp_path / "old.xls").write_bytes(b"x")
        load_decisions(tmp_path / "old.xls")


@pytest.mark.parametrize("raw, name", [("王  丽", "王丽"), ("Zhang San", "Zhang San"), ("买买提．艾力", "买买提·艾力")])
def test_clean_name(raw, name):
    assert clean_name(raw) == (name, None)


@pytest.mark.parametrize("raw", ["张三,李四", "张三/李四", "张三1", "张三（女）"])
def test_clean_name_refuses(raw):
    assert clean_name(raw)[0] is None


def test_a_long_workbook_is_read_whole_past_the_header_rows(tmp_path):
    """The first rows of a workbook (where the header is found) are read 200 columns wide, the rest
    only as wide as those: every later row is still read, with its Excel row number, a column the
    header names is read even when it is the last one and filled only further down, and a note
    typed far right of the table (no header above it) changes nothing."""
    import openpyxl

    from generator.data.tables import HEADER_SEARCH_ROWS

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["第一党支部2025年第一季度批复事项"])
    ws.append([])
    ws.append(HEADER.split(",") + ["理由"])
    n = 3 * HEADER_SEARCH_ROWS
    for i in range(n):
        row = ["第一党支部", f"张{'春夏秋冬梅兰竹菊松柏'[i % 10]}{'明亮华'[i // 10]}", "接收", "2025-03-03", "2025-03-20", None, None]
        if i == n - 1:
            row[2] = "取消资格"
            row.append("预备期内无故不参加组织生活")
        ws.append(row)
    ws.cell(row=20, column=60, value="此行已核对")
    ws.cell(row=3 + n, column=5, value="2025年13月1日")  # the last row: a bad date
    path = tmp_path / "决定.xlsx"
    wb.save(path)
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].startswith(f"第{3 + n}行") and "党委会议日期" in problems[0]
    ws.cell(row=3 + n, column=5, value="2025-03-20")
    wb.save(path)
    items = load_decisions(path).items
    assert len(items) == n and items[-1].row == 3 + n and items[12].row == 16
    assert items[-1].matter == "取消预备党员资格" and items[-1].ground == "预备期内无故不参加组织生活"


def _read_both(path: Path):
    """read_decisions without a watcher and with one; what the watcher saw, call by call."""
    from generator.data.decisions import read_decisions

    seen: list[list] = []
    plain = read_decisions(path)
    watched = read_decisions(path, lambda decisions: seen.append(list(decisions)))
    return plain, watched, seen


def test_a_watcher_sees_the_rows_as_they_are_read_and_changes_nothing(tmp_path):
    """A batch with workers renders what looks settled while the sheet is still being read: its
    watcher is shown the valid decisions so far, in order, growing — and the result, problems
    included, is that of a read without one (rows parsed once, not twice)."""
    import openpyxl

    from generator.data.tables import WATCH_EVERY

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    n = 4 * WATCH_EVERY
    for i in range(n):
        name = f"{'王李张刘陈杨黄赵'[i % 8]}{'春夏秋冬梅兰竹菊松柏'[i // 8 % 10]}{'明亮华光'[i // 80]}"
        ws.append([f"第{i // 7 + 1}党支部", name, "接收", "2025-03-03", "2025-03-20", None, None])
    ws.cell(row=40, column=4, value="2025-02-30")  # a bad row: reported either way, never shown as a decision
    path = tmp_path / "决定.xlsx"
    wb.save(path)
    (plain_decisions, plain_problems), (decisions, problems), seen = _read_both(path)
    assert problems == plain_problems and len(problems) == 1 and problems[0].startswith("第40行")
    assert decisions.items == plain_decisions.items and len(decisions.items) == n - 1
    assert len(seen) >= 3
    sizes = [len(s) for s in seen]
    assert sizes == sorted(sizes) and sizes[-1] <= n - 1
    for s in seen:
        assert s == decisions.items[:len(s)]  # a prefix of the final decisions, in sheet order
        assert all(d.row != 40 for d in s)


def test_a_watcher_is_not_shown_a_sheet_without_the_columns(tmp_path):
    """Data on the second sheet, after a 说明 sheet: the watcher (which looks at the first sheet
    only) is never called, and the decisions are read from the second sheet as before."""
    import openpyxl

    from generator.data.tables import WATCH_EVERY

    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    for i in range(3 * WATCH_EVERY):
        notes.append([f"第{i + 1}条：填表说明"])
    data = wb.create_sheet("决定表")
    data.append(HEADER.split(","))
    for i in range(2 * WATCH_EVERY):
        data.append(["第一党支部", f"张{'春夏秋冬梅兰竹菊松柏'[i % 10]}{'明亮华光甲乙丙丁'[i // 10]}", "接收", "2025-03-03", "2025-03-20", None, None])
    path = tmp_path / "决定.xlsx"
    wb.save(path)
    (plain, plain_problems), (decisions, problems), seen = _read_both(path)
    assert seen == []
    assert decisions.items == plain.items and len(decisions.items) == 2 * WATCH_EVERY and problems == plain_problems == []
