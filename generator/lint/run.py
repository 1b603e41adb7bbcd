"""Linting many files: expand directories, read each draft, lint it; an unreadable file is one
message and does not stop the others (exit 2 at the end)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import GongwenError
from ..readers import FORMATS, read, read_text
from .config import LintConfig
from .engine import FileResult, lint_draft


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


def expand(paths: Iterable[str]) -> list[Path]:
    """Files as given; a directory stands for the drafts inside it (Word's ~$ lock files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith(("~$", ".")):
                    out.append(f)
        else:
            out.append(p)
    return out


def lint_file(path: Path, config: LintConfig, kind: str | None = None, day: dt.date | None = None,
              debug: bool = False) -> FileResult:
    return lint_draft(read(path), config, kind, day, debug)


def lint_paths(paths: Iterable[str], config: LintConfig, kind: str | None = None, day: dt.date | None = None,
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
