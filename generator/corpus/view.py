"""Showing clauses outside a document (gongwen corpus list/show/search): the text a clause gives
on a date for a unit type, rendered with the bundled example unit, and column alignment that
counts a Chinese character as two columns."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from generator.compose.assemble import dated_context, environment, render_clause
from generator.compose.clauses import Clause
from generator.core import snippets as snippets_mod
from generator.corpus.samples import sample_context
from generator.errors import GongwenError, InputError

_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_EXPR = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)


def representative_day(c: Clause, day: dt.date | None = None) -> dt.date:
    """`day`, or today, moved into the clause's validity."""
    d = day or dt.date.today()
    return min(max(d, c.valid_from), c.valid_to)


def default_unit(c: Clause) -> str:
    return c.units[0] if "any" not in c.units else next(iter(snippets_mod.load().unit_types))


def rendered(c: Clause, day: dt.date | None = None, unit: str | None = None, context: dict | None = None) -> str:
    """The clause's text for a unit type on a date; the raw text with 〔变量〕 marks when it cannot
    be rendered (a kind without example data, or a date outside the era tables)."""
    d = representative_day(c, day)
    ctx = context or sample_context(c.kinds[0], unit or default_unit(c), d, c.when)
    if ctx is not None:
        try:
            return render_clause(environment(), c, dated_context(ctx, d))
        except GongwenError:
            pass
    return raw_text(c)


def raw_text(c: Clause) -> str:
    text = _TAG.sub("", c.body)
    return _EXPR.sub(lambda m: f"〔{m.group(1).split('|')[0].strip()}〕", text).strip()


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(columns - width(text), 0)


def clip(text: str, columns: int) -> str:
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > columns - 2:
            return "".join(out) + "……"
        out.append(ch)
        used += w
    return "".join(out)


def validity(c: Clause) -> str:
    left = c.valid_from.year > 1900
    right = c.valid_to.year < 2999
    if left and right:
        return f"{c.valid_from}至{c.valid_to}"
    if left:
        return f"{c.valid_from}起"
    if right:
        return f"至{c.valid_to}"
    return "不限"


def units_text(c: Clause) -> str:
    return "通用" if "any" in c.units else "、".join(c.units)


# --- what a writer types for the filters ------------------------------------------------------
def parse_unit(value: str | None) -> str | None:
    if value is None:
        return None
    s = snippets_mod.load()
    uid = snippets_mod.unit_type_id(value, s)
    if uid is None:
        raise InputError(f"--unit：不认识单位类型“{value}”，可选：{'、'.join(s.unit_types)}")
    return uid


def parse_section(value: str | None) -> str | None:
    from generator.compose.clauses import known_sections

    if value is None:
        return None
    if value not in known_sections():
        raise InputError(f"--section：没有部分“{value}”，可选：{'、'.join(known_sections())}")
    return value


def find(corpus, clause_id: str) -> Clause:
    import difflib

    c = corpus.clauses.get(clause_id)
    if c is None:
        close = difflib.get_close_matches(clause_id, list(corpus.clauses), n=3, cutoff=0.4)
        hint = f"，是否是：{'、'.join(close)}" if close else "（gongwen corpus list 可列出全部条文）"
        raise InputError(f"语料中没有 id 为“{clause_id}”的条文{hint}")
    return c
