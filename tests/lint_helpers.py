"""What the lint tests share: the fixed formulations from snippets/ (never typed in a test) and
shorthands for linting a text."""
from __future__ import annotations

import datetime as dt

from generator.core import snippets as snippets_mod
from generator.lint.engine import lint_draft
from generator.readers import read_text

S = snippets_mod.load()
ZYQ = S.formulations["总要求"].text  # 控制总量、优化结构、提高质量、发挥作用
FZ = S.formulations["十六字方针"].text
XZ = S.formulations["细则"].text
XZ_TRIAL = S.formulations["细则试行"].text
TEAM = S.formulations["队伍目标"].text
ITEMS = ZYQ.split("、")
D2025 = dt.date(2025, 3, 1)


def lint(text: str, fmt: str = "txt", kind: str | None = None, day: dt.date | None = None):
    return lint_draft(read_text(text, f"草稿.{fmt}", fmt), None, kind, day)


def hits(text: str, rule: str, **kw) -> list:
    """Every place the rule found, one cause repeated counted at each place (a collapsed finding
    stands for several)."""
    return [i for f in lint(text, **kw).findings if f.rule == rule for i in f.instances()]
