"""Each lint rule: text it must flag, and correct text a careless rule would flag.

Fixed formulations are taken from snippets/ (the single source), never typed here; misquotes are
made by changing them."""
from __future__ import annotations

import datetime as dt

import pytest
from lint_helpers import D2025, FZ, ITEMS, TEAM, XZ, XZ_TRIAL, ZYQ, S, hits, lint  # noqa: E402,F401

from generator.lint.rule import REGISTRY
from generator.lint.rules import load_all as load_rules


def test_every_rule_declares_id_severity_source_and_description():
    load_rules()
    families = {"structure", "phrase", "era", "placeholder", "wording", "number", "numbering", "punct", "format", "junk"}
    assert families <= {r.family for r in REGISTRY.values()}
    for r in REGISTRY.values():
        assert r.id.count("/") == 1 and r.severity in ("error", "warning", "info")
        assert r.source and r.description, r.id


# (rule, text that must be flagged, the match expected or None, options)
POSITIVE = [
    ("placeholder/leftover", "中共××镇委员会", "××", {}),
    ("placeholder/leftover", "请于20××年底前完成", "20××", {}),
    ("placeholder/leftover", "女性占x%以上", "x", {}),
    ("placeholder/leftover", "___镇党委", "___", {}),
    ("placeholder/leftover", "发展党员【待补】名", "【待补】", {}),
    ("placeholder/leftover", "某某同志", "某某", {}),
    ("placeholder/leftover", "XX村党支部", "XX", {}),
    ("placeholder/leftover", "发展党员×名", "×", {}),
    ("wording/spinner", "充分发挥党员前锋模范作用", "前锋模范", {}),
    ("wording/spinner", "发挥基层党组织战役堡垒作用", "战役堡垒", {}),
    ("wording/spinner", "按时提交思维汇报", "思维汇报", {}),
    ("wording/spinner", "参加组织日子", "组织日子", {}),
    ("wording/spinner", "指定培育联系人", "培育联系人", {}),
    ("wording/empty-slot", "按照的部署要求，特制定本计划。", "按照的部署", {}),
    ("wording/empty-slot", "依据和的规定", "依据和的", {}),
    ("wording/empty-slot", "党支部于年度发展党员工作中坚持标准。", "年度", {}),
    ("number/precision", "新发展党员中，35岁及以下12名，占80%；女性7名，占46.7%。", "80%", {}),
    ("wording/duplicate-item", f"努力建设一支{TEAM.split('、')[1]}、{TEAM.split('、')[2]}、{TEAM.split('、')[1]}的党员队伍",
     TEAM.split("、")[1], {}),
    ("wording/de-di-de", "各党支部要认真的开展培养工作。", "的", {}),
    ("wording/de-di-de", "各项工作完成的很好。", "的", {}),
    ("wording/congress-ordinal", "深入学习贯彻党的20大精神。", "20", {}),
    ("wording/congress-ordinal", "二十届3中全会", "3", {}),
    ("wording/approx", "约30%左右", "约30%左右", {}),
    ("number/sum", "发展党员12名，其中35岁以下8名、36岁以上5名。", None, {}),
    ("number/sum", "发展党员10名，其中男性7名、女性4名。", None, {}),
    ("number/sum", "接收预备党员3名、按期转正4名，共计8名。", None, {}),
    ("number/sum", "共接收预备党员8名，分别为柳溪村3名、石桥村4名。", None, {}),
    ("number/percent", "发展党员15名，其中女性6名，占50%。", "50%", {}),
    ("number/percent", "计划发展党员15名，实际发展14名，完成率90%。", None, {}),
    ("number/ratio", "入党申请人、入党积极分子、发展对象分别为50名、30名、16名，比例为6∶3∶1。", "6∶3∶1", {}),
    ("number/name-count", "同意接收张三、李四、王五2名同志为预备党员。", "2", {}),
    ("number/name-count", "关于同意接收张三等1名同志为预备党员的批复", None, {}),
    ("number/range", "大专以上学历的占20～30%。", "20～30%", {}),
    ("numbering/sequence", "一、总体要求\n内容。\n二、工作措施\n内容。\n四、工作要求\n内容。", "四、", {}),
    ("numbering/sequence", "一、要求\n（一）甲\n内容。\n（一）乙\n内容。", "（一）", {}),
    ("numbering/level-skip", "一、要求\n1.甲\n内容。\n2.乙\n内容。", "1.", {}),
    ("numbering/style", "一、要求\n（一）甲\n1、把好入口关\n内容。", "1、", {}),
    ("punct/halfwidth", "(一)加强领导\n内容。", "(一)", {}),  # only the brackets are wrong: one rule says so
    ("numbering/ordinal-words", "一是加强领导，三是严格纪律。", "三是", {}),
    ("numbering/ordinal-words", "二是加强培养。", "二是", {}),
    ("punct/halfwidth", "发展党员,提高质量", ",", {}),
    ("punct/halfwidth", "党员(预备党员)名单", "(预备党员)", {}),
    ("punct/halfwidth", "严格程序.", ".", {}),
    ("punct/quotes", '坚持"控制总量"', '"', {}),
    ("punct/unbalanced", "增强“四个意识，坚定信念", "“", {}),
    ("punct/group-dunhao", "学习《中国共产党章程》、《中国共产党发展党员工作细则》", "、", {}),
    ("punct/ellipsis", "学习、教育、培训……等工作", "……等", {}),
    ("punct/ellipsis", "学习、教育、培训...", "...", {}),
    ("punct/repeated", "发展党员，，提高质量", "，，", {}),
    ("punct/space", "全年发展党员 15 名", " ", {}),
    ("format/doc-number", "柳发[2025]3号\n标题", None, {}),
    ("format/doc-number", "根据《意见》（中办发〔2013〕第4号）", "中办发〔2013〕第4号", {}),
    ("format/doc-number", "柳发〔2025〕03号\n标题", None, {}),
    ("format/doc-number", "柳发〔25〕3号\n标题", None, {}),
    ("format/date", "正文。\n中共柳溪镇委员会\n2025.3.18", "2025.3.18", {}),
    ("format/date", "正文。\n中共柳溪镇委员会\n二〇二五年三月十八日", "二〇二五年三月十八日", {}),
    ("format/date", "正文。\n中共柳溪镇委员会\n2025年03月18日", "2025年03月18日", {}),
    ("format/short-year", "24年3月召开支部大会", "24年", {}),
    ("punct/halfwidth", "关于印发《计划》的通知\n各党支部:\n现将《计划》印发给你们。", ":", {}),
    ("format/recipients-colon", "关于印发《计划》的通知\n各党支部\n现将《计划》印发给你们。", "部", {}),
    ("format/title-punct", "中共柳溪镇委员会2025年度发展党员工作计划。\n正文。", "。", {}),
    ("format/attachment-note", "正文。\n附件：2025年度发展党员工作计划。\n中共柳溪镇委员会\n2025年3月18日", "。", {}),
    ("junk/web-residue", "本文来源于网络，版权归原作者所有。", "本文来源于网络", {}),
    ("junk/web-residue", "扫码关注公众号", "扫码关注", {}),
    ("junk/markup", "加强培养&nbsp;教育", "&nbsp;", {}),
    ("junk/markup", "**加强领导**，落实责任", "**加强领导**", {}),
    ("junk/mojibake", "发展党员锟斤拷名", "锟斤拷", {}),
    ("junk/invisible", "发展\u200b党员", "\u200b", {}),
    ("junk/stray-latin", "完善措施 and 成效", "and", {}),
    ("phrase/misquote", f"坚持“{ZYQ.replace('提高', '提升')}”的总要求", ZYQ.replace("提高", "提升"), {}),
    ("phrase/misquote", f"坚持“{ZYQ.replace('、', '，')}”的总要求", ZYQ.replace("、", "，"), {}),
    ("phrase/misquote", f"坚持“{'、'.join([ITEMS[1], ITEMS[0], *ITEMS[2:]])}”", None, {}),
    ("phrase/misquote", f"坚持“{'、'.join(ITEMS[:3])}”的总要求", "、".join(ITEMS[:3]), {}),
    ("phrase/misquote", "建设一支" + "、".join([*TEAM.split("、")[:3], TEAM.split("、")[0], TEAM.split("、")[4]]) + "的党员队伍", None, {}),
    ("phrase/document-title", "严格执行《中国共产党发展党员工作条例》", None, {}),
    ("phrase/document-title", "严格执行《发展党员工作细则》", None, {}),
    ("phrase/label", "坚持十六方针", "十六方针", {}),
    ("era/anachronism", "坚持以习近平新时代中国特色社会主义思想为指导", "习近平新时代中国特色社会主义思想", {"day": dt.date(2015, 3, 1)}),
    ("era/anachronism", "深入开展党纪学习教育", "党纪学习教育", {"day": dt.date(2023, 3, 1)}),
    ("era/outdated", "在以习近平同志为总书记的党中央坚强领导下", "以习近平同志为总书记的党中央", {"day": dt.date(2020, 3, 1)}),
    ("era/outdated", "以邓小平理论、“三个代表”重要思想、科学发展观为指导", None, {"day": D2025}),
    ("era/past-congress", "深入贯彻党的十九大精神", "党的十九大精神", {"day": dt.date(2024, 3, 1)}),
    ("era/campaign", "以开展党的群众路线教育实践活动为契机，推进工作", "党的群众路线教育实践活动", {"day": dt.date(2020, 3, 1)}),
    ("era/superseded-title", f"严格执行{XZ_TRIAL}", XZ_TRIAL, {"day": dt.date(2020, 3, 1)}),
    ("phrase/superseded", f"坚持“{FZ}”的方针", FZ, {"day": dt.date(2020, 3, 1)}),
]


