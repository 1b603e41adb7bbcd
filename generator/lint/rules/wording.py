"""wording: duplicated items in an enumeration, 的/地/得 where the usage is certain, congress and
plenum ordinals in Arabic numerals, 约…左右. (Spinner swaps and emptied slots are data:
snippets/lint/rules/slots.yaml; spinner damage from snippets/lint/spinner.tsv.)"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from generator import resources
from generator.core import snippets
from generator.core.numbering import cn_number
from generator.core.segment import word_frequency
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
    # 有计划的推进 (a 有-adverbial needs no modal), 有效的把…培养成 (的 before a preposition)
    di = re.compile(
        rf"(?P<cue>{alt(d['cues'])})(?P<adv>{alt(d['adverbs'])})(?P<de>的)(?P<verb>{alt(d['verbs'])})"
        rf"|(?P<cue2>)(?P<adv2>{alt(d.get('plain_adverbs', []))})(?P<de2>的)(?P<verb2>{alt(d.get('plain_verbs', []))})"
        rf"|(?P<cue3>)(?P<adv3>{alt(d['adverbs'])})(?P<de3>的)(?P<verb3>{alt(d.get('prepositions', []))})(?!关)",
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
        k = next(k for k in ("", "2", "3") if m.group("adv" + k) is not None)
        cue, adv, de_, verb = ("cue" + k, "adv" + k, "de" + k, "verb" + k)
        if k == "" and not ctx.starts_word(m.start(cue)):
            continue  # 需要有效的落实机制: 要 is part of 需要, and 有效的 is attributive
        if not (ctx.on_word_boundaries(m.start(adv), m.end(adv)) and ctx.on_word_boundaries(m.start(verb), m.end(verb))):
            continue
        yield ctx.at(m.start(de_), m.end(de_), f"“{m.group(0)}”中状语后应用“地”：{m.group(adv)}地{m.group(verb)}",
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


@lru_cache(maxsize=1)
def _doubled_rx() -> re.Pattern[str]:
    chars = "".join(sorted(set(lint_data("wording").get("doubled_chars", ""))))
    return re.compile(f"([{re.escape(chars)}])\\1")


@rule("wording/doubled", "warning", "实务（重复输入的字）", "同一个字误写了两次（“的的”“六中中全会”）", fixable=True)
def doubled(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for m in _doubled_rx().finditer(text):
        a, ch = m.start(), m.group(1)
        if text[a + 2:a + 3] == text[a + 3:a + 4] != "" or (a >= 2 and text[a - 2] == text[a - 1]):
            continue  # 认认真真、踏踏实实 (AABB)
        if word_frequency(ch * 2) > 0:
            continue  # 常常、人人、年年: a word
        s, e = ctx._window(a, a + 2)  # noqa: SLF001 - the jieba window around the pair
        tokens = ctx.tokens(s, e)
        t1 = next((t for t in tokens if t[0] <= a < t[1]), (a, a + 1))
        t2 = next((t for t in tokens if t[0] <= a + 1 < t[1]), (a + 1, a + 2))
        if t1 == t2:
            continue  # one word (期期艾艾)
        single1, single2 = t1[1] - t1[0] == 1, t2[1] - t2[0] == 1
        if single1 and not single2:
            continue  # 2025年|年底: a character, then a word that begins with it
        if not single1 and not single2:
            continue  # 中国共产党|党员, 协会|会长: two words that share the character
        if not single1 and not _joins_word(text[max(0, a - 3):a + 1], text[a + 2:a + 5]):
            continue  # 三中|中|全会: flagged only when dropping it leaves a word (三中全会)
        yield ctx.at(a, a + 2, f"“{ch}{ch}”中“{ch}”重复了", suggestion=ch, fix=ch)


def _joins_word(left: str, right: str) -> bool:
    """Whether dropping the doubled character leaves a word across the join (六中 + 全会 → 六中全会)."""
    return any(word_frequency(left[i:] + right[:j]) > 0
               for i in range(len(left)) for j in range(1, len(right) + 1) if len(left) - i + j >= 3)


@lru_cache(maxsize=1)
def _numeral_variants() -> dict[str, str]:
    """Arabic-digit forms of the fixed expressions whose numerals are part of the words (三个代表 →
    3个代表, 十六字方针 → 16字方针 and the spinner's 106字方针, 一贯 → 1贯) -> the expression."""
    terms = set(lint_data("wording").get("numeral_terms", []))
    digits = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
    out: dict[str, str] = {}
    for term in terms:
        forms = {""}
        i = 0
        while i < len(term):
            ch = term[i]
            if ch == "十" and i + 1 < len(term) and term[i + 1] in digits:  # 十六: 16 or the spinner's 106
                nxt = digits[term[i + 1]]
                forms = {f + o for f in forms for o in (ch + term[i + 1], "1" + nxt, "10" + nxt)}
                i += 2
                continue
            options = {ch} | ({digits[ch]} if ch in digits else {"10"} if ch == "十" else set())
            forms = {f + o for f in forms for o in options}
            i += 1
        for form in forms:
            if form != term and any(c.isdigit() for c in form):
                out[form] = term
    return out


@rule("wording/numeral-in-term", "error", "GB/T 15835—2011 5.1.2（数字作为词素构成的词语用汉字）",
      "固定说法中的数字写成了阿拉伯数字（“3个代表”“1贯”）", fixable=True)
def numeral_in_term(ctx: Context) -> Iterator[Finding]:
    if not any(c.isdigit() for c in ctx.text):
        return
    from generator.lint.yamlrules import PhraseSet

    table = _numeral_variants()
    if "numeral.set" not in ctx.cache:
        ctx.cache["numeral.set"] = PhraseSet(table)
    for start, end, found in ctx.cache["numeral.set"].finditer(ctx.text):
        if ctx.text[start - 1:start].isdigit() or ctx.text[end:end + 1].isdigit():
            continue  # part of a longer number (2021个, 10月1日 …)
        yield ctx.at(start, end, f"“{found}”中的数字是词的一部分，应写作“{table[found]}”", suggestion=table[found],
                     fix=table[found])


# --- spinner damage ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Swap:
    correct: str  # the fixed expression
    original: str  # the word the tool replaced ("" for a whole phrase of the hand list)
    swapped: str  # the word it put there
    why: str  # how the two are related (同义词词林同组, 改写工具常见替换 …)
    unless_before: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()
    curated: bool = False  # a wrong form listed whole in spinner_words.yaml, not derived


class SpinnerTable:
    """Every form a rewriting tool makes of the field's fixed expressions, and how: the table
    tools/build_spinner_table.py derives (lexicon × synonyms × frequency, snippets/lint/spinner.tsv)
    plus the phrases of snippets/lint/spinner_words.yaml no mechanism derives.

    Found fast through a rare pair of characters in each form (the table names it): all pairs of
    Chinese characters of the text are collected in one pass (C speed), intersected with the
    anchors, and only the few anchors present are looked up — tens of thousands of forms cost about
    what one regular expression over the text does."""

    _PAIRS = re.compile(r"(?=([\u4e00-\u9fff]{2}))")

    def __init__(self) -> None:
        self._rows: dict[str, str | Swap] = {}  # a row's text until a draft has the form (most never do)
        self.anchors: dict[str, list[tuple[str, int]]] = {}
        path = resources.snippets_dir() / "lint" / "spinner.tsv"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and line[0] != "#":
                    variant, _, rest = line.partition("\t")
                    at = int(rest.rpartition("\t")[2])
                    self._rows[variant] = rest
                    self.anchors.setdefault(variant[at:at + 2], []).append((variant, at))
        for ph in snippets.data("lint/spinner_words").get("phrases") or []:
            variant, correct = str(ph["wrong"]), str(ph["correct"])
            original, swapped = _difference(correct, variant)
            self._rows[variant] = Swap(correct, original, swapped, "改写工具常见替换",
                                       tuple(ph.get("unless_before", ())), tuple(ph.get("unless_after", ())), True)
            self.anchors.setdefault(variant[:2], []).append((variant, 0))

    def swap(self, variant: str) -> Swap:
        row = self._rows[variant]
        if isinstance(row, str):
            correct, original, swapped, why, _ = row.split("\t")
            row = self._rows[variant] = Swap(correct, original, swapped, why)
        return row

    def finditer(self, text: str, chunk: int = 65536) -> list[tuple[int, int, str]]:
        """(start, end, form) of every form in `text`, in order; overlapping forms all reported.
        In chunks, so that the pairs of a long text are never all held at once."""
        present: set[str] = set()
        for a in range(0, len(text), chunk):
            present.update(self._PAIRS.findall(text, a, min(len(text), a + chunk + 1)))
        found = []
        for pair in present.intersection(self.anchors):
            forms = self.anchors[pair]
            i = text.find(pair)
            while i >= 0:
                for variant, at in forms:
                    if i >= at and text.startswith(variant, i - at):
                        found.append((i - at, i - at + len(variant), variant))
                i = text.find(pair, i + 1)
        found.sort()
        return found


def _difference(correct: str, wrong: str) -> tuple[str, str]:
    """(what was replaced, by what), the part between the common start and the common end:
    先锋模范 / 前锋模范 -> (先, 前)."""
    a = 0
    while a < min(len(correct), len(wrong)) and correct[a] == wrong[a]:
        a += 1
    b = 0
    while b < min(len(correct), len(wrong)) - a and correct[-1 - b] == wrong[-1 - b]:
        b += 1
    return correct[a:len(correct) - b], wrong[a:len(wrong) - b]


@lru_cache(maxsize=1)
def spinner_table() -> SpinnerTable:
    return SpinnerTable()


# a swap inside a short phrase (组织党员, 开展工作) can be a right phrase of its own; one inside a
# longer expression (培育教育和考察) hardly ever is. Short ones count when the draft shows the tool's
# hand elsewhere too: a rewriting tool swaps words all through a text.
LONG_EXPRESSION = 5
SPUN = 2  # distinct swapped forms in one document that show a rewriting tool was at work


@rule("wording/spinner", "error", "实务（发展党员工作固定用语；近义词据《同义词词林扩展版》）",
      "改写（洗稿）工具把固定说法中的词换成了近义词（“入党踊跃分子”“战役堡垒”）", fixable=True)
def spinner(ctx: Context) -> Iterator[Finding]:
    table = spinner_table()
    text = ctx.text
    hits = []
    for a, b, found in table.finditer(text):
        sw = table.swap(found)
        if any(text.endswith(x, 0, a) for x in sw.unless_before) or any(text.startswith(x, b) for x in sw.unless_after):
            continue  # the same characters in a sentence that is right (认真准备党员大会材料)
        if not ctx.starts_word(a):
            continue  # the end of a longer word (扩大众基础 is not 大众基础)
        hits.append((a, b, found, sw))
    # one swap found in several expressions (政治尺度, 把政治尺度放在首位): reported once, on the
    # shortest, as strong as the longest that holds it; two expressions sharing the swapped word
    # (年度成长, 成长党员): once, on the one the word begins
    strong_spans = [(a, b) for a, b, _, sw in hits if sw.curated or len(sw.correct) >= LONG_EXPRESSION]
    inner = [h for h in hits if not any(h[0] <= x[0] and x[1] <= h[1] and x[:2] != h[:2] for x in hits)]
    by_word: dict[tuple[int, int], tuple] = {}
    for h in inner:
        a, _, found, sw = h
        at = a + found.find(sw.swapped) if sw.swapped else a
        key = (at, at + len(sw.swapped))
        if key not in by_word or h[0] >= by_word[key][0]:
            by_word[key] = h
    inner = sorted(by_word.values())
    spun = len({h[2] for h in inner}) >= SPUN or bool(strong_spans)
    for a, b, found, sw in inner:
        if not spun and not any(x <= a and b <= y for x, y in strong_spans):
            continue
        if sw.original and sw.swapped and sw.why != "改写工具常见替换":
            why = f"“{sw.swapped}”是“{sw.original}”的近义词（{sw.why}）"
            msg = f"“{found}”疑为改写工具把“{sw.original}”换成了“{sw.swapped}”，固定说法是“{sw.correct}”；{why}"
        elif sw.original and sw.swapped:
            msg = f"“{found}”疑为改写工具把“{sw.original}”换成了“{sw.swapped}”（改写工具常见替换），固定说法是“{sw.correct}”"
        else:
            msg = f"“{found}”疑为改写工具替换后的错词，固定说法是“{sw.correct}”"
        yield ctx.at(a, b, msg, suggestion=sw.correct, fix=sw.correct)


# 各村 / 各社区 (grassroots) are left out: a 镇 may have 社区 and a 街道 villages
_UNIT_WORD_KEYS = ("scope", "direct", "school", "subordinates")
_SHARED_WORDS = {"各党支部", "本单位", "各部门", "县委党校"}


def _sibling_words(subtype: str) -> list[tuple[str, str]]:
    """(word, sub-type it belongs to) for the words of the other sub-types of the same parent
    that this sub-type does not use itself: a 乡's draft saying 镇直单位 was copied from a 镇's.
    A sibling that sets no words of its own (镇 under 乡镇) speaks its parent's; one that does
    (高校 under 学校) is known by those only, since the parent's (学校党校) are shared."""
    types = snippets.load().unit_types
    own = types.get(subtype)
    if not own or "parent" not in own:
        return []
    mine = {own.get(k) for k in _UNIT_WORD_KEYS} | _SHARED_WORDS
    out = []
    for uid, d in types.items():
        if uid == subtype or d.get("parent") != own["parent"]:
            continue
        keys = [k for k in _UNIT_WORD_KEYS if k in d["own_words"]] or _UNIT_WORD_KEYS
        for k in keys:
            w = d.get(k)
            if w and w not in mine and not any(w in m for m in mine if m):
                out.append((w, uid))
    return sorted(set(out), key=lambda x: -len(x[0]))


@rule("wording/other-unit", "warning", "snippets/unit_types.yaml（各类单位的用语）",
      "用了另一类单位的说法（乡的文件写“镇直单位”“全镇”，中小学的文件写“各院（系）”）")
def other_unit(ctx: Context) -> Iterator[Finding]:
    meta = ctx.document.meta
    name = meta.issuer or meta.signature or meta.title or ""
    subtype = snippets.subtype_by_name(name)  # the same reading of a name the generator uses
    if subtype is None:
        return
    taken: list[tuple[int, int]] = []
    for word, uid in _sibling_words(subtype):
        for m in re.finditer(re.escape(word), ctx.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            u = ctx.unit_at(m.start())
            if u.role.startswith("field") or u.role == "title":
                continue
            taken.append(m.span())
            yield ctx.at(m.start(), m.end(), f"“{word}”是{uid}的说法，本文件出自{subtype}（{name}），像是照抄了别的单位的稿子")
