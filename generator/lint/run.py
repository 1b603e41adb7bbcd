"""Linting many files: expand directories, read each draft, lint it; an unreadable file is one
message and does not stop the others (exit 2 at the end)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.errors import GongwenError, InputError
from generator.readers import _UNSUPPORTED, FORMATS, read, read_text
from generator.lint.config import LintConfig
from generator.lint.engine import FileResult, lint_draft


@dataclass
class LintRun:
    results: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that could not be read

    @property
    def errors(self) -> int:
        return sum(r.count("error") for r in self.results)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return 2
        return 1 if self.errors else 0


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory stands for the drafts inside it (Word's ~$ lock files skipped).
    A directory without any draft is an InputError naming it: checking nothing is not a pass."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in sorted(p.rglob("*"))
                     if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith(("~$", "."))]
            if not found:
                raise InputError(_no_drafts(p))
            out += found
        else:
            out.append(p)
    return out


def _no_drafts(directory: Path) -> str:
    message = f"{directory}：目录中没有可检查的文件（.docx、.md、.txt）"
    others = sorted({f.suffix.lower() for f in directory.rglob("*")
                     if f.is_file() and f.suffix.lower() in _UNSUPPORTED and not f.name.startswith(("~$", "."))})
    if others:
        message += f"；其中的 {'、'.join(others)} 文件需先在 Word 或 WPS 中另存为 .docx 再检查"
    return message


# --kind: the kind ids, and the names writers use for them (年度计划, 规划, 总结, 批复, 通知 …)
_KIND_NAMES = {"summary": ("总结", "工作总结"), "approval": (), "notice": ("通知",)}


def kind_names() -> dict[str, str]:
    """What --kind accepts, each mapped to its kind id."""
    from generator.core import kinds as kinds_mod
    from generator.cli.common import PLAN_KINDS

    names: dict[str, str] = {}
    for k in kinds_mod.KINDS.values():
        names[k.id] = k.id
        names[k.name] = k.id
    names.update(PLAN_KINDS)
    for kind_id, extra in _KIND_NAMES.items():
        names.update(dict.fromkeys(extra, kind_id))
    return names


def parse_kind(value: str | None, option: str = "--kind") -> str | None:
    """A kind as writers type it (plan, 计划, 规划, 总结, 批复, 通知 …) -> its id; anything else is
    an InputError listing the choices."""
    if value is None:
        return None
    names = kind_names()
    text = str(value).strip()
    kind = names.get(text) or names.get(text.lower().replace("-", "_"))
    if kind is not None:
        return kind
    by_kind: dict[str, list[str]] = {}
    for name, kind_id in names.items():
        if name != kind_id and not name.isascii():
            by_kind.setdefault(kind_id, []).append(name)
    choices = "；".join(f"{kind_id}（{'、'.join(by_kind.get(kind_id, []))}）" for kind_id in dict.fromkeys(names.values()))
    raise InputError(f"{option}：不认识的文种“{value}”，可选：{choices}")


def lint_file(path: Path, config: LintConfig, kind: str | None = None, day: dt.date | None = None,
              debug: bool = False) -> FileResult:
    return lint_draft(read(path), config, kind, day, debug)


def lint_paths(paths: Iterable[str | Path], config: LintConfig, kind: str | None = None, day: dt.date | None = None,
               debug: bool = False) -> LintRun:
    run = LintRun()
    for path in expand(paths):
        try:
            run.results.append(lint_file(path, config, kind, day, debug))
        except GongwenError as exc:
            run.problems.append(str(exc))
        except RecursionError:
            run.problems.append(f"{path}：文件结构嵌套过深，无法检查")
    return run


def relint_text(result: FileResult, text: str, config: LintConfig, kind: str | None, day: dt.date | None) -> FileResult:
    """Lint a corrected text as if it were the file (after --fix)."""
    d = result.draft
    draft = read_text(text, d.path, d.format, encoding=d.encoding or "utf-8", newline=d.newline)
    return lint_draft(draft, config, kind, day)
