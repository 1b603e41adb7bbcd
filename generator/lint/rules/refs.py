"""refs: what a document says about its attachments against the attachments it carries — the
附件说明's names and order against the attachments' titles (and their 附件1, 附件2 labels), "见附件3"
in the text against how many there are, and a 印发通知's 《name》 against the title of the document
it prints. Each is checked only where both sides are in the file (attachments are often separate
files: a 附件说明 alone is not a finding)."""
from __future__ import annotations

import re
from typing import Iterator

from generator.lint.context import Context
from generator.lint.rule import Finding, rule

_SOURCE = "GB/T 9704—2012 7.3.4（附件说明：附件顺序号和名称）、8（附件：顺序号、标题与附件说明一致）"
# 见附件3, （附件2）, and a bracket that goes on (附件2，可到网站下载)
_MENTION = re.compile(r"(?:见|详见|参见|附)\s*附件\s*(\d{1,2})|[（(]\s*附件\s*(\d{1,2})(?=\s*[）)，,、；;])")
_PRINTED = re.compile(r"(?:印发|转发|下发)《([^》]{2,80})》")
_LOOSE = re.compile(r"[\s《》“”\"'（）()：:、，,。.]")


def _same(a: str, b: str) -> bool:
    return _LOOSE.sub("", a) == _LOOSE.sub("", b)


def _attachments(ctx: Context):
    return ctx.draft.parts[1:] if ctx.index == 0 else []


@rule("refs/attachment-notes", "error", _SOURCE, "附件说明与所附附件的名称、顺序或数量不一致")
def attachment_notes(ctx: Context) -> Iterator[Finding]:
    atts = _attachments(ctx)
    notes = ctx.document.meta.attachment_notes
    if not atts or not notes or "attachment_notes" not in ctx.fields:
        return
    titles = [p.document.meta.title for p in atts]
    if all(not t for t in titles):
        return  # attachments without titles (a table, a form): nothing to compare by name
    problems = []
    for i, note in enumerate(notes):
        if i < len(titles) and titles[i] and not _same(note, titles[i]):
            elsewhere = next((j for j, t in enumerate(titles) if t and _same(note, t)), None)
            if elsewhere is not None:
                problems.append(f"附件说明第{i + 1}项“{note}”是第{elsewhere + 1}个附件，顺序不一致")
            else:
                problems.append(f"附件说明第{i + 1}项“{note}”与附件{i + 1}的标题“{titles[i]}”不一致")
    if len(notes) != len(titles):
        problems.append(f"附件说明列了{len(notes)}个附件，文中附有{len(titles)}个")
    if problems:
        yield ctx.on_field("attachment_notes", "；".join(problems))


@rule("refs/attachment-label", "error", _SOURCE, "附件的顺序号与其位置不一致")
def attachment_label(ctx: Context) -> Iterator[Finding]:
    atts = _attachments(ctx)
    if len(atts) < 2:
        return
    for i, p in enumerate(atts, 1):
        if p.label is None:
            continue
        m = re.search(r"(\d{1,2})", p.label.text)
        if m and int(m.group(1)) != i:
            yield ctx.whole(f"第{i}个附件标为“{p.label.text.strip()}”，附件应按顺序标注附件{i}")
            return


@rule("refs/mentioned-attachment", "error", _SOURCE, "正文提到的附件序号超出附件数量")
def mentioned_attachment(ctx: Context) -> Iterator[Finding]:
    if ctx.index != 0:
        return
    count = max(len(ctx.document.meta.attachment_notes), len(_attachments(ctx)))
    if count == 0:
        return  # attachments sent separately and no 附件说明: nothing to count against
    for u in ctx.body_units():
        for m in _MENTION.finditer(u.text):
            n = int(m.group(1) or m.group(2))
            if n > count:
                yield ctx.at_unit(u, m.start(), m.end(), f"正文提到附件{n}，但本文只有{count}个附件")


@rule("refs/printed-title", "error", "实务（印发通知中的文件名称与所附文件标题一致）",
      "印发通知中的《文件名称》与所附文件的标题不一致")
def printed_title(ctx: Context) -> Iterator[Finding]:
    atts = _attachments(ctx)
    title = ctx.document.meta.title
    m = _PRINTED.search(title or "")
    if not atts or not m or not atts[0].document.meta.title:
        return
    printed, attached = m.group(1), atts[0].document.meta.title
    # the unit's name may stand before the attached title (中共××镇委员会2025年度…计划): compare the end
    if _same(printed, attached) or _LOOSE.sub("", attached).endswith(_LOOSE.sub("", printed)):
        return
    yield ctx.on_field("title", f"标题印发的是《{printed}》，所附文件的标题是“{attached}”，二者应一致",
                       local=(m.start(1), m.end(1)))
