""".docx / .md / .txt drafts -> Document, keeping where every character came from.

Positions are what lint reports: for .md and .txt the file's own line and column (1-based, in
Unicode characters of the line as read); for .docx the paragraph number (every paragraph of the
body in order, table cells and empty paragraphs included) and the character in it.

Besides the Document, a Draft keeps the 公文 elements as they were written (Field), so that lint
can check their form: 发文字号 [2025] or 二〇二五年 as a date are exactly what must be seen, while
the Document's Meta only holds what could be understood."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core import markdown_io
from generator.core.dates import parse_date
from generator.errors import InputError
from generator.infra.codec import decode
from generator.infra.fileio import read_input
from generator.core.model import META_KEYS, Block, Document, Heading, Meta, Paragraph, Span, Table, block_text
from generator.core.numbering import cn_to_int, split_number

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}
_UNSUPPORTED = {
    ".doc": "不支持旧版 Word 文档（.doc），请在 Word 中另存为 .docx",
    ".wps": "不支持 WPS 格式（.wps），请另存为 .docx",
    ".pdf": "不支持 PDF，请使用 Word 原稿（.docx）或另存为 .txt",
    ".rtf": "不支持 RTF，请另存为 .docx",
}


@dataclass
class Field:
    """A 公文 element as written in the draft."""

    text: str
    spans: list[Span] = field(default_factory=list)
    origin: str = "text"  # "text": part of the document as read; "front_matter": a value in .md front matter


@dataclass
class Part:
    """One document of a file (the main one or an attachment) and its elements as written."""

    document: Document
    fields: dict[str, Field] = field(default_factory=dict)  # Meta attribute -> as written
    label: Field | None = None  # the 附件 label line of an attachment


@dataclass
class Draft:
    path: str
    format: str  # docx / md / txt
    parts: list[Part]
    text: str | None = None  # decoded file text (.md/.txt), newlines normalised to \n
    encoding: str | None = None  # how to write a corrected copy back
    newline: str = "\n"
    revisions: list[tuple[int, int, int, str]] = field(default_factory=list)  # (line, start col, end col, ins/del)
    comments: int = 0  # Word comments already in the file

    @property
    def document(self) -> Document:
        return self.parts[0].document


# --- recognising the 公文 elements -------------------------------------------------------------
# Written loosely on purpose: a 发文字号 in the wrong form must still be recognised to be checked.
DOC_NUMBER = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff×Xx]{1,16})\s*(?P<open>[〔\[［(（【{｛<＜])\s*(?P<year>\d{2,4})\s*"
    r"(?P<close>[〕\]］)）】}｝>＞])\s*(?P<di>第?)\s*(?P<num>\d{1,5})\s*号"
)
_CN_DIGIT = "〇○零Ｏ0一二三四五六七八九"
DATE_LOOSE = re.compile(
    rf"^(?:(?P<y>\d{{2}}|\d{{4}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"
    rf"|(?P<cy>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<cm>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*日"
    rf"|(?P<ny>\d{{4}})\s*(?P<sep>[./\-．／])\s*(?P<nm>\d{{1,2}})\s*(?P=sep)\s*(?P<nd>\d{{1,2}})\s*日?)$"
)
# a 成文日期 still to be filled in ("2025年×月×日"): it is the date line, and placeholder/leftover says what is missing
DATE_PLACEHOLDER = re.compile(
    r"^(?=.*[×XxＸ_＿□])(?:\d{4}|20[×XxＸ]{2}|[×XxＸ]{4})\s*年\s*(?:\d{1,2}|[×XxＸ]{1,2}|[_＿□]+)\s*月"
    r"\s*(?:\d{1,2}|[×XxＸ]{1,2}|[_＿□]+)\s*日$"
)
_SENTENCE_PUNCT = re.compile(r"[。；！？;!?，,]")
_RECIPIENT_NO_COLON = re.compile(r"^(各|全体|镇直|县直|市直|区直).{0,40}(党支部|党组织|党委|党总支|党工委|党组|党小组|单位|部门|支部)[）)]?$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(\d{1,2})?$")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]")
_IMPRINT_PRINT = re.compile(r"^(?P<printer>.+?)[\s\t]+(?P<date>\S+?)\s*印发$")
_NOTE_LINE = re.compile(r"^[（(](此件|联系人|本件|注[:：]).*[）)]$")


def parse_loose_date(text: str) -> dt.date | None:
    """A date in any of the forms writers use (the form itself is lint's business)."""
    m = DATE_LOOSE.match(text.strip())
    if not m:
        return None
    try:
        if m.group("y"):
            y = int(m.group("y"))
            y = y + 2000 if y < 100 else y
            return dt.date(y, int(m.group("m")), int(m.group("d")))
        if m.group("cy"):
            digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
            digits.update({"○": 0, "零": 0, "Ｏ": 0, "0": 0})
            y = int("".join(str(digits[c]) for c in m.group("cy")))
            mo, d = cn_to_int(m.group("cm")), cn_to_int(m.group("cd"))
            if mo is None or d is None:
                return None
            return dt.date(y, mo, d)
        return dt.date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
    except ValueError:
        return None


@dataclass
class Item:
    """A paragraph (or a table) as read, before it is known what it is."""

    text: str
    spans: list[Span]
    align: str | None = None  # .docx: w:jc
    style: str | None = None
    outline: int | None = None  # heading level from the style or the Markdown '#'
    table: Table | None = None
    block: Block | None = None  # already classified (Markdown)

    def to_block(self) -> Block:
        if self.block is not None:
            return self.block
        if self.table is not None:
            return self.table
        return markdown_io.classify(self.text, self.spans, md_level=self.outline)

    def field(self, text: str | None = None) -> Field:
        return Field(self.text if text is None else text, list(self.spans))


def _is_numbered(text: str) -> bool:
    return split_number(text) is not None


def _title_like(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 80 or _is_numbered(t) or t.endswith(("：", ":")):
        return False
    if parse_loose_date(t) is not None:
        return False
    if _kind_title(t.rstrip("。")):
        return True  # a kind's title, even with a stray full stop (format/title-punct reports it)
    return not re.search(r"[。；！？!?，,]", t)


def _kind_title(text: str) -> bool:
    from generator.core.kinds import infer_from_title

    return infer_from_title(text) is not None


def _join_items(items: list[Item]) -> tuple[str, list[Span]]:
    text, spans = "", []
    for it in items:
        for s in it.spans:
            spans.append(Span(len(text) + s.offset, s.line, s.column))
        text += it.text
    return text, spans


def _without_breaks(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """A title typed over several lines of one paragraph (Shift+Enter): drop the breaks."""
    if "\n" not in text:
        return text, spans
    from generator.core.model import position

    holder = Paragraph(text, spans)
    out, new_spans = [], []
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        pos = position(holder, i)
        if pos and (not new_spans or i == 0 or text[i - 1] == "\n"):
            new_spans.append(Span(len(out), *pos))
        out.append(ch)
    return "".join(out), new_spans or spans


def _head(items: list[Item], fields: dict[str, Field], attachment: bool,
          want: tuple[str, ...] = ("red_header", "doc_number", "title", "recipients")) -> int:
    """Red header, 发文字号, title and 主送 at the top; returns how many items they used. A draft
    whose front matter names its elements is only searched for those `want`ed."""
    i = 0
    n = len(items)
    if "red_header" in want and not attachment and "red_header" not in fields and i < n and items[i].table is None:
        t = items[i].text.strip()
        if (t.endswith("文件") and len(t) <= 40 and not _is_numbered(t)) or items[i].style == "GwRedHeader":
            nxt = items[i + 1].text.strip() if i + 1 < n else ""
            if DOC_NUMBER.match(nxt) or items[i].style == "GwRedHeader" or t.endswith("委员会文件"):
                fields["red_header"] = items[i].field(t)
                i += 1
    if "doc_number" in want and "doc_number" not in fields and i < n and items[i].table is None:
        t = items[i].text.strip()
        m = DOC_NUMBER.match(t)
        if m and (len(t) - m.end() <= 12):  # may be followed by 签发人
            fields["doc_number"] = Field(t[: m.end()], items[i].spans)
            i += 1
    if "title" in want and "title" not in fields and i < n and items[i].table is None and _title_like(items[i].text):
        j = i + 1
        if items[i].align == "center":
            while j < n and items[j].table is None and items[j].align == "center" and _title_like(items[j].text) \
                    and len(items[i].text) + len(items[j].text) <= 80 and not _ATTACHMENT_LABEL.match(items[j].text):
                j += 1
        elif j < n and items[j].table is None and not _kind_title(items[i].text) \
                and _title_like(items[j].text) and _kind_title(items[i].text + items[j].text):
            j += 1  # a title typed over two lines of a .txt
        text, spans = _join_items(items[i:j])
        text, spans = _without_breaks(text, spans)
        fields["title"] = Field(text.strip(), spans)
        i = j
    if "recipients" in want and "recipients" not in fields and i < n and items[i].table is None:
        t = items[i].text.strip()
        if not _is_numbered(t) and len(t) <= 100 and "。" not in t and (
            t.endswith(("：", ":")) and not t.startswith(("附件", "抄送")) or _RECIPIENT_NO_COLON.match(t)
        ):
            fields["recipients"] = items[i].field(t)
            i += 1
    return i


def _imprint(items: list[Item], start: int, fields: dict[str, Field]) -> int:
    """版记 at the very end of the file (抄送 and 印发 lines, or the table holding them); it belongs
    to the main document even when attachments come before it. Returns the new end."""
    end = len(items)
    while end > start:
        it = items[end - 1]
        if it.table is not None:
            cells = [c for row in it.table.rows for c in row if c.strip()]
            if cells and all(c.strip().startswith("抄送") or c.strip().endswith("印发") for c in cells):
                for c in cells:
                    _imprint_line(c.strip(), it.spans[:1], fields)
                end -= 1
                continue
            break
        t = it.text.strip()
        if t.startswith(("抄送：", "抄送:")) or _IMPRINT_PRINT.match(t) and not _is_numbered(t):
            _imprint_line(t, it.spans, fields)
            end -= 1
            continue
        break
    return end


def _tail(items: list[Item], start: int, fields: dict[str, Field], attachment: bool) -> tuple[int, list[Item]]:
    """附注, 成文日期, 署名 and 附件说明 at the end; returns (end of the body, 附注 items kept)."""
    end = len(items)
    notes_kept: list[Item] = []
    while end > start and items[end - 1].table is None and _NOTE_LINE.match(items[end - 1].text.strip()):
        notes_kept.insert(0, items[end - 1])
        end -= 1
    if "date" not in fields and end > start and items[end - 1].table is None:
        t = items[end - 1].text.strip()
        if DATE_LOOSE.match(t) or DATE_PLACEHOLDER.match(t):
            fields["date"] = items[end - 1].field(t)
            end -= 1
    if "date" in fields and fields["date"].origin == "text" and "signature" not in fields and end > start:
        it = items[end - 1]
        t = it.text.strip()
        if it.table is None and len(t) <= 40 and not _SENTENCE_PUNCT.search(t) and not _is_numbered(t) \
                and not t.endswith(("：", ":")) and not _ATTACHMENT_NOTE.match(t):
            fields["signature"] = it.field(t)
            end -= 1
    # 附件说明: "附件：1. ××" and its continuation lines, just before the signature
    k = end
    while k > start and items[k - 1].table is None and not _ATTACHMENT_NOTE.match(items[k - 1].text.strip()):
        k -= 1
        if end - k > 9:
            break
    if k > start and _ATTACHMENT_NOTE.match(items[k - 1].text.strip()) and "attachment_notes" not in fields:
        first = items[k - 1]
        rest = items[k:end]
        if all(re.match(r"^\d{1,2}\s*[.．、]", r.text.strip()) and len(r.text) <= 60 for r in rest):
            text, spans = _join_items([first, *rest]) if not rest else _join_with_newlines([first, *rest])
            fields["attachment_notes"] = Field(text, spans)
            end = k - 1
    return end, notes_kept


def _join_with_newlines(items: list[Item]) -> tuple[str, list[Span]]:
    text, spans = "", []
    for idx, it in enumerate(items):
        if idx:
            text += "\n"
        for s in it.spans:
            spans.append(Span(len(text) + s.offset, s.line, s.column))
        text += it.text
    return text, spans


def _imprint_line(text: str, spans: list[Span], fields: dict[str, Field]) -> None:
    if text.startswith("抄送"):
        fields.setdefault("cc", Field(text, spans))
        return
    m = _IMPRINT_PRINT.match(text)
    if m:
        fields.setdefault("printer", Field(m.group("printer"), spans))
        fields.setdefault("print_date", Field(m.group("date"), spans))


def _apply_fields(meta: Meta, fields: dict[str, Field]) -> None:
    for attr, f in fields.items():
        if getattr(meta, attr, None) not in (None, "", []):
            continue
        if attr in ("date", "print_date"):
            setattr(meta, attr, parse_loose_date(f.text))
        elif attr == "attachment_notes":
            notes = re.sub(r"^附\s*件\s*[:：]\s*", "", f.text).split("\n")
            meta.attachment_notes = [re.sub(r"^\d{1,2}\s*[.．、]\s*", "", n).strip() for n in notes if n.strip()]
        elif attr == "recipients":
            meta.recipients = f.text.rstrip("：:")
        elif attr == "cc":
            meta.cc = re.sub(r"^抄送\s*[:：]\s*", "", f.text)
        else:
            setattr(meta, attr, f.text)


def _split_attachments(items: list[Item]) -> list[tuple[bool, list[Item]]]:
    """The main document, then one group per attachment, each as (has a 附件 label, items). An
    attachment starts at a 附件 label alone on its line after the main text has been dated (a
    label before that is the 附件说明's business), or — as printed notices run on — at a title
    right after the 署名 and 成文日期 of the main text."""
    groups: list[tuple[bool, list[Item]]] = [(False, [])]
    signed = False
    for i, it in enumerate(items):
        t = it.text.strip() if it.table is None else ""
        if t and _ATTACHMENT_LABEL.match(t) and signed:
            groups.append((True, [it]))
            continue
        groups[-1][1].append(it)
        if t and DATE_LOOSE.match(t):
            signed = True
            nxt = items[i + 1] if i + 1 < len(items) else None
            before = items[i - 1].text.strip() if i > 0 and items[i - 1].table is None else ""
            if len(groups) == 1 and nxt is not None and nxt.table is None and before and len(before) <= 40 \
                    and not _SENTENCE_PUNCT.search(before) and _title_like(nxt.text) \
                    and not _ATTACHMENT_LABEL.match(nxt.text.strip()) and len(items) - i > 2:
                groups.append((False, []))
    return groups


def build_parts(items: list[Item], meta: Meta | None = None, fields: dict[str, Field] | None = None,
                source: str | None = None) -> list[Part]:
    """Items of a whole file -> the main Part and its attachments."""
    items = [it for it in items if it.table is not None or it.text.strip()]
    main_fields: dict[str, Field] = dict(fields or {})
    items = items[:_imprint(items, 0, main_fields)]
    groups = _split_attachments(items)
    parts = []
    for gi, (labelled, group) in enumerate(groups):
        attachment = gi > 0
        f: dict[str, Field] = main_fields if not attachment else {}
        m = meta if (meta is not None and not attachment) else Meta()
        label = None
        if labelled:
            label = group[0].field(group[0].text.strip())
            group = group[1:]
        start = _head(group, f, attachment)
        end, notes = _tail(group, start, f, attachment)
        blocks = [it.to_block() for it in group[start:end]]
        for it in notes:
            b = it.to_block()
            if isinstance(b, Paragraph):
                b.role = "附注"
            blocks.append(b)
        _apply_fields(m, f)
        doc = Document(m, blocks, source=source)
        parts.append(Part(doc, f, label))
    parts[0].document.attachments = [p.document for p in parts[1:]]
    return parts


# --- .txt -----------------------------------------------------------------------------------
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


# --- .md ------------------------------------------------------------------------------------
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


def _align_block(b: Block, lines: list[str]) -> None:
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
            _align_block(b, lines)
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
        end = _imprint(items, 0, sub_fields) if "cc" not in f and "printer" not in f else len(items)
        items = items[:end]
        start = _head(items, sub_fields, di > 0, want=("recipients",)) if "recipients" not in f else 0
        end, notes = _tail(items, start, sub_fields, di > 0) if "date" not in f else (end, [])
        d.blocks = [it.to_block() for it in items[start:end]] + [it.to_block() for it in notes]
        _apply_fields(d.meta, sub_fields)
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


# --- .docx ----------------------------------------------------------------------------------
def read_docx(path: Path) -> Draft:
    import zipfile

    import docx
    from lxml import etree

    from generator.readers.docx_text import iter_paragraphs

    try:
        document = docx.Document(str(path))
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
    for p in paragraphs:
        for start, end, what in p.revisions:
            revisions.append((p.number, start + 1, end + 1, what))
        text = p.auto_number + p.text
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
    return Draft(str(path), "docx", parts, revisions=revisions, comments=comments)


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


# --- entry point ----------------------------------------------------------------------------
def read(path: str | Path) -> Draft:
    """Read one draft; InputError (one Chinese line naming the file) when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise InputError(f"{path}：{_UNSUPPORTED[suffix]}")
    fmt = FORMATS.get(suffix)
    if fmt is None:
        raise InputError(f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，可检查 .docx、.md、.txt")
    if path.is_dir():
        raise InputError(f"{path}：是目录，不是文件")
    if not path.exists():
        raise InputError(f"{path}：文件不存在")
    if fmt == "docx":
        return read_docx(path)
    return read_bytes(read_input(path), str(path), fmt)


def read_bytes(data: bytes, source: str, fmt: str) -> Draft:
    text, encoding = decode(data, source)
    newline = "\r\n" if "\r\n" in text[:100000] else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return read_text(text, source, fmt, encoding=encoding, newline=newline)


def read_fragment(text: str, source: str = "<条文>") -> Draft:
    """A piece of Markdown that is not a whole document (a corpus clause): no title, 主送, 署名 or
    date is looked for in it."""
    doc = markdown_io.parse(text, source)
    lines = text.split("\n")
    for b in doc.blocks:
        _align_block(b, lines)
    return Draft(source, "md", [Part(doc, {})], text=text)


def read_text(text: str, source: str = "<文本>", fmt: str = "md", encoding: str = "utf-8", newline: str = "\n") -> Draft:
    """A draft from text already in memory (tests, --fix re-check)."""
    if fmt == "md":
        parts = read_md_text(text, source)
    else:
        parts = read_txt_text(text, source)
    return Draft(source, fmt, parts, text=text, encoding=encoding, newline=newline)
