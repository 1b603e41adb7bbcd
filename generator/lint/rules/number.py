"""number: parts that do not add up to the stated total, percentages and completion rates that do
not match their counts, ratios claimed but not met, name lists and their count, ranges written
without the first %.

Careful by design: only sums that must hold are checked — partitions (35岁及以下 / 36岁及以上,
男 / 女, 汉族 / 少数民族) after 其中, an explicit 合计/共计 after a list, a list after 分别为.
"发展党员15名，其中女性6名、35岁及以下9名" names overlapping categories and is left alone."""
from __future__ import annotations

import bisect
import re
from fractions import Fraction
from functools import lru_cache
from typing import Iterator

from generator.core.figures import pct
from generator.core.numbering import cn_to_int
from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import lint_data

_NUM = r"\d+(?:\.\d+)?"
_LONGEST = 1000  # a "sentence" longer than this is cut: figures of one statement are close together


def _sentences(ctx: Context, needle: str) -> Iterator[tuple[int, int, str]]:
    """Sentences (split at 。！？ and line ends only: a list may run on after ；) holding needle."""
    text = ctx.text
    i = text.find(needle)
    last = -1
    while i != -1:
        if i >= last:
            floor, ceiling = max(0, i - _LONGEST), min(len(text), i + _LONGEST)
            s = max(max(text.rfind(c, floor, i) for c in "。！？\n") + 1, floor)
            ends = [p for p in (text.find(c, i, ceiling) for c in "。！？\n") if p != -1]
            e = min(ends) if ends else ceiling
            yield s, e, text[s:e]
            last = e
        i = text.find(needle, max(i + 1, last))


@lru_cache(maxsize=1)
def _partitions() -> list[tuple[str, list[re.Pattern[str]]]]:
    data = lint_data("numbers")
    units = "|".join(data.get("units", ["名", "人"]))
    out = []
    for p in data.get("partitions", []):
        out.append((p["name"], [re.compile(rf"(?:{part})(?:为|有)?(?P<n>\d+)(?:{units})") for part in p["parts"]]))
    return out


@lru_cache(maxsize=1)
def _exclusive() -> list[tuple[str, list[re.Pattern[str]]]]:
    return [(g["name"], [re.compile(p) for p in g["parts"]]) for g in lint_data("numbers").get("exclusive", [])]


def _count_unit() -> str:
    return "|".join(lint_data("numbers").get("units", ["名", "人"]))


@lru_cache(maxsize=1)
def _total_before() -> re.Pattern[str]:
    return re.compile(rf"(?P<t>\d+)(?:{_count_unit()})[^\d，,；。]{{0,6}}[，,]?\s*其中[:：]?")


