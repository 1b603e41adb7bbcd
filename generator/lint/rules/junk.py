"""junk: residue from editors and the web — tracked changes and comments left in a .docx,
invisible characters, stray Latin words inside Chinese sentences. (Web boilerplate, markup and
mojibake are data: snippets/lint/rules/junk.yaml.)"""
from __future__ import annotations

import re
from typing import Iterator

from generator.lint.context import Context
from generator.lint.rule import Finding, rule
from generator.lint.textutil import CJK, lint_data


@rule("junk/revisions", "error", "实务（定稿不留修订痕迹）", "Word 文档中有未处理的修订（插入、删除）", scope="file")
def revisions(ctx: Context) -> Iterator[Finding]:
    seen = set()
    for line, start, end, what in ctx.draft.revisions:
        if line in seen:
            continue
        seen.add(line)
        f = ctx.whole("本段有未接受或拒绝的修订（修订模式下的插入、删除），定稿前请在 Word 中处理", )
        f.line, f.column, f.end_line, f.end_column = line, start, line, max(end, start + 1)
        yield f


@rule("junk/traditional", "error", "《中华人民共和国国家通用语言文字法》（国家机关以规范汉字为公务用字）",
      "草稿用的是繁体字", scope="file")
def traditional(ctx: Context) -> Iterator[Finding]:
    if ctx.draft.traditional:
        yield ctx.whole(f"草稿用的是繁体字（{ctx.draft.traditional}个字为繁体），公文应使用规范汉字（简化字）；"
                        "其余检查按简化字读法进行，所报位置仍指原文")


@rule("junk/comments", "warning", "实务（定稿不留批注）", "Word 文档中还有批注", scope="file")
def comments(ctx: Context) -> Iterator[Finding]:
    if ctx.draft.comments:
        yield ctx.whole(f"文档中还有{ctx.draft.comments}条批注，定稿前请删除")


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAMES = {"\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行", "\ufeff": "零宽不换行空格（BOM）",
          "\u00ad": "软连字符", "\u2028": "行分隔符", "\u2029": "段分隔符"}


@rule("junk/invisible", "warning", "实务（网页复制带入的不可见字符）", "文中有看不见的控制字符或零宽字符", fixable=True, collapse=True)
def invisible(ctx: Context) -> Iterator[Finding]:
    for m in _INVISIBLE.finditer(ctx.text):
        name = _NAMES.get(m.group(0), f"控制字符 U+{ord(m.group(0)):04X}")
        yield ctx.at(m.start(), m.end(), f"文中有看不见的{name}（多从网页复制带入），应删除", suggestion="", fix="")


_LATIN = re.compile(rf"(?<=[{CJK}，。、；：（）“”])\s*(?P<w>[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*)*)\s*(?=[{CJK}，。、；：（）“”])")


@rule("junk/stray-latin", "warning", "实务（中文公文中不夹英文单词）", "中文句子中夹有英文单词", collapse=True)
def stray_latin(ctx: Context) -> Iterator[Finding]:
    if not re.search("[A-Za-z]", ctx.text):
        return
    allowed = {w.lower() for w in lint_data("latin").get("allowed", [])}
    for m in _LATIN.finditer(ctx.text):
        word = m.group("w")
        words = word.split()
        if all(w.lower() in allowed or (w.isupper() and len(w) <= 6) or len(w) == 1 for w in words):
            continue
        if re.fullmatch(r"[Xx]+", word.replace(" ", "")):
            continue  # placeholder/leftover reports XX
        yield ctx.at(m.start("w"), m.end("w"), f"中文句子中夹有英文“{word}”，疑为网页或机器翻译残留")


# 發(fā)展: a 范文 site's pinyin ruby flattened into the text after each character
_PINYIN = re.compile(rf"(?<=[{CJK}])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{{1,7}}[）)]")


@rule("junk/pinyin", "error", "实务（网页注音的残留）", "字后夹带的拼音注音（网页注音残留）", fixable=True, collapse=True)
def pinyin(ctx: Context) -> Iterator[Finding]:
    for m in _PINYIN.finditer(ctx.text):
        if not re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", m.group(0)) and not _toneless_run(ctx.text, m):
            continue  # (a) (b) after a word are list marks, not pinyin
        yield ctx.at(m.start(), m.end(), f"“{m.group(0)}”是网页给汉字加的拼音注音，应删除", suggestion="", fix="")


def _toneless_run(text: str, m: re.Match) -> bool:
    """Toneless pinyin (de, le, ma) counts only beside other annotations nearby."""
    return len(_PINYIN.findall(text, max(0, m.start() - 30), m.end() + 30)) >= 3


# anti-scrape noise mirrors insert between paragraphs: "/ z3 d0 `4 `# Z! r2 A B! H0 ^"
_NOISE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[\u4e00-\u9fff]))(?:[\x21-\x7e]{1,3}[ \t]+){4,}[\x21-\x7e]{1,3}", re.MULTILINE)


@rule("junk/scrape-noise", "error", "实务（网页防复制插入的乱码）", "网页防复制插入的无意义字符串", fixable=True,
      collapse=True)
def scrape_noise(ctx: Context) -> Iterator[Finding]:
    for m in _NOISE.finditer(ctx.text):
        run = m.group(0)
        symbols = sum(1 for ch in run if not ch.isalnum() and not ch.isspace())
        tokens = run.split()
        if symbols < 2 or all(t.isdigit() for t in tokens) or all(re.fullmatch(r"[A-Z]{1,3}", t) for t in tokens):
            continue  # a row of figures or of abbreviations is text, not noise
        yield ctx.at(m.start(), m.end(), f"“{run.strip()}”是网页防复制插入的乱码，应删除", suggestion="", fix="")


_STARS = re.compile(r"[*＊]+")
_EMPHASIS = re.compile(r"(?<![*＊])[*＊]{2}(?=[^*＊\s])[^*＊\n]{2,80}?(?<=[^*＊\s])[*＊]{2}(?![*＊])")  # two characters at least: **年** is a mask


@rule("placeholder/masked", "error", "实务", "名称、数字被星号隐去或待填写（**县、中国***产党）")
def masked(ctx: Context) -> Iterator[Finding]:
    text = ctx.text
    if "*" not in text and "＊" not in text:
        return
    emphasis = [(m.start(), m.end()) for m in _EMPHASIS.finditer(text)]  # **加强领导** is markup (junk/markup)
    for m in _STARS.finditer(text):
        a, b = m.start(), m.end()
        if b - a > 4 or any(x <= a and b <= y for x, y in emphasis):
            continue
        before, after = text[a - 1:a], text[b:b + 1]
        if re.match(rf"[{CJK}（(0-9]", before) or re.match(rf"[{CJK}0-9]", after):
            yield ctx.at(a, b, f"“{m.group(0)}”处的名称或数字被隐去或没有填写")
