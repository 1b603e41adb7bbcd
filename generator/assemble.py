"""Rendering a kind to Markdown: Jinja2 sandbox with StrictUndefined, templates/ + corpus clauses.

Errors point at the template line or the clause file and line; a missing value is an error,
never a blank (DESIGN.md decision 6)."""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from . import corpus as corpus_mod
from . import facts as facts_mod
from . import kinds as kinds_mod
from . import resources
from . import snippets as snippets_mod
from .data.dates import cn_date
from .errors import TemplateError
from .numbering import cn_number, heading_number

# Names every clause may use without declaring them.
GLOBAL_NAMES = frozenset({"era", "f", "单位", "年度", "日期", "pct", "cn", "date_cn", "facts", "ratio"})


def _yaml_scalar(value: Any) -> str:
    """A safe YAML scalar for front matter written by templates."""
    if isinstance(value, dt.date):
        return value.isoformat()
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
def environment(template_dirs: tuple[str, ...] = ()) -> SandboxedEnvironment:
    dirs = [*template_dirs, str(resources.templates_dir())]
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(dirs),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
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
        self.day = day
        self.unit_name = unit_name
        self.unit_type = unit_type
        self.variant = variant
        self.corpus = corpus or corpus_mod.load()
        self.include = list(include)
        self.exclude = list(exclude)
        self.env = environment(template_dirs)
        s = snippets_mod.load()
        self.context = dict(context)
        self.context.update(era=s.era(day), f=snippets_mod.FormulationAccess(s, day), 日期=day)
        self.used: list[str] = []  # clause ids, in order, for the manifest and tests

    # --- helpers exposed to templates -------------------------------------------------------
    def _seed(self, section: str) -> str:
        return f"{self.unit_name}|{self.kind.id}|{section}|{self.variant}"

    def pick(self, section: str, count: int = 1, when: Iterable[str] | None = None) -> list[RenderedClause]:
        chosen = self.corpus.select(
            self.kind.id, section, self.unit_type, self.day, self._seed(section), count,
            self.include, self.exclude, when,
        )
        if not chosen:
            raise TemplateError(
                f"语料中没有适用于“{self.kind.name}·{section}”的条文"
                f"（单位类型 {self.unit_type}，日期 {self.day.isoformat()}）"
            )
        return [self.render_clause(c) for c in chosen]

    def clause(self, section: str, when: Iterable[str] | None = None) -> str:
        return self.pick(section, 1, when)[0].body

    def render_clause(self, c: corpus_mod.Clause) -> RenderedClause:
        for var in c.variables:
            if _resolve(self.context, var) is None:
                raise TemplateError(f"{c.path}：语料 {c.id} 需要变量“{var}”，但没有提供（请在单位概况中填写）")
        template = _compiled_clause(self.env, c)
        try:
            body = template.render(self.context).strip()
        except jinja2.UndefinedError as exc:
            line = _template_line(exc, c.path)
            where = f"第{c.body_line + line - 1}行" if line else ""
            raise TemplateError(f"{c.path}：{where}语料 {c.id} 用到了没有提供的变量（{exc.message}）") from None
        self.used.append(c.id)
        return RenderedClause(c.id, c.title, body)

    # --- the document -------------------------------------------------------------------------
    def render(self) -> str:
        try:
            template = self.env.get_template(self.kind.template)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"找不到模板 templates/{exc.name}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename}：第{exc.lineno}行模板语法错误（{exc.message}）") from None
        ctx = dict(self.context)
        ctx.update(h=Numberer(), pick=self.pick, clause=self.clause, kind=self.kind)
        try:
            return template.render(ctx)
        except TemplateError:
            raise
        except jinja2.UndefinedError as exc:
            line = _template_line(exc, template.filename)
            where = f"第{line}行" if line else ""
            raise TemplateError(f"{template.filename}：{where}用到了没有提供的值（{exc.message}）") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{template.filename}：模板出错（{exc}）") from None


def _compiled_clause(env: SandboxedEnvironment, c: corpus_mod.Clause) -> jinja2.Template:
    key = (id(env), c.id, c.path)
    t = _CLAUSE_CACHE.get(key)
    if t is None:
        try:
            # compiled with the clause's own file name so errors can name its line
            code = env.compile(c.body, name=c.id, filename=c.path)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{c.path}：第{c.body_line + exc.lineno - 1}行模板语法错误（{exc.message}）") from None
        t = env.template_class.from_code(env, code, env.make_globals(None), None)
        _CLAUSE_CACHE[key] = t
    return t


_CLAUSE_CACHE: dict[tuple, jinja2.Template] = {}
