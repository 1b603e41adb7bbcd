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
    # every font a run or a style asks for
    asked = "".join(re.findall(r"<w:rFonts [^>]*>", "".join(xml.values())))
    every_font = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', asked))
    assert every_font <= set(table), every_font - set(table)
    assert 'w:eastAsia="ja-JP"' not in xml["word/settings.xml"] and 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]


def test_a_generated_docx_carries_only_parts_and_styles_it_uses(tmp_path):
    """python-docx's template brought ~150 styles with their latent entries, Word 2010's second copy
    of them (stylesWithEffects), a bibliography store (customXml) and bullet lists nobody used:
    0.8 MB unpacked, 36 KB a 批复. What is left is consistent: every part the package lists is there
    and every part there is listed and related; every style a paragraph or style names exists."""
    import io
    import re
    import zipfile

    from conftest import EXAMPLE

    from generator.data.profile import load_profile
    from generator.plans.generate import generate_notice
    from generator.writers.outputs import docx_writer

    data = docx_writer().to_bytes(generate_notice(load_profile(EXAMPLE)).document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    assert not {"word/stylesWithEffects.xml", "word/numbering.xml"} & set(xml)
    assert not any(n.startswith("customXml/") for n in xml)
    overrides = set(re.findall(r'PartName="/([^"]+)"', xml["[Content_Types].xml"]))
    assert overrides == set(xml) - {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"}
    related = set(re.findall(r'Target="([^"]+)"', xml["_rels/.rels"]))
    related |= {"word/" + t for t in re.findall(r'Target="([^"]+)"', xml["word/_rels/document.xml.rels"])}
    assert related == overrides - {"word/document.xml"} | {"word/document.xml"}
    styles = xml["word/styles.xml"]
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    named = set(re.findall(r'<w:(?:pStyle|rStyle|basedOn|next|link) w:val="([^"]+)"', "".join(xml.values())))
    assert named <= defined, named - defined
    assert "<w:latentStyles" not in styles and len(defined) < 30
    assert len(data) < 15_000
