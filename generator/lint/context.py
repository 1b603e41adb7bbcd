"""What a rule sees of one document of a draft (Context): the text of its parts joined into one
string, so phrase checks scan the text itself (fast, exact), with every offset mapped back to line
and column of the input; the date and kind the wording is judged by, and where they came from."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from generator.core import kinds as kinds_mod
from generator.core import snippets as snippets_mod
from generator.core.model import Block, Document, Heading, Paragraph, Span, Table, block_text, position
from generator.lint.rule import Finding, Rule
from generator.readers.draft import Draft, Field, Part


# --- the document's date and kind -------------------------------------------------------------
@dataclass(frozen=True)
class DateInfo:
    """The date the wording is judged by. Exact (lo == hi == day) from 成文日期 or --date; a span
    of possible dates when only a year is known, so that era rules flag only what is wrong on
    every possible date."""

    day: dt.date | None
    lo: dt.date | None
    hi: dt.date | None
    how: str  # what it was inferred from, in Chinese

    @property
    def known(self) -> bool:
        return self.lo is not None

    def before(self, day: dt.date) -> bool:
        """Certainly earlier than `day`."""
        return self.hi is not None and self.hi < day

    def on_or_after(self, day: dt.date) -> bool:
        """Certainly `day` or later."""
        return self.lo is not None and self.lo >= day

    def within(self, start: dt.date, end: dt.date) -> bool:
        return self.lo is not None and self.hi is not None and start <= self.lo and self.hi <= end

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.lo is not None and self.hi is not None and self.lo <= end and start <= self.hi


UNKNOWN_DATE = DateInfo(None, None, None, "未能确定")
_SENTENCE_MAX = 400
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")  # jieba's re_han_default


@lru_cache(maxsize=20000)
def _word_lengths(block: str) -> tuple[int, ...]:
    """Lengths of the words of a block of text; the same clause recurs in a document (headings,
    repeated phrases), so segmentations are kept by text."""
    from generator.core.segment import cut

    return tuple(len(w) for w in cut(block))
_WINDOW = 60  # characters of context either side of a match that jieba sees
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-9]\d)(?=\s*年)")


def year_span(year: int, how: str) -> DateInfo:
    # a plan for a year is written from the autumn before; a summary early in the year after
    return DateInfo(None, dt.date(year - 1, 9, 1), dt.date(year + 1, 3, 31), how)


def infer_date(part: Part, given: dt.date | None, text: str) -> DateInfo:
    if given is not None:
        return DateInfo(given, given, given, "--date 指定")
    meta = part.document.meta
    if meta.date is not None:
        how = "成文日期" if part.fields.get("date", Field("")).origin == "text" else "文件头“成文日期”"
        return DateInfo(meta.date, meta.date, meta.date, how)
    m = _YEAR.search(meta.title or "")
    if m:
        return year_span(int(m.group(1)), f"标题中的年份（{m.group(1)}年）")
    years = [int(y) for y in _YEAR.findall(text[:200_000])]
    if years:
        y = max(years)
        return year_span(y, f"文中出现的最晚年份（{y}年）")
    return UNKNOWN_DATE


def infer_kind(part: Part, given: str | None) -> tuple[kinds_mod.Kind | None, str]:
    if given:
        return kinds_mod.get(given), "--kind 指定"
    meta = part.document.meta
    if meta.kind and meta.kind in kinds_mod.KINDS:
        return kinds_mod.KINDS[meta.kind], "文件头“文种”"
    if meta.title:
        # a stray full stop after the title (format/title-punct reports it) does not change its kind
        k = kinds_mod.infer_from_title(meta.title.rstrip("。.，,；;：:！! \u3000"))
        if k:
            return k, "按标题推断"
    return None, "未能判断"


# --- text units and positions -------------------------------------------------------------------
@dataclass
class Unit:
    """A piece of the document's text with its positions: a block, the title or another 公文 element."""

    text: str
    spans: list[Span]
    role: str  # title / heading / paragraph / table / field:<attr>
    block: Block | None = None
    start: int = 0  # offset in Context.text


_FIELD_ORDER = ("red_header", "doc_number", "title", "recipients")
_FIELD_TAIL = ("attachment_notes", "signature", "date", "cc", "printer", "print_date")


def _units(part: Part) -> list[Unit]:
    units: list[Unit] = []
    f = part.fields
    if part.label is not None:
        units.append(Unit(part.label.text, part.label.spans, "field:label"))
    for attr in _FIELD_ORDER:
        if attr in f:
            units.append(Unit(f[attr].text, f[attr].spans, "title" if attr == "title" else f"field:{attr}"))
    if "title" not in f and part.document.meta.title:
        units.append(Unit(part.document.meta.title, [], "title"))
    for b in part.document.blocks:
        role = "heading" if isinstance(b, Heading) else "table" if isinstance(b, Table) else "paragraph"
        units.append(Unit(block_text(b), b.spans, role, b))
    for attr in _FIELD_TAIL:
        if attr in f:
            units.append(Unit(f[attr].text, f[attr].spans, f"field:{attr}"))
    return units


