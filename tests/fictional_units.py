"""Fictional units, one (and a second) of each unit type, and profiles for them built from the
example profile, for tests that walk every unit type and date."""
from __future__ import annotations

import copy
import datetime as dt

import yaml

from generator import resources
from generator.data.profile import Profile, parse_profile

UNIT_NAMES = {  # 全称, 简称
    "村": ("中共青山村支部委员会", "青山村党支部"),
    "社区": ("中共翠苑社区委员会", "翠苑社区党委"),
    "机关": ("中共南岭县财政局机关委员会", "县财政局机关党委"),
    "学校": ("中共南岭师范学院委员会", "学院党委"),
    "国企": ("中共南岭能源集团有限公司委员会", "集团公司党委"),
    "非公": ("中共南岭精工科技有限公司支部委员会", "精工科技党支部"),
    "乡镇": ("中共柳溪镇委员会", "柳溪镇党委"),
    "县级": ("中共南岭县委员会", "南岭县委"),
}

OTHER_NAMES = {  # a second unit of the same type
    "村": ("中共石桥村支部委员会", "石桥村党支部"),
    "社区": ("中共金桂社区委员会", "金桂社区党委"),
    "机关": ("中共南岭县教育局机关委员会", "县教育局机关党委"),
    "学校": ("中共南岭职业技术学院委员会", "学院党委"),
    "国企": ("中共南岭交通投资集团有限公司委员会", "交投集团党委"),
    "非公": ("中共南岭绿源农业有限公司支部委员会", "绿源农业党支部"),
    "乡镇": ("中共白沙镇委员会", "白沙镇党委"),
    "县级": ("中共北川县委员会", "北川县委"),
}


# units of the sub-types (snippets/unit_types.yaml, parent:), for clauses written for one of them
SUBTYPE_NAMES = {
    "乡": ("中共青山乡委员会", "青山乡党委"),
    "镇": ("中共柳溪镇委员会", "柳溪镇党委"),
    "街道": ("中共东城街道工作委员会", "东城街道党工委"),
    "高校": ("中共南岭师范学院委员会", "学院党委"),
    "中小学": ("中共南岭县第一中学委员会", "县一中党委"),
    "事业单位": ("中共南岭县人民医院委员会", "县医院党委"),
    "社会组织": ("中共南岭县工商业联合会商会支部委员会", "县商会党支部"),
}


def profile_for(unit: str, day: dt.date, names: dict = UNIT_NAMES, include: list[str] | None = None) -> Profile:
    """The example profile turned into a unit of type `unit`, dated `day`, planning five years."""
    raw = copy.deepcopy(yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8")))
    full, short = names[unit] if unit in names else SUBTYPE_NAMES[unit]
    raw["单位"].update(全称=full, 简称=short, 类型=unit)
    raw["年度"] = day.year
    raw["规划"] = {"起始年": day.year, "终止年": day.year + 4,
                 "每年发展": {day.year + i: 10 + i for i in range(5)}, "每年减少": 12}
    raw["公文"].update(成文日期=day.isoformat(), 印发日期=day.isoformat(), 发文机关标志=f"{full}文件")
    if include:
        raw["语料"] = {"include": include}
    return parse_profile(raw, f"<{unit}>")
