"""repeat: what a reviewer strikes through on first reading — a sentence said twice in one
document, and a fixed phrase twice in one sentence ("控制总量、优化结构……的总要求，进一步优化结构")
or a long formulation twice in one paragraph. Drafts assembled from pieces (last year's file, a
范文, a generator's clauses) repeat themselves most.

The phrases are the project's own fixed formulations (snippets/formulations.yaml, their parts
between 、 of four characters or more) and era wordings (snippets/eras.yaml), so the rule grows
with them; a phrase inside a longer one found at the same place (优化结构 inside the 总要求) counts once."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Iterator

from generator.core import snippets as snippets_mod
from generator.core.repeats import NOT_TEXT, PASSAGE, SKIPPED
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.yamlrules import PhraseSet

LONG_PHRASE = 10  # a formulation this long said twice in one paragraph is one time too many
_NOT_TEXT = NOT_TEXT
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")  # half-width too: scraped pages carry them


def _normal(text: str) -> str:
    return _NOT_TEXT.sub("", text)


IN_SENTENCE = 8  # characters said twice within one sentence


MOST = 20  # repeats reported one by one in a document; past that, one finding says how many more


class _Normalised:
    """The body without punctuation, spaces and digits, as one string (units joined by a
    character no text has, so no run spans two of them); where each clause starts in it; and,
    on demand, where a character of it stands in ctx.text. No per-character lists: a 10 MB page
    must not take a gigabyte."""

    def __init__(self, units) -> None:
        pieces: list[str] = []
        self.unit_starts: list[int] = []  # offset of each unit in self.text
        self.units = list(units)
        self.starts: list[int] = []  # clause starts, ascending
        offset = 0
        for u in self.units:
            self.unit_starts.append(offset)
            for clause in _CLAUSES.finditer(u.text):
                kept = SKIPPED.sub("", clause.group(0))
                if kept:
                    self.starts.append(offset)
                    pieces.append(kept)
                    offset += len(kept)
            pieces.append("\x00")
            offset += 1
        self.text = "".join(pieces)

    def where(self, i: int) -> int:
        """The offset in ctx.text of character i of self.text."""
        k = bisect.bisect_right(self.unit_starts, i) - 1
        u, local = self.units[k], i - self.unit_starts[k]
        for pos, ch in enumerate(u.text):
            if not SKIPPED.match(ch):
                if local == 0:
                    return u.start + pos
                local -= 1
        return u.start + len(u.text)


_CLAUSES = re.compile(r"[^\s\u3000，,。．、；;：:！!？?“”\"'‘’（）()《》〈〉【】\[\]—\-…·]+")


def _repeats(text: str, n: int, starts: Iterable[int] | None = None) -> Iterator[tuple[int, int, int]]:
    """(first, second, length) for each run of at least n characters met again later without
    overlapping itself, the second place extended as far as the two agree; each place once.
    `starts`: only runs beginning there are looked at (clause starts: a 10 MB page then indexes a
    few hundred thousand runs, not millions)."""
    seen: dict[str, int] = {}
    positions = starts if starts is not None else range(len(text) - n + 1)
    skip_to = 0
    for i in positions:
        if i < skip_to or i + n > len(text):
            continue
        gram = text[i:i + n]
        if "\x00" in gram:
            continue
        first = seen.get(gram)
        if first is not None and first + n <= i:
            length = n
            while i + length < len(text) and first + length < i and text[first + length] == text[i + length] != "\x00":
                length += 1
            yield first, i, length
            skip_to = i + length
            continue
        seen.setdefault(gram, i)


QUOTED = 20  # a formulation this short (the 总要求, the 十六字方针) may be quoted again in another section


def _allowed(ctx: Context) -> list[str]:
    """What a document may say twice: the names of the unit, of its parts and of documents it
    cites, and the short formulations a plan quotes where each section needs them (the 总要求 in
    指导思想 and again in 工作要求); a long one (两个确立……两个维护) twice is one time too many."""
    names = [getattr(ctx.document.meta, a, None) or "" for a in ("issuer", "signature", "title")]
    titles = [f.text for f in ctx.snippets.formulations.values()
              if f.text.startswith("《") or len(_normal(f.text)) <= QUOTED]
    # the words for a unit's parts (各社区党组织和街道直属单位党组织) name, they do not state
    words = [v for d in ctx.snippets.unit_types.values() for v in d.values() if isinstance(v, str)]
    return [_normal(x) for x in (*names, *titles, *words) if x]


def _is_allowed(run: str, allowed: list[str]) -> bool:
    """Inside a name the document may repeat, or little more than one (对照《…细则》)."""
    for a in allowed:
        if run in a or (a and a in run and len(run) - len(a) < IN_SENTENCE):
            return True
    return False


def _in_title(text: str, at: int) -> bool:
    """Inside 《…》 (within the same line)."""
    opened = text.rfind("《", max(0, at - 80), at)
    return opened != -1 and text.rfind("》", opened, at) == -1 and "\n" not in text[opened:at]


def _before_a_figure(text: str, b: int) -> bool:
    """A run that leads into a number (…前30%, …总数的12.5%) introduces a figure: parallel figures
    share their lead-in."""
    return bool(re.match(r"\s*(?:为|是|达|约|的)?\s*[0-9一二三四五六七八九十百千]", text[b:b + 4]))


def _starts_a_clause(ctx: Context, a: int) -> bool:
    return a == 0 or bool(_NOT_TEXT.match(ctx.text[a - 1]))


def _ends_a_clause(ctx: Context, b: int) -> bool:
    return b >= len(ctx.text) or bool(_NOT_TEXT.match(ctx.text[b]))


def _at_a_boundary(ctx: Context, a: int, b: int) -> bool:
    """A repeat says something again when it starts or ends where a clause does; a run in the
    middle of two statements that differ on both sides ("张明同志按期转为正式党员，党龄自…" /
    "李红同志按期转为正式党员，党龄自…") is a list of like facts, not a repetition."""
    text = ctx.text
    before = text[a - 1] if a > 0 else "\n"
    after = text[b] if b < len(text) else "\n"
    return bool(_NOT_TEXT.match(before)) or bool(_NOT_TEXT.match(after))


@rule("repeat/sentence", "warning", "实务（同一句话不重复写两遍）", "同一句话（或一长段文字）在文中出现了两次")
def sentence(ctx: Context) -> Iterator[Finding]:
    norm = _Normalised(u for u in ctx.body_units() if u.role in ("paragraph", "heading"))
    text = norm.text
    allowed = _allowed(ctx)
    reported = more = 0
    for first, second, length in _repeats(text, PASSAGE, norm.starts):
        if _is_allowed(text[second:second + length], allowed):
            continue
        a, b = norm.where(second), norm.where(second + length - 1) + 1
        if not _starts_a_clause(ctx, a):  # a list of like facts about different people is not a repeat
            continue
        # two sentences that only open alike (……工作程序 / ……工作纪律) say different things
        if length < 20 and not _ends_a_clause(ctx, b) and not _ends_a_clause(ctx, norm.where(first + length - 1) + 1):
            continue
        if reported >= MOST:
            more += 1
            continue
        reported += 1
        pos = ctx.pos(norm.where(first))
        at = f"第{pos[0]}行" if pos else "前文"
        yield ctx.at(a, b, f"这段文字与{at}的重复，删去一处或改写")
    if more:
        yield ctx.whole(f"另有{more}处文字与前文重复，未逐一列出（全文像是多份稿子拼接而成，请通读删改）")


@rule("repeat/in-sentence", "warning", "实务（一句话中不重复同一说法）", "同一说法在一句话中出现了两次")
def in_sentence(ctx: Context) -> Iterator[Finding]:
    allowed = _allowed(ctx)
    for u in ctx.body_units():
        if u.role not in ("paragraph", "heading"):
            continue
        start = 0
        for m in [*_SENTENCE_END.finditer(u.text), None]:
            end = m.end() if m else len(u.text)
            piece = u.text[start:end]
            joined = SKIPPED.sub("", piece) if len(piece) >= 2 * IN_SENTENCE else ""
            grams = len(joined) - IN_SENTENCE + 1
            # most sentences say nothing twice: a set of their runs shows it without the walk below
            if grams > IN_SENTENCE and len({joined[i:i + IN_SENTENCE] for i in range(grams)}) < grams:
                where = [u.start + start + k for k, ch in enumerate(piece) if not SKIPPED.match(ch)]
                for first, second, length in _repeats(joined, IN_SENTENCE):
                    run = joined[second:second + length]
                    a, b = where[second], where[second + length - 1] + 1
                    # said again from the start of a clause; "在A中发展党员，在B中发展党员" is parallel, not repeated
                    if _is_allowed(run, allowed) or not _starts_a_clause(ctx, a):
                        continue
                    f_at = where[first]
                    if _in_title(ctx.text, a) or _in_title(ctx.text, f_at):
                        continue  # two titles 《中国共产党章程》《中国共产党……细则》 share words, not a statement
                    if _before_a_figure(ctx.text, b) and _before_a_figure(ctx.text, where[first + length - 1] + 1):
                        continue  # parallel statistics: "……占农民党员总数的12.5%，……占农民党员总数的30.9%"
                    yield ctx.at(a, b,
                                 f"“{run}”在这句话中已经说过，删去一处")
            start = end


@lru_cache(maxsize=1)
def _phrases() -> tuple[PhraseSet, frozenset[str]]:
    """Every fixed phrase, and those long enough to be checked per paragraph."""
    s = snippets_mod.load()
    found: set[str] = set()
    for f in s.formulations.values():
        if f.text.startswith("《"):
            continue  # a document title may be cited twice (引用 and 依据)
        found.add(f.text)
        found.update(p for p in re.split(r"[、，]", f.text) if len(p) >= 4)
    for entries in s.timelines.values():
        for e in entries:
            if not e.text.startswith("《") and len(e.text) >= 6:
                found.add(e.text)
                found.update(p for p in re.split(r"[、，]", e.text) if len(_normal(p)) >= 6)
    found.update(d.text for d in s.introduced if len(d.text) >= 6)
    phrases = sorted(p for p in found if len(_normal(p)) >= 4)
    return PhraseSet(phrases), frozenset(p for p in phrases if len(p) >= LONG_PHRASE)


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    """A cited title 《…》 or a campaign's name: compiled once, not per document."""
    campaigns = sorted({c.name for c in snippets_mod.load().campaigns}, key=len, reverse=True)
    return re.compile("《[^《》\n]{1,80}》" + "".join(f"|{re.escape(c)}" for c in campaigns))


