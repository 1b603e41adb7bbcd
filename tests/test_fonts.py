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
