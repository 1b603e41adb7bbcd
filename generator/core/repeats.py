"""Text said twice: the measure lint's repeat rules and the generator's clause choice share, so a
generated document never repeats what lint would flag. Punctuation and spaces are not counted
("坚持标准，保证质量" repeats "坚持标准、保证质量")."""
from __future__ import annotations

import re
from typing import Iterable

PASSAGE = 14  # characters (punctuation not counted) said twice in one document: one repeat too many
NOT_TEXT = re.compile(r"[\s\u3000，,。．.、；;：:！!？?“”\"'‘’（）()《》〈〉【】\[\]—\-…·]")
# digits are not counted either: "2025年上半年新发展的党员中" before different figures is a stock
# phrase, and 15名 / 12名 do not make two statements different
SKIPPED = re.compile(r"[\s\u3000，,。．.、；;：:！!？?“”\"'‘’（）()《》〈〉【】\[\]—\-…·0-9０-９%％.]")


def normal(text: str) -> str:
    return SKIPPED.sub("", text)


def grams(text: str, n: int = PASSAGE) -> set[str]:
    """Every run of n characters of the text as normalised, except runs inside a name a document
    may repeat (allowed_names)."""
    t = normal(text)
    inside = _name_grams(n)  # a run inside a name is one of the name's own runs: a set lookup
    return {g for g in (t[i:i + n] for i in range(len(t) - n + 1)) if g not in inside}


_NAME_GRAMS: dict[int, frozenset[str]] = {}


def _name_grams(n: int) -> frozenset[str]:
    found = _NAME_GRAMS.get(n)
    if found is None:
        found = _NAME_GRAMS[n] = frozenset(a[i:i + n] for a in allowed_names() for i in range(len(a) - n + 1))
    return found


def repeats_any(text: str, said: Iterable[str] | set[str], n: int = PASSAGE) -> bool:
    """Whether `text` says again a run of n characters of what `said` (grams) holds."""
    said = said if isinstance(said, set) else set(said)
    if not said:
        return False
    t = normal(text)
    return any(t[i:i + n] in said for i in range(len(t) - n + 1))


def allowed_names() -> set[str]:
    """Runs a document may repeat: the names of the documents it cites and of a unit's parts."""
    from generator.core import snippets

    s = snippets.load()
    texts = [f.text for f in s.formulations.values() if f.text.startswith("《")]
    texts += [v for d in s.unit_types.values() for v in d.values() if isinstance(v, str)]
    return {normal(t) for t in texts if t}