@pytest.mark.parametrize("rule, text, match, opts", POSITIVE, ids=[f"{p[0]}-{i}" for i, p in enumerate(POSITIVE)])
def test_rule_flags(rule, text, match, opts):
    found = hits(text, rule, **opts)
    assert found, f"{rule} 未发现：{text}"
    if match is not None:
        assert match in [f.match for f in found], [f.match for f in found]
    f = found[0]
    assert f.message and f.source
    assert f.line is not None and f.column is not None and f.end_column is not None


# correct text that a careless rule would flag
NEGATIVE = [
    ("placeholder/leftover", "3×4的表格，二○二五年，XXL码", {}),
    ("placeholder/leftover", "组织部、宣传部等有关部门", {}),
    ("wording/spinner", "他是一名前锋，日子过得好，培育新品种", {}),
    ("wording/spinner", "不断扩大众基础设施的覆盖面", {}),
    ("wording/empty-slot", "所依据的规定，按照规定的程序，作为依据的标准", {}),
    ("wording/empty-slot", "学习贯彻习近平总书记关于党的建设的重要思想", {}),
    ("wording/empty-slot", "各党支部的发展对象少于年度计划数，高于年度目标，低于年度计划。", {}),
    ("number/precision", "35岁及以下12名，占80.0%；女性7名，占46.7%。", {}),
    ("number/precision", "女性占35%以上，实际占46.7%；目标占40%，实际占38.5%。", {}),
    ("number/precision", "完成率93.3%，女性占40%。", {}),
    ("wording/duplicate-item", "三个支部分别发展2名、2名、3名", {}),
    ("wording/duplicate-item", TEAM, {}),
    ("wording/de-di-de", "需要有效的落实机制，保持积极的发展态势，取得的很大成绩，认真的态度。", {}),
    ("wording/congress-ordinal", "党的二十大，第20项，发展20名，20大类", {}),
    ("wording/approx", "约30%，30%左右", {}),
    ("number/sum", "发展党员15名，其中女性6名、35岁及以下9名。", {}),
    ("number/sum", "发展党员12名，其中35岁及以下8名、36岁及以上4名；男性7名、女性5名。", {}),
    ("number/sum", "接收预备党员3名、按期转正5名，共计8名。", {}),
    ("number/sum", "发展党员15名，其中女性6名、35岁及以下9名，共计15名。", {}),
    ("number/percent", "发展党员15名，其中女性6名，占40%。", {}),
    ("number/percent", "计划发展党员15名，实际发展14名，完成率93.3%。", {}),
    ("number/percent", "发展党员15名，其中女性6名，占全镇女党员总数的2%。", {}),
    ("number/ratio", "入党申请人、入党积极分子、发展对象分别为96名、48名、16名，比例为6∶3∶1。", {}),
    ("number/name-count", "同意接收张三、李四、王五3名同志，同意张三、李四等5名同志。", {}),
    ("number/range", "大专以上学历的占20%～30%，时间为8-10月", {}),
    ("numbering/sequence", "一、要求\n（一）甲\n内容。\n（二）乙\n内容。\n二、措施\n（一）丙\n内容。", {}),
    ("numbering/level-skip", "一、要求\n（一）甲\n1.子项\n内容。", {}),
    ("numbering/level-skip", "（一）加强领导\n内容。\n（二）严格程序\n内容。", {}),
    ("numbering/style", "一、要求\n（一）甲\n1.把好入口关\n内容。", {}),
    ("numbering/style", "(一)加强领导\n内容。", {}),
    ("numbering/ordinal-words", "一是加强领导，二是严格程序，三是从严管理。统一是前提。", {}),
    ("punct/halfwidth", "会议8:30开始，依据GB/T 9704—2012，3,000元，完成率93.3%，见www.gov.cn", {}),
    ("punct/quotes", 'He said "yes" and left.', {}),
    ("punct/unbalanced", "增强“四个意识”、坚定“四个自信”", {}),
    ("punct/group-dunhao", "增强“四个意识”、坚定“四个自信”、做到“两个维护”", {}),
    ("punct/ellipsis", "学习、教育、培训……", {}),
    ("punct/space", "依据 GB/T 9704—2012 排版", {}),
    ("format/doc-number", "根据《意见》（中办发〔2013〕4号）", {}),
    ("format/short-year", "工作满20年，2024年3月", {}),
    ("format/title-punct", "中共柳溪镇委员会2025年度发展党员工作计划\n正文。", {}),
    ("junk/stray-latin", "使用WPS和Word编辑，通过APP报送", {}),
    ("junk/markup", "<!-- gongwen-disable punct -->", {}),
    ("phrase/misquote", f"坚持“{ZYQ}”的总要求，在{'、'.join(ITEMS[:2])}的同时", {}),
    ("phrase/misquote", "把好入口、严格程序、优化结构，努力建设一支信念坚定、素质优良、作用突出的党员队伍", {}),
    ("phrase/document-title", f"严格执行{XZ}和《中国共产党章程》", {}),
    ("phrase/label", "坚持十六字方针", {}),
    ("era/anachronism", "坚持以习近平新时代中国特色社会主义思想为指导", {"day": dt.date(2018, 3, 1)}),
    ("era/anachronism", "迎接党的十九大胜利召开", {"day": dt.date(2017, 8, 1)}),
    ("era/outdated", "2015年，在以习近平同志为总书记的党中央坚强领导下", {"day": dt.date(2020, 3, 1)}),
    ("era/past-congress", "深入贯彻党的二十大精神，党的十九大以来", {"day": dt.date(2024, 3, 1)}),
    ("era/campaign", "巩固党的群众路线教育实践活动成果", {"day": dt.date(2020, 3, 1)}),
    ("era/superseded-title", f"严格执行{XZ_TRIAL}", {"day": dt.date(2014, 3, 1)}),
    ("phrase/superseded", f"2013年起，“{FZ}”的方针调整为“{ZYQ}”的总要求", {"day": dt.date(2020, 3, 1)}),
]


