"""Rules written as data (Vale style): the built-in term lists in snippets/lint/ and a unit's own
house style, named in the config. One file holds a list of rules:

    rules:
      - id: house/称谓             # family/name
        type: substitution        # substitution | existence | required
        severity: warning         # error | warning | info (default warning)
        source: 本单位公文规范      # what the rule rests on
        message: "应写作“{correct}”"  # optional; {match} and {correct} are filled in
        swaps:                     # substitution: wrong forms -> the one correct form
          - {correct: 党支部, wrong: [党小支部]}
          - {correct: 预备党员, wrong: [准备党员], unless_after: [大会]}  # 准备党员大会材料 is right
      - id: house/禁用词
        type: existence
        tokens: [等等等]            # literal phrases …
        patterns: ['\\d+个百分点左右']  # … and/or regular expressions
      - id: house/必备提法
        type: required
        phrases: [一岗双责]          # at least one must appear
        kinds: [plan]              # optional: only for these kinds

Literal phrases are scanned in the text (one compiled alternation; overlaps are looked for
explicitly), never through word tokens. `boundary: word` asks that a match begin on a word
boundary (jieba with the domain dictionary): a swap like 大众基础 is then not found in 扩大众基础.
Only the start is asked for: the compound may run on into a longer word (前锋模范|作用).
A swap may name `unless_before` / `unless_after`: text right before or after the wrong form that
makes the same characters a correct sentence (认真准备|党员大会, 培训联系人：王丽)."""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import regex

from generator.errors import InputError, ValidationError
from generator.infra import regexguard
from generator.infra.sandbox import LimitError, check_format_string
from generator.infra.yamlio import load_yaml
from generator.lint.context import Context
from generator.lint.rule import SEVERITIES, Finding, Rule

TYPES = ("substitution", "existence", "required")
_KEYS = {"id", "type", "severity", "source", "message", "description", "swaps", "tokens", "patterns",
         "phrases", "kinds", "boundary", "ignorecase", "fix", "section", "collapse"}
_SWAP_KEYS = {"correct", "wrong", "unless_before", "unless_after"}
_ID = re.compile(r"^[A-Za-z0-9_\u4e00-\u9fff-]+/[A-Za-z0-9_\u4e00-\u9fff-]+$")


def trie_pattern(words) -> str:
    """One regular expression for many literal words, shaped as a trie (common prefixes shared,
    the longest match preferred): Python's re tries the branches of a flat alternation one by one
    at every position, so a few thousand words scan several times faster as a trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches, singles = [], []
        for ch in sorted(k for k in node if k):
            sub = build(node[ch])
            (singles if sub == "" else branches).append(re.escape(ch) + sub if sub else re.escape(ch))
        if singles:
            branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


class PhraseSet:
    """Many literal phrases found in one pass: a trie-shaped regex preferring the longest, plus a
    look for phrases that start inside a match (one pass would skip those)."""

    def __init__(self, phrases, ignorecase: bool = False):
        self.phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
        flags = re.IGNORECASE if ignorecase else 0
        self.rx = re.compile(trie_pattern(self.phrases), flags) if self.phrases else None
        self.ignorecase = ignorecase

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self.rx is None:
            return
        match = self.rx.match
        for m in self.rx.finditer(text):
            yield m.start(), m.end(), m.group(0)
            for p in range(m.start() + 1, m.end()):
                inner = match(text, p)
                if inner and inner.end() > m.end():
                    yield inner.start(), inner.end(), inner.group(0)


@dataclass
class _Pattern:
    rx: "regex.Pattern"
    message: str | None
    severity: str | None
    suggestion: str | None


def _problem(problems: list[str], where: str, text: str) -> None:
    problems.append(f"{where}：{text}")


def compile_file(path: Path, origin: str | None = None) -> list[Rule]:
    """Rules of one YAML file; every problem of the file is reported at once."""
    # a key written twice (two `tokens:` in one rule) would silently drop the first: reported
    return compile_rules(load_yaml(path, unique_keys=True), origin or str(path))


def compile_rules(data, name: str) -> list[Rule]:
    """Rules of a parsed rule file (`name` for messages); every problem is reported at once."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise InputError(f"{name}：规则文件应有顶层“rules:”列表")
    problems: list[str] = []
    rules: list[Rule] = []
    for i, spec in enumerate(data["rules"], 1):
        where = f"第{i}条规则"
        if not isinstance(spec, dict):
            _problem(problems, where, "应为“字段: 值”形式")
            continue
        unknown = set(map(str, spec)) - _KEYS
        if unknown:
            _problem(problems, where, f"未知字段 {'、'.join(sorted(unknown))}")
        rid = str(spec.get("id") or "")
        if not _ID.match(rid):
            _problem(problems, where, f"id“{rid}”应为“类别/名称”形式，如 house/称谓")
            continue
        where = f"规则 {rid}"
        rtype = spec.get("type")
        if rtype not in TYPES:
            _problem(problems, where, f"type 应为 {'、'.join(TYPES)} 之一")
            continue
        severity = spec.get("severity", "warning")
        if severity not in SEVERITIES:
            _problem(problems, where, f"severity“{severity}”应为 error、warning、info 之一")
            continue
        try:
            rules.append(_build(rid, rtype, severity, spec, name))
        except ValueError as exc:
            _problem(problems, where, str(exc))
    if problems:
        raise ValidationError(name, problems)
    return rules


