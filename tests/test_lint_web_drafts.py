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
    # an address a notice gives on purpose (the form to download, the platform to report on)
    "请从学院党建网站下载统计表，地址：http://dj.example.edu.cn/biao。",
    "材料通过党员管理平台报送，网址：https://dy.example.gov.cn。",
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


# --- template and 范文 damage ----------------------------------------------------------------
@pytest.mark.parametrize("line, match", [
    ("经本支部**年**月研究，同意接收。", "**"),
    ("中国***产党是工人阶级的先锋队。", "***"),
    ("请于X 年X 月X 日前报送。", "X"),
    ("学习贯彻党的十x大和十x届x中全会精神。", "x"),
    ("经支部大会讨论，同意接收x x x同志为预备党员。", "x x x"),
    ("全年走访群众3xxxx人次。", "xxxx"),
    ("每季度开展活动不少于[X]次。", "[X]"),
    ("某县党委组织部统一部署。", "某"),
    ("该(名)同志入党动机端正。", "(名)"),
])
def test_placeholders_in_every_form(line, match):
    found = {f.match for r in ("placeholder/leftover", "placeholder/masked") for f in hits(HEAD + line + "\n", r)}
    assert match in found, found


@pytest.mark.parametrize("line", [
    "某些党支部工作不够扎实，某种程度上影响了发展质量。",
    "**加强领导**这一要求写进了制度。",  # Markdown emphasis pasted into a .txt is junk/markup's
    "全镇共有党员3×4个小组。",
])
def test_look_alikes_of_placeholders_are_left_alone(line):
    assert hits(HEAD + line + "\n", "placeholder/leftover") == []


@pytest.mark.parametrize("line, match", [
    ("现将关于同意接收李平等名同志为预备党员的请示报上。", "等名"),
    ("支部大会于年月日召开。", "年月日"),
    ("年发展党员工作要坚持标准。", "年"),
    ("应到会党员 人，实到会党员 人。", " "),
    ("深入学习贯彻党的十、十九届历次全会精神。", "党的十"),
    ("认真贯彻落实、党风廉政建设责任制。", "贯彻落实、"),
])
def test_emptied_slots_are_found(line, match):
    found = {f.match for f in hits(HEAD + line + "\n", "wording/empty-slot")}
    assert match in found, found


@pytest.mark.parametrize("line", [
    "支部大会于2025年3月18日召开。",
    "年度计划执行情况良好。",
    "全年发展党员15名，确定入党积极分子30名。",
    "学习、宣传、贯彻党的二十大精神。",
])
def test_filled_slots_are_not_empty(line):
    assert hits(HEAD + line + "\n", "wording/empty-slot") == []


@pytest.mark.parametrize("line, match, right", [
    ("党员要做到讲政治的的要求。", "的的", "的"),
    ("为为实现发展目标而努力。", "为为", "为"),
    ("学习贯彻党的二十届三中中全会精神。", "中中", "中"),
])
def test_a_character_typed_twice_is_found_and_fixable(line, match, right):
    (f,) = hits(HEAD + line + "\n", "wording/doubled")
    assert (f.match, f.fix) == (match, right)


@pytest.mark.parametrize("line", [
    "各支部要认认真真抓好发展党员工作。",
    "计划于2025年年底前完成。",
    "召开协会会长和支部大会会议。",
    "人人讲规矩、事事有标准。",
    "全县共有中国共产党党员5126名。",
])
def test_reduplication_and_words_sharing_a_character_are_not_doubling(line):
    assert hits(HEAD + line + "\n", "wording/doubled") == []


@pytest.mark.parametrize("line, match, right", [
    ("深入学习“3个代表”重要思想。", "3个代表", "三个代表"),
    ("坚持“106字方针”。", "106字方针", "十六字方针"),
    ("党中央1贯高度重视发展党员工作。", "1贯", "一贯"),
    ("增强“4个意识”、坚定“4个自信”。", "4个意识", "四个意识"),
    ("把工作提高到1个新水平。", "1个新水平", "一个新水平"),
])
def test_numerals_that_are_part_of_a_term_are_found(line, match, right):
    found = {(f.match, f.fix) for f in hits(HEAD + line + "\n", "wording/numeral-in-term")}
    assert (match, right) in found, found


