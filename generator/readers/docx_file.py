""".docx drafts (python-docx): every paragraph of the body in order, table cells included, with
Word's automatic numbering rendered (readers/docx_text.py); positions are paragraph numbers."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from lxml import etree

from generator.core.model import Span, Table
from generator.errors import InputError
from generator.infra.fileio import read_input
from generator.infra.zipguard import check_package
from generator.readers.docx_text import iter_paragraphs
from generator.readers.draft import Draft
from generator.readers.elements import Item, build_parts
from generator.readers.script import to_simplified

_LEVEL1 = re.compile(r"[一二三四五六七八九十]+、\S")
_LEVEL2 = re.compile(r"[（(][一二三四五六七八九十]+[）)]\S")


def read_docx(path: Path, as_written: bool = False) -> Draft:
    data = read_input(path, "Word 文档（.docx）")
    check_package(data, str(path), "Word 文档")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError, AttributeError, TypeError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError(f"{path}：文件不存在") from None
        raise InputError(f"{path}：无法作为 Word 文档（.docx）打开，文件可能已损坏或不是 .docx") from None
    except Exception:  # python-docx/lxml raise many kinds for a damaged package
        raise InputError(f"{path}：无法作为 Word 文档（.docx）打开，文件可能已损坏") from None
    items: list[Item] = []
    revisions: list[tuple[int, int, int, str]] = []
    table_cells: dict[int, list] = {}
    table_items: dict[int, Item] = {}
    try:
        paragraphs = list(iter_paragraphs(document))
    except Exception:
        raise InputError(f"{path}：Word 文档结构无法解析，文件可能已损坏") from None
    # read in traditional characters? the whole document decides, each paragraph is converted
    whole, converted = ("", 0) if as_written else to_simplified("\n".join(p.auto_number + p.text for p in paragraphs))
    readings = whole.split("\n") if converted else None
    if readings is not None and len(readings) != len(paragraphs):  # a line break inside a paragraph
        readings, offset = [], 0
        for p in paragraphs:
            n = len(p.auto_number + p.text)
            readings.append(whole[offset:offset + n])
            offset += n + 1
    for i, p in enumerate(paragraphs):
        for start, end, what in p.revisions:
            revisions.append((p.number, start + 1, end + 1, what))
        text = readings[i] if readings is not None else p.auto_number + p.text
        spans = [Span(0, p.number, 1)]
        if p.auto_number:
            spans.append(Span(len(p.auto_number), p.number, 1))
        # a leading indent typed as spaces is layout, not text
        lead = len(text) - len(text.lstrip(" \u3000\t"))
        if lead and not p.auto_number:
            text = text[lead:]
            spans = [Span(0, p.number, lead + 1)]
        text = text.rstrip(" \u3000\t\n")
        if p.table is not None:
            ti, r, c = p.table
            table_cells.setdefault(ti, []).append((r, c, text, spans))
            if ti not in table_items:
                table_items[ti] = Item("", [], table=Table([], 0))
                items.append(table_items[ti])
            continue
        outline = p.outline if p.outline and p.outline <= 4 and not (p.style or "").startswith("GwTitle") else None
        items.append(Item(text, spans, align=p.align, style=p.style, outline=outline))
    for ti, cells in table_cells.items():
        table_items[ti].table = _docx_table(cells)
        table_items[ti].spans = table_items[ti].table.spans
    parts = build_parts(items, source=str(path))
    comments = 0
    try:
        comments = len(list(document.comments))
    except Exception:
        pass
    layout = None
    try:  # the pages as Word sets them; a layout it cannot read is left unchecked, not an error
        from generator.readers.docx_layout import measure

        # body text: the long paragraphs (titles, headings, 署名 and dates are short); the title: the
        # first paragraph that begins it; the 一、 headings: short paragraphs numbered so
        title = parts[0].document.meta.title if parts else None
        paras = document.paragraphs
        def flat(p) -> str:
            return "".join(p.text.split())

        # the whole paragraph begins the title (a title broken with a line break is one paragraph; the
        # 署名 “中共××委员会” begins it too, but is short)
        first = next((p for p in paras if title and len(flat(p)) >= min(len(title), 12)
                      and "".join(title.split()).startswith(flat(p))), None)
        heads = [p for p in paras if _LEVEL1.match(p.text.strip()) and len(p.text.strip()) <= 30]
        heads2 = [p for p in paras if _LEVEL2.match(p.text.strip()) and len(p.text.strip()) <= 30
                  and not re.search(r"[。；]", p.text)]
        # the 公文 elements as found, by their paragraph numbers: their w:p and effective alignment
        by_number = {p.number: p for p in paragraphs}
        elements = {}
        for name, f in (parts[0].fields.items() if parts else ()):
            if name in ("red_header", "doc_number", "date", "title") and f.origin == "text" and f.spans:
                dp = by_number.get(f.spans[0].line)
                if dp is not None and dp.table is None:
                    elements[name] = (dp.element, dp.align)
        layout = measure(document, [p for p in paras if len(p.text.strip()) >= 30], first, heads, heads2, elements)
    except Exception:
        layout = None
    return Draft(str(path), "docx", parts, revisions=revisions, comments=comments, traditional=converted,
                 layout=layout)


def _docx_table(cells: list[tuple[int, int, str, list[Span]]]) -> Table:
    rows: dict[int, dict[int, list[tuple[str, list[Span]]]]] = {}
    for r, c, text, spans in cells:
        rows.setdefault(r, {}).setdefault(c, []).append((text, spans))
    out_rows: list[list[str]] = []
    spans: list[Span] = []
    offset = 0
    for r in sorted(rows):
        row = []
        for c in sorted(rows[r]):
            paras = rows[r][c]
            cell_text = ""
            for k, (text, sp) in enumerate(paras):
                if k:
                    cell_text += "\n"
                for s in sp:
                    spans.append(Span(offset + len(cell_text) + s.offset, s.line, s.column))
                cell_text += text
            row.append(cell_text)
            offset += len(cell_text) + 1
        out_rows.append(row)
    return Table(out_rows, 1 if len(out_rows) > 1 else 0, spans)
