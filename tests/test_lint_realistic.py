"""Findings of a red-team pass: drafts written the way real 党务 writers write (villages, schools,
organs, enterprises, townships, counties; 2012 to 2025; .txt, .md, .docx), linted as a 组织部
reviewer would read them. Each test is one finding: correct text a rule flagged (false positive),
or a defect it missed. Short excerpts of those drafts; fixed formulations come from snippets/."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lint_helpers import D2025, ITEMS, TEAM, XZ, XZ_TRIAL, ZYQ, S, hits, lint  # noqa: E402,F401

from generator.lint.engine import lint_draft
from generator.readers import read


def problems(result) -> list[str]:
    return [f"{f.rule} {f.match} {f.message}" for f in result.findings if f.severity in ("error", "warning")]


# --- false positives on correct text ------------------------------------------------------------
def test_markdown_bold_run_in_heading_needs_its_space():
    # CommonMark closes "**…。**" before a Chinese character only after a space: the space is markup
    text = "# 标题\n\n**（一）突出政治标准。** 把政治标准放在首位。\n\n把 **（二）严格程序**落到实处。\n"
    assert hits(text, "punct/space", fmt="md") == []
    # a space the syntax does not need is still the writer's
    found = hits("# 标题\n\n全年发展党员 15 名，要 **严格程序**。\n", "punct/space", fmt="md")
    assert len(found) == 3


PLAN_HEAD = "中共柳溪镇委员会2025年度发展党员工作计划\n为做好发展党员工作，特制定本计划。\n"


def test_numbered_sentences_and_plain_lists_are_not_empty_sections():
    text = PLAN_HEAD + ("一、主要措施\n（一）坚持把政治标准放在首位，加强对入党积极分子的培养考察。\n"
                        "（二）严格落实发展党员公示、预审制度。\n"
                        "二、工作要求\n（一）严格程序\n1、严格执行党员推荐制度。\n2、对发展对象开展政治审查\n"
                        "（二）加强培养\n落实培养联系人制度。\n")
    assert hits(text, "structure/empty-section") == []


def test_a_title_over_nothing_is_still_an_empty_section():
    text = PLAN_HEAD + "一、目标任务\n二、主要措施\n（一）加强培养\n1.确定联系人\n落实培养联系人制度。\n2.开展谈话\n（二）严格程序\n严格执行程序。\n"
    found = [f.match for f in hits(text, "structure/empty-section")]
    assert "一、目标任务" in found
    assert "2.开展谈话" in found  # a sibling item has content: these are headings, one left empty


@pytest.mark.parametrize("text", [
    "各党组织要认真准备党员大会和支委会的有关材料。",
    "会前要提前准备党员名册。",
    "培训联系人：王丽，联系电话：0739-5521234。",
    "全面摸清党员底数，准确掌握总量和结构。",
    "选树一批先锋典范，带动职工群众比学赶超。",
    "严格把握政治尺度，确保发展质量。",
])
def test_ordinary_sentences_are_not_spinner_damage(text):
    assert hits(text, "wording/spinner") == []


@pytest.mark.parametrize("text, match", [
    ("同意接收周强同志为中共准备党员。", "准备党员"),
    ("引导新党员发挥先锋典范作用。", "先锋典范作用"),
    ("坚持把政治尺度放在首位。", "政治尺度"),
    ("为每名入党积极分子确定2名培训联系人。", "培训联系人"),
    # swaps the tools make in this field, found in a draft that went through one
    ("做好2025年度成长党员工作。", "成长党员"),
    ("确定入党努力分子3名、成长对象2名。", "入党努力分子"),
    ("确定入党努力分子3名、成长对象2名。", "成长对象"),
    ("入党请求人经党员推荐、群团构造推优后确定。", "入党请求人"),
    ("入党请求人经党员推荐、群团构造推优后确定。", "群团构造"),
    ("坚持控制总量、优化构造、晋升质量、发挥作用。", "优化构造"),
    ("坚持控制总量、优化构造、晋升质量、发挥作用。", "晋升质量"),
    ("定期听取入党积极分子的思维报告。", "思维报告"),
])
def test_spinner_damage_is_found(text, match):
    assert match in [f.match for f in hits(text, "wording/spinner")]


def test_share_is_taken_of_the_total_its_own_qizhong_names():
    good = "截至2024年底，集团共有党员560名，其中女党员126名，占22.5%；今年发展党员20名，其中女性8名，占40%。"
    assert hits(good, "number/percent") == []
    bad = good.replace("占40%", "占30%")
    found = hits(bad, "number/percent")
    assert len(found) == 1 and "8/20=40%" in found[0].message


def test_an_older_form_is_not_a_misquote_of_a_formulation_not_yet_made():
    older = "、".join(t for t in TEAM.split("、") if t != "纪律严明")  # a 4-item form seen before 2013
    text = f"努力建设一支“{older}”的党员队伍。"
    assert hits(text, "phrase/misquote", day=dt.date(2012, 7, 6)) == []
    assert hits(text, "phrase/misquote", day=D2025)  # after 中办发〔2013〕4号 it leaves an item out


@pytest.mark.parametrize("text", ["【定期谈心】培养联系人每季度谈话1次。", "【核心任务锻炼】安排参与重大报道。",
                                  "【改革创新】推行全程纪实。"])
def test_bracketed_run_in_labels_are_not_placeholders(text):
    assert hits(text, "placeholder/leftover") == []


@pytest.mark.parametrize("text, match", [("发展党员【待补】名。", "【待补】"), ("【此处填写单位名称】党支部", "【此处填写单位名称】"),
                                         ("联系人：【请填写】", "【请填写】")])
def test_bracketed_placeholders_are_still_found(text, match):
    assert match in [f.match for f in hits(text, "placeholder/leftover")]


def test_lowercase_office_words_are_not_stray_english():
    assert hits("学习资料提前通过工作群发送ppt和word文档，用excel汇总。", "junk/stray-latin") == []
    assert [f.match for f in hits("要不断完善培养措施 and 成效评估机制。", "junk/stray-latin")] == ["and"]


# --- defects that were missed -------------------------------------------------------------------
def test_two_qizhong_lists_in_one_sentence_are_each_checked():
    bad = "确定发展对象10名，其中男性6名、女性4名；按期转正预备党员8名，其中男性5名、女性4名。"
    found = hits(bad, "number/sum")
    assert len(found) == 1 and "5+4=9" in found[0].message and "8" in found[0].message
    assert hits(bad.replace("男性5名", "男性4名"), "number/sum") == []


def test_duplicate_item_among_items_of_different_lengths():
    found = hits("重点在一线职工、青年骨干、专业技术人员、一线职工中发展。", "wording/duplicate-item")
    assert [f.match for f in found] == ["一线职工"]
    assert hits("学习党章党规、党史、新中国史、改革开放史、社会主义发展史。", "wording/duplicate-item") == []
    assert hits("在村、社区、机关党组织、两新组织中发展党员。", "wording/duplicate-item") == []


def test_quoted_formulation_with_one_item_replaced_is_a_misquote_not_a_missing_one():
    wrong = ZYQ.replace(ITEMS[1], "调整结构")
    r = lint(f"中共柳溪镇委员会2025年度发展党员工作计划\n一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导，严格落实“{wrong}”的总要求。\n中共柳溪镇委员会\n2025年2月12日")
    rules = [f.rule for f in r.findings]
    assert "phrase/misquote" in rules and "phrase/required" not in rules
    f = next(f for f in r.findings if f.rule == "phrase/misquote")
    assert f.match == wrong and f.suggestion == ZYQ
    # the same words, not offered as the formulation, are the writer's own enumeration
    assert hits(f"既要{ITEMS[0]}、调整结构、{ITEMS[2]}、{ITEMS[3]}，又要注重实效。", "phrase/misquote", day=D2025) == []


def test_formulation_missing_an_item_with_words_around_it():
    three = "、".join(ITEMS[:3])
    found = hits(f"坚持{three}的总要求，严格执行公示制度。", "phrase/misquote", day=D2025)
    assert [f.match for f in found] == [three]
    assert hits(f"坚持{ZYQ}的总要求，严格执行公示制度。", "phrase/misquote", day=D2025) == []


TABLE = """# 中共柳溪镇委员会2024—2028年发展党员工作规划

