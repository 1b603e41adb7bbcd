"""The decisions sheet (决定表) for batch 批复: one row per person and decision, read from .xlsx or
.csv (any encoding), validated as a whole so that every bad row is reported before anything is
written. The matters (事项), their aliases and the period rules come from snippets/approval.yaml."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from generator.core import probation, snippets
from generator.core.dates import add_months, cn_date, parse_date
from generator.data.tables import Row, read_sheet
from generator.errors import TemplateError, ValidationError

# canonical column -> other headers writers use
COLUMNS: dict[str, tuple[str, ...]] = {
    "党支部": ("支部", "所在支部", "所在党支部", "党支部名称", "党组织", "所在党组织", "支部名称"),
    "姓名": ("名字", "党员姓名", "预备党员姓名"),
    "事项": ("批复事项", "决定事项", "审批事项", "类型"),
    "支部大会日期": ("支部大会时间", "支部大会", "支部大会召开日期", "支部大会讨论日期"),
    "党委会议日期": ("党委会日期", "党委会议时间", "党委审批日期", "审批日期", "党委会议"),
    "延长期限": ("延长月数", "延长时间", "延长期", "延长期限月"),
    "入党时间": ("入党日期", "接收日期", "接收预备党员日期", "预备期开始日期", "预备期起", "成为预备党员日期"),
    # optional: what the branch's 请示 and the 批复's 引叙来文 cite, and what a reviewer asks for
    "请示日期": ("请示时间", "请示报送日期", "请示成文日期"),
    "应到人数": ("应到", "应到会人数", "应到有表决权人数", "应到会有表决权的正式党员"),
    "实到人数": ("实到", "实到会人数", "到会人数", "实到有表决权人数", "实到会有表决权的正式党员"),
    "赞成票": ("赞成", "赞成票数", "同意票", "同意票数"),
    "原因": ("取消原因", "取消理由", "理由", "事由"),
    "说明": ("备注", "逾期说明", "情况说明"),
}
VOTES = ("应到人数", "实到人数", "赞成票")
REQUIRED = ("党支部", "姓名", "事项", "支部大会日期", "党委会议日期")


@dataclass(frozen=True)
class Matter:
    id: str  # 接收预备党员 / 按期转正 / 延长预备期 / 取消预备党员资格
    aliases: tuple[str, ...]
    title: str  # with {对象}
    request: str  # title of the branch's 请示, with {对象}
    needs_admission: bool  # the 入党时间 is needed to compute the dates

    def title_for(self, who: str) -> str:
        return self.title.replace("{对象}", who)

    def request_for(self, who: str) -> str:
        return self.request.replace("{对象}", who)


@dataclass(frozen=True)
class ApprovalRules:
    extension_min: int
    extension_max: int
    approval_months: int
    grace_months: int  # a 转正 discussed later than this after the 预备期 ended needs a 说明
    month_words: dict[int, str]
    matters: dict[str, Matter]
    addressing: tuple[tuple[str, str], ...]
    default_addressing: str
    closing: str

    def matter(self, text: str) -> Matter | None:
        key = re.sub(r"\s+", "", str(text))
        for m in self.matters.values():
            if key == m.id or key in m.aliases:
                return m
        return None

    def months_text(self, months: int) -> str:
        return self.month_words.get(months, f"{months}个月")

    def addressing_for(self, branch: str) -> str:
        """你支部 / 你总支 / 你党委 for the branch the reply goes to."""
        for ending, word in self.addressing:
            if branch.endswith(ending):
                return word
        return self.default_addressing

    @staticmethod
    def probation_end(admitted: dt.date) -> dt.date:
        return probation.probation_end(admitted)

    @staticmethod
    def extended_end(admitted: dt.date, months: int) -> dt.date:
        return probation.extended_end(admitted, months)


@lru_cache(maxsize=None)
def rules() -> ApprovalRules:
    path = "snippets/approval.yaml"
    d = snippets.data("approval")
    try:
        limits = d["期限"]
        matters = {
            mid: Matter(
                id=mid,
                aliases=tuple(str(a) for a in m.get("aliases", ())),
                title=str(m["标题"]),
                request=str(m["请示"]),
                needs_admission=bool(m.get("需要入党时间", False)),
            )
            for mid, m in d["事项"].items()
        }
        low, high = probation.parameters()["extension_months"]
        return ApprovalRules(
            extension_min=int(low),
            extension_max=int(high),
            approval_months=int(limits["审批时限月数"]),
            grace_months=int(probation.parameters()["confirm_grace_months"]),
            month_words={int(k): str(v) for k, v in (d.get("期限说法") or {}).items()},
            matters=matters,
            addressing=tuple((str(a["结尾"]), str(a["称谓"])) for a in d["来文称谓"]),
            default_addressing=str(d["默认称谓"]),
            closing=str(d["结语"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"{path}：批复规则文件不完整（{exc}）") from None


@dataclass(frozen=True)
class Decision:
    """One person's decision, as validated from one row of the sheet."""

    row: int
    branch: str
    name: str
    matter: str  # Matter.id
    branch_meeting: dt.date  # 支部大会日期
    committee_meeting: dt.date  # 党委会议日期
    extension_months: int | None = None  # 延长预备期 only
    admitted: dt.date | None = None  # 入党时间 (the 支部大会 that admitted them as 预备党员)
    request_date: dt.date | None = None  # 请示日期 (the branch's 请示, cited by the 批复)
    expected: int | None = None  # 应到会有表决权的正式党员
    present: int | None = None  # 实到
    votes: int | None = None  # 赞成票
    ground: str | None = None  # 原因: a 取消 states it (党章第七条)
    remark: str | None = None  # 说明: why a 转正 was discussed late

    @property
    def has_votes(self) -> bool:
        return None not in (self.expected, self.present, self.votes)


