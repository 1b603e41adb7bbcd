"""structure: the mandatory parts of each kind (generator/kinds.py, with the synonyms writers use),
主送 / 署名 / 成文日期, the order of the parts, empty sections, the title."""
from __future__ import annotations

import re
from typing import Iterator

from generator.core.model import Heading
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import lint_data, section_ranges, top_level

_META_CN = {"recipients": "主送机关", "signature": "署名（发文机关署名）", "date": "成文日期"}


def _synonyms(section) -> str:
    return f"（也可写作“{'”“'.join(section.synonyms)}”）" if section.synonyms else ""


def _found_sections(ctx: Context) -> dict[str, int]:
    """Headed section id -> position among the top-level headings."""
    found: dict[str, int] = {}
    for pos, t in enumerate(top_level(ctx.document)):
        for s in ctx.kind.headed_sections:
            if s.id not in found and s.matches(t.text):
                found[s.id] = pos
                break
    return found


def _part_present(ctx: Context, spec: dict) -> bool:
    where = spec.get("where", "body")
    doc = ctx.document
    if where == "meta":
        return bool(getattr(doc.meta, spec.get("field", ""), None))
    if where == "attachment":
        return bool(doc.attachments or doc.meta.attachment_notes or re.search(r"《[^》]+》", ctx.text))
    patterns = [re.compile(p) for p in spec.get("patterns", [])]
    if where == "opening":
        tops = top_level(doc)
        first = tops[0].index if tops else len(doc.blocks)
        text = "\n".join(getattr(b, "text", "") for b in doc.blocks[:first])
    else:
        text = ctx.text
    return any(p.search(text) for p in patterns)


@rule("structure/missing-section", "error", "实务（各文种的必备部分）",
      "缺少该文种的必备部分（认各部分的常见别称）")
def missing_section(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None:
        return
    found = _found_sections(ctx)
    for s in ctx.kind.headed_sections:
        if s.required and s.id not in found:
            yield ctx.whole(f"{ctx.kind.name}缺少“{s.id}”部分{_synonyms(s)}")
    parts = lint_data("structure").get("parts", {}).get(ctx.kind.id, {})
    for s in ctx.kind.sections:
        spec = parts.get(s.id)
        if s.heading or spec is None:
            continue
        if spec.get("where") == "meta" and spec.get("field") in ctx.kind.required_meta:
            continue  # 主送 and the like: structure/required-element reports them
        if s.id == "附件" and ctx.index > 0:
            continue
        if not _part_present(ctx, spec):
            yield ctx.whole(f"{ctx.kind.name}缺少{spec.get('describe', s.id)}", severity=spec.get("severity"))


@rule("structure/section-order", "warning", "实务（各文种必备部分的顺序）", "必备部分的先后顺序不对")
def section_order(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None:
        return
    found = _found_sections(ctx)
    expected = [s.id for s in ctx.kind.headed_sections if s.id in found]
    actual = sorted(found, key=found.get)
    if expected != actual:
        tops = top_level(ctx.document)
        for a, b in zip(expected, actual):
            if a != b:
                t = tops[found[b]]
                u = ctx.unit_of(ctx.document.blocks[t.index])
                msg = f"“{b}”部分的位置不对，{ctx.kind.name}各部分的顺序应为：{'、'.join(expected)}"
                yield ctx.at(u.start, u.start + len(u.text), msg) if u else ctx.whole(msg)
                break


@rule("structure/required-element", "error", "GB/T 9704—2012 7.3.2、7.3.5", "缺少主送机关、署名或成文日期")
def required_element(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None or ctx.index > 0:
        return  # a document attached to a notice is signed and dated by the notice
    meta = ctx.document.meta
    for attr in ctx.kind.required_meta:
        value = getattr(meta, attr, None)
        if value:
            continue
        if attr == "date" and "date" in ctx.fields:
            continue  # written, but in a form format/date reports
        yield ctx.whole(f"{ctx.kind.name}缺少{_META_CN.get(attr, attr)}")
    # a 报告 goes to someone: 关于2025年上半年发展党员工作情况的报告 without 主送 is sent back
    if (meta.title or "").endswith("的报告") and not meta.recipients:
        yield ctx.whole("报告缺少主送机关（向哪一级党组织报告）")


@rule("structure/title", "warning", "GB/T 9704—2012 7.3.1", "没有识别到公文标题")
def title(ctx: Context) -> Iterator[Finding]:
    if not ctx.document.meta.title and (ctx.document.blocks or ctx.index > 0):
        yield ctx.whole("没有识别到公文标题（标题应在正文之前，由发文机关名称、事由和文种组成）")


def _empty(blocks, i: int) -> bool:
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is None or (isinstance(nxt, Heading) and nxt.level <= b.level)


def _sibling_groups(blocks) -> dict[int, tuple[int, int]]:
    """Heading index -> (level, group): headings of one level under the same parent share a group."""
    out: dict[int, tuple[int, int]] = {}
    group = [0] * 6
    for i, b in enumerate(blocks):
        if isinstance(b, Heading):
            for deeper in range(b.level + 1, len(group)):
                group[deeper] += 1  # a new parent: the lists below it start again
            out[i] = (b.level, group[min(b.level, len(group) - 1)])
    return out


@rule("structure/empty-section", "warning", "实务", "小标题下面没有内容")
def empty_section(ctx: Context) -> Iterator[Finding]:
    blocks = ctx.document.blocks
    groups = _sibling_groups(blocks)
    with_content = {groups[i] for i in groups if not _empty(blocks, i)}
    for i, b in enumerate(blocks):
        if not isinstance(b, Heading) or not _empty(blocks, i):
            continue
        if re.search(r"[。！？；]$", b.text.strip()):
            continue  # “（二）严格落实公示制度。”: a numbered sentence is content, not a title over nothing
        if b.number and b.level >= 3 and groups[i] not in with_content:
            continue  # “1.…… 2.……” with nothing under any item: a list, not sections
        u = ctx.unit_of(b)
        if u:
            yield ctx.at(u.start, u.start + len(u.text), f"小标题“{b.full}”下面没有内容")


@rule("structure/unknown-kind", "info", "gongwen", "未能判断文种，按文种的检查从略")
def unknown_kind(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None and ctx.index == 0 and ctx.document.blocks:
        yield ctx.whole("未能从标题判断文种，必备部分等检查从略；可用 --kind 指定（plan、multi_year_plan、summary、approval、notice）")


def sections_with_ranges(ctx: Context):
    """Headed sections of the kind found in the document: id -> (first block, end block)."""
    out = {}
    if ctx.kind is None:
        return out
    for t, start, end in section_ranges(ctx.document):
        for s in ctx.kind.headed_sections:
            if s.id not in out and s.matches(t.text):
                out[s.id] = (start, end)
    return out
