"""Readers: .docx / .md / .txt into the document model, with positions, encodings and the 公文
elements recognised; unreadable input is one clear InputError."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.core.model import Heading, Paragraph, Table, block_text, position
from generator.errors import InputError
from generator.infra.codec import decode
from generator.readers import read, read_text
from generator.readers.elements import parse_loose_date

TXT = """中共柳溪镇委员会文件
柳发〔2025〕7号
中共柳溪镇委员会关于印发
《2025年度发展党员工作计划》的通知
各党支部：
　　现将《2025年度发展党员工作计划》印发给你们，请认真贯彻落实。
附件：2025年度发展党员工作计划
中共柳溪镇委员会
2025年3月18日
抄送：南岭县委组织部。
"""


def test_txt_elements_are_recognised():
    d = read_text(TXT, "通知.txt", "txt")
    f = d.parts[0].fields
    meta = d.document.meta
    assert meta.red_header == "中共柳溪镇委员会文件"
    assert meta.doc_number == "柳发〔2025〕7号"
    assert meta.title == "中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知"  # two lines joined
    assert meta.recipients == "各党支部"
    assert meta.signature == "中共柳溪镇委员会"
    assert meta.date == dt.date(2025, 3, 18)
    assert meta.attachment_notes == ["2025年度发展党员工作计划"]
    assert meta.cc == "南岭县委组织部。"
    (body,) = d.document.blocks
    assert isinstance(body, Paragraph) and body.text.startswith("现将")
    assert position(body, 0) == (6, 3)  # after the two full-width indent spaces
    assert [s.line for s in f["title"].spans] == [3, 4]


def test_txt_notice_whose_attachment_runs_on_after_the_date():
    # printed notices often carry the attached document straight after 署名 and 日期, with no 附件 label
    text = ("中共柳溪镇委员会关于印发《2025年度发展党员工作计划》的通知\n各党支部：\n现将《2025年度发展党员工作计划》印发给你们。\n"
            "中共柳溪镇委员会\n2025年3月18日\n2025年度发展党员工作计划\n为做好工作，特制定本计划。\n一、指导思想\n坚持正确方向。\n"
            "抄送：南岭县委组织部。\n")
    d = read_text(text, "a.txt", "txt")
    assert len(d.parts) == 2
    main, att = d.parts[0].document, d.parts[1].document
    assert main.meta.signature == "中共柳溪镇委员会" and main.meta.date == dt.date(2025, 3, 18)
    assert main.meta.cc == "南岭县委组织部。"
    assert att.meta.title == "2025年度发展党员工作计划" and d.parts[1].label is None
    assert [b.text for b in att.blocks if isinstance(b, Heading)] == ["指导思想"]


def test_txt_headings_keep_the_column_of_their_text():
    d = read_text("标题\n三、 工作重点\n（一）把好入口关\n1. 加强教育\n正文。", "a.txt", "txt")
    h = [b for b in d.document.blocks if isinstance(b, Heading)]
    assert [(b.level, b.number, b.text) for b in h] == [(1, "三、", "工作重点"), (2, "（一）", "把好入口关"), (3, "1.", "加强教育")]
    assert position(h[0], 2) == (2, 4)  # 工 of 工作重点, after the space
    assert position(h[2], 2) == (4, 4)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_txt_encodings(tmp_path, encoding):
    text = "中共柳溪镇委员会2025年度发展党员工作计划\n为做好发展党员工作，特制定本计划。\n"
    if encoding == "gb18030":
        text += "生僻字𠀀不在GBK中。\n"
    p = tmp_path / "草稿.txt"
    p.write_bytes(text.encode(encoding))
    d = read(p)
    assert d.document.meta.title == "中共柳溪镇委员会2025年度发展党员工作计划"
    assert d.text.rstrip("\n") == text.rstrip("\n")


def test_encoding_is_kept_for_a_corrected_copy():
    for enc, expect in (("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("utf-16", "utf-16")):
        data = "发展党员".encode(enc)
        assert decode(data, "x")[1] == expect


def test_crlf_lines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("标题\r\n正文,第二句。\r\n".encode("utf-8"))
    d = read(p)
    assert d.newline == "\r\n" and "\r" not in d.text


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03binary\x00\xff" * 50, bytes(range(256)) * 20])
def test_binary_garbage_is_refused(tmp_path, data):
    p = tmp_path / "a.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match="不是文本文件|无法识别|编码"):
        read(p)


@pytest.mark.parametrize("name, message", [
    ("a.doc", "旧版"), ("a.pdf", "PDF"), ("a.xlsx", "不支持的文件类型"), ("noext", "不支持的文件类型"),
])
def test_unsupported_types(tmp_path, name, message):
    p = tmp_path / name
    p.write_bytes(b"x")
    with pytest.raises(InputError, match=message):
        read(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read(tmp_path / "无.txt")
    (tmp_path / "d.md").mkdir()
    with pytest.raises(InputError, match="目录"):
        read(tmp_path / "d.md")


def test_empty_txt_is_an_empty_document(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"")
    d = read(p)
    assert d.document.blocks == [] and d.document.meta.title == ""


# --- .md ------------------------------------------------------------------------------------
MD = """---
文种: notice
标题: 中共柳溪镇委员会关于印发《计划》的通知
发文字号: 柳发[2025]7号
主送: 各党支部
署名: 中共柳溪镇委员会
成文日期: 二〇二五年三月十八日
---

现将《计划》印发给**你们**,请认真贯彻落实。

| 类别 | 人数 |
|---|---|
| 女性 | 6名 |

