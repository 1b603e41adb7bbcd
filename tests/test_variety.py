"""Variety that survives a side-by-side read (issue #12): five villages under one 镇, each with its
own numbers, share on average at most a fifth of their plan's sentences word for word (measured
on sentences of 12 characters or more, headings and tables left out); one unit's plan is the same
on every run. No fact is invented: one_of(…) offers wordings of the same sentence."""
from __future__ import annotations

import copy
import datetime as dt
import itertools
import re

import pytest
import yaml

from generator import resources
from generator.data.profile import parse_profile
from generator.plans.generate import GENERATORS

BASE = yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"))
VILLAGES = ["青山", "石桥", "柳湾", "白沙", "红旗"]


def village(k: int, name: str):
    raw = copy.deepcopy(BASE)
    raw["单位"].update(全称=f"中共{name}村支部委员会", 简称=f"{name}村党支部", 类型="村", 上级="中共柳溪镇委员会")
    raw["单位"].pop("所属组织", None)
    raw["现状"].update(党员总数=40 + 7 * k, 入党申请人=5 + k, 入党积极分子=3 + k % 3, 发展对象=1 + k % 2)
    raw["现状"].pop("结构", None)
    raw["目标"].update(发展党员=1 + k % 3, 积极分子=2 + k % 2)
    raw["规划"] = {"起始年": 2025, "终止年": 2027, "每年发展": {2025: 1 + k % 3, 2026: 2, 2027: 2}, "每年减少": 1}
    return parse_profile(raw, name)


def sentences(markdown: str) -> set[str]:
    body = markdown.split("---", 2)[-1]
    return {s.strip() for s in re.split(r"[。！？\n]", body)
            if len(s.strip()) >= 12 and not s.lstrip().startswith(("#", "|", "<!--"))}


@pytest.mark.parametrize("kind, most", [("plan", 0.20), ("multi_year_plan", 0.20)])
def test_villages_of_one_town_read_differently(kind, most):
    day = dt.date(2025, 3, 1)
    docs = [sentences(GENERATORS[kind](village(k, n), day).markdown) for k, n in enumerate(VILLAGES)]
    shares = [len(a & b) / min(len(a), len(b)) for a, b in itertools.combinations(docs, 2)]
    assert sum(shares) / len(shares) <= most, [f"{s:.0%}" for s in shares]


def test_one_unit_reads_the_same_on_every_run():
    day = dt.date(2025, 3, 1)
    assert GENERATORS["plan"](village(0, "青山"), day).markdown == GENERATORS["plan"](village(0, "青山"), day).markdown
