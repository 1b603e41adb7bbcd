"""Regenerate examples/roster.xlsx: the fictional 发展党员花名册 of 中共柳溪镇委员会 (examples/unit.yaml)
used by `gongwen demo` and the tests.

    python examples/make_roster.py [OUT.xlsx]

About 60 people in 5 branches, seeded, so the file is byte-identical on every run. Every name is
made up. The branches and the people of examples/decisions.xlsx (the 批复 of March 2025) appear as
they stand on 2025-06-30, after those decisions: 转正 recorded, two 预备期 extended (the optional
column 延长预备期), one 预备党员资格 cancelled (取消资格日期).

The first half of 2025 is laid out on purpose so the demo summary has something to say: 8 new
members against a plan of 15 (on schedule), the shares of members aged 35 and under and of
front-line workers below target, too few new 入党积极分子, one branch with no one in training, and a
handful of deliberate procedure errors for `gongwen roster check`:

  under 18 at application; 发展对象 after only 8 months as 积极分子; 转正 before the 预备期 ended;
  a 转正 date that is not the day the 预备期 ended; 发展对象 dated before 积极分子; a 发展对象
  without a 积极分子 date.

A few dates are typed as text (2023年5月1日, 2023/5/1, 2023.5.1) or as an Excel serial number, as
real rosters have them.
"""
from __future__ import annotations

import datetime as dt
import io
import random
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

SEED = 20250630
HEADERS = [
    "序号", "姓名", "性别(男/女)", "民族", "出生日期", "学历", "职业", "是否一线", "所在党支部",
    "入党申请日期", "确定积极分子日期", "确定发展对象日期", "接收预备党员日期", "转正日期",
    "延长预备期（月）", "取消资格日期",
]
# the branches and people of examples/decisions.xlsx (the 批复 of March 2025) are in this roster as
# they stand on 2025-06-30, after those decisions took effect
B_LIUXI, B_SHIQIAO, B_QINGHE, B_JIGUAN, B_XUEXIAO = (
    "柳溪村党支部", "石桥村党总支", "青禾社区党支部", "镇机关第一党支部", "镇中心学校党支部",
)
SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢洪郭邱曾廖赖徐周叶苏庄吕江何萧罗高潘简朱钟彭游詹胡施沈余卢梁赵颜柯翁魏孙戴"
GIVEN = {"男": "伟强磊军洋勇杰涛明超平刚鹏辉建国志远然晓东海文博宇航子轩诚峰",
         "女": "芳娜敏静丽艳娟秀霞桂英华玉兰萍红燕思雨欣晓文嘉怡梓涵婷雪"}
DECISION_NAMES = {"陈晓燕", "刘建国", "周敏", "赵志强", "孙海燕", "李明", "吴佳琪", "郑浩", "马晓东", "何静", "冯磊", "林芳"}
# occupation, education choices and front-line default by branch (a township: villages, a
# community, the township organs, the central school)
BRANCH_PROFILE = {
    B_LIUXI: ("农牧渔民", ["初中", "高中", "中专", "大专"], True),
    B_SHIQIAO: ("农牧渔民", ["初中", "高中", "中专", "大专"], True),
    B_QINGHE: ("其他职业人员", ["高中", "大专", "本科"], False),
    B_JIGUAN: ("党政机关工作人员", ["本科", "本科", "研究生"], False),
    B_XUEXIAO: ("企事业单位、社会组织专业技术人员", ["本科", "本科", "研究生"], True),
}
D = dt.date


