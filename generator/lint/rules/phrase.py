"""phrase: fixed formulations quoted exactly (snippets/formulations.yaml), near-misses that resemble
one but differ, the formulation a document of its date must carry, and superseded ones."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from generator.core.dates import cn_date
from generator.core.snippets import Formulation
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import edit_distance, lint_data

_SEP = "、，,"
_ITEM = re.compile(r"[^、，,“”\"‘’'《》（）()\s]+")


@dataclass(frozen=True)
class Pattern:
    """A formulation of enumerated items: 控制总量、优化结构、提高质量、发挥作用."""

    f: Formulation
    items: tuple[str, ...]
    seps: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.f.label or self.f.id


@lru_cache(maxsize=None)
def _patterns(snippets_id: int) -> tuple[Pattern, ...]:
    from generator.core.snippets import load

    out = []
    for f in load().formulations.values():
        if f.text.startswith("《"):
            continue
        parts = re.split(r"([、，])", f.text)
        items, seps = tuple(parts[0::2]), tuple(parts[1::2])
        if len(items) >= 2 and all(2 <= len(i) <= 8 and _ITEM.fullmatch(i) for i in items):
            out.append(Pattern(f, items, seps))
    return tuple(out)


def patterns(ctx: Context) -> tuple[Pattern, ...]:
    return _patterns(id(ctx.snippets))


@dataclass
class Window:
    start: int  # offset of the quoted text in ctx.text
    end: int
    text: str
    problem: str  # 顿号 / 字词 / 顺序 / 缺项


def _near(a: str, b: str) -> bool:
    return len(a) == len(b) and edit_distance(a, b, 2) <= max(1, len(b) // 3) or edit_distance(a, b, 1) <= 1


def _candidate_sentences(ctx: Context) -> list[tuple[int, int]]:
    """Sentences holding at least one item of some formulation (found in one pass over the text)."""
    if "phrase.sentences" not in ctx.cache:
        from generator.lint.yamlrules import PhraseSet

        items = {i for p in patterns(ctx) for i in p.items}
        seen: dict[tuple[int, int], None] = {}
        last_end = -1
        for start, end, _ in PhraseSet(items).finditer(ctx.text):
            if start < last_end:
                continue
            bounds = ctx.sentence(start, end)
            seen[bounds] = None
            last_end = bounds[1]
        ctx.cache["phrase.sentences"] = list(seen)
    return ctx.cache["phrase.sentences"]


def find_misquotes(ctx: Context, p: Pattern) -> Iterator[Window]:
    """Runs of items that resemble the formulation but are not it."""
    n = len(p.items)
    text = ctx.text
    for s, e in _candidate_sentences(ctx):
        seg = text[s:e]
        if not any(item in seg for item in p.items):
            continue
        items = [(m.start() + s, m.end() + s, m.group(0)) for m in _ITEM.finditer(seg)]
        for k in range(len(items)):
            w = _window(text, items, k, n, p)
            if w:
                yield w
                continue
            if n >= 4:
                w = _missing_item(text, items, k, p)
                if w:
                    yield w


def _window(text: str, items, k: int, n: int, p: Pattern) -> Window | None:
    if k + n > len(items):
        return None
    win = items[k:k + n]
    seps = []
    for a, b in zip(win, win[1:]):
        between = text[a[1]:b[0]]
        if len(between) != 1 or between not in _SEP:
            return None
        seps.append(between)
    first, last = win[0][2], win[-1][2]
    f1, fn = p.items[0], p.items[-1]
    # the first item may carry words before it (坚持控制总量), the last words after it (发挥作用的总要求)
    head = first[-len(f1):] if len(first) >= len(f1) else first
    tail = last[:len(fn)] if len(last) >= len(fn) else last
    written = [head, *[w[2] for w in win[1:-1]], tail]
    start = win[0][1] - len(head)
    end = win[-1][0] + len(tail)
    exact = sum(1 for a, b in zip(written, p.items) if a == b)
    quoted = text[start:end]
    # a half-width comma is the page's (punct/halfwidth says so), not the quotation's
    as_written = quoted.replace(",", "，")
    if as_written == p.f.text or as_written in p.f.accept:
        return None
    around = text[max(0, start - 40):end + 40].replace(",", "，")
    if any(as_written in a and a in around for a in p.f.accept):
        return None  # part of a longer accepted form (the six-item 队伍目标)
    if exact == n:
        return Window(start, end, quoted, "顿号") if tuple(seps) != p.seps else None
    if n < 3:
        return None
    if exact == n - 1 and all(_near(a, b) for a, b in zip(written, p.items) if a != b):
        return Window(start, end, quoted, "字词")
    if exact == n - 1:
        odd = next(i for i, (a, b) in enumerate(zip(written, p.items)) if a != b)
        if written[odd] in p.items:  # 规模适度、结构合理、素质优良、规模适度、作用突出
            return Window(start, end, quoted, f"重复:{p.items[odd]}")
        if _presented(text, start, end, p):  # “控制总量、调整结构、提高质量、发挥作用”的总要求
            return Window(start, end, quoted, "字词")
    if sorted(written) == sorted(p.items) and n >= 3:
        return Window(start, end, quoted, "顺序")
    return None


def _presented(text: str, start: int, end: int, p: Pattern) -> bool:
    """Whether text[start:end] is offered as the formulation: in quotes, or followed by its name."""
    before, after = text[start - 1:start] if start else "", text[end:end + 12]
    return (before == "“" and after.startswith("”")) or re.match(rf"”?的?{re.escape(p.name)}", after) is not None


def _missing_item(text: str, items, k: int, p: Pattern) -> Window | None:
    """n-1 of the items in order, presented as the formulation (in quotes, or followed by its name).
    As in _window, the first may carry words before it (坚持控制总量) and the last words after it
    (提高质量的总要求)."""
    n = len(p.items)
    if k + n - 1 > len(items):
        return None
    win = items[k:k + n - 1]
    for a, b in zip(win, win[1:]):
        if text[a[1]:b[0]] not in ("、", "，"):
            return None
    words = [w[2] for w in win]
    for skip in range(n):
        expect = [x for i, x in enumerate(p.items) if i != skip]
        first, last = words[0], words[-1]
        if not (first.endswith(expect[0]) and last.startswith(expect[-1]) and words[1:-1] == expect[1:-1]):
            continue
        start, end = win[0][1] - len(expect[0]), win[-1][0] + len(expect[-1])
        before, after = text[start - 1:start], text[end:end + 12]
        if before in _SEP or after[:1] in _SEP:
            return None  # part of a longer enumeration (the whole formulation, most likely)
        if _presented(text, start, end, p):
            return Window(start, end, text[start:end], "缺项")
    return None


_PROBLEM = {
    "顿号": "各项之间应使用{sep}",
    "字词": "有字词与原文不同",
    "顺序": "各项的顺序与原文不同",
    "缺项": "少了一项",
}


@rule("phrase/misquote", "error", "snippets/formulations.yaml 所载原文", "固定提法引用不准确（字词、顿号、顺序或缺项）",
      fixable=True)
def misquote(ctx: Context) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for p in patterns(ctx):
        if ctx.date.before(p.f.valid_from):
            continue  # not yet formulated: a text like it is not a misquote of it (older forms exist)
        for w in find_misquotes(ctx, p):
            if (w.start, w.end) in seen:
                continue
            seen.add((w.start, w.end))
            sep = "顿号" if "、" in p.seps else "逗号"
            if w.problem.startswith("重复:"):
                detail = f"有一项重复，缺了“{w.problem.split(':', 1)[1]}”"
            else:
                detail = _PROBLEM[w.problem].format(sep=sep)
            msg = f"“{w.text}”与{p.name}原文不符：{detail}；原文为“{p.f.text}”"
            yield ctx.at(w.start, w.end, msg, suggestion=p.f.text, fix=p.f.text, source=p.f.source or None)


_BOOK = re.compile(r"《([^《》\n]{2,60})》")


def _normal(title: str) -> str:
    return title.replace("(", "（").replace(")", "）").replace(" ", "")


@rule("phrase/document-title", "error", "snippets/formulations.yaml 所载文件全称", "引用的文件名称与原名不符或用了简称")
def document_title(ctx: Context) -> Iterator[Finding]:
    titles = [f for f in ctx.snippets.formulations.values() if f.text.startswith("《")]
    if not titles:
        return
    contents = {f.text[1:-1]: f for f in titles}
    for m in _BOOK.finditer(ctx.text):
        written = _normal(m.group(1))
        if written in contents:
            continue  # exact, or differs only in half-width brackets (punct/halfwidth says so)
        f, how = _known_title(written, contents, ctx)
        if f is None:
            continue
        if how == "简称":
            yield ctx.at(m.start(), m.end(), f"“{m.group(0)}”是简称，公文中引用文件应使用全称“{f.text}”",
                         suggestion=f.text, severity="warning", source=f.source or None)
        else:
            yield ctx.at(m.start(), m.end(), f"文件名称“{m.group(0)}”与原名不符，应为“{f.text}”",
                         suggestion=f.text, source=f.source or None)
    yield from _unbracketed_titles(ctx, contents)


def _known_title(written: str, contents: dict, ctx: Context):
    """(the formulation a written title stands for, how it differs) or (None, None): near in
    characters (a word changed or dropped), a shortened form, or the same name padded or trimmed
    (中国共产党党章, 发展党员工作实施细则) — matched by how much of the real name it keeps."""
    import difflib

    best = None
    for c, f in contents.items():
        d = edit_distance(written, c, 3)
        if d <= max(1, min(3, len(c) // 6)):
            key = (d, not ctx.date.known or not f.valid_on(ctx.date.lo or dt.date.today()))
            if best is None or key < best[0]:
                best = (key, f)
    if best:
        return best[1], "不符"
    for c, f in contents.items():
        if len(written) >= 6 and c.endswith(written) and c != written:
            return f, "简称"
    for c, f in contents.items():
        ratio = difflib.SequenceMatcher(None, written, c, autojunk=False).ratio()
        # the 文种 the name ends with, before a （试行）: 细则 is not 条例
        same_kind = re.sub(r"（[^（）]*）$", "", written)[-2:] == re.sub(r"（[^（）]*）$", "", c)[-2:]
        if ratio >= 0.8 or (same_kind and ratio >= 0.68) or (len(c) >= 6 and c in written):
            return f, "不符"
    return None, None


def _unbracketed_titles(ctx: Context, contents: dict) -> Iterator[Finding]:
    """A document named without 书名号 (修订了中国共产党发展党员工作细则)."""
    for c, f in contents.items():
        if len(c) < 8 or c not in ctx.text:
            continue
        for m in re.finditer(re.escape(c), ctx.text):
            if ctx.text[m.start() - 1:m.start()] in ("《", "〈") or ctx.text[m.end():m.end() + 1] in ("》", "〉"):
                continue
            yield ctx.at(m.start(), m.end(), f"引用文件名称“{c}”应加书名号：“{f.text}”", suggestion=f.text,
                         fix=f.text, severity="warning", source=f.source or None)


def _texts_in_force(ctx: Context, spec: dict) -> tuple[list[str], str, str] | None:
    """The acceptable texts for a requirement over the document's possible dates, its name and source."""
    s = ctx.snippets
    lo, hi = ctx.date.lo, ctx.date.hi
    if "timeline" in spec:
        entries = s.timelines.get(spec["timeline"], [])
        current = [e for e in entries if e.valid_from <= hi and lo <= e.valid_to]
        if not current:
            return None
        texts, names, sources = [], [], []
        for e in current:
            texts.append(e.text)
            if e.ref:
                f = s.formulations[e.ref]
                texts.extend(f.accept)
                names.append(f.label or f.id)
                sources.append(f.source)
        since = max(e.valid_from for e in current)
        name = "或".join(dict.fromkeys(names)) or spec["timeline"]
        return texts, name, (sources[0] if sources else "snippets/eras.yaml") + f"（{cn_date(since)}起）" if len(current) == 1 else ""
    if "introduced" in spec:
        entry = next((d for d in s.introduced if d.text == spec["introduced"]), None)
        if entry is None or not ctx.date.on_or_after(entry.day):
            return None
        return [entry.text], entry.text, f"{entry.source}（{cn_date(entry.day)}起）"
    return None


