"""HTML for the page: a document in the 公文 look (版头, title, headings, body, 署名 and date, 版记),
and a draft with each finding marked where it is."""
from __future__ import annotations

from markupsafe import Markup, escape

from generator.core.dates import cn_date
from generator.core.model import Document, Heading, Paragraph, Table


def _table(t: Table) -> str:
    rows = []
    for i, r in enumerate(t.rows):
        cell = "th" if i < t.header_rows else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{escape(c)}</{cell}>" for c in r) + "</tr>")
    caption = f"<p class='gw-caption'>{escape(t.caption)}</p>" if t.caption else ""
    return f"<table class='gw-table'>{''.join(rows)}</table>{caption}"


def _blocks(doc: Document) -> str:
    out = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"<p class='gw-h{b.level}'>{escape(b.full)}</p>")
        elif isinstance(b, Table):
            out.append(_table(b))
        elif isinstance(b, Paragraph):
            out.append(f"<p class='gw-body'>{escape(b.text)}</p>")
    return "".join(out)


def _signature(doc: Document) -> str:
    m = doc.meta
    notes = ""
    if m.attachment_notes:
        items = m.attachment_notes if len(m.attachment_notes) == 1 else [f"{i}. {n}" for i, n in enumerate(m.attachment_notes, 1)]
        notes = "<p class='gw-notes'>附件：" + "<br>".join(escape(n) for n in items) + "</p>"
    sig = f"<p class='gw-sign'>{escape(m.signature)}</p>" if m.signature else ""
    date = f"<p class='gw-date'>{escape(cn_date(m.date))}</p>" if m.date else ""
    return notes + sig + date


def document_html(doc: Document) -> Markup:
    m = doc.meta
    head = []
    if m.red_header:
        head.append(f"<p class='gw-red'>{escape(m.red_header)}</p>")
        head.append(f"<p class='gw-number gw-ruled'>{escape(m.doc_number or '')}</p>")
    elif m.doc_number:
        head.append(f"<p class='gw-number'>{escape(m.doc_number)}</p>")
    if m.title:
        head.append(f"<h2 class='gw-title'>{escape(m.title)}</h2>")
    if m.recipients:
        head.append(f"<p class='gw-plain'>{escape(m.recipients)}：</p>")
    pages = ["<div class='gw-page'>" + "".join(head) + _blocks(doc) + _signature(doc)]
    for i, att in enumerate(doc.attachments, 1):
        label = "附件" if len(doc.attachments) == 1 else f"附件{i}"
        pages.append("</div><div class='gw-page'>" + f"<p class='gw-label'>{label}</p>"
                     + (f"<h2 class='gw-title'>{escape(att.meta.title)}</h2>" if att.meta.title else "")
                     + _blocks(att) + _signature(att))
    if m.cc or m.printer:
        imprint = ""
        if m.cc:
            imprint += f"<p>抄送：{escape(m.cc.rstrip('。'))}。</p>"
        if m.printer:
            day = f"{cn_date(m.print_date)}印发" if m.print_date else ""
            imprint += f"<p class='gw-printed'><span>{escape(m.printer)}</span><span>{escape(day)}</span></p>"
        pages.append(f"<div class='gw-imprint'>{imprint}</div>")
    return Markup("".join(pages) + "</div>")


def _lines_of(result) -> list[tuple[str, int]]:
    """The draft's lines as lint numbers them (a .docx: its paragraphs), each with the offset at
    which lint's columns start (Word's own numbering is shown but not counted)."""
    if result.draft.format == "docx":
        import docx

        from generator.readers.docx_text import iter_paragraphs

        return [(p.auto_number + p.text, len(p.auto_number)) for p in iter_paragraphs(docx.Document(result.path))]
    return [(line, 0) for line in (result.draft.text or "").split("\n")]


def draft_html(result) -> tuple[Markup, dict[int, str]]:
    """The draft with every finding that has a place marked (<mark id="m3-5" class="sev-error">);
    returns the HTML and {finding index: element id}."""
    lines = _lines_of(result)
    marks: dict[int, list[tuple[int, int, int, str]]] = {}
    ids: dict[int, str] = {}
    for i, found in enumerate(result.findings):
        for f in found.instances():  # one cause repeated: every place is marked
            if f.line is None or not (0 < f.line <= len(lines)):
                continue
            text, lead = lines[f.line - 1]
            start = min(len(text), lead + max(0, (f.column or 1) - 1))
            end = len(text) if f.end_line not in (None, f.line) else min(len(text), lead + max(0, (f.end_column or 1) - 1))
            if end <= start:
                end = min(len(text), start + 1)
            marks.setdefault(f.line, []).append((start, end, i, found.severity))
    out = []
    for n, (text, _) in enumerate(lines, 1):
        ms = marks.get(n)
        if not ms:
            out.append(f"<div class='ln'>{escape(text) or '&nbsp;'}</div>")
            continue
        cuts = sorted({0, len(text), *(a for a, _, _, _ in ms), *(b for _, b, _, _ in ms)})
        pieces, opened = [], set()
        for a, b in zip(cuts, cuts[1:]):
            over = [(i, sev) for s, e, i, sev in ms if s <= a and b <= e]
            seg = escape(text[a:b])
            if not over:
                pieces.append(str(seg))
                continue
            first = [i for i, _ in over if i not in opened]
            opened.update(first)
            worst = min((sev for _, sev in over), key=("error", "warning", "info").index)
            anchor = ""
            if first:  # the findings that begin here scroll to this mark
                anchor = f" id='m{n}-{a}'"
                ids.update((i, f"m{n}-{a}") for i in first)
            data = " ".join(str(i) for i, _ in over)
            pieces.append(f"<mark{anchor} class='sev-{worst}' data-f='{data}'>{seg}</mark>")
        out.append(f"<div class='ln'>{''.join(pieces) or '&nbsp;'}</div>")
    return Markup("".join(out)), ids
