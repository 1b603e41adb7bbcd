"""Chinese for click's own messages (usage errors, help headings). click looks its texts up
through gettext; the translations are data (snippets/cli_zh.yaml), untranslated texts stay English."""
from __future__ import annotations

import importlib

from . import resources
from .yamlio import load_yaml

_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui")


def install() -> None:
    data = load_yaml(resources.snippets_dir() / "cli_zh.yaml")
    singular: dict[str, str] = data.get("messages") or {}
    plural: dict[str, str] = data.get("plural") or {}

    def gettext(message: str) -> str:
        return singular.get(message, message)

    def ngettext(one: str, many: str, n: int) -> str:
        chosen = one if n == 1 else many
        return plural.get(chosen, chosen)

    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