class Maker:
    def __init__(self, seed: int):
        self.rnd = random.Random(seed)
        self.names: set[str] = set(DECISION_NAMES)
        self.rows: list[dict] = []

    def name(self, gender: str) -> str:
        while True:
            n = self.rnd.choice(SURNAMES) + "".join(self.rnd.choice(GIVEN[gender]) for _ in range(self.rnd.choice((1, 2))))
            if n not in self.names:
                self.names.add(n)
                return n

    def days(self, day: dt.date, low: int, high: int) -> dt.date:
        return day - dt.timedelta(days=self.rnd.randint(low, high))

    def birth(self, on: dt.date, low: int, high: int) -> dt.date:
        """A birth date making the person low..high years old on `on`."""
        age = self.rnd.randint(low, high)
        return D(on.year - age, on.month, min(on.day, 28)) - dt.timedelta(days=self.rnd.randint(1, 360))

    def add(self, branch: str, *, name=None, applied=None, activist=None, candidate=None, admitted=None,
            confirmed=None, extension=None, cancelled=None, gender=None, young=None, college=None,
            frontline=None, ethnicity="汉族", occupation=None, birth=None, education=None):
        occ, levels, front = BRANCH_PROFILE[branch]
        gender = gender or self.rnd.choice("男男女")
        ref = admitted or candidate or activist or applied
        if birth is None:
            low, high = (23, 33) if young or young is None and self.rnd.random() < 0.6 else (37, 50)
            birth = self.birth(ref, low, high)
        if education is not None:
            pass
        elif college is None:
            education = self.rnd.choice(levels)
        else:
            education = self.rnd.choice([x for x in levels if (x in ("大专", "本科", "研究生")) == college] or
                                        (["大专"] if college else ["高中"]))
        self.rows.append(dict(
            姓名=name or self.name(gender),
            性别=gender,
            民族=ethnicity,
            出生日期=birth,
            学历=education,
            职业=occupation or occ,
            是否一线="是" if (front if frontline is None else frontline) else "否",
            所在党支部=branch,
            入党申请日期=applied, 确定积极分子日期=activist, 确定发展对象日期=candidate,
            接收预备党员日期=admitted, 转正日期=confirmed, 延长预备期=extension, 取消资格日期=cancelled,
        ))

    def chain(self, admitted: dt.date) -> dict:
        """Stage dates before a 支部大会 that keep every rule: a year and more as 积极分子."""
        candidate = self.days(admitted, 60, 150)
        activist = self.days(candidate, 380, 560)
        applied = self.days(activist, 60, 240)
        return dict(applied=applied, activist=activist, candidate=candidate, admitted=admitted)


