"""Heading numbers of 公文 (GB/T 9704—2012 7.3.3): 一、 （一） 1. （1）, and Chinese numerals."""
from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (headings never go past 99)."""
    if not 0 < n < 100:
        raise ValueError(f"标题序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def cn_to_int(text: str) -> int | None:
    """Inverse of cn_number for 一..九十九; None when the text is not such a numeral."""
    if not text or any(c not in _DIGITS + "十" for c in text) or "零" in text:
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    head, _, tail = text.partition("十")
    if len(head) > 1 or len(tail) > 1 or "十" in tail:
        return None
    tens = 1 if head == "" else _DIGITS.index(head)
    if head == "一":
        return None  # 一十 is not written in headings
    return tens * 10 + (_DIGITS.index(tail) if tail else 0)


def heading_number(level: int, n: int) -> str:
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"标题层级只有 1—4 级：{level}")


_CN = "[一二三四五六七八九十]{1,3}"
# Patterns that recognise the number at the start of a paragraph, including the wrong forms
# writers use (1、 (1) half-width); the canonical form is what heading_number() produces.
NUMBER_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(?P<num>{_CN})(?P<sep>[、，,．.])")),
    (2, re.compile(rf"^(?P<open>[（(])(?P<num>{_CN})(?P<close>[）)])")),
    (3, re.compile(r"^(?P<num>\d{1,2})(?P<sep>[.．、](?!\d))")),
    (4, re.compile(r"^(?P<open>[（(])(?P<num>\d{1,2})(?P<close>[）)])")),
)


def split_number(text: str) -> tuple[int, str, int, str] | None:
    """'（二）加强教育' -> (2, '（二）', 2, '加强教育'); None when the text carries no heading number."""
    for level, pattern in NUMBER_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group("num")
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        if value is None or value == 0:
            continue
        return level, m.group(0), value, text[m.end():].lstrip()
    return None