@pytest.mark.parametrize("rule, text, opts", NEGATIVE, ids=[f"{n[0]}-{i}" for i, n in enumerate(NEGATIVE)])
def test_rule_leaves_correct_text_alone(rule, text, opts):
    assert hits(text, rule, **opts) == []


def test_trial_rules_title_is_correct_in_a_draft_dated_2014_03():
    text = f"中共柳溪镇委员会2014年度发展党员工作计划\n正文。严格执行{XZ_TRIAL}。\n中共柳溪镇委员会\n2014年3月10日"
    r = lint(text)
    assert r.date.day == dt.date(2014, 3, 10)
    assert not [f for f in r.findings if f.rule.startswith("era/") or f.rule == "phrase/document-title"]


def test_date_from_title_year_is_a_span_and_flags_only_what_is_wrong_all_year():
    # a plan titled 2014 may be written from autumn 2013: the trial rules' title is not certainly wrong
    r = lint(f"中共柳溪镇委员会2014年度发展党员工作计划\n正文。严格执行{XZ_TRIAL}。")
    assert r.date.day is None and r.date.known
    assert not [f for f in r.findings if f.rule == "era/superseded-title"]
    r = lint(f"中共柳溪镇委员会2020年度发展党员工作计划\n正文。严格执行{XZ_TRIAL}。")
    assert [f for f in r.findings if f.rule == "era/superseded-title"]


