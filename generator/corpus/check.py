"""`gongwen corpus check`: prove that the clause corpus is sound before a writer relies on it.

- every clause file parses (front matter, known tags) — all broken files are listed, not just one;
- the variables a clause declares are the ones it uses, and exist in the kinds' contexts;
- every era term (`era.X`) and formulation (`f.X`) a clause or template names exists in snippets/;
- every clause renders on every date boundary of its validity (era timelines and formulations
  change wording on those days), for each of its kinds and unit types, with nothing left over;
- no clause types out a fixed formulation or era phrase that snippets/ holds (single source);
- no gaps: for every kind × unit type × day from the first supported date on, each section a
  kind's template draws from has enough clauses (and the topics the template requires);
- every text a clause gives lints clean (gongwen lint, without the rules that judge whole documents).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jinja2
from jinja2 import meta as jinja_meta
from jinja2 import nodes

from generator import resources
from generator.compose import clauses as corpus_mod
from generator.compose.assemble import GLOBAL_NAMES, dated_context, earliest_date, environment, render_clause
from generator.core import kinds as kinds_mod
from generator.core import snippets as snippets_mod
from generator.corpus.samples import sample_context
from generator.errors import GongwenError, TemplateError
from generator.lint.fragment import lint_text

ONE_DAY = dt.timedelta(days=1)
# The timeline whose periods name where a gap lies (十八大时期 …): the congress in office.
ERA_TIMELINE = "现任大会"
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_MIN_RETYPED = 6  # shorter snippet texts (十九大, 党章 …) are ordinary words, not formulations to guard
# None next to Chinese characters has no \b around it (they are word characters too)
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|(?<![A-Za-z])None(?![A-Za-z])|Undefined|××|XX|xx")


@dataclass
class Report:
    clauses: int = 0
    problems: list[str] = field(default_factory=list)
    dates_checked: int = 0
    linted: bool = False
    rendered: set[str] = field(default_factory=set)  # ids of the clauses rendered at least once

    @property
    def ok(self) -> bool:
        return not self.problems


# --- what a template text refers to ---------------------------------------------------------
@dataclass
class Refs:
    names: set[str]  # top-level names used and not defined in the text itself
    paths: set[str]  # dotted paths used (单位.简称, 目标.积极分子)
    era_terms: list[tuple[str, int]]  # (timeline name, line)
    formulations: list[tuple[str, int]]  # (formulation id, line)
    name_lines: dict[str, int]


def references(source: str, env: jinja2.Environment) -> Refs:
    ast = env.parse(source)
    names = set(jinja_meta.find_undeclared_variables(ast))
    paths: set[str] = set()
    era_terms: list[tuple[str, int]] = []
    formulations: list[tuple[str, int]] = []
    name_lines: dict[str, int] = {}
    for n in ast.find_all(nodes.Name):
        if n.ctx == "load":
            name_lines.setdefault(n.name, n.lineno)
    for n in ast.find_all((nodes.Getattr, nodes.Getitem)):
        chain = _chain(n)
        if chain:
            paths.add(".".join(chain))
        base = n.node
        if isinstance(base, nodes.Name) and base.name in ("era", "f"):
            key = n.attr if isinstance(n, nodes.Getattr) else (n.arg.value if isinstance(n.arg, nodes.Const) else None)
            if key is None or key in ("label", "entry", "day"):
                continue
            (era_terms if base.name == "era" else formulations).append((str(key), n.lineno))
    for n in ast.find_all(nodes.Call):
        fn = n.node
        if (
            isinstance(fn, nodes.Getattr)
            and isinstance(fn.node, nodes.Name)
            and fn.node.name == "era"
            and fn.attr in ("label", "entry")
            and n.args
            and isinstance(n.args[0], nodes.Const)
        ):
            era_terms.append((str(n.args[0].value), n.lineno))
    return Refs(names, paths, era_terms, formulations, name_lines)


def _chain(n) -> list[str] | None:
    parts: list[str] = []
    while isinstance(n, (nodes.Getattr, nodes.Getitem)):
        if isinstance(n, nodes.Getattr):
            parts.append(n.attr)
        elif isinstance(n.arg, nodes.Const) and isinstance(n.arg.value, str):
            parts.append(n.arg.value)
        else:
            return None
        n = n.node
    if not isinstance(n, nodes.Name):
        return None
    parts.append(n.name)
    return parts[::-1]


_WORDINGS = 4  # the most wordings one one_of(…) may offer that corpus check renders each of


def _nth_wording(k: int):
    def one_of(*wordings: str) -> str:
        if len(wordings) > _WORDINGS:
            raise TemplateError(f"one_of 最多 {_WORDINGS} 种写法，实际 {len(wordings)} 种")
        return str(wordings[k % len(wordings)]) if wordings else ""
    return one_of


# --- the check ------------------------------------------------------------------------------
def boundary_dates(s: snippets_mod.Snippets) -> list[dt.date]:
    """Days on which some wording changes (and their neighbours), from the era and formulation
    tables: rendering on each of them meets every wording a clause can get."""
    days: set[dt.date] = set()
    for entries in s.timelines.values():
        for e in entries:
            days.update((e.valid_from, e.valid_to))
    for f in s.formulations.values():
        days.update((f.valid_from, f.valid_to))
    days.update(p.end for p in s.plenums)  # 大会精神 names the plenums held (Snippets.congress_spirit)
    days.update(s.congresses.values())
    out: set[dt.date] = set()
    for d in days:
        if dt.date(1901, 1, 1) < d < dt.date(2998, 1, 1):
            out.update((d - ONE_DAY, d, d + ONE_DAY))
    return sorted(out)


def check(extra_dirs: Iterable[str | Path] = (), lint: bool = True, builtin: bool = True) -> Report:
    """Check the built-in corpus plus `extra_dirs` (as generation would see them merged); with
    builtin=False only `extra_dirs`, e.g. a unit's own corpus on its own."""
    report = Report()
    s = snippets_mod.load()
    corpus = _load_all(extra_dirs, report, builtin)
    report.clauses = len(corpus.clauses)
    env = environment()
    floor = earliest_date(s)
    days = boundary_dates(s)
    horizon = max(max(days) + ONE_DAY, dt.date.today())
    samples: dict[tuple[str, str, str | None], dict | None] = {}

    def sample(kind: str, unit: str, when: str | None) -> dict | None:
        key = (kind, unit, when)
        if key not in samples:
            samples[key] = sample_context(kind, unit, floor, when)
        return samples[key]

    rendered: list[tuple[corpus_mod.Clause, str, dt.date, str]] = []  # clause, kind, day, text
    for c in sorted(corpus.clauses.values(), key=lambda c: c.path):
        refs = _static_problems(c, env, s, sample, report)
        if refs is None:
            continue
        lo, hi = max(c.valid_from, floor), min(c.valid_to, horizon)
        if lo > hi:
            report.problems.append(f"{c.path}：语料 {c.id} 的有效期 {c.valid_from}—{c.valid_to} 早于提法表的起点 {floor}，永远不会被选用")
            continue
        clause_days = sorted({lo, hi, *(d for d in days if lo <= d <= hi)})
        units = list(s.unit_types) if "any" in c.units else list(c.units)
        # every date with one kind and unit, every kind and unit on the first date: era wording
        # depends on the date, the rest of the context on the kind and unit type
        combos = [(c.kinds[0], units[0], d) for d in clause_days]
        combos += [(k, u, lo) for k in c.kinds for u in units if (k, u) != (c.kinds[0], units[0])]
        for kind, unit, day in combos:
            ctx = sample(kind, unit, c.when)
            if ctx is None:
                continue  # no sample data for this kind: its static checks above still ran
            report.dates_checked += 1
            failed = False
            # a clause with one_of(…) is rendered once per wording: each must be right
            for k in range(_WORDINGS if "one_of(" in c.body else 1):
                context = dated_context(ctx, day)
                if k or "one_of(" in c.body:
                    context["one_of"] = _nth_wording(k)
                try:
                    text = render_clause(env, c, context)
                except GongwenError as exc:
                    report.problems.append(f"{exc}（{_kind_name(kind)}，{unit}，{day.isoformat()}）")
                    failed = True
                    break
                left = _LEFTOVER.search(text)
                if left:
                    report.problems.append(f"{c.path}：语料 {c.id} 生成后留有“{left.group(0)}”（{day.isoformat()}）")
                    failed = True
                    break
                rendered.append((c, kind, day, text))
            if failed:
                break
            report.rendered.add(c.id)
    _template_problems(env, s, report)
    _coverage_problems(corpus, s, floor, horizon, report)
    if lint:
        report.linted = _lint_problems(rendered, report)
    return report