def _str_list(value, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ValueError(f"{what} 应为文字列表")
    return [str(v) for v in value]


PATTERN_SECONDS = 2.0  # per pattern and document; a real rule takes milliseconds

# the names a message template may use, by rule type
_MESSAGE_NAMES = {"substitution": ("match", "correct"), "existence": ("match",), "required": ("phrases",)}


def _message(template, rtype: str, what: str = "message") -> str | None:
    """A message template checked at load: only the rule type's names, no positional fields, and
    widths a line can hold (`{match:>1500000000}` would allocate 1.5 GB per finding)."""
    if template is None or template == "":
        return None
    if not isinstance(template, str):
        raise ValueError(f"{what} 应为文字")
    names = _MESSAGE_NAMES[rtype]
    try:
        for _, field_name, _, _ in string.Formatter().parse(template):
            if field_name is not None and field_name not in names:  # also {match.__class__}, {0}
                raise KeyError(field_name)
        check_format_string(template)
        template.format(**{n: "样例" for n in names})
    except LimitError as exc:
        raise ValueError(f"{what}“{template}”中{exc}") from None
    except (KeyError, AttributeError) as exc:
        raise ValueError(f"{what}“{template}”用到了未知的名称“{exc.args[0] if exc.args else exc}”，可用 {'、'.join('{' + n + '}' for n in names)}"
                         "（要写花括号本身请写成 {{ 或 }}）") from None
    except (IndexError, ValueError, TypeError) as exc:
        raise ValueError(f"{what}“{template}”写法有误（花括号不成对或格式说明不对：{exc}），可用 {'、'.join('{' + n + '}' for n in names)}"
                         "（要写花括号本身请写成 {{ 或 }}）") from None
    return template


def _build(rid: str, rtype: str, severity: str, spec: dict, origin: str) -> Rule:
    source = str(spec.get("source") or origin)
    message = _message(spec.get("message"), rtype)
    description = str(spec.get("description") or message or rid)
    ignorecase = bool(spec.get("ignorecase", False))
    boundary = spec.get("boundary") == "word"
    kinds = set(_str_list(spec.get("kinds"), "kinds"))
    if rtype == "substitution":
        table: dict[str, str] = {}
        contexts: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        swaps = spec.get("swaps")
        if isinstance(swaps, dict):
            swaps = [{"correct": v, "wrong": [k]} for k, v in swaps.items()]
        if not isinstance(swaps, list) or not swaps:
            raise ValueError("substitution 规则需要 swaps 列表（correct 与 wrong）")
        for s in swaps:
            if not isinstance(s, dict) or not s.get("correct") or not s.get("wrong"):
                raise ValueError("swaps 中每项需要 correct 与 wrong")
            unknown = set(map(str, s)) - _SWAP_KEYS
            if unknown:
                raise ValueError(f"swaps 中有未知字段 {'、'.join(sorted(unknown))}")
            before = tuple(_str_list(s.get("unless_before"), "unless_before"))
            after = tuple(_str_list(s.get("unless_after"), "unless_after"))
            for w in _str_list(s["wrong"], "wrong"):
                if w == str(s["correct"]):
                    raise ValueError(f"“{w}”的正确写法与错误写法相同")
                key = w.lower() if ignorecase else w
                table[key] = str(s["correct"])
                if before or after:
                    contexts[key] = (before, after)
        phrases = PhraseSet(table, ignorecase)
        fixable = spec.get("fix", True) is not False
        return Rule(rid, severity, source, description,
                    _substitution(phrases, table, contexts, message, boundary, ignorecase, fixable, kinds), fixable,
                    collapse=_collapse_mode(spec.get("collapse", False)))
    if rtype == "existence":
        tokens = _str_list(spec.get("tokens"), "tokens")
        patterns = []
        for p in spec.get("patterns") or []:
            if isinstance(p, str):
                p = {"pattern": p}
            if not isinstance(p, dict) or "pattern" not in p:
                raise ValueError("patterns 中每项应为正则表达式，或含 pattern 的对象")
            reason = regexguard.problem(str(p["pattern"]), nested=False)
            if reason:
                raise ValueError(f"正则表达式“{p['pattern']}”{reason}")
            try:
                # the `regex` package: re's syntax, with a timeout (see _existence)
                rx = regex.compile(str(p["pattern"]), regex.IGNORECASE if ignorecase else 0)
            except (regex.error, OverflowError, ValueError) as exc:
                raise ValueError(f"正则表达式“{p['pattern']}”有误（{exc}）") from None
            p_message = _message(p.get("message"), rtype, "patterns 中的 message")
            if p.get("severity") not in (None, *SEVERITIES):
                raise ValueError(f"severity“{p.get('severity')}”应为 error、warning、info 之一")
            patterns.append(_Pattern(rx, p_message, p.get("severity"), p.get("suggestion")))
        if not tokens and not patterns:
            raise ValueError("existence 规则需要 tokens 或 patterns")
        return Rule(rid, severity, source, description,
                    _existence(PhraseSet(tokens, ignorecase), patterns, message, boundary, kinds),
                    collapse=_collapse_mode(spec.get("collapse", False)))
    phrases = _str_list(spec.get("phrases"), "phrases")
    if not phrases:
        raise ValueError("required 规则需要 phrases")
    return Rule(rid, severity, source, description, _required(phrases, message, kinds, spec.get("section")))


def _collapse_mode(value) -> bool | str:
    if value in ("paragraph", "document", "match"):
        return value
    if isinstance(value, bool):
        return value
    raise ValueError(f"collapse 应为 true、false、paragraph、document 或 match，实际为“{value}”")


def _fmt(template: str | None, default: str, **values) -> str:
    # templates were checked by _message at load
    return template.format(**values) if template else default


def _kind_ok(ctx: Context, kinds: set[str]) -> bool:
    return not kinds or (ctx.kind is not None and ctx.kind.id in kinds)


def _substitution(phrases: PhraseSet, table: dict[str, str], contexts: dict, message, boundary: bool,
                  ignorecase: bool, fixable: bool, kinds: set[str]):
    def check(ctx: Context) -> Iterator[Finding]:
        if not _kind_ok(ctx, kinds):
            return
        for start, end, found in phrases.finditer(ctx.text):
            key = found.lower() if ignorecase else found
            if key in contexts:
                before, after = contexts[key]
                if any(ctx.text.endswith(b, 0, start) for b in before) or any(ctx.text.startswith(a, end) for a in after):
                    continue  # the same characters in a sentence that is right (准备党员大会材料)
            if boundary and not ctx.starts_word(start):
                continue
            correct = table[key]
            msg = _fmt(message, f"“{found}”应为“{correct}”", match=found, correct=correct)
            yield ctx.at(start, end, msg, suggestion=correct, fix=correct if fixable else None)

    return check


def _existence(phrases: PhraseSet, patterns: list[_Pattern], message, boundary: bool, kinds: set[str]):
    def check(ctx: Context) -> Iterator[Finding]:
        if not _kind_ok(ctx, kinds):
            return
        for start, end, found in phrases.finditer(ctx.text):
            if boundary and not ctx.starts_word(start):
                continue
            yield ctx.at(start, end, _fmt(message, f"“{found}”不应出现在公文中", match=found))
        for p in patterns:
            try:
                # a time bound per pattern and document: a rule file is shared between units, and a
                # pattern that backtracks without end must cost a warning, not the whole run
                matches = list(p.rx.finditer(ctx.text, timeout=PATTERN_SECONDS))
            except TimeoutError:
                yield ctx.whole(f"规则 {ctx.rule.id if ctx.rule else ''} 的正则表达式“{p.rx.pattern}”在本文件上运行超过"
                                f" {PATTERN_SECONDS:g} 秒，已跳过；请简化该正则（避免 (a+)+ 这类重复套重复）",
                                severity="warning", rule_id="internal/rule-timeout", source="gongwen")
                continue
            for m in matches:
                if m.end() == m.start():
                    continue
                msg = _fmt(p.message or message, f"“{m.group(0)}”不应出现在公文中", match=m.group(0))
                yield ctx.at(m.start(), m.end(), msg, severity=p.severity, suggestion=p.suggestion)

    return check


def _required(phrases: list[str], message, kinds: set[str], section):
    def check(ctx: Context) -> Iterator[Finding]:
        if not _kind_ok(ctx, kinds):
            return
        if any(p in ctx.text for p in phrases):
            return
        listed = "”或“".join(phrases)
        yield ctx.whole(_fmt(message, f"文中缺少“{listed}”", phrases="、".join(phrases)))

    return check
