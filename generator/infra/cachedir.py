"""The user's cache directory for gongwen (the jieba prefix dictionary lives there).

GONGWEN_CACHE_DIR overrides it; otherwise the platform's usual place. Nothing here fails: a cache
is an optimisation, so an unusable directory only means working without one."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    override = os.environ.get("GONGWEN_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return Path(base) / "gongwen" / "Cache"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~")) / "Library" / "Caches" / "gongwen"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gongwen"


def writable_cache_dir() -> Path | None:
    """The cache directory, created if missing; None when it cannot be created or written."""
    directory = user_cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if os.access(directory, os.W_OK) else None
