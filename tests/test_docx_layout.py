"""The .docx itself: GB/T 9704—2012 page setup, fonts, headings, page numbers, reproducibility."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from conftest import EXAMPLE
from docx.oxml.ns import qn

from generator.core import markdown_io
from generator.core.model import Heading, Paragraph
from generator.data.profile import load_profile
from generator.plans.generate import generate_plan
from generator.writers.outputs import docx_writer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def generated():
    return generate_plan(load_profile(EXAMPLE))


@pytest.fixture(scope="module")
def docx_bytes(generated):
    return docx_writer().to_bytes(generated.document)


@pytest.fixture(scope="module")
def d(docx_bytes):
    return docx.Document(io.BytesIO(docx_bytes))


def _part(docx_bytes: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return z.read(name).decode("utf-8")


def test_page_size_and_margins(d):
    s = d.sections[0]
    assert (s.page_width.twips, s.page_height.twips) == (11906, 16838)  # A4
    assert s.top_margin.twips == 2098  # 37 mm
    assert s.left_margin.twips == 1587  # 28 mm
    assert s.right_margin.twips == 1474  # 26 mm: 版心宽 156 mm
    assert s.bottom_margin.twips == 1984  # 35 mm: 版心高 225 mm


def test_line_grid_and_exact_spacing(d, docx_bytes):
    grid = d.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    body = d.styles["公文正文"].element
    spacing = body.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"
    # 22 lines of 579 twips fit the 225 mm text block, 23 do not
    s = d.sections[0]
    text_h = s.page_height.twips - s.top_margin.twips - s.bottom_margin.twips
    assert 22 * 579 <= text_h < 23 * 579
    # 28 characters of 三号 with the tracking fit the 156 mm line, 29 do not
    text_w = s.page_width.twips - s.left_margin.twips - s.right_margin.twips
    tracking = int(re.search(r'<w:spacing w:val="(-?\d+)"/>', _part(docx_bytes, "word/document.xml")).group(1))
    assert 28 * (320 + tracking) <= text_w < 29 * (320 + tracking)


def _runs_by_style(d):
    out = {}
    for p in d.paragraphs:
        for r in p.runs:
            if r.text.strip():
                out.setdefault(p.style.name, []).append(r)
    return out


def _fonts(run) -> dict:
    rf = run._r.rPr.find(qn("w:rFonts"))
    return {k: rf.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")}


@pytest.mark.parametrize(
    "style, font, size_pt",
    [
        ("公文标题", "方正小标宋简体", 22),
        ("公文正文", "仿宋_GB2312", 16),
        ("公文1级标题", "黑体", 16),
        ("公文2级标题", "楷体_GB2312", 16),
        ("公文署名", "仿宋_GB2312", 16),
        ("发文机关标志", "方正小标宋简体", 26),
        ("发文字号", "仿宋_GB2312", 16),
    ],
)
def test_fonts_and_sizes_per_element(d, style, font, size_pt):
    runs = _runs_by_style(d)[style]
    for r in runs:
        assert _fonts(r) == dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), font)
        assert r.font.size.pt == size_pt
    # the style carries the same so that a writer's edits keep the look
    st = d.styles[style].element.rPr.find(qn("w:rFonts"))
    assert st.get(qn("w:eastAsia")) == font


def test_red_header_is_red_and_ruled(d):
    head = [p for p in d.paragraphs if p.style.name == "发文机关标志"]
    assert [p.text for p in head] == ["中共柳溪镇委员会文件"]
    assert head[0].runs[0].font.color.rgb is not None and str(head[0].runs[0].font.color.rgb) == "FF0000"
    number = [p for p in d.paragraphs if p.style.name == "发文字号"][0]
    assert number.text == "柳发〔2025〕3号"
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"


def test_headings_levels_numbering_and_outline(d, generated):
    h1 = [p.text for p in d.paragraphs if p.style.name == "公文1级标题"]
    assert h1 == ["一、指导思想", "二、目标任务", "三、工作重点", "四、进度安排", "五、工作要求"]
    h2 = [p.text for p in d.paragraphs if p.style.name == "公文2级标题"]
    assert h2 and all(re.match(r"^（[一二三四五六七八九十]+）", t) for t in h2)
    outline = d.styles["公文1级标题"].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "0"


def test_page_numbers_odd_right_even_left(d, docx_bytes):
    settings = _part(docx_bytes, "word/settings.xml")
    assert "<w:evenAndOddHeaders/>" in settings
    s = d.sections[0]
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    for p, align in ((odd, "right"), (even, "left")):
        xml = p._p.xml
        assert 'w:instrText xml:space="preserve"> PAGE </w:instrText>' in xml
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        assert p.text.startswith("— ") and p.text.endswith(" —")
        fonts = _fonts(p.runs[0])
        assert fonts["eastAsia"] == "宋体" and p.runs[0].font.size.pt == 14
    assert odd._p.pPr.find(qn("w:ind")).get(qn("w:right")) == "280"  # one 四号 character
    assert even._p.pPr.find(qn("w:ind")).get(qn("w:left")) == "280"


def test_signature_and_date_block(d):
    right = [p for p in d.paragraphs if p.style.name == "公文署名"]
    assert [p.text for p in right] == ["中共柳溪镇委员会", "2025年2月18日"]
    sig_r = int(right[0]._p.pPr.find(qn("w:ind")).get(qn("w:right")))
    date_r = int(right[1]._p.pPr.find(qn("w:ind")).get(qn("w:right")))
    # 7.3.5.2: the date (6.5 chars) is longer than 署名 (8 chars) minus 2, so it stands 2 chars
    # from the right and the 署名 moves so that the date starts 2 chars right of it
    pitch = 8845 / 28
    assert date_r == round(2 * pitch)
    assert sig_r == round((2 + 6.5 + 2 - 8) * pitch)


@pytest.mark.parametrize("kind, title, sealed", [
    ("approval", "中共甲镇委员会关于同意接收张三同志为中国共产党预备党员的批复", True),
    ("notice", "中共甲镇委员会关于印发《2025年度发展党员工作计划》的通知", True),
    ("request", "第一党支部关于接收张三同志为中国共产党预备党员的请示", True),
    ("plan", "中共甲镇委员会2025年度发展党员工作计划", False),
    (None, "中共甲镇委员会关于2025年发展党员工作情况的报告", True),  # a draft: by its title
    (None, "甲镇2025年发展党员工作总结", False),
])
def test_sealed_documents_date_four_chars_from_the_right_signature_centred_over_it(kind, title, sealed):
    """7.3.5.1: 加盖印章的公文，成文日期一般右空四字，署名以成文日期为准居中; the others 7.3.5.2."""
    import datetime as dt

    from generator.core.model import Document, Meta

    doc = Document(Meta(kind=kind, title=title, signature="中共甲镇委员会", date=dt.date(2025, 3, 20)),
                   [Paragraph("正文。")])
    d = docx.Document(io.BytesIO(docx_writer().to_bytes(doc)))
    sig, date = [p for p in d.paragraphs if p.style.style_id == "GwRight"]
    sig_r = int(sig._p.pPr.find(qn("w:ind")).get(qn("w:right")))
    date_r = int(date._p.pPr.find(qn("w:ind")).get(qn("w:right")))
    pitch = 8845 / 28
    # 中共甲镇委员会: 7 chars; 2025年3月20日: 2025 (2) 年 3 (0.5) 月 20 (1) 日 = 6.5 chars
    if sealed:  # the date 4 chars from the right, the 署名's centre over the date's: 4 + (6.5 − 7) / 2
        assert date_r == round(4 * pitch)
        assert sig_r == round(3.75 * pitch)
    else:  # 7.3.5.2: the date starts 2 chars right of the 署名, at least 2 from the right: 2 + 6.5 + 2 − 7
        assert date_r == round(2 * pitch)
        assert sig_r == round(3.5 * pitch)


def test_imprint_table(d):
    table = d.tables[-1]
    # 7.4: at the foot of the last page, as wide as the text block
    pos = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert pos.get(qn("w:tblpYSpec")) == "bottom" and pos.get(qn("w:vertAnchor")) == "margin"
    assert pos.get(qn("w:horzAnchor")) == "page" and pos.get(qn("w:tblpX")) == "1587"
    assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "8845"
    texts = [c.text for row in table.rows for c in row.cells]
    assert texts[0] == "抄送：南岭县委组织部。"
    assert texts[1] == "中共柳溪镇委员会党政办公室\t2025年2月19日印发"


def test_reading_back_gives_the_markdown_headings_and_paragraphs(d, generated):
    md_doc = markdown_io.parse(generated.markdown)
    expected = []
    for b in md_doc.blocks:
        if isinstance(b, Heading):
            expected.append(b.full)
        elif isinstance(b, Paragraph):
            expected.append(b.text)
    body_styles = {"公文正文", "公文1级标题", "公文2级标题", "公文3级标题", "公文4级标题"}
    got = [p.text for p in d.paragraphs if p.style.name in body_styles]
    assert got == expected
    title = [p.text for p in d.paragraphs if p.style.name == "公文标题"][0]
    assert title.replace("\n", "") == md_doc.meta.title


def test_long_title_breaks_between_words(d):
    title = [p for p in d.paragraphs if p.style.name == "公文标题"][0]
    # 21 characters do not fit 20 per line at 二号: broken before the matter, the year kept whole
    assert title.text.split("\n") == ["中共柳溪镇委员会2025年度", "发展党员工作计划"]


def test_same_inputs_same_bytes(generated):
    a = docx_writer().to_bytes(generated.document)
    b = docx_writer().to_bytes(generate_plan(load_profile(EXAMPLE)).document)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        assert "2025-02-18T00:00:00Z" in core and "中共柳溪镇委员会2025年度发展党员工作计划" in core


def test_xml_special_characters_are_escaped():
    from generator.core.model import Document, Meta

    doc = Document(Meta(title="A&B<C>", signature="甲", date=None), [Paragraph('引号"和&符号<>\x01')])
    data = docx_writer().to_bytes(doc)
    d2 = docx.Document(io.BytesIO(data))
    assert any(p.text == '引号"和&符号<>' for p in d2.paragraphs)


def test_font_table_names_substitutes_for_licensed_fonts(docx_bytes):
    fonts = _part(docx_bytes, "word/fontTable.xml")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>' in fonts
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        assert "docProps/thumbnail.jpeg" not in z.namelist()
        assert b"thumbnail" not in z.read("_rels/.rels")


def test_narrow_table_keeps_body_cells_on_one_line():
    from generator.writers.gbt9704 import column_widths
    from generator.writers.titles import set_width

    rows = [["年度", "计划发展党员", "35岁及以下", "女性", "大专及以上学历", "生产、工作第一线", "年末党员总数（预计）"],
            ["2025年", "15", "9", "6", "6", "9", "1283"], ["合计", "78", "48", "30", "33", "45", "—"]]
    em, total = 280, 8833
    widths = column_widths(rows, 1, 7, total, em)
    assert sum(widths) == total
    for i, w in enumerate(widths):
        assert w >= max(set_width(r[i]) for r in rows[1:]) * em  # "2025年" does not break


def test_a_prose_column_wraps_and_the_short_one_keeps_its_line():
    from generator.writers.gbt9704 import _CELL_PADDING, column_widths
    from generator.writers.titles import set_width

    prose = "组织发展对象参加集中培训，开展政治审查；对入党积极分子进行上半年考察；" * 3
    rows = [["时间", "主要工作"], ["第一季度", prose], ["第二季度", prose[:40]]]
    em, total = 280, 8833
    widths = column_widths(rows, 1, 2, total, em)
    assert sum(widths) == total
    assert widths[0] >= set_width("第一季度") * em + _CELL_PADDING  # 第一季度 on one line
    assert widths[0] < 8 * em  # and no wider than it needs


def test_a_wrapping_cell_is_justified():
    from generator.core.model import Document, Meta, Table

    long = "对入党积极分子进行上半年考察，" * 8
    doc = Document(Meta(kind="plan", title="中共甲镇委员会2025年度发展党员工作计划", signature="中共甲镇委员会"),
                   [Table([["时间", "主要工作"], ["第一季度", long]], header_rows=1)])
    xml = _part(docx_writer().to_bytes(doc), "word/document.xml")
    cell = xml[xml.index("第一季度"):]
    assert '<w:jc w:val="both"/>' in cell.split("</w:tc>")[1]  # the prose cell
    assert '<w:jc w:val="both"/>' not in xml[:xml.index("第一季度")].rsplit("<w:tc>", 1)[1]  # not 第一季度


def test_the_skeleton_kept_in_the_cache_gives_the_same_bytes_and_a_damaged_one_is_rebuilt(tmp_path, monkeypatch):
    """The fixed parts are cached as a plain zip (no python-docx, no deflate at the next start); what
    comes out of the cache is byte for byte what python-docx builds, and a damaged file is rebuilt."""
    from generator.writers import package as pkg
    from generator.writers.layout import load as load_layout

    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(tmp_path))
    lay = load_layout()
    built = pkg._build_skeleton(lay)
    body, core = "<w:p><w:r><w:t>正文</w:t></w:r></w:p>", pkg.core_xml("标题", "中共甲镇委员会", None)
    want = pkg.package(built, body, core)
    pkg.skeleton.cache_clear()
    try:
        first = pkg.skeleton(lay)  # built and written
        cached = list(tmp_path.glob("docx-skeleton-*.zip"))
        assert len(cached) == 1
        pkg.skeleton.cache_clear()
        again = pkg.skeleton(lay)  # read back
        assert again is not first and pkg.package(again, body, core) == want
        cached[0].write_bytes(cached[0].read_bytes()[:-40] + b"\0" * 40)  # damaged
        pkg.skeleton.cache_clear()
        assert pkg.package(pkg.skeleton(lay), body, core) == want
    finally:
        pkg.skeleton.cache_clear()