class Context:
    """What a rule sees of one document of a file."""

    def __init__(self, draft: Draft, index: int, kind, kind_how: str, date: DateInfo, options: dict | None = None):
        self.draft = draft
        self.index = index
        self.part: Part = draft.parts[index]
        self.document: Document = self.part.document
        self.fields: dict[str, Field] = self.part.fields
        self.kind = kind
        self.kind_how = kind_how
        self.date = date
        self.options = options or {}
        self.snippets = snippets_mod.load()
        self.units = _units(self.part)
        pieces = []
        offset = 0
        for u in self.units:
            u.start = offset
            pieces.append(u.text)
            offset += len(u.text) + 1
        # units are joined by "\n" so that no phrase is found across two of them
        self.text = "\n".join(pieces)
        self._starts = [u.start for u in self.units]
        self._block_unit = {id(u.block): u for u in self.units if u.block is not None}
        self.rule: Rule | None = None
        self.cache: dict = {}  # what rules compute once per document and share
        self._tokens: dict[tuple[int, int], list[tuple[int, int]]] = {}

    # --- where things are ------------------------------------------------------------------
    def unit_at(self, offset: int) -> Unit:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.units[max(i, 0)]

    def unit_of(self, block: Block) -> Unit | None:
        return self._block_unit.get(id(block))

    def field_unit(self, attr: str) -> Unit | None:
        role = "title" if attr == "title" else f"field:{attr}"
        for u in self.units:
            if u.role == role:
                return u
        return None

    def pos(self, offset: int) -> tuple[int, int] | None:
        u = self.unit_at(offset)
        local = offset - u.start
        if not u.spans:
            return None
        if local >= len(u.text):  # the separator after a unit: point just past its last character
            if not u.text:
                return u.spans[0].line, u.spans[0].column
            line, col = position(Paragraph(u.text, u.spans), len(u.text) - 1) or (None, None)
            return (line, col + 1) if line is not None else None
        return position(Paragraph(u.text, u.spans), max(local, 0))

    def sentence(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Bounds of the sentence (or clause-run) around [start, end) in self.text, at most
        _SENTENCE_MAX characters either side (a line without full stops is not one sentence
        to search through for every match)."""
        end = start if end is None else end
        text = self.text
        floor = max(0, start - _SENTENCE_MAX)
        ceiling = min(len(text), end + _SENTENCE_MAX)
        lo = max(text.rfind(c, floor, start) for c in "。！？\n；")
        his = [h for h in (text.find(c, end, ceiling) for c in "。！？\n；") if h != -1]
        return (lo + 1 if lo != -1 else floor), (min(his) + 1 if his else ceiling)

    def tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        """Word boundaries (jieba, with the domain dictionary) of self.text[start:end] as absolute
        (start, end) pairs; only called for the few sentences a rule needs them for."""
        key = (start, end)
        if key not in self._tokens:
            lengths = _word_lengths(self.text[start:end])
            out, pos = [], start
            for n in lengths:
                out.append((pos, pos + n))
                pos += n
            self._tokens[key] = out
        return self._tokens[key]

    def _window(self, start: int, end: int) -> tuple[int, int]:
        """The run of characters jieba would segment as one block around [start, end): it splits
        at punctuation before looking words up, so nothing outside changes the words inside.
        Clipped to _WINDOW either side (a 5 MB line must not be cut whole for one boundary)."""
        text = self.text
        s = start
        while s > 0 and start - s < _WINDOW and _JIEBA_BLOCK.match(text, s - 1):
            s -= 1
        e = end
        while e < len(text) and e - end < _WINDOW and _JIEBA_BLOCK.match(text, e):
            e += 1
        return s, e

    def starts_word(self, start: int) -> bool:
        """Whether a word (jieba, with the domain dictionary) begins at `start`."""
        s, e = self._window(start, start + 1)
        return any(a == start for a, _ in self.tokens(s, e))

    def on_word_boundaries(self, start: int, end: int) -> bool:
        """Whether [start, end) begins and ends at word boundaries of its sentence."""
        s, e = self._window(start, end)
        bounds = set()
        for a, b in self.tokens(s, e):
            bounds.add(a)
            bounds.add(b)
        return start in bounds and end in bounds

    # --- making findings -------------------------------------------------------------------
    def at(self, start: int, end: int, message: str, *, suggestion: str | None = None, fix: str | None = None,
           severity: str | None = None, source: str | None = None, rule_id: str | None = None) -> Finding:
        """A finding on self.text[start:end]."""
        r = self.rule
        begin = self.pos(start)
        last = self.pos(max(end - 1, start))
        f = Finding(
            rule_id or (r.id if r else "?"),
            severity or (r.severity if r else "warning"),
            message,
            match=self.text[start:end] if end > start else None,
            suggestion=suggestion,
            source=source if source is not None else (r.source if r else ""),
            fix=fix,
            part=self.index,
        )
        if begin:
            f.line, f.column = begin
        if last:
            f.end_line, f.end_column = last[0], last[1] + (1 if end > start else 0)
        return f

    def at_unit(self, unit: Unit, local_start: int, local_end: int, message: str, **kw) -> Finding:
        return self.at(unit.start + local_start, unit.start + local_end, message, **kw)

    def whole(self, message: str, *, severity: str | None = None, source: str | None = None,
              suggestion: str | None = None, rule_id: str | None = None) -> Finding:
        """A finding about the whole document (no position)."""
        r = self.rule
        return Finding(rule_id or (r.id if r else "?"), severity or (r.severity if r else "warning"), message,
                       suggestion=suggestion, source=source if source is not None else (r.source if r else ""),
                       part=self.index)

    def on_field(self, attr: str, message: str, local: tuple[int, int] | None = None, **kw) -> Finding:
        u = self.field_unit(attr)
        if u is None:
            return self.whole(message, **kw)
        a, b = local if local else (0, len(u.text))
        return self.at(u.start + a, u.start + b, message, **kw)

    # --- convenience -----------------------------------------------------------------------
    def body_units(self) -> Iterator[Unit]:
        for u in self.units:
            if u.block is not None:
                yield u

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match]:
        return pattern.finditer(self.text)
