"""numbering: heading numbers 一、（一）1.（1）— gaps, repeats, skipped levels, wrong forms (1、 for
1.) — and 一是、二是 sequences (GB/T 9704—2012 7.3.3)."""
from __future__ import annotations

import re
from typing import Iterator

from generator.core.model import Heading
from generator.core.numbering import cn_to_int, heading_number, split_number
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import numbered_blocks

_LEVEL_CN = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def _entries(ctx: Context):
    """(block, unit, level, number as written, value) for every numbered heading or run-in heading."""
    out = []
    for t in numbered_blocks(ctx.document):
        b = ctx.document.blocks[t.index]
        u = ctx.unit_of(b)
        if u is None or not t.number:
            continue
        found = split_number(u.text)
        if not found:
            continue
        out.append((b, u, found[0], found[1], found[2]))
    return out


@rule("numbering/sequence", "error", "GB/T 9704—2012 7.3.3（结构层次序数连续）", "标题序号不连续或重复")
def sequence(ctx: Context) -> Iterator[Finding]:
    last = [0, 0, 0, 0, 0]  # last value per level 1..4
    for b, u, level, number, value in _entries(ctx):
        expected = last[level] + 1
        if value != expected:
            if value == last[level]:
                msg = f"序号“{number}”与上一个同级序号重复"
            elif value > expected:
                msg = f"序号“{number}”前缺少“{heading_number(level, expected)}”"
            else:
                msg = f"序号“{number}”不接上文（上一个同级序号是{last[level]}，此处应为“{heading_number(level, expected)}”）"
            yield ctx.at(u.start, u.start + len(number), msg, suggestion=heading_number(level, expected))
        last[level] = value
        for deeper in range(level + 1, 5):
            last[deeper] = 0


# GB/T 9704 7.3.3 says the levels 可以 be marked 一、（一）1.（1）: skipping one (一、 then 1.) is common
# and accepted in practice (可以越级，不能倒置) — a note for the writer, not a warning
@rule("numbering/level-skip", "info", "GB/T 9704—2012 7.3.3（结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注）", "标题层次跳级", collapse=True)
def level_skip(ctx: Context) -> Iterator[Finding]:
    seen = [False] * 5
    for b, u, level, number, value in _entries(ctx):
        seen[level] = True
        for d in range(level + 1, 5):
            seen[d] = False
        missing = [lv for lv in range(1, level) if not seen[lv]]
        # a document may start at a lower level (a short notice numbered （一）（二）), but once
        # a higher level is used, every level between must be used too
        higher_used = any(seen[lv] for lv in range(1, level))
        if missing and higher_used and missing[-1] == level - 1:
            seen[level - 1] = True  # once per parent, not for every heading of the run
            yield ctx.at(u.start, u.start + len(number),
                         f"“{number}”是第{level}层序号，但上面没有第{level - 1}层“{_LEVEL_CN[level - 1]}”，层次跳级")


@rule("numbering/style", "warning", "GB/T 9704—2012 7.3.3（一、（一）1.（1））", "标题序号的写法不规范（如 1、 应为 1.）",
      fixable=True, collapse=True)
def style(ctx: Context) -> Iterator[Finding]:
    for b, u, level, number, value in _entries(ctx):
        right = heading_number(level, value)
        if number.replace("(", "（").replace(")", "）") == right:
            continue  # only the brackets are half-width: punct/halfwidth reports them with the rest
        if number != right and not (level == 1 and number == right):
            yield ctx.at(u.start, u.start + len(number), f"序号“{number}”应写作“{right}”", suggestion=right, fix=right)


_ORDINAL = re.compile(r"(?:^|(?<=[，。；：！？\n“（]))(?P<n>[一二三四五六七八九十]{1,3})(?P<w>是|要)(?=[^，。；\n]{2})", re.MULTILINE)


@rule("numbering/ordinal-words", "error", "实务（“一是、二是”应连续）", "“一是、二是……”的序次不连续")
def ordinal_words(ctx: Context) -> Iterator[Finding]:
    if "是" not in ctx.text and "要" not in ctx.text:
        return
    # a run is counted inside one section (between headings)
    sections: list[list] = [[]]
    for u in ctx.body_units():
        if isinstance(u.block, Heading):
            sections.append([])
            continue
        for m in _ORDINAL.finditer(u.text):
            n = cn_to_int(m.group("n"))
            if n is None or _idiom(u.text, m):
                continue
            sections[-1].append((u.start + m.start(), u.start + m.end(), n, m.group("w"), m.group(0)))
    for items in sections:
        for word in ("是", "要"):
            seq = [i for i in items if i[3] == word]
            if len(seq) < 2 and not (seq and seq[0][2] > 1):
                continue
            last = 0
            for a, b, n, w, text in seq:
                if n == 1:
                    last = 1
                    continue
                if n != last + 1:
                    want = f"{_cn(last + 1)}{w}"
                    if last == 0:
                        msg = f"“{text}”之前没有“一{w}”"
                    elif n == last:
                        msg = f"“{text}”重复"
                    else:
                        msg = f"“{text}”之前缺少“{want}”"
                    yield ctx.at(a, b, msg)
                last = n


def _idiom(text: str, m: re.Match) -> bool:
    """“三要三不要”“一是一、二是二”: the numeral said twice names a set, it does not count items."""
    after = text[m.end():m.end() + len(m.group("n")) + 1]
    return after.startswith(m.group("n")) and after[len(m.group("n")):][:1] in ("不", "、", "，", "”", "")


def _cn(n: int) -> str:
    from generator.core.numbering import cn_number

    return cn_number(n) if 0 < n < 100 else str(n)
