"""Rendering a kind to Markdown: Jinja2 sandbox with StrictUndefined, templates/ + corpus clauses.

Errors point at the template line or the clause file and line; a missing value is an error,
never a blank (docs/ARCHITECTURE.md decision 6)."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jinja2
import yaml

from generator import resources
from generator.compose import clauses as corpus_mod
from generator.core import figures as facts_mod
from generator.core import kinds as kinds_mod
from generator.core import repeats
from generator.core import snippets as snippets_mod
from generator.core.dates import cn_date
from generator.core.numbering import cn_number, heading_number
from generator.errors import TemplateError
from generator.infra.sandbox import BoundedEnvironment, security_reason
from generator.infra.yamlio import plain_scalar

# Names every clause may use without declaring them: the era and formulation tables, the unit's
# identity and the words its type gives (范围 全镇, 下级 各村（社区）党组织), the date, the filters.
GLOBAL_NAMES = frozenset(
    {"era", "f", "单位", "年度", "日期", "范围", "下级", "组织部", "单位类型", "pct", "cn", "date_cn", "facts", "ratio",
     "基层单位", "直属", "党校", "妇女组织", "人才群体", "所在单位", "审批党委", "one_of"}
)


class LocatedError(TemplateError):
    """A TemplateError whose message already names the template or clause file and line."""


def earliest_date(snippets: snippets_mod.Snippets | None = None) -> dt.date:
    """The first day on which every era timeline has a wording: documents dated earlier cannot be
    generated (snippets/eras.yaml would have to be extended first)."""
    s = snippets or snippets_mod.load()
    return max(min(e.valid_from for e in entries) for entries in s.timelines.values())


def _yaml_scalar(value: Any) -> str:
    """A safe YAML scalar for front matter written by templates (one per field of every 批复: the
    common case does not pay for the dumper)."""
    plain = plain_scalar(value)
    if plain is not None:
        return plain
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


class Numberer:
    """Heading numbers in order: h(1, '指导思想') -> '# 一、指导思想'; deeper levels restart."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0]

    def __call__(self, level: int, text: str) -> str:
        self.counts[level - 1] += 1
        for i in range(level, 4):
            self.counts[i] = 0
        return f"{'#' * level} {heading_number(level, self.counts[level - 1])}{text}"


@dataclass(frozen=True)
class RenderedClause:
    id: str
    title: str | None
    body: str


@lru_cache(maxsize=None)
def environment(template_dirs: tuple[str, ...] = ()) -> BoundedEnvironment:
    dirs = [*template_dirs, str(resources.templates_dir())]
    env = BoundedEnvironment(
        loader=jinja2.FileSystemLoader(dirs),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        # our own templates do not change while we run: no stat of each file per document (a
        # batch asks for them a thousand times); a user's template folder is still re-read
        auto_reload=bool(template_dirs),
    )
    env.filters["yaml"] = _yaml_scalar
    env.filters["pct"] = facts_mod.pct
    env.filters["date_cn"] = cn_date
    env.globals.update(cn=cn_number, pct=facts_mod.pct, date_cn=cn_date, ratio=facts_mod.ratio)
    return env