def plan_text(body_sections: dict[str, str], opening: str | None = None, day: str = "2025年3月18日") -> str:
    lines = ["中共柳溪镇委员会2025年度发展党员工作计划",
             opening if opening is not None else f"为做好发展党员工作，按照“{ZYQ}”的总要求，结合实际，特制定本计划。"]
    for i, (name, body) in enumerate(body_sections.items(), 1):
        lines += [f"{'一二三四五'[i - 1]}、{name}", body]
    lines += ["中共柳溪镇委员会", day]
    return "\n".join(lines)


GOOD_SECTIONS = {
    "指导思想": "坚持以习近平新时代中国特色社会主义思想为指导，做好发展党员工作。",
    "目标任务": "全年发展党员15名。",
    "工作重点": "把好入口关。",
    "工作要求": "加强领导。",
}


def test_structure_complete_plan_has_no_structure_findings():
    r = lint(plan_text(GOOD_SECTIONS))
    assert r.kind == "plan"
    assert [f for f in r.findings if f.rule.startswith(("structure/", "phrase/"))] == []


def test_structure_synonyms_are_accepted():
    sections = dict(GOOD_SECTIONS)
    sections = {"指导思想": sections["指导思想"], "总体目标": "全年发展党员15名。", "主要措施": "把好入口关。",
                "保障措施": "加强领导。"}
    assert not [f for f in lint(plan_text(sections)).findings if f.rule == "structure/missing-section"]