def _scopes(sent: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """(total, start, end) for every "N名，其中" of a sentence: what follows it, up to the next
    one ("发展对象10名，其中男性6名、女性4名；转正8名，其中男性5名、女性3名" holds two)."""
    found = list(pattern.finditer(sent))
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(sent)
        yield int(m.group("t")), m.end(), end


@rule("number/sum", "error", "实务（分项之和应等于总数）", "分项人数加起来与总数不符")
def sum_check(ctx: Context) -> Iterator[Finding]:
    if ctx.options.get("sum_check") is False:
        return
    units = _count_unit()
    total_before = _total_before()
    for s, e, sent in _sentences(ctx, "其中"):
        for total, rest_start, rest_end in _scopes(sent, total_before):
            rest = sent[rest_start:rest_end]
            for name, parts in _partitions():
                hits = [list(p.finditer(rest)) for p in parts]
                if not all(len(h) == 1 for h in hits):
                    continue
                values = [int(h[0].group("n")) for h in hits]
                if sum(values) != total:
                    a = s + rest_start + min(h[0].start() for h in hits)
                    b = s + rest_start + max(h[0].end() for h in hits)
                    shown = "+".join(map(str, values))
                    yield ctx.at(a, b, f"按{name}分的各项人数之和（{shown}={sum(values)}）与总数{total}不符")
    # exclusive but maybe not exhaustive (农村、机关事业单位、两新组织): the parts cannot add up to more
    items_rx = re.compile(rf"(?P<label>[^\d，,；;。、]{{1,14}}?)(?:为|有)?(?P<n>\d+)(?:{units})")
    for s, e, sent in _sentences(ctx, "其中"):
        for total, rest_start, rest_end in _scopes(sent, total_before):
            rest = sent[rest_start:rest_end]
            cut = re.search(r"[；;。]", rest)
            items = list(items_rx.finditer(rest[:cut.start()] if cut else rest))
            if len(items) < 2:
                continue
            for name, parts in _exclusive():
                which = [next((i for i, p in enumerate(parts) if p.search(m.group("label"))), None) for m in items]
                if None in which or len(set(which)) != len(which):
                    continue
                values = [int(m.group("n")) for m in items]
                if sum(values) > total:
                    a, b = s + rest_start + items[0].start("n"), s + rest_start + items[-1].end()
                    yield ctx.at(a, b, f"按{name}分的各项人数之和（{'+'.join(map(str, values))}={sum(values)}）超过总数{total}")
                break
    # an explicit total after a list: "A3名、B4名，共计8名"
    after = re.compile(rf"(?P<list>(?:[^\d，,；。、]{{0,12}}\d+(?:{units})、)+[^\d，,；。、]{{0,12}}\d+(?:{units}))[，,]?\s*(?:合计|共计|总计|共)(?P<t>\d+)(?:{units})")
    sentences = list(_sentences(ctx, "计")) + [x for x in _sentences(ctx, "共") if "计" not in x[2]]
    for s, e, sent in sentences:
        for m in after.finditer(sent):
            if "其中" in sent[:m.end("list")]:
                continue  # items after 其中 may overlap; only a plain list must add up
            values = [int(v) for v in re.findall(rf"(\d+)(?:{units})", m.group("list"))]
            if sum(values) != int(m.group("t")):
                yield ctx.at(s + m.start(), s + m.end(),
                             f"所列各项（{'+'.join(map(str, values))}={sum(values)}）与合计{m.group('t')}不符")
    # a list after 分别为 that splits a total: "共接收8名，分别为A支部3名、B支部5名"
    split = re.compile(rf"共(?:计|有)?[^\d，,；。]{{0,10}}(?P<t>\d+)(?:{units})[，,]\s*分别(?:为|是)[:：]?(?P<list>(?:[^\d，,；。、]{{0,12}}\d+(?:{units})[、，,])+[^\d，,；。、]{{0,12}}\d+(?:{units}))")
    for s, e, sent in _sentences(ctx, "分别"):
        for m in split.finditer(sent):
            values = [int(v) for v in re.findall(rf"(\d+)(?:{units})", m.group("list"))]
            if sum(values) != int(m.group("t")):
                yield ctx.at(s + m.start("list"), s + m.end("list"),
                             f"分别列出的人数（{'+'.join(map(str, values))}={sum(values)}）与总数{m.group('t')}不符")


def _tolerance(ctx: Context, written: str) -> float:
    base = float(ctx.options.get("percent_tolerance", 0.5))
    if "." in written:
        decimals = len(written.split(".")[1])
        # 93.3% is checked to the tenth it states: one unit of its last place (a writer may cut
        # 9.46% to 9.4% instead of rounding), not the half point an integer percentage gets
        return min(base, 10 ** -decimals + 1e-9)
    return base


@rule("number/percent", "error", "实务（百分比应与人数相符）", "百分比与人数、完成率与计划数不符")
def percent(ctx: Context) -> Iterator[Finding]:
    if "%" not in ctx.text and "％" not in ctx.text:
        return
    units = _count_unit()
    share = re.compile(rf"(?P<n>\d+)(?:{units})[，,]?\s*[（(]?占{_OF}(?:比|比例|比重)?(?:为|达|达到|约|是)?(?P<p>{_NUM})[%％]")
    for s, e, sent in _sentences(ctx, "占"):
        for total, a, b in _scopes(sent, _total_before()):
            if total == 0:
                continue
            for sm in share.finditer(sent, a, b):
                yield from _share(ctx, s, sm, total)
        # no 其中: "发展党员12名，35岁及以下的9名，占75%；女性6名，占50%" — only shares of the
        # statistics categories (numbers.yaml) that follow the total one after another
        for m in _new_members().finditer(sent):
            total, pos = int(m.group("t")), m.end()
            while total and (sm := _category_share().match(sent, pos)):
                yield from _share(ctx, s, sm, total)
                pos = sm.end()
        # the total in the sentence before: "上半年共发展党员12名。其中女性5名，占50%。"
        lead = sent.lstrip()
        if _REFERS_BACK.match(lead) and not _total_before().search(sent):
            total = _previous_total(ctx, s)
            if total:
                others = tuple(int(c) for c in re.findall(rf"(\d+)(?:{units})", _paragraph_before(ctx, s, 1)))
                for sm in share.finditer(sent):
                    yield from _share(ctx, s, sm, total, others)
    for s, e, sent in _sentences(ctx, "占"):
        for m in _OVER_ALL.finditer(sent):
            yield ctx.at(s + m.start(), s + m.end(), f"“{m.group(0)}”：部分占整体的比例不会超过100%"
                         "（要求全部达到的，写“均应”“全部”）")
    plan = re.compile(rf"计划(?:发展|接收)?(?:党员|预备党员|新党员)?(?P<a>\d+)(?:{units})")
    done = re.compile(rf"(?:实际|已|共|全年)(?:发展|完成|接收)(?:了)?(?:党员|预备党员|新党员)?(?P<b>\d+)(?:{units})")
    rate = re.compile(rf"完成率(?:为|达|达到|是)?(?P<p>{_NUM})[%％]|完成(?:年度|全年)?计划(?:数)?的(?P<q>{_NUM})[%％]")
    for s, e, sent in _sentences(ctx, "完成"):
        r = rate.search(sent)
        a, b = plan.search(sent), done.search(sent)
        if r and not (a and b):  # the plan or the result in the sentence(s) before, same paragraph
            before = _paragraph_before(ctx, s, 2)
            a = a or _last(plan, before)
            b = b or _last(done, before)
        if not (r and a and b) or int(a.group("a")) == 0:
            continue
        written = r.group("p") or r.group("q")
        actual = 100 * int(b.group("b")) / int(a.group("a"))
        if abs(actual - float(written)) > _tolerance(ctx, written):
            g = "p" if r.group("p") else "q"
            yield ctx.at(s + r.start(g), s + r.end(), f"完成率应为{b.group('b')}/{a.group('a')}={pct(actual)}，与所写的{written}%不符",
                         suggestion=pct(actual))


# "占100%以上", "占120%": a part of a whole (a completion rate may pass 100%, a share may not)
_OVER_ALL = re.compile(r"(?<!完成)(?<!完成率)占(?:比)?(?:要|应|均|都)?(?:为|达|达到|在)?(?:(?:10[1-9]|1[1-9]\d|[2-9]\d\d)(?:\.\d+)?[%％]|100(?:\.0+)?[%％]以上)")


def _paragraph_before(ctx: Context, start: int, sentences: int) -> str:
    """Up to `sentences` sentences before offset `start`, within its paragraph."""
    unit = ctx.unit_at(start)
    text = ctx.text[unit.start:start]
    cuts = [m.end() for m in re.finditer(r"[。！？]", text)]
    begin = cuts[-sentences - 1] if len(cuts) > sentences else 0
    return text[begin:]


def _last(pattern: re.Pattern[str], text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):
        pass
    return found


# a sentence whose shares are of a total the sentence before gave
_REFERS_BACK = re.compile(r"(?:其中|在?新发展(?:的)?(?:党员|预备党员)中|这些(?:新)?党员中)")
# "占全部新党员的80%", "占应到会有表决权党员的80%": what the share is of, named before the number
_OF = r"(?P<of>[^\d，,。；;%％]{0,12}?的)?"
# a share "of" something named, checkable against the new members' total only when it names them
_OF_NEW = ("新党员", "新发展", "发展的党员", "发展党员", "预备党员")


def _previous_total(ctx: Context, start: int) -> int | None:
    """The count the previous sentence gives for the new members ("全年实际发展16名。"), or the
    only count it gives: what "其中" / "新发展党员中" can refer to. None when that is not clear."""
    before = _paragraph_before(ctx, start, 1)
    developed = re.findall(rf"(?:发展|接收)(?:了)?(?:新)?(?:党员|预备党员)?(\d+)(?:{_count_unit()})", before)
    if developed:
        return int(developed[-1]) or None
    counts = re.findall(rf"(\d+)(?:{_count_unit()})", before)
    return int(counts[0]) if len(counts) == 1 and int(counts[0]) > 0 else None


_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_WORDS = (r"超过一半|过半|一半以上|不足一半|不到一半|(?:超过|不足|不到)?[一二三四五六七八九]成(?:以上)?"
          r"|[二三四五六七八九十]分之[一二三四五六七八九](?:强|弱|以上)?")


def _word_share(word: str) -> tuple[str, float] | None:
    """超过一半 -> (">", 50); 不足一成 -> ("<", 10); 三分之一强 -> (">", 33.3); 八成 -> ("~", 80)."""
    if "半" in word:
        return ("<" if word.startswith(("不足", "不到")) else ">"), 50.0
    m = re.search(r"([一二三四五六七八九])成", word)
    if m:
        value = _CN_NUM[m.group(1)] * 10.0
    else:
        m = re.search(r"([二三四五六七八九十])分之([一二三四五六七八九])", word)
        value = 100.0 * _CN_NUM[m.group(2)] / _CN_NUM[m.group(1)]
    if word.startswith(("超过",)) or word.endswith(("以上", "强")):
        return ">", value
    if word.startswith(("不足", "不到")) or word.endswith("弱"):
        return "<", value
    return "~", value


@rule("number/share-words", "error", "实务（“过半”“八成”等说法应与人数相符）", "用“过半”“几成”“几分之几”说的比例与人数不符")
def share_words(ctx: Context) -> Iterator[Finding]:
    units = _count_unit()
    claim = re.compile(rf"(?P<n>\d+)(?:{units})[，,]?\s*[（(]?(?:占{_OF}(?:比|比例|比重)?(?:为|达|达到)?)(?P<w>{_WORDS})")
    for s, e, sent in _sentences(ctx, "占"):
        totals = [(t, a, b) for t, a, b in _scopes(sent, _total_before())]
        if not totals and _REFERS_BACK.match(sent.lstrip()):
            total = _previous_total(ctx, s)
            totals = [(total, 0, len(sent))] if total else []
        for total, a, b in totals:
            for m in claim.finditer(sent, a, b):
                op, value = _word_share(m.group("w"))
                actual = 100 * int(m.group("n")) / total
                wrong = (op == ">" and actual <= value) or (op == "<" and actual >= value) or \
                        (op == "~" and abs(actual - value) > 5)
                if wrong:
                    yield ctx.at(s + m.start("w"), s + m.end("w"),
                                 f"{m.group('n')}/{total}={pct(actual)}，与“{m.group('w')}”不符")


@rule("number/attendance", "error", "实务（到会率=实到人数/应到人数）", "到会率与应到、实到人数不符")
def attendance(ctx: Context) -> Iterator[Finding]:
    if "到会率" not in ctx.text:
        return
    units = _count_unit()
    due = re.compile(rf"应到(?:会)?[^\d，,。；]{{0,14}}?(?P<a>\d+)(?:{units})")
    came = re.compile(rf"实到(?:会)?[^\d，,。；]{{0,14}}?(?P<b>\d+)(?:{units})")
    rate = re.compile(rf"到会率(?:为|达|达到|是)?(?P<p>{_NUM})[%％]")
    for s, e, sent in _sentences(ctx, "到会率"):
        r = rate.search(sent)
        if not r:
            continue
        window = _paragraph_before(ctx, s, 1) + sent[:r.start()]
        a, b = _last(due, window), _last(came, window)
        if not (a and b) or int(a.group("a")) == 0:
            continue
        actual = 100 * int(b.group("b")) / int(a.group("a"))
        if abs(actual - float(r.group("p"))) > _tolerance(ctx, r.group("p")):
            yield ctx.at(s + r.start("p"), s + r.end(), f"到会率应为{b.group('b')}/{a.group('a')}={pct(actual)}，"
                         f"与所写的{r.group('p')}%不符", suggestion=pct(actual))


def _share(ctx: Context, s: int, sm: re.Match, total: int, others: tuple[int, ...] = ()) -> Iterator[Finding]:
    """`others`: other totals the share may be of (the sentence before gave several): wrong only
    when it fits none."""
    of = sm.groupdict().get("of")
    if of and not any(w in of for w in _OF_NEW):
        return  # 占全镇女党员总数的2%: of a total this text does not give
    n, p = int(sm.group("n")), float(sm.group("p"))
    if any(t and abs(100 * n / t - p) <= _tolerance(ctx, sm.group("p")) for t in others):
        return
    actual = 100 * n / total
    if abs(actual - p) > _tolerance(ctx, sm.group("p")):
        yield ctx.at(s + sm.start("p"), s + sm.end(), f"{n}/{total}={pct(actual)}，与所写的{sm.group('p')}%不符",
                     suggestion=pct(actual))


@lru_cache(maxsize=1)
def _new_members() -> re.Pattern[str]:
    """A total of new members followed by a comma: "全年共发展党员12名，"."""
    return re.compile(rf"(?:发展|接收)(?:了)?(?:新)?(?:党员|预备党员)(?P<t>\d+)(?:{_count_unit()})[，,；]")


@lru_cache(maxsize=1)
def _category_share() -> re.Pattern[str]:
    """One statistics category and its share, right where the previous one ended."""
    cats = "|".join(f"(?:{c})" for c in lint_data("numbers").get("categories", []))
    return re.compile(rf"[，,；、]?\s*(?:{cats})(?:的)?(?P<n>\d+)(?:{_count_unit()})[，,]?\s*[（(]?占(?:比)?(?:为)?(?P<p>{_NUM})[%％][）)]?")


_RATIO = re.compile(rf"(?P<how>比例|比)(?:为|是|达到|达|保持在|不低于)?(?P<r>{_NUM}(?:[∶:：]{_NUM}){{1,3}})")


@rule("number/ratio", "error", "实务（所写比例应与人数相符）", "所写的比例与分别列出的人数不符")
def ratio(ctx: Context) -> Iterator[Finding]:
    units = _count_unit()
    listed = re.compile(rf"分别(?:为|是|有)(?P<list>\d+(?:{units})?(?:、\d+(?:{units})?)+)")
    for s, e, sent in _sentences(ctx, "比"):
        lm = listed.search(sent)
        if not lm:
            continue
        for rm in _RATIO.finditer(sent, lm.end()):
            counts = [int(v) for v in re.findall(r"\d+", lm.group("list"))]
            claimed = [Fraction(v) for v in re.split(r"[∶:：]", rm.group("r"))]
            if len(counts) != len(claimed) or counts[-1] == 0 or claimed[-1] == 0:
                continue
            at_least = "不低于" in sent[rm.start():rm.start("r")] or "达到" in sent[rm.start():rm.start("r")]
            decimals = "." in rm.group("r")
            tol = 0.05 if decimals else 0.5
            bad = False
            for c, x in zip(counts, claimed):
                have = Fraction(c, counts[-1])
                want = x / claimed[-1]
                if at_least:
                    bad |= have + Fraction(tol) < want
                else:
                    bad |= abs(have - want) > tol
            if bad:
                actual = "∶".join(f"{float(Fraction(c, counts[-1])):.1f}".rstrip("0").rstrip(".") for c in counts)
                yield ctx.at(s + rm.start("r"), s + rm.end("r"),
                             f"按分别列出的人数，实际比例为{actual}，与所写的{rm.group('r')}不符")


# names matched lazily, so that 李四等5名 is 李四 + 等, not a name 李四等
_NAMES = re.compile(r"(?P<names>[\u4e00-\u9fff]{2,4}?(?:、[\u4e00-\u9fff]{2,4}?)+)(?P<deng>等)?(?P<n>\d+)名同志")
# a name begins after the verb of the decision (同意接收张三…), not with it
_VERBS = ("同意接收", "同意", "接收", "批准", "延长", "取消", "关于")
_NAME_START = "(?:" + "|".join(f"(?<={v})" for v in _VERBS) + "|(?<=[，、：；“\n])|^)(?!" + "|".join(_VERBS) + ")"
_ONE = re.compile(rf"{_NAME_START}(?P<name>[\u4e00-\u9fff·]{{2,8}}?)等(?:1|一)名同志")


@rule("number/name-count", "error", "实务（批复中人数与名单一致；一人不写“等1名”）", "名单人数与所写人数不符")
def name_count(ctx: Context) -> Iterator[Finding]:
    if "名同志" not in ctx.text:
        return
    for m in _NAMES.finditer(ctx.text):
        count = len(m.group("names").split("、"))
        n = int(m.group("n"))
        if (m.group("deng") and count > n) or (not m.group("deng") and count != n):
            yield ctx.at(m.start("n"), m.end("n"), f"名单列了{count}人，所写人数为{n}名")
    for m in _ONE.finditer(ctx.text):
        yield ctx.at(m.start(), m.end(), f"只有一人时应写“{m.group('name')}同志”，不写“等1名同志”",
                     suggestion=f"{m.group('name')}同志")
    yield from _title_and_list(ctx)


_TITLE_COUNT = re.compile(rf"{_NAME_START}(?P<first>[\u4e00-\u9fff·]{{2,8}}?)等(?P<n>\d+)名同志")


def _title_and_list(ctx: Context) -> Iterator[Finding]:
    """The title's "周强等3名同志" and the list the body approves ("同意接收周强、吴敏2名同志")
    name the same people: a count that differs was left from another 批复."""
    title = ctx.field_unit("title")
    tm = _TITLE_COUNT.search(title.text) if title else None
    if not tm:
        return
    want = int(tm.group("n"))
    for m in _NAMES.finditer(ctx.text, title.start + len(title.text)):
        names = m.group("names").split("、")
        if m.group("deng") or names[0][-2:] != tm.group("first")[-2:]:
            continue  # "…等N名" quotes the 请示; a list of other people is another matter
        if len(names) != want and len(names) == int(m.group("n")):  # else the list itself is wrong (above)
            names[0] = re.sub("^(?:" + "|".join(_VERBS) + ")+", "", names[0])
            yield ctx.at(m.start("n"), m.end("n"),
                         f"标题写的是“{tm.group(0)}”，正文名单列了{len(names)}人（{'、'.join(names)}）")
        return
    # the decision lists the names without a count: "同意接收王晓峰、刘倩、陈建国同志为……"
    for m in _DECIDED.finditer(ctx.text, title.start + len(title.text)):
        names = m.group("names").split("、")
        if names[0][-2:] == tm.group("first")[-2:] and len(names) != want:
            yield ctx.at(m.start("names"), m.end("names"),
                         f"标题写的是“{tm.group(0)}”，正文同意的名单列了{len(names)}人（{'、'.join(names)}）")
        return


_DECIDED = re.compile(r"(?:同意|批准)(?:接收|吸收|延长|取消)?(?P<names>[\u4e00-\u9fff·]{2,4}?(?:、[\u4e00-\u9fff·]{2,4}?)+)同志")


_RANGE = re.compile(rf"(?<![\d.%％])(?P<a>{_NUM})\s*(?P<sep>[～~\-—－–至到])\s*(?P<b>{_NUM})\s*(?P<pct>[%％])")


@rule("number/range", "warning", "GB/T 15835—2011 4.4（数值范围的两个数都带%）", "百分数范围前一个数缺少%", fixable=True)
def range_(ctx: Context) -> Iterator[Finding]:
    if "%" not in ctx.text and "％" not in ctx.text:
        return
    for m in _RANGE.finditer(ctx.text):
        sep = "～" if m.group("sep") in "~～" else m.group("sep")
        right = f"{m.group('a')}%{sep}{m.group('b')}%"
        yield ctx.at(m.start(), m.end(), f"“{m.group(0)}”应写作“{right}”（两个数都要带%）", suggestion=right, fix=right)


_TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|共\s*计|全年合计|总数)[:：]?$")
_CELL_INT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)\s*(?:名|人|个|户)?$")
_NOT_ADDED = re.compile(r"[%％率比占]|平均|人均|年龄|年份|^(?:年度|序号|时间|日期|编号)$")