| 年度 | 发展党员（名） | 35岁及以下（名） | 女性比例 |
|---|---|---|---|
| 2024年 | 20 | 12 | 30% |
| 2025年 | 20 | 12 | 35% |
| 2026年 | 20 | 13 | 35% |
| 合计 | 60 | {total} | 33.3% |
"""


def test_table_total_row_must_add_up():
    found = hits(TABLE.format(total=39), "number/table-total", fmt="md")
    assert len(found) == 1
    f = found[0]
    assert f.match == "39" and f.suggestion == "37" and (f.line, f.column) == (8, 13)
    assert hits(TABLE.format(total=37), "number/table-total", fmt="md") == []  # the % column is not added


def test_table_with_subtotals_or_qizhong_rows_is_read_carefully():
    text = TABLE.format(total=37).replace("| 2026年 | 20 | 13 | 35% |", "| 2026年 | 20 | 13 | 35% |\n| 其中：农村 | 8 | 5 | 40% |")
    assert hits(text, "number/table-total", fmt="md") == []
    text = TABLE.format(total=99).replace("| 2026年 |", "| 小计 | 40 | 24 | 32.5% |\n| 2026年 |")
    assert hits(text, "number/table-total", fmt="md") == []


def test_share_of_a_category_after_a_plain_total():
    found = hits("全年共发展党员12名，35岁及以下的9名，占70%；女性6名，占60%。", "number/percent")
    assert [f.suggestion for f in found] == ["75%", "50%"]
    assert hits("全年共发展党员12名，35岁及以下的9名，占75%；女性6名，占50%。", "number/percent") == []
    # a count of something else in between: the base is not certain
    assert hits("全年发展党员12名，确定入党积极分子30名，35岁及以下的24名，占80%。", "number/percent") == []


def test_recipients_of_party_groups_without_colon():
    text = "中共石桥村支部委员会关于印发《2025年度发展党员工作计划》的通知\n各党小组\n现将《2025年度发展党员工作计划》印发给你们，请认真组织实施。\n中共石桥村支部委员会\n2025年1月6日"
    r = lint(text)
    assert r.draft.parts[0].fields["recipients"].text == "各党小组"
    assert [f.match for f in r.findings if f.rule == "format/recipients-colon"] == ["组"]
    assert not [f for f in r.findings if f.rule.startswith("structure/")]


def test_missing_recipients_is_reported_once():
    r = lint("中共石桥村支部委员会关于印发《2025年度发展党员工作计划》的通知\n现将《2025年度发展党员工作计划》印发给你们。\n中共石桥村支部委员会\n2025年1月6日")
    assert len([f for f in r.findings if "主送" in f.message]) == 1


def test_date_still_to_be_filled_in_is_the_date_line():
    text = "中共××村支部委员会2025年度发展党员工作计划\n正文。\n中共××村支部委员会\n2025年×月×日"
    r = lint(text)
    assert r.draft.parts[0].fields["signature"].text == "中共××村支部委员会"
    assert not [f for f in r.findings if f.rule in ("structure/required-element", "format/date")]
    assert "×" in [f.match for f in r.findings if f.rule == "placeholder/leftover" and f.line == 4]


def test_title_with_a_stray_full_stop_keeps_its_kind():
    text = "中共南岭县文广局委员会关于印发《2025年度发展党员工作计划》的通知。\n各党支部：\n现将《2025年度发展党员工作计划》印发给你们。\n中共南岭县文广局委员会\n2025年3月18日"
    r = lint(text)
    assert r.kind == "notice"
    assert [f.match for f in r.findings if f.rule == "format/title-punct"] == ["。"]


def test_date_that_does_not_exist():
    text = "中共柳溪镇委员会2024年上半年发展党员工作总结\n正文。\n中共柳溪镇委员会\n2024年6月31日"
    found = hits(text, "format/date")
    assert len(found) == 1 and "不是实际存在的日期" in found[0].message
    assert hits(text.replace("6月31日", "6月30日"), "format/date") == []


@pytest.mark.parametrize("title, date, flagged", [
    ("中共石桥村支部委员会2025年度发展党员工作计划", "2015年1月10日", True),
    ("中共石桥村支部委员会2025年度发展党员工作计划", "2024年12月20日", False),
    ("中共石桥村支部委员会2025年度发展党员工作总结", "2026年1月6日", False),
    ("中共柳溪镇委员会2024—2028年发展党员工作规划", "2026年3月6日", False),
    ("关于2012年以来发展党员工作情况的报告", "2025年3月6日", False),
])
def test_date_year_against_the_title(title, date, flagged):
    found = hits(f"{title}\n正文。\n中共石桥村支部委员会\n{date}", "format/date-year")
    assert bool(found) == flagged
    if flagged:
        assert found[0].match == date[:4]


def test_approval_title_and_list_name_the_same_number_of_people():
    text = ("中共柳溪镇委员会关于同意接收周强等3名同志为中国共产党预备党员的批复\n石桥村党支部：\n"
            "你支部《关于接收周强等2名同志为中共预备党员的请示》收悉。同意接收周强、吴敏2名同志为中国共产党预备党员。\n"
            "特此批复。\n中共柳溪镇委员会\n2025年3月14日")
    found = hits(text, "number/name-count")
    assert len(found) == 1 and found[0].match == "2" and "周强等3名同志" in found[0].message
    assert "周强、吴敏" in found[0].message
    assert hits(text.replace("周强等3名", "周强等2名"), "number/name-count") == []
    # a list that contradicts its own count is reported once, not again against the title
    assert len(hits(text.replace("周强、吴敏2名", "周强、吴敏、郑涛、冯丽2名"), "number/name-count")) == 1


def test_one_person_written_as_deng_1_ming_is_named_without_the_verb():
    found = hits("关于同意接收陈晨等1名同志为中国共产党预备党员的批复\n正文。", "number/name-count")
    assert found and found[0].suggestion == "陈晨同志" and found[0].match == "陈晨等1名同志"


def test_formulations_used_before_they_were_made():
    r = lint(f"中共南岭县粮食局委员会2014年度发展党员工作计划\n为做好工作，根据{XZ}，特制定本计划。\n"
             "一、指导思想\n全面落实新时代党的建设总要求和新时代党的组织路线。\n中共南岭县粮食局委员会\n2014年3月10日")
    found = [f.match for f in r.findings if f.rule == "era/anachronism"]
    assert XZ in found and "新时代党的建设总要求" in found and "新时代党的组织路线" in found
    # the trial rules were right in March 2014, the new title a year later
    assert not [f for f in hits(f"根据{XZ_TRIAL}，特制定本计划。", "era/anachronism", day=dt.date(2014, 3, 10))]
    assert not [f for f in hits(f"根据{XZ}，全面落实新时代党的建设总要求。", "era/anachronism", day=dt.date(2019, 3, 1))]


# --- the same in Word: auto-numbered lists and a table ---------------------------------------------
def _numbered_docx(tmp_path: Path, total: str) -> Path:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, lvl: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{lvl}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("中共南岭职业技术学院委员会2024年上半年发展党员工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(f"上半年，学院党委坚持以习近平新时代中国特色社会主义思想为指导，落实“{ZYQ}”的总要求。")
    item("基本情况", 0)
    d.add_paragraph("上半年共发展党员78名，各二级学院发展情况如下：")
    rows = [["二级学院", "计划数（名）", "发展数（名）", "完成率"], ["机电工程学院", "30", "28", "93.3%"],
            ["信息工程学院", "25", "25", "100%"], ["经济管理学院", "25", "25", "100%"], ["合计", "80", total, "97.5%"]]
    t = d.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            t.cell(r, c).text = cell
    item("主要做法", 0)
    item("强化政治引领", 1)
    item("开设“青马工程”培训班，覆盖入党积极分子420名。", 2)
    item("组织学生党员骨干参加“三下乡”社会实践。", 2)
    item("规范发展程序", 1)
    d.add_paragraph("推行“一人一档”电子化管理，通过“智慧党建”App实时掌握各环节进度。")
    item("存在问题", 0)
    d.add_paragraph("个别二级学院存在“重推优、轻培养”现象。")
    item("下步打算", 0)
    d.add_paragraph("下半年做好入党启蒙教育。")
    d.add_paragraph("中共南岭职业技术学院委员会").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2024年7月5日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = tmp_path / "总结.docx"
    d.save(path)
    return path


def test_word_summary_with_auto_numbered_list_and_table_is_clean(tmp_path):
    r = lint_draft(read(_numbered_docx(tmp_path, "78")))
    assert r.kind == "summary"
    # the page is python-docx's default (Letter, theme fonts): layout/ says so, test_lint_layout tests it
    assert [p for p in problems(r) if not p.startswith("layout/")] == []
    assert {p.split()[0] for p in problems(r)} <= {"layout/page-size", "layout/margins", "layout/body-font",
                                                     "layout/body-size", "layout/lines-per-page", "layout/page-number",
                                                     "layout/title-font", "layout/heading-font",
                                                     "layout/chars-per-line", "layout/date-position"}


def test_word_table_total_is_checked_at_its_cell(tmp_path):
    r = lint_draft(read(_numbered_docx(tmp_path, "79")))
    found = [f for f in r.findings if f.rule == "number/table-total"]
    assert len(found) == 1
    assert (found[0].line, found[0].column, found[0].match) == (23, 1, "79")  # paragraph 23: the 合计 row is cells 21–24


def test_a_numeral_said_twice_names_a_set_not_an_item():
    text = "发展对象的确定要做到“三要三不要”：一要看政治表现，二要看工作实绩，三要看群众公认。实事求是，一是一、二是二。"
    assert hits(text, "numbering/ordinal-words") == []
    assert [f.match for f in hits("一是加强领导，三是三项制度要落实。", "numbering/ordinal-words")] == ["三是"]


@pytest.mark.parametrize("text, match", [
    ("坚持以为指导，认真做好发展党员工作。", "坚持以为指导"),
    ("深入学习贯彻精神，扎实推进发展党员工作。", "学习贯彻精神"),
    ("努力为提供坚强组织保证。", "为提供坚强组织保证"),
])
def test_slots_emptied_of_a_name(text, match):
    assert match in [f.match for f in hits(text, "wording/empty-slot")]


def test_filled_slots_are_left_alone():
    text = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，认真学习贯彻会议精神，"
            "为全面推进乡村振兴提供坚强组织保证，所提供的服务要规范。")
    assert hits(text, "wording/empty-slot") == []


def test_word_markup_copied_into_a_text_draft():
    text = "严格执行发展党员工作程序。[王丽1]\n带格式的: 字体: (中文) 仿宋_GB2312, 三号\n批注 [王丽1]: 此处请补充具体措施\n"
    found = [f.match for f in hits(text, "junk/word-markup")]
    assert found == ["[王丽1]", "带格式的:", "批注 [王丽1]:"]
    assert hits("见附件[附1]和参考文献[1]，批注意见已吸收。", "junk/word-markup") == []
