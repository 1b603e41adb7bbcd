"""The user's cache directory for gongwen (the jieba prefix dictionary lives there), and its data
directory (what must survive a cache clean-up: the workbench's last unit profile).

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


def user_data_dir() -> Path:
    """Where gongwen keeps what the writer would miss if it were wiped (the workbench's last unit
    profile): GONGWEN_DATA_DIR, else the platform's place for application data — not the cache."""
    override = os.environ.get("GONGWEN_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Roaming")
        return Path(base) / "gongwen"
    if sys.platform == "darwin":
        return Path(os.path.expanduser("~")) / "Library" / "Application Support" / "gongwen"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "gongwen"