def _cell_int(text: str) -> int | None:
    m = _CELL_INT.match(text.strip())
    return int(m.group(1).replace(",", "")) if m else None


@rule("number/table-total", "error", "实务（表格“合计”行应等于上面各行之和）", "表格中“合计”行的数与各行之和不符")
def table_total(ctx: Context) -> Iterator[Finding]:
    from generator.core.model import Table

    for u in ctx.body_units():
        t = u.block
        if not isinstance(t, Table) or len(t.rows) < 3:
            continue
        firsts = [r[0].strip() if r else "" for r in t.rows]
        totals = [i for i, c in enumerate(firsts) if _TOTAL_ROW.match(c)]
        if len(totals) != 1 or any(c.startswith("小计") for c in firsts):
            continue  # no total, or subtotals in between: which rows a total covers is not certain
        k = totals[0]
        body = [i for i in range(t.header_rows, k) if not firsts[i].startswith(("其中", "含"))]
        if len(body) < 2:
            continue
        header = t.rows[0] if t.header_rows else []
        for j in range(1, len(t.rows[k])):
            if j < len(header) and _NOT_ADDED.search(header[j].strip()):
                continue  # rates, shares and averages do not add up
            total = _cell_int(t.rows[k][j])
            values = [_cell_int(t.rows[i][j]) if j < len(t.rows[i]) else None for i in body]
            if total is None or any(v is None for v in values) or sum(values) == total:
                continue
            offset = sum(len("\t".join(r)) + 1 for r in t.rows[:k]) + sum(len(c) + 1 for c in t.rows[k][:j])
            name = f"“{header[j]}”" if j < len(header) and header[j].strip() else f"第{j + 1}"
            yield ctx.at_unit(u, offset, offset + len(t.rows[k][j]),
                              f"表格{name}列的{firsts[k]}为{total}，上面各行之和为{sum(values)}",
                              suggestion=str(sum(values)))


