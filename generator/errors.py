"""One exception hierarchy. Every message is Chinese and names the file and the field/row/line."""
from __future__ import annotations


class GongwenError(Exception):
    """A problem the user can act on; the CLI prints it as one line and exits 2."""

    exit_code = 2


class InputError(GongwenError):
    """Unreadable or invalid input (profile, roster, draft)."""


class ValidationError(InputError):
    """Several problems found in one input; all are reported together."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        head = f"{source}：发现 {len(problems)} 处问题" if len(problems) > 1 else f"{source}：{problems[0]}"
        super().__init__(head)

    def __reduce__(self):  # rebuilt from what __init__ takes: it crosses from a batch's worker process
        return type(self), (self.source, self.problems)

    def lines(self) -> list[str]:
        if len(self.problems) == 1:
            return [str(self)]
        return [str(self)] + [f"  - {p}" for p in self.problems]


class TemplateError(GongwenError):
    """A template or clause could not be rendered (missing variable, syntax error)."""


class CorpusError(GongwenError):
    """A clause file is broken (front matter, unknown tag, undeclared variable)."""


class OutputError(GongwenError):
    """The output cannot be written (exists without --force, unwritable directory)."""