def _template_line(exc: BaseException, filename: str | None) -> int | None:
    """Jinja rewrites tracebacks so that template frames carry the template's file and line."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if filename and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _resolve(context: dict, dotted: str) -> Any:
    value: Any = context
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif hasattr(value, part) and not isinstance(value, dict):
            value = getattr(value, part)
        else:
            return None
    return value


class Assembler:
    """Renders one document of a kind for one unit on one date."""

    def __init__(
        self,
        kind: str,
        context: dict,
        unit_name: str,
        unit_type: str,
        day: dt.date,
        corpus: corpus_mod.Corpus | None = None,
        variant: int = 0,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        template_dirs: tuple[str, ...] = (),
    ):
        self.kind = kinds_mod.get(kind)
        floor = earliest_date()
        if day < floor:
            raise TemplateError(
                f"成文日期 {day.isoformat()} 早于提法表的起点 {floor.isoformat()}（snippets/eras.yaml），"
                "无法确定当时的提法，请补充提法表或改用更晚的日期"
            )
        self.day = day
        self.unit_name = unit_name
        self.unit_type = unit_type
        self.variant = variant
        self.corpus = corpus or corpus_mod.load()
        self.include = list(include)
        self.exclude = list(exclude)
        self.env = environment(template_dirs)
        self.context = dated_context(context, day)
        self.context["one_of"] = self.one_of
        self.used: list[str] = []  # clause ids, in order, for the manifest and tests
        # what the document has said so far (runs of core/repeats.PASSAGE characters), so that a
        # clause repeating a formulation another section already carries is chosen only if
        # nothing else fits (lint's repeat/sentence measures the same)
        self._said: set[str] = set()
        self._unsaid: list[str] = []  # bodies taken since: their runs are counted when next asked
        self._bodies: dict[str, str] = {}

    # --- helpers exposed to templates -------------------------------------------------------
    def _seed(self, section: str) -> str:
        return f"{self.unit_name}|{self.kind.id}|{section}|{self.variant}"

    def pick(
        self,
        section: str,
        count: int = 1,
        when: Iterable[str] | None = None,
        topics: Iterable[str] = (),
    ) -> list[RenderedClause]:
        """`count` clauses of a section; `topics`: topics that must be among them (one each)."""
        topics = list(topics)
        chosen = self.corpus.select(
            self.kind.id, section, self.unit_type, self.day, self._seed(section), count,
            self.include, self.exclude, when, topics, accept=self.fresh,
        )
        where = f"（单位类型 {self.unit_type}，日期 {self.day.isoformat()}）"
        if not chosen:
            raise TemplateError(f"语料中没有适用于“{self.kind.name}·{section}”的条文{where}")
        missing = [t for t in topics if t not in {c.topic for c in chosen}]
        if missing:
            raise TemplateError(f"语料中没有适用于“{self.kind.name}·{section}”、主题为“{'、'.join(missing)}”的条文{where}")
        return [self.render_clause(c) for c in chosen]

    def one_of(self, *wordings: str) -> str:
        return one_of_for(f"{self.unit_name}|{self.variant}")(*wordings)

    def clause(self, section: str, when: Iterable[str] | None = None) -> str:
        return self.pick(section, 1, when)[0].body

    def _body(self, c: corpus_mod.Clause) -> str:
        body = self._bodies.get(c.id)
        if body is None:
            body = self._bodies[c.id] = render_clause(self.env, c, self.context)
        return body

    def fresh(self, c: corpus_mod.Clause) -> bool:
        """Whether the clause says nothing the document has already said."""
        try:
            body = self._body(c)
        except TemplateError:
            return True  # its error is reported if it is chosen
        for taken in self._unsaid:  # (the last clause of a document is never asked about)
            self._said |= repeats.grams(taken)
        self._unsaid.clear()
        return not repeats.repeats_any(body, self._said)

    def render_clause(self, c: corpus_mod.Clause) -> RenderedClause:
        body = self._body(c)
        self.used.append(c.id)
        self._unsaid.append(body)
        return RenderedClause(c.id, c.title, body)

    # --- the document -------------------------------------------------------------------------
    def render(self) -> str:
        try:
            template = self.env.get_template(self.kind.template)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"找不到模板 templates/{exc.name}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise LocatedError(f"{_shown(exc.filename)}：第{exc.lineno}行模板语法错误（{exc.message}）") from None
        ctx = dict(self.context)
        ctx.update(h=Numberer(), pick=self.pick, clause=self.clause, kind=self.kind)
        return _render_located(template, ctx, template.filename, None, 0, "", "值", "模板出错")


def one_of_for(seed: str):
    """`{{ one_of("……", "……") }}` in a clause: one of several wordings of the same sentence, the
    same for a unit on every run and mostly different between units (five villages under one 镇
    should not read alike). The facts in every wording must be the same."""
    def one_of(*wordings: str) -> str:
        if not wordings:
            raise TemplateError("one_of 至少需要一种写法")
        digest = hashlib.sha256("|".join((seed, *map(str, wordings))).encode()).digest()
        return str(wordings[int.from_bytes(digest[:4], "big") % len(wordings)])
    return one_of


def dated_context(context: dict, day: dt.date) -> dict:
    """`context` with what a date decides: era wording, valid formulations, 日期 — and one_of,
    seeded by the unit's name."""
    s = snippets_mod.load()
    unit = context.get("单位") or {}
    name = unit.get("全称", "") if isinstance(unit, dict) else ""
    return {"one_of": one_of_for(f"{name}|0"), **context, "era": s.era(day),
            "f": snippets_mod.FormulationAccess(s, day), "日期": day}


