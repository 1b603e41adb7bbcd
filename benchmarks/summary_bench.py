"""Benchmark (not a test): a county-sized roster through `gongwen roster check` and `gongwen summary`,
against the floor for reading the same file — openpyxl in read-only mode iterating every cell.

    python benchmarks/summary_bench.py [--people 20000]

Everything is measured here, on this machine, now: seconds for each step and the ratio of reading
and validating the roster to the bare openpyxl read (the validation of every cell, the duplicate
check and the typed records are the difference). Each step is run three times; the best is shown.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

import openpyxl  # noqa: E402

from generator.data.profile import load_profile  # noqa: E402
from generator.roster.people import load_roster  # noqa: E402
from generator.roster.procedure import check_people  # noqa: E402
from generator.roster.stats import parse_period  # noqa: E402
from generator.summary.generate import generate_summary  # noqa: E402


def big_roster(path: Path, people: int) -> None:
    """The example roster repeated, each copy in its own set of branches with its own names."""
    src = openpyxl.load_workbook(ROOT / "examples" / "roster.xlsx").active
    rows = [list(r) for r in src.iter_rows(values_only=True)]
    header, body = rows[0], rows[1:]
    name_col, branch_col = header.index("姓名"), header.index("所在党支部")
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    n = 0
    copy = 0
    while n < people:
        for r in body:
            if n >= people:
                break
            r = list(r)
            r[name_col] = f"{r[name_col]}{copy}"
            r[branch_col] = f"{r[branch_col]}（{copy // 40 + 1}片区）" if copy else r[branch_col]
            ws.append(r)
            n += 1
        copy += 1
    wb.save(path)


def best(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def bare_read(path: Path) -> int:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for row in wb.worksheets[0].iter_rows(values_only=True) for _ in row)
    wb.close()
    return cells


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20000)
    args = ap.parse_args()
    profile = load_profile(ROOT / "examples" / "unit.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.xlsx"
        big_roster(path, args.people)
        t_bare, _ = best(lambda: bare_read(path))
        t_load, roster = best(lambda: load_roster(path))
        t_check, violations = best(lambda: check_people(roster.people))
        period = parse_period(f"{profile.year}H1")
        t_summary, s = best(lambda: generate_summary(profile, roster, period))
    print(f"花名册：{len(roster.people)}人，{len(roster.branches)}个党支部")
    print(f"openpyxl 只读遍历（基线）：{t_bare:.2f} 秒")
    print(f"load_roster 读取并逐格校验：{t_load:.2f} 秒（基线的 {t_load / t_bare:.2f} 倍）")
    print(f"check_people 程序检查：{t_check:.3f} 秒（{len(violations)}处问题）")
    print(f"generate_summary 统计并成文：{t_summary:.3f} 秒（本期发展党员{s.figures.new}名）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