# a measured share: 占46.7% — not a target (占60%以上, 目标为60%), a range or an estimate
_SHARE = re.compile(r"占(?:比)?(?:为)?(?P<p>\d+(?:\.\d+)?)%(?!\s*(?:以上|以下|左右|上下|的目标|目标|[～~—\-至到]))")


@rule("number/precision", "warning", "实务（同一组统计数据小数位数一致）",
      "同一句中列出的几个占比，有的保留一位小数，有的没有（占80%……占46.7%）")
def precision(ctx: Context) -> Iterator[Finding]:
    for s, e, sent in _sentences(ctx, "%"):
        shares = [m for m in _SHARE.finditer(sent) if "目标" not in sent[max(0, m.start() - 6):m.start()]]
        if len(shares) < 2:
            continue
        decimals = {len(m.group("p").partition(".")[2]) for m in shares}
        if len(decimals) < 2:
            continue
        most = max(decimals)
        for m in shares:
            places = len(m.group("p").partition(".")[2])
            if places < most:
                value = float(m.group("p"))
                yield ctx.at(s + m.start("p"), s + m.end(),
                             f"同一句中其他占比保留{most}位小数，这里的{m.group('p')}%也应写作{value:.{most}f}%",
                             suggestion=f"{value:.{most}f}%")


