"""The lint engine: runs every enabled rule over every document of a draft and collects findings.

A rule (yamllint style) is a small function registered with its id `family/name`, default
severity, the source it rests on and a Chinese description; it gets a Context for one document of
the file (the main one or an attachment) and yields Findings. The Context offers the document's
text joined into one string, so phrase checks scan the text itself (fast, exact), and maps any
offset of that string back to line and column of the input."""
from __future__ import annotations

import bisect
import datetime as dt
import gc
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from generator.core import kinds as kinds_mod
from generator.core import snippets as snippets_mod
from generator.core.model import Block, Document, Heading, Paragraph, Span, Table, block_text, position
from generator.readers import Draft, Field, Part

SEVERITIES = ("error", "warning", "info")
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
FAMILIES = ("structure", "phrase", "era", "placeholder", "wording", "number", "numbering", "punct", "format", "junk")


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None  # just after the last character
    match: str | None = None
    suggestion: str | None = None
    source: str = ""
    fix: str | None = None  # replacement for match, when it is mechanical and safe
    part: int = 0  # 0 = the main document, 1.. = its attachments

    def as_json(self) -> dict:
        return {
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
            "match": self.match, "suggestion": self.suggestion, "source": self.source,
        }

    def __str__(self) -> str:
        where = f"第{self.line}行第{self.column}列：" if self.line is not None else ""
        return f"{where}{self.message}（{self.rule}）"

    def sort_key(self) -> tuple:
        return (self.line is not None, self.line or 0, self.column or 0, self.rule)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    description: str
    check: Callable[["Context"], Iterable[Finding]]
    fixable: bool = False
    scope: str = "part"  # "part": once per document of the file; "file": once per file

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, source: str, description: str, *, fixable: bool = False, scope: str = "part"):
    """Register a check: `@rule("punct/halfwidth", "warning", "GB/T 15834—2011 4.1", "…")`."""
    assert severity in SEVERITIES and "/" in rule_id

    def deco(fn):
        REGISTRY[rule_id] = Rule(rule_id, severity, source, description, fn, fixable, scope)
        return fn

    return deco


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


# --- inline control comments ----------------------------------------------------------------------
_CONTROL = re.compile(r"<!--\s*gongwen-(?P<what>disable|enable)(?P<scope>-next-line|-line)?(?P<ids>[^>]*?)-->")


class Suppressions:
    """`<!-- gongwen-disable family/name -->` … `<!-- gongwen-enable -->` in .md (and .txt):
    without ids all rules; ids may be whole families (`punct`). `gongwen-disable-line` and
    `gongwen-disable-next-line` cover one line. A finding about the whole document is suppressed
    when its rule is still disabled at the end of the file."""

    def __init__(self, text: str | None):
        self.ranges: list[tuple[int, int | None, frozenset[str]]] = []  # (from line, to line or None, ids)
        self.lines: dict[int, set[str]] = {}
        if not text or "gongwen-" not in text:
            return
        open_: dict[str, int] = {}
        for no, line in enumerate(text.split("\n"), 1):
            if "gongwen-" not in line:
                continue
            for m in _CONTROL.finditer(line):
                ids = frozenset(re.split(r"[\s,，]+", m.group("ids").strip())) - {""} or frozenset({"*"})
                if m.group("scope") == "-line":
                    self.lines.setdefault(no, set()).update(ids)
                elif m.group("scope") == "-next-line":
                    self.lines.setdefault(no + 1, set()).update(ids)
                elif m.group("what") == "disable":
                    for i in ids:
                        open_.setdefault(i, no)
                else:
                    closing = list(open_) if "*" in ids else [i for i in ids if i in open_]
                    for i in closing:
                        self.ranges.append((open_.pop(i), no, frozenset({i})))
        for i, start in open_.items():
            self.ranges.append((start, None, frozenset({i})))

    @staticmethod
    def _hits(ids: Iterable[str], rule_id: str) -> bool:
        family = rule_id.split("/", 1)[0]
        return any(i in ("*", rule_id, family) for i in ids)

    def suppressed(self, f: Finding) -> bool:
        if not self.ranges and not self.lines:
            return False
        if f.line is None:
            return any(end is None and self._hits(ids, f.rule) for _, end, ids in self.ranges)
        if f.line in self.lines and self._hits(self.lines[f.line], f.rule):
            return True
        return any(start <= f.line and (end is None or f.line <= end) and self._hits(ids, f.rule)
                   for start, end, ids in self.ranges)


