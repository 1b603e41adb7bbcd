"""Telling the writer which licensed 公文 fonts this computer lacks."""
from __future__ import annotations

from generator.writers.fonts import font_note, missing_fonts

ALL = frozenset({"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "Arial"})


def test_nothing_to_say_when_every_font_is_installed():
    assert missing_fonts(ALL) == []
    assert font_note(ALL) is None


def test_missing_fonts_are_named_with_their_substitutes():
    have = ALL - {"仿宋_GB2312", "方正小标宋简体"}
    assert missing_fonts(have) == [("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "华文中宋")]
    note = font_note(have)
    assert "仿宋_GB2312（Word 中以仿宋代替）" in note and "方正小标宋简体（Word 中以华文中宋代替）" in note
    assert "黑体" not in note


def test_silent_when_the_system_cannot_tell(monkeypatch):
    assert missing_fonts(frozenset()) == []
    monkeypatch.setenv("GONGWEN_NO_FONT_CHECK", "1")
    assert font_note(ALL - {"黑体"}) is None


def test_a_generated_docx_names_no_font_but_ours():
    """Issue #14, item 6: python-docx's template carries a theme (Cambria, Calibri, ＭＳ 明朝, ＭＳ ゴシック …)
    that its heading styles use and its font table lists, and sets Japanese as the East Asian theme
    language; WPS and Word name such fonts as the document's and ask for the missing ones. Our files
    name only the 公文 fonts (each with its substitute)."""
    import io
    import re
    import zipfile

    from conftest import EXAMPLE

    from generator.data.profile import load_profile
    from generator.plans.generate import generate_notice
    from generator.writers.layout import load as load_layout
    from generator.writers.outputs import docx_writer

    data = docx_writer().to_bytes(generate_notice(load_profile(EXAMPLE)).document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        xml = {n: z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels"))}
    assert not any("theme" in n for n in names)
    assert not any("theme" in v for k, v in xml.items() if k.endswith(".rels") or k == "[Content_Types].xml")
    for name, text in xml.items():
        assert not re.search(r'w:\w+Theme="|w:cstheme="', text), name
    table = re.findall(r'<w:font w:name="([^"]+)"', xml["word/fontTable.xml"])
    assert sorted(table) == sorted(set(load_layout().fonts.values()))
    # every font a run or a style asks for (numbering.xml keeps the template's bullet lists, unused, whose
    # glyphs are in Symbol and Courier — fonts of every Windows PC)
    asked = "".join(re.findall(r"<w:rFonts [^>]*>", "".join(v for k, v in xml.items() if k != "word/numbering.xml")))
    every_font = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', asked))
    assert every_font <= set(table), every_font - set(table)
    assert 'w:eastAsia="ja-JP"' not in xml["word/settings.xml"] and 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]
