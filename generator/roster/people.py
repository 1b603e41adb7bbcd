"""The unit's 发展党员 roster (花名册): one row per person with the dates of each stage.

Column headers, accepted spellings and the allowed values (性别, 学历, 职业, 民族, 是/否) live in
snippets/roster.yaml. Reading never stops at the first bad cell: every problem is collected with its
row number and the header as written in the file, and the whole list is raised at once.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.core import probation, snippets
from generator.core.dates import parse_date
from generator.data.tables import Row, read_sheet
from generator.errors import ValidationError

DATE_COLUMNS = ("出生日期", "申请入党日期", "确定积极分子日期", "确定发展对象日期", "接收预备党员日期", "转正日期", "取消资格日期")


@dataclass(frozen=True)
class Person:
    row: int  # the row number the user sees in Excel
    name: str
    gender: str | None  # 男 / 女
    ethnicity: str | None  # one of the 56 groups, always with 族
    birth: dt.date | None
    education: str | None  # canonical level (研究生, 大学本科, 大学专科, 中专, 高中, 初中及以下)
    occupation: str | None  # canonical 党内统计 category
    frontline: bool | None  # 生产、工作第一线
    branch: str | None
    applied: dt.date | None  # 申请入党日期
    activist: dt.date | None  # 确定积极分子日期
    candidate: dt.date | None  # 确定发展对象日期
    admitted: dt.date | None  # 接收预备党员日期 (支部大会)
    confirmed: dt.date | None  # 转正日期
    extension: int | None = None  # 延长预备期 in months (6–12), when the 预备期 was extended
    cancelled: dt.date | None = None  # 取消预备党员资格 (the 支部大会 decision)

    @property
    def label(self) -> str:
        """How messages name the person: 第12行 张三（第一党支部）."""
        branch = f"（{self.branch}）" if self.branch else ""
        return f"第{self.row}行 {self.name}{branch}"


@dataclass
class Roster:
    path: str
    people: list[Person]

    @property
    def branches(self) -> list[str]:
        """Branch names in the order they first appear in the roster."""
        return list(dict.fromkeys(p.branch for p in self.people if p.branch))


@dataclass(frozen=True)
class Vocabulary:
    """What snippets/roster.yaml allows, folded into lookups."""

    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    required_for_members: tuple[str, ...]
    gender: dict[str, str]
    yes_no: dict[str, bool]
    education: dict[str, str]  # any spelling -> canonical level
    college: frozenset[str]
    high_school: frozenset[str]
    occupation: dict[str, str]
    ethnic: dict[str, str]
    majority: str
    earliest_birth_year: int
    earliest_stage_year: int


@lru_cache(maxsize=None)
def vocabulary() -> Vocabulary:
    d = snippets.data("roster")
    columns = {name: tuple(spec.get("headers") or ()) for name, spec in d["columns"].items()}
    required = tuple(name for name, spec in d["columns"].items() if spec.get("required"))
    gender = {alias: canon for canon, aliases in d["gender"].items() for alias in (canon, *aliases)}
    yes_no = {str(v): True for v in d["yes_no"]["是"]} | {str(v): False for v in d["yes_no"]["否"]}
    education: dict[str, str] = {}
    college, high = set(), set()
    for canon, spec in d["education"].items():
        for alias in (canon, *spec.get("aliases", ())):
            education[alias] = canon
        if spec.get("college"):
            college.add(canon)
        if spec.get("high_school"):
            high.add(canon)
    occupation = {alias: canon for canon, aliases in d["occupations"].items() for alias in (canon, *aliases)}
    ethnic = {}
    for group in d["ethnic_groups"]:
        ethnic[group] = group
        ethnic[group.removesuffix("族")] = group
    return Vocabulary(
        columns=columns,
        required=required,
        required_for_members=tuple(d["required_for_members"]),
        gender=gender,
        yes_no=yes_no,
        education=education,
        college=frozenset(college),
        high_school=frozenset(high),
        occupation=occupation,
        ethnic=ethnic,
        majority=d["majority_group"],
        earliest_birth_year=int(d["plausible"]["earliest_birth_year"]),
        earliest_stage_year=int(d["plausible"]["earliest_stage_year"]),
    )


class _Cells:
    """Reads one row's cells, recording every problem as 第N行“表头”：reason."""

    def __init__(self, row: Row, headers: dict[str, str], problems: list[str]):
        self.row = row
        self.headers = headers
        self.problems = problems

    def bad(self, column: str, reason: str) -> None:
        self.problems.append(f"第{self.row.number}行“{self.headers.get(column, column)}”：{reason}")

    def raw(self, column: str) -> Any:
        return self.row.values.get(column)

    def text(self, column: str) -> str | None:
        value = self.raw(column)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text or None

    def choice(self, column: str, lookup: dict, what: str) -> Any:
        text = self.text(column)
        if text is None:
            return None
        key = text.replace(" ", "").replace("\u3000", "")
        if key in lookup:
            return lookup[key]
        self.bad(column, f"“{text}”不是可识别的{what}")
        return None

    def date(self, column: str, earliest_year: int) -> dt.date | None:
        value = self.raw(column)
        if value is None:
            return None
        # a bare year (1990) or 1990.05 typed into a number cell would otherwise be read as an
        # Excel serial number in 1905
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1000 <= value < 3000:
            if float(value).is_integer():
                self.bad(column, f"只有年份“{int(value)}”，请写完整日期，如 {int(value)}-05-01")
            else:
                self.bad(column, f"“{value}”只写到月，请写完整日期（年、月、日）")
            return None
        text = str(value).strip() if isinstance(value, str) else None
        if text and _year_month_only(text):
            self.bad(column, f"“{text}”只写到月，请写完整日期（年、月、日）")
            return None
        try:
            day = parse_date(value)
        except ValueError as exc:
            self.bad(column, str(exc))
            return None
        if day.year < earliest_year:
            self.bad(column, f"“{_shown(value)}”读作{day.isoformat()}，早于{earliest_year}年，请检查")
            return None
        return day


