"""Writing output safely: never overwrite without force, temp file + rename, all-or-nothing for a
set of files, names from data made safe for Windows and Linux (DESIGN.md decision 6)."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import OutputError

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_filename(name: str, max_len: int = 120) -> str:
    """A file name from data: path separators and characters Windows refuses become '_',
    no trailing dot/space, no reserved device names, never empty."""
    cleaned = _BAD_CHARS.sub("_", name).strip().rstrip(". ")
    cleaned = re.sub(r"_+", "_", cleaned)
    if not cleaned or set(cleaned) <= {"_", "."}:
        cleaned = "未命名"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:max_len]


def ensure_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}：无法创建输出目录（{exc.strerror}）") from None
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{directory}：输出目录不可写")


def check_targets(paths: list[Path], force: bool) -> None:
    for p in paths:
        if p.exists() and not force:
            raise OutputError(f"{p}：文件已存在，未覆盖（确需覆盖请加 --force）")
        if p.exists() and p.is_dir():
            raise OutputError(f"{p}：同名目录已存在")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_one(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".~gongwen-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a normal file is what users expect
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_all(outputs: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write every file or none: checks all targets first; on failure removes what this call
    wrote (files that existed before are only replaced by a completed rename)."""
    paths = list(outputs)
    for p in paths:
        ensure_dir(p.parent)
    check_targets(paths, force)
    written: list[Path] = []
    try:
        for p in paths:
            existed = p.exists()
            _write_one(p, outputs[p])
            if not existed:
                written.append(p)
    except BaseException as exc:  # Ctrl-C too: a run leaves all its files or none
        for p in written:
            try:
                p.unlink()
            except OSError:
                pass
        if not isinstance(exc, OSError):
            raise
        raise OutputError(f"{exc.filename or paths[0]}：写入失败（{exc.strerror}），本次未留下任何文件") from None
    return paths
