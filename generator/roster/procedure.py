"""Procedure checks of the 细则 on a roster's dates (gongwen roster check, the summary, the 批复
cross-check). The date facts they rest on (预备期, age, one year of training) are in
generator/core/probation.py; the numbers and the articles in snippets/procedure.yaml."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.core import snippets
from generator.core.dates import add_months, cn_date
from generator.core.probation import (
    age_on,
    earliest_candidate_date,
    extended_end,
    months_between,
    parameters,
    probation_end,
)
from generator.roster.people import Person


@dataclass(frozen=True)
class Violation:
    person: Person
    rule: str  # stable id, e.g. "activist_under_one_year" (titles in snippets/procedure.yaml)
    article: str  # e.g. "细则第十三条"
    message: str  # Chinese, names the dates involved

    @property
    def title(self) -> str:
        return rules()[self.rule]["title"]


def rules() -> dict[str, dict]:
    return snippets.data("procedure")["rules"]


def stages() -> list[dict]:
    return snippets.data("procedure")["stages"]


def probation_end_of(p: Person) -> dt.date | None:
    """The day a member's 预备期 ends, counting an extension recorded in the roster."""
    if p.admitted is None:
        return None
    return extended_end(p.admitted, p.extension) if p.extension else probation_end(p.admitted)


# --- checks -------------------------------------------------------------------------------------
_FIELDS = {
    "申请入党日期": "applied",
    "确定积极分子日期": "activist",
    "确定发展对象日期": "candidate",
    "接收预备党员日期": "admitted",
    "转正日期": "confirmed",
}


def _stage_dates(p: Person) -> list[tuple[dict, dt.date | None]]:
    return [(s, getattr(p, _FIELDS[s["column"]])) for s in stages()]


def _v(p: Person, rule: str, message: str, article: str | None = None) -> Violation:
    return Violation(p, rule, article or rules()[rule]["article"], message)


def check_person(p: Person, as_of: dt.date | None = None) -> list[Violation]:
    """Every procedure rule the person's dates break, in stage order."""
    out: list[Violation] = []
    prm = parameters()
    dated = _stage_dates(p)

    # a later stage recorded without the one before it
    for i in range(1, len(dated)):
        stage, day = dated[i]
        if day is None:
            continue
        prev_stage, prev_day = dated[i - 1]
        if prev_day is None:
            out.append(_v(
                p, "stage_missing",
                f"有{stage['name']}的日期（{cn_date(day)}），但没有{prev_stage['name']}的日期（“{prev_stage['column']}”为空）",
                article=stage["article"],
            ))

    # dates out of stage order: each stage against the nearest earlier stage that has a date, so
    # one mistyped date is reported once
    last: tuple[dict, dt.date] | None = None
    for stage, day in dated:
        if day is None:
            continue
        if last is not None and day < last[1]:
            out.append(_v(
                p, "stage_order",
                f"{stage['name']}的日期（{cn_date(day)}）早于{last[0]['name']}的日期（{cn_date(last[1])}）",
            ))
        last = (stage, day)

    if p.birth and p.applied:
        age = age_on(p.birth, p.applied)
        if p.birth > p.applied:
            out.append(_v(
                p, "stage_order", f"出生日期（{cn_date(p.birth)}）晚于申请入党的日期（{cn_date(p.applied)}）",
            ))
        elif age < prm["min_age"]:
            out.append(_v(
                p, "under_18",
                f"申请入党时（{cn_date(p.applied)}）{age}周岁，未满{prm['min_age']}周岁（出生日期{cn_date(p.birth)}）",
            ))

    if p.activist and p.candidate and p.candidate >= p.activist:
        earliest = earliest_candidate_date(p.activist)
        if p.candidate < earliest:
            months = months_between(p.activist, p.candidate)
            out.append(_v(
                p, "activist_under_one_year",
                f"{cn_date(p.activist)}确定为入党积极分子，{cn_date(p.candidate)}即列为发展对象，"
                f"培养考察仅{_duration(p.activist, p.candidate, months)}，不满一年（最早应为{cn_date(earliest)}）",
            ))

    if p.admitted and p.confirmed and p.confirmed >= p.admitted:
        end = probation_end_of(p)
        extended = f"（延长{p.extension}个月）" if p.extension else ""
        if p.confirmed < end:
            out.append(_v(
                p, "confirmed_before_probation_end",
                f"{cn_date(p.admitted)}接收为预备党员，预备期{extended}至{cn_date(end)}期满，转正日期却为{cn_date(p.confirmed)}",
            ))
        elif p.confirmed != end and (p.extension or not _is_extension_end(p.admitted, p.confirmed)):
            low, high = prm["extension_months"]
            other = "" if p.extension else f"，也不是延长预备期{low}至{high}个月后的期满之日"
            out.append(_v(
                p, "confirmed_not_on_probation_end",
                f"转正日期{cn_date(p.confirmed)}不是预备期{extended}满之日（{cn_date(end)}）{other}；"
                "党龄从预备期满转为正式党员之日算起，请核对（常见错误是填了支部大会讨论转正的日期）",
            ))
    if p.admitted and p.cancelled and p.cancelled < p.admitted:
        out.append(_v(
            p, "stage_order",
            f"取消预备党员资格的日期（{cn_date(p.cancelled)}）早于接收为预备党员的日期（{cn_date(p.admitted)}）",
        ))

    if as_of is not None:
        cancel = [({"name": "取消预备党员资格"}, p.cancelled)]
        for stage, day in dated + cancel:
            if day is not None and day > as_of:
                out.append(_v(
                    p, "date_after_as_of",
                    f"{stage['name']}的日期（{cn_date(day)}）晚于检查日期{cn_date(as_of)}，请核对是否录入有误",
                ))
        cancelled = p.cancelled is not None and p.cancelled <= as_of
        if p.admitted and p.confirmed is None and not cancelled and p.admitted <= as_of:
            end = probation_end_of(p)
            grace = add_months(end, prm["confirm_grace_months"])
            if as_of > grace:
                hint = "" if p.extension else "；如已延长预备期或取消预备党员资格，请在花名册“延长预备期”“取消资格日期”列中注明"
                out.append(_v(
                    p, "confirmation_overdue",
                    f"{cn_date(p.admitted)}接收为预备党员，预备期{'（延长' + str(p.extension) + '个月）' if p.extension else ''}"
                    f"已于{cn_date(end)}期满，截至{cn_date(as_of)}仍没有转正日期{hint}",
                ))
    return out


def _is_extension_end(admitted: dt.date, confirmed: dt.date) -> bool:
    low, high = parameters()["extension_months"]
    return any(extended_end(admitted, m) == confirmed for m in range(low, high + 1))


def _duration(start: dt.date, end: dt.date, months: int) -> str:
    if months >= 1:
        return f"{months}个月"
    return f"{(end - start).days}天"


def check_people(people, as_of: dt.date | None = None) -> list[Violation]:
    """All violations of all people, in roster order. as_of (the checking date) enables the checks
    that depend on today: dates in the future, 转正 overdue."""
    out: list[Violation] = []
    for p in people:
        out.extend(check_person(p, as_of))
    return out
