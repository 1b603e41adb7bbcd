"""Unit sub-types (issue #12): a 乡 is not a 镇, a 街道 has no villages, a middle school is not a
university. Every document of every kind for such a unit, on every era and variant, uses its own
words (from snippets/unit_types.yaml) and none of the others'."""
from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml
from roster_samples import ROWS, shifted, write_csv

from generator import resources
from generator.core import snippets as snippets_mod
from generator.data.profile import parse_profile
from generator.plans.generate import GENERATORS
from generator.roster.people import load_roster
from generator.roster.stats import parse_period
from generator.summary.generate import generate_summary

BASE = yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"))

# 全称, 简称, 类型 as a user writes it, the sub-type it must become, words its documents must not use
UNITS = {
    "乡": ("中共青山乡委员会", "青山乡党委", "乡镇", "乡", re.compile(r"(?<!乡)镇|各村（社区）")),
    "街道": ("中共东城街道工作委员会", "东城街道党工委", "乡镇", "街道",
           re.compile(r"(?<!乡)镇|各村|农村|村级|致富|包村")),
    "中小学": ("中共南岭县第一中学委员会", "县一中党委", "学校", "中小学",
            re.compile(r"院（系）|院系|研究生|高年级|分党校|学科带头人|留学")),
    "高校": ("中共南岭师范学院委员会", "学院党委", "学校", "高校", re.compile(r"年级组|教研组")),
    "镇": ("中共柳溪镇委员会", "柳溪镇党委", "乡镇", "镇", re.compile(r"全乡|乡直|乡党校|全街道")),
}
DATES = [dt.date(2014, 8, 1), dt.date(2018, 3, 10), dt.date(2021, 6, 1), dt.date(2025, 3, 1)]


def profile(unit: str, day: dt.date):
    full, short, written, _, _ = UNITS[unit]
    raw = copy.deepcopy(BASE)
    raw["单位"].update(全称=full, 简称=short, 类型=written)
    raw["单位"].pop("所属组织", None)
    for key in ("署名", "印发机关", "抄送"):
        raw["公文"].pop(key, None)
    raw["公文"]["发文字号前缀"] = short[:2] + "发"
    raw["年度"] = day.year
    raw["规划"] = {"起始年": day.year, "终止年": day.year + 4, "每年发展": {day.year + i: 10 + i for i in range(5)},
                 "每年减少": 12}
    raw["公文"].update(成文日期=day.isoformat(), 印发日期=day.isoformat(), 发文机关标志=f"{full}文件")
    return parse_profile(raw, f"<{unit}>")


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_the_broad_type_is_narrowed_by_the_name(unit):
    assert profile(unit, DATES[-1]).unit_type == UNITS[unit][3]


def test_every_sub_type_has_its_parents_words_and_its_own():
    types = snippets_mod.load().unit_types
    assert types["乡"]["scope"] == "全乡" and types["乡"]["direct"] == "乡直单位"
    assert types["乡"]["women"] == types["乡镇"]["women"]  # inherited
    assert types["中小学"]["subordinates"] == "各党支部" and types["高校"]["subordinates"] == "各院（系）党组织"
    for uid, d in types.items():
        for key in ("scope", "subordinates", "grassroots", "direct", "school", "women", "talent", "own_unit"):
            assert d.get(key), (uid, key)


@pytest.mark.parametrize("unit", sorted(UNITS))
@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_documents_use_only_their_own_units_words(unit, kind):
    forbidden = UNITS[unit][4]
    for day in DATES:
        p = profile(unit, day)
        for variant in range(4):
            text = GENERATORS[kind](p, day, variant=variant).markdown
            hit = forbidden.search(text)
            assert hit is None, f"{kind} {day} v{variant}: “{text[max(0, hit.start() - 20):hit.end() + 20]}”"


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_summaries_use_only_their_own_units_words(unit, tmp_path):
    forbidden = UNITS[unit][4]
    for year in (2016, 2021, 2025):
        day = dt.date(year, 6, 30)
        p = profile(unit, day)
        roster = load_roster(write_csv(tmp_path / f"{year}.csv", shifted(ROWS, year - 2025)))
        for period in (f"{year}H1", str(year)):
            text = generate_summary(p, roster, parse_period(period)).markdown
            hit = forbidden.search(text)
            assert hit is None, f"{period}: “{text[max(0, hit.start() - 20):hit.end() + 20]}”"


@pytest.mark.parametrize("issuer, body, words", [
    ("中共青山乡委员会", "统筹各村和镇直单位发展党员工作，依托镇党校开展培训，全镇发展党员10名。", ["镇直单位", "镇党校", "全镇"]),
    ("中共东城街道工作委员会", "全镇计划发展党员5名。", ["全镇"]),
    ("中共南岭县第一中学委员会", "各院（系）党组织要落实责任。", ["各院（系）党组织"]),
    ("中共柳溪镇委员会", "统筹各村（社区）和镇直单位发展党员工作，依托镇党校开展培训。", []),
    ("中共青山乡委员会", "统筹各村和乡直单位发展党员工作，依托乡党校开展培训，全乡发展党员10名。", []),
])
def test_a_draft_copied_from_another_kind_of_unit(issuer, body, words):
    from generator.lint.engine import lint_draft
    from generator.readers import read_text

    text = f"{issuer}2025年度发展党员工作计划\n\n{body}\n\n{issuer}\n2025年3月1日\n"
    found = [f.match for f in lint_draft(read_text(text, "x.txt", "txt")).findings if f.rule == "wording/other-unit"]
    assert found == words


@pytest.mark.parametrize("name, sub", [
    ("中共青山乡委员会", "乡"), ("中共柳溪镇委员会", "镇"), ("中共东城街道工作委员会", "街道"),
    ("中共南岭县第一中学委员会", "中小学"), ("中共南岭职业技术学院委员会", "高校"), ("中共南岭县委", None),
])
def test_the_name_alone_tells_lint_the_sub_type_the_generator_would_narrow_to(name, sub):
    from generator.core.snippets import narrow_unit_type, subtype_by_name

    assert subtype_by_name(name) == sub
    parent = {"乡": "乡镇", "镇": "乡镇", "街道": "乡镇", "中小学": "学校", "高校": "学校"}.get(sub)
    if parent:
        assert narrow_unit_type(parent, name) == sub
