"""The document kinds (docs/DOMAIN.md §1): their mandatory parts in order, the synonyms writers use for
section headings, and the 公文 elements each must carry. Templates follow these lists; lint
requires them. This is the only place they are written down."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.errors import InputError


@dataclass(frozen=True)
class Section:
    id: str  # canonical name, also the corpus `section` tag
    synonyms: tuple[str, ...] = ()
    heading: bool = True  # False: a part without its own heading (opening, 主送, 结语 …)
    corpus: bool = True  # filled from corpus clauses
    required: bool = True  # False: a part a document may have (进度安排), checked for order only

    def names(self) -> tuple[str, ...]:
        return (self.id, *self.synonyms)

    def matches(self, heading_text: str) -> bool:
        text = heading_text.strip().rstrip("。：:")
        return any(text == n or text.startswith(n) for n in self.names())


@dataclass(frozen=True)
class Kind:
    id: str
    name: str  # 文种 as writers call it
    title_pattern: re.Pattern[str]
    sections: tuple[Section, ...]
    required_meta: tuple[str, ...] = ("signature", "date")
    template: str = ""
    extra_corpus_sections: tuple[str, ...] = field(default=())

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def headed_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.heading)


_OPENING = Section("开头", heading=False)
_GUIDING = Section("指导思想")
_TARGETS = Section("目标任务", ("总体目标", "目标要求", "具体目标", "主要目标", "工作目标", "规划目标", "发展目标", "预期目标",
                                  "任务目标", "目标和任务", "计划任务", "发展计划", "目标"))
_FOCUS = Section("工作重点", ("主要措施", "基本措施", "重点工作", "具体措施", "工作措施"))
_REQUIREMENTS = Section("工作要求", ("相关要求", "具体要求", "保障措施", "组织保障", "组织领导", "保障机制"))
# written from the data when there is data (the roster, 现状): optional, but in this place
_SITUATION = Section("基本情况", ("现状分析", "党员队伍现状", "基本现状", "工作回顾"), corpus=False, required=False)
_TIMETABLE = Section("进度安排", ("时间安排", "工作进度", "进度要求", "时间进度", "工作安排"), corpus=False, required=False)

KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind(
            "plan",
            "年度发展党员工作计划",
            # with or without the year (县林业局发展党员计划, 2010年发展党员指导性计划)
            re.compile(r"发展(?:农民|新)?党员(?:工作)?(?:指导性|年度)?计划$"),
            (_OPENING, _SITUATION, _GUIDING, _TARGETS, _FOCUS, _TIMETABLE, _REQUIREMENTS),
            template="plan.md.j2",
            extra_corpus_sections=("目标结构",),
        ),
        Kind(
            "multi_year_plan",
            "发展党员工作规划",
            re.compile(r"\d{4}[—–-]{1,2}\d{4}年(党员)?发展(党员)?(工作)?规划$|发展(?:农民|新)?党员(?:工作)?(?:中长期|五年)?规划$"),
            (_OPENING, _SITUATION, _GUIDING, _TARGETS, _FOCUS, _TIMETABLE, _REQUIREMENTS),
            template="multi_year_plan.md.j2",
            extra_corpus_sections=("目标结构", "年度安排", "期末测算"),
        ),
        Kind(
            "summary",
            "发展党员工作总结",
            # the summary as a 报告 to the superior: 关于2025年上半年发展党员工作情况的报告
            re.compile(r"发展党员工作(总结|小结)$|关于.*发展党员工作(情况)?的报告$"),
            (
                Section("基本情况", ("工作开展情况", "总体情况", "完成情况")),
                Section("主要做法", ("工作措施", "主要措施", "工作举措", "主要工作")),
                Section("存在问题", ("存在的问题", "问题和不足", "存在的不足", "困难和问题")),
                Section("下步打算", ("下一步打算", "下步工作打算", "下一步工作打算", "下步工作思路")),
            ),
            template="summary.md.j2",
        ),
        Kind(
            "approval",
            "批复",
            re.compile(r"^.*关于.+的批复$"),
            (
                Section("主送", heading=False, corpus=False),
                Section("引叙来文", heading=False, corpus=False),
                Section("批复意见", heading=False),
                Section("执行要求", heading=False),
                Section("结语", heading=False, corpus=False),
            ),
            required_meta=("recipients", "signature", "date"),
            template="approval.md.j2",
        ),
        Kind(
            "request",
            "请示",
            re.compile(r"^.*关于.+的请示$"),
            (
                Section("主送", heading=False, corpus=False),
                Section("请示缘由", heading=False, corpus=False),
                Section("请示事项", heading=False, corpus=False),
                Section("结语", heading=False, corpus=False),
            ),
            required_meta=("recipients", "signature", "date"),
            template="request.md.j2",
        ),
        Kind(
            "publicity",
            "公示",
            re.compile(r"^.*(?:关于.+的)?公示$"),
            (
                Section("公示对象", heading=False, corpus=False),
                Section("公示期", heading=False, corpus=False),
                Section("反映方式", heading=False, corpus=False),
            ),
            template="publicity.md.j2",
        ),
        Kind(
            "notice",
            "印发通知",
            re.compile(r"^.*关于印发.+的通知$"),  # 《》 left out is a defect of a 印发通知, not another kind
            (
                Section("主送", heading=False, corpus=False),
                Section("印发语", heading=False),
                Section("附件", heading=False, corpus=False),
            ),
            required_meta=("recipients", "signature", "date"),
            template="notice.md.j2",
        ),
    )
}


# What writers type for a kind besides its id and its name (年度计划, 规划, 总结, 通知 …): every
# --kind / --of of every command reads kinds through parse_kind() and these.
ALIASES: dict[str, tuple[str, ...]] = {
    "plan": ("年度计划", "计划"),
    "multi_year_plan": ("multi-year-plan", "规划", "多年规划"),
    "summary": ("总结", "工作总结"),
    "approval": (),
    "request": (),
    "publicity": (),
    "notice": ("通知",),
}


def get(kind_id: str) -> Kind:
    try:
        return KINDS[kind_id]
    except KeyError:
        known = "、".join(KINDS)
        raise InputError(f"未知文种“{kind_id}”，可选：{known}") from None


def names() -> dict[str, str]:
    """Everything a writer may type for a kind, each mapped to its id."""
    out: dict[str, str] = {}
    for k in KINDS.values():
        for name in (k.id, k.name, *ALIASES.get(k.id, ())):
            out[name] = k.id
    return out


def parse_kind(value: str | None, option: str = "--kind", among: tuple[str, ...] | None = None) -> str | None:
    """A kind as writers type it (plan, 计划, 规划, 总结, 批复, 通知 …) -> its id; `among`: the kinds
    this option takes. Anything else is an InputError naming the option and listing the choices."""
    if value is None:
        return None
    allowed = among or tuple(KINDS)
    table = names()
    text = str(value).strip()
    kind = table.get(text) or table.get(text.lower().replace("-", "_"))
    if kind in allowed:
        return kind
    choices = "；".join(
        f"{k}（{'、'.join(n for n, kid in table.items() if kid == k and not n.isascii())}）" for k in allowed
    )
    if kind is None:
        raise InputError(f"{option}：不认识的文种“{value}”，可选：{choices}")
    raise InputError(f"{option}：这里不能用“{value}”（{KINDS[kind].name}），可选：{choices}")


def infer_from_title(title: str) -> Kind | None:
    for k in KINDS.values():
        if k.title_pattern.search(title.strip()):
            return k
    return None