# --- shares of a whole named earlier: the unit's membership, its staff -------------------------
# "集团现有党员735名……。45岁以上党员352名，占比过半": the whole is the membership the paragraph
# (or the text before) states; "教职工党员521名，占教职工总数的48.5%": the staff it states.
_WHOLE = {
    "党员": r"(?:现有|共有|全(?:体|村|镇|乡|校|院|所|区|县|系统|集团|公司|社区|街道|单位|支部)?|合计|总计)\s*(?:正式)?党员(?:总数)?(?:为|达|达到|共)?(?P<t>\d+)名"
            r"|党员(?:总数|总人数)(?:为|达|达到|是)?(?P<t2>\d+)名"
            r"|(?:现有|共有)[^。；;\d]{0,8}\d+名[，,、]\s*党员(?P<t3>\d+)名",
}
_STAFF = r"(?P<noun>教职工|职工|员工|居民|村民|学生|在校生)"
_PART = re.compile(rf"(?P<who>[^\d，,。；;、]{{0,12}}?)(?:仅|有|共|约|达)?(?P<n>\d+)名[，,]\s*(?:约)?(?:占(?:比)?)?(?P<of>(?:全体|全部|现有)?党员(?:总数|总人数)?的|{_STAFF}(?:总数|总人数)的)?"
                   rf"(?:为|达|约|达到)?(?:(?P<p>{_NUM})[%％]|(?P<w>{_WORDS}))(?!以上|以下)")


