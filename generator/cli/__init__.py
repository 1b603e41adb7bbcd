"""The command line: click only. Each module parses the options of one command group and calls
the library; main.py holds the group and the mapping of errors to exit codes. Nothing outside
cli/ imports it."""
from __future__ import annotations

from generator.cli.approve import approve, publicity, request
from generator.cli.corpus import corpus
from generator.cli.layout import format_command, preview_command
from generator.cli.lint import lint
from generator.cli.main import main
from generator.cli.plans import notice, plan
from generator.cli.serve import serve
from generator.cli.summary import roster, summary

for _command in (plan, notice, summary, roster, approve, request, publicity, lint, format_command, preview_command, serve, corpus):
    main.add_command(_command)

__all__ = ["main"]