@pytest.mark.parametrize("line", [
    "全年发展党员15名，召开支部大会3次，确定1个联系点。",
    "2021年10月1日召开支部大会。",
])
def test_counting_with_digits_is_correct(line):
    assert hits(HEAD + line + "\n", "wording/numeral-in-term") == []


@pytest.mark.parametrize("line, match", [
    ("各支部有计划的推进发展党员工作。", "的"),
    ("要有效的把优秀青年培养成党员。", "的"),
    ("要更加严格的要求自己。", "的"),
])
def test_de_before_a_verb_is_di(line, match):
    assert [f.match for f in hits(HEAD + line + "\n", "wording/de-di-de")] == [match]


@pytest.mark.parametrize("line", [
    "建立有效的把关机制，落实严格的把关制度。",
    "制定有计划的培养方案。",
])
def test_de_before_a_noun_stays(line):
    assert hits(HEAD + line + "\n", "wording/de-di-de") == []


@pytest.mark.parametrize("line, match", [
    ("认真执行《发展党员工作细则（试行）》。", "《发展党员工作细则（试行）》"),
    ("严格执行《发展党员工作实施细则》。", "《发展党员工作实施细则》"),
    ("依据《中国共产党党章》第七条。", "《中国共产党党章》"),
    ("依据《中华人民共和国中国共产党章程》。", "《中华人民共和国中国共产党章程》"),
    ("严格按照中国共产党发展党员工作细则的规定办理。", "中国共产党发展党员工作细则"),
])
def test_document_titles_named_wrongly_are_found(line, match):
    found = {f.match for f in hits(HEAD + line + "\n", "phrase/document-title")}
    assert match in found, found


@pytest.mark.parametrize("line", [
    "严格执行《中国共产党发展党员工作细则》第十三条。",
    "学习《中国共产党纪律处分条例》和《中国共产党支部工作条例（试行）》。",
    "认真落实《关于加强新形势下发展党员和党员管理工作的意见》。",
])
def test_documents_named_rightly_or_other_documents_pass(line):
    assert hits(HEAD + line + "\n", "phrase/document-title") == []


# --- where real official texts differ legitimately --------------------------------------------
def _errors_and_warnings(text: str, day) -> list:
    return [(f.rule, f.match) for f in lint(text, day=day).findings if f.severity in ("error", "warning")
            and f.rule.startswith(("phrase/", "era/")) and f.line is not None]


def test_the_comma_and_the_dunhao_forms_of_chengshu_yige_both_pass():
    import datetime as dt

    for sep in ("，", "、"):
        text = HEAD + f"一、指导思想\n坚持成熟一个{sep}发展一个，禁止突击发展。\n"
        assert _errors_and_warnings(text, dt.date(2025, 3, 1)) == []


def test_the_six_item_team_goal_passes():
    import datetime as dt

    text = HEAD + "一、目标任务\n建设一支信念坚定、素质优良、规模适度、结构合理、纪律严明、作用突出的党员队伍。\n"
    assert _errors_and_warnings(text, dt.date(2025, 3, 1)) == []


def test_the_sixteen_character_guideline_in_a_document_of_2011_passes():
    import datetime as dt

    text = ("中共青松镇委员会2011年度发展党员工作计划\n一、指导思想\n"
            "坚持“坚持标准、保证质量、改善结构、慎重发展”的十六字方针。\n")
    assert _errors_and_warnings(text, dt.date(2011, 3, 1)) == []


def test_the_trial_rules_are_right_before_june_2014_and_wrong_after():
    import datetime as dt

    text = HEAD + "一、指导思想\n严格执行《中国共产党发展党员工作细则（试行）》。\n"
    assert _errors_and_warnings(text, dt.date(2014, 3, 18)) == []
    assert _errors_and_warnings(text, dt.date(2020, 3, 18))
