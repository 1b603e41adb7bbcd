"""What a draft is once read: its Document(s) and its 公文 elements as they were written.

Besides the Document, a Draft keeps the 公文 elements as they were written (Field), so that lint
can check their form: 发文字号 [2025] or 二〇二五年 as a date are exactly what must be seen, while
the Document's Meta only holds what could be understood."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.core.model import Document, Span


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
    traditional: int = 0  # characters in traditional form: the draft was read in its simplified reading
    layout: Any = None  # readers.docx_layout.PageLayout of a .docx; None for .md/.txt

    @property
    def document(self) -> Document:
        return self.parts[0].document
