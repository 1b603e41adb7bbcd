"""The clause corpus: one Markdown file per clause, YAML front matter = tags (DESIGN.md decision 3).

Selection is deterministic: each clause gets a stable pseudo-random key from the unit's name, the
kind, the section and the variant number, so thirty villages get different text, a rerun gets the
same text, and adding a clause to the corpus disturbs few existing choices.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import kinds as kinds_mod
from . import resources
from . import snippets as snippets_mod
from .errors import CorpusError, InputError
from .frontmatter import split

_FAR_PAST = dt.date(1900, 1, 1)
_FAR_FUTURE = dt.date(2999, 12, 31)
FIELDS = {"id", "section", "kinds", "units", "valid_from", "valid_to", "variables", "weight", "title", "topic", "when", "order", "note"}
REQUIRED = ("id", "section", "kinds", "units")


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    kinds: tuple[str, ...]
    units: tuple[str, ...]  # unit type ids, or ("any",)
    body: str
    valid_from: dt.date = _FAR_PAST
    valid_to: dt.date = _FAR_FUTURE
    variables: tuple[str, ...] = ()
    weight: float = 1.0
    title: str | None = None  # heading of an item clause (（一）…), None for prose
    topic: str | None = None  # at most one clause per topic in a document
    when: str | None = None  # a condition on the figures (summary: 达标 / 未达标:女 …)
    order: int = 50  # reading order of the chosen items of a section (入口 before 培养 …)
    path: str = ""
    body_line: int = 1  # line of the file where the body starts

    def fits(self, kind: str, unit: str, day: dt.date) -> bool:
        return (
            kind in self.kinds
            and ("any" in self.units or unit in self.units)
            and self.valid_from <= day <= self.valid_to
        )


def _date(value, path: str, name: str, default: dt.date) -> dt.date:
    if value in (None, ""):
        return default
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"{path}：字段 {name} 应为 YYYY-MM-DD 日期，实际为“{value}”") from None


def _int(value, path: str, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CorpusError(f"{path}：字段 {name} 应为整数，实际为“{value}”") from None


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def parse_clause(text: str, path: str) -> Clause:
    try:
        meta, body, offset = split(text, path)
    except InputError as exc:
        raise CorpusError(str(exc)) from None
    if not meta:
        raise CorpusError(f"{path}：第1行缺少 YAML 文件头（--- 开头的 id、section、kinds、units 等）")
    unknown = set(map(str, meta)) - FIELDS
    if unknown:
        raise CorpusError(f"{path}：文件头有未知字段 {'、'.join(sorted(unknown))}（可用：{'、'.join(sorted(FIELDS))}）")
    for name in REQUIRED:
        if meta.get(name) in (None, "", []):
            raise CorpusError(f"{path}：文件头缺少 {name}")
    units = _tuple(meta["units"])
    s = snippets_mod.load()
    resolved = []
    for u in units:
        if u == "any":
            resolved.append(u)
            continue
        uid = snippets_mod.unit_type_id(u, s)
        if uid is None:
            raise CorpusError(f"{path}：units 中的“{u}”不是已知单位类型（{'、'.join(s.unit_types)}、any）")
        resolved.append(uid)
    kinds = _tuple(meta["kinds"])
    for k in kinds:
        if k not in kinds_mod.KINDS:
            raise CorpusError(f"{path}：kinds 中的“{k}”不是已知文种（{'、'.join(kinds_mod.KINDS)}）")
    section = str(meta["section"])
    known_sections = {sec.id for k in kinds_mod.KINDS.values() for sec in k.sections} | {"目标结构", "年度安排"}
    if section not in known_sections:
        raise CorpusError(f"{path}：section“{section}”不是已知部分（{'、'.join(sorted(known_sections))}）")
    try:
        weight = float(meta.get("weight", 1) or 1)
    except (TypeError, ValueError):
        raise CorpusError(f"{path}：weight 应为数字，实际为“{meta.get('weight')}”") from None
    if weight <= 0:
        raise CorpusError(f"{path}：weight 应大于 0")
    body = body.strip("\n")
    if not body.strip():
        raise CorpusError(f"{path}：正文为空")
    clause = Clause(
        id=str(meta["id"]),
        section=section,
        kinds=kinds,
        units=tuple(resolved),
        body=body,
        valid_from=_date(meta.get("valid_from"), path, "valid_from", _FAR_PAST),
        valid_to=_date(meta.get("valid_to"), path, "valid_to", _FAR_FUTURE),
        variables=_tuple(meta.get("variables")),
        weight=weight,
        title=str(meta["title"]) if meta.get("title") else None,
        topic=str(meta["topic"]) if meta.get("topic") else None,
        when=str(meta["when"]) if meta.get("when") else None,
        order=_int(meta.get("order", 50), path, "order"),
        path=path,
        body_line=offset + 1,
    )
    if clause.valid_from > clause.valid_to:
        raise CorpusError(f"{path}：valid_from {clause.valid_from} 晚于 valid_to {clause.valid_to}")
    return clause


@dataclass
class Corpus:
    clauses: dict[str, Clause] = field(default_factory=dict)

    def select(
        self,
        kind: str,
        section: str,
        unit_type: str,
        day: dt.date,
        seed: str,
        count: int = 1,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        when: Iterable[str] | None = None,
    ) -> list[Clause]:
        """Pick `count` clauses for a section: pinned ones first, then by stable weighted draw,
        at most one per topic. `when`: only clauses whose condition is in this set (or none)."""
        excluded = set(exclude)
        conditions = set(when) if when is not None else None
        candidates = [
            c
            for c in self.clauses.values()
            if c.section == section
            and c.fits(kind, unit_type, day)
            and c.id not in excluded
            and (c.when is None if conditions is None else (c.when is None or c.when in conditions))
        ]
        pinned = [self.clauses[i] for i in include if i in self.clauses and self.clauses[i] in candidates]
        chosen: list[Clause] = list(pinned)
        topics = {c.topic for c in chosen if c.topic}

        def key(c: Clause) -> float:
            digest = hashlib.sha256(f"{seed}|{c.id}".encode()).digest()
            u = (int.from_bytes(digest[:8], "big") + 1) / 2**64
            boost = 3.0 if unit_type in c.units else 1.0
            # Efraimidis–Spirakis: u^(1/w) orders a weighted sample without replacement.
            return u ** (1.0 / (c.weight * boost))

        for c in sorted(candidates, key=key, reverse=True):
            if len(chosen) >= count:
                break
            if c in chosen or (c.topic and c.topic in topics):
                continue
            chosen.append(c)
            if c.topic:
                topics.add(c.topic)
        return sorted(chosen, key=lambda c: (c.order, c.id))

    def merged(self, other: "Corpus") -> "Corpus":
        out = dict(self.clauses)
        out.update(other.clauses)  # a user clause with the same id replaces the built-in one
        return Corpus(out)


def load_dir(directory: Path) -> Corpus:
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}：语料目录不存在")
    clauses: dict[str, Clause] = {}
    for path in sorted(directory.rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CorpusError(f"{path}：不是 UTF-8 编码") from None
        clause = parse_clause(text, str(path))
        if clause.id in clauses:
            raise CorpusError(f"{path}：id“{clause.id}”与 {clauses[clause.id].path} 重复")
        clauses[clause.id] = clause
    return Corpus(clauses)


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...]) -> Corpus:
    corpus = load_dir(resources.corpus_dir())
    for d in dirs:
        corpus = corpus.merged(load_dir(Path(d)))
    return corpus


def load(extra_dirs: Iterable[str | Path] = ()) -> Corpus:
    """The built-in corpus plus user corpora (later ones win on equal ids); parsed once per process."""
    return _load_cached(tuple(str(Path(d).resolve()) for d in extra_dirs))
