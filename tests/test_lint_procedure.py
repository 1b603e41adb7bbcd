"""Procedure facts stated wrongly anywhere in a draft — and the same facts stated rightly, which must
pass. Sentences of our own; the facts and their articles are in snippets/lint/procedure.yaml."""
from __future__ import annotations

import pytest
from lint_helpers import lint

HEAD = "中共青松镇委员会2025年度发展党员工作计划\n"


def procedure_findings(line: str) -> list:
    return [(f.rule, f.match) for f in lint(HEAD + line + "\n").findings if f.rule.startswith("procedure/")]


@pytest.mark.parametrize("line, rule, match", [
    ("入党积极分子经过半年以上的培养考察，可列为发展对象。", "procedure/period", "半年"),
    ("入党积极分子培养满六个月后，即可确定为发展对象。", "procedure/period", "六个月"),
    ("预备党员的预备期为半年。", "procedure/period", "半年"),
    ("预备期是两年，期满后讨论转正。", "procedure/period", "两年"),
    ("经支部大会讨论，延长预备期三个月。", "procedure/period", "三个月"),
    ("可以延长预备期一年半。", "procedure/period", "一年半"),
    ("对发展对象进行短期集中培训，时间不少于2天。", "procedure/period", "2天"),
    ("集中培训不少于16个学时。", "procedure/period", "16个学时"),
    ("基层党委应在六个月内审批。", "procedure/period", "六个月"),
    ("党组织收到入党申请书后，应当在三个月内派人同入党申请人谈话。", "procedure/period", "三个月"),
    ("年满十六周岁的青年可以申请入党。", "procedure/age", "年满十六周岁"),
    ("与会正式党员和群众代表进行投票表决。", "procedure/who", "群众代表进行投票表决"),
    ("预备党员享有表决权。", "procedure/who", "预备党员享有表决权"),
    ("由预备党员担任入党介绍人。", "procedure/who", "预备党员担任入党介绍人"),
    ("经党总支讨论同意，可列为发展对象。", "procedure/who", "党总支讨论同意，可列为发展对象"),
    ("党龄从支部大会通过之日算起。", "procedure/who", "党龄从支部大会通过之日算起"),
])
def test_wrong_procedure_facts_are_found(line, rule, match):
    assert (rule, match) in procedure_findings(line)


@pytest.mark.parametrize("line", [
    "入党积极分子经过一年以上培养考察，每半年考察一次，可列为发展对象。",
    "预备党员的预备期为一年，自支部大会通过之日算起。",
    "延长预备期不能少于半年，最长不超过一年。",
    "经支部大会讨论，延长预备期半年。",
    "集中培训一般不少于三天（或不少于24个学时）。",
    "基层党委应当在三个月内审批。",
    "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话。",
    "年满十八周岁的中国工人、农民可以申请入党。",
    "群众代表不参加表决，会前征求群众意见。",
    "预备党员没有表决权、选举权和被选举权。",
    "入党介绍人应当是正式党员，预备党员不能担任入党介绍人。",
    "经支部委员会讨论同意并报上级党委备案后，可列为发展对象。",
    "党龄从预备期满转为正式党员之日算起。",
    "预备期于2025年3月8日期满，党龄从2025年3月8日起计算。",
    "2024年5月6日召开支部大会，讨论接收预备党员。",
    "入党积极分子民主评议、民主投票推优，确定培养对象。",
])
def test_right_statements_of_the_same_facts_pass(line):
    assert procedure_findings(line) == []
