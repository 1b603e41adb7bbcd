"""The unit profile as a form: its fields, groups and help text come from the example profile
(examples/unit.yaml) — the keys, the comments that explain them, which are optional — so the page
and the file a writer edits by hand say the same thing. A form's values go back into YAML along the
example's own lines (comments kept, an empty optional field commented out as the example does), and
are validated by the same validator as `gongwen plan`, with its messages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator import resources

_KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<hash>#\s*)?(?P<key>[\u4e00-\u9fffA-Za-z0-9_（）]+):(?:[ \t]+(?P<value>[^#]*?))?[ \t]*"
    r"(?:#\s?(?P<comment>.*))?$"
)
_PLAIN_VALUE = re.compile(r"[^:#{}\[\],&*!|>'\"%@`]*|\d+(\.\d+)?%|[{\[].*[}\]]")


@dataclass
class FieldSpec:
    path: str  # 单位.全称
    label: str  # 全称
    help: str  # the example's comment
    example: str  # the example's value
    optional: bool
    group: str  # the top-level key
    flow: bool = False  # a YAML flow value ({2025: 15, …})


@dataclass
class _Line:
    text: str
    indent: int = 0
    path: str | None = None  # a key line's dotted path
    commented: bool = False
    value: str | None = None  # None for a section header
    comment: str = ""
    span: tuple[int, int] | None = None  # where the value stands in `text`


@dataclass
class Template:
    lines: list[_Line]
    fields: list[FieldSpec] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[FieldSpec]]]:
        out: dict[str, list[FieldSpec]] = {}
        for f in self.fields:
            out.setdefault(f.group, []).append(f)
        return list(out.items())


@lru_cache(maxsize=1)
def template() -> Template:
    text = (resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8")
    lines: list[_Line] = []
    stack: list[tuple[int, str, bool]] = []  # (indent, key, commented) of the open sections
    fields: list[FieldSpec] = []
    blocks: set[str] = set()  # commented-out sections the form shows as one block field
    for raw in text.split("\n"):
        m = _KEY_LINE.match(raw)
        if not m or (m.group("hash") is not None and not raw.lstrip().startswith("#")):
            lines.append(_Line(raw))
            continue
        commented = m.group("hash") is not None
        # "  # 范围: 全乡" and "#   include: […]": a commented key sits where its "#" is, or two
        # columns left of the key when the "#" is further left (a commented-out section's children)
        indent = max(len(m.group("indent")), m.start("key") - 2) if commented else len(m.group("indent"))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if commented and any(".".join(k for _, k, _ in stack[:i + 1]) in blocks for i in range(len(stack))):
            lines.append(_Line(raw))  # an example inside a section written as a block (分解's branches)
            continue
        key = m.group("key")
        path = ".".join([k for _, k, _ in stack] + [key])
        value = (m.group("value") or "").strip() or None
        comment = (m.group("comment") or "").strip()
        label = path.split(".", 1)[1] if "." in path else path
        if value is None:  # a section
            stack.append((indent, key, commented))
            lines.append(_Line(raw, indent, path, commented, None, comment))
            if commented and "." in path:  # 目标.分解: names the writer chooses, one “名称: 数” a line
                blocks.add(path)
                fields.append(FieldSpec(path, label, comment + "（每行写一个“名称: 数”）", "", True,
                                        path.split(".")[0], flow=True))
            continue
        optional = commented or comment.startswith("可选") or any(c for _, _, c in stack) or \
            any(_section_optional(lines, p) for p in _parents(path))
        lines.append(_Line(raw, indent, path, commented, value, comment, m.span("value")))
        fields.append(FieldSpec(path, label, comment, value, optional, path.split(".")[0],
                                flow=value.startswith(("{", "["))))
    return Template(lines, fields)


def _parents(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _section_optional(lines: list[_Line], path: str) -> bool:
    line = next((ln for ln in lines if ln.path == path and ln.value is None), None)
    return line is not None and line.comment.startswith("可选")


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """{"单位": {"全称": …}} → {"单位.全称": …}; a mapping a field holds whole (每年发展) stays one value."""
    spec = {f.path: f for f in template().fields}
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    for k, v in data.items():
        path = f"{prefix}{k}"
        if isinstance(v, dict) and not (path in spec and spec[path].flow):
            out.update(flatten(v, path + "."))
        else:
            out[path] = v
    return out


def as_text(value: Any) -> str:
    """A value as the form shows it: 2025-02-18, 60%, {2025: 15, 2026: 16}."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {as_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(as_text(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _yaml_value(text: str, flow: bool) -> str:
    text = text.strip()
    if flow or _PLAIN_VALUE.fullmatch(text) and not text.startswith((" ", "-", "?")):
        return text
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def build_yaml(values: dict[str, str], extra: dict[str, Any] | None = None) -> str:
    """The profile's YAML from form values, along the example's lines: comments kept, a field left
    empty commented out (optional) or written empty (required: the validator names it). `extra`:
    keys of a loaded profile the form does not show, kept under their sections."""
    import yaml

    t = template()
    spec = {f.path: f for f in t.fields}
    filled = {p for p, v in values.items() if str(v).strip()}
    out: list[str] = []
    extra = dict(extra or {})
    for ln in t.lines:
        if ln.path is None:
            out.append(ln.text)
            continue
        pad = " " * ln.indent
        comment = f"  # {ln.comment}" if ln.comment else ""
        if ln.value is None:  # a section: written when something inside it is
            inside = any(p == ln.path or p.startswith(ln.path + ".") for p in filled | set(extra))
            if ln.path in spec and ln.path in filled:  # a commented-out section given as a YAML block
                block = str(values[ln.path]).strip()
                out.append(f"{pad}{ln.path.split('.')[-1]}:{comment}")
                out += [pad + "  " + b for b in block.split("\n")]
                continue
            # a section with nothing in it: an optional one is left out (commented); one the profile
            # must have (公文) stays, empty
            optional = ln.commented or ln.comment.startswith("可选") or any(
                _section_optional(t.lines, q) for q in _parents(ln.path))
            if not inside and not optional:
                out.append(f"{pad}{ln.path.split('.')[-1]}: {{}}{comment}")
                continue
            hidden = not inside and bool(optional or spec.get(ln.path))
            out.append(ln.text if hidden == ln.commented else
                       f"{pad}{'# ' if hidden else ''}{ln.path.split('.')[-1]}:{comment}")
            for key in [k for k in extra if k.rsplit(".", 1)[0] == ln.path]:
                dumped = yaml.safe_dump({key.rsplit(".", 1)[-1]: extra.pop(key)}, allow_unicode=True,
                                        default_flow_style=False, sort_keys=False)
                out += [pad + "  " + d for d in dumped.rstrip("\n").split("\n")]
            continue
        f = spec[ln.path]
        key = ln.path.split(".")[-1]
        given = str(values.get(ln.path, "")).strip()
        if given:
            # the example's own line with the value put in (its comment stays where it was)
            a, b = ln.span
            line = ln.text[:a] + _yaml_value(given, f.flow) + ln.text[b:]
            if ln.commented:
                line = pad + line.lstrip()[1:].lstrip() if line.lstrip().startswith("#") else line
                line = " " * ln.indent + line.lstrip()
            out.append(line)
        elif f.optional:
            out.append(ln.text if ln.commented else f"{pad}# {key}: {ln.value}{comment}")
        else:
            out.append(f"{pad}{key}:{comment}")
    if extra:  # top-level keys the example does not have
        out.append(yaml.safe_dump({k: v for k, v in extra.items() if "." not in k}, allow_unicode=True,
                                  default_flow_style=False, sort_keys=False).rstrip("\n"))
    return "\n".join(out).rstrip("\n") + "\n"