def render_clause(env: BoundedEnvironment, c: corpus_mod.Clause, context: dict) -> str:
    """The clause's text in `context`; every failure names the clause file, line and id."""
    for var in c.variables:
        if _resolve(context, var) is None:
            raise LocatedError(f"{c.path}：语料 {c.id} 需要变量“{var}”，但没有提供（请在单位概况中填写）")
    template = _compiled_clause(env, c)
    return _render_located(
        template, context, c.path, c.path, c.body_line - 1, f"语料 {c.id} ", "变量", f"语料 {c.id} 无法生成"
    ).strip()


def _render_located(template, context: dict, filename: str | None, shown: str | None, line_offset: int,
                    subject: str, missing: str, failure: str) -> str:
    """Render; a failure names the file and line it happened at (a template's, or a clause's
    counted from the clause file's first line): a missing value, a snippet the tables do not have,
    or any other template error. `shown`: the file as messages name it (None: worked out from
    `filename` when a message needs it, not on every render)."""
    try:
        return template.render(context)
    except LocatedError:
        raise
    except (jinja2.UndefinedError, TemplateError, jinja2.exceptions.SecurityError) as exc:
        line = _template_line(exc, filename)
        where = f"第{line_offset + line}行" if line else ""
        if isinstance(exc, jinja2.exceptions.SecurityError):
            reason = security_reason(exc)
        elif isinstance(exc, jinja2.UndefinedError):
            reason = f"用到了没有提供的{missing}（{exc.message}）"
        else:
            reason = str(exc)
        raise LocatedError(f"{shown or _shown(filename)}：{where}{subject}{reason}") from None
    except jinja2.TemplateError as exc:
        raise LocatedError(f"{shown or _shown(filename)}：{failure}（{exc}）") from None


def _shown(filename: str | None) -> str:
    """A template's path as the user knows it: templates/plan.md.j2 for ours, the full path else."""
    if not filename:
        return "模板"
    path = Path(filename)
    try:
        return str(Path("templates") / path.relative_to(resources.templates_dir()))
    except ValueError:
        return str(path)


def compile_kind(kind: str, corpus: corpus_mod.Corpus, template_dirs: tuple[str, ...] = ()) -> None:
    """Compile what documents of `kind` render — its template, the macros, its clauses — ahead of
    the first one (a batch's worker does it while the sheet is read). A template or clause that
    does not compile is left for the document that uses it to report, with its line."""
    env = environment(tuple(template_dirs))
    for name in (kinds_mod.get(kind).template, "_macros.md.j2"):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass
    for c in corpus.clauses.values():
        if kind in c.kinds:
            try:
                _compiled_clause(env, c)
            except LocatedError:
                pass


def _compiled_clause(env: BoundedEnvironment, c: corpus_mod.Clause) -> jinja2.Template:
    key = (id(env), c.id, c.path)
    t = _CLAUSE_CACHE.get(key)
    if t is None:
        try:
            # compiled with the clause's own file name so errors can name its line
            code = env.compile(c.body, name=c.id, filename=c.path)
        except jinja2.TemplateSyntaxError as exc:
            raise LocatedError(f"{c.path}：第{c.body_line + exc.lineno - 1}行模板语法错误（{exc.message}）") from None
        t = env.template_class.from_code(env, code, env.make_globals(None), None)
        _CLAUSE_CACHE[key] = t
    return t


_CLAUSE_CACHE: dict[tuple, jinja2.Template] = {}
