"""The 发文字号 register: the last sequence number used per 机关代字 and year, and which document
holds which number, so that no 文号 is ever given twice — across plan, notice and approve, and
across runs — while regenerating the same document keeps its number. Shared by default (a file
beside the unit profile); read under a lock file, written atomically (temp file + rename) only
after the documents were all written."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import InputError, OutputError
from generator.infra import lockfile
from generator.infra.fileio import os_reason, replace_atomically
from generator.infra.yamlio import load_yaml

HEADER = (
    "# gongwen 发文字号登记簿：各机关代字每年已用到的最大顺序号，以及哪份文件用了哪个号（plan、notice、approve、summary --report 共用）。\n"
    "# 手工用掉的号也可以在这里改大，之后生成的文号从下一个号开始；同一份文件重新生成时沿用原来的号。\n"
)
DEFAULT_NAME = "文号登记簿.yaml"  # beside the unit profile
DOCUMENTS = "文件"  # the section naming each number's document


def default_path(unit: Path | str, out_dir: Path | str) -> Path:
    """Where the shared register lives unless --register says: beside the unit profile (one unit,
    one register, whatever the output folder); for the bundled example, in the output folder (the
    installed examples are not the user's to write into)."""
    from generator import resources

    folder = Path(unit).resolve().parent
    if folder == resources.examples_dir().resolve():
        return Path(out_dir) / DEFAULT_NAME
    return folder / DEFAULT_NAME


class Register:
    """{机关代字: {年份: 已用到的顺序号}}; use as a context manager to hold the lock."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.lock = self.path.with_name(self.path.name + ".lock")
        self.used: dict[str, dict[int, int]] = {}
        self.documents: dict[str, str] = {}  # 柳发〔2025〕3号 -> the document that holds it (add with note())
        self._held: tuple[int, dict[str, list[str]]] | None = None  # document -> its numbers, for number_of
        self.notes: list[str] = []  # for the user: a stale lock taken over
        self._locked = False

    # --- lock ----------------------------------------------------------------------------
    def __enter__(self) -> "Register":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.path}：无法创建登记簿所在的目录（{os_reason(exc)}）") from None
        try:
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
        documents = data.pop(DOCUMENTS, None) or {}
        if not isinstance(documents, dict):
            problems.append(f"“{DOCUMENTS}”下应为“文号: 文件”")
        else:
            self.documents = {str(k): str(v) for k, v in documents.items()}
            self._held = None
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

    def number_for(self, prefix: str, year: int, document: str, first: int = 1) -> int:
        """The sequence number of `document` (its kind and title): the one it was given before, or
        the next free one (never below `first`, the profile's 文号), recorded."""
        known = self.number_of(prefix, year, document)
        if known is not None:
            return known
        n = max(first, self.last(prefix, year) + 1)
        self.record(prefix, year, n)
        self.note(f"{prefix}〔{year}〕{n}号", document)
        return n

    def note(self, number: str, document: str) -> None:
        """`number` is held by `document`."""
        self.documents[number] = document
        if self._held is not None and self._held[0] == id(self.documents):
            self._held[1].setdefault(document, []).append(number)

    def number_of(self, prefix: str, year: int, document: str) -> int | None:
        """The sequence number `document` was given in `year`, if any (through an index by document:
        a batch asks once per 批复, and a register of some years holds thousands)."""
        if self._held is None or self._held[0] != id(self.documents):
            held: dict[str, list[str]] = {}
            for number, holder in self.documents.items():
                held.setdefault(holder, []).append(number)
            self._held = (id(self.documents), held)
        head = f"{prefix}〔{year}〕"
        for number in self._held[1].get(document, ()):
            if number.startswith(head) and number.endswith("号") and self.documents.get(number) == document:
                try:
                    return int(number[len(head):-1])
                except ValueError:
                    pass
        return None

    def text(self) -> str:
        data: dict = {p: dict(sorted(ys.items())) for p, ys in sorted(self.used.items())}
        if self.documents:
            data[DOCUMENTS] = dict(self.documents)
        return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)

    def save(self) -> None:
        """Atomic: the old register stays intact until the new one is complete."""
        try:
            replace_atomically(self.path, self.text().encode("utf-8"), sync=True)
        except OSError as exc:
            raise OutputError(f"{self.path}：登记簿写入失败（{os_reason(exc)}）") from None


def assign_numbers(items, prefix: str | None, first: int, register: Register | None, start: int | None,
                   keys: list[str] | None = None) -> list[str]:
    """Give each item (with .day, .seq, .number) its 文号, sequential per year in the given order.

    The first number of a year is --start if given, else one after the register's last, and never
    below the profile's next number (`first`). A --start at or below a number the register has
    already used is refused: that 文号 exists. `keys`: what each item is (a 批复's title): an item
    the register already numbered keeps its number (a rerun of the same batch gives the same 文号),
    unless --start asks for new ones; new numbers are recorded under the keys."""
    numbering = Numbering(prefix, first, register, start)
    for i, a in enumerate(items):
        numbering.give(a, keys[i] if keys else None)
    return numbering.problems


class Numbering:
    """assign_numbers one item at a time, in order: an item's number depends only on the items
    before it (a batch numbers the 批复 it renders while the sheet is still being read; given a
    copy of the register, nothing is recorded in the real one)."""

    def __init__(self, prefix: str | None, first: int, register: Register | None, start: int | None):
        self.prefix, self.first, self.register, self.start = prefix, first, register, start
        self.nxt: dict[int, int] = {}
        self.count = 0
        self.problems: list[str] = []

    def give(self, a, key: str | None = None) -> None:
        self.count += 1
        prefix, register = self.prefix, self.register
        if not prefix:
            a.seq, a.number = self.count, None
            return
        year = a.day.year
        known = register.number_of(prefix, year, key) if register and key is not None and self.start is None else None
        if known is not None:
            a.seq, a.number = known, f"{prefix}〔{year}〕{known}号"
            return
        if year not in self.nxt:
            used = register.last(prefix, year) if register else 0
            if self.start is not None:
                if self.start <= used:
                    self.problems.append(
                        f"--start {self.start}：{prefix}〔{year}〕{self.start}号已用过（登记簿中{year}年已用到{used}号）"
                    )
                self.nxt[year] = self.start
            else:
                self.nxt[year] = max(self.first, used + 1)
        a.seq = self.nxt[year]
        a.number = f"{prefix}〔{year}〕{a.seq}号"
        if register is not None and key is not None:
            register.note(a.number, key)
        self.nxt[year] += 1
