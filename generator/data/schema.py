"""A small declarative validator for the profile YAML: every problem is collected with its field
path (目标.结构.女) and a Chinese reason, so a writer fixes them all in one go."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from generator.core.dates import parse_date
from generator.infra.codec import invisible

_MISSING = object()


class Problems(list):
    def add(self, path: str, reason: str) -> None:
        self.append(f"{path}：{reason}" if path else reason)


@dataclass
class Field:
    required: bool = True
    default: Any = None
    help: str = ""

    def check(self, value: Any, path: str, problems: Problems) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Str(Field):
    pattern: str | None = None
    pattern_help: str = ""
    max_len: int = 200  # a unit's full name is some 30 characters; 100,000 is a pasted file

    def check(self, value, path, problems):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or value is None:
            problems.add(path, "应为文字")
            return None
        text = str(value).strip()
        if not text:
            problems.add(path, "不能为空")
            return None
        if len(text) > self.max_len:
            problems.add(path, f"太长（{len(text)}字），不能超过{self.max_len}字")
            return None
        hidden = invisible(text)
        if hidden:  # a NUL breaks the Word file; U+202E reverses what the reader sees
            problems.add(path, f"含有看不见的控制字符 {'、'.join(hidden)}（常见于从网页复制），请删去后重新输入")
            return None
        if self.pattern and not re.fullmatch(self.pattern, text):
            problems.add(path, f"“{text}”格式不对，{self.pattern_help}")
            return None
        return text


def _plain_number(text: str, units: str) -> str:
    """What a writer typed, as plain digits where that is unambiguous: full-width digits and
    signs folded (１５ -> 15, ６０％ -> 60%), thousands separators and a trailing unit (15名,
    2025年) dropped."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", text)
    if units and len(text) > 1 and text[-1] in units:
        text = text[:-1].strip()
    return text


# no count, year or number in a profile comes near this; past it a value is a slip of the keyboard
# (and Python refuses to print integers of more than 4,300 digits)
INT_LIMIT = 10**9


@dataclass
class Int(Field):
    min: int | None = None
    max: int | None = None
    units: str = "名人个"  # a trailing unit writers add (15名); 年度 takes 年

    def check(self, value, path, problems):
        if isinstance(value, bool) or not isinstance(value, int):
            text = _plain_number(value, self.units) if isinstance(value, str) else None
            if text is not None and re.fullmatch(r"-?\d{1,12}", text):
                value = int(text)
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                shown = value if not isinstance(value, str) or len(value) <= 30 else value[:30] + "……"
                problems.add(path, f"应为整数（只写数字，如 15），实际为“{shown}”")
                return None
        if abs(value) > INT_LIMIT and (self.max is None or self.max > INT_LIMIT):
            problems.add(path, f"数字过大（{len(str(abs(value)))}位），请检查")
            return None
        if self.min is not None and value < self.min:
            problems.add(path, f"不能小于{self.min}，实际为{value}")
            return None
        if self.max is not None and value > self.max:
            problems.add(path, f"不能大于{self.max}，实际为{value}")
            return None
        return value


@dataclass
class Bool(Field):
    def check(self, value, path, problems):
        if isinstance(value, bool):
            return value
        if str(value).strip() in ("是", "要", "有"):
            return True
        if str(value).strip() in ("否", "不要", "无"):
            return False
        problems.add(path, f"应为 true/false（或 是/否），实际为“{value}”")
        return None


@dataclass
class Date(Field):
    def check(self, value, path, problems):
        try:
            return parse_date(value)
        except ValueError as exc:
            problems.add(path, str(exc))
            return None


@dataclass
class Percent(Field):
    """35% / 35 / "35%" -> 35.0; a bare 0.35 is refused as ambiguous."""

    def check(self, value, path, problems):
        raw = value
        if isinstance(value, str):
            text = _plain_number(value, "").rstrip("%").strip()
            # digits with at most two decimals: 1e-300, nan and inf are no percentage a plan states
            if not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", text):
                problems.add(path, f"应为百分数，如 35% 或 35.5%，实际为“{raw}”")
                return None
            value = float(text)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(path, f"应为百分数，如 35%，实际为“{raw}”")
            return None
        if value != value or (0 < value < 0.01):  # nan; a share no plan states (1.0e-300)
            problems.add(path, f"应为百分数，如 35% 或 35.5%，实际为“{raw}”")
            return None
        if 0 < value < 1 and not isinstance(raw, str):
            problems.add(path, f"“{raw}”含义不明，请写成百分数，如 {value * 100:g}%")
            return None
        if not 0 <= value <= 100:
            problems.add(path, f"百分数应在 0%—100% 之间，实际为“{raw}”")
            return None
        return float(value)


@dataclass
class Choice(Field):
    resolve: Callable[[str], str | None] = lambda v: v
    choices_help: str = ""

    def check(self, value, path, problems):
        resolved = self.resolve(str(value)) if value is not None else None
        if resolved is None:
            problems.add(path, f"未知的取值“{value}”，可选：{self.choices_help}")
        return resolved


@dataclass
class ListOf(Field):
    item: Field = field(default_factory=Str)

    def check(self, value, path, problems):
        if not isinstance(value, list):
            problems.add(path, "应为列表")
            return None
        return [self.item.check(v, f"{path}[{i + 1}]", problems) for i, v in enumerate(value)]


@dataclass
class MapOf(Field):
    """A mapping with free keys (e.g. 结构 categories) checked against `keys` when given."""

    value: Field = field(default_factory=Str)
    keys: tuple[str, ...] = ()

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, "应为“名称: 值”形式的若干行" + _colon_hint(value))
            return None
        out = {}
        for k, v in value.items():
            key = str(k)
            if self.keys and key not in self.keys:
                problems.add(f"{path}.{key}", _unknown_key(key, self.keys))
                continue
            out[key] = self.value.check(v, f"{path}.{key}", problems)
        return out


@dataclass
class Record(Field):
    fields: dict[str, Field] = field(default_factory=dict)

    def check(self, value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, "应为若干“字段: 值”的组合" + _colon_hint(value))
            return None
        out = {}
        for key in value:
            if str(key) not in self.fields:
                problems.add(_join(path, str(key)), _unknown_key(str(key), tuple(self.fields)))
        for name, spec in self.fields.items():
            sub = _join(path, name)
            raw = value.get(name, _MISSING)
            if raw is _MISSING or raw is None or raw == "":
                if spec.required and isinstance(spec, Record):
                    inner = "、".join(k for k, f in spec.fields.items() if f.required)
                    must = f"其中必填：{inner}；" if inner else ""
                    problems.add(sub, f"缺少这一部分（{must}写法见 examples/unit.yaml）")
                elif spec.required:
                    problems.add(sub, f"缺少必填项{('（' + spec.help + '）') if spec.help else ''}")
                out[name] = spec.default
                continue
            out[name] = spec.check(raw, sub, problems)
        return out


def _colon_hint(value: Any) -> str:
    """A mapping that YAML read as text: almost always a full-width colon (单位：…) or a colon
    without the space after it (全称:…)."""
    if isinstance(value, str) and "：" in value:
        return "；其中的“：”是全角冒号，请改为半角冒号加一个空格“: ”"
    if isinstance(value, str) and re.search(r":\S", value):
        return "；冒号后面要加一个空格：“字段: 值”"
    return ""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _unknown_key(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.4)
    hint = f"，是否应为“{close[0]}”？" if close else f"，可用的字段：{'、'.join(known)}"
    return f"未知字段{hint}"


def today() -> dt.date:
    return dt.date.today()
