"""punct: GB/T 15834—2011 in Chinese text — full-width punctuation and brackets, curly quotes,
no 顿号 between 《》 or “” groups, …… for the ellipsis, no doubled marks, no stray spaces."""
from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import CJK

_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# a half-width mark with Chinese on at least one side; "8:30", "3,000", "GB/T 1.1" are left alone
_HALF_RE = re.compile(rf"(?<=[{CJK}）》”])[,;:?!](?!\d)|(?<![\dA-Za-z])[,;:?!](?=[{CJK}（《“])")
_PERIOD_RE = re.compile(rf"(?<=[{CJK}）》”])\.(?=$|\n|[{CJK}（《“])", re.MULTILINE)
_PAREN_RE = re.compile(rf"\((?=[^()\n]{{0,60}}[{CJK}])(?P<inner>[^()\n]{{0,60}})\)")


@rule("punct/halfwidth", "warning", "GB/T 15834—2011 3（中文文本使用全角标点）", "中文里用了半角标点或括号", fixable=True, collapse=True)
def halfwidth(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for m in _HALF_RE.finditer(text):
        if _in_url(text, m.start()):
            continue
        right = _HALF[m.group(0)]
        yield ctx.at(m.start(), m.end(), f"中文里的半角“{m.group(0)}”应为全角“{right}”", suggestion=right, fix=right)
    for m in _PERIOD_RE.finditer(text):
        if _in_url(text, m.start()):
            continue
        yield ctx.at(m.start(), m.end(), "中文句末的半角“.”应为句号“。”", suggestion="。", fix="。")
    for m in _PAREN_RE.finditer(text):
        inner = m.group("inner")
        if inner.isascii():
            continue
        right = f"（{inner}）"
        yield ctx.at(m.start(), m.end(), f"中文里的半角括号应为全角：“{right}”", suggestion=right, fix=right)


def _in_url(text: str, pos: int) -> bool:
    start = max(text.rfind(c, 0, pos) for c in " \n\t，。") + 1
    word = text[start:pos]
    return "://" in word or word.startswith("www.")


_STRAIGHT = re.compile(r"[\"']")


@rule("punct/quotes", "warning", "GB/T 15834—2011 4.3（引号用“”‘’）", "中文里用了直引号", fixable=True, collapse=True)
def quotes(ctx: Context) -> Iterator[Finding]:
    for u in ctx.units:
        if '"' not in u.text and "'" not in u.text:
            continue
        for kind, (open_, close) in (('"', ("“", "”")), ("'", ("‘", "’"))):
            positions = [i for i, c in enumerate(u.text) if c == kind and _chinese_around(u.text, i)]
            if not positions:
                continue
            paired = len(positions) % 2 == 0
            for k, i in enumerate(positions):
                right = (open_ if k % 2 == 0 else close) if paired else None
                yield ctx.at_unit(u, i, i + 1, f"中文里的直引号{kind}应为弯引号{open_}{close}",
                                  suggestion=right or f"{open_}{close}", fix=right)


def _chinese_around(text: str, i: int) -> bool:
    window = text[max(0, i - 2): i + 3]
    return re.search(f"[{CJK}]", window) is not None


_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("‘", "’"))


@rule("punct/unbalanced", "warning", "GB/T 15834—2011 4.3、4.9、4.15（成对标点）", "成对的标点不配对")
def unbalanced(ctx: Context) -> Iterator[Finding]:
    for u in ctx.units:
        text = u.text
        for open_, close in _PAIRS:
            if open_ not in text and close not in text:
                continue
            stack: list[int] = []
            for i, c in enumerate(text):
                if c == open_:
                    if open_ == close:
                        continue
                    stack.append(i)
                elif c == close:
                    if stack:
                        stack.pop()
                    else:
                        yield ctx.at_unit(u, i, i + 1, f"“{close}”前面没有对应的“{open_}”")
            for i in stack:
                yield ctx.at_unit(u, i, i + 1, f"“{open_}”后面没有对应的“{close}”")


_GROUP_DUNHAO = re.compile(r"(?<=[》”])、(?=[《“])")


@rule("punct/group-dunhao", "warning", "GB/T 15834—2011 4.5.3.5（并列的书名号、引号之间通常不用顿号）",
      "并列的书名号或引号之间用了顿号", fixable=True, collapse=True)
def group_dunhao(ctx: Context) -> Iterator[Finding]:
    if "、" not in ctx.text:
        return
    for m in _GROUP_DUNHAO.finditer(ctx.text):
        pair = ctx.text[m.start() - 1:m.end() + 1]
        yield ctx.at(m.start(), m.end(), f"“{pair}”：并列的书名号或引号之间通常不用顿号", suggestion="", fix="")


_ELLIPSIS_DENG = re.compile(r"……(?P<deng>等等?)")


