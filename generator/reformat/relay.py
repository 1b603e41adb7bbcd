"""A draft we did not write, re-laid in the GB/T 9704—2012 layout.

The draft is read as lint reads it (readers/: 发文机关标志, 发文字号 and 签发人, title, 主送, headings by
their numbers, body, tables, 附件说明, 署名, 成文日期, attachments, 版记) and written by the same writer
as our own documents. The layout changes, the words do not: the elements are printed as the draft
wrote them (a date in 〇 numerals stays so — that is lint's to point out and --fix's to change), and
what is not recognised stays body text. Before anything is returned the result is read back and
its words compared with the draft's; a difference is our bug and stops the run rather than give
the writer a copy that lost a sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.model import Document, Heading, Table, block_text
from generator.errors import GongwenError, InputError
from generator.readers import read
from generator.readers.draft import Draft, Part

# Meta attributes whose text the writer would compose (a colon added, a date re-spelt): given as written
_WRITTEN = ("recipients", "date", "attachment_notes", "cc", "print_date")
_SPACE = re.compile(r"\s+")


@dataclass
class Reformatted:
    data: bytes  # the .docx
    document: Document
    recognised: list[str] = field(default_factory=list)  # what was found, for the writer to check
    notes: list[str] = field(default_factory=list)  # what could not be recognised or was added


def _written(part: Part) -> dict:
    """The elements the draft wrote in its text (a Markdown draft's front matter holds values, not
    words: those the writer composes, as for our own documents)."""
    return {k: part.fields[k].text for k in _WRITTEN if k in part.fields and part.fields[k].origin == "text"}


def _from_front_matter(draft: Draft) -> set[str]:
    """The main document's elements not written in its text: a Markdown draft's front matter values
    (and what Meta derives from them, such as a notice's 附件说明) are composed by the writer."""
    from dataclasses import fields as dc_fields

    from generator.core.model import Meta

    written = {k for k, f in draft.parts[0].fields.items() if f.origin == "text"}
    return {f.name for f in dc_fields(Meta)} - written


def words(draft: Draft, skip: set[str] = frozenset()) -> str:
    """Every word of a reading in document order, spaces and line breaks left out (they are
    layout): the 公文 elements as written (but `skip`), the blocks, each attachment's, the 版记 last."""
    out: list[str] = []
    tail: list[str] = []
    for i, part in enumerate(draft.parts):
        f = {k: v for k, v in part.fields.items() if i or k not in skip}
        out += [f[k].text for k in ("red_header", "doc_number", "signer", "title", "recipients") if k in f]
        out += [block_text(b) for b in part.document.blocks]
        out += [f[k].text for k in ("attachment_notes", "signature", "date") if k in f]
        tail += [f[k].text for k in ("cc", "printer", "print_date") if k in f]
    return _SPACE.sub("", "".join(out + tail))


def _describe(parts: list[Part]) -> list[str]:
    main = parts[0]
    f, doc = main.fields, main.document
    names = {"red_header": "发文机关标志", "doc_number": "发文字号", "signer": "签发人", "title": "标题",
             "recipients": "主送机关", "attachment_notes": "附件说明", "signature": "署名", "date": "成文日期",
             "cc": "抄送", "printer": "印发机关"}
    out = [f"{names[k]}：{_SPACE.sub(' ', f[k].text)[:40]}" for k in names if k in f]
    levels = {}
    for b in doc.blocks:
        if isinstance(b, Heading):
            levels[b.level] = levels.get(b.level, 0) + 1
    if levels:
        out.append("标题层次：" + "，".join(f"第{'一二三四'[lv - 1]}层{n}个" for lv, n in sorted(levels.items())))
    tables = sum(isinstance(b, Table) for p in parts for b in p.document.blocks)
    if tables:
        out.append(f"表格：{tables}个")
    if len(parts) > 1:
        out.append(f"附件：{len(parts) - 1}个（" + "；".join(p.document.meta.title or "无标题" for p in parts[1:]) + "）")
    return out


def reformat(path: str | Path, red_header: bool = False) -> Reformatted:
    """The draft at `path` in the standard layout. `red_header`: give it a 发文机关标志 (××文件) from
    its 署名 when it has none."""
    from generator.writers.gbt9704 import GbtDocxWriter

    draft = read(path, as_written=True)  # traditional characters stay as written
    parts = draft.parts
    doc = parts[0].document
    notes: list[str] = []
    if not doc.blocks and not doc.meta.title:
        raise InputError(f"{path}：没有可排版的正文")
    if not doc.meta.title:
        notes.append("未识别出标题（第一段不像标题），各段按正文排版；如有标题，请放在正文之前单独一段")
    if not (doc.meta.signature or doc.meta.date):
        notes.append("未识别出署名和成文日期（应在正文之后，日期单独一行）")
    if red_header and not doc.meta.red_header:
        issuer = doc.meta.issuer or doc.meta.signature
        if not issuer:
            raise InputError(f"{path}：没有署名，无法生成发文机关标志（--red-header 用署名加“文件”二字）")
        doc.meta.red_header = f"{issuer}文件"
        notes.append(f"已加发文机关标志“{doc.meta.red_header}”（原稿没有）")
    written = _written(parts[0])
    written["attachments"] = [dict(_written(p), label=p.label.text if p.label else "") for p in parts[1:]]
    data = GbtDocxWriter().to_bytes(doc, written)
    _check_words(draft, data, doc.meta.red_header if red_header and "red_header" not in parts[0].fields else None)
    return Reformatted(data, doc, _describe(parts), notes)


def _check_words(draft: Draft, data: bytes, added: str | None) -> None:
    """The copy, read back, says word for word what the draft says (plus a red header asked for)."""
    again = read_bytes_docx(data, draft.path)
    skip = _from_front_matter(draft) - ({"red_header"} if added else set())
    before, after = words(draft, skip), words(again, skip)
    if added:
        before = _SPACE.sub("", added) + before
    if before != after:
        at = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
        raise GongwenError(
            f"{draft.path}：排版后的文字与原稿不一致（第{at + 1}字附近：原稿“{before[max(0, at - 10):at + 10]}”，"
            f"排版后“{after[max(0, at - 10):at + 10]}”），未写出文件；这是本工具的缺陷，请把原稿反馈给我们"
        )


def read_bytes_docx(data: bytes, source: str) -> Draft:
    """A .docx we made, read from memory as a draft."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gongwen-format-") as tmp:
        p = Path(tmp) / "copy.docx"
        p.write_bytes(data)
        return read(p, as_written=True)


__all__ = ["Reformatted", "reformat", "words"]