def _load_all(extra_dirs: Iterable[str | Path], report: Report, builtin: bool) -> corpus_mod.Corpus:
    problems: list[str] = []
    corpus = corpus_mod.load_dir(resources.corpus_dir(), problems) if builtin else corpus_mod.Corpus()
    for d in extra_dirs:
        corpus = corpus.merged(corpus_mod.load_dir(Path(d), problems))
    report.problems.extend(problems)
    return corpus


def _kind_name(kind: str) -> str:
    return kinds_mod.KINDS[kind].name


def _static_problems(c, env, s, sample, report: Report) -> Refs | None:
    where = lambda line: f"{c.path}：第{c.body_line + line - 1}行"  # noqa: E731
    try:
        refs = references(c.body, env)
    except jinja2.TemplateSyntaxError as exc:
        report.problems.append(f"{where(exc.lineno)}语料 {c.id} 模板语法错误（{exc.message}）")
        return None
    allowed = GLOBAL_NAMES | set(env.globals)
    declared_tops = {v.split(".")[0] for v in c.variables}
    bad = False
    for name in sorted(refs.names - allowed - declared_tops):
        report.problems.append(f"{where(refs.name_lines.get(name, 1))}语料 {c.id} 用到变量“{name}”，但文件头 variables 没有声明")
        bad = True
    used = refs.paths | refs.names
    for v in c.variables:
        if not any(p == v or p.startswith(v + ".") or v.startswith(p + ".") for p in used):
            report.problems.append(f"{c.path}：语料 {c.id} 的 variables 声明了“{v}”，正文没有用到")
            bad = True
    for kind in c.kinds:
        ctx = sample(kind, next(iter(s.unit_types)) if "any" in c.units else c.units[0], c.when)
        if ctx is None:
            continue
        for v in c.variables:
            if v.split(".")[0] not in ctx:
                known = "、".join(k for k in ctx if k not in GLOBAL_NAMES)
                report.problems.append(f"{c.path}：语料 {c.id} 的 variables 中“{v}”不是{_kind_name(kind)}可用的变量（可用：{known}）")
                bad = True
    for term, line in refs.era_terms:
        if term not in s.timelines:
            report.problems.append(f"{where(line)}语料 {c.id} 用到提法“era.{term}”，snippets/eras.yaml 中没有这条时间线")
            bad = True
    for fid, line in refs.formulations:
        if fid not in s.formulations:
            report.problems.append(f"{where(line)}语料 {c.id} 用到固定提法“f.{fid}”，snippets/formulations.yaml 中没有")
            bad = True
        else:
            f = s.formulations[fid]
            if f.valid_from > c.valid_from and f.valid_from > earliest_date(s) or f.valid_to < c.valid_to:
                # reported with the exact day by the rendering below; say why here
                report.problems.append(
                    f"{where(line)}语料 {c.id} 的有效期（{_span(c.valid_from, c.valid_to)}）超出了固定提法“{fid}”的有效期"
                    f"（{_span(f.valid_from, f.valid_to)}），请在文件头设置 valid_from / valid_to"
                )
                bad = True
    literal = _JINJA.sub(lambda m: "\n" * m.group(0).count("\n") + "\x00", c.body)  # the text around the tags
    for text, use in _retyped(s):
        at = literal.find(text)
        if at >= 0:
            line = literal.count("\n", 0, at) + 1
            report.problems.append(f"{where(line)}语料 {c.id} 直接写了固定提法“{text}”，请改用 {use}（单一来源：snippets/）")
    return None if bad else refs


