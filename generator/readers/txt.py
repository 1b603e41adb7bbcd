"""Plain-text drafts: one item per non-empty line, positions are the file's lines and columns."""
from __future__ import annotations

from generator.core.model import Block, Heading, Span
from generator.readers.draft import Part
from generator.readers.elements import Item, build_parts


def _line_items(lines: list[str], first_line: int = 1) -> list[Item]:
    items = []
    for i, raw in enumerate(lines):
        stripped = raw.strip(" \t\u3000\ufeff")
        if not stripped:
            continue
        col = raw.index(stripped[0]) + 1
        items.append(Item(stripped, [Span(0, first_line + i, col)]))
    return items


def _heading_spans(block: Block, text_col_of) -> None:
    """A heading's number and text may be separated by spaces the model drops: point the text at
    its own column."""
    if isinstance(block, Heading) and block.number and block.spans:
        s = block.spans[0]
        col = text_col_of(s.line, s.column, block.number, block.text)
        if col is not None and col != s.column + len(block.number):
            block.spans.append(Span(len(block.number), s.line, col))
            block.spans.sort(key=lambda sp: sp.offset)


def read_txt_text(text: str, source: str) -> list[Part]:
    lines = text.split("\n")
    items = _line_items(lines)
    parts = build_parts(items, source=source)
    _fix_heading_columns(parts, lines)
    return parts


def _fix_heading_columns(parts: list[Part], lines: list[str]) -> None:
    def text_col_of(line: int, col: int, number: str, text: str) -> int | None:
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        j = src.find(text[:8], col - 1 + len(number)) if text else -1
        return j + 1 if j >= 0 else None

    for p in parts:
        for b in p.document.blocks:
            _heading_spans(b, text_col_of)