def extra_keys(data: dict) -> dict[str, Any]:
    """What a loaded profile holds that the form has no field for, by dotted path of its first
    unknown key (目标.分解, 工作情况.2025下半年 …)."""
    t = template()
    known = {f.path for f in t.fields} | {ln.path for ln in t.lines if ln.path}
    out: dict[str, Any] = {}

    def walk(node: Any, prefix: str) -> None:
        for k, v in node.items():
            path = f"{prefix}{k}"
            if path not in known:
                out[path] = v
            elif isinstance(v, dict) and not any(f.path == path and f.flow for f in t.fields):
                walk(v, path + ".")
    if isinstance(data, dict):
        walk(data, "")
    return out


def problems_by_field(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The validator's "字段：说明" lines → {field path: [说明]} and the lines that name no field."""
    paths = [f.path for f in template().fields]  # in the form's order
    by_field: dict[str, list[str]] = {}
    other: list[str] = []
    for line in lines:
        text = line.strip().lstrip("-").strip()
        head, sep, rest = text.partition("：")
        # the field itself; else the field a deeper key belongs to (目标.分解.某支部); else, for a
        # whole section, its first field
        target = head if sep and head in paths else next(
            (p for p in paths if sep and head.startswith(p + ".")), None) or next(
            (p for p in paths if sep and p.startswith(head + ".")), None)
        if target == head:
            by_field.setdefault(target, []).append(rest)
        elif target is not None:
            by_field.setdefault(target, []).append(text)
        else:
            other.append(text)
    return by_field, other