# --- running ----------------------------------------------------------------------------------
@dataclass
class FileResult:
    path: str
    draft: Draft
    kind: str | None
    kind_how: str
    date: DateInfo
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def load_rules() -> None:
    """Import every rule module (registration happens at import)."""
    from generator.lint.rules import load_all

    load_all()


def lint_draft(draft: Draft, config=None, kind: str | None = None, day: dt.date | None = None,
               debug: bool = False) -> FileResult:
    # Lint allocates many small objects and frees them together; the cyclic collector would walk
    # every live object (jieba's 500k-word dictionary too) again and again, which made time grow
    # faster than the text. Reference counting still frees everything; cycles wait until after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_draft(draft, config, kind, day, debug)
    finally:
        if enabled:
            gc.enable()


def _lint_draft(draft: Draft, config, kind: str | None, day: dt.date | None, debug: bool) -> FileResult:
    from generator.lint.config import LintConfig

    load_rules()
    config = config or LintConfig()
    rules = config.active_rules()
    findings: list[Finding] = []
    main_kind, main_kind_how = infer_kind(draft.parts[0], kind)
    main_date: DateInfo | None = None
    for index, part in enumerate(draft.parts):
        k, how = (main_kind, main_kind_how) if index == 0 else infer_kind(part, None)
        text_for_years = "\n".join(block_text(b) for b in part.document.blocks[:400])
        date = infer_date(part, day, text_for_years)
        if index == 0:
            main_date = date
        elif date.how != "成文日期" and main_date is not None and main_date.known:
            date = main_date  # an attachment is dated by the document that carries it
        ctx = Context(draft, index, k, how, date, config.options)
        for r in rules:
            if r.scope == "file" and index > 0:
                continue
            findings.extend(_run(r, ctx, config, debug))
    suppress = Suppressions(draft.text)
    kept = _without_nested([f for f in findings if not suppress.suppressed(f)])
    for f in kept:
        if f.part and f.line is None:
            f.message = f"附件{f.part}：{f.message}"  # which document of the file a whole-document finding is about
    kept.sort(key=lambda f: (f.part, *f.sort_key()))
    return FileResult(draft.path, draft, main_kind.id if main_kind else None, main_kind_how, main_date or UNKNOWN_DATE, kept)


def _without_nested(findings: list[Finding]) -> list[Finding]:
    """One rule reporting a span and a part of it (20×× and its ××) keeps the longer one."""
    by_rule: dict[tuple[str, int, int | None], list[Finding]] = {}
    for f in findings:
        if f.line is not None and f.line == f.end_line:
            by_rule.setdefault((f.rule, f.part, f.line), []).append(f)
    drop = set()
    for group in by_rule.values():
        if len(group) < 2:
            continue
        # sweep by start: a finding ending inside the widest span begun before it is nested
        group.sort(key=lambda f: (f.column, -f.end_column))
        widest: tuple[int, int] | None = None
        for f in group:
            span = (f.column, f.end_column)
            if widest is not None and f.end_column <= widest[1] and span != widest:
                drop.add(id(f))
            elif widest is None or f.end_column > widest[1]:
                widest = span
    return [f for f in findings if id(f) not in drop]


def _run(r: Rule, ctx: Context, config, debug: bool) -> list[Finding]:
    ctx.rule = r
    try:
        out = list(r.check(ctx))
    except Exception as exc:  # one broken rule must not cost the writer the other findings
        if debug:
            raise
        return [ctx.whole(f"规则 {r.id} 运行出错，已跳过（{type(exc).__name__}）。请把该文件反馈给维护者。",
                          severity="info", rule_id="internal/rule-error", source="gongwen")]
    finally:
        ctx.rule = None
    for f in out:
        sev = config.severity_for(f.rule, f.severity)
        f.severity = sev
    return [f for f in out if f.severity != "off"]