def test_structure_missing_section_and_opening_and_order():
    sections = {k: v for k, v in GOOD_SECTIONS.items() if k != "工作要求"}
    missing = [f.message for f in lint(plan_text(sections)).findings if f.rule == "structure/missing-section"]
    assert any("工作要求" in m for m in missing)
    missing = [f.message for f in lint(plan_text(GOOD_SECTIONS, opening="为做好发展党员工作。")).findings
               if f.rule == "structure/missing-section"]
    assert any("开头" in m for m in missing)
    swapped = {"指导思想": GOOD_SECTIONS["指导思想"], "工作重点": "把好入口关。", "目标任务": "全年发展党员15名。",
               "工作要求": "加强领导。"}
    assert [f for f in lint(plan_text(swapped)).findings if f.rule == "structure/section-order"]


def test_structure_required_elements_of_approval_and_plan():
    approval = "中共柳溪镇委员会关于同意接收张三同志为中国共产党预备党员的批复\n你支部《关于接收张三同志为预备党员的请示》收悉。同意接收张三同志为中国共产党预备党员。请你支部做好教育工作。\n特此批复。"
    msgs = [f.message for f in lint(approval).findings if f.rule == "structure/required-element"]
    assert any("主送" in m for m in msgs) and any("署名" in m for m in msgs) and any("成文日期" in m for m in msgs)
    full = approval.replace("批复\n", "批复\n柳溪村党支部：\n") + "\n中共柳溪镇委员会\n2025年3月18日"
    r = lint(full)
    assert r.kind == "approval"
    assert not [f for f in r.findings if f.rule.startswith("structure/")]


