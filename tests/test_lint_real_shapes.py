"""Shapes real drafts have that the lint misread (an audit of 41 drafts from the web, issue #12): each
case is a sentence of our own in the same shape, with the finding it must (not) give."""
from __future__ import annotations

import pytest
from lint_helpers import lint

PLAN = "中共青松镇委员会2024年度发展党员工作计划\n\n{body}\n\n中共青松镇委员会\n2024年3月1日\n"


def rules(body: str, prefix: str = "") -> list[tuple[str, str]]:
    return [(f.rule, f.match or "") for f in lint(PLAN.format(body=body)).findings if f.rule.startswith(prefix)]


@pytest.mark.parametrize("body", [
    # parallel statistics share their lead-in
    "其中种养大户党员210名，占农村党员总数的12.5%；返乡青年党员96名，占农村党员总数的5.7%。",
    "普通学生须上一学期成绩排名前30%，学生干部须上一学期成绩排名前50%。",
    # two titles that share the party's name
    "认真学习《中国共产党章程》和《中国共产党发展党员工作细则》，严格执行各项规定。",
])
def test_parallel_figures_and_titles_are_not_repeats(body):
    assert rules(body, "repeat/") == []


def test_a_real_repeat_in_one_sentence_is_still_found():
    body = "各党支部要把好政治标准关，严格执行程序，各党支部要把好政治标准关。"
    assert [r for r, _ in rules(body, "repeat/")] == ["repeat/in-sentence"]


@pytest.mark.parametrize("body, prefix", [
    ("请将文件夹命名为：XX党委2024年上半年入党积极分子名册。", "placeholder/"),
    ("至年底，全镇党员总数达到1286名。", "wording/empty-slot"),
    ("登记表下载地址：http://dj.example.gov.cn，填好后按时报送。", "junk/"),
    ("电子版请发送至邮箱 zzb2024@163.com。", "junk/"),
])
def test_content_that_looks_like_residue_is_content(body, prefix):
    assert rules(body, prefix) == []


@pytest.mark.parametrize("body, prefix", [
    ("请将××同志的材料报送镇党委。", "placeholder/"),
    ("本文来自www.fanwen.example.com，转载请注明。", "junk/"),
])
def test_residue_is_still_residue(body, prefix):
    assert rules(body, prefix) != []


def test_a_one_decimal_percentage_is_checked_to_its_tenth():
    # 2/21 = 9.5%: 9.2% is wrong even though it is within half a point
    assert ("number/percent", "9.2%") in rules("新确定入党积极分子21名，其中致富带头人2名，占9.2%。", "number/")
    assert rules("新确定入党积极分子21名，其中致富带头人2名，占9.5%。", "number/") == []
    assert rules("新确定入党积极分子21名，其中致富带头人2名，占9.6%。", "number/") == []  # 9.52 rounded up by one


@pytest.mark.parametrize("title, kind", [
    ("青松县林业局发展党员计划", "plan"),
    ("青松镇2016年发展党员指导性计划", "plan"),
    ("青松镇发展农民党员五年规划", "multi_year_plan"),
    ("中共青松县委组织部关于印发2010年发展党员指导性计划的通知", "notice"),
])
def test_kinds_from_titles_without_a_year_or_brackets(title, kind):
    from generator.core.kinds import infer_from_title

    assert infer_from_title(title).id == kind


def test_an_opening_that_offers_opinions_is_an_opening():
    text = ("青松县林业局2016年发展党员计划\n\n根据县委组织部的部署，结合实际，现就今年发展党员工作提出如下意见。\n\n"
            "一、指导思想\n\n坚持标准。\n\n二、预期目标\n\n发展党员5名。\n\n三、工作重点\n\n把好入口。\n\n四、工作要求\n\n"
            "加强领导。\n\n中共青松县林业局委员会\n2016年3月1日\n")
    assert [f.rule for f in lint(text).findings if f.rule.startswith("structure/")] == []


def test_the_old_sixteen_character_policy_with_commas_is_still_superseded():
    from lint_helpers import FZ

    text = PLAN.format(body=f"认真执行“{FZ.replace('、', '，')}”的方针。").replace("2024", "2022")
    got = [f.rule for f in lint(text).findings]
    assert "phrase/superseded" in got and "phrase/misquote" in got


def test_a_bracketed_doc_number_under_the_title_is_the_doc_number():
    text = ("中共青松县委组织部关于印发《2024年发展党员工作计划》的通知\n（青组通〔2024〕15号）\n\n各乡镇党委，县直各党（工）委：\n\n"
            "现将《2024年发展党员工作计划》印发给你们，请结合实际认真贯彻落实。\n\n中共青松县委组织部\n2024年3月1日\n")
    from generator.readers import read_text

    meta = read_text(text, "x.txt", "txt").document.meta
    assert meta.doc_number == "青组通〔2024〕15号"
    assert meta.recipients == "各乡镇党委，县直各党（工）委"
    assert [f.rule for f in lint(text).findings] == []
