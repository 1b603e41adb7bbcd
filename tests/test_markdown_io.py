import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core import markdown_io
from generator.core.model import Document, Heading, Meta, Paragraph, Table, position

SAMPLE = """---
文种: plan
标题: 测试计划
主送: 各党支部
成文日期: 2025-02-18
---

为做好工作，
特制定本计划。

# 一、指导思想

坚持**标准**。

## （一）加强领导

| 年度 | 发展数 |
|---|---|
| 2025 | 15 |

<!-- gongwen:附件 -->
---
标题: 附件计划
---

# 一、附件标题

附件正文。
"""


def test_parse_meta_blocks_and_positions():
    d = markdown_io.parse(SAMPLE, "t.md")
    assert d.meta.title == "测试计划" and d.meta.recipients == "各党支部"
    assert d.meta.date == dt.date(2025, 2, 18)
    p0 = d.blocks[0]
    assert isinstance(p0, Paragraph) and p0.text == "为做好工作，特制定本计划。"
    lines = SAMPLE.split("\n")
    line_of = lambda text: lines.index(text) + 1  # noqa: E731
    assert position(p0, 0) == (line_of("为做好工作，"), 1)
    assert position(p0, 6) == (line_of("特制定本计划。"), 1)  # soft break joins lines
    h = d.blocks[1]
    assert isinstance(h, Heading) and (h.level, h.number, h.text) == (1, "一、", "指导思想")
    assert position(h, 0) == (line_of("# 一、指导思想"), 3)
    assert isinstance(d.blocks[4], Table) and d.blocks[4].rows == [["年度", "发展数"], ["2025", "15"]]
    (att,) = d.attachments
    assert att.meta.title == "附件计划"
    assert position(att.blocks[0], 0) == (line_of("# 一、附件标题"), 3)


def test_render_then_parse_is_stable():
    d = markdown_io.parse(SAMPLE)
    text = markdown_io.render(d)
    again = markdown_io.render(markdown_io.parse(text))
    assert text == again
    assert "成文日期: 2025-02-18\n" in text


def test_draft_without_front_matter_takes_title_from_first_heading():
    d = markdown_io.parse("# 某某党委2025年度发展党员工作计划\n\n一、指导思想\n\n正文。\n")
    assert d.meta.title == "某某党委2025年度发展党员工作计划"
    assert isinstance(d.blocks[0], Heading) and d.blocks[0].number == "一、"


def test_numbered_sentence_is_a_paragraph_not_a_heading():
    d = markdown_io.parse("1.加强领导。各党支部要把发展党员工作列入重要议事日程，书记负总责。\n")
    assert isinstance(d.blocks[0], Paragraph)


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_text.map(lambda t: ("p", t)), st.integers(1, 4).map(lambda n: ("h", n))), max_size=8))
def test_parse_never_crashes_on_arbitrary_text(items):
    text = "\n\n".join(t if kind == "p" else "#" * t + " 标题" for kind, t in items)
    markdown_io.parse(text)


def test_document_roundtrip_through_markdown():
    doc = Document(
        Meta(kind="plan", title="标题", signature="中共某某委员会", date=dt.date(2025, 1, 2)),
        [Heading(1, "一、", "指导思想"), Paragraph("正文一。"), Table([["甲", "乙"], ["1", "2|3"]])],
    )
    back = markdown_io.parse(markdown_io.render(doc))
    assert back.meta == doc.meta
    assert [type(b) for b in back.blocks] == [Heading, Paragraph, Table]
    assert back.blocks[2].rows == [["甲", "乙"], ["1", "2|3"]]


def test_a_lone_carriage_return_before_a_heading_is_no_crash():
    """markdown-it ends a line at a lone CR, our line list does not (found by the lint fuzz)."""
    doc = markdown_io.parse("\r# 标题\r正文", "x.md")
    assert [b.text for b in doc.blocks]