def _section_text(ctx: Context, section: str) -> str | None:
    from generator.lint.rules.structure import sections_with_ranges

    ranges = sections_with_ranges(ctx)
    if section not in ranges:
        return None
    a, b = ranges[section]
    units = [ctx.unit_of(blk) for blk in ctx.document.blocks[a:b]]
    return "\n".join(u.text for u in units if u)


@rule("phrase/required", "error", "snippets/eras.yaml、formulations.yaml（按文件日期）", "缺少文件日期所要求的固定提法")
def required(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None or not ctx.date.known:
        return
    for spec in lint_data("required").get("required", []):
        if ctx.kind.id not in spec.get("kinds", []):
            continue
        found = _texts_in_force(ctx, spec)
        if not found:
            continue
        texts, name, source = found
        where = ctx.text
        if spec.get("section"):
            where = _section_text(ctx, spec["section"])
            if where is None:
                continue  # the section itself is missing: structure/missing-section says so
        if any(t in where for t in texts):
            continue
        if any(p.f.text in texts and next(find_misquotes(ctx, p), None) for p in patterns(ctx)):
            continue  # quoted, but wrongly: phrase/misquote says so
        scope = f"“{spec['section']}”部分" if spec.get("section") else ""
        label = f"“{texts[0]}”" if texts[0] != name else f"“{name}”"
        tail = f"的{name}" if texts[0] != name else ""
        yield ctx.whole(f"{ctx.kind.name}{scope}应写明{label}{tail}（文件日期：{ctx.date.how}）",
                        suggestion=texts[0], source=source or None)


_HISTORY = re.compile(r"调整为|改为|修订|取代|替代|过去|曾经|原来|此前|以前")


def historical(ctx: Context, start: int, end: int, until: dt.date, successor: str | None = None) -> bool:
    """Whether a sentence speaks of the past: names a year up to `until`, the successor, or a change."""
    s, e = ctx.sentence(start, end)
    sentence = ctx.text[s:e]
    if successor and successor in sentence:
        return True
    if _HISTORY.search(sentence):
        return True
    return any(int(y) <= until.year for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?=年)", sentence))


@rule("phrase/superseded", "warning", "snippets/formulations.yaml（superseded_by）", "使用了已被取代的固定提法")
def superseded(ctx: Context) -> Iterator[Finding]:
    s = ctx.snippets
    for f in s.formulations.values():
        if not f.superseded_by or f.text.startswith("《"):
            continue
        if not ctx.date.on_or_after(f.valid_to + dt.timedelta(days=1)):
            continue
        new = s.formulations.get(f.superseded_by)
        # “坚持标准，保证质量，改善结构，慎重发展” is the old 方针 with other punctuation (misquote says
        # that too): what matters more is that it was replaced — the parts in order, any of 、，, between
        parts = [re.escape(p) for p in re.split(r"[、，,]", f.text)]
        pattern = re.compile(r"\s*[、，,]\s*".join(parts)) if len(parts) > 1 else re.compile(re.escape(f.text))
        for m in pattern.finditer(ctx.text):
            start, end = m.span()
            if not historical(ctx, start, end, f.valid_to, new.text if new else None):
                name = f.label or f.id
                repl = f"，现行为{new.label or new.id}“{new.text}”" if new else ""
                yield ctx.at(start, end, f"{name}“{f.text}”{cn_date(f.valid_to)}后已被取代{repl}",
                             suggestion=new.text if new else None, source=f.source or None)
