"""Make examples/decisions.xlsx: the fictional 柳溪镇's decisions sheet (决定表) after one round of
支部大会, for `gongwen approve` and `gongwen demo`. All names are invented.

    python examples/make_decisions.py [OUT.xlsx]

`synthetic_rows(n)` builds a larger sheet of the same shape for benchmarks (n 批复)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HEADER = ("党支部", "姓名", "事项", "支部大会日期", "党委会议日期", "延长期限", "入党时间",
          "请示日期", "应到人数", "实到人数", "赞成票", "原因")
D = dt.date

# 党支部, 姓名, 事项, 支部大会日期, 党委会议日期, 延长期限（月）, 入党时间, 请示日期, 应到, 实到, 赞成票, 原因
# 每个支部一次支部大会：应到、实到为有表决权的正式党员人数；每人单独表决，赞成票各自不同
_LX, _SQ, _QH, _JG, _XX = (23, 21), (31, 28), (18, 16), (15, 14), (12, 11)
ROWS = [
    ("柳溪村党支部", "陈晓燕", "接收预备党员", D(2025, 3, 3), D(2025, 3, 20), None, None, D(2025, 3, 5), *_LX, 21, None),
    ("柳溪村党支部", "刘建国", "接收预备党员", D(2025, 3, 3), D(2025, 3, 20), None, None, D(2025, 3, 5), *_LX, 20, None),
    ("柳溪村党支部", "周敏", "接收预备党员", D(2025, 3, 3), D(2025, 3, 20), None, None, D(2025, 3, 5), *_LX, 21, None),
    # 2024年2月29日接收：预备期至2025年2月28日满，党龄自该日算起
    ("柳溪村党支部", "赵志强", "按期转正", D(2025, 3, 3), D(2025, 3, 20), None, D(2024, 2, 29), D(2025, 3, 5), *_LX, 21, None),
    ("石桥村党总支", "孙海燕", "接收预备党员", D(2025, 3, 5), D(2025, 3, 20), None, None, D(2025, 3, 7), *_SQ, 27, None),
    ("石桥村党总支", "李明", "延长预备期", D(2025, 3, 5), D(2025, 3, 20), 6, D(2024, 3, 1), D(2025, 3, 7), *_SQ, 25,
     "预备期内参加组织生活不够经常，对自身不足认识不深"),
    ("青禾社区党支部", "吴佳琪", "按期转正", D(2025, 3, 10), D(2025, 3, 20), None, D(2024, 3, 8), D(2025, 3, 11), *_QH, 16, None),
    ("青禾社区党支部", "郑浩", "按期转正", D(2025, 3, 10), D(2025, 3, 20), None, D(2024, 3, 8), D(2025, 3, 11), *_QH, 16, None),
    ("镇机关第一党支部", "马晓东", "接收预备党员", D(2025, 3, 6), D(2025, 3, 20), None, None, D(2025, 3, 10), *_JG, 14, None),
    ("镇机关第一党支部", "何静", "接收预备党员", D(2025, 3, 6), D(2025, 3, 20), None, None, D(2025, 3, 10), *_JG, 13, None),
    ("镇机关第一党支部", "冯磊", "取消预备党员资格", D(2025, 3, 6), D(2025, 3, 20), None, D(2024, 1, 10),
     D(2025, 3, 10), *_JG, 13, "预备期内多次无故不参加党的组织生活，经支部教育仍无明显转变"),
    ("镇中心学校党支部", "林芳", "延长预备期", D(2025, 3, 12), D(2025, 3, 20), 12, D(2024, 3, 12), D(2025, 3, 14), *_XX, 10,
     "预备期内有一学期在外脱产进修，支部对其考察不够充分"),
]

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志辉鹏飞海燕晓东佳琪浩宇欣然"
_MATTERS = ("接收预备党员", "按期转正", "延长预备期", "取消预备党员资格")


def synthetic_rows(approvals: int, people_per_approval: int = 3) -> list[tuple]:
    """Rows for `approvals` 批复: branches 第1党支部… each with all four 事项, 1–N people each."""
    rows = []
    for i in range(approvals):
        branch = f"第{i // len(_MATTERS) + 1}党支部"
        matter = _MATTERS[i % len(_MATTERS)]
        count = 1 + i % people_per_approval
        for k in range(count):
            n = i * people_per_approval + k
            name = _SURNAMES[n % len(_SURNAMES)] + _GIVEN[(n // len(_SURNAMES)) % len(_GIVEN)] + _GIVEN[n % 7]
            meeting = D(2025, 3, 1 + k)
            months = (6, 8, 12)[n % 3] if matter == "延长预备期" else None
            admitted = None if matter == "接收预备党员" else D(2024, 2, 20 + k)
            ground = {"取消预备党员资格": "预备期内不参加党的组织生活，经教育仍无转变",
                      "延长预备期": "预备期内参加组织生活不够经常"}.get(matter)
            rows.append((branch, name, matter, meeting, D(2025, 3, 20), months, admitted,
                         D(2025, 3, 10), 20, 18, 17, ground))
    return rows


def write_xlsx(rows: list[tuple], out: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "决定表"
    ws.append(HEADER)
    for r in rows:
        ws.append(list(r))
    for col, width in zip("ABCDEFGHIJKL", (20, 10, 18, 14, 14, 10, 14, 14, 10, 10, 8, 40)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=8):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    wb.properties.creator = "gongwen 示例"
    # fixed times: regenerating the example gives the same workbook content
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 3, 20)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def write_csv(rows: list[tuple], out: Path, encoding: str = "utf-8-sig") -> Path:
    import csv

    with open(out, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for r in rows:
            w.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in r])
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "decisions.xlsx"
    print(write_xlsx(ROWS, target))