def _retyped(s) -> list[tuple[str, str]]:
    """Fixed wording a clause must take from snippets/ rather than type: (text, what to write)."""
    out = [(f.text, f"{{{{ f.{fid} }}}}") for fid, f in s.formulations.items() if len(f.text) >= _MIN_RETYPED]
    for name, entries in s.timelines.items():
        out += [(e.text, f"{{{{ era.{name} }}}}") for e in entries if e.ref is None and len(e.text) >= _MIN_RETYPED]
    return out


def _span(a: dt.date, b: dt.date) -> str:
    left = "不限" if a.year <= 1900 else a.isoformat()
    right = "不限" if b.year >= 2999 else b.isoformat()
    return f"{left}至{right}"


# --- templates ------------------------------------------------------------------------------
_PICK = re.compile(r"""\b(pick|clause)\(\s*["']([^"']+)["']\s*(?:,\s*(\d+))?(?:[^)]*?topics\s*=\s*\[([^\]]*)\])?""")


@dataclass(frozen=True)
class Need:
    section: str
    count: int
    topics: tuple[str, ...]


def template_needs(kind: kinds_mod.Kind) -> list[Need] | None:
    """What a kind's template draws from the corpus: sections, how many clauses, required topics.
    None when the kind has no template yet."""
    path = resources.templates_dir() / kind.template
    if not kind.template or not path.is_file():
        return None
    needs: dict[str, Need] = {}
    for m in _PICK.finditer(path.read_text(encoding="utf-8")):
        section, count = m.group(2), int(m.group(3) or 1)
        topics = tuple(t.strip().strip("\"'") for t in (m.group(4) or "").split(",") if t.strip())
        old = needs.get(section)
        if old is None or count > old.count:
            needs[section] = Need(section, count, topics)
    return list(needs.values())


