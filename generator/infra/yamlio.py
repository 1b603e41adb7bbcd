"""Reading YAML files of the project and of users, with Chinese messages that name file and line."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, ValidationError
from generator.infra.codec import decode_utf8
from generator.infra.fileio import read_input

# libyaml's parser when PyYAML has it (8x faster: a batch parses one front matter per document)
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):
    """SafeLoader that leaves dates as text: our own parser checks them and names the field,
    where PyYAML would fail the whole file on 2025-13-01."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse_tag(loader, node):
    """!!set, !!binary, !!omap, !!pairs, !!timestamp: Python sets, bytes and datetimes where every
    reader expects text, numbers and lists (a set's printed order even changes from run to run)."""
    raise yaml.constructor.ConstructorError(
        None, None, f"unsupported tag {node.tag}", node.start_mark)


for _tag in ("set", "binary", "omap", "pairs", "timestamp"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)


def _bounded_int(loader, node):
    """PyYAML turns 5,000 digits into a Python int and fails with a ValueError outside its error
    types; no value of ours has more than a handful of digits."""
    if len(str(node.value)) > 30:
        raise yaml.constructor.ConstructorError(None, None, "number too long", node.start_mark)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


class _UniqueLoader(_Loader):
    """Also records keys written twice in one mapping: PyYAML keeps the last one silently, so a
    block pasted twice (年度: 2025 … 年度: 2024) would quietly change the document."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[str] = []

    def construct_mapping(self, node, deep=False):
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                self.duplicates.append(
                    f"第{line}行：“{key_node.value}”与第{seen[key]}行重复，同一层中每个字段只能写一次"
                    "（否则后写的会悄悄覆盖先写的）"
                )
            else:
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


# PyYAML's (English) problems, as a writer can act on them
_PROBLEMS = (
    ("found character '\\t'", "有制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("that cannot start any token", "值以特殊符号开头，请给整个值加上引号，如 '@某某'"),
    ("undefined alias", "值以“*”开头，请给整个值加上引号"),
    ("mapping values are not allowed", "多了一个“: ”，或上一行的冒号、缩进有误（值中含有“: ”时请给整个值加上引号）"),
    ("could not find expected ':'", "缺少冒号：每行应为“字段: 值”（半角冒号，后面加一个空格）"),
    ("expected <block end>", "缩进不一致：同一层的字段要用同样多的空格对齐"),
    ("did not find expected key", "缩进不一致：同一层的字段要用同样多的空格对齐"),
    ("did not find expected '-'", "缩进不一致：列表的各项（- 开头）要对齐"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对"),
    ("expected ',' or '}'", "花括号 { } 没有配对"),
    ("found unexpected end of stream", "引号没有配对"),
    ("found unknown escape character", "双引号中的反斜杠（\\）有误，请改用单引号"),
    ("number too long", "数字位数过多，请检查（确是文字请给整个值加上引号）"),
    ("unsupported tag", "用了本工具不支持的 YAML 标记（如 !!set、!!binary），请删去标记，直接写文字、数字或列表"),
    ("could not determine a constructor", "用了本工具不支持的 YAML 标记（! 开头），请删去标记，直接写值"),
)

_TAB_INDENT = re.compile(r"^ *\t")
# a key followed by a full-width colon where YAML needs "key: value" (单位：中共… / 全称：…)
_FULLWIDTH_KEY = re.compile(r"^\s*(?:- )?([^\s#:：'\"\[\]{}|>][^:：#]{0,30}?)\s*：")
# a key followed by a colon without the space YAML needs (全称:中共…); not URLs (http://)
_NO_SPACE_KEY = re.compile(r"^\s*(?:- )?([^\s#:：'\"\[\]{}|>-][^:#\s]{0,30}):(?=[^\s:/])")


def _spans(numbers: list[int]) -> str:
    """[2, 3, 4, 9] -> 2—4、9"""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}—{n}")
            start = None
    return "、".join(out)


def _line_hints(text: str) -> list[str]:
    """The mistakes writers make in YAML, each with its line: Tab indentation (one message for
    all such lines), a full-width colon after a key, no space after the colon."""
    hints, tabs = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if _TAB_INDENT.match(line):
            tabs.append(number)
            continue
        m = _FULLWIDTH_KEY.match(line)
        if m:
            hints.append(f"第{number}行“{m.group(1)}：”用了全角冒号，请改为半角冒号加一个空格：“{m.group(1)}: ”")
            continue
        m = _NO_SPACE_KEY.match(line)
        if m and not re.fullmatch(r"[\d:.\s-]+", line.split("#")[0].strip()):
            hints.append(f"第{number}行“{m.group(1)}:”后面缺少空格，应为“{m.group(1)}: 值”")
    if tabs:
        hints.insert(0, f"第{_spans(tabs)}行用了制表符（Tab）缩进，YAML 只能用空格缩进，请把 Tab 换成空格")
    return hints


def _problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or ""
    for needle, chinese in _PROBLEMS:
        if needle in problem:
            return chinese
    return f"格式错误（{problem}）" if problem else "格式错误"


def _refuse_aliases(root: yaml.Node, source: str) -> None:
    """Refuse anchors and aliases (&名 / *名): no file of ours needs them, and ten nested lines of
    them (a "billion laughs" file of 1 KB) expand to more than any machine holds once the data is
    walked. An alias is the same node reached twice, found in one pass over the distinct nodes."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            line = node.start_mark.line + 1 if node.start_mark else None
            where = f"第{line}行定义的" if line else ""
            raise InputError(f"{source}：{where}内容被别名（*名称）再次引用；本工具读取的文件不支持 YAML 锚点和别名"
                             "（& 与 *），请把内容直接写出")
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))


