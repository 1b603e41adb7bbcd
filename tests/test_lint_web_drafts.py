"""Drafts users really have: a 范文 from the web, a hacked page, a traditional-script page. Each
mechanism flags our own sentences that carry the kind of damage real pages show, and leaves alone
correct sentences that look like it. (Real drafts were read in a scratch folder; none is here.)"""
from __future__ import annotations

import pytest

from lint_helpers import hits, lint

HEAD = "中共青松镇委员会2025年度发展党员工作计划\n"


@pytest.mark.parametrize("line, residue", [
    ("第3篇：村级发展党员工作计划", "第3篇"),
    ("村级发展党员工作计划（精选4篇）", "（精选4篇）"),
    ("篇2 社区党支部发展党员工作总结", "篇2"),
    ("以下是小编为大家收集的发展党员工作计划，欢迎参考。", "小编"),
    ("当前位置：首页 > 工作计划 > 党建计划", "当前位置："),
    ("本站部分文章来自网友投稿，不代表本站观点。", "本站"),
    ("阅读（3.5万） 收藏 打印", "阅读（3.5万）"),
    ("发布于2021-06-18 08:15:40，来源于某文库", "2021-06-18 08:15:40"),
    ("第2页 共7页", "第2页 共7页"),
    ("原文地址：http://example.org/plan/123.html", "http://example.org/plan/123.html"),
    ("全文共计1856字，预计阅读时长6分钟", "共计1856字"),
    ("参考范文：乡镇发展党员工作计划", "范文"),
])
def test_page_residue_is_found(line, residue):
    found = hits(HEAD + line + "\n", "junk/web-residue")
    assert residue in {f.match for f in found}, [f.match for f in found]


@pytest.mark.parametrize("line", [
    "推进示范文明村创建，发挥党员模范文章的表率作用。",
    "严格执行规范文件的审核程序。",
    "党的建设谱写了新篇章。",
    "作者在调研中发现，入党积极分子队伍结构不够合理。",  # 作者 in a sentence, not a page's byline
])
def test_words_that_contain_residue_are_not_residue(line):
    assert hits(HEAD + line + "\n", "junk/web-residue") == []


@pytest.mark.parametrize("line, spam", [
    ("6631金沙集团化学化工学院学生第二党支部召开支部大会。", "6631金沙集团"),
    ("88156澳门皇冠官网在学院会议室召开发展党员大会。", "88156澳门皇冠官网"),
    ("必赢电子党总支对发展对象进行了集中培训。", "必赢"),
    ("36512大发学生第一党支部召开支部大会。", "36512大发学生第一"),  # a brand no list names
])
def test_gambling_spam_standing_for_a_unit_name_is_found(line, spam):
    found = {f.match for f in hits(HEAD + line + "\n", "junk/spam")}
    assert any(spam in m or m in spam for m in found), found


@pytest.mark.parametrize("line", [
    "2023级学生党支部召开支部大会，接收3名同志为预备党员。",
    "全镇现有党员1286名，2025年计划发展党员15名。",
    "国际经济与贸易学院党委召开发展党员工作会议。",
    "12345热线党支部、1286名党员、2025年度党委会议均照常进行。",
])
def test_numbers_and_international_are_not_spam(line):
    assert hits(HEAD + line + "\n", "junk/spam") == []


def test_pinyin_ruby_left_after_the_characters_is_found_and_fixable():
    found = hits(HEAD + "严格发(fā)展党员的程(chéng)序，把好入口关。\n", "junk/pinyin")
    assert [f.match for f in found] == ["(fā)", "(chéng)"]
    assert all(f.fix == "" for f in found)


def test_list_marks_after_words_are_not_pinyin():
    assert hits(HEAD + "选拔方式(a)党员推荐(b)群团推优。\n", "junk/pinyin") == []


def test_anti_scrape_noise_between_paragraphs_is_found():
    found = hits(HEAD + "一、指导思想\n% q7 }e 3# kL ^ 坚持以党章为根本遵循。\n", "junk/scrape-noise")
    assert found and found[0].match.startswith("% q7")


@pytest.mark.parametrize("line", [
    "发展党员：3 4 5 6 名，分四个季度完成。",
    "A B C D 四个等次由支部评定。",
])
def test_rows_of_figures_or_letters_are_not_noise(line):
    assert hits(HEAD + line + "\n", "junk/scrape-noise") == []


TRADITIONAL = (
    "中共青松鎮委員會2025年度發展黨員工作計劃\n"
    "一、指導思想\n"
    "堅持把政治標準放在首位，嚴格發展程序，認真做好入黨積極分子的培養教育和考察工作。\n"
    "二、目標任務\n"
    "全年發展黨員15名，其中35歲及以下的占60%以上。\n"
)


def test_a_draft_in_traditional_characters_is_reported_once_and_read_simplified():
    result = lint(TRADITIONAL)
    (f,) = [f for f in result.findings if f.rule == "junk/traditional"]
    assert f.line is None and "繁体" in f.message
    # read in its simplified reading: the kind is known from the simplified title, sections are found
    assert result.kind == "plan"
    assert not [f for f in result.findings if f.rule == "structure/title"]


def test_positions_in_a_traditional_draft_point_into_the_file_as_written():
    text = TRADITIONAL + "三、工作措施\n嚴格執行××制度。\n"
    (f,) = hits(text, "placeholder/leftover")
    line = text.split("\n")[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == "××"


def test_simplified_text_with_a_few_old_forms_is_not_called_traditional():
    text = HEAD + "一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导，注重从乾县各村的致富带头人中发展党员。\n"
    assert not [f for f in lint(text).findings if f.rule == "junk/traditional"]
