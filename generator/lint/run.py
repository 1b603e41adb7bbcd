"""Linting many files: expand directories, read each draft, lint it; an unreadable file is one
message and does not stop the others (exit 2 at the end)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.errors import GongwenError, InputError
from generator.lint.config import LintConfig
from generator.lint.engine import FileResult, lint_draft
from generator.readers import FORMATS, UNSUPPORTED, read, read_text


@dataclass
class LintRun:
    results: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that could not be read
    skipped: list[str] = field(default_factory=list)  # links out of a folder, not followed

    @property
    def errors(self) -> int:
        return sum(r.count("error") for r in self.results)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return 2
        return 1 if self.errors else 0


def expand(paths: Iterable[str | Path], skipped: list[str] | None = None) -> list[Path]:
    """Files as given; a directory stands for the drafts inside it (Word's ~$ lock files skipped).
    A directory without any draft is an InputError naming it: checking nothing is not a pass.
    Inside a directory, a link to a file outside it is not followed (a folder someone shared must
    not make lint print excerpts of /etc/passwd); it is named in `skipped`."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            root = p.resolve()
            found = []
            for f in sorted(p.rglob("*")):
                if not (f.suffix.lower() in FORMATS and not f.name.startswith(("~$", ".")) and f.is_file()):
                    continue
                if f.is_symlink() and not _inside(f.resolve(), root):
                    if skipped is not None:
                        skipped.append(f"{f}：是指向目录之外的链接，未检查")
                    continue
                found.append(f)
            if not found:
                raise InputError(_no_drafts(p))
            out += found
        else:
            out.append(p)
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _no_drafts(directory: Path) -> str:
    message = f"{directory}：目录中没有可检查的文件（.docx、.md、.txt）"
    others = sorted({f.suffix.lower() for f in directory.rglob("*")
                     if f.is_file() and f.suffix.lower() in UNSUPPORTED and not f.name.startswith(("~$", "."))})
    if others:
        message += f"；其中的 {'、'.join(others)} 文件需先在 Word 或 WPS 中另存为 .docx 再检查"
    return message


def lint_file(path: Path, config: LintConfig, kind: str | None = None, day: dt.date | None = None,
              debug: bool = False) -> FileResult:
    return lint_draft(read(path), config, kind, day, debug)


def lint_paths(paths: Iterable[str | Path], config: LintConfig, kind: str | None = None, day: dt.date | None = None,
               debug: bool = False) -> LintRun:
    run = LintRun()
    for path in expand(paths, run.skipped):
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
