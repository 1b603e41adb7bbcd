"""Writing output safely: never overwrite without force, temp file + rename, all-or-nothing for a
set of files, names from data made safe for Windows and Linux (docs/ARCHITECTURE.md decision 6)."""
from __future__ import annotations

import errno
import itertools
import os
import re
from pathlib import Path

from generator.errors import InputError, OutputError

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# Linux and macOS allow 255 bytes per name; a Chinese character is 3 bytes in UTF-8. The stem keeps
# room for a suffix ("_12.docx") and for the temp name written beside it.
_MAX_NAME_BYTES = 200

# What the operating system's (English) error means for a writer, by errno. Windows reports a file
# that Word or WPS holds open as EACCES (WinError 32 / 33: sharing or lock violation).
_REASONS = {
    errno.EACCES: "没有权限：文件可能正在 Word、WPS 或 Excel 中打开，或者是只读的",
    errno.EPERM: "没有权限：文件可能正在 Word、WPS 或 Excel 中打开，或者是只读的",
    errno.ENOENT: "文件或目录不存在",
    errno.EEXIST: "已有同名的文件或目录",
    errno.ENOTDIR: "路径中有一段是文件而不是目录",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘或目录是只读的",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EINVAL: "文件名中有系统不允许的字符",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "超出了磁盘配额"


def os_reason(exc: OSError) -> str:
    """The Chinese reason for an OSError (its strerror is English on most systems)."""
    if getattr(exc, "winerror", None) in (32, 33):
        return "文件正在其他程序（如 Word、WPS、Excel）中打开，请先关闭"
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def read_input(path: Path, what: str = "文件") -> bytes:
    """The bytes of an input file, or one Chinese line naming the file and why it cannot be read
    (`what`: what was expected instead of a directory, e.g. 表格文件（.xlsx 或 .csv）)."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}：文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{path}：是一个目录，请给出{what}") from None
    except OSError as exc:
        if path.is_dir():  # Windows reports a directory as "permission denied"
            raise InputError(f"{path}：是一个目录，请给出{what}") from None
        raise InputError(f"{path}：无法读取（{os_reason(exc)}）") from None


def safe_filename(name: str, max_len: int = 120) -> str:
    """A file name from data: path separators and characters Windows refuses become '_',
    no trailing dot/space, no reserved device names, never empty, never longer than a file
    system allows (max_len characters and 200 bytes of UTF-8)."""
    cleaned = _BAD_CHARS.sub("_", name).strip().rstrip(". ")
    cleaned = re.sub(r"_+", "_", cleaned)
    if not cleaned or set(cleaned) <= {"_", "."}:
        cleaned = "未命名"
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return _shorten(cleaned, max_len)


def _shorten(name: str, max_len: int) -> str:
    """A name too long keeps its beginning and its end (a title's end says what the document is:
    …2025年度发展党员工作计划), about two thirds and one third, with “…” between them."""
    def fits(text: str) -> bool:
        return len(text) <= max_len and len(text.encode("utf-8")) <= _MAX_NAME_BYTES

    if fits(name):
        return name
    for kept in range(min(len(name), max_len) - 1, 0, -1):
        tail = kept // 3
        candidate = name[:kept - tail] + "…" + (name[-tail:] if tail else "")
        if fits(candidate):
            return candidate
    return "未命名"


def ensure_dir(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}：已有同名文件，不能作为输出目录（-o 应为目录，文件名由工具按标题生成）")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}：无法创建输出目录（{os_reason(exc)}）") from None
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{directory}：输出目录不可写（没有写入权限或为只读）")


def check_targets(paths: list[Path], force: bool) -> None:
    for p in paths:
        try:
            exists = p.exists()
        except OSError as exc:  # e.g. a name too long for the file system
            raise OutputError(f"{p}：无法写入（{os_reason(exc)}）") from None
        if exists and p.is_dir():
            raise OutputError(f"{p}：同名目录已存在")
        if exists and not force:
            raise OutputError(f"{p}：文件已存在，未覆盖（确需覆盖请加 --force）")
        if exists:
            _check_replaceable(p)


def _check_replaceable(path: Path) -> None:
    """A file to be replaced (--force) must not be held open or read-only: find out before the
    first file is written, so that a run does not stop half way."""
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        raise OutputError(f"{path}：无法覆盖（{os_reason(exc)}），本次未写入任何文件") from None


_TEMP_NUMBERS = itertools.count(1)


def _temp_name(path: Path) -> Path:
    return path.parent / f".~gongwen-{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp"


def replace_atomically(path: Path, data: bytes, sync: bool = False) -> None:
    """Write `path` through a temp file and a rename: readers see the old file or the new one,
    never half of one. `sync`: flush to disk first (for records such as the 文号 register)."""
    _write_one(path, data, sync)


def _write_one(path: Path, data: bytes, sync: bool = False) -> None:
    """Temp file beside the target, then an atomic rename. The temp file's name is known before it
    is created, so that a Ctrl-C arriving right after the file system created it (which is where a
    signal is usually handled) still lets us remove it."""
    tmp = _temp_name(path)
    created = False
    try:
        while True:
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:  # a left-over of an earlier run with the same process id
                tmp = _temp_name(path)
                continue
            break
        created = True  # (the kernel applies the umask: a normal file, as users expect)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if created or tmp.exists():
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


def _claim(path: Path, claimed: list[Path]) -> None:
    """Create the target empty and exclusively: another run writing into the same folder at the
    same time cannot slip a file in between our check and our write (no overwrite without --force)."""
    claimed.append(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        claimed.pop()
        raise OutputError(f"{path}：文件已存在（可能是同时运行的另一次 gongwen 刚写入的），未覆盖（确需覆盖请加 --force）") from None
    except OSError:
        claimed.pop()
        raise
    # (a Ctrl-C arriving just as the file was created leaves it in `claimed`, so it is removed)
    os.close(fd)


def write_all(outputs: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write every file or none: checks all targets first; on failure removes what this call
    wrote (files that existed before are only replaced by a completed rename)."""
    paths = list(outputs)
    for directory in dict.fromkeys(p.parent for p in paths):  # once per folder, in order
        ensure_dir(directory)
    check_targets(paths, force)
    written: list[Path] = []  # files this call created (claimed empty, then written)
    current = paths[0] if paths else None
    try:
        # without --force none existed when checked: every name is claimed, so that a file another
        # run wrote since then is not replaced
        existed = {p for p in paths if p.exists()} if force else set()
        for p in paths:
            if p not in existed:
                current = p
                _claim(p, written)
        for p in paths:
            current = p
            _write_one(p, outputs[p])
    except BaseException as exc:  # Ctrl-C too: a run leaves all its files or none
        for p in written:
            try:
                p.unlink()
            except OSError:
                pass
        if not isinstance(exc, OSError):
            raise
        raise OutputError(f"{current}：写入失败（{os_reason(exc)}），本次未留下任何文件") from None
    return paths
