"""repeat: what a reviewer strikes through on first reading — a sentence said twice in one
document, and a fixed phrase twice in one sentence ("控制总量、优化结构……的总要求，进一步优化结构")
or a long formulation twice in one paragraph. Drafts assembled from pieces (last year's file, a
范文, a generator's clauses) repeat themselves most.

The phrases are the project's own fixed formulations (snippets/formulations.yaml, their parts
between 、 of four characters or more) and era wordings (snippets/eras.yaml), so the rule grows
with them; a phrase inside a longer one found at the same place (优化结构 inside the 总要求) counts once."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from generator.core import snippets as snippets_mod
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.yamlrules import PhraseSet

MIN_SENTENCE = 15  # characters (punctuation and spaces not counted): shorter repeats are headings, stock phrases
LONG_PHRASE = 10  # a formulation this long said twice in one paragraph is one time too many
_NOT_TEXT = re.compile(r"[\s\u3000，,。．.、；;：:！!？?“”\"'‘’（）()《》〈〉【】\[\]—\-…·]")
_SENTENCE_END = re.compile(r"[。！？；\n]")


def _normal(text: str) -> str:
    return _NOT_TEXT.sub("", text)


@rule("repeat/sentence", "warning", "实务（同一句话不重复写两遍）", "同一句话在文中出现了两次")
def sentence(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for u in ctx.body_units():
        if u.role not in ("paragraph", "heading"):
            continue
        start = 0
        for m in [*_SENTENCE_END.finditer(u.text), None]:
            end = m.end() if m else len(u.text)
            piece = u.text[start:end]
            key = _normal(piece)
            if len(key) >= MIN_SENTENCE:
                a = u.start + start + (len(piece) - len(piece.lstrip()))
                if key in seen:
                    first = ctx.pos(seen[key])
                    where = f"第{first[0]}行" if first else "前文"
                    yield ctx.at(a, u.start + end, f"这句话与{where}的重复，删去一处或改写")
                else:
                    seen[key] = a
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


@rule("repeat/phrase", "warning", "实务（同一提法在一句中不重复）", "同一固定提法在一句话（长提法在一段）中出现了两次")
def phrase(ctx: Context) -> Iterator[Finding]:
    phrases, long_ones = _phrases()
    hits = list(phrases.finditer(ctx.text))  # longest match at each place: 优化结构 inside the 总要求 is not a hit
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
