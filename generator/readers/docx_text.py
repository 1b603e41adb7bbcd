"""Text of a .docx as a writer sees it, paragraph by paragraph, with a map back to the runs.

Shared by the reader (text + positions) and --annotate (runs to hang a comment on), so both number
paragraphs the same way: every w:p of the body in document order, table cells included, empty
paragraphs counted. Text under tracked insertions counts (it is what the document says once the
revisions are accepted); tracked deletions do not, and both are reported as editor residue.
Word's automatic numbering is rendered from numbering.xml, since 一、（一）1. typed by Word is not
in the paragraph's characters but is what the reader sees."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from docx.oxml.ns import qn

from generator.core.numbering import cn_number

_W_P, _W_TBL, _W_R, _W_SDT = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:sdt")
_W_DEL, _W_INS, _W_TXBX = qn("w:del"), qn("w:ins"), qn("w:txbxContent")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_NBH, _W_PPR, _W_RPR = qn("w:noBreakHyphen"), qn("w:pPr"), qn("w:rPr")
_W_MOVEFROM, _W_MOVETO = qn("w:moveFrom"), qn("w:moveTo")
_W_VAL = qn("w:val")
# containers whose runs are part of the paragraph's text
_INLINE_CONTAINERS = {qn(f"w:{t}") for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "ins", "moveTo", "bdo", "dir")}


@dataclass
class Piece:
    start: int
    end: int
    run: object | None  # the w:r element the characters came from


@dataclass
class DocxParagraph:
    number: int  # 1-based, the "line" of lint positions
    element: object  # w:p
    text: str
    pieces: list[Piece]
    table: tuple[int, int, int] | None = None  # (table index, row, cell) for cell paragraphs
    style: str | None = None  # style id
    align: str | None = None  # w:jc value, effective from the paragraph or its style
    auto_number: str = ""  # rendered Word numbering, not part of `text`
    outline: int | None = None  # outline level 1.. from the paragraph style (Heading 1 …)
    revisions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, "ins"/"del")


def _run_text(r) -> str:
    out = []
    for child in r:
        tag = child.tag
        if tag == _W_T:
            out.append(child.text or "")
        elif tag == _W_TAB:
            out.append("\t")
        elif tag in (_W_BR, _W_CR):
            out.append("\n")
        elif tag == _W_NBH:
            out.append("-")
    return "".join(out)


def paragraph_text(p) -> tuple[str, list[Piece], list[tuple[int, int, str]]]:
    """(text, pieces, revisions) of one w:p; nested text boxes are not part of it."""
    parts: list[str] = []
    pieces: list[Piece] = []
    revisions: list[tuple[int, int, str]] = []
    pos = 0

    def walk(el, in_ins: bool) -> None:
        nonlocal pos
        for child in el:
            tag = child.tag
            if tag == _W_R:
                t = _run_text(child)
                if t:
                    parts.append(t)
                    pieces.append(Piece(pos, pos + len(t), child))
                    if in_ins:
                        revisions.append((pos, pos + len(t), "ins"))
                    pos += len(t)
            elif tag in (_W_DEL, _W_MOVEFROM):
                revisions.append((pos, pos, "del"))
            elif tag in _INLINE_CONTAINERS:
                walk(child, in_ins or tag in (_W_INS, _W_MOVETO))

    walk(p, False)
    return "".join(parts), pieces, revisions


class Numbering:
    """Renders Word list numbers (numbering.xml) the way Word shows them, for the formats 公文
    use: decimal, Chinese counting, circled and full-width digits, letters, roman numerals."""

    def __init__(self, document):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (abstract, ilvl) -> (fmt, lvlText, start)
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for a in root.iterchildren(qn("w:abstractNum")):
                aid = a.get(qn("w:abstractNumId"))
                for lvl in a.iterchildren(qn("w:lvl")):
                    ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                    fmt = _child_val(lvl, "w:numFmt") or "decimal"
                    text = _child_val(lvl, "w:lvlText") or ""
                    start = _int(_child_val(lvl, "w:start"), 1)
                    self.levels[(aid, ilvl)] = (fmt, text, start)
            for n in root.iterchildren(qn("w:num")):
                nid = n.get(qn("w:numId"))
                aid = _child_val(n, "w:abstractNumId")
                overrides = {}
                for o in n.iterchildren(qn("w:lvlOverride")):
                    so = o.find(qn("w:startOverride"))
                    if so is not None:
                        overrides[int(o.get(qn("w:ilvl"), "0"))] = _int(so.get(_W_VAL), 1)
                if aid is not None:
                    self.nums[nid] = (aid, overrides)
        try:
            styles = document.styles.element
        except Exception:  # a package without styles part
            styles = None
        if styles is not None:
            for s in styles.iterchildren(qn("w:style")):
                ppr = s.find(_W_PPR)
                np_ = ppr.find(qn("w:numPr")) if ppr is not None else None
                if np_ is not None:
                    nid = _child_val(np_, "w:numId")
                    if nid:
                        self.style_num[s.get(qn("w:styleId"))] = (nid, _int(_child_val(np_, "w:ilvl"), 0))

    def render(self, p, style: str | None) -> str:
        ppr = p.find(_W_PPR)
        np_ = ppr.find(qn("w:numPr")) if ppr is not None else None
        nid, ilvl = None, 0
        if np_ is not None:
            nid = _child_val(np_, "w:numId")
            ilvl = _int(_child_val(np_, "w:ilvl"), 0)
        elif style in self.style_num:
            nid, ilvl = self.style_num[style]
        if not nid or nid == "0" or nid not in self.nums:
            return ""
        aid, overrides = self.nums[nid]
        if (aid, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(aid, [0] * 9)
        if not 0 <= ilvl < 9:
            return ""
        if nid not in self.started:
            self.started.add(nid)
            for lvl, start in overrides.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        start = self.levels[(aid, ilvl)][2]
        counters[ilvl] = max(counters[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self.levels[(aid, ilvl)]
        if fmt == "bullet" or fmt == "none":
            return ""
        out = text
        for lvl in range(ilvl + 1):
            if (aid, lvl) in self.levels:
                lfmt, _, lstart = self.levels[(aid, lvl)]
                value = counters[lvl] if counters[lvl] else lstart
                out = out.replace(f"%{lvl + 1}", _format(value, lfmt))
        return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographTraditional"):
        if fmt == "ideographTraditional":
            return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
        return cn_number(n) if 0 < n < 100 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x245F + n) if 0 < n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        c = chr(ord("a") + (n - 1) % 26)
        return c.upper() if fmt == "upperLetter" else c
    if fmt in ("lowerRoman", "upperRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _child_val(el, tag: str) -> str | None:
    c = el.find(qn(tag))
    return c.get(_W_VAL) if c is not None else None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class _Styles:
    """Alignment and outline level of paragraph styles, following basedOn."""

    def __init__(self, document):
        self.styles: dict[str, object] = {}
        self.names: dict[str, str] = {}
        try:
            root = document.styles.element
        except Exception:
            root = None
        if root is not None:
            for s in root.iterchildren(qn("w:style")):
                sid = s.get(qn("w:styleId"))
                if sid:
                    self.styles[sid] = s
                    self.names[sid] = (_child_val(s, "w:name") or "").lower()

    def _chain(self, sid: str | None) -> Iterator[object]:
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            s = self.styles[sid]
            yield s
            sid = _child_val(s, "w:basedOn")

    def align(self, sid: str | None) -> str | None:
        for s in self._chain(sid):
            ppr = s.find(_W_PPR)
            if ppr is not None:
                jc = _child_val(ppr, "w:jc")
                if jc:
                    return jc
        return None

    def outline(self, sid: str | None) -> int | None:
        for s in self._chain(sid):
            ppr = s.find(_W_PPR)
            if ppr is not None:
                lvl = _child_val(ppr, "w:outlineLvl")
                if lvl is not None and lvl.isdigit() and int(lvl) < 9:
                    return int(lvl) + 1
            name = self.names.get(s.get(qn("w:styleId")), "")
            for prefix in ("heading ", "标题 "):
                if name.startswith(prefix) and name[len(prefix):].isdigit():
                    return int(name[len(prefix):])
        return None


def iter_paragraphs(document) -> Iterator[DocxParagraph]:
    """Every paragraph of the body in reading order, with its number."""
    numbering = Numbering(document)
    styles = _Styles(document)
    counter = [0]
    tables = [0]

    def para(p, table) -> DocxParagraph:
        counter[0] += 1
        ppr = p.find(_W_PPR)
        style = _child_val(ppr, "w:pStyle") if ppr is not None else None
        align = (_child_val(ppr, "w:jc") if ppr is not None else None) or styles.align(style)
        text, pieces, revisions = paragraph_text(p)
        outline = None
        if ppr is not None and _child_val(ppr, "w:outlineLvl") is not None:
            lvl = _child_val(ppr, "w:outlineLvl")
            outline = int(lvl) + 1 if lvl.isdigit() and int(lvl) < 9 else None
        if outline is None:
            outline = styles.outline(style)
        return DocxParagraph(counter[0], p, text, pieces, table, style, align,
                             numbering.render(p, style), outline, revisions)

    def walk(container, table) -> Iterator[DocxParagraph]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W_P:
                yield para(child, table)
            elif tag == _W_TBL:
                tables[0] += 1
                index = tables[0]
                for r, tr in enumerate(child.iterchildren(qn("w:tr"))):
                    for c, tc in enumerate(tr.iterchildren(qn("w:tc"))):
                        yield from walk(tc, (index, r, c))
            elif tag == _W_SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from walk(content, table)
            elif tag in (_W_INS, qn("w:customXml")):
                yield from walk(child, table)

    yield from walk(document.element.body, None)
