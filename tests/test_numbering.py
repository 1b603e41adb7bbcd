from hypothesis import given
from hypothesis import strategies as st

from generator.core.numbering import cn_number, cn_to_int, heading_number, split_number


def test_cn_numbers():
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == ["一", "九", "十", "十一", "二十", "二十一", "九十九"]


@given(st.integers(1, 99))
def test_cn_roundtrip(n):
    assert cn_to_int(cn_number(n)) == n


def test_cn_to_int_rejects_non_numerals():
    for bad in ("", "零", "一十", "十十", "二二", "甲", "一百"):
        assert cn_to_int(bad) is None


def test_heading_numbers_per_level():
    assert [heading_number(lvl, 2) for lvl in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]


def test_split_number_recognises_levels_and_wrong_forms():
    assert split_number("三、工作要求") == (3 - 2, "三、", 3, "工作要求")
    assert split_number("（十二）加强领导")[:3] == (2, "（十二）", 12)
    assert split_number("3.严格程序")[:3] == (3, "3.", 3)
    assert split_number("1、严格程序")[:3] == (3, "1、", 1)  # wrong form still recognised
    assert split_number("（4）材料")[:3] == (4, "（4）", 4)
    assert split_number("2025年计划") is None
    assert split_number("3.5%的比例") is None
    assert split_number("一是加强") is None
