"""format: the 公文 elements of GB/T 9704—2012 — 发文字号 (7.2.5), 主送 (7.3.2), 附件说明 (7.3.4),
成文日期 (7.3.5.4), 印发日期 (7.4.3), the title (7.3.1) — and shortened years (GB/T 15835—2011)."""
from __future__ import annotations

import re
from typing import Iterator

from generator.core.dates import cn_date
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.readers.elements import DATE_PLACEHOLDER, DOC_NUMBER, parse_loose_date

_GOOD_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}〔\d{4}〕[1-9]\d*号$")
_BODY_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,10}[发字办函电组通])\s*(?P<open>[〔\[［(（【{｛])\s*(?P<year>\d{2,4})\s*"
    r"(?P<close>[〕\]］)）】}｝])\s*(?P<di>第?)\s*(?P<num>\d{1,5})\s*号"
)


def _number_problems(m: re.Match) -> tuple[list[str], str | None]:
    problems = []
    if m.group("open") != "〔" or m.group("close") != "〕":
        problems.append(f"年份应用六角括号“〔〕”，不是“{m.group('open')}{m.group('close')}”")
    year = m.group("year")
    if len(year) != 4:
        problems.append(f"年份应写全（4位），不是“{year}”")
    if m.group("di"):
        problems.append("顺序号前不加“第”")
    if m.group("num").startswith("0"):
        problems.append(f"顺序号不编虚位（{m.group('num')}应为{int(m.group('num'))}）")
    if re.search(r"\s", m.group(0)):
        problems.append("中间不应有空格")
    full_year = year if len(year) == 4 else None
    right = f"{m.group('prefix')}〔{full_year}〕{int(m.group('num'))}号" if full_year and int(m.group("num")) else None
    return problems, right


@rule("format/doc-number", "error", "GB/T 9704—2012 7.2.5", "发文字号的写法不规范", fixable=True)
def doc_number(ctx: Context) -> Iterator[Finding]:
    f = ctx.fields.get("doc_number")
    if f is not None and not _GOOD_NUMBER.match(f.text):
        m = DOC_NUMBER.match(f.text)
        if m:
            problems, right = _number_problems(m)
            if problems:
                yield ctx.on_field("doc_number", f"发文字号“{f.text}”：{'；'.join(problems)}", (0, m.end()),
                                   suggestion=right or "××发〔2025〕7号", fix=right)
    if "号" not in ctx.text:
        return
    own = ctx.field_unit("doc_number")
    for m in _BODY_NUMBER.finditer(ctx.text):
        if own is not None and own.start <= m.start() < own.start + len(own.text):
            continue  # the document's own 发文字号 is reported above
        problems, right = _number_problems(m)
        if problems:
            yield ctx.at(m.start(), m.end(), f"文号“{m.group(0)}”：{'；'.join(problems)}", suggestion=right, fix=right)


_GOOD_DATE = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")


def _date_finding(ctx: Context, attr: str, what: str) -> Iterator[Finding]:
    f = ctx.fields.get(attr)
    if f is None:
        return
    if f.origin == "front_matter":
        if getattr(ctx.document.meta, attr, None) is None:
            yield ctx.on_field(attr, f"文件头“{what}”的“{f.text}”不是可识别的日期（写 2025-03-18）")
        return  # a date in the front matter is data; the document shows it as 2025年3月18日
    text = f.text
    if DATE_PLACEHOLDER.match(text):
        return  # not filled in yet: placeholder/leftover reports it
    day = parse_loose_date(text)
    if _GOOD_DATE.match(text):
        if day is None:
            yield ctx.on_field(attr, f"{what}“{text}”不是实际存在的日期")
        return
    right = cn_date(day) if day else None
    if re.match(r"^\d{2}\s*年", text):
        msg, fix = f"{what}“{text}”的年份应写全（4位）", None
    elif re.search(r"[〇○零Ｏ一二三四五六七八九十]", text):
        msg, fix = f"{what}“{text}”应使用阿拉伯数字", right
    elif re.search(r"[./\-．／]", text):
        msg, fix = f"{what}“{text}”应写作“××××年×月×日”", right
    elif re.search(r"(?<!\d)0\d", text):
        msg, fix = f"{what}“{text}”的月、日不编虚位（01应为1）", right
    else:
        msg, fix = f"{what}“{text}”的写法不规范", right
    yield ctx.on_field(attr, msg, suggestion=right or "2025年3月18日", fix=fix)


@rule("format/date", "error", "GB/T 9704—2012 7.3.5.4、7.4.3", "成文日期、印发日期的写法不规范（阿拉伯数字，年月日标全，不编虚位）",
      fixable=True)
def date_form(ctx: Context) -> Iterator[Finding]:
    yield from _date_finding(ctx, "date", "成文日期")
    f = ctx.fields.get("print_date")
    if f is not None and f.origin == "text" and not _GOOD_DATE.match(f.text):
        day = parse_loose_date(f.text)
        right = cn_date(day) if day else None
        yield ctx.on_field("print_date", f"印发日期“{f.text}”应写作“××××年×月×日”（阿拉伯数字，不编虚位）",
                           suggestion=right)


_SHORT_YEAR = re.compile(r"(?<![\d.\-/〔\[（(])(?P<yy>[0-3]\d)年(?=\d{1,2}月|度|上半年|下半年|底|初|年底)")


@rule("format/short-year", "warning", "GB/T 15835—2011 5.2.1（年份不简写）", "年份简写为两位（如“24年”）", collapse=True)
def short_year(ctx: Context) -> Iterator[Finding]:
    if "年" not in ctx.text:
        return
    for m in _SHORT_YEAR.finditer(ctx.text):
        full = f"20{m.group('yy')}年"
        yield ctx.at(m.start(), m.end(), f"年份不应简写：“{m.group(0)}”应写全，如“{full}”", suggestion=full)


_OWN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?![^，。]{0,2}(?:以来|以前|之前|至今))")


@rule("format/date-year", "warning", "实务（成文日期应在标题所写年度前后）", "成文日期的年份与标题中的年份相差太远")
def date_year(ctx: Context) -> Iterator[Finding]:
    """A plan for 2025 is dated late 2024 or in 2025, a summary of 2025 in 2025 or early 2026;
    "2025年度发展党员工作计划" dated 2015年1月10日 has its year mistyped."""
    day, title = ctx.document.meta.date, ctx.document.meta.title
    if day is None or not title or "date" not in ctx.fields or ctx.kind is None or ctx.kind.id == "approval":
        return  # titles of other documents name years of what they report on (“2012年至2022年……分析”)
    years = sorted({int(y) for y in _OWN_YEAR.findall(title)})
    if years and not years[0] - 1 <= day.year <= years[-1] + 1:
        shown = "—".join(map(str, dict.fromkeys([years[0], years[-1]])))
        yield ctx.on_field("date", f"成文日期{cn_date(day)}与标题中的{shown}年相差太远，年份可能写错",
                           (0, 4) if ctx.fields["date"].text[:4].isdigit() else None)


@rule("format/recipients-colon", "error", "GB/T 9704—2012 7.3.2（主送机关名称后标全角冒号）", "主送机关后缺少全角冒号",
      fixable=True)
def recipients_colon(ctx: Context) -> Iterator[Finding]:
    f = ctx.fields.get("recipients")
    if f is None or f.origin != "text" or not f.text:
        return
    last = len(f.text) - 1
    if f.text.endswith(("：", ":")):
        return  # a half-width colon is punct/halfwidth's, with the rest of the page's half-width marks
    else:
        yield ctx.on_field("recipients", f"主送机关“{f.text}”后缺少冒号“：”", (last, last + 1),
                           suggestion=f.text[-1] + "：", fix=f.text[-1] + "：")


@rule("format/title-punct", "warning", "GB/T 9704—2012 7.3.1（标题末尾不加标点）", "标题末尾有标点", fixable=True)
def title_punct(ctx: Context) -> Iterator[Finding]:
    u = ctx.field_unit("title")
    if u is None or not u.text:
        return
    m = re.search(r"[。.，,；;：:！!]+$", u.text)
    if m:
        yield ctx.at_unit(u, m.start(), m.end(), f"标题末尾不加标点（“{m.group(0)}”）", suggestion="", fix="")


@rule("format/attachment-note", "warning", "GB/T 9704—2012 7.3.4（附件说明：“附件：1. ××”，名称后不加标点）",
      "附件说明的写法不规范", fixable=True)
def attachment_note(ctx: Context) -> Iterator[Finding]:
    f = ctx.fields.get("attachment_notes")
    if f is None or f.origin != "text":
        return
    u = ctx.field_unit("attachment_notes")
    m = re.match(r"附\s*件\s*(:)", u.text)
    if m:
        yield ctx.at_unit(u, m.start(1), m.end(1), "“附件”后应为全角冒号“：”", suggestion="：", fix="：")
    offset = 0
    for line in u.text.split("\n"):
        end = re.search(r"[。；;，,.、]+$", line)
        if end:
            yield ctx.at_unit(u, offset + end.start(), offset + end.end(), f"附件名称后不加标点（“{end.group(0)}”）",
                              suggestion="", fix="")
        num = re.search(r"(?:^|[:：]\s*)(\d{1,2})(、|．)", line)
        if num:
            yield ctx.at_unit(u, offset + num.start(2), offset + num.end(2), f"附件序号“{num.group(1)}{num.group(2)}”应写作“{num.group(1)}.”",
                              suggestion=".", fix=".")
        offset += len(line) + 1


@rule("format/number-year", "warning", "GB/T 9704—2012 7.2.5、7.3.5", "发文字号的年份与成文日期的年份不一致")
def number_year(ctx: Context) -> Iterator[Finding]:
    f = ctx.fields.get("doc_number")
    day = ctx.document.meta.date
    if f is None or day is None:
        return
    m = DOC_NUMBER.match(f.text)
    if m and len(m.group("year")) == 4 and int(m.group("year")) != day.year:
        yield ctx.on_field("doc_number", f"发文字号的年份{m.group('year')}与成文日期{cn_date(day)}不在同一年",
                           (m.start("year"), m.end("year")))
