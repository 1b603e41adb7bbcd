"""--fix: a corrected copy of a .md/.txt draft for the mechanical findings — those a rule marked
with exactly one correct replacement (punctuation, 发文字号 and date forms, swaps, numbering forms).
A replacement is applied only where the file still reads exactly what the finding matched
(a match across Markdown emphasis markers is left for the writer)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.lint.engine import FileResult


@dataclass
class Change:
    line: int
    column: int
    old: str
    new: str
    rule: str


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def apply_fixes(result: FileResult) -> tuple[str, list[Change]]:
    """(corrected text, changes made, in reading order)."""
    text = result.draft.text or ""
    starts = _line_starts(text)
    edits: list[tuple[int, int, str, object]] = []
    for f in (i for found in result.findings for i in found.instances()):
        if f.fix is None or f.line is None or f.end_line is None or f.match is None:
            continue
        if not (0 < f.line <= len(starts) and 0 < f.end_line <= len(starts)):
            continue
        a = starts[f.line - 1] + f.column - 1
        b = starts[f.end_line - 1] + f.end_column - 1
        if text[a:b] != f.match:
            continue
        edits.append((a, b, f.fix, f))
    edits.sort(key=lambda e: (e[0], e[1]))
    chosen = []
    last_end = -1
    for e in edits:
        if e[0] < last_end or (chosen and e[0] == chosen[-1][0] and e[1] == chosen[-1][1]):
            continue  # overlapping fixes: the first one wins, the rest wait for the next run
        chosen.append(e)
        last_end = e[1]
    out = text
    for a, b, new, _ in reversed(chosen):
        out = out[:a] + new + out[b:]
    changes = [Change(f.line, f.column, f.match, new, f.rule) for _, _, new, f in chosen]
    return out, changes
