"""Lint rules: one module per family (structure, phrase, era, wording, procedure, chain, repeat, number,
numbering, punct, format, refs, layout, junk), each rule a small function registered with @rule; plus the
data-driven rules of snippets/lint/rules/*.yaml (term lists, swaps, residue patterns)."""
from __future__ import annotations

import importlib

from generator import resources
from generator.core import snippets
from generator.lint.rule import REGISTRY
from generator.lint.yamlrules import compile_rules

MODULES = ("structure", "phrase", "era", "wording", "procedure", "chain", "repeat", "number", "numbering", "punct", "format", "refs",
           "layout", "junk")
_LOADED = False


def load_all() -> None:
    global _LOADED
    if _LOADED:
        return
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")
    for path in sorted((resources.snippets_dir() / "lint" / "rules").glob("*.yaml")):
        for r in compile_rules(snippets.data(f"lint/rules/{path.stem}"), f"snippets/lint/rules/{path.name}"):
            REGISTRY[r.id] = r
    _LOADED = True