@rule("punct/ellipsis", "warning", "GB/T 15834—2011 4.11（省略号为“……”，其后不用“等”）", "省略号写法不对", fixable=True, collapse=True)
def ellipsis(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if "…" not in text and "..." not in text and "。。。" not in text:
        return
    for m in re.finditer(r"\.{3,}|。{3,}|…+", text):
        if m.group(0) == "……":
            continue
        yield ctx.at(m.start(), m.end(), f"省略号应写作“……”，不是“{m.group(0)}”", suggestion="……", fix="……")
    for m in _ELLIPSIS_DENG.finditer(text):
        yield ctx.at(m.start(), m.end(), f"省略号后不再用“{m.group('deng')}”，二者保留一个", suggestion="……")


_REPEAT = re.compile(r"([，。、；：！？])\1+")


@rule("punct/repeated", "warning", "GB/T 15834—2011", "标点重复", fixable=True, collapse=True)
def repeated(ctx: Context) -> Iterator[Finding]:
    for m in _REPEAT.finditer(ctx.text):
        if m.group(1) == "。" and len(m.group(0)) >= 3:
            continue  # 。。。 is punct/ellipsis
        yield ctx.at(m.start(), m.end(), f"标点“{m.group(0)}”重复", suggestion=m.group(1), fix=m.group(1))
    for m in re.finditer(r"[，、；：](?=[。！？])|[，、；](?=[，、；])", ctx.text):
        nxt = ctx.text[m.end()]
        if nxt == m.group(0):
            continue
        yield ctx.at(m.start(), m.end() + 1, f"“{m.group(0)}{nxt}”两个标点连用，应删去一个", suggestion=nxt)


_SPACE = re.compile(rf"(?<=[{CJK}\d，。、；：！？”’）》])[ \u3000\u00a0]+(?=[{CJK}“‘（《])|(?<=[{CJK}“‘（《])[ \u3000\u00a0]+(?=[{CJK}\d])")


def _number_in_chinese(text: str, end: int) -> bool:
    """Whether the digits ending at `end` stand alone inside Chinese text (发展党员 15 名)."""
    start = end
    while start > 0 and end - start < 40 and not text[start - 1].isspace():
        start -= 1
    if not re.fullmatch(r"[\d.%％]+", text[start:end]):
        return False
    before = text[max(0, start - 8):start].rstrip(" \u3000\u00a0")
    return not before or re.match(f"[{CJK}，。、；：“（《]", before[-1]) is not None


@rule("punct/space", "warning", "实务（公文中汉字之间、汉字与数字之间不加空格）", "汉字之间或汉字与数字之间有空格", fixable=True, collapse=True)
def space(ctx: Context) -> Iterator[Finding]:
    if " " not in ctx.text and "\u3000" not in ctx.text and "\u00a0" not in ctx.text:
        return
    for m in _SPACE.finditer(ctx.text):
        u = ctx.unit_at(m.start())
        if u.role in ("field:signature", "field:date", "field:printer", "field:cc") or u.role == "table":
            continue  # layout spacing of the 署名 / 版记 lines and table cells is not text
        before, after = ctx.text[m.start() - 1], ctx.text[m.end()]
        if before.isdigit() and not _number_in_chinese(ctx.text, m.start()):
            continue  # GB/T 9704—2012 排版: the number belongs to a Latin designation
        if _emphasis_space(ctx, m.start(), m.end()):
            continue
        yield ctx.at(m.start(), m.end(), f"“{before}{m.group(0)}{after}”之间不应有空格", suggestion="", fix="")


_DELIMS = "*_"


def _emphasis_space(ctx: Context, start: int, end: int) -> bool:
    """In Markdown, a space the syntax needs: CommonMark closes "**（一）加强领导。**" before a
    Chinese character only when a space follows (a closing delimiter after punctuation must be
    followed by a space or punctuation), and opens "**（二）…" after a Chinese character only
    after a space. The space is part of the markup, not of the writer's text."""
    if ctx.draft.format != "md" or not ctx.draft.text:
        return False
    first, last = ctx.pos(start), ctx.pos(end - 1)
    if not first or not last or first[0] != last[0]:
        return False
    if "md.lines" not in ctx.cache:
        ctx.cache["md.lines"] = ctx.draft.text.split("\n")
    lines = ctx.cache["md.lines"]
    if not 0 < first[0] <= len(lines):
        return False
    src = lines[first[0] - 1]
    a, b = first[1] - 1, last[1]  # the space run is src[a:b]
    k = a
    while k > 0 and src[k - 1] in _DELIMS:
        k -= 1
    if k < a and k > 0 and _is_punct(src[k - 1]):
        return True  # "。** 把": a closing delimiter after punctuation
    k = b
    while k < len(src) and src[k] in _DELIMS:
        k += 1
    return k > b and k < len(src) and _is_punct(src[k])  # "把 **（二）": an opening one before punctuation


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))
