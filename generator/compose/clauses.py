"""The clause corpus: one Markdown file per clause, YAML front matter = tags (docs/ARCHITECTURE.md decision 3).

Selection is deterministic: each clause gets a stable pseudo-random key from the unit's name, the
kind, the section and the variant number, so thirty villages get different text, a rerun gets the
same text, and adding a clause to the corpus disturbs few existing choices.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import resources
from generator.core import kinds as kinds_mod
from generator.core import snippets as snippets_mod
from generator.errors import CorpusError, InputError
from generator.infra.codec import decode_utf8
from generator.infra.fileio import read_input
from generator.infra.frontmatter import split

_FAR_PAST = dt.date(1900, 1, 1)
_FAR_FUTURE = dt.date(2999, 12, 31)
# A clause written for the unit's own type outweighs a general one this many times, so a village
# mostly reads like a village yet still draws on the shared clauses.
UNIT_BOOST = 3.0
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
        return kind in self.kinds and self.for_unit(unit) and self.valid_from <= day <= self.valid_to

    def for_unit(self, unit: str) -> bool:
        """Written for this unit type, for the broader type it belongs to (a [乡镇] clause for a 乡),
        or for any."""
        return "any" in self.units or any(u in self.units for u in lineage(unit))

    def own(self, unit: str) -> bool:
        """Written for this unit type or its broader type, not for any unit."""
        return any(u in self.units for u in lineage(unit))


def lineage(unit_type: str) -> list[str]:
    """The unit type and the broader one it belongs to: 乡 -> [乡, 乡镇]."""
    return snippets_mod.load().unit_types.get(unit_type, {}).get("lineage", [unit_type])


def _date(value, path: str, name: str, default: dt.date) -> dt.date:
    if value in (None, ""):
        return default
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        raise CorpusError(f"{path} {name} 应为 YYYY-MM-DD 日期，实际为“{value}”") from None
    if not _FAR_PAST <= day <= _FAR_FUTURE:  # 0001-01-01 or 9999-12-31 would overflow date arithmetic
        raise CorpusError(f"{path} {name} 应在 {_FAR_PAST} 与 {_FAR_FUTURE} 之间，实际为“{value}”（不限时请不写这一项）")
    return day


def _int(value, path: str, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise CorpusError(f"{path} {name} 应为整数，实际为“{str(value)[:30]}”") from None
    if abs(number) > 10**6:
        raise CorpusError(f"{path} {name} 数值过大（{str(value)[:30]}）")
    return number


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def sections_of(kind: str) -> tuple[str, ...]:
    """Corpus sections of a kind: its sections filled from clauses plus the extra ones its template
    picks (目标结构, 年度安排 …), as kinds.py lists them."""
    k = kinds_mod.KINDS[kind]
    return tuple(s.id for s in k.sections if s.corpus) + tuple(k.extra_corpus_sections)


def known_sections() -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for k in kinds_mod.KINDS for s in sections_of(k)))


def _key_line(text: str, key: str) -> int:
    """Line (1-based) of `key:` in a clause file's front matter; 1 when it is not there."""
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def parse_clause(text: str, path: str) -> Clause:
    try:
        meta, body, offset = split(text, path)
    except InputError as exc:
        raise CorpusError(str(exc)) from None
    if not meta:
        raise CorpusError(f"{path}：第1行缺少 YAML 文件头（--- 开头的 id、section、kinds、units 等）")

    def at(key: str) -> str:
        return f"{path}：第{_key_line(text, key)}行"

    unknown = sorted(set(map(str, meta)) - FIELDS)
    if unknown:
        raise CorpusError(f"{at(unknown[0])}文件头有未知字段 {'、'.join(unknown)}（可用：{'、'.join(sorted(FIELDS))}）")
    for name in REQUIRED:
        if meta.get(name) in (None, "", []):
            raise CorpusError(f"{path}：文件头缺少 {name}")
    for name in ("id", "section", "title", "topic", "when"):
        if isinstance(meta.get(name), (list, dict)):
            raise CorpusError(f"{at(name)} {name} 应为一个词，实际为“{meta[name]}”")
    units = _tuple(meta["units"])
    s = snippets_mod.load()
    resolved = []
    for u in units:
        if u == "any":
            resolved.append(u)
            continue
        uid = snippets_mod.unit_type_id(u, s)
        if uid is None:
            raise CorpusError(f"{at('units')} units 中的“{u}”不是已知单位类型（{'、'.join(s.unit_types)}、any）")
        resolved.append(uid)
    kinds = _tuple(meta["kinds"])
    for k in kinds:
        if k not in kinds_mod.KINDS:
            raise CorpusError(f"{at('kinds')} kinds 中的“{k}”不是已知文种（{'、'.join(kinds_mod.KINDS)}）")
    section = str(meta["section"])
    known = known_sections()
    if section not in known:
        raise CorpusError(f"{at('section')} section“{section}”不是已知部分（{'、'.join(known)}）")
    bad_kinds = [k for k in kinds if section not in sections_of(k)]
    if bad_kinds:
        raise CorpusError(f"{at('section')} section“{section}”不是文种 {'、'.join(bad_kinds)} 的组成部分")
    try:
        weight = float(meta.get("weight", 1) or 1)
    except (TypeError, ValueError):
        raise CorpusError(f"{at('weight')} weight 应为数字，实际为“{meta.get('weight')}”") from None
    if not 0 < weight <= 1000:  # also nan and inf, which would break the weighted choice
        raise CorpusError(f"{at('weight')} weight 应为大于 0、不超过 1000 的数，实际为“{meta.get('weight')}”")
    variables = _tuple(meta.get("variables"))
    for v in variables:
        if not re.fullmatch(r"[^\W\d][\w]*(\.[^\W\d][\w]*)*", v):
            raise CorpusError(f"{at('variables')} variables 中的“{v}”不是变量名（如 现状、目标.积极分子）")
    body = body.strip("\n")
    if not body.strip():
        raise CorpusError(f"{path}：第{offset + 1}行起正文为空")
    clause = Clause(
        id=str(meta["id"]),
        section=section,
        kinds=kinds,
        units=tuple(resolved),
        body=body,
        valid_from=_date(meta.get("valid_from"), at("valid_from"), "valid_from", _FAR_PAST),
        valid_to=_date(meta.get("valid_to"), at("valid_to"), "valid_to", _FAR_FUTURE),
        variables=variables,
        weight=weight,
        title=str(meta["title"]) if meta.get("title") else None,
        topic=str(meta["topic"]) if meta.get("topic") else None,
        when=str(meta["when"]) if meta.get("when") else None,
        order=_int(meta.get("order", 50), at("order"), "order"),
        path=path,
        body_line=offset + 1,
    )
    if clause.valid_from > clause.valid_to:
        raise CorpusError(f"{at('valid_to')} valid_from {clause.valid_from} 晚于 valid_to {clause.valid_to}")
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
        topics: Iterable[str] = (),
        accept: Callable[[Clause], bool] | None = None,
    ) -> list[Clause]:
        """Pick `count` clauses for a section: pinned ones first, then one for each required topic
        that is still open, then the rest by stable weighted draw; at most one per topic.
        `when`: only clauses whose condition is in this set (or none). `accept`: a clause it
        refuses (one that would repeat what the document already says) is taken only when no
        other fits."""
        pinned, ranked = self._ranked(kind, section, unit_type, day, seed, tuple(include), tuple(exclude),
                                      None if when is None else frozenset(when))
        chosen: list[Clause] = list(pinned)
        taken = {c.topic for c in chosen if c.topic}
        verdicts: dict[str, bool] = {}

        def ordered() -> Iterator[Clause]:
            """`ranked`, the clauses `accept` refuses last (still there when nothing else fits).
            Asked lazily: a clause past the ones taken is never rendered to be judged."""
            if accept is None or len(ranked) == 1:  # one candidate: taken whatever the verdict
                yield from ranked
                return
            for c in ranked:
                if c.id not in verdicts:
                    verdicts[c.id] = accept(c)
                if verdicts[c.id]:
                    yield c
            yield from (c for c in ranked if not verdicts[c.id])

        for topic in topics:
            if topic in taken:
                continue
            for c in ordered():
                if c.topic == topic:
                    chosen.append(c)
                    taken.add(topic)
                    break
        for c in ordered() if len(chosen) < count else ():
            if c in chosen or (c.topic and c.topic in taken):
                continue
            chosen.append(c)
            if c.topic:
                taken.add(c.topic)
            if len(chosen) >= count:
                break  # before the next one is judged
        return sorted(chosen, key=lambda c: (c.order, c.id))

    def _ranked(self, kind: str, section: str, unit_type: str, day: dt.date, seed: str, include: tuple[str, ...],
                exclude: tuple[str, ...], when: frozenset[str] | None) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
        """The pinned candidates and every candidate in draw order: the same for every document of a
        batch with the same date (a thousand 批复 ask for the same two sections), so kept."""
        key = (kind, section, unit_type, day, seed, include, exclude, when)
        memo = self.__dict__.get("_ranked_memo")
        if memo is None or memo[0] != len(self.clauses):
            memo = self.__dict__["_ranked_memo"] = (len(self.clauses), {})
        hit = memo[1].get(key)
        if hit is not None:
            return hit
        candidates = self.candidates(kind, section, unit_type, day, exclude, when)
        ids = {c.id for c in candidates}
        pinned = tuple(self.clauses[i] for i in include if i in ids)

        def draw(c: Clause) -> float:
            digest = hashlib.sha256(f"{seed}|{c.id}".encode()).digest()
            u = (int.from_bytes(digest[:8], "big") + 1) / 2**64
            boost = UNIT_BOOST if c.own(unit_type) else 1.0
            # Efraimidis–Spirakis: u^(1/w) orders a weighted sample without replacement.
            return u ** (1.0 / (c.weight * boost))

        if len(memo[1]) >= 4096:  # a long-lived process (the workbench) asking for many dates
            memo[1].clear()
        hit = memo[1][key] = (pinned, tuple(sorted(candidates, key=draw, reverse=True)))
        return hit

    def candidates(
        self,
        kind: str,
        section: str,
        unit_type: str,
        day: dt.date,
        exclude: Iterable[str] = (),
        when: Iterable[str] | None = None,
    ) -> list[Clause]:
        excluded = set(exclude)
        conditions = set(when) if when is not None else None
        return [
            c
            for c in self._in_section(section)
            if c.fits(kind, unit_type, day)
            and c.id not in excluded
            and (c.when is None if conditions is None else (c.when is None or c.when in conditions))
        ]

    def _in_section(self, section: str) -> list[Clause]:
        """The section's clauses (an index built once: a batch of 批复 asks a thousand times)."""
        index = self.__dict__.get("_sections")
        if index is None or index[0] != len(self.clauses):
            by: dict[str, list[Clause]] = {}
            for c in self.clauses.values():
                by.setdefault(c.section, []).append(c)
            index = self.__dict__["_sections"] = (len(self.clauses), by)
        return index[1].get(section, [])

    def filter(
        self,
        section: str | None = None,
        unit_type: str | None = None,
        kind: str | None = None,
        day: dt.date | None = None,
    ) -> list[Clause]:
        """Clauses for `gongwen corpus list`, in section order then id. A unit filter keeps the
        clauses that unit can get (its own and the general ones)."""
        order = {s: i for i, s in enumerate(known_sections())}
        out = [
            c
            for c in self.clauses.values()
            if (section is None or c.section == section)
            and (unit_type is None or c.for_unit(unit_type))
            and (kind is None or kind in c.kinds)
            and (day is None or c.valid_from <= day <= c.valid_to)
        ]
        return sorted(out, key=lambda c: (order.get(c.section, 99), c.order, c.id))

    def merged(self, other: "Corpus") -> "Corpus":
        out = dict(self.clauses)
        out.update(other.clauses)  # a user clause with the same id replaces the built-in one
        return Corpus(out)


