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


@pytest.mark.parametrize("line, match", [
    ("王强同志的入党介绍人为正式党员张华和预备党员李敏。", "入党介绍人为正式党员张华和预备党员"),
    ("入党介绍人由支部书记一人担任即可。", "入党介绍人由支部书记一人担任即可"),
    ("有表决权的到会人数达到应到会人数的三分之一即可开会。", "有表决权的到会人数达到应到会人数的三分之一即可"),
    ("表现突出的预备党员可提前转为正式党员。", "提前转为正式党员"),
    ("对条件成熟的发展对象，经党委同意即可接收为预备党员，无需召开支部大会。", "无需召开支部大会"),
    ("培养联系人可由表现较好的入党积极分子担任。", "培养联系人可由表现较好的入党积极分子担任"),
    ("预备期自上级党委批准之日起计算。", "预备期自上级党委批准之日起计算"),
    ("党龄从2023年3月6日支部大会通过之日起计算。", "党龄从2023年3月6日支部大会通过之日起计算"),
    ("预备党员转正由村党支部大会讨论决定，报镇党委备案即可。", "报镇党委备案即可"),
    ("经党小组讨论决定接收其为预备党员。", "党小组讨论决定"),
])
def test_more_wrong_procedure_statements(line, match):
    assert ("procedure/who", match) in procedure_findings(line)


@pytest.mark.parametrize("line, match", [
    ("同意延长张伟同志预备期4个月。", "4个月"),
    ("延长预备期一般为三至六个月。", "三至六个月"),
    ("预备期满半年即可提出转正申请。", "半年"),
    ("对拟列为发展对象的人员，统一组织培训，培训时间不少于12个学时。", "12个学时"),
])
def test_more_wrong_periods(line, match):
    assert ("procedure/period", match) in procedure_findings(line)


def test_an_applicant_under_eighteen_named_by_age():
    assert ("procedure/age", "现年17周岁") in procedure_findings("发展对象赵明（高三学生，现年17周岁）已完成培训。")


@pytest.mark.parametrize("line", [
    "入党介绍人应当是正式党员，预备党员不能担任入党介绍人。",
    "有表决权的到会人数必须超过应到会有表决权人数的半数。",
    "预备党员不能提前转为正式党员。",
    "培养联系人由一至两名正式党员担任。",
    "预备期自支部大会通过其为预备党员之日算起。",
    "同意延长张伟同志预备期半年。",
    "延长预备期一般为六至十二个月。",
    "预备期满一年的，支部应及时讨论其转正问题。",
    "入党积极分子和发展对象报镇党委备案。",
    "预备党员和入党积极分子均未参加表决。",
])
def test_more_right_statements_pass(line):
    assert procedure_findings(line) == []


# a fresh planted set (issue #12 held-out measure) missed these wordings; the sentences are ours
@pytest.mark.parametrize("line, rule", [
    ("镇党委每一年对全体入党积极分子开展一次考察。", "procedure/who"),
    ("入党积极分子的考察每年一次，由支部委员会负责。", "procedure/who"),
    ("经研究，预备党员也可参加支部大会表决。", "procedure/who"),
    ("支部大会上，全体党员（包括预备党员）参加投票。", "procedure/who"),
    ("预备期间享有选举权，可以参加支部委员会选举。", "procedure/who"),
    ("发展对象须有一名正式党员担任入党介绍人。", "procedure/who"),
    ("高年级的预备党员可以作为新生的入党介绍人。", "procedure/who"),
    ("党委在收到决议后5个月内完成审批。", "procedure/period"),
    ("基层党委可以在半年内完成审批。", "procedure/period"),
    ("入党积极分子经过一个学期的培养即可列为发展对象。", "procedure/period"),
    ("为加快进度，积极分子的培养考察期缩短为八个月。", "procedure/period"),
    ("预备期和党龄都从支部大会通过之日起计算。", "procedure/who"),
    ("其党龄自2023年5月4日支部大会讨论通过其为预备党员之日算起。", "procedure/who"),
    ("表决时赞成票超过实到人数的半数即可通过。", "procedure/who"),
    ("赞成票超过到会有表决权正式党员的半数，决议通过。", "procedure/who"),
    ("到会党员虽未过半数，但决议仍然有效。", "procedure/who"),
    ("预备党员转正经支部大会通过即可，无需报党委审批。", "procedure/who"),
    ("接收预备党员由各村党支部审批后报镇党委备案。", "procedure/who"),
])
def test_more_wordings_of_wrong_facts(line, rule):
    assert rule in [r for r, _ in procedure_findings(line)], procedure_findings(line)


@pytest.mark.parametrize("line", [
    "支部大会讨论两名发展对象时，逐个进行表决。",
    "党支部每半年对入党积极分子进行一次考察，每年年底进行一次总结。",
    "预备党员可以参加党的组织生活，但没有表决权。",
    "须有两名正式党员担任入党介绍人。",
    "基层党委在收到决议后三个月内完成审批。",
    "学生入党积极分子一般经过两个学期（一年）以上的培养考察。",
    "赞成票超过应到会有表决权的正式党员的半数，决议通过。",
    "到会人数超过应到会有表决权人数的半数，会议有效。",
    "预备党员转正须经支部大会讨论通过，报党委审批。",
    "接收预备党员由支部大会讨论通过后，报基层党委审批。",
    "党龄从预备期满转为正式党员之日算起，预备期从支部大会通过之日算起。",
])
def test_more_right_wordings_pass(line):
    assert procedure_findings(line) == []


@pytest.mark.parametrize("line", [
    # a check's report or a summary naming a shortfall as one: it states no rule
    "第12行 王某：2024年5月10日确定为入党积极分子，2025年1月15日即列为发展对象，培养考察仅8个月，不满一年。",
    "检查中发现2名入党积极分子培养考察期不足一年、只有10个月即列为发展对象，已责令所在支部纠正。",
    "个别支部存在预备期未满一年（仅10个月）就讨论转正的情况，已督促整改。",
    "对培养考察6个月就列为发展对象的违规做法，镇党委已通报批评。",
])
def test_a_shortfall_reported_as_one_is_not_a_wrong_rule(line):
    assert procedure_findings(line) == []


@pytest.mark.parametrize("line, match", [
    ("入党积极分子经过6个月培养考察，即可列为发展对象。", "6个月"),
    ("预备党员的预备期为10个月。", "10个月"),
])
def test_the_same_periods_stated_as_the_rule_are_still_wrong(line, match):
    assert ("procedure/period", match) in procedure_findings(line)

