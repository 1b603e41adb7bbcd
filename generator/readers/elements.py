"""Recognising the 公文 elements of a draft that carries them as ordinary paragraphs (a .txt, a
.docx, a Markdown draft without front matter): 发文机关标志, 发文字号, title and 主送 at the top;
附注, 成文日期, 署名 and 附件说明 at the end; the 版记; the attachments that follow. Written loosely
on purpose: an element in the wrong form must still be recognised to be checked."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.core import markdown_io
from generator.core.kinds import infer_from_title
from generator.core.model import Block, Document, Meta, Paragraph, Span, Table, position
from generator.core.numbering import cn_to_int, split_number
from generator.readers.draft import Field, Part

# Written loosely on purpose: a 发文字号 in the wrong form must still be recognised to be checked.
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(\S.{0,9})")  # 7.2.6, after the 发文字号 on its line
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
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(\d{1,2})?$")
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


def title_like(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 80 or _is_numbered(t) or t.endswith(("：", ":")):
        return False
    if parse_loose_date(t) is not None:
        return False
    if _kind_title(t.rstrip("。")):
        return True  # a kind's title, even with a stray full stop (format/title-punct reports it)
    return not re.search(r"[。；！？!?，,]", t)


def _kind_title(text: str) -> bool:
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


def head(items: list[Item], fields: dict[str, Field], attachment: bool,
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
            signer = _SIGNER.fullmatch(t[m.end():].strip())
            if signer:
                fields["signer"] = Field(signer.group(1), items[i].spans)
            i += 1
    if "title" in want and "title" not in fields and i < n and items[i].table is None and title_like(items[i].text):
        j = i + 1
        if items[i].align == "center":
            while j < n and items[j].table is None and items[j].align == "center" and title_like(items[j].text) \
                    and len(items[i].text) + len(items[j].text) <= 80 and not ATTACHMENT_LABEL.match(items[j].text):
                j += 1
        elif j < n and items[j].table is None and not _kind_title(items[i].text) \
                and title_like(items[j].text) and _kind_title(items[i].text + items[j].text):
            j += 1  # a title typed over two lines of a .txt
        text, spans = _join_items(items[i:j])
        text, spans = _without_breaks(text, spans)
        fields["title"] = Field(text.strip(), spans)
        i = j
    # a notice published on a web page puts its 文号 in brackets under the title: （青组通〔2024〕15号）
    if "doc_number" in want and "doc_number" not in fields and i < n and items[i].table is None:
        m = re.fullmatch(r"[（(]\s*(.+?)\s*[）)]", items[i].text.strip())
        if m and DOC_NUMBER.match(m.group(1)) and len(m.group(1)) - DOC_NUMBER.match(m.group(1)).end() <= 2:
            fields["doc_number"] = Field(m.group(1), items[i].spans)
            i += 1
    if "recipients" in want and "recipients" not in fields and i < n and items[i].table is None:
        t = items[i].text.strip()
        if not _is_numbered(t) and len(t) <= 100 and "。" not in t and (
            t.endswith(("：", ":")) and not t.startswith(("附件", "抄送")) or _RECIPIENT_NO_COLON.match(t)
        ):
            fields["recipients"] = items[i].field(t)
            i += 1
    return i


def imprint(items: list[Item], start: int, fields: dict[str, Field]) -> int:
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


def tail(items: list[Item], start: int, fields: dict[str, Field], attachment: bool) -> tuple[int, list[Item]]:
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


def apply_fields(meta: Meta, fields: dict[str, Field]) -> None:
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
        if t and ATTACHMENT_LABEL.match(t) and signed:
            groups.append((True, [it]))
            continue
        groups[-1][1].append(it)
        if t and DATE_LOOSE.match(t):
            signed = True
            nxt = items[i + 1] if i + 1 < len(items) else None
            before = items[i - 1].text.strip() if i > 0 and items[i - 1].table is None else ""
            if len(groups) == 1 and nxt is not None and nxt.table is None and before and len(before) <= 40 \
                    and not _SENTENCE_PUNCT.search(before) and title_like(nxt.text) \
                    and not ATTACHMENT_LABEL.match(nxt.text.strip()) and len(items) - i > 2:
                groups.append((False, []))
    return groups


def build_parts(items: list[Item], meta: Meta | None = None, fields: dict[str, Field] | None = None,
                source: str | None = None) -> list[Part]:
    """Items of a whole file -> the main Part and its attachments."""
    items = [it for it in items if it.table is not None or it.text.strip()]
    main_fields: dict[str, Field] = dict(fields or {})
    items = items[:imprint(items, 0, main_fields)]
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
        start = head(group, f, attachment)
        end, notes = tail(group, start, f, attachment)
        blocks = [it.to_block() for it in group[start:end]]
        for it in notes:
            b = it.to_block()
            if isinstance(b, Paragraph):
                b.role = "附注"
            blocks.append(b)
        apply_fields(m, f)
        doc = Document(m, blocks, source=source)
        parts.append(Part(doc, f, label))
    parts[0].document.attachments = [p.document for p in parts[1:]]
    return parts
