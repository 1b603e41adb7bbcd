"""Breaking a long 公文 title into balanced lines (GB/T 9704—2012 7.3.1: 回行时要做到词意完整，
排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形)."""
from __future__ import annotations

import re

_NO_BREAK_BEFORE = set("》）」』、，。；：？！”’")
_NO_BREAK_AFTER = set("《（「『“‘")
# Places a title reads well broken at: after the issuing body, before 关于, around 《》.
_GOOD_AFTER = re.compile(r"(委员会|党委|党工委|党组|县委|市委|区委|支部|总支|组织部|办公室|》)$")
_GOOD_BEFORE = re.compile(r"^(关于|《|的通知|的批复|的请示|的意见|的决定)")


def width(text: str) -> float:
    """Width in ems: CJK and full-width = 1, ASCII = 0.5."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—…" else 1.0 for c in text)


def set_width(text: str) -> float:
    """Width as Word and WPS set it: a run of Latin letters or digits between Chinese characters
    gets a quarter em of space on each side (autoSpaceDE/DN)."""
    runs = len(re.findall(r"[A-Za-z0-9.%]+", text))
    return width(text) + 0.5 * runs


def _can_break(text: str, i: int) -> bool:
    a, b = text[i - 1], text[i]
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return False
    if a.isascii() and a.isalnum():  # 2025|年度, 3|名: a number stays with what it counts
        return False
    return True


def split_title(title: str, max_width: float) -> list[str]:
    """Lines of at most max_width ems, as balanced as possible, preferring natural break points."""
    if set_width(title) <= max_width:
        return [title]
    best: tuple[float, int] | None = None
    for i in range(1, len(title)):
        if not _can_break(title, i):
            continue
        first, rest = title[:i], title[i:]
        if set_width(first) > max_width:
            break
        if set_width(rest) > max_width * 2:
            continue
        score = abs(width(first) - min(width(rest), max_width))
        if _GOOD_AFTER.search(first) or _GOOD_BEFORE.search(rest):
            score -= 3
        # a trapezoid (first line not shorter than the second) reads better
        if width(first) < width(rest):
            score += 0.5
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:  # nothing sensible: hard wrap
        cut = int(max_width)
        return [title[:cut], *split_title(title[cut:], max_width)]
    i = best[1]
    return [title[:i], *split_title(title[i:], max_width)]
