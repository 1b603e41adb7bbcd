"""What each kind needs from the unit's data, and the path profile -> Markdown -> Document.

Generation always goes through the Markdown text and its parser, so what is written to .docx is
exactly what the .md says, and lint sees the same model."""
from __future__ import annotations

import copy
import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from generator.compose import clauses as corpus_mod
from generator.core import figures as facts
from generator.core import kinds as kinds_mod
from generator.core import markdown_io
from generator.plans import multiyear as planning
from generator.core import snippets as snippets_mod
from generator.compose.assemble import Assembler
from generator.core.dates import cn_date
from generator.data.profile import Profile
from generator.errors import ValidationError
from generator.core.model import Document, Meta


@dataclass
class Generated:
    kind: str
    markdown: str
    document: Document
    clause_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the writer should check, in Chinese


def date_notes(profile: Profile, day: dt.date, first_year: int | None = None) -> list[str]:
    """A plan is dated in its own year or late in the year before; anything else is most likely a
    wrong --date or a profile copied from last year."""
    year = first_year or profile.year
    if year - 1 <= day.year <= year:
        return []
    return [f"成文日期{cn_date(day)}与计划年度{year}年不相符，请核对 --date 或单位概况中的 年度、公文.成文日期"]


def base_context(profile: Profile, day: dt.date) -> dict:
    d = profile.data
    unit_type = snippets_mod.load().unit_types[profile.unit_type]
    ctx = {
        "单位": d["单位"],
        "年度": d["年度"],
        "现状": d["现状"],
        "目标": d["目标"],
        "规划": d.get("规划"),
        "公文": d["公文"],
        # scope words: the profile may say 全乡 / 全街道 / 区委组织部 where the type's default does not fit
        "范围": d["单位"].get("范围") or unit_type["scope"],
        "下级": d["单位"].get("下级") or unit_type.get("subordinates", "各党支部"),
        "组织部": d["单位"].get("组织部") or unit_type.get("department", "上级党委组织部门"),
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


def multi_year_context(profile: Profile, day: dt.date, number: int | None = None) -> dict:
    ctx = plan_context(profile, day, number)
    ctx["规划期"] = planning.multi_year(profile.data, profile.source)
    return ctx


def corpus_for(profile: Profile, corpus_dirs: Iterable[str] = ()) -> corpus_mod.Corpus:
    """The built-in corpus, then the profile's own directories (语料.目录, relative to the
    profile), then those given on the command line: later ones replace clauses with equal ids."""
    base = Path(profile.source).parent
    own = [str(base / d) for d in (profile.data.get("语料") or {}).get("目录") or []]
    corpus = corpus_mod.load([*own, *corpus_dirs])
    check_pins(profile, corpus)
    return corpus


def check_pins(profile: Profile, corpus: corpus_mod.Corpus) -> None:
    """An id in 语料.include / 语料.exclude that no clause has is a typo: say so, with the closest."""
    problems = []
    for name, ids in zip(("include", "exclude"), profile.clause_pins()):
        for i, cid in enumerate(ids, 1):
            if cid not in corpus.clauses:
                close = difflib.get_close_matches(str(cid), list(corpus.clauses), n=1, cutoff=0.5)
                hint = f"，是否应为“{close[0]}”？" if close else "（gongwen corpus list 可查看全部条文）"
                problems.append(f"语料.{name}[{i}]：没有 id 为“{cid}”的条文{hint}")
    if problems:
        raise ValidationError(profile.source, problems)


def render_kind(
    kind: str,
    profile: Profile,
    context: dict,
    day: dt.date,
    *,
    variant: int = 0,
    corpus_dirs: Iterable[str] = (),
    template_dirs: tuple[str, ...] = (),
    assembler_cls: type[Assembler] = Assembler,
) -> Generated:
    """`assembler_cls`: an Assembler with more template helpers (the summary's selection by
    condition) — the path profile -> Markdown -> Document stays this one."""
    include, exclude = profile.clause_pins()
    assembler = assembler_cls(
        kind,
        context,
        unit_name=profile.full_name,
        unit_type=profile.unit_type,
        day=day,
        corpus=corpus_for(profile, corpus_dirs),
        variant=variant,
        include=include,
        exclude=exclude,
        template_dirs=template_dirs,
    )
    text = assembler.render()
    doc = markdown_io.parse(text, f"templates/{kinds_mod.get(kind).template}")
    # the canonical Markdown is the parsed document written back: what .md and .docx share
    return Generated(kind, markdown_io.render(doc), doc, assembler.used)


def generate_plan(profile: Profile, day: dt.date | None = None, *, number: int | None = None, **options) -> Generated:
    """`number`: the 发文字号 sequence number, instead of the profile's 公文.文号."""
    day = profile.document_date(day)
    g = render_kind("plan", profile, plan_context(profile, day, number), day, **options)
    g.notes += date_notes(profile, day)
    return g


def generate_multi_year_plan(
    profile: Profile, day: dt.date | None = None, *, number: int | None = None, **options
) -> Generated:
    day = profile.document_date(day)
    g = render_kind("multi_year_plan", profile, multi_year_context(profile, day, number), day, **options)
    g.notes += date_notes(profile, day, (profile.data.get("规划") or {}).get("起始年"))
    return g


# Kinds a 印发通知 can carry, and how to make them.
PRINTABLE: dict[str, Callable[..., Generated]] = {
    "plan": generate_plan,
    "multi_year_plan": generate_multi_year_plan,
}


def attached(doc: Document, issuer: str) -> Document:
    """The document as a notice's 附件: its title without the issuing body (the notice names it:
    关于印发《2025年度发展党员工作计划》的通知), no 版头, 署名, 日期 or 版记 of its own — the
    notice carries those."""
    title = doc.meta.title
    if issuer and title.startswith(issuer) and len(title) > len(issuer):
        title = title[len(issuer):]
    return Document(Meta(kind=doc.meta.kind, title=title), copy.deepcopy(doc.blocks), source=doc.source)


def generate_notice(
    profile: Profile, day: dt.date | None = None, of: str = "plan", *, number: int | None = None, **options
) -> Generated:
    """关于印发《…》的通知 with the generated plan or multi-year plan as its 附件."""
    day = profile.document_date(day)
    inner = PRINTABLE[of](profile, day, **options)
    attachment = attached(inner.document, profile.full_name)
    ctx = plan_context(profile, day, number)
    ctx.update(文件标题=attachment.meta.title, 印发文种=kinds_mod.get(of).name)
    notice = render_kind("notice", profile, ctx, day, **options)
    notice.document.attachments.append(attachment)
    # once more through the Markdown text so that positions and the .md agree with the model
    text = markdown_io.render(notice.document)
    doc = markdown_io.parse(text, "templates/notice.md.j2")
    return Generated("notice", markdown_io.render(doc), doc, inner.clause_ids + notice.clause_ids, notes=inner.notes)


# Every kind this module generates from a profile alone (the matrix test walks them).
GENERATORS: dict[str, Callable[..., Generated]] = {
    "plan": generate_plan,
    "multi_year_plan": generate_multi_year_plan,
    "notice": generate_notice,
}


@lru_cache(maxsize=1)
def _example() -> Profile:
    from generator import resources
    from generator.data.profile import load_profile

    return load_profile(resources.examples_dir() / "unit.yaml")


def example_profile(unit_type: str | None = None) -> Profile:
    """The bundled fictional unit (examples/unit.yaml), optionally turned into another unit type."""
    profile = Profile(copy.deepcopy(_example().data), _example().source)
    if unit_type:
        profile.data["单位"]["类型"] = unit_type
    return profile


def _plan_sample(unit_type: str, day: dt.date) -> dict:
    profile = example_profile(unit_type)
    ctx = multi_year_context(profile, day)
    ctx.update(文件标题=f"{profile.year}年度发展党员工作计划", 印发文种=kinds_mod.get("plan").name)
    return ctx


# Contexts to render a kind's clauses outside a document (gongwen corpus check/show/search): a
# kind's engineer registers a function (unit type, date) -> context built from examples/.
SAMPLES: dict[str, Callable[[str, dt.date], dict]] = {
    "plan": _plan_sample,
    "multi_year_plan": _plan_sample,
    "notice": _plan_sample,
}


def profile_context(kind: str, profile: Profile, day: dt.date) -> dict | None:
    """The context a kind's clauses get from a real profile (gongwen corpus show --profile)."""
    if kind not in SAMPLES:
        return None
    ctx = multi_year_context(profile, day) if profile.data.get("规划") else plan_context(profile, day)
    ctx.update(文件标题=f"{profile.year}年度发展党员工作计划", 印发文种=kinds_mod.get("plan").name)
    return ctx


def sample_context(kind: str, unit_type: str, day: dt.date) -> dict | None:
    make = SAMPLES.get(kind)
    return make(unit_type, day) if make else None
