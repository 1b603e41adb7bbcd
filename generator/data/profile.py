"""The unit profile (单位概况 YAML): who the unit is, its current numbers, its targets and how its
documents are issued. Validation names every bad field by its path; nothing is written then."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core import snippets as snippets_mod
from generator.core.figures import categories
from generator.data import schema as s
from generator.errors import ValidationError
from generator.infra.yamlio import load_yaml

# 工作情况: what the summary's 主要做法 may count, with its unit and meaning
WORK_FIGURES = {
    "培训班": ("期", "举办发展对象、入党积极分子培训班的期数"),
    "培训人次": ("人次", "参加培训的人次"),
    "谈话人次": ("人次", "培养联系人、党委委员或组织员谈心谈话的人次"),
    "政治审查": ("名", "完成政治审查的人数"),
    "公示": ("人次", "公示的发展对象和拟接收预备党员人次（同一人两个阶段各算一次）"),
    "推优": ("名", "团组织推荐的优秀团员人数"),
    "档案检查": ("份", "检查的发展党员档案份数"),
}


def _categories() -> tuple[str, ...]:
    return tuple(categories())


def _schema() -> s.Record:
    cats = _categories()
    types = snippets_mod.load().unit_types
    return s.Record(
        fields={
            "单位": s.Record(
                fields={
                    "全称": s.Str(help="如 中共青山镇委员会"),
                    "简称": s.Str(help="如 青山镇党委"),
                    "类型": s.Choice(
                        resolve=snippets_mod.unit_type_id,
                        choices_help="、".join(types),
                        help="村、社区、机关、事业单位、学校（高校、中小学）、国企、非公、社会组织、乡镇（乡、镇、街道）、县级之一",
                    ),
                    "上级": s.Str(help="上级党组织全称，如 中共临江县委"),
                    "所属组织": s.Str(required=False, help="印发通知的主送，如 各党支部（默认按单位类型，如镇为各村（社区）和镇直单位党组织）"),
                    # the words a document uses for the unit's own scope; defaults by unit type
                    "范围": s.Str(required=False, help="行文中指本单位范围的说法，如 全乡、全街道、全区（默认按单位类型）"),
                    "下级": s.Str(required=False, help="行文中对下级党组织的统称，如 各村党组织（默认按单位类型）"),
                    "组织部": s.Str(required=False, help="文中提到的组织部门，如 区委组织部（默认按单位类型）"),
                }
            ),
            "年度": s.Int(min=1990, max=2100, units="年", help="计划年度，如 2025"),
            "现状": s.Record(
                fields={
                    "党员总数": s.Int(min=0),
                    "入党申请人": s.Int(min=0),
                    "入党积极分子": s.Int(min=0),
                    "发展对象": s.Int(min=0),
                    "截至日期": s.Date(required=False),
                    "结构": s.MapOf(required=False, default={}, value=s.Int(min=0), keys=cats),
                }
            ),
            "目标": s.Record(
                fields={
                    "发展党员": s.Int(min=0, help="本年度计划发展党员数"),
                    "结构": s.MapOf(required=False, default={}, value=s.Percent(), keys=cats),
                    "积极分子": s.Int(required=False, min=0, help="计划新确定入党积极分子数"),
                    # the quota per branch, as the committee decided it; without it a roster shares it out
                    "分解": s.MapOf(required=False, default={}, value=s.Int(min=0),
                                  help="各党支部的计划发展数，如 柳溪村党支部: 3（合计应等于 发展党员）"),
                    # summary: how far the actual number may fall short of / exceed the plan and still count as 完成
                    "允许偏差": s.Percent(required=False, default=5.0, help="实际发展数与计划数允许的偏差，默认5%"),
                }
            ),
            "规划": s.Record(
                required=False,
                default=None,
                fields={
                    "起始年": s.Int(min=1990, max=2100, units="年"),
                    "终止年": s.Int(min=1990, max=2100, units="年"),
                    "每年发展": s.MapOf(value=s.Int(min=0)),
                    "每年减少": s.Int(required=False, default=0, min=0, help="预计每年因去世、出党等减少的党员数"),
                },
            ),
            # the summary's 主要做法 figures, per period (2025上半年, 2025H1, 2025): only what is given
            # is written — a practice with no figure is described, never counted
            "工作情况": s.MapOf(
                required=False,
                default={},
                value=s.Record(fields={k: s.Int(required=False, min=0, units=u, help=h) for k, (u, h) in WORK_FIGURES.items()}),
            ),
            # the 公示 (gongwen publicity): how long, who takes the opinions
            "公示": s.Record(
                required=False,
                default={},
                fields={
                    "工作日": s.Int(required=False, default=5, min=1, max=30, units="天个", help="公示期的工作日数，默认 5"),
                    "联系人": s.Str(required=False, help="受理意见的联系人"),
                    "电话": s.Str(required=False, help="受理意见的联系电话"),
                    "地址": s.Str(required=False, help="来信地址（可选）"),
                    "节假日": s.ListOf(required=False, default=[], item=s.Date(), help="公示期内不计的法定节假日，如 [2025-10-01, 2025-10-02]"),
                },
            ),
            "公文": s.Record(
                fields={
                    "红头": s.Bool(required=False, default=False),
                    "发文机关标志": s.Str(required=False),
                    "发文字号前缀": s.Str(
                        required=False,
                        pattern=r"[^\s〔〕\[\]（）()0-9]{1,12}",
                        pattern_help="只写机关代字，如 青发（年份和序号由工具生成）",
                    ),
                    "文号": s.Int(required=False, default=1, min=1, help="本文件的发文顺序号"),
                    "主送": s.Str(required=False),
                    "报告主送": s.Str(required=False, help="总结作为报告（summary --report）时的主送机关，默认为上级党委组织部"),
                    "署名": s.Str(required=False),
                    "成文日期": s.Date(required=False),
                    "抄送": s.Str(required=False),
                    "印发机关": s.Str(required=False),
                    "印发日期": s.Date(required=False),
                },
            ),
            "语料": s.Record(
                required=False,
                default={"include": [], "exclude": [], "目录": []},
                fields={
                    "include": s.ListOf(required=False, default=[]),
                    "exclude": s.ListOf(required=False, default=[]),
                    "目录": s.ListOf(required=False, default=[], help="本单位自己的语料目录，相对于本文件"),
                },
            ),
        }
    )


@dataclass
class Profile:
    data: dict[str, Any]  # the validated profile, Chinese keys as the user wrote them
    source: str

    @property
    def full_name(self) -> str:
        return self.data["单位"]["全称"]

    @property
    def short_name(self) -> str:
        return self.data["单位"]["简称"]

    @property
    def unit_type(self) -> str:
        return self.data["单位"]["类型"]

    @property
    def year(self) -> int:
        return self.data["年度"]

    @property
    def office(self) -> dict[str, Any]:
        return self.data["公文"]

    def document_date(self, override: dt.date | None = None) -> dt.date:
        return override or self.office.get("成文日期") or dt.date.today()

    def doc_number(self, year: int, number: int | None = None) -> str | None:
        prefix = self.office.get("发文字号前缀")
        if not prefix:
            return None
        return f"{prefix}〔{year}〕{number or self.office.get('文号') or 1}号"

    def clause_pins(self) -> tuple[list[str], list[str]]:
        c = self.data.get("语料") or {}
        return list(c.get("include") or []), list(c.get("exclude") or [])


def parse_profile(raw: Any, source: str) -> Profile:
    problems = s.Problems()
    if raw is None:
        raise ValidationError(source, ["文件是空的"])
    if isinstance(raw, dict) and "clauses" in raw and "语料" not in raw:
        raw = {("语料" if k == "clauses" else k): v for k, v in raw.items()}  # the English key of issue #3
    data = _schema().check(raw, "", problems)
    if not problems:
        _check_consistency(data, problems)
    if problems:
        raise ValidationError(source, problems)
    # a 0% share is no target at all: documents must not say "女性占0%以上"
    data["目标"]["结构"] = {k: v for k, v in (data["目标"].get("结构") or {}).items() if v}
    # 乡镇 for 中共青山乡委员会 means a 乡: its documents say 全乡 and 乡直单位, never 镇
    unit = data["单位"]
    unit["类型"] = snippets_mod.narrow_unit_type(unit["类型"], unit["全称"])
    return Profile(data, source)


def _check_consistency(data: dict, problems: s.Problems) -> None:
    now = data["现状"]
    for key, count in (now.get("结构") or {}).items():
        if count is not None and count > now["党员总数"]:
            problems.add(f"现状.结构.{key}", f"{count}名超过党员总数{now['党员总数']}名")
    if "高中及以上" in data["目标"]["结构"] and "大专及以上" in data["目标"]["结构"]:
        hi, college = data["目标"]["结构"]["高中及以上"], data["目标"]["结构"]["大专及以上"]
        if hi is not None and college is not None and college > hi:
            problems.add("目标.结构.大专及以上", f"{college:g}%不应高于高中及以上的{hi:g}%")
    plan = data.get("规划")
    if plan:
        start, end = plan["起始年"], plan["终止年"]
        if start is not None and end is not None:
            if not 3 <= end - start + 1 <= 5:
                problems.add("规划.终止年", f"规划期应为3—5年，实际为{start}—{end}年")
            # 2025年: 15 is read as 2025: 15
            per_year = plan["每年发展"] = {str(k).strip().removesuffix("年"): v for k, v in (plan.get("每年发展") or {}).items()}
            keys = set(per_year)
            for year in range(start, end + 1):
                if str(year) not in keys:
                    problems.add(f"规划.每年发展.{year}", "缺少该年的计划发展数")
            for k in keys:
                if not k.isdigit() or not start <= int(k) <= end:
                    problems.add(f"规划.每年发展.{k}", f"不在规划期{start}—{end}年内")


def load_profile(path: Path | str) -> Profile:
    path = Path(path)
    return parse_profile(load_yaml(path, unique_keys=True), str(path))
