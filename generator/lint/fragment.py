"""Lint of a fragment — a rendered corpus clause — as part of a document of its kind and date
(`gongwen corpus check`). Rules that judge a whole document (its parts, elements, required
phrases, heading sequence) do not apply to a fragment."""
from __future__ import annotations

import datetime as dt

from generator.lint.config import LintConfig
from generator.lint.engine import lint_draft
from generator.lint.rule import Finding
from generator.readers import read_fragment

WHOLE_DOCUMENT = {"structure", "phrase/required", "numbering/sequence", "numbering/level-skip",
                  "format/number-year", "junk/revisions", "junk/comments"}


def lint_text(text: str, kind: str | None = None, day: dt.date | None = None, source: str = "<条文>",
              severities: tuple[str, ...] = ("error", "warning")) -> list[Finding]:
    """Errors and warnings of a clause text; `day` decides the era wording it is judged by."""
    config = LintConfig(disabled=set(WHOLE_DOCUMENT))
    result = lint_draft(read_fragment(text, source), config, kind, day)
    return [f for f in result.findings if f.severity in severities]