def _extension(c: _Cells) -> int | None:
    """延长预备期: whole months within the 细则's range (snippets/procedure.yaml)."""
    value = c.raw("延长预备期")
    if value is None:
        return None
    low, high = probation.parameters()["extension_months"]
    text = str(value).strip().removesuffix("个月").removesuffix("月")
    if text in ("半年", "一年"):
        return {"半年": 6, "一年": 12}[text]
    try:
        months = float(text)
    except ValueError:
        months = None
    if months is None or not months.is_integer() or not low <= months <= high:
        c.bad("延长预备期", f"“{_shown(value)}”应为{low}至{high}之间的整月数（细则第三十二条）")
        return None
    return int(months)


def _year_month_only(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}\s*([-/.年])\s*\d{1,2}\s*月?", text))


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _person(row: Row, headers: dict[str, str], problems: list[str], v: Vocabulary) -> tuple[Person | None, tuple | None]:
    """The person of one row (None when a cell is bad) and the row's identity (姓名, 出生日期)."""
    c = _Cells(row, headers, problems)
    before = len(problems)
    name = c.text("姓名")
    if name is None:
        c.bad("姓名", "不能为空")
    gender = c.choice("性别", v.gender, "性别（应为 男 或 女）")
    ethnicity = c.choice("民族", v.ethnic, "民族（应为56个民族之一，如 汉族、壮族）")
    education = c.choice("学历", v.education, "学历（" + "、".join(dict.fromkeys(v.education.values())) + "）")
    occupation = c.choice("职业", v.occupation, "职业类别（" + "；".join(dict.fromkeys(v.occupation.values())) + "）")
    frontline = c.choice("是否一线", v.yes_no, "取值（应为 是 或 否）")
    branch = c.text("所在党支部")
    if branch is None:
        c.bad("所在党支部", "不能为空")
    birth = c.date("出生日期", v.earliest_birth_year)
    if birth is None and c.raw("出生日期") is None:
        c.bad("出生日期", "不能为空（检查申请入党时的年龄要用）")
    stages = {col: c.date(col, v.earliest_stage_year) for col in DATE_COLUMNS[1:]}
    extension = _extension(c)
    admitted_raw = c.raw("接收预备党员日期")
    if extension is not None and admitted_raw is None:
        c.bad("延长预备期", "只有接收为预备党员的才能延长预备期，但“接收预备党员日期”为空")
    if c.raw("取消资格日期") is not None and admitted_raw is None:
        c.bad("取消资格日期", "只有预备党员才能被取消资格，但“接收预备党员日期”为空")
    if stages["取消资格日期"] and stages["转正日期"]:
        c.bad("取消资格日期", "已填转正日期的不能同时被取消预备党员资格，请核对")
    if stages["接收预备党员日期"] is not None:
        # a party member is counted in the statistics: these may not be blank
        for col in v.required_for_members:
            if c.raw(col) is None and col != "出生日期":
                c.bad(col, "已接收为预备党员的，此项不能为空（党内统计要用）")
    key = (name, birth) if name and birth else None
    if len(problems) > before:
        return None, key
    return Person(
        row=row.number,
        name=name,
        gender=gender,
        ethnicity=ethnicity,
        birth=birth,
        education=education,
        occupation=occupation,
        frontline=frontline,
        branch=branch,
        applied=stages["申请入党日期"],
        activist=stages["确定积极分子日期"],
        candidate=stages["确定发展对象日期"],
        admitted=stages["接收预备党员日期"],
        confirmed=stages["转正日期"],
        extension=extension,
        cancelled=stages["取消资格日期"],
    ), key


def _duplicates(keys: list[tuple[int, tuple]]) -> list[str]:
    """The same person entered twice: same name and birth date (the roster's natural key)."""
    seen: dict[tuple, int] = {}
    out = []
    for row, key in keys:
        if key in seen:
            out.append(f"第{row}行“{key[0]}”：与第{seen[key]}行重复（姓名和出生日期相同），同一人只应登记一行")
        else:
            seen[key] = row
    return out


def load_roster(path: Path | str) -> Roster:
    """Read and validate a roster (.xlsx or .csv in any common encoding). Raises ValidationError
    listing every bad cell (row number + header as written) and every duplicate person."""
    v = vocabulary()
    sheet = read_sheet(path, v.columns, v.required)
    problems: list[str] = []
    people: list[Person] = []
    keys: list[tuple[int, tuple]] = []
    for row in sheet.rows:
        person, key = _person(row, sheet.columns, problems, v)
        if person is not None:
            people.append(person)
        if key is not None:
            keys.append((row.number, key))
    problems += _duplicates(keys)
    if not sheet.rows:
        problems.append("表格只有表头，没有人员")
    if problems:
        raise ValidationError(sheet.path, problems)
    return Roster(sheet.path, people)


def is_college(person: Person) -> bool:
    return person.education in vocabulary().college


def is_high_school(person: Person) -> bool:
    return person.education in vocabulary().high_school


def is_minority(person: Person) -> bool:
    return person.ethnicity is not None and person.ethnicity != vocabulary().majority

