"""era: wording anachronistic or outdated for the document's date (snippets/eras.yaml).

Every check asks whether the wording is wrong on *every* possible date of the document: with an
exact 成文日期 that is one day; with only a year known, a span of months (engine.DateInfo)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from generator.core import snippets as snippets_mod
from generator.core.dates import cn_date
from generator.core.numbering import cn_to_int
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.rules.phrase import historical
from generator.lint.textutil import lint_data

_DAY = dt.timedelta(days=1)


def _occurrences(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    i = text.find(phrase)
    while i != -1:
        yield i, i + len(phrase)
        i = text.find(phrase, i + 1)


def _sentence_has(ctx: Context, start: int, end: int, words) -> bool:
    s, e = ctx.sentence(start, end)
    sentence = ctx.text[s:e]
    return any(w in sentence for w in words)


@rule("era/anachronism", "error", "snippets/eras.yaml（introduced、campaigns）", "使用了文件日期时尚未提出的提法")
def anachronism(ctx: Context) -> Iterator[Finding]:
    if not ctx.date.known:
        return
    exceptions = lint_data("era").get("anachronism_exceptions", [])
    for d in ctx.snippets.introduced:
        if not ctx.date.before(d.day):
            continue
        for a, b in _occurrences(ctx.text, d.text):
            if _sentence_has(ctx, a, b, exceptions):
                continue
            note = "（该日期待核对）" if d.verify else ""
            yield ctx.at(a, b, f"“{d.text}”自{cn_date(d.day)}（{d.source}）起使用{note}，文件日期（{ctx.date.how}）早于此",
                         source=d.source or None)
    for fid in lint_data("era").get("anachronism_formulations", []):
        f = ctx.snippets.formulations.get(fid)
        if f is None or not ctx.date.before(f.valid_from):
            continue
        for a, b in _occurrences(ctx.text, f.text):
            if _sentence_has(ctx, a, b, exceptions):
                continue
            note = "（该日期待核对）" if f.verify else ""
            yield ctx.at(a, b, f"“{f.text}”自{cn_date(f.valid_from)}起使用{note}，文件日期（{ctx.date.how}）早于此",
                         source=f.source or None)
    for c in ctx.snippets.campaigns:
        if not ctx.date.before(c.start):
            continue
        for a, b in _campaign_hits(ctx.text, c.name):
            yield ctx.at(a, b, f"“{c.name}”{cn_date(c.start)}才开展，文件日期（{ctx.date.how}）早于此")


@rule("era/outdated", "error", "snippets/eras.yaml（superseded、timelines）", "使用了文件日期时已经过时的提法")
def outdated(ctx: Context) -> Iterator[Finding]:
    if not ctx.date.known:
        return
    s = ctx.snippets
    for d in s.superseded:
        if not ctx.date.on_or_after(d.day + _DAY):
            continue
        for a, b in _occurrences(ctx.text, d.text):
            if historical(ctx, a, b, d.day, d.use):
                continue
            use = f"，应为“{d.use}”" if d.use else ""
            yield ctx.at(a, b, f"“{d.text}”在{cn_date(d.day)}后已不再使用（{d.source}）{use}",
                         suggestion=d.use, source=d.source or None)
    for name in lint_data("era").get("exclusive_timelines", []):
        entries = s.timelines.get(name, [])
        current = [e for e in entries if e.valid_from <= ctx.date.hi and ctx.date.lo <= e.valid_to]
        current_texts = [e.text for e in current]
        for e in entries:
            if e in current or not ctx.date.on_or_after(e.valid_to + _DAY):
                continue
            for a, b in _occurrences(ctx.text, e.text):
                if any(e.text in t for t in current_texts):
                    continue
                new = current[-1].text if current else None
                yield ctx.at(a, b, f"“{e.text}”是{cn_date(e.valid_to)}以前的写法，文件日期（{ctx.date.how}）应写“{new}”",
                             suggestion=new)


_CONGRESS = re.compile(r"党的(?P<n>[一二三四五六七八九十]{2,3})大(?:精神|和(?P<m>[一二三四五六七八九十]{2,3})届(?:历次|[二三四五六七]中(?:、[二三四五六七]中)*)全会精神)")


def _congress_on(ctx: Context, day: dt.date) -> int | None:
    for e in ctx.snippets.timelines.get("现任大会", []):
        if e.valid_from <= day <= e.valid_to:
            return cn_to_int(e.text.rstrip("大"))
    return None


@rule("era/past-congress", "error", "snippets/eras.yaml（现任大会、大会精神）", "把上一届党代会的精神当作现行要求")
def past_congress(ctx: Context) -> Iterator[Finding]:
    if not ctx.date.known or "大" not in ctx.text:
        return
    current = _congress_on(ctx, ctx.date.lo)
    if current is None:
        return
    start_of_current = next((e.valid_from for e in ctx.snippets.timelines.get("现任大会", [])
                             if cn_to_int(e.text.rstrip("大")) == current), None)
    for m in _CONGRESS.finditer(ctx.text):
        n = cn_to_int(m.group("n"))
        if n is None or n >= current:
            continue
        until = (start_of_current - _DAY) if start_of_current else ctx.date.lo
        if historical(ctx, m.start(), m.end(), until):
            continue
        spirit = _spirit_on(ctx, ctx.date.lo)
        yield ctx.at(m.start(), m.end(),
                     f"“{m.group(0)}”已不是现行提法：文件日期（{ctx.date.how}）时党的{_cn(current)}大已经召开",
                     suggestion=spirit)


def _cn(n: int) -> str:
    from generator.core.numbering import cn_number

    return cn_number(n)


def _spirit_on(ctx: Context, day: dt.date) -> str | None:
    for e in ctx.snippets.timelines.get("大会精神", []):
        if e.valid_from <= day <= e.valid_to:
            return e.text
    return None


def _campaign_pattern(name: str) -> re.Pattern[str]:
    parts = []
    for ch in name:
        if ch in "“\"":
            parts.append("[“\"]?")
        elif ch in "”\"":
            parts.append("[”\"]?")
        else:
            parts.append(re.escape(ch))
    core = "".join(parts)
    return re.compile(core)


def _campaign_hits(text: str, name: str) -> Iterator[tuple[int, int]]:
    plain = name.replace("“", "").replace("”", "")
    key = plain[:4]
    if key not in text:
        return
    for m in _campaign_pattern(name).finditer(text):
        yield m.start(), m.end()


@rule("era/campaign", "warning", "snippets/eras.yaml（campaigns）", "把早已结束的集中教育活动当作正在开展")
def campaign(ctx: Context) -> Iterator[Finding]:
    """A campaign over for a year and still "深入开展" reads as copied from an old file (warning);
    one written as going on now ("正在开展") a month after it ended is wrong (error)."""
    if not ctx.date.known:
        return
    data = lint_data("era")
    cues, past = data.get("campaign_cues", []), data.get("campaign_past", [])
    present = data.get("campaign_present", [])
    for c in ctx.snippets.campaigns:
        a_month_after = c.end + dt.timedelta(days=31)
        a_year_after = dt.date(c.end.year + 1, c.end.month, min(c.end.day, 28)) + _DAY
        if not ctx.date.on_or_after(a_month_after):
            continue
        for a, b in _campaign_hits(ctx.text, c.name):
            s, e = ctx.sentence(a, b)
            sentence = ctx.text[s:e]
            after = ctx.text[b:min(b + 8, e)]  # (not into the next sentence)
            if any(w in after for w in past) or historical(ctx, a, b, c.end):
                continue
            clause_start = max([s, *(ctx.text.rfind(ch, s, a) + 1 for ch in "，,；;")])
            now = any(w in ctx.text[clause_start:b] for w in present)  # "正在开展的…" in its own clause
            if now:
                yield ctx.at(a, b, f"“{ctx.text[a:b]}”已于{cn_date(c.end)}结束，文件日期（{ctx.date.how}）不能写作正在开展",
                             severity="error")
            elif ctx.date.on_or_after(a_year_after) and any(w in sentence for w in cues):
                yield ctx.at(a, b, f"“{ctx.text[a:b]}”已于{cn_date(c.end)}结束，文件日期（{ctx.date.how}）不宜再写作正在开展")


_CN_DIGITS = "一二三四五六七八九"
_PLENUMS = re.compile(rf"(?P<c>十[六七八九]|二十)届(?P<list>[{_CN_DIGITS}]中(?:全会)?(?:[、和及与][{_CN_DIGITS}]中(?:全会)?)*)")
_SHORT_CONGRESS = re.compile(r"(?<!党的)(?<![第一二三四五六七八九十])(?P<n>十[六七八九]|二十)大"
                             r"(?=精神|报告|以来|胜利|召开|代表|提出|作出|部署|和|以及|关于)")


@rule("era/plenum", "error", "snippets/eras.yaml（plenums、congresses）", "提到了文件日期时尚未召开的全会或党代会")
def plenum(ctx: Context) -> Iterator[Finding]:
    """"二十届三中全会精神" in a draft dated before July 2024 cannot be: the plenum had not met. Each
    plenum of a list (十九届四中、五中全会) is checked; a congress by its short name (二十大精神)
    too — "党的二十大" is era/anachronism's."""
    if not ctx.date.known or ("全会" not in ctx.text and "大" not in ctx.text):
        return
    exceptions = lint_data("era").get("anachronism_exceptions", [])
    held = {(p.congress, p.session): p for p in ctx.snippets.plenums}
    for m in _PLENUMS.finditer(ctx.text):
        if "全会" not in ctx.text[m.end("list") - 2:m.end("list") + 2] and not m.group("list").endswith("全会"):
            continue  # "十九届二中" without 全会: not a plenum reference we can be sure of
        congress = cn_to_int(m.group("c"))
        for sm in re.finditer(rf"[{_CN_DIGITS}]中", m.group("list")):
            p = held.get((congress, cn_to_int(sm.group(0)[0])))
            if p is None or not ctx.date.before(p.start):
                continue
            a, b = m.start("list") + sm.start(), m.start("list") + sm.end()
            if _sentence_has(ctx, a, b, exceptions):
                continue
            yield ctx.at(m.start(), m.end(), f"{m.group('c')}届{sm.group(0)}全会{cn_date(p.start)}才召开，"
                                             f"文件日期（{ctx.date.how}）早于此")
    for m in _SHORT_CONGRESS.finditer(ctx.text):
        n = cn_to_int(m.group("n"))
        opened = ctx.snippets.congresses.get(n) if n else None
        if opened is None or not ctx.date.before(opened) or _sentence_has(ctx, m.start(), m.end(), exceptions):
            continue
        yield ctx.at(m.start(), m.end(), f"党的{m.group('n')}大{cn_date(opened)}才开幕，文件日期（{ctx.date.how}）早于此")