def load_yaml_text(text: str, source: str, unique_keys: bool = False) -> Any:
    """Parse YAML text. Errors name the line; for the usual slips (Tab, full-width colon, no
    space after the colon) every such line is listed. unique_keys: a key written twice in one
    mapping is an error (for files writers edit by hand, such as the unit profile)."""
    loader = _UniqueLoader(text) if unique_keys else _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node, source)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        hints = _line_hints(text)
        if hints:  # one message (callers such as the corpus and lint keep only the message)
            raise InputError(f"{source}：" + "；".join(hints)) from None
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        raise InputError(f"{source}：{where} YAML 无法解析：{_problem(exc)}") from None
    finally:
        loader.dispose()
    if unique_keys and loader.duplicates:
        raise ValidationError(source, loader.duplicates)
    return data


def load_yaml(path: Path, unique_keys: bool = False) -> Any:
    path = Path(path)
    text = decode_utf8(read_input(path), str(path), "YAML 文本文件，写法见 examples/unit.yaml")
    return load_yaml_text(text, str(path), unique_keys=unique_keys)


# text YAML writes as it is, unquoted (a plain scalar): Chinese first, then Chinese, digits and the
# 公文 brackets. Anything else (a leading digit or sign, ':' '#', quotes, true/null) is the dumper's.
_PLAIN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z〔〕（）《》、“”·—]*")


_WORD = re.compile(r"[a-z][a-z_]*")  # an id such as approval, multi_year_plan
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain_scalar(value) -> str | None:
    """`value` as YAML writes it when that needs no quoting and no dumper; None otherwise."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and (_PLAIN.fullmatch(value) or (_WORD.fullmatch(value) and value not in _YAML_WORDS)):
        return value
    return None


_PLAIN_LINE = re.compile(r"([\u4e00-\u9fff]+|[a-z][a-z_]*): (.+)")
# what the corpus's front matter holds besides text: order: 20, kinds: [plan, summary],
# variables: [单位.上级, 年度] — items that YAML reads as the same strings (no quotes, no comma,
# no bracket, no true/null), and integers without a leading zero (YAML 1.1 reads 012 as octal)
_INT = re.compile(r"0|[1-9]\d{0,8}")
_FLOW = re.compile(r"\[([^\[\]{}#'\"]*)\]")
_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z_][\u4e00-\u9fffA-Za-z0-9_.\-〔〕（）《》、“”·—]*")
# full-width punctuation in a title (严格发展程序，规范工作流程) is no YAML indicator
_TEXT = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z\-〔〕（）《》、“”·—，；。！？：]*")


def _plain_value(value: str):
    """The value YAML would read from `value`, when no parser is needed to know it; else None."""
    if plain_scalar(value) == value or _ISO_DAY.fullmatch(value) or _TEXT.fullmatch(value):
        return value
    if _INT.fullmatch(value):
        return int(value)
    m = _FLOW.fullmatch(value)
    if m:
        items = [i.strip() for i in m.group(1).split(",")] if m.group(1).strip() else []
        if all(_ITEM.fullmatch(i) and i.lower() not in _YAML_WORDS for i in items):
            return items
    return None


def plain_mapping(lines: list[str]) -> dict | None:
    """Front matter of "字段: 值" lines whose values are plain scalars (or ISO dates, which our
    loader keeps as text), small integers or flow lists of plain words, read without the YAML
    parser (the corpus's 265 files in a third of the time); None when any line needs the parser."""
    out: dict = {}
    for line in lines:
        m = _PLAIN_LINE.fullmatch(line)
        if not m or m.group(1) in out:
            return None  # a repeated key is the loader's to report
        value = _plain_value(m.group(2))
        if value is None:
            return None
        out[m.group(1)] = value
    return out
