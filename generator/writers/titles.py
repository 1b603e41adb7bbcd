"""Breaking a long 公文 title into balanced lines (GB/T 9704—2012 7.3.1: 回行时要做到词意完整，
排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形)."""
from __future__ import annotations

import bisect
import re

_NO_BREAK_BEFORE = set("》）」』、，。；：？！”’等")
_NO_BREAK_AFTER = set("《（「『“‘")
# Places where a title reads well broken: after the issuing body or 同志, around 关于 and 《》,
# before the matter (为中国共产党…, 按期转为…, 发展党员…) or the 文种 (的通知, 的批复).
_GOOD_AFTER = ("委员会", "党委", "党工委", "党组", "县委", "市委", "区委", "支部", "总支", "组织部", "办公室", "》", "关于",
               "同意", "印发", "同志", "年度", "、")
_GOOD_BEFORE = ("关于", "《", "为中国共产党", "中国共产党", "按期", "转为", "延长", "取消", "的通知", "的批复", "的请示",
                "的意见", "的决定", "发展党员")
_GOOD, _UNKNOWN = 0.0, 6.0  # a break at an unknown place may cut a word (a name): worth 6 ems of imbalance

def width(text: str) -> float:
    """Width in ems: CJK and full-width = 1, ASCII = 0.5."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—…" else 1.0 for c in text)


def set_width(text: str) -> float:
    """Width as Word and WPS set it: a run of Latin letters or digits between Chinese characters
    gets a quarter em of space on each side (autoSpaceDE/DN)."""
    runs = len(re.findall(r"[A-Za-z0-9.%]+", text))
    return width(text) + 0.5 * runs


def segment_widths(text: str):
    """seg(a, b) == set_width(text[a:b]) in constant time, from prefix sums: the widths, and where
    each run of Latin letters or digits starts (a run cut by `a` still counts once)."""
    latin = [c.isascii() and (c.isalnum() or c in ".%") for c in text]  # [A-Za-z0-9.%], without a regex per character
    w, starts = [0.0], [0]
    for i, c in enumerate(text):
        w.append(w[-1] + (0.5 if ord(c) < 0x2E80 and c not in "—…" else 1.0))
        starts.append(starts[-1] + (1 if latin[i] and (i == 0 or not latin[i - 1]) else 0))

    def seg(a: int, b: int) -> float:
        if b <= a:
            return 0.0
        runs = (1 if latin[a] else 0) + starts[b] - starts[a + 1]
        return w[b] - w[a] + 0.5 * runs
    return seg


_INSIDE_NAME = 12.0  # a break inside 《…》 splits the name of a document: only when nothing else fits


def _inside_name(text: str, i: int) -> bool:
    """Whether text[i] is inside a 书名号 pair (《2025年度|发展党员工作计划》)."""
    return text.rfind("《", 0, i) > text.rfind("》", 0, i) and text.find("》", i) >= 0


def _break_cost(text: str, i: int) -> float | None:
    """Cost of starting a new line at text[i]; None where a break is not allowed."""
    a, b = text[i - 1], text[i]
    if b in _NO_BREAK_BEFORE or a in _NO_BREAK_AFTER:
        return None
    base = _base_cost(text, i, a, b)
    if base is not None and _inside_name(text, i):
        return base + _INSIDE_NAME
    return base


def _base_cost(text: str, i: int, a: str, b: str) -> float | None:
    if a.isascii() and a.isalnum():  # 2025|年度, 3|名: a number stays with what it counts
        return None
    if a == "等" and b.isdigit():  # 张三等|3名同志
        return None
    # startswith/endswith at i: no slice of the title per candidate break
    if text.startswith(_GOOD_BEFORE, i):
        return _GOOD
    if text.endswith(_GOOD_AFTER, 0, i) and b not in "部委员会":  # not 党总支|部委员会
        return _GOOD
    return _UNKNOWN


def _score(title: str, cuts: tuple[int, ...], max_width: float, seg=None, cost=None) -> float | None:
    """`seg(a, b)` and `cost(i)`: the widths and break costs, memoised by the caller (a batch of
    批复 splits hundreds of titles, each trying hundreds of cut pairs)."""
    seg = seg or (lambda a, b: set_width(title[a:b]))
    cost = cost or (lambda i: _break_cost(title, i))
    bounds = (0, *cuts, len(title))
    widths = [seg(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    if max(widths) > max_width:
        return None
    mean = sum(widths) / len(widths)
    score = sum(cost(c) for c in cuts) + 0.5 * sum(abs(w - mean) for w in widths)
    # a trapezoid or diamond, not a funnel: a first line shorter than the last costs a little
    if widths[0] < widths[-1]:
        score += 0.5
    return score


def split_title(title: str, max_width: float) -> list[str]:
    """The fewest lines of at most max_width ems; among those, the most even lines broken at the
    most natural places. Titles are short, so every choice of one or two breaks is tried; a title
    longer than three lines is hard-wrapped line by line until the rest fits (linear, so that a
    100,000-character name in a profile costs nothing)."""
    head: list[str] = []
    cut = max(int(max_width), 1)
    start = 0
    # no character is set wider than an em (a digit's half em of spacing included): a title of at
    # most three lines' characters needs no measuring here
    width = set_width(title) if len(title) > 3 * max_width else 0.0
    while width > 3 * max_width:  # cannot fit in three lines: no break to choose
        head.append(title[start:start + cut])
        width -= set_width(head[-1])
        start += cut
    title = title[start:]
    seg = segment_widths(title)
    n = len(title)
    if seg(0, n) <= max_width:
        return [*head, title]
    costs: dict[int, float | None] = {}

    def cost(i: int) -> float | None:
        if i not in costs:
            costs[i] = _break_cost(title, i)
        return costs[i]

    def pool(positions, natural: bool) -> list[int]:
        return [i for i in positions if cost(i) is not None and (costs[i] == _GOOD or not natural)]

    # a break for two lines must leave both halves within the line: only those places are judged.
    # The first half only widens and the second only narrows as the break moves right, so they are
    # the places between two bisections
    last = bisect.bisect_right(range(n), max_width, key=lambda i: seg(0, i)) - 1
    first = bisect.bisect_left(range(n), True, key=lambda i: seg(i, n) <= max_width)
    halves = range(max(first, 1), min(last, n - 1) + 1)
    # two lines at natural breaks; else three; only then a break that may cut a word
    for natural, lines in ((True, 2), (True, 3), (False, 2), (False, 3)):
        places = pool(halves if lines == 2 else range(1, n), natural)
        candidates = [(i,) for i in places] if lines == 2 else [(i, j) for i in places for j in places if j > i]
        scored = [(s, c) for c in candidates if (s := _score(title, c, max_width, seg, cost)) is not None]
        if scored:
            cuts = min(scored)[1]
            bounds = (0, *cuts, len(title))
            return [*head, *(title[bounds[k]:bounds[k + 1]] for k in range(len(bounds) - 1))]
    # no allowed break fits (three lines of unbreakable text): hard wrap
    return [*head, title[:cut], *split_title(title[cut:], max_width)]