@dataclass
class Decisions:
    source: str
    items: list[Decision]


# --- cell parsing ---------------------------------------------------------------------------
_NAME_SEPARATORS = re.compile(r"[、，,；;/／\\|]")
_CJK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_NAME_OK = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff\w·•．.\- ]+$")
_SPACES = re.compile(r"[\s\u3000]+")
_COUNT = re.compile(r"(\d{1,5})(?:名|人|票)?")


def clean_text(value: Any) -> str | None:
    """A text cell: spaces (full-width too) collapsed; None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def clean_name(value: Any) -> tuple[str | None, str | None]:
    """(name, problem). Writers pad two-character names to align them (王  丽): spaces between
    Chinese characters are dropped; 少数民族 names keep their 间隔号 (阿依古丽·买买提)."""
    text = clean_text(value)
    if text is None:
        return None, "姓名为空"
    if _NAME_SEPARATORS.search(text):
        return None, f"姓名“{text}”像是多个人，一个单元格只填一个姓名，每人一行"
    if all(_CJK.match(part) for part in text.split(" ")):
        text = text.replace(" ", "")
    text = text.replace("•", "·").replace("．", "·")
    if not _NAME_OK.match(text) or any(c.isdigit() for c in text):
        return None, f"姓名“{text}”含有数字或符号，请核对"
    if len(text) > 30:
        return None, f"姓名“{text[:12]}…”过长，请核对"
    return text, None


_MONTHS = re.compile(r"^(\d{1,2})(?:\.0)?\s*(个月|月)?$")
_YEARS = re.compile(r"^(\d)\s*年$")


def parse_months(value: Any, rules_: ApprovalRules) -> int:
    """延长期限 as writers type it: 6 / 6个月 / 半年 / 一年 / 12. Raises ValueError with a reason."""
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是月数")
    if isinstance(value, (int, float)):
        if not float(value).is_integer():
            raise ValueError(f"“{value}”不是整月数")
        months = int(value)
    else:
        text = re.sub(r"\s+", "", str(value))
        words = {w: m for m, w in rules_.month_words.items()}
        if text in words:
            months = words[text]
        else:
            m, y = _MONTHS.match(text), _YEARS.match(text)
            if not (m or y):
                raise ValueError(f"“{text}”不是月数（可写 6、6个月、半年、一年）")
            months = int(m.group(1)) if m else 12 * int(y.group(1))
    if not rules_.extension_min <= months <= rules_.extension_max:
        raise ValueError(
            f"延长{months}个月不符合规定，延长预备期应为{rules_.extension_min}—{rules_.extension_max}个月"
        )
    return months


# --- the sheet ---------------------------------------------------------------------------------
def _date(row: Row, column: str, problems: list[str], label: str) -> dt.date | None:
    value = row.values.get(column)
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        problems.append(f"{label}“{column}”{exc}")
        return None


def parse_row(row: Row, rules_: ApprovalRules) -> tuple[Decision | None, list[str]]:
    """One row -> a Decision, or the list of what is wrong with it (each naming its column)."""
    problems: list[str] = []
    label = f"第{row.number}行"
    v = row.values
    branch = clean_text(v.get("党支部"))
    if branch is None:
        problems.append(f"{label}“党支部”为空")
    name, why = clean_name(v.get("姓名"))
    if why:
        problems.append(f"{label}{why}")
    matter = None
    raw_matter = clean_text(v.get("事项"))
    if raw_matter is None:
        problems.append(f"{label}“事项”为空（可填：{'、'.join(rules_.matters)}）")
    else:
        matter = rules_.matter(raw_matter)
        if matter is None:
            problems.append(f"{label}事项“{raw_matter}”无法识别（可填：{'、'.join(rules_.matters)}）")
    branch_meeting = _date(row, "支部大会日期", problems, label)
    committee = _date(row, "党委会议日期", problems, label)
    admitted = _date(row, "入党时间", problems, label)
    for column, value in (("支部大会日期", branch_meeting), ("党委会议日期", committee)):
        if value is None and v.get(column) is None:
            problems.append(f"{label}“{column}”为空")

    months = None
    raw_months = v.get("延长期限")
    if matter is not None and matter.id == "延长预备期":
        if raw_months is None:
            problems.append(f"{label}延长预备期需要填写“延长期限”（{rules_.extension_min}—{rules_.extension_max}个月）")
        else:
            try:
                months = parse_months(raw_months, rules_)
            except ValueError as exc:
                problems.append(f"{label}“延长期限”{exc}")
    elif matter is not None and raw_months is not None:
        problems.append(f"{label}事项为“{matter.id}”，不应填写“延长期限”（只有延长预备期才填）")

    request_date = _date(row, "请示日期", problems, label)
    counts = {c: _count(row, c, problems, label) for c in VOTES}
    ground, remark = clean_text(v.get("原因")), clean_text(v.get("说明"))
    if matter is not None and matter.id == "取消预备党员资格" and ground is None:
        problems.append(f"{label}取消预备党员资格需要在“原因”列写明理由（党章第七条：预备党员不履行党员义务、"
                        "不具备党员条件的，应当取消预备党员资格），批复据此写明依据")
    if problems:
        return None, problems
    assert branch and name and matter and branch_meeting and committee
    problems += check_row_dates(label, matter, branch_meeting, committee, admitted, rules_, months, remark)
    problems += check_request_date(label, request_date, branch_meeting, committee)
    problems += check_votes(label, counts["应到人数"], counts["实到人数"], counts["赞成票"])
    if problems:
        return None, problems
    return Decision(row.number, branch, name, matter.id, branch_meeting, committee, months, admitted,
                    request_date, counts["应到人数"], counts["实到人数"], counts["赞成票"], ground, remark), []


def _count(row: Row, column: str, problems: list[str], label: str) -> int | None:
    value = row.values.get(column)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if type(value) is int and 0 <= value <= 99_999:  # as Excel stores it: no text to read
        return value
    text = re.sub(r"\s+", "", str(value))
    m = _COUNT.fullmatch(text)
    if not m:
        problems.append(f"{label}“{column}”应为人数，如 23（实际为“{text}”）")
        return None
    return int(m.group(1))


def check_votes(label: str, expected: int | None, present: int | None, votes: int | None) -> list[str]:
    """细则: more than half of the members with a vote present, and more than half of them (of those
    who should attend) in favour — else the 支部大会 could not decide."""
    out = []
    if expected is not None and present is not None:
        if present > expected:
            out.append(f"{label}“实到人数”{present}名多于“应到人数”{expected}名")
        elif present * 2 <= expected:
            out.append(f"{label}实到{present}名，未超过应到会有表决权的正式党员{expected}名的半数，支部大会不能进行表决")
    if votes is not None and present is not None and votes > present:
        out.append(f"{label}“赞成票”{votes}票多于实到人数{present}名")
    elif votes is not None and expected is not None and votes * 2 <= expected:
        out.append(f"{label}赞成票{votes}票未超过应到会有表决权的正式党员{expected}名的半数，决议不能通过")
    return out


def check_request_date(label: str, request: dt.date | None, meeting: dt.date, committee: dt.date) -> list[str]:
    if request is None:
        return []
    if request < meeting:
        return [f"{label}请示日期{cn_date(request)}早于支部大会日期{cn_date(meeting)}（请示在支部大会之后报送）"]
    if request > committee:
        return [f"{label}请示日期{cn_date(request)}晚于党委会议日期{cn_date(committee)}（党委在收到请示后审批）"]
    return []


def check_row_dates(label: str, matter: Matter, meeting: dt.date, committee: dt.date,
                    admitted: dt.date | None, rules_: ApprovalRules, months: int | None = None,
                    remark: str | None = None) -> list[str]:
    """The date facts one row can be checked for on its own (细则: order and time limits; an
    extension that has already run out; a 转正 discussed long after the 预备期 ended)."""
    out = []
    if committee < meeting:
        out.append(f"{label}党委会议日期{cn_date(committee)}早于支部大会日期{cn_date(meeting)}")
    deadline = add_months(meeting, rules_.approval_months)
    if committee > deadline:
        out.append(
            f"{label}党委会议日期{cn_date(committee)}超过了支部大会后{rules_.approval_months}个月的审批时限"
            f"（应不晚于{cn_date(deadline)}）"
        )
    if matter.id == "接收预备党员" and admitted is not None and admitted != meeting:
        out.append(f"{label}接收预备党员的“入党时间”应与支部大会日期相同，实际为{cn_date(admitted)}和{cn_date(meeting)}")
    if admitted is not None and matter.id != "接收预备党员":
        end = rules_.probation_end(admitted)
        if meeting < admitted:
            out.append(f"{label}支部大会日期{cn_date(meeting)}早于入党时间{cn_date(admitted)}")
        elif matter.id in ("按期转正", "延长预备期") and meeting < end:
            out.append(
                f"{label}预备期至{cn_date(end)}才满（入党时间{cn_date(admitted)}起一年），"
                f"支部大会{cn_date(meeting)}讨论{matter.id}为时过早"
            )
        elif matter.id == "按期转正" and remark is None and meeting > add_months(end, rules_.grace_months):
            out.append(
                f"{label}预备期{cn_date(end)}已满，支部大会{cn_date(meeting)}才讨论转正，超过{rules_.grace_months}个月"
                "（细则第三十二条：预备期满应当及时讨论）；如有正当理由，请在“说明”列写明"
            )
        if matter.id == "延长预备期" and months is not None and meeting >= end:
            extended = rules_.extended_end(admitted, months)
            if extended <= committee:
                out.append(
                    f"{label}延长{rules_.months_text(months)}后预备期至{cn_date(extended)}，党委会议{cn_date(committee)}时"
                    "已经期满，延长已无意义；应由支部大会讨论能否转为正式党员"
                )
    return out


def check_batch(items: list[Decision]) -> list[str]:
    """Problems only the whole sheet shows: the same person twice."""
    problems = []
    seen: dict[tuple[str, str], Decision] = {}
    for d in items:
        key = (d.branch, d.name)
        if key in seen:
            first = seen[key]
            if first.matter == d.matter:
                problems.append(f"第{d.row}行{d.branch}的“{d.name}”与第{first.row}行重复")
            else:
                problems.append(
                    f"第{d.row}行{d.branch}的“{d.name}”已在第{first.row}行作为“{first.matter}”出现，"
                    f"同一人一批只能有一项决定（本行为“{d.matter}”）"
                )
        else:
            seen[key] = d
    return problems


def parse_sheet_rows(rows: list[Row], source: str, rules_: ApprovalRules | None = None,
                     parsed: list[tuple[Decision | None, list[str]]] | None = None) -> tuple[Decisions, list[str]]:
    """The valid rows as Decisions, and the problems of the others (not raised: a caller that
    checks more, such as the roster, reports everything together). `parsed`: what parse_row gave
    for the first rows already (read_decisions' watcher parsed them while the sheet was read)."""
    rules_ = rules_ or rules()
    parsed = list(parsed or ())
    parsed += (parse_row(row, rules_) for row in rows[len(parsed):])
    problems: list[str] = []
    items: list[Decision] = []
    for decision, row_problems in parsed:
        problems += row_problems
        if decision is not None:
            items.append(decision)
    problems += check_batch(items)
    if not rows:
        problems.append("表格中没有任何决定（表头下面是空的）")
    return Decisions(source, items), problems


def read_decisions(path: Path | str,
                   watch: Callable[[list[Decision]], None] | None = None) -> tuple[Decisions, list[str]]:
    """The sheet's decisions and every problem. `watch` is shown the valid decisions read so far,
    while the sheet is read (a batch renders what looks settled meanwhile); rows are parsed once."""
    if watch is None:
        sheet = read_sheet(path, COLUMNS, REQUIRED)
        return parse_sheet_rows(sheet.rows, sheet.path)
    rules_ = rules()
    parsed: list[tuple[Decision | None, list[str]]] = []
    valid: list[Decision] = []
    seen: list[list[Row]] = []

    def look(rows: list[Row]) -> None:
        seen[:] = [rows]
        for row in rows[len(parsed):]:
            parsed.append(parse_row(row, rules_))
            if parsed[-1][0] is not None:
                valid.append(parsed[-1][0])
        watch(valid)

    sheet = read_sheet(path, COLUMNS, REQUIRED, look)
    n = len(parsed)
    if n and (len(sheet.rows) < n or sheet.rows[n - 1] is not seen[0][n - 1]):
        parsed = []  # the rows come from another sheet than the one watched
    return parse_sheet_rows(sheet.rows, sheet.path, rules_, parsed)


def load_decisions(path: Path | str) -> Decisions:
    """Read and validate a decisions sheet; raises ValidationError listing every bad row."""
    decisions, problems = read_decisions(path)
    if problems:
        raise ValidationError(decisions.source, by_row(problems))
    return decisions


def by_row(problems: list[str]) -> list[str]:
    """Problems in sheet order (第3行 before 第12行), whatever check found them."""
    def key(p: str) -> int:
        m = re.match(r"第(\d+)行", p)
        return int(m.group(1)) if m else 0

    return sorted(problems, key=key)
