"""The one document model that generation and lint share.

A Document is its 公文 elements (Meta) plus a list of blocks: Heading, Paragraph, Table.
Attachments (附件) that are whole documents, such as the plan a 印发通知 carries, are nested
Documents. Blocks read from a file remember where their text came from, so lint can point at
line and column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Iterator, Union


@dataclass
class Span:
    """Where a run of a block's text came from: text offset -> (line, column), both 1-based."""

    offset: int
    line: int
    column: int


@dataclass
class Heading:
    level: int  # 1 一、 2 （一） 3 1. 4 （1）
    number: str  # as written, e.g. "（一）"; "" when the heading carries none
    text: str  # without the number
    spans: list[Span] = field(default_factory=list)

    @property
    def full(self) -> str:
        return f"{self.number}{self.text}"


@dataclass
class Paragraph:
    text: str
    spans: list[Span] = field(default_factory=list)
    # Role of a paragraph with a 公文 function (主送, 附件说明, 结语 …), None for body text.
    role: str | None = None


@dataclass
class Table:
    rows: list[list[str]]
    header_rows: int = 1
    spans: list[Span] = field(default_factory=list)
    caption: str | None = None


Block = Union[Heading, Paragraph, Table]


def block_text(block: Block) -> str:
    if isinstance(block, Heading):
        return block.full
    if isinstance(block, Table):
        return "\n".join("\t".join(r) for r in block.rows)
    return block.text


def position(block: Block, offset: int) -> tuple[int, int] | None:
    """(line, column) of a character offset inside block_text(block), or None if unknown."""
    best = None
    for s in block.spans:
        if s.offset <= offset:
            best = s
        else:
            break
    if best is None:
        return None
    return best.line, best.column + (offset - best.offset)


# Front-matter keys (what a writer sees in the .md) -> Meta attribute.
META_KEYS: dict[str, str] = {
    "文种": "kind",
    "标题": "title",
    "发文机关标志": "red_header",
    "发文机关": "issuer",
    "发文字号": "doc_number",
    "签发人": "signer",
    "主送": "recipients",
    "署名": "signature",
    "成文日期": "date",
    "附件": "attachment_notes",
    "抄送": "cc",
    "印发机关": "printer",
    "印发日期": "print_date",
}
DATE_FIELDS = ("date", "print_date")


@dataclass
class Meta:
    kind: str | None = None
    title: str = ""
    red_header: str | None = None  # 发文机关标志, e.g. 中共××镇委员会文件; None = no red header
    issuer: str | None = None
    doc_number: str | None = None
    signer: str | None = None  # 签发人 of a 上行文 (7.2.6), beside the 发文字号
    recipients: str | None = None
    signature: str | None = None
    date: dt.date | None = None
    attachment_notes: list[str] = field(default_factory=list)  # 附件说明 lines, without "附件："
    cc: str | None = None
    printer: str | None = None
    print_date: dt.date | None = None

    def as_front_matter(self) -> dict:
        out = {}
        names = {attr: key for key, attr in META_KEYS.items()}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, "", []):
                continue
            out[names[f.name]] = value
        return out


@dataclass
class Document:
    meta: Meta
    blocks: list[Block] = field(default_factory=list)
    attachments: list["Document"] = field(default_factory=list)
    source: str | None = None  # file the document was read from, for messages

    def headings(self, level: int | None = None) -> Iterator[Heading]:
        for b in self.blocks:
            if isinstance(b, Heading) and (level is None or b.level == level):
                yield b

    def paragraphs(self) -> Iterator[Paragraph]:
        for b in self.blocks:
            if isinstance(b, Paragraph):
                yield b

    def plain_text(self) -> str:
        parts = [self.meta.title] if self.meta.title else []
        parts += [block_text(b) for b in self.blocks]
        for a in self.attachments:
            parts.append(a.plain_text())
        return "\n".join(parts)
