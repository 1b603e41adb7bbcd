"""A small roster whose figures are counted by hand (see the comments), written as .csv or .xlsx,
for the roster, stats, procedure and summary tests.

Period 2025H1 (2025-01-01 to 2025-06-30), as counted by hand:
  new members (接收 in the period): 乙 2025-05-20, 丙 2025-04-10, 丁 2025-06-30 (last day), 庚 2025-01-01
  (first day) = 4; 戊 2025-07-01 is the day after and belongs to H2.
  35岁及以下: 乙 turns 36 on his 支部大会 day -> not counted; 丙 turns 35 on hers -> counted; 丁, 庚 -> 3 of 4 = 75%
  女: 丙 -> 1 = 25%; 少数民族: 乙 (壮族) -> 1 = 25%; 大专及以上: 乙 (大专), 丁 (研究生) -> 2 = 50%
  高中及以上: 乙, 丙 (高中), 丁 -> 3 = 75%; 生产工作一线: 丙, 庚 -> 2 = 50%
  转正 in the period: 甲 2025-01-15, 己 2025-02-28 (admitted on the leap day 2024-02-29) = 2
  at 2025-06-30: 申请人 癸 = 1 (子 applies on 2025-07-15); 积极分子 辛, 壬 = 2; 发展对象 戊 = 1;
  预备党员 乙 丙 丁 庚 = 4; ratio 1∶2∶1
  new 积极分子: 辛 = 1; new 发展对象: 丙, 丁, 戊 = 3
  branches: 第一党支部 甲 乙 己 壬 (new 1, 转正 2, pipeline 0/1/0/1); 第二党支部 丙 丁 辛 子 (new 2, 转正 0,
  0/1/0/2); 第三党支部 戊 庚 癸 (new 1, 转正 0, 1/0/1/1)
Nobody breaks a procedure rule (子's application lies after 2025-06-30: a roster check as of that
day reports it as a date in the future).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HEADERS = ["姓名", "性别(男/女)", "民族", "出生日期", "学历", "职业", "是否一线", "所在党支部",
           "入党申请日期", "确定积极分子日期", "确定发展对象日期", "支部大会日期", "转正日期"]

# dates in the forms writers type them; parse_date reads them all
ROWS = [
    ["甲", "女", "汉族", "1990-03-15", "本科", "农民", "是", "第一党支部", "2022-01-10", "2022/6/1", "2023.9.1", "2024年1月15日", "2025-01-15"],
    ["乙", "男", "壮族", "1989-05-20", "大专", "工人", "否", "第一党支部", "2023-01-05", "2023-06-01", "2024-12-01", "2025-05-20", ""],
    ["丙", "女", "汉", "1990-04-10", "高中", "农民", "是", "第二党支部", "2022-11-01", "2023-03-01", "2025-01-05", "2025-04-10", ""],
    ["丁", "男", "汉族", "1999-12-01", "研究生", "专业技术人员", "否", "第二党支部", "2023-02-01", "2023-07-01", "2025-02-01", "2025-06-30", ""],
    ["戊", "男", "汉族", "1995-07-07", "大专", "管理人员", "否", "第三党支部", "2023-09-01", "2024-01-10", "2025-03-01", "2025-07-01", ""],
    ["己", "女", "汉族", "1992-02-29", "大专", "农民", "是", "第一党支部", "2021-05-01", "2021-10-01", "2023-11-01", "2024-02-29", "2025-02-28"],
    ["庚", "男", "汉族", "2001-01-01", "初中", "农民", "是", "第三党支部", "2022-10-01", "2023-01-01", "2024-09-01", "2025-01-01", ""],
    ["辛", "女", "汉族", "2000-08-08", "本科", "学生", "否", "第二党支部", "2024-10-01", "2025-03-01", "", "", ""],
    ["壬", "男", "汉族", "1998-09-09", "大专", "工人", "是", "第一党支部", "2024-01-01", "2024-05-05", "", "", ""],
    ["癸", "女", "汉族", "1997-10-10", "本科", "其他", "否", "第三党支部", "2025-05-05", "", "", "", ""],
    ["子", "男", "汉族", "1985-01-01", "高中", "工人", "是", "第二党支部", "2025-07-15", "", "", "", ""],
]

# the plan these figures are compared with (目标 of the unit profile)
TARGETS = {"发展党员": 10, "积极分子": 4, "结构": {"35岁及以下": "60%", "女": "30%", "大专及以上": "50%", "生产工作一线": "55%"}}


def csv_text(rows=None, headers=None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(headers or HEADERS)
    w.writerows(rows if rows is not None else ROWS)
    return buf.getvalue()


def write_csv(path: Path, rows=None, headers=None, encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(rows, headers).encode(encoding))
    return path


def write_xlsx(path: Path, rows=None, headers=None, cells: dict | None = None) -> Path:
    """rows as text; `cells` overrides single cells with typed values: {(row index, header): value}."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    hs = headers or HEADERS
    ws.append(hs)
    for i, r in enumerate(rows if rows is not None else ROWS):
        values = [v if v != "" else None for v in r]
        for (ri, h), v in (cells or {}).items():
            if ri == i:
                values[hs.index(h)] = v
        ws.append(values)
    wb.save(path)
    return path


def write_profile(path: Path, year: int = 2025, unit_type: str | None = None, targets: dict | None = None) -> Path:
    """The example profile with the hand-counted targets above (and optionally another year/type)."""
    import yaml
    from conftest import EXAMPLE

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["年度"] = year
    data["目标"] = dict(targets or TARGETS)
    if unit_type:
        data["单位"]["类型"] = unit_type
    data.pop("规划", None)
    data.pop("工作情况", None)  # the example's figures describe the example roster, not these
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def shifted(rows, years: int):
    """The same roster `years` later (every date moved; 29 February falls back to the 28th)."""
    from generator.core.dates import add_months, parse_date

    out = []
    for r in rows:
        new = list(r)
        for i, h in enumerate(HEADERS):
            if ("日期" in h) and r[i]:
                new[i] = add_months(parse_date(r[i]), 12 * years).isoformat()
        out.append(new)
    return out


D = dt.date
