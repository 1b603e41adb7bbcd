"""Small text helpers the rules share: Chinese characters, sentences, sections, lint data files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from generator.core import snippets
from generator.core.model import Document, Heading, Paragraph
from generator.core.numbering import split_number

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
_SENTENCE = re.compile(r"[^。！？；\n]+")


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence or clause-run (split at 。！？； and line ends); linear."""
    for m in _SENTENCE.finditer(text):
        yield m.start(), m.end()


@lru_cache(maxsize=None)
def lint_data(name: str) -> dict:
    """snippets/lint/<name>.yaml, parsed once per process."""
    data = snippets.data(f"lint/{name}")
    return data if isinstance(data, dict) else {}


@dataclass
class Top:
    """A top-level heading of a document: a Heading, or a paragraph that starts with a number
    and runs on ("一、指导思想。坚持……")."""

    index: int  # block index
    level: int
    number: str
    text: str  # heading text without the number (for a run-in heading, up to the first stop)


def numbered_blocks(doc: Document) -> list[Top]:
    out = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Heading):
            out.append(Top(i, b.level, b.number, b.text))
        elif isinstance(b, Paragraph):
            found = split_number(b.text)
            if found:
                level, number, _, rest = found
                out.append(Top(i, level, number, re.split(r"[。：:；，]", rest, maxsplit=1)[0]))
    return out


def top_level(doc: Document) -> list[Top]:
    """Headings of the highest level used in the document (level 1 normally)."""
    nb = numbered_blocks(doc)
    named = [t for t in nb if t.number or isinstance(doc.blocks[t.index], Heading)]
    if not named:
        return []
    best = min(t.level for t in named)
    return [t for t in named if t.level == best]


def section_ranges(doc: Document) -> list[tuple[Top, int, int]]:
    """Each top-level heading with the block range [start, end) of its section."""
    tops = top_level(doc)
    out = []
    for k, t in enumerate(tops):
        end = tops[k + 1].index if k + 1 < len(tops) else len(doc.blocks)
        out.append((t, t.index, end))
    return out


def edit_distance(a: str, b: str, limit: int = 99) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]

