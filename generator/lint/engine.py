"""The lint engine: runs every enabled rule over every document of a draft (the main one and its
attachments), applies inline disable comments and the config's severities, and collects findings."""
from __future__ import annotations

import datetime as dt
import gc
import re
from dataclasses import dataclass, field
from typing import Iterable

from generator.core.model import block_text
from generator.lint.config import LintConfig
from generator.lint.context import UNKNOWN_DATE, Context, DateInfo, infer_date, infer_kind
from generator.lint.rule import Finding, Rule
from generator.readers.draft import Draft

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
    kept = collapse(kept, {r.id: r.collapse for r in rules if r.collapse})
    for f in kept:
        if f.part and f.line is None:
            f.message = f"附件{f.part}：{f.message}"  # which document of the file a whole-document finding is about
    kept.sort(key=lambda f: (f.part, *f.sort_key()))
    return FileResult(draft.path, draft, main_kind.id if main_kind else None, main_kind_how, main_date or UNKNOWN_DATE, kept)


# a cause found in this many paragraphs of one document runs through it: one finding for all
RUNS_THROUGH = 2
NEARBY = 3  # characters between two marks of one placeholder ("X 年 X 月 X 日", "××、××")


def collapse(findings: list[Finding], modes: dict[str, bool | str]) -> list[Finding]:
    """One cause repeated is one finding with a count (docs/ARCHITECTURE.md, decision 4): for a
    rule marked `collapse`, the findings of one paragraph become one, and when the rule fires in
    RUNS_THROUGH paragraphs or more of a document, one for the whole document — a warning then
    reads as about the whole text, an error keeps its first place. The places ride along in
    `more`, so --fix still corrects every one of them. A rule marked "match" instead gathers the
    marks of one slot: the same text a few characters apart (X 年 X 月 X 日, ××、××)."""
    groups: dict[tuple[str, int], dict[int, list[Finding]]] = {}
    same: dict[tuple[str, int, int, str | None], list[Finding]] = {}
    out: list[Finding] = []
    for f in findings:
        if f.rule in modes and f.line is not None and modes[f.rule] == "match":
            same.setdefault((f.rule, f.part, f.line, f.match), []).append(f)  # ××、××、×× in one paragraph
        elif f.rule in modes and f.line is not None:
            groups.setdefault((f.rule, f.part), {}).setdefault(f.line, []).append(f)
        else:
            out.append(f)
    for fs in same.values():
        # one slot written as several marks (X 年 X 月 X 日, ××、××): the marks close together
        fs.sort(key=lambda f: (f.line, f.column or 0))
        chain = [fs[0]]
        for f in fs[1:]:
            if f.line == chain[-1].line and (f.column or 0) - (chain[-1].end_column or 0) <= NEARBY:
                chain.append(f)
                continue
            out.append(_merged(chain, f"本处共{len(chain)}个") if len(chain) > 1 else chain[0])
            chain = [f]
        out.append(_merged(chain, f"本处共{len(chain)}个") if len(chain) > 1 else chain[0])
    for (rule_id, _), by_line in groups.items():
        paragraphs = [sorted(fs, key=lambda f: f.column or 0) for _, fs in sorted(by_line.items())]
        if len(paragraphs) >= RUNS_THROUGH and modes[rule_id] != "paragraph":
            # about the whole document ("全文" in the report), standing for every place
            every = [f for fs in paragraphs for f in fs]
            first = every[0]
            if first.severity == "error":  # a defect keeps the place the writer goes to first
                out.append(_merged(every, f"全文{len(paragraphs)}段中共{len(every)}处"))
                continue
            head = Finding(first.rule, first.severity, first.message, match=first.match, suggestion=first.suggestion,
                           source=first.source, fix=first.fix, part=first.part)
            head.more = every
            out.append(_titled(head, f"全文{len(paragraphs)}段中共{len(every)}处，首见第{first.line}行"))
        else:
            out.extend(_merged(fs, f"本段共{len(fs)}处") if len(fs) > 1 else fs[0] for fs in paragraphs)
    return out


def _merged(fs: list[Finding], how_many: str) -> Finding:
    first = fs[0]
    first.more = fs[1:]
    return _titled(first, how_many)


def _titled(f: Finding, how_many: str) -> Finding:
    f.message = f"{f.message}（{how_many}，--fix 可一并改正）" if f.fix is not None else f"{f.message}（{how_many}）"
    return f


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
        seen_spans: set[tuple] = set()
        for f in group:  # the same place found twice (a listed token and a pattern): once
            key = (f.column, f.end_column)
            if key in seen_spans:
                drop.add(id(f))
            seen_spans.add(key)
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

