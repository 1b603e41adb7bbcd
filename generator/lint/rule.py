"""What a lint rule is, and the registry of rules (yamllint style): a rule is a small function
registered with its id `family/name`, default severity, the source it rests on and a Chinese
description; it yields Findings. Nothing here imports the rest of lint, so rules, the config and
the engine all build on it without a cycle."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from generator.lint.context import Context

SEVERITIES = ("error", "warning", "info")
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
FAMILIES = ("structure", "phrase", "era", "placeholder", "wording", "procedure", "chain", "repeat", "number", "numbering", "punct",
            "format", "refs", "layout", "junk")
FAMILY_NAMES = {"structure": "结构", "phrase": "固定提法", "era": "时代提法", "placeholder": "占位符", "wording": "用语",
                "procedure": "发展程序", "chain": "公示·请示·批复", "repeat": "重复", "number": "数字", "numbering": "序号",
                "punct": "标点", "format": "公文格式", "refs": "附件对照", "layout": "版式", "junk": "残留"}


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None  # just after the last character
    match: str | None = None
    suggestion: str | None = None
    source: str = ""
    fix: str | None = None  # replacement for match, when it is mechanical and safe
    part: int = 0  # 0 = the main document, 1.. = its attachments
    # one cause repeated (half-width commas all through a page): the other places this finding
    # stands for; --fix corrects them all, the report shows one line with the count
    more: list["Finding"] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.instances())

    def instances(self) -> list["Finding"]:
        """The places this finding stands for (a finding about a whole document that collapses
        places has none of its own)."""
        if self.line is None and self.more:
            return list(self.more)
        return [self, *self.more]

    def as_json(self) -> dict:
        return {
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
            "match": self.match, "suggestion": self.suggestion, "source": self.source, "count": self.count,
        }

    def __str__(self) -> str:
        where = f"第{self.line}行第{self.column}列：" if self.line is not None else ""
        return f"{where}{self.message}（{self.rule}）"

    def sort_key(self) -> tuple:
        return (self.line is not None, self.line or 0, self.column or 0, self.rule)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    source: str
    description: str
    check: Callable[["Context"], Iterable[Finding]]
    fixable: bool = False
    scope: str = "part"  # "part": once per document of the file; "file": once per file
    # findings that are one cause repeated: "paragraph" reports them once per paragraph; "document"
    # (or True) also once per document when they run through it; "match" once for the same text a few characters apart
    # (engine.collapse)
    collapse: bool | str = False

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, source: str, description: str, *, fixable: bool = False, scope: str = "part",
         collapse: bool | str = False):
    """Register a check: `@rule("punct/halfwidth", "warning", "GB/T 15834—2011 4.1", "…")`."""
    assert severity in SEVERITIES and "/" in rule_id

    def deco(fn):
        REGISTRY[rule_id] = Rule(rule_id, severity, source, description, fn, fixable, scope, collapse)
        return fn

    return deco