@rule("repeat/phrase", "warning", "实务（同一提法在一句中不重复）", "同一固定提法在一句话（长提法在一段）中出现了两次")
def phrase(ctx: Context) -> Iterator[Finding]:
    phrases, long_ones = _phrases()
    # a phrase inside a name — a campaign (……思想主题教育) or a cited title 《……》 — is part of the name
    names = [m.span() for m in _names().finditer(ctx.text)]  # in order, not overlapping
    starts = [a for a, _ in names]

    def in_a_name(h) -> bool:
        k = bisect.bisect_right(starts, h[0]) - 1
        return k >= 0 and h[1] <= names[k][1]

    # longest match at each place: 优化结构 inside the 总要求 is not a hit
    hits = [h for h in phrases.finditer(ctx.text) if not in_a_name(h)]
    by_sentence: dict[tuple[int, int], list[tuple[int, str]]] = {}
    by_unit: dict[int, list[tuple[int, str]]] = {}
    for start, end, found in hits:
        sentence_seen = by_sentence.setdefault(ctx.sentence(start, end), [])
        unit_seen = by_unit.setdefault(ctx.unit_at(start).start, [])
        # said before if an earlier hit is this phrase or holds it (优化结构 after the whole 总要求)
        if any(found in earlier for at, earlier in sentence_seen if at + len(earlier) <= start):
            yield ctx.at(start, end, f"“{found}”在同一句中已出现过，删去一处")
        elif found in long_ones and any(found in earlier for at, earlier in unit_seen if at + len(earlier) <= start):
            yield ctx.at(start, end, f"“{found}”在本段中已出现过，删去一处")
        sentence_seen.append((start, found))
        unit_seen.append((start, found))
