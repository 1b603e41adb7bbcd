"""Markdown <-> Document. The Markdown a template renders carries the 公文 elements in YAML front
matter (发文机关, 发文字号, 主送, 署名, 成文日期 …); headings are # 一、 / ## （一） / ### 1. / #### （1）;
a document attached to a notice follows a line `<!-- gongwen:附件 -->` with its own front matter."""
from __future__ import annotations

import datetime as dt
import re

import yaml
from markdown_it import MarkdownIt

from generator.core.dates import parse_date
from generator.core.model import DATE_FIELDS, META_KEYS, Document, Heading, Meta, Paragraph, Span, Table
from generator.core.numbering import split_number
from generator.errors import InputError
from generator.infra.frontmatter import split
from generator.infra.yamlio import plain_scalar

ATTACHMENT_MARKER = "<!-- gongwen:附件 -->"
_MD = MarkdownIt("commonmark").enable("table")
# A paragraph that is a heading written without '#': a number and a short title, no sentence end.
_MAX_HEADING_CHARS = 30


def parse_meta(front: dict, source: str) -> Meta:
    meta = Meta()
    for key, value in front.items():
        attr = META_KEYS.get(str(key))
        if attr is None or value is None:
            continue
        if attr in DATE_FIELDS:
            try:
                value = parse_date(value)
            except ValueError as exc:
                raise InputError(f"{source}：文件头“{key}”{exc}") from None
        elif attr == "attachment_notes":
            value = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        else:
            value = str(value)
        setattr(meta, attr, value)
    return meta


def classify(text: str, spans: list[Span], md_level: int | None = None) -> Heading | Paragraph:
    """A numbered short line is a heading; a numbered sentence is a paragraph (run-in heading)."""
    found = split_number(text)
    if md_level is not None:
        if found:
            level, number, _, rest = found
            return Heading(level, number, rest, spans)
        return Heading(min(md_level, 4), "", text, spans)
    if found:
        level, number, _, rest = found
        body = rest.rstrip("。")
        if len(body) <= _MAX_HEADING_CHARS and not re.search(r"[。；！？;!?]", body):
            return Heading(level, number, rest, spans)
    return Paragraph(text, spans)


def _inline_text(token, first_line: int, src_lines: list[str]) -> tuple[str, list[Span]]:
    text_parts: list[str] = []
    spans: list[Span] = []
    line = first_line

    def start_span() -> None:
        src = src_lines[line - 1] if 0 < line <= len(src_lines) else ""
        col = len(src) - len(src.lstrip()) + 1
        spans.append(Span(sum(len(p) for p in text_parts), line, col))

    start_span()
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            start_span()
        elif child.type in ("text", "code_inline", "html_inline"):
            text_parts.append(child.content)
    return "".join(text_parts), spans


def _parse_body(body: str, line_offset: int, src_lines: list[str]) -> list:
    tokens = _MD.parse(body)
    blocks: list = []
    i = 0
    list_stack: list[list[int]] = []  # ordered-list counters: a "1." item is kept as written
    while i < len(tokens):
        t = tokens[i]
        if t.type == "ordered_list_open":
            list_stack.append([int(t.attrGet("start") or 1)])
        elif t.type == "bullet_list_open":
            list_stack.append([0])
        elif t.type in ("ordered_list_close", "bullet_list_close"):
            list_stack.pop()
        elif t.type == "heading_open":
            inline = tokens[i + 1]
            first = line_offset + inline.map[0] + 1
            text, spans = _inline_text(inline, first, src_lines)
            # (a lone CR is a line end to markdown-it, not to our line list: no line to measure then)
            source = src_lines[first - 1] if first - 1 < len(src_lines) else ""
            spans[0].column += len(source) - len(source.lstrip("# \t")) - (spans[0].column - 1)
            blocks.append(classify(text.strip(), spans, md_level=int(t.tag[1])))
            i += 3
            continue
        elif t.type == "paragraph_open":
            inline = tokens[i + 1]
            first = line_offset + inline.map[0] + 1
            text, spans = _inline_text(inline, first, src_lines)
            if list_stack and list_stack[-1][0]:
                text = f"{list_stack[-1][0]}.{text}"
                list_stack[-1][0] += 1
            if text.strip():
                blocks.append(classify(text.strip(), spans))
            i += 3
            continue
        elif t.type == "table_open":
            rows: list[list[str]] = []
            header_rows = 0
            first = line_offset + (t.map[0] + 1 if t.map else 1)
            j = i + 1
            row: list[str] | None = None
            while tokens[j].type != "table_close":
                tj = tokens[j]
                if tj.type == "tr_open":
                    row = []
                elif tj.type == "tr_close":
                    rows.append(row or [])
                elif tj.type == "inline" and row is not None:
                    row.append(tj.content.strip())
                elif tj.type == "thead_close":
                    header_rows = len(rows)
                j += 1
            blocks.append(Table(rows, header_rows, [Span(0, first, 1)]))
            i = j + 1
            continue
        i += 1
    return blocks


def parse(text: str, source: str = "<文本>") -> Document:
    """Markdown text -> Document; positions are lines/columns of `text` itself."""
    if text.startswith("\ufeff"):
        text = text[1:]
    full_lines = text.split("\n")
    chunks = text.split(ATTACHMENT_MARKER)
    main_doc = _parse_one(chunks[0], source, 0, full_lines)
    line_base = chunks[0].count("\n")  # the marker's line, 0-based
    for chunk in chunks[1:]:
        main_doc.attachments.append(_parse_one(chunk, source, line_base, full_lines))
        line_base += chunk.count("\n")
    return main_doc


def _parse_one(text: str, source: str, line_base: int, full_lines: list[str]) -> Document:
    """One document of a file; line_base = lines of the file before this chunk's first line."""
    stripped = text.lstrip(" \t\n")
    lead = text[: len(text) - len(stripped)].count("\n")
    front, body, offset = split(stripped, source)
    meta = parse_meta(front, source)
    blocks = _parse_body(body, line_base + lead + offset, full_lines)
    if not meta.title and blocks and isinstance(blocks[0], Heading) and not blocks[0].number:
        meta.title = blocks.pop(0).text  # a draft whose first '#' line is its title
    return Document(meta, blocks, source=source)


# --- writing ----------------------------------------------------------------------------------
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same text, 5x faster
def _front_matter(meta: Meta) -> str:
    fields = meta.as_front_matter()
    plain = {k: plain_scalar(v) for k, v in fields.items()}
    if all(v is not None for v in plain.values()):  # the usual 公文 fields: no dumper needed
        return "---\n" + "".join(f"{k}: {v}\n" for k, v in plain.items()) + "---\n"
    dumped = yaml.dump(fields, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"


def _table_md(t: Table) -> str:
    ncols = max(len(r) for r in t.rows)
    rows = [r + [""] * (ncols - len(r)) for r in t.rows]
    cell = lambda c: c.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(cell(c) for c in rows[0]) + " |", "|" + "---|" * ncols]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _body_md(doc: Document) -> str:
    parts = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            parts.append(f"{'#' * b.level} {b.full}")
        elif isinstance(b, Table):
            if b.rows:
                parts.append(_table_md(b))
        else:
            parts.append(b.text)
    return "\n\n".join(parts)


def render(doc: Document) -> str:
    out = _front_matter(doc.meta) + "\n" + _body_md(doc) + "\n"
    for att in doc.attachments:
        out += f"\n{ATTACHMENT_MARKER}\n" + _front_matter(att.meta) + "\n" + _body_md(att) + "\n"
    return out


def date_or_none(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
