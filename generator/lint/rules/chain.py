"""chain: the documents around each 支部大会 — 公示, 请示, 批复 — checked for what a reviewing 组织部
refuses in them whoever wrote them: a 请示 with two matters (一文一事), a meeting dated after the
document that reports it, a 预备期 that does not run one year from the 支部大会.
(The missing parts — 引叙来文, 特此批复/此复, 妥否，请批示, the 公示期 and how to report — are
structure/missing-section, from snippets/lint/structure.yaml; the names against 等N名 are
number/name-count.)"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from generator.core import probation
from generator.core.dates import cn_date
from generator.lint.context import Context
from generator.lint.rule import Finding, rule

# the four matters of the chain, as titles name them
_MATTERS = (("接收", r"接收.{0,20}预备党员"), ("转正", r"转为.{0,6}正式党员|转正"), ("延长", r"延长.{0,12}预备期"),
            ("取消", r"取消.{0,12}预备党员资格"))
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_MEETING = re.compile(_DATE + r"[，,]?(?:[^。；\n]{0,12}?)(?:召开|举行)?(?:了)?(?:支部大会|党员大会|支部委员会|党委会议?|党委委员会议|委员会会议)")
_MEETING_AFTER = re.compile(r"经" + _DATE + r"[^。；\n]{0,16}?(?:会议|支部大会|党员大会)")
_PERIOD = re.compile(r"预备期(?:为)?一年[，,]?\s*(?:自|从)" + _DATE + r"(?:起)?(?:至|到)" + _DATE + r"止?")


def _day(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


@rule("chain/one-matter", "error", "《党政机关公文处理工作条例》第十五条第（四）项（请示应当一文一事）",
      "一份请示报了两类事项（如接收预备党员和转正）")
def one_matter(ctx: Context) -> Iterator[Finding]:
    if ctx.kind is None or ctx.kind.id != "request":
        return
    title = ctx.document.meta.title or ""
    found = [name for name, pattern in _MATTERS if re.search(pattern, title)]
    if len(found) > 1:
        yield ctx.on_field("title", f"请示应当一文一事，本件同时请示了{'、'.join(found)}两类以上事项，应分别行文")


@rule("chain/meeting-after-date", "error", "实务（文件只能报告已开过的会议）",
      "文中的支部大会或党委会议日期晚于本文件的成文日期")
def meeting_after_date(ctx: Context) -> Iterator[Finding]:
    day = ctx.document.meta.date
    if day is None or ctx.kind is None or ctx.kind.id not in ("request", "approval"):
        return
    for pattern in (_MEETING, _MEETING_AFTER):
        for m in pattern.finditer(ctx.text):
            held = _day(*m.groups()[:3])
            if held is not None and held > day:
                yield ctx.at(m.start(), m.start() + len(cn_date(held)),
                             f"会议日期{cn_date(held)}晚于成文日期{cn_date(day)}：文件报告的会议应已召开，请核对日期")


@rule("chain/probation-year", "error", "党章第七条、细则第三十二条（预备期为一年，自支部大会通过之日算起）",
      "写明的预备期起止日期不是一年")
def probation_year(ctx: Context) -> Iterator[Finding]:
    for m in _PERIOD.finditer(ctx.text):
        start, end = _day(*m.groups()[:3]), _day(*m.groups()[3:])
        if start is None or end is None:
            continue
        full = probation.probation_end(start)
        # 至2026年3月3日 (the day the 预备期 is full) and 至2026年3月2日止 (its last day) are both written
        if end not in (full, full - dt.timedelta(days=1)):
            yield ctx.at(m.start(), m.end(),
                         f"预备期一年，自{cn_date(start)}起应至{cn_date(full)}，文中写的是{cn_date(end)}",
                         suggestion=f"至{cn_date(full)}")
