"""`gongwen corpus search`: find clauses by words. Query and clause texts are segmented with the
project's jieba tokenizer (domain dictionary: 发展对象, 两个维护 … stay whole) and ranked by BM25
over the text each clause gives today (title counted twice), with a bonus when the whole query
appears verbatim."""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from generator.compose.clauses import Clause, Corpus
from generator.core import snippets
from generator.corpus.view import rendered
from generator.errors import InputError

K1, B = 1.5, 0.75
PHRASE_BONUS = 2.0


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(str(w) for w in snippets.data("search").get("stopwords", []))


def terms(text: str) -> list[str]:
    from generator.core.segment import cut

    out = []
    for w in cut(text):
        w = w.strip().lower()
        if not w or w in stopwords() or all(unicodedata.category(ch)[0] in "PSZC" for ch in w):
            continue
        out.append(w)
    return out


@dataclass(frozen=True)
class Hit:
    clause: Clause
    score: float
    text: str  # the rendered text that was searched
    words: tuple[str, ...]  # query words found in it


class Index:
    def __init__(self, clauses: list[Clause], day: dt.date | None = None):
        self.docs: list[tuple[Clause, str, Counter, int]] = []
        for c in clauses:
            text = rendered(c, day)
            tokens = terms(f"{c.title or ''}\n{c.title or ''}\n{c.id}\n{text}")
            self.docs.append((c, text, Counter(tokens), len(tokens)))
        self.avg = sum(n for *_, n in self.docs) / len(self.docs) if self.docs else 0.0
        self.df: Counter = Counter()
        for _, _, tf, _ in self.docs:
            self.df.update(tf.keys())

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        words = list(dict.fromkeys(terms(query)))
        phrase = "".join(query.split())
        if not words:
            raise InputError(f"检索词“{query.strip()}”为空或只有虚词：请写要找的实词，如 gongwen corpus search 致富能手")
        n = len(self.docs)
        hits = []
        for c, text, tf, length in self.docs:
            score = 0.0
            found = []
            for w in words:
                f = tf.get(w, 0)
                if not f:
                    continue
                found.append(w)
                idf = math.log(1 + (n - self.df[w] + 0.5) / (self.df[w] + 0.5))
                score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * length / (self.avg or 1)))
            if len(phrase) > 1 and (phrase in text or phrase in (c.title or "")):
                score += PHRASE_BONUS
                if phrase not in found:
                    found.append(phrase)
            if score > 0:
                hits.append(Hit(c, score, text, tuple(found)))
        hits.sort(key=lambda h: (-h.score, h.clause.id))
        return hits[:limit]


def search(corpus: Corpus, query: str, clauses: list[Clause] | None = None, limit: int = 10,
           day: dt.date | None = None) -> list[Hit]:
    return Index(clauses if clauses is not None else list(corpus.clauses.values()), day).search(query, limit)
