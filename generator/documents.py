"""What each kind needs from the unit's data, and the path profile -> Markdown -> Document.

Generation always goes through the Markdown text and its parser, so what is written to .docx is
exactly what the .md says, and lint sees the same model."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from . import corpus as corpus_mod
from . import facts
from . import kinds as kinds_mod
from . import markdown_io
from . import snippets as snippets_mod
from .assemble import Assembler
from .data.profile import Profile
from .model import Document


@dataclass
class Generated:
    kind: str
    markdown: str
    document: Document
    clause_ids: list[str] = field(default_factory=list)


def base_context(profile: Profile, day: dt.date) -> dict:
    d = profile.data
    unit_types = snippets_mod.load().unit_types
    ctx = {
        "单位": d["单位"],
        "年度": d["年度"],
        "现状": d["现状"],
        "目标": d["目标"],
        "规划": d.get("规划"),
        "公文": d["公文"],
        "范围": unit_types[profile.unit_type]["scope"],
        "单位类型": profile.unit_type,
    }
    now = d["现状"]
    ctx["梯队比例"] = facts.ratio(now["入党申请人"], now["入党积极分子"], now["发展对象"])
    ctx["targets"] = facts.structure_targets(d["目标"], d["目标"]["发展党员"])
    return ctx


def plan_context(profile: Profile, day: dt.date, number: int | None = None) -> dict:
    ctx = base_context(profile, day)
    ctx["发文字号"] = profile.doc_number(day.year, number)
    return ctx


def render_kind(
    kind: str,
    profile: Profile,
    context: dict,
    day: dt.date,
    *,
    variant: int = 0,
    corpus_dirs: Iterable[str] = (),
    template_dirs: tuple[str, ...] = (),
) -> Generated:
    include, exclude = profile.clause_pins()
    assembler = Assembler(
        kind,
        context,
        unit_name=profile.full_name,
        unit_type=profile.unit_type,
        day=day,
        corpus=corpus_mod.load(corpus_dirs),
        variant=variant,
        include=include,
        exclude=exclude,
        template_dirs=template_dirs,
    )
    text = assembler.render()
    doc = markdown_io.parse(text, f"templates/{kinds_mod.get(kind).template}")
    # the canonical Markdown is the parsed document written back: what .md and .docx share
    return Generated(kind, markdown_io.render(doc), doc, assembler.used)


def generate_plan(profile: Profile, day: dt.date | None = None, **options) -> Generated:
    day = profile.document_date(day)
    return render_kind("plan", profile, plan_context(profile, day), day, **options)