@rule("era/superseded-title", "error", "snippets/formulations.yaml（superseded_by）", "引用了已被取代的文件")
def superseded_title(ctx: Context) -> Iterator[Finding]:
    if not ctx.date.known:
        return
    s = ctx.snippets
    for f in s.formulations.values():
        if not f.superseded_by or not f.text.startswith("《"):
            continue
        if not ctx.date.on_or_after(f.valid_to + _DAY):
            continue  # "（试行）" in a draft dated 2014-03 is correct
        new = s.formulations.get(f.superseded_by)
        loose = re.compile(re.escape(f.text).replace("（", "[（(]").replace("）", "[）)]"))
        for m in loose.finditer(ctx.text):
            a, b = m.span()
            if historical(ctx, a, b, f.valid_to, new.text if new else None):
                continue
            repl = f"，应为{new.text}" if new else ""
            yield ctx.at(a, b, f"{m.group(0)}自{cn_date(f.valid_to + _DAY)}起已被取代{repl}",
                         suggestion=new.text if new else None, source=f.source or None)


_FIVE_YEAR = re.compile(r"(?P<when>今年|本年|明年|(?P<y>\d{4})年)[^。；;\n]{0,6}?[是为][“\"]?(?P<p>十[一二三四五])五[”\"]?(?:规划)?(?:的)?"
                        r"(?P<which>开局之年|开局年|起步之年|收官之年|收官年|最后一年|第[一二三四五]年)")