def test_structure_empty_section_and_unknown_kind():
    r = lint("一、指导思想\n二、目标任务\n全年发展党员15名。")
    assert [f for f in r.findings if f.rule == "structure/empty-section"]
    assert [f for f in r.findings if f.rule == "structure/unknown-kind" and f.severity == "info"]


def test_phrase_required_is_date_aware():
    no_formula = plan_text(GOOD_SECTIONS, opening="为做好发展党员工作，结合实际，特制定本计划。")
    assert [f for f in lint(no_formula).findings if f.rule == "phrase/required"]
    assert not [f for f in lint(plan_text(GOOD_SECTIONS)).findings if f.rule == "phrase/required"]
    # a plan of 2012 must carry the 方针, not the 总要求
    old = plan_text({**GOOD_SECTIONS, "指导思想": "坚持以科学发展观为指导。"},
                    opening=f"为做好发展党员工作，按照“{FZ}”的方针，特制定本计划。", day="2012年3月18日")
    old = old.replace("2025年度", "2012年度")
    assert not [f for f in lint(old).findings if f.rule == "phrase/required"]
    wrong = old.replace(FZ, ZYQ)
    assert [f for f in lint(wrong).findings if f.rule == "phrase/required"]


def test_guiding_thought_stopping_at_the_old_theory_is_flagged_in_2024():
    sections = {**GOOD_SECTIONS, "指导思想": "坚持以科学发展观为指导，做好发展党员工作。"}
    r = lint(plan_text(sections, day="2024年3月18日").replace("2025年度", "2024年度"))
    assert [f for f in r.findings if f.rule == "phrase/required" and "指导思想" in f.message]


def test_inline_disable_comments_in_markdown():
    text = "\n".join([
        "<!-- gongwen-disable punct/halfwidth -->",
        "发展党员,提高质量",
        "<!-- gongwen-enable -->",
        "发展党员,提高质量",
        "发展××名 <!-- gongwen-disable-line placeholder -->",
        "<!-- gongwen-disable-next-line placeholder/leftover -->",
        "发展××名",
        "发展××名",
    ])
    r = lint(text, fmt="md")
    half = [f.line for f in r.findings if f.rule == "punct/halfwidth"]
    assert half == [4]
    assert [f.line for f in r.findings if f.rule == "placeholder/leftover"] == [8]


def test_disable_for_a_whole_family_and_for_document_findings():
    text = "<!-- gongwen-disable structure -->\n一、指导思想\n内容。"
    r = lint(text, fmt="md", kind="plan")
    assert not [f for f in r.findings if f.rule.startswith("structure/")]


def test_positions_count_characters_of_the_line_as_read():
    r = lint("第一行\n　　发展党员,提高质量", fmt="txt")
    (f,) = [f for f in r.findings if f.rule == "punct/halfwidth"]
    assert (f.line, f.column, f.end_line, f.end_column) == (2, 7, 2, 8)
    r = lint("---\n标题: 测试\n---\n\n这是**加粗**的文字,后面", fmt="md")
    (f,) = [f for f in r.findings if f.rule == "punct/halfwidth"]
    assert (f.line, f.column) == (5, 12)  # the ** markers count: they are in the line
