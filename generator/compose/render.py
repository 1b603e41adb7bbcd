"""The generation pipeline a kind goes through: the context every clause may use, the corpus of
the profile (built-in, its own directories, --corpus), and profile -> Markdown -> Document.

Generation always goes through the Markdown text and its parser, so what is written to .docx is
exactly what the .md says, and lint sees the same model."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.compose import clauses as corpus_mod
from generator.compose.assemble import Assembler
from generator.core import figures as facts
from generator.core import kinds as kinds_mod
from generator.core import markdown_io
from generator.core import snippets as snippets_mod
from generator.core.model import Document
from generator.data.profile import Profile
from generator.errors import ValidationError


@dataclass
class Generated:
    kind: str
    # the canonical Markdown: the parsed document written back, made when first asked for (a batch
    # writing only .docx never needs it); None here means "from `document`"
    text: str | None
    document: Document
    clause_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the writer should check, in Chinese

    @property
    def markdown(self) -> str:
        if self.text is None:
            self.text = markdown_io.render(self.document)
        return self.text


def unit_context(profile: Profile) -> dict:
    """What every clause of every kind may use without declaring it (assemble.GLOBAL_NAMES): the
    unit's identity and the words its type gives — 范围 (全镇), 下级 (各村（社区）和镇直单位党组织),
    组织部 — which the profile may override (全乡, 区委组织部)."""
    d = profile.data
    unit_type = snippets_mod.load().unit_types[profile.unit_type]
    return {
        "单位": d["单位"],
        "年度": d["年度"],
        "公文": d["公文"],
        "范围": d["单位"].get("范围") or unit_type["scope"],
        "下级": d["单位"].get("下级") or unit_type.get("subordinates", "各党支部"),
        "组织部": d["单位"].get("组织部") or unit_type.get("department", "上级党委组织部门"),
        "单位类型": profile.unit_type,
        **unit_words(unit_type),
        # the 基层党委 that approves: the unit itself (by its name: a 镇党委 does not call itself
        # "基层党委"), the one above a 村 or 非公 branch, or for a 县委 the ones below it
        "审批党委": d["单位"]["简称"] if unit_type.get("approver", "self") == "self" else unit_type["approver"],
    }


# the words of snippets/unit_types.yaml a clause writes as {{ 基层单位 }} …, by their key there
UNIT_WORDS = {"基层单位": "grassroots", "直属": "direct", "党校": "school", "妇女组织": "women",
              "人才群体": "talent", "所在单位": "own_unit"}


def unit_words(unit_type: dict) -> dict[str, str]:
    return {name: unit_type.get(key, "") for name, key in UNIT_WORDS.items()}


def base_context(profile: Profile, day: dt.date) -> dict:
    """unit_context and the unit's figures (现状, 目标, 规划 and what they give: 梯队比例, targets),
    for the kinds written from the profile's numbers (plans, notices, summaries)."""
    d = profile.data
    ctx = unit_context(profile)
    ctx.update(现状=d["现状"], 目标=d["目标"], 规划=d.get("规划"))
    now = d["现状"]
    ctx["梯队比例"] = facts.ratio_phrase(now["入党申请人"], now["入党积极分子"], now["发展对象"])  # 为6∶3∶1 / 约为…
    ctx["targets"] = facts.structure_targets(d["目标"], d["目标"]["发展党员"])
    return ctx


def corpus_for(profile: Profile, corpus_dirs: Iterable[str] = ()) -> corpus_mod.Corpus:
    """The built-in corpus, then the profile's own directories (语料.目录, relative to the
    profile), then those given on the command line: later ones replace clauses with equal ids.
    Kept per profile and 语料 settings: a batch of 批复 asks once per document."""
    corpus_dirs = tuple(corpus_dirs)
    key = (id(profile), repr(profile.data.get("语料")), corpus_dirs)
    hit = _CORPUS_FOR.get(key)
    if hit is not None and hit[0] is profile:
        return hit[1]
    base = Path(profile.source).parent
    own = [str(base / d) for d in (profile.data.get("语料") or {}).get("目录") or []]
    corpus = corpus_mod.load([*own, *corpus_dirs])
    check_pins(profile, corpus)
    if len(_CORPUS_FOR) >= 64:  # a long-lived process (the workbench) sees many profiles
        _CORPUS_FOR.clear()
    _CORPUS_FOR[key] = (profile, corpus)
    return corpus


_CORPUS_FOR: dict[tuple, tuple[Profile, corpus_mod.Corpus]] = {}


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
    return Generated(kind, None, doc, assembler.used)