def load_dir(directory: Path, problems: list[str] | None = None) -> Corpus:
    """All clauses under `directory`. The first broken file raises CorpusError; with a `problems`
    list, every broken file is recorded there instead and the good ones are still loaded."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}：语料目录不存在")
    clauses: dict[str, Clause] = {}
    for path in sorted(directory.rglob("*.md")):
        if path.name.lower() == "readme.md" or any(p.startswith(".") for p in path.relative_to(directory).parts):
            continue
        try:
            clause = _read_clause(path)
            if clause.id in clauses:
                raise CorpusError(f"{clause.path}：第{_key_line(path.read_text(encoding='utf-8-sig'), 'id')}行 id“{clause.id}”与 {clauses[clause.id].path} 重复")
        except CorpusError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
            continue
        clauses[clause.id] = clause
    return Corpus(clauses)


def shown_path(path: Path) -> str:
    """A clause file as messages name it: relative to the working directory when inside it, the
    built-in ones as corpus/…, others in full."""
    path = Path(path).resolve()
    for base in (Path.cwd(), resources.root()):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def _read_clause(path: Path) -> Clause:
    shown = shown_path(path)
    try:
        text = decode_utf8(read_input(path), shown, "Markdown 条文文件")
    except InputError as exc:  # a clause file that cannot be read is the corpus's problem
        raise CorpusError(str(exc).replace(str(path), shown, 1)) from None
    return parse_clause(text, shown)


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...]) -> Corpus:
    corpus = load_dir(resources.corpus_dir())
    for d in dirs:
        corpus = corpus.merged(load_dir(Path(d)))
    return corpus


def load(extra_dirs: Iterable[str | Path] = ()) -> Corpus:
    """The built-in corpus plus user corpora (later ones win on equal ids); parsed once per process."""
    return _load_cached(tuple(str(Path(d).resolve()) for d in extra_dirs))