def people() -> list[dict]:
    m = Maker(SEED)
    # members of earlier years, already 转正
    for branch, admitted in ((B_LIUXI, D(2023, 6, 28)), (B_SHIQIAO, D(2023, 7, 1)), (B_QINGHE, D(2023, 9, 15)),
                             (B_JIGUAN, D(2023, 6, 20)), (B_XUEXIAO, D(2023, 11, 8)), (B_LIUXI, D(2023, 12, 12)),
                             (B_XUEXIAO, D(2023, 5, 16))):
        m.add(branch, **m.chain(admitted), confirmed=D(admitted.year + 1, admitted.month, admitted.day))
    # 预备党员 of early 2024 and what became of them (the March 2025 decisions)
    m.add(B_LIUXI, name="赵志强", gender="男", **m.chain(D(2024, 2, 29)), confirmed=D(2025, 2, 28))  # leap day
    for name, gender in (("吴佳琪", "女"), ("郑浩", "男")):
        m.add(B_QINGHE, name=name, gender=gender, **m.chain(D(2024, 3, 8)), confirmed=D(2025, 3, 8))
    m.add(B_SHIQIAO, name="李明", gender="男", **m.chain(D(2024, 3, 1)), extension=6)
    m.add(B_XUEXIAO, name="林芳", gender="女", **m.chain(D(2024, 3, 12)), extension=12)
    m.add(B_JIGUAN, name="冯磊", gender="男", **m.chain(D(2024, 1, 10)), cancelled=D(2025, 3, 6))
    for branch, admitted in ((B_LIUXI, D(2024, 5, 21)), (B_QINGHE, D(2024, 6, 18))):
        m.add(branch, **m.chain(admitted), confirmed=D(2025, admitted.month, admitted.day))
    m.add(B_JIGUAN, **m.chain(D(2024, 3, 15)), confirmed=D(2025, 2, 20))  # violation: 转正 before the 预备期 ended
    m.add(B_LIUXI, **m.chain(D(2024, 4, 12)), confirmed=D(2025, 4, 25))  # violation: the date of the 转正 meeting
    # admitted in the second half of 2024: still 预备党员 on 2025-06-30
    for branch, admitted in ((B_LIUXI, D(2024, 7, 1)), (B_SHIQIAO, D(2024, 9, 26)), (B_QINGHE, D(2024, 11, 5)),
                             (B_JIGUAN, D(2024, 12, 10)), (B_SHIQIAO, D(2024, 12, 27))):
        m.add(branch, **m.chain(admitted))
    # the eight new members of 2025H1, six of them from the decisions sheet; structure laid out:
    # 4 aged 35 and under, 4 women, 4 college-educated, 4 front-line, 1 of an ethnic minority
    h1 = [
        (B_LIUXI, "陈晓燕", D(2025, 3, 3), dict(gender="女", young=True, college=False, frontline=True)),
        (B_LIUXI, "刘建国", D(2025, 3, 3), dict(gender="男", young=False, college=False, frontline=True)),
        (B_LIUXI, "周敏", D(2025, 3, 3), dict(gender="女", young=True, college=True, frontline=True)),
        (B_SHIQIAO, "孙海燕", D(2025, 3, 5), dict(gender="女", young=False, college=False, frontline=False,
                                                occupation="其他职业人员")),
        (B_JIGUAN, "马晓东", D(2025, 3, 6), dict(gender="男", young=True, college=True, frontline=False)),
        (B_JIGUAN, "何静", D(2025, 3, 6), dict(gender="女", young=False, college=True, frontline=False)),
        (B_XUEXIAO, None, D(2025, 6, 10), dict(gender="男", young=False, college=True, frontline=True)),
    ]
    for branch, name, admitted, attrs in h1:
        m.add(branch, name=name, **m.chain(admitted), **attrs)
    # violation: 发展对象 only eight months after becoming 积极分子 (also one of the H1 members)
    m.add(B_SHIQIAO, applied=D(2023, 12, 2), activist=D(2024, 5, 10), candidate=D(2025, 1, 15),
          admitted=D(2025, 5, 20), gender="男", young=True, college=False, frontline=False,
          ethnicity="瑶族", occupation="其他职业人员")
    # 发展对象 on 2025-06-30
    for branch, candidate in ((B_LIUXI, D(2025, 3, 3)), (B_SHIQIAO, D(2025, 4, 8)), (B_QINGHE, D(2025, 5, 26)),
                              (B_JIGUAN, D(2025, 6, 16))):
        activist = m.days(candidate, 370, 500)
        m.add(branch, applied=m.days(activist, 90, 200), activist=activist, candidate=candidate)
    m.add(B_QINGHE, applied=D(2023, 4, 11), activist=D(2024, 9, 1), candidate=D(2024, 3, 1),
          gender="女")  # violation: 发展对象 dated before 积极分子 (a typo in the year)
    m.add(B_SHIQIAO, applied=D(2024, 1, 9), candidate=D(2025, 2, 18))  # violation: no 积极分子 date
    # 入党积极分子 on 2025-06-30 (eight of them new in 2025H1); none in the school's branch
    for branch, activist in ((B_LIUXI, D(2023, 10, 16)), (B_LIUXI, D(2024, 4, 2)), (B_SHIQIAO, D(2024, 6, 25)),
                             (B_QINGHE, D(2024, 8, 19)), (B_JIGUAN, D(2024, 10, 9)), (B_QINGHE, D(2024, 12, 3)),
                             (B_LIUXI, D(2025, 1, 14)), (B_SHIQIAO, D(2025, 2, 25)), (B_QINGHE, D(2025, 3, 11)),
                             (B_JIGUAN, D(2025, 3, 27)), (B_LIUXI, D(2025, 4, 15)), (B_SHIQIAO, D(2025, 5, 6)),
                             (B_QINGHE, D(2025, 6, 3)), (B_LIUXI, D(2025, 6, 17))):
        m.add(branch, applied=m.days(activist, 60, 300), activist=activist)
    # 入党申请人 on 2025-06-30
    for branch, applied in ((B_LIUXI, D(2024, 9, 12)), (B_SHIQIAO, D(2024, 11, 20)), (B_QINGHE, D(2025, 1, 6)),
                            (B_JIGUAN, D(2025, 2, 13)), (B_XUEXIAO, D(2025, 3, 4)), (B_LIUXI, D(2025, 3, 25)),
                            (B_SHIQIAO, D(2025, 4, 9)), (B_QINGHE, D(2025, 4, 28)), (B_XUEXIAO, D(2025, 5, 15)),
                            (B_LIUXI, D(2025, 5, 29)), (B_JIGUAN, D(2025, 6, 5)), (B_SHIQIAO, D(2025, 6, 19))):
        m.add(branch, applied=applied)
    # violation: applied at 16
    m.add(B_XUEXIAO, applied=D(2025, 2, 1), birth=D(2008, 9, 23), occupation="学生", frontline=False,
          education="高中")
    return m.rows