@lru_cache(maxsize=None)
def _whole_pattern(noun: str) -> re.Pattern[str]:
    if noun == "党员":
        return re.compile(_WHOLE["党员"])
    return re.compile(rf"(?:共有|现有|全\S{{0,3}}?)?{noun}(?:总数|总人数)?(?:为|有|共|共有|达)?(?P<t>\d+)(?:名|人)")


def _wholes(text: str, noun: str) -> tuple[list[int], list[int]]:
    """Every total of `noun` (党员, 教职工 …) the text states: (positions, values), in order — found
    once per document, looked up by position (a 10 MB page must not be searched once per share)."""
    pattern = _whole_pattern(noun)
    at, values = [], []
    for m in pattern.finditer(text):
        g = m.groupdict()
        value = g.get("t") or g.get("t2") or g.get("t3")
        if value:
            at.append(m.end())
            values.append(int(value))
    return at, values


def _whole_before(found: tuple[list[int], list[int]], end: int) -> int | None:
    """The last total stated before `end`."""
    k = bisect.bisect_right(found[0], end) - 1
    return found[1][k] if k >= 0 else None


@rule("number/share-of-whole", "error", "实务（占比应与人数相符）",
      "某类党员占全部党员（或教职工、职工）的比例与前文给出的总数不符")
