"""wording: duplicated items in an enumeration, 的/地/得 where the usage is certain, congress and
plenum ordinals in Arabic numerals, 约…左右. (Spinner swaps and emptied slots are data:
snippets/lint/rules/spinner.yaml and slots.yaml.)"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from generator.core.numbering import cn_number
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import lint_data, sentences

_ITEM = re.compile(r"[^、，,。；：！？“”\"《》（）()\s]+")


@rule("wording/duplicate-item", "error", "实务", "并列成分中有重复的项")
def duplicate_item(ctx: Context) -> Iterator[Finding]:
    min_chars = int(lint_data("wording").get("duplicate_min_chars", 2))
    text = ctx.text
    for s, e in sentences(text):
        if "、" not in text[s:e]:
            continue
        for run in _enumerations(text, s, e):
            yield from _duplicates(ctx, run, min_chars)


def _enumerations(text: str, s: int, e: int) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of items joined by 顿号 inside one sentence."""
    items = [(m.start(), m.end(), m.group(0)) for m in _ITEM.finditer(text, s, e)]
    run: list[tuple[int, int, str]] = []
    for it in items:
        if run and text[run[-1][1]:it[0]] == "、":
            run.append(it)
        else:
            if len(run) >= 3:
                yield run
            run = [it]
    if len(run) >= 3:
        yield run


_PLACEHOLDER_ITEM = re.compile(r"[×XxＸ*＊□○〇_＿]+")


def _duplicates(ctx: Context, run, min_chars: int) -> Iterator[Finding]:
    # middle items are whole; the first may carry words before it and the last words after it
    # (重点在一线职工、青年骨干、专业技术人员、一线职工中发展), so they are cut at the length of a
    # middle item: at the one that makes them repeat an item, or at the only length the items have
    middle = list(run[1:-1])
    lengths = sorted({len(i[2]) for i in middle})
    if not lengths or lengths[0] < min_chars:
        return
    first, last = run[0], run[-1]
    heads = [(first[1] - n, first[1], first[2][-n:]) for n in lengths if len(first[2]) >= n]
    tails = [(last[0], last[0] + n, last[2][:n]) for n in lengths if len(last[2]) >= n]
    words = {i[2] for i in middle}

    def pick(cands, others):
        hit = [c for c in cands if c[2] in others]
        return hit[:1] or (cands if len(lengths) == 1 else [])

    head = pick(heads, words | {t[2] for t in tails})
    tail = pick(tails, words | {h[2] for h in head})
    seen: dict[str, tuple[int, int]] = {}
    for a, b, word in head + middle + tail:
        if any(ch.isdigit() for ch in word) or _PLACEHOLDER_ITEM.fullmatch(word):
            continue  # ×××、××× is a list still to be filled in: placeholder/leftover says so
        if word in seen:
            yield ctx.at(a, b, f"并列成分中“{word}”重复出现")
        else:
            seen[word] = (a, b)


@lru_cache(maxsize=1)
def _ddd_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = lint_data("wording").get("de_di_de", {})
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    # 要认真的开展: a modal, an adverb, 的, a verb (each a word of its own, checked with jieba)
    di = re.compile(
        rf"(?P<cue>{alt(d['cues'])})(?P<adv>{alt(d['adverbs'])})(?P<de>的)(?P<verb>{alt(d['verbs'])})",
    )
    de = re.compile(
        rf"(?P<verb>{alt(d['complement_verbs'])})(?P<de>的)(?P<deg>{alt(d['degree'])})[\u4e00-\u9fff]{{1,4}}(?=[，。；！？、]|$)"
    )
    return di, de


@rule("wording/de-di-de", "warning", "实务（现代汉语“的、地、得”用法）", "“的”“地”“得”用错（只报确定的搭配）",
      fixable=True)
def de_di_de(ctx: Context) -> Iterator[Finding]:
    if "的" not in ctx.text:
        return
    di, de = _ddd_patterns()
    for m in di.finditer(ctx.text):
        if not (ctx.starts_word(m.start("cue")) and ctx.on_word_boundaries(m.start("adv"), m.end("adv"))
                and ctx.on_word_boundaries(m.start("verb"), m.end("verb"))):
            continue  # 需要有效的落实机制: 要 is part of 需要, and 有效的 is attributive
        yield ctx.at(m.start("de"), m.end("de"), f"“{m.group(0)}”中状语后应用“地”：{m.group('adv')}地{m.group('verb')}",
                     suggestion="地", fix="地")
    for m in de.finditer(ctx.text):
        if not ctx.on_word_boundaries(m.start("verb"), m.end("verb")):
            continue
        yield ctx.at(m.start("de"), m.end("de"), f"“{m.group(0)}”中补语前应用“得”",
                     suggestion="得", fix="得")


_ORDINAL = re.compile(
    r"党的(?P<a>\d{1,2})大"
    r"|(?<![\d.])(?P<b>\d{1,2})大(?=精神|以来|报告|胜利召开|代表大会)"
    r"|(?<![\d.])(?P<c>\d{1,2})届(?=[\d一二三四五六七八九]中全会|历次全会|中央委员会)"
    r"|届(?P<k>\d)中全会"
)


@rule("wording/congress-ordinal", "error", "实务（党代会、全会的届次用汉字数字）", "党代会、全会的届次用了阿拉伯数字", fixable=True)
def congress_ordinal(ctx: Context) -> Iterator[Finding]:
    if "大" not in ctx.text and "届" not in ctx.text:
        return
    for m in _ORDINAL.finditer(ctx.text):
        group = next(g for g in ("a", "b", "c", "k") if m.group(g))
        value = int(m.group(group))
        if not 1 <= value <= 39:
            continue
        a, b = m.start(group), m.end(group)
        new = cn_number(value)
        yield ctx.at(a, b, f"党代会、全会的届次应写汉字数字：“{m.group(0)}”中的“{m.group(group)}”应为“{new}”",
                     suggestion=new, fix=new)


_APPROX = re.compile(r"约(?P<n>\d+(?:\.\d+)?(?:[%％]|[名个人户次项家万亿]|余)?)左右")


@rule("wording/approx", "warning", "GB/T 15835—2011 4.2（约数不与“左右”连用）", "“约”与“左右”重复使用")
def approx(ctx: Context) -> Iterator[Finding]:
    if "左右" not in ctx.text:
        return
    for m in _APPROX.finditer(ctx.text):
        yield ctx.at(m.start(), m.end(), f"“{m.group(0)}”中“约”和“左右”意思重复，保留一个即可",
                     suggestion=f"约{m.group('n')}")