# a few cells typed the way people type dates: (row index, column, how)
TEXT_DATES = {(3, "入党申请日期"): "cn", (9, "确定积极分子日期"): "slash", (17, "出生日期"): "dot",
              (26, "入党申请日期"): "serial", (40, "确定积极分子日期"): "cn"}


def _key(header: str) -> str:
    return re.sub(r"[(（].*", "", header)


def _cell(value, how: str | None):
    if not isinstance(value, dt.date) or how is None:
        return value
    if how == "cn":
        return f"{value.year}年{value.month}月{value.day}日"
    if how == "slash":
        return f"{value.year}/{value.month}/{value.day}"
    if how == "dot":
        return f"{value.year}.{value.month}.{value.day}"
    return (value - D(1899, 12, 30)).days  # an Excel serial number


def synthetic_people(decision_rows: list[tuple], seed: int = SEED) -> list[dict]:
    """The roster behind a sheet of examples/make_decisions.synthetic_rows (benchmarks): each
    person as they stood before their 支部大会 — 发展对象 for 接收预备党员, 预备党员 since the sheet's
    入党时间 for the other 事项 — with stage dates a year and more apart, as the 细则 asks."""
    m = Maker(seed)
    m.names = set()
    out = []
    for branch, name, matter, meeting, _committee, _months, admitted, *_ in decision_rows:
        if matter == "接收预备党员":  # a 发展对象 a few months before the meeting
            dates = m.chain(m.days(meeting, 60, 90))
            dates["admitted"] = None
        else:
            dates = m.chain(admitted)
        gender = m.rnd.choice("男男女")
        out.append(dict(姓名=name, 性别=gender, 民族="汉族", 出生日期=m.birth(dates["activist"], 20, 45),
                        学历=m.rnd.choice(("高中", "大专", "本科", "研究生")), 职业="其他职业人员", 是否一线="否",
                        所在党支部=branch, 入党申请日期=dates["applied"], 确定积极分子日期=dates["activist"],
                        确定发展对象日期=dates["candidate"], 接收预备党员日期=dates["admitted"], 转正日期=None,
                        延长预备期=None, 取消资格日期=None))
    return out


def workbook_bytes(rows: list[dict] | None = None, text_dates: dict | None = None) -> bytes:
    """The roster as .xlsx bytes: the example's people (default) or `rows` (synthetic_people)."""
    if rows is None:
        rows, text_dates = people(), TEXT_DATES
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "发展党员花名册"
    ws.append(HEADERS)
    for i, p in enumerate(rows, start=1):
        ws.append([i] + [_cell(p[_key(h)], (text_dates or {}).get((i, _key(h)))) for h in HEADERS[1:]])
    for col, width in zip("ABCDEFGHIJKLMNOP", (6, 10, 11, 8, 13, 10, 30, 9, 18, 16, 18, 18, 18, 14, 10, 14)):
        ws.column_dimensions[col].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "C2"
    fixed = dt.datetime(2025, 7, 1, 9, 0, 0)
    wb.properties.creator = "gongwen examples/make_roster.py"
    wb.properties.created = wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook gives the same bytes: zip entry times and docProps dates fixed."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-07-01T09:00:00Z", body)
            z = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(z, body)
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("roster.xlsx")
    out.write_bytes(workbook_bytes())
    print(f"已生成：{out}（{len(people())}人）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