_NTH = {"开局之年": 0, "开局年": 0, "起步之年": 0, "收官之年": 4, "收官年": 4, "最后一年": 4,
        "第一年": 0, "第二年": 1, "第三年": 2, "第四年": 3, "第五年": 4}


@rule("era/five-year-plan", "error", "snippets/eras.yaml（five_year_plans）",
      "把文件年份说成了另一个五年规划的开局、收官之年（2025年写“十四五开局之年”）")
def five_year_plan(ctx: Context) -> Iterator[Finding]:
    if not re.search(r"十[一二三四五]五", ctx.text):
        return
    periods = snippets_mod.data("eras").get("five_year_plans") or {}
    for m in _FIVE_YEAR.finditer(ctx.text):
        span = periods.get(f"{m.group('p')}五")
        if not span:
            continue
        if m.group("y"):
            year = int(m.group("y"))
        elif ctx.date.day is not None:
            year = ctx.date.day.year + (1 if m.group("when") == "明年" else 0)
        else:
            continue
        meant = span[0] + _NTH[m.group("which")]
        if year != meant:
            yield ctx.at(m.start("p"), m.end("which"),
                         f"“{m.group('p')}五”规划期为{span[0]}—{span[1]}年，{m.group('which')}是{meant}年，不是{year}年")
