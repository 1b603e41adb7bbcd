"""The 发文字号 register (`--register FILE`): the last sequence number used per 机关代字 and year,
so that later runs never reuse a 文号. Read at the start of a batch under a lock file, written
atomically (temp file + rename) only after the batch's files were all written."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import InputError, OutputError
from generator.infra import lockfile
from generator.infra.fileio import os_reason, replace_atomically
from generator.infra.yamlio import load_yaml

HEADER = (
    "# gongwen 发文字号登记簿：各机关代字每年已用到的最大顺序号（gongwen approve --register 读写）。\n"
    "# 手工用掉的号也可以在这里改大，之后生成的文号从下一个号开始。\n"
)


class Register:
    """{机关代字: {年份: 已用到的顺序号}}; use as a context manager to hold the lock."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.lock = self.path.with_name(self.path.name + ".lock")
        self.used: dict[str, dict[int, int]] = {}
        self.notes: list[str] = []  # for the user: a stale lock taken over
        self._locked = False

    # --- lock ----------------------------------------------------------------------------
    def __enter__(self) -> "Register":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            note = lockfile.acquire(self.lock)
        except FileExistsError:
            raise OutputError(
                f"{self.path}：登记簿正被另一次运行使用（锁文件 {self.lock.name} 存在，其进程仍在运行）；"
                "请等它结束；如确认没有其他 gongwen 在运行，删除该锁文件后重试"
            ) from None
        except OSError as exc:
            raise OutputError(f"{self.path}：无法锁定登记簿（{os_reason(exc)}）") from None
        if note:
            self.notes.append(note)
        self._locked = True
        try:
            self.used = self._read()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._unlock()

    def _unlock(self) -> None:
        if self._locked:
            lockfile.release(self.lock)
            self._locked = False

    # --- content -------------------------------------------------------------------------
    def _read(self) -> dict[str, dict[int, int]]:
        if not self.path.exists():
            return {}
        data = load_yaml(self.path)
        if data is None:
            return {}
        problems = []
        out: dict[str, dict[int, int]] = {}
        if not isinstance(data, dict):
            raise InputError(f"{self.path}：登记簿应为“机关代字: {{年份: 顺序号}}”的形式")
        for prefix, years in data.items():
            if not isinstance(years, dict):
                problems.append(f"“{prefix}”下应为“年份: 顺序号”")
                continue
            for year, last in years.items():
                if not str(year).isdigit() or not 1990 <= int(year) <= 2100:
                    problems.append(f"{prefix}.{year}：年份不对")
                elif isinstance(last, bool) or not isinstance(last, int) or last < 0:
                    problems.append(f"{prefix}.{year}：顺序号应为不小于0的整数，实际为“{last}”")
                else:
                    out.setdefault(str(prefix), {})[int(year)] = last
        if problems:
            raise InputError(f"{self.path}：登记簿内容有误（{'；'.join(problems)}）")
        return out

    def last(self, prefix: str, year: int) -> int:
        return self.used.get(prefix, {}).get(year, 0)

    def record(self, prefix: str, year: int, number: int) -> None:
        years = self.used.setdefault(prefix, {})
        years[year] = max(years.get(year, 0), number)

    def text(self) -> str:
        data = {p: dict(sorted(ys.items())) for p, ys in sorted(self.used.items())}
        return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)

    def save(self) -> None:
        """Atomic: the old register stays intact until the new one is complete."""
        try:
            replace_atomically(self.path, self.text().encode("utf-8"), sync=True)
        except OSError as exc:
            raise OutputError(f"{self.path}：登记簿写入失败（{os_reason(exc)}）") from None


def assign_numbers(items, prefix: str | None, first: int, register: Register | None, start: int | None) -> list[str]:
    """Give each item (with .day, .seq, .number) its 文号, sequential per year in the given order.

    The first number of a year is --start if given, else one after the register's last, and never
    below the profile's next number (`first`). A --start at or below a number the register has
    already used is refused: that 文号 exists."""
    problems = []
    if not prefix:
        for i, a in enumerate(items, 1):
            a.seq, a.number = i, None
        return problems
    nxt: dict[int, int] = {}
    for a in items:
        year = a.day.year
        if year not in nxt:
            used = register.last(prefix, year) if register else 0
            if start is not None:
                if start <= used:
                    problems.append(
                        f"--start {start}：{prefix}〔{year}〕{start}号已用过（登记簿中{year}年已用到{used}号）"
                    )
                nxt[year] = start
            else:
                nxt[year] = max(first, used + 1)
        a.seq = nxt[year]
        a.number = f"{prefix}〔{year}〕{a.seq}号"
        nxt[year] += 1
    return problems
