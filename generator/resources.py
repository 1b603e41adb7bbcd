"""Where the data directories are: inside the package of an installed wheel, else the checkout."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def root() -> Path:
    bundled = _PACKAGE / "_res"
    if (bundled / "snippets").is_dir():
        return bundled
    return _PACKAGE.parent


def path(*parts: str) -> Path:
    return root().joinpath(*parts)


def snippets_dir() -> Path:
    return path("snippets")


def templates_dir() -> Path:
    return path("templates")


def corpus_dir() -> Path:
    return path("corpus")


def examples_dir() -> Path:
    return path("examples")
