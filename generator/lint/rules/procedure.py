"""procedure: facts of the 发展党员 procedure stated wrongly anywhere in a draft — periods (培养考察
less than a year, a 预备期 of half a year, an extension of three months, training of two days),
the age to apply, who decides and who votes, where 党龄 counts from. What the 细则 and the 党章 say
is data (snippets/lint/procedure.yaml); correct statements of the same facts pass (tests)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from generator.core.dates import parse_date
from generator.core.numbering import cn_to_int
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import lint_data, sentences

_NUM = r"[0-9]+|[一二两三四五六七八九十]+"
_DURATION = re.compile(
    rf"(?P<n>{_NUM}|半)(?:(?P<half>年半)|\s*(?P<u>个月|个半月|月|年|天|日|个工作日|个?学时|个?课时|周|个?学期))|(?P<halfyear>半年)"
)
_RANGE_LOW = re.compile(rf"(?P<n>{_NUM})(?:至|到|～|~|—|－|-)$")
# a period that is not how long something lasts: 每半年考察一次, 三个月内, 近两年
_NOT_A_SPAN_BEFORE = ("每", "隔", "近", "前", "后", "第", "这", "上", "下", "头")


def _number(text: str) -> float | None:
    if text == "半":
        return 0.5
    if text.isdigit():
        return float(text)
    if text in ("两", "二"):
        return 2.0
    value = cn_to_int(text)
    return float(value) if value is not None else None


def _part_of_a_date(text: str, m: re.Match, unit: str) -> bool:
    """2013年、3月5日、二〇二五年 are days, not lengths of time."""
    raw, after = m.group("n"), text[m.end():m.end() + 3]
    if unit == "年" and (len(raw) == 4 or re.match(r"\s*[0-9一二三四五六七八九十〇]{1,2}\s*月", after)):
        return True
    if unit in ("月", "日") and (re.match(r"\s*[0-9一二三四五六七八九十]{1,3}\s*[日号]", after) or text[m.start() - 1:m.start()] == "年"):
        return True
    return unit == "日" and text[m.start() - 1:m.start()] == "月"


def _durations_of(a: int, b: int, n: float, unit: str, m: re.Match) -> Iterator[tuple[int, int, float, str]]:
    """The lower end of a range, in the range's unit (m: the upper end's match)."""
    if m.group("half"):
        return
    if unit == "年":
        yield a, b, n * 12, "月"
    elif unit in ("个月", "月"):
        yield a, b, n, "月"
    elif unit in ("天", "日", "个工作日"):
        yield a, b, n, "天"
    elif unit.endswith("学期"):
        yield a, b, n * 6, "月"
    elif unit not in ("周", "个半月"):
        yield a, b, n, "学时"


def _durations(text: str, s: int, e: int) -> Iterator[tuple[int, int, float, str]]:
    """(start, end, amount, unit) of each length of time in text[s:e]; unit is 月, 天 or 学时."""
    for m in _DURATION.finditer(text, s, e):
        before = text[max(s, m.start() - 1):m.start()]
        # 三个月后 is a point in time; (收到决议)后4个月内 is still a time limit
        if before in _NOT_A_SPAN_BEFORE and not (before == "后" and text.startswith(("内", "以内", "之内"), m.end())):
            continue
        if m.group("halfyear"):
            yield m.start(), m.end(), 6.0, "月"
            continue
        n = _number(m.group("n"))
        if n is None:
            continue
        unit = m.group("u")
        if _part_of_a_date(text, m, unit):
            continue
        low = _RANGE_LOW.search(text, max(s, m.start() - 6), m.start())
        if low and unit and (lower := _number(low.group("n"))) is not None:  # 三至六个月: the lower end too
            yield from _durations_of(low.start(), m.end(), lower, unit, m)
        if m.group("half"):  # 一年半
            yield m.start(), m.end(), n * 12 + 6, "月"
        elif unit == "年":
            yield m.start(), m.end(), n * 12, "月"
        elif unit in ("个月", "月"):
            yield m.start(), m.end(), n, "月"
        elif unit == "个半月":
            yield m.start(), m.end(), n + 0.5, "月"
        elif unit in ("天", "日", "个工作日"):
            yield m.start(), m.end(), n, "天"
        elif unit == "周":
            yield m.start(), m.end(), n * 7, "天"
        elif unit and unit.endswith("学期"):  # a semester: half a school year
            yield m.start(), m.end(), n * 6, "月"
        else:
            yield m.start(), m.end(), n, "学时"


@lru_cache(maxsize=1)
def _periods() -> list[dict]:
    out = []
    for spec in lint_data("procedure").get("periods", []):
        compiled = dict(spec)
        compiled["cue_rx"] = [re.compile(c) for c in spec["cue"]]
        compiled["near_rx"] = re.compile(spec["near"]) if spec.get("near") else None
        out.append(compiled)
    return out


def _wrong(spec: dict, amount: float, unit: str) -> bool:
    if unit == "月":
        if "exactly_months" in spec:
            return amount != spec["exactly_months"]
        if "at_least_months" in spec and amount < spec["at_least_months"]:
            return True
        return "at_most_months" in spec and amount > spec["at_most_months"]
    if unit == "天":
        return "at_least_days" in spec and amount < spec["at_least_days"]
    return "at_least_hours" in spec and amount < spec["at_least_hours"]


def _applies(spec: dict, unit: str) -> bool:
    if unit == "月":
        return any(k.endswith("_months") for k in spec)
    if unit == "天":
        return "at_least_days" in spec
    return "at_least_hours" in spec


@rule("procedure/period", "error", "《中国共产党发展党员工作细则》《中国共产党章程》",
      "发展程序的期限说错了（培养考察不满一年、预备期不是一年、延长期、培训时间、审批时限）")
def period(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if not re.search(r"积极分子|预备期|培训|审批|批准|谈话", text):
        return
    for s, e in sentences(text):
        sentence = text[s:e]
        for spec in _periods():
            if not all(rx.search(sentence) for rx in spec["cue_rx"]):
                continue
            if any(u in sentence for u in spec.get("unless", [])):
                continue
            for a, b, amount, unit in _durations(text, s, e):
                if not _applies(spec, unit):
                    continue
                after = text[b:b + 6]
                within = after.startswith(("内", "以内", "之内"))
                if bool(spec.get("within")) != within:
                    continue  # 三个月内 is a time limit; 一年以上 is a length
                if spec["near_rx"] is not None and not spec["near_rx"].search(text, max(s, a - 6), min(e, b + 6)):
                    continue
                if _wrong(spec, amount, unit):
                    yield ctx.at(a, b, f"{spec['name']}说成了“{text[a:b]}”：{spec['rule']}", source=spec["source"])


_AGE = re.compile(rf"(?:年满|满|不满|年龄在|现年|年仅)(?P<n>{_NUM})周?岁")


@rule("procedure/age", "error", "《中国共产党发展党员工作细则》第五条", "申请入党的年龄说错了（年满十八岁）")
def age(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if "岁" not in text or not re.search("入党|发展对象|预备党员|积极分子", text):
        return
    data = lint_data("procedure")
    least = int(data.get("min_age", 18))
    for s, e in sentences(text):
        if not re.search("入党|发展对象|预备党员|积极分子", text[s:e]):
            continue
        for m in _AGE.finditer(text, s, e):
            n = _number(m.group("n"))
            if n is not None and 14 <= n < least and not text[m.start() - 2:m.start()].endswith(("未", "不")):
                yield ctx.at(m.start(), m.end(), f"申请入党须年满{least}周岁，不是“{m.group(0)}”",
                             source=data.get("age_source"))


@lru_cache(maxsize=1)
def _statements() -> list[tuple[re.Pattern[str], dict]]:
    return [(re.compile(s["pattern"]), s) for s in lint_data("procedure").get("statements", [])]


@rule("procedure/who", "error", "《中国共产党章程》《中国共产党发展党员工作细则》",
      "发展程序中由谁决定、谁能表决、党龄从何时算起说错了")
def who(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    for rx, spec in _statements():
        for m in rx.finditer(text):
            s, e = ctx.sentence(m.start(), m.end())
            if any(u in text[s:e] for u in spec.get("unless", [])):
                continue
            if spec.get("context") and not any(c in text[s:e] for c in spec["context"]):
                continue  # the statement is about something else
            if spec.get("since") and not ctx.date.on_or_after(parse_date(str(spec["since"]))):
                continue  # the rule holds from that day on; an undated or older draft may say otherwise
            if "from" in rx.groupindex:
                said = m.group("from")
                dated = spec.get("unless_date") and re.search(r"\d{4}年|年\d{1,2}月", said)
                if any(u in said for u in spec.get("unless_in", [])) or (
                        dated and not any(w in said for w in spec.get("wrong_in", []))):
                    continue
            yield ctx.at(m.start(), m.end(), f"“{m.group(0)}”：{spec['message']}", source=spec["source"])
