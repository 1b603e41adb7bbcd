"""The report of `gongwen roster check`: plain text (terminal, .txt/.md), JSON, and a table for
Excel (.xlsx/.csv) with one row per violation, so an office can sort and filter it."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.core.dates import cn_date
from generator.errors import InputError
from generator.infra.csvout import csv_bytes
from generator.infra.zipout import repack
from generator.roster.people import Roster
from generator.roster.procedure import Violation, check_people

REPORT_FORMATS = (".txt", ".md", ".csv", ".xlsx", ".json")
COLUMNS = ("行号", "姓名", "所在党支部", "问题", "依据", "说明")


@dataclass
class RosterCheck:
    roster: Roster
    as_of: dt.date
    violations: list[Violation]

    @property
    def people_affected(self) -> int:
        return len({v.person.row for v in self.violations})


def run_check(roster: Roster, as_of: dt.date) -> RosterCheck:
    return RosterCheck(roster, as_of, check_people(roster.people, as_of))


def _rows(check: RosterCheck) -> list[tuple]:
    return [(v.person.row, v.person.name, v.person.branch or "", v.title, v.article, v.message) for v in check.violations]


def headline(check: RosterCheck) -> str:
    r = check.roster
    return (f"花名册：{r.path}（{len(r.people)}人，{len(r.branches)}个党支部），"
            f"检查日期：{cn_date(check.as_of)}")


def verdict(check: RosterCheck) -> str:
    if not check.violations:
        return "未发现不符合发展程序的记录。"
    return f"共发现{len(check.violations)}处不符合发展程序的记录，涉及{check.people_affected}人。"


def text_lines(check: RosterCheck) -> list[str]:
    lines = [headline(check)]
    for v in check.violations:
        lines.append(f"{v.person.label} {v.title}〔{v.article}〕：{v.message}")
    lines.append(verdict(check))
    return lines


def as_json(check: RosterCheck) -> str:
    data = {
        "roster": check.roster.path,
        "as_of": check.as_of.isoformat(),
        "people": len(check.roster.people),
        "violations": [
            {"row": v.person.row, "name": v.person.name, "branch": v.person.branch, "rule": v.rule,
             "title": v.title, "article": v.article, "message": v.message}
            for v in check.violations
        ],
        "summary": {"violations": len(check.violations), "people_affected": check.people_affected},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _xlsx_bytes(check: RosterCheck) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "发展程序检查"
    ws.append([headline(check)])
    ws.append(list(COLUMNS))
    for row in _rows(check):
        ws.append(list(row))
    ws.append([verdict(check)])
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes any text starting with = for a formula
                cell.data_type = "s"
    ws["A1"].font = Font(bold=True)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEF", (6, 10, 18, 30, 22, 90)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    when = dt.datetime.combine(check.as_of, dt.time(0, 0))
    wb.properties.creator = "gongwen roster check"
    wb.properties.created = wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    # same check, same bytes: fixed zip entry times and docProps dates
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        core = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, z.read("docProps/core.xml"))
    return repack(buf.getvalue(), {"docProps/core.xml": core})


def report_bytes(check: RosterCheck, path: Path) -> bytes:
    """The report in the format the file name asks for."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):
        return ("\n".join(text_lines(check)) + "\n").encode("utf-8")
    if suffix == ".json":
        return (as_json(check) + "\n").encode("utf-8")
    if suffix == ".csv":
        return csv_bytes(COLUMNS, _rows(check))
    if suffix == ".xlsx":
        return _xlsx_bytes(check)
    raise InputError(f"{path}：不支持的报告格式“{suffix or '（无扩展名）'}”，可用 {'、'.join(REPORT_FORMATS)}")
