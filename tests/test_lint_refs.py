"""refs/ (issue #14, item 4): the 附件说明 against the attachments a file carries, 见附件N against how many
there are, a 印发通知's 《name》 against the document it prints — on sentences of our own, each rule with
what it must flag and what it must leave alone."""
from __future__ import annotations

from lint_helpers import hits


def notice(notes: str, atts: list[tuple[str, str]], title: str = "关于印发《青石镇发展党员工作细化措施》的通知",
           body: str = "现将有关材料印发给你们，请认真贯彻执行。") -> str:
    out = f"{title}\n\n各党支部：\n\n{body}\n\n{notes}\n\n中共青石镇委员会\n2026年3月2日\n"
    for label, att_title in atts:
        out += f"\n{label}\n\n{att_title}\n\n一、总体要求\n\n按照有关规定认真组织实施。\n"
    return out


TWO = [("附件1", "青石镇发展党员工作细化措施"), ("附件2", "发展党员工作流程图说明")]


def test_notes_that_match_the_attachments_in_name_and_order_pass():
    text = notice("附件：1. 青石镇发展党员工作细化措施\n2. 发展党员工作流程图说明", TWO)
    assert hits(text, "refs/attachment-notes") == [] and hits(text, "refs/attachment-label") == []
    assert hits(text, "refs/printed-title") == []


def test_a_note_naming_another_document_is_an_error():
    text = notice("附件：1. 青石镇发展党员工作实施办法\n2. 发展党员工作流程图说明", TWO)
    found = hits(text, "refs/attachment-notes")
    assert len(found) == 1 and "第1项" in found[0].message and "不一致" in found[0].message


def test_swapped_order_and_a_missing_note_are_said():
    text = notice("附件：1. 发展党员工作流程图说明\n2. 青石镇发展党员工作细化措施", TWO)
    assert "顺序不一致" in hits(text, "refs/attachment-notes")[0].message
    text = notice("附件：青石镇发展党员工作细化措施", TWO)
    assert "列了1个附件，文中附有2个" in hits(text, "refs/attachment-notes")[0].message


def test_labels_out_of_order_are_an_error():
    text = notice("附件：1. 青石镇发展党员工作细化措施\n2. 发展党员工作流程图说明",
                  [("附件1", TWO[0][1]), ("附件3", TWO[1][1])])
    found = hits(text, "refs/attachment-label")
    assert len(found) == 1 and "附件3" in found[0].message


def test_see_attachment_three_of_two_is_an_error_and_of_one_sent_separately_is_not():
    body = "具体流程见附件3，请各党支部对照执行。"
    text = notice("附件：1. 青石镇发展党员工作细化措施\n2. 发展党员工作流程图说明", TWO, body=body)
    found = hits(text, "refs/mentioned-attachment")
    assert len(found) == 1 and found[0].match == "见附件3"
    assert hits(notice("附件：1. 青石镇发展党员工作细化措施\n2. 发展党员工作流程图说明", TWO,
                       body="具体流程见附件2，请各党支部对照执行。"), "refs/mentioned-attachment") == []
    # no 附件说明 and no attachment in the file: nothing to count against
    plain = "关于做好发展党员工作的通知\n\n各党支部：\n\n具体流程见附件3。\n\n中共青石镇委员会\n2026年3月2日\n"
    assert hits(plain, "refs/mentioned-attachment") == []


def test_a_notice_printing_one_name_over_a_document_titled_otherwise():
    text = notice("", [("附件", "青石镇发展党员工作实施办法")])
    found = hits(text, "refs/printed-title")
    assert len(found) == 1 and found[0].match == "青石镇发展党员工作细化措施"
    # the attached title may carry the unit's name before it
    ok = notice("", [("附件", "中共青石镇委员会青石镇发展党员工作细化措施")])
    assert hits(ok, "refs/printed-title") == []


def test_notes_alone_with_attachments_in_other_files_pass():
    text = "关于报送发展党员材料的通知\n\n各党支部：\n\n请按要求报送。\n\n附件：1. 发展党员情况统计表\n2. 发展对象名单\n\n中共青石镇委员会\n2026年3月2日\n"
    assert hits(text, "refs/attachment-notes") == [] and hits(text, "refs/mentioned-attachment") == []


def test_a_bracket_naming_an_attachment_the_notes_do_not_list():
    """（附件2，可从网站下载） when the 附件说明 lists one: the second is named but not listed."""
    text = ("关于报送发展党员统计表的通知\n\n各党支部：\n\n请填写发展党员计划表（附件1），并报送统计表（附件2，可从党建网站下载）。\n\n"
            "附件：发展党员计划表\n\n中共青石镇委员会\n2026年3月2日\n")
    found = hits(text, "refs/mentioned-attachment")
    assert [f.match for f in found] == ["（附件2"] and "只有1个附件" in found[0].message
