"""Markdown drafts: the model's own parser (core.markdown_io), with the 公文 elements from the front
matter (positions of each value kept) or, in a hand-written draft, from its paragraphs; columns
are aligned to the source line, so emphasis markers and escapes count as the writer sees them."""
from __future__ import annotations

import re

from generator.core import markdown_io
from generator.core.dates import parse_date
from generator.core.model import META_KEYS, Block, Document, Span, Table, block_text
from generator.readers.draft import Field, Part
from generator.readers.elements import Item, apply_fields, build_parts, head, imprint, tail

_FRONT_KEYS = {key: attr for key, attr in META_KEYS.items()}


def _front_matter_fields(lines: list[str]) -> tuple[dict[str, Field], dict[int, str]]:
    """Fields of the front matter with the position of each value, and date lines that the
    model's parser would refuse (returned so they can be blanked before parsing)."""
    fields: dict[str, Field] = {}
    bad_dates: dict[int, str] = {}
    if not lines or lines[0].strip() != "---":
        return fields, bad_dates
    for i in range(1, len(lines)):
        line = lines[i]
        if line.strip() in ("---", "..."):
            break
        m = re.match(r"^(?P<key>[^\s:#][^:]*?)\s*:\s*(?P<value>.*?)\s*$", line)
        if not m or m.group("key") not in _FRONT_KEYS:
            continue
        attr = _FRONT_KEYS[m.group("key")]
        value = m.group("value")
        col = m.start("value") + 1
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value, col = value[1:-1], col + 1
        if not value:
            continue
        fields[attr] = Field(value, [Span(0, i + 1, col)], origin="front_matter")
        if attr in ("date", "print_date"):
            try:
                parse_date(value)
            except ValueError:
                bad_dates[i] = m.group("key")
    return fields, bad_dates


def _align(text: str, spans: list[Span], lines: list[str]) -> list[Span]:
    """Exact columns for text parsed out of Markdown (emphasis markers, escapes and link targets
    are in the line but not in the text): match each character to the next equal one in the
    source lines the block came from. Fast path: the line holds the text as is."""
    if not spans or not text:
        return spans
    first = spans[0].line
    last = spans[-1].line
    if first == last and 0 < first <= len(lines):
        src = lines[first - 1]
        col = spans[0].column - 1
        if src.startswith(text, col):
            return spans
        j = src.find(text)
        if j >= 0:
            return [Span(0, first, j + 1)]
    out: list[Span] = []
    line, col = first, spans[0].column - 1
    prev = None
    for i, ch in enumerate(text):
        found = None
        ln, c = line, col
        while ln <= last and 0 < ln <= len(lines):
            src = lines[ln - 1]
            k = src.find(ch, c, c + 200)  # bounded: a character the line lacks must not cost a scan of it
            if k >= 0:
                found = (ln, k)
                break
            ln, c = ln + 1, 0
        if found is None:
            if prev is None:
                out.append(Span(i, line, col + 1))
                prev = (line, col)
            continue
        ln, k = found
        if prev is None or ln != prev[0] or k != prev[1] + 1:
            out.append(Span(i, ln, k + 1))
        prev = (ln, k)
        line, col = ln, k + 1
    return out or spans


def align_block(b: Block, lines: list[str]) -> None:
    if isinstance(b, Table):
        b.spans = _table_spans(b, lines)
        return
    b.spans = _align(block_text(b), b.spans, lines)


def _table_spans(t: Table, lines: list[str]) -> list[Span]:
    """One span per cell: the cell's column in its row's line of the pipe table."""
    if not t.spans:
        return t.spans
    first = t.spans[0].line
    spans: list[Span] = []
    offset = 0
    line_no = first
    for r, row in enumerate(t.rows):
        if r == 1 and t.header_rows == 1:
            line_no += 1  # the |---| delimiter line
        src = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        pos = 0
        for cell in row:
            k = src.find(cell, pos) if cell else -1
            if k >= 0:
                spans.append(Span(offset, line_no, k + 1))
                pos = k + len(cell)
            offset += len(cell) + 1  # "\t" or "\n" after each cell in block_text
        line_no += 1
    return spans or t.spans


def read_md_text(text: str, source: str) -> list[Part]:
    lines = text.split("\n")
    fields, bad_dates = _front_matter_fields(lines)
    parse_lines = list(lines)
    for i, key in bad_dates.items():
        parse_lines[i] = f"{key}:"  # the lint rules report the form; the parser would refuse it
    doc = markdown_io.parse("\n".join(parse_lines), source)
    docs = [doc, *doc.attachments]
    parts: list[Part] = []
    for di, d in enumerate(docs):
        for b in d.blocks:
            align_block(b, lines)
        f = dict(fields) if di == 0 else {}
        if di > 0:
            f.update(_attachment_front_fields(lines, d))
        if d.meta.title and "title" not in f:
            f["title"] = _locate(lines, d.meta.title, d)
        items = [Item(block_text(b), b.spans, block=b) for b in d.blocks]
        if di == 0 and not fields:
            # no front matter: a hand-written draft carries its elements as paragraphs
            sub = build_parts(items, meta=d.meta, fields=f, source=source)
            parts.extend(sub)
            continue
        sub_fields = dict(f)
        end = imprint(items, 0, sub_fields) if "cc" not in f and "printer" not in f else len(items)
        items = items[:end]
        start = head(items, sub_fields, di > 0, want=("recipients",)) if "recipients" not in f else 0
        end, notes = tail(items, start, sub_fields, di > 0) if "date" not in f else (end, [])
        d.blocks = [it.to_block() for it in items[start:end]] + [it.to_block() for it in notes]
        apply_fields(d.meta, sub_fields)
        parts.append(Part(d, sub_fields))
    main = parts[0].document
    main.attachments = [p.document for p in parts[1:]]
    return parts


def _attachment_front_fields(lines: list[str], d: Document) -> dict[str, Field]:
    out: dict[str, Field] = {}
    if d.meta.title:
        for i, line in enumerate(lines):
            if line.startswith(("标题:", "标题：")) and d.meta.title in line:
                out["title"] = Field(d.meta.title, [Span(0, i + 1, line.index(d.meta.title) + 1)], "front_matter")
    return out


def _locate(lines: list[str], text: str, d: Document) -> Field:
    for i, line in enumerate(lines):
        j = line.find(text)
        if j >= 0:
            return Field(text, [Span(0, i + 1, j + 1)])
    return Field(text, [])