def _template_problems(env, s, report: Report) -> None:
    for kind in kinds_mod.KINDS.values():
        path = resources.templates_dir() / kind.template
        if not kind.template or not path.is_file():
            continue
        shown = f"templates/{kind.template}"
        try:
            refs = references(path.read_text(encoding="utf-8"), env)
        except jinja2.TemplateSyntaxError as exc:
            report.problems.append(f"{shown}：第{exc.lineno}行模板语法错误（{exc.message}）")
            continue
        for term, line in refs.era_terms:
            if term not in s.timelines:
                report.problems.append(f"{shown}：第{line}行用到提法“era.{term}”，snippets/eras.yaml 中没有这条时间线")
        for fid, line in refs.formulations:
            if fid not in s.formulations:
                report.problems.append(f"{shown}：第{line}行用到固定提法“f.{fid}”，snippets/formulations.yaml 中没有")
        for need in template_needs(kind) or []:
            if need.section not in corpus_mod.sections_of(kind.id):
                report.problems.append(f"{shown}：模板从语料取“{need.section}”，但它不是{kind.name}的语料部分（generator/kinds.py）")


# --- coverage -------------------------------------------------------------------------------
def _coverage_problems(corpus, s, floor: dt.date, horizon: dt.date, report: Report) -> None:
    for kind in kinds_mod.KINDS.values():
        needs = template_needs(kind)
        if not needs:
            continue
        for need in needs:
            clauses = [c for c in corpus.clauses.values() if c.section == need.section and kind.id in c.kinds]
            eras = s.timelines[ERA_TIMELINE]
            cuts = {floor, horizon + ONE_DAY, *(e.valid_from for e in eras if floor < e.valid_from <= horizon)}
            for c in clauses:
                cuts.update(d for d in (c.valid_from, c.valid_to + ONE_DAY) if floor < d <= horizon)
            cuts_sorted = sorted(cuts)
            # clauses with a condition (when: 接收预备党员 …) are drawn per condition: each must be covered
            conditions = sorted({c.when for c in clauses if c.when}) or [None]
            for unit in s.unit_types:
                for cond in conditions:
                    gaps: list[tuple[dt.date, dt.date, str]] = []
                    for start, nxt in zip(cuts_sorted, cuts_sorted[1:]):
                        why = _shortfall(corpus, kind.id, need, unit, start, cond)
                        if why is None:
                            continue
                        end = nxt - ONE_DAY
                        if gaps and gaps[-1][1] + ONE_DAY == start and gaps[-1][2] == why:
                            gaps[-1] = (gaps[-1][0], end, why)
                        else:
                            gaps.append((start, end, why))
                    label = f"·{cond}" if cond else ""
                    for start, end, why in gaps:
                        right = "今后" if end >= horizon else end.isoformat()
                        report.problems.append(
                            f"语料缺口：{kind.name}·{need.section}{label}·{unit}，"
                            f"{start.isoformat()}至{right}（{_era_names(s, start, end)}）{why}"
                        )


def _shortfall(corpus, kind: str, need: Need, unit: str, day: dt.date, cond: str | None) -> str | None:
    available = corpus.candidates(kind, need.section, unit, day, when=[cond] if cond else None)
    slots = {c.topic or f"#{c.id}" for c in available}
    if not available:
        return "没有可用条文"
    missing = [t for t in need.topics if t not in slots]
    if missing:
        return f"没有主题为“{'、'.join(missing)}”的条文"
    if len(slots) < need.count:
        return f"只有{len(slots)}条不同主题的条文，模板需要{need.count}条"
    return None


def _era_names(s, start: dt.date, end: dt.date) -> str:
    return "、".join(f"{e.text}时期" for e in s.timelines[ERA_TIMELINE] if e.valid_from <= end and e.valid_to >= start)


# --- lint ---------------------------------------------------------------------------------
def _lint_problems(rendered, report: Report) -> bool:
    """Lint every text a clause gives, as a fragment of a document of its kind dated on the day
    it was rendered. Era rules only ever switch on one date, so for each run of dates giving the
    same text it is enough to lint the first and the last day."""
    runs: dict[tuple[str, str, str], list[dt.date]] = {}
    order: list[tuple] = []
    for c, kind, day, text in rendered:
        key = (c.id, kind, text)
        if key not in runs:
            runs[key] = []
            order.append((c, kind, text, key))
        runs[key].append(day)
    reported: set[tuple[str, str]] = set()
    for c, kind, text, key in order:
        days = sorted(runs[key])
        for day in dict.fromkeys((days[0], days[-1])):
            md = f"{c.title}\n\n{text}\n" if c.title else f"{text}\n"
            for f in lint_text(md, kind, day, c.path):
                if (c.id, f.message) in reported:
                    continue
                reported.add((c.id, f.message))
                where = f"（{f.match}）" if f.match and f.match not in f.message else ""
                report.problems.append(f"{c.path}：语料 {c.id} 按{day.isoformat()}生成后 lint 报{_SEVERITY[f.severity]}：{f.message}{where}〔{f.rule}〕")
    return True


_SEVERITY = {"error": "错误", "warning": "警告"}