<!-- gongwen:附件 -->
---
标题: 计划
---

# 一、指导思想

坚持正确方向。
"""


def test_md_front_matter_fields_have_positions_and_bad_dates_survive():
    d = read_text(MD, "a.md", "md")
    f = d.parts[0].fields
    assert f["doc_number"].text == "柳发[2025]7号" and f["doc_number"].origin == "front_matter"
    assert (f["doc_number"].spans[0].line, f["doc_number"].spans[0].column) == (4, 7)
    assert f["date"].text == "二〇二五年三月十八日"
    assert d.document.meta.date in (None, dt.date(2025, 3, 18))  # data in the front matter, never a crash
    assert len(d.parts) == 2 and d.parts[1].document.meta.title == "计划"


def test_md_columns_count_markup_in_the_line():
    d = read_text(MD, "a.md", "md")
    p = d.document.blocks[0]
    i = p.text.index(",")
    assert position(p, i) == (10, p.text.index(",") + 5)  # the four * of **你们** are in the line
    table = next(b for b in d.document.blocks if isinstance(b, Table))
    text = block_text(table)
    assert position(table, text.index("6名")) == (14, 8)


def test_md_without_front_matter_finds_elements_in_the_text():
    d = read_text("# 中共柳溪镇委员会关于同意接收张三同志为中国共产党预备党员的批复\n\n柳溪村党支部：\n\n同意。\n\n中共柳溪镇委员会\n\n2025年3月18日\n", "a.md", "md")
    m = d.document.meta
    assert m.title.endswith("的批复") and m.recipients == "柳溪村党支部"
    assert m.signature == "中共柳溪镇委员会" and m.date == dt.date(2025, 3, 18)


# --- .docx ----------------------------------------------------------------------------------
def _docx(tmp_path: Path, build) -> Path:
    d = docx.Document()
    build(d)
    p = tmp_path / "草稿.docx"
    d.save(p)
    return p


def test_docx_elements_tables_and_positions(tmp_path):
    def build(d):
        d.add_paragraph("中共柳溪镇委员会文件").alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_paragraph("柳发〔2025〕7号").alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.add_paragraph("")
        t = d.add_paragraph("中共柳溪镇委员会2025年度")
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
        t2 = d.add_paragraph("发展党员工作计划")
        t2.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = d.add_paragraph("　　为做好")
        p.add_run("发展党员").bold = True
        p.add_run("工作,特制定本计划。")
        d.add_paragraph("一、指导思想")
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "类别"
        table.cell(0, 1).text = "人数"
        table.cell(1, 0).text = "女性"
        table.cell(1, 1).text = "6名"
        d.add_paragraph("中共柳溪镇委员会")
        d.add_paragraph("2025年3月18日")

    dr = read(_docx(tmp_path, build))
    m = dr.document.meta
    assert (m.red_header, m.doc_number, m.title) == ("中共柳溪镇委员会文件", "柳发〔2025〕7号", "中共柳溪镇委员会2025年度发展党员工作计划")
    assert m.signature == "中共柳溪镇委员会" and m.date == dt.date(2025, 3, 18)
    body = dr.document.blocks[0]
    assert body.text.startswith("为做好发展党员工作,")
    assert position(body, body.text.index(",")) == (6, 12)  # paragraph 6 (empty ones count), after the indent
    table = next(b for b in dr.document.blocks if isinstance(b, Table))
    assert table.rows == [["类别", "人数"], ["女性", "6名"]]
    assert position(table, block_text(table).index("6名"))[0] == 11  # the 4th cell paragraph: 8 + 3


def test_docx_word_auto_numbering_is_part_of_the_text(tmp_path):
    def build(d):
        numbering = d.part.numbering_part.element
        numbering.append(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            '</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        d.add_paragraph("标题")
        for text, lvl in (("指导思想", 0), ("目标任务", 0), ("总量", 1), ("结构", 1), ("工作要求", 0)):
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{lvl}"/><w:numId w:val="90"/></w:numPr>'))

    dr = read(_docx(tmp_path, build))
    heads = [b.full for b in dr.document.blocks if isinstance(b, Heading)]
    assert heads == ["一、指导思想", "二、目标任务", "（一）总量", "（二）结构", "三、工作要求"]


def test_docx_tracked_changes_count_and_are_reported(tmp_path):
    def build(d):
        d.add_paragraph("标题")
        p = d.add_paragraph("发展党员")
        p._p.append(parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:t>十五名</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>十名</w:delText></w:r></w:del>'))

    dr = read(_docx(tmp_path, build))
    assert dr.document.blocks[0].text == "发展党员十五名"
    assert {what for _, _, _, what in dr.revisions} == {"ins", "del"}


def test_truncated_or_fake_docx_is_one_clear_error(tmp_path):
    good = _docx(tmp_path, lambda d: d.add_paragraph("正文"))
    data = good.read_bytes()
    bad = tmp_path / "坏.docx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="无法作为 Word 文档"):
        read(bad)
    fake = tmp_path / "假.docx"
    fake.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(InputError, match="无法作为 Word 文档"):
        read(fake)


@pytest.mark.parametrize("text, day", [
    ("2025年3月18日", dt.date(2025, 3, 18)), ("二〇二五年三月十八日", dt.date(2025, 3, 18)),
    ("2025.3.18", dt.date(2025, 3, 18)), ("2025-03-08", dt.date(2025, 3, 8)), ("25年3月8日", dt.date(2025, 3, 8)),
    ("2025年2月30日", None), ("三月十八日", None),
])
def test_loose_dates(text, day):
    assert parse_loose_date(text) == day