def share_of_whole(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if "占" not in text:
        return
    wholes: dict[str, tuple[list[int], list[int]]] = {}
    for s, e, sent in _sentences(ctx, "占"):
        if re.search(r"新发展|发展(?:了)?(?:新)?党员|接收|预备党员|计划|规划", sent):
            continue  # shares of the new members: number/percent
        # after 其中 the whole is the total just given: number/percent checks those
        local = [(m.start(), (sent.find("；", m.end()) + 1 or len(sent) + 1) - 1) for m in re.finditer("其中", sent)]
        for m in _PART.finditer(sent):
            if any(a <= m.start("n") < b for a, b in local):
                continue
            if not (m.group("p") and "占" in sent[m.end("n"):m.start("p")]) and not m.group("w"):
                continue  # a bare percentage after a count is not a share
            of, who = m.group("of") or "", m.group("who") or ""
            staff = re.search(_STAFF, of)
            if staff:
                noun = staff.group("noun")
            elif "党员" in who or "党员" in of or sent.lstrip().startswith("现有党员中"):
                noun = "党员"
            else:
                continue
            if noun not in wholes:
                wholes[noun] = _wholes(text, noun)
            total = _whole_before(wholes[noun], s + m.start("n"))
            n = int(m.group("n"))
            if not total or n > total or total == n:
                continue
            actual = 100 * n / total
            if m.group("p"):
                if abs(actual - float(m.group("p"))) > _tolerance(ctx, m.group("p")):
                    yield ctx.at(s + m.start("p"), s + m.end("p") + 1,
                                 f"{n}/{total}={pct(actual)}（{noun}共{total}名），与所写的{m.group('p')}%不符",
                                 suggestion=pct(actual))
            else:
                op, value = _word_share(m.group("w"))
                if (op == ">" and actual <= value) or (op == "<" and actual >= value) or (op == "~" and abs(actual - value) > 5):
                    yield ctx.at(s + m.start("w"), s + m.end("w"),
                                 f"{n}/{total}={pct(actual)}（{noun}共{total}名），与“{m.group('w')}”不符")


# --- arithmetic stated in one sentence --------------------------------------------------------
_GROWTH = re.compile(rf"由(?:[^，,。；\d]{{0,10}}的)?(?P<a>\d+)名(?P<verb>增加|增长|上升|减少|下降)(?:到|至|为)(?P<b>\d+)名[，,]\s*"
                     rf"(?P<verb2>增长|增加|上升|下降|减少)(?:了)?(?P<p>{_NUM})[%％]")
_TIMES = re.compile(r"每年(?:发展|接收|计划发展)?(?:新)?(?:党员)?(?P<a>\d+)名[，,]\s*(?:规划期内|(?P<y>[一二两三四五六七八九十\d]+)年)"
                    r"(?:共|合计|累计|共计)(?:发展|接收)?(?:党员)?(?P<t>\d+)名")
_DONE_OF = re.compile(rf"(?:发展|接收)(?:了)?(?:新)?(?:党员|预备党员)?(?P<b>\d+)名[，,]\s*完成(?:年度|全年)?(?:任务|计划|目标)(?:数)?"
                      rf"(?P<a>\d+)名的(?P<q>{_NUM})[%％]")
_NAMED_RATIO = re.compile(r"(?P<x>[\u4e00-\u9fff]{2,10}?)与(?P<y>[\u4e00-\u9fff]{2,10}?)的(?:发展)?(?:人数)?比(?:例)?(?:为|是|达到)?"
                          r"(?P<r>\d+(?:\.\d+)?[∶:：]\d+(?:\.\d+)?)")


@rule("number/arithmetic", "error", "实务（同一句中的数字应能算得通）",
      "增长率、“每年N名，X年共M名”、“完成任务N名的P%”、两类人数之比，与同一句中的数字算不通")
def arithmetic(ctx: Context) -> Iterator[Finding]:
    for s, e, sent in _sentences(ctx, "名"):
        for m in _GROWTH.finditer(sent):
            a, b, p = int(m.group("a")), int(m.group("b")), float(m.group("p"))
            if a and abs(100 * abs(b - a) / a - p) > _tolerance(ctx, m.group("p")):
                yield ctx.at(s + m.start("p"), s + m.end(), f"由{a}名到{b}名，变化{pct(100 * abs(b - a) / a)}，与所写的{m.group('p')}%不符",
                             suggestion=pct(100 * abs(b - a) / a))
        for m in _TIMES.finditer(sent):
            years = m.group("y")
            n = int(years) if years and years.isdigit() else (cn_to_int(years) if years else None)
            if n and int(m.group("a")) * n != int(m.group("t")):
                yield ctx.at(s + m.start("t"), s + m.end(),
                             f"每年{m.group('a')}名、{n}年应为{int(m.group('a')) * n}名，与所写的{m.group('t')}名不符")
        for m in _DONE_OF.finditer(sent):
            a, b = int(m.group("a")), int(m.group("b"))
            if a and abs(100 * b / a - float(m.group("q"))) > _tolerance(ctx, m.group("q")):
                yield ctx.at(s + m.start("q"), s + m.end(), f"完成率应为{b}/{a}={pct(100 * b / a)}，与所写的{m.group('q')}%不符",
                             suggestion=pct(100 * b / a))
        for m in _NAMED_RATIO.finditer(sent):
            before = sent[:m.start()]
            x = _last(re.compile(rf"{re.escape(m.group('x'))}(?:党员)?(?:为|有)?(?P<n>\d+)名"), before)
            y = _last(re.compile(rf"{re.escape(m.group('y'))}(?:党员)?(?:为|有)?(?P<n>\d+)名"), before)
            if not (x and y) or int(y.group("n")) == 0:
                continue
            have = Fraction(int(x.group("n")), int(y.group("n")))
            left, right = (Fraction(v) for v in re.split(r"[∶:：]", m.group("r")))
            if right and abs(float(have - left / right)) > 0.05 * float(left / right):
                g = have.limit_denominator(20)
                yield ctx.at(s + m.start("r"), s + m.end("r"),
                             f"{x.group('n')}∶{y.group('n')}约为{g.numerator}∶{g.denominator}，与所写的{m.group('r')}不符")
