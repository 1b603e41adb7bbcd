"""Writing output safely: never overwrite without force, temp file + rename, all-or-nothing for a
set of files, names from data made safe for Windows and Linux (docs/ARCHITECTURE.md decision 6)."""
from __future__ import annotations

import errno
import itertools
import os
import re
import stat
import threading
import unicodedata
from pathlib import Path
from typing import Iterable

from generator.errors import InputError, OutputError
from generator.infra.codec import strip_invisible

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


# No draft, sheet or profile comes near this; a bigger file is a mistake (a video, a disk image)
# that would only fill the memory of an office PC.
MAX_INPUT_BYTES = 200 * 1024 * 1024


def check_input_file(path: Path, what: str = "文件") -> None:
    """An input must be a regular file of a sane size: a FIFO or a device (/dev/zero) would be
    read forever. Raises InputError naming the file; a missing file is left to the reader."""
    path = Path(path)
    if "\x00" in str(path):
        raise InputError(f"{str(path)!r}：文件名中含有空字符（NUL），无法打开")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}：文件不存在") from None
    except (OSError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "路径无效"
        raise InputError(f"{path}：无法读取（{reason}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}：是一个目录，请给出{what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}：不是普通文件（是管道、设备或套接字），无法作为{what}读取")
    if st.st_size > MAX_INPUT_BYTES:
        raise InputError(f"{path}：文件有 {st.st_size / 1048576:.0f} MB，超过 {MAX_INPUT_BYTES // 1048576} MB 的上限，"
                         f"不像是{what}，请检查是否选错了文件")


def read_input(path: Path, what: str = "文件") -> bytes:
    """The bytes of an input file, or one Chinese line naming the file and why it cannot be read
    (`what`: what was expected instead of a directory, e.g. 表格文件（.xlsx 或 .csv）)."""
    path = Path(path)
    check_input_file(path, what)
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
    # bidi overrides (U+202E turns 批复‮xcod.exe into what reads as a .docx), zero-width and
    # other invisible characters: dropped, a name shows what it is
    cleaned = _BAD_CHARS.sub("_", strip_invisible(name.replace("\t", " "))).strip().rstrip(". ")
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


_ABSENT = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}  # what Path.exists() takes for "no"


def check_targets(paths: list[Path], force: bool, listed: dict[Path, frozenset[str]] | None = None) -> set[Path]:
    """Refuses a directory in the way, an existing file (without force) or one that cannot be
    replaced; returns the targets that exist. `listed`: the folded names of folders just listed
    (`folded_names`) — a target whose name is not among them is not looked at again (a batch has
    thousands; a name that is, or may be on a case-insensitive disk, gets its stat)."""
    found: set[Path] = set()
    for p in paths:
        names = listed.get(p.parent) if listed else None
        if names is not None and fold_name(p.name) not in names and len(p.name.encode("utf-8")) <= 255:
            continue
        try:
            st = os.stat(p)
        except OSError as exc:  # e.g. a name too long for the file system
            if exc.errno in _ABSENT:
                if os.path.islink(p):  # the name is taken, by a link to nothing: found now, not at the end
                    raise OutputError(f"{p}：已有同名的链接（指向的文件不存在），请先删除或改名") from None
                continue
            raise OutputError(f"{p}：无法写入（{os_reason(exc)}）") from None
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{p}：同名目录已存在")
        if not force:
            raise OutputError(f"{p}：文件已存在，未覆盖（确需覆盖请加 --force）")
        _check_replaceable(p)
        found.add(p)
    return found


def fold_name(name: str) -> str:
    """A file name as a case-insensitive disk compares it (Windows, macOS): one form, one case."""
    return unicodedata.normalize("NFC", name).casefold()


def folded_names(directory: Path) -> frozenset[str] | None:
    """The names in `directory`, folded; None when it cannot be listed (each target is then stat'ed)."""
    try:
        with os.scandir(directory) as entries:
            return frozenset(fold_name(e.name) for e in entries)
    except OSError:
        return None


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


def _write_new(path: Path, data: bytes, created: list[Path]) -> None:
    """A file that must not exist yet, appearing complete or not at all: written as a file without a
    name (O_TMPFILE, Linux) or under a temp name, then hard-linked to its name (the link fails if the
    name was taken meanwhile, by another run writing into the same folder: no overwrite without
    --force). A run killed with kill -9 leaves no file or a temp file, never an empty or
    half-written one under a final name. File systems without hard links (FAT32 USB sticks, some
    network shares) claim the name exclusively and rename onto it."""
    if _O_TMPFILE and path.parent not in _NO_TMPFILE and _write_unnamed(path, data, created):
        return
    tmp = _temp_name(path)
    try:
        _write_exclusive(tmp, data)
        created.append(path)
        try:
            os.link(tmp, path)
        except FileExistsError:
            created.pop()
            raise _taken(path) from None
        except OSError:  # no hard links here
            fd = _open_exclusive(path, created)
            os.close(fd)
            os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_NO_TMPFILE: set[Path] = set()  # folders whose file system refuses files without a name
_AHEAD: dict[Path, list[int]] = {}  # folder -> files made ahead for it, open, without a name


def make_ahead(folder: Path, stop: threading.Event, limit: int) -> None:
    """New files for `folder` made ahead, without a name, while this process has nothing else to
    do (a batch's worker while the sheet is read), until `stop` is set or `limit` are open. On ext4
    making the inode is most of what creating a small file costs (0.05 ms, up to 0.6 ms when many
    files were deleted in the last minutes); linking one to its name later is cheap. A file that is
    never linked vanishes when it is closed or the process ends: nothing is left. Made in the
    nearest folder that exists (the same file system as `folder` once it is made); Linux only."""
    if not _O_TMPFILE or limit <= 0:
        return
    try:
        where = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    except OSError:  # a name too long, a folder not to be entered: the run says so when it writes
        return
    if where is None:
        return
    made = _AHEAD.setdefault(folder, [])
    while len(made) < limit and not stop.is_set():
        try:
            made.append(os.open(where, _O_TMPFILE | os.O_WRONLY, 0o666))
        except OSError:  # refused here, or no more descriptors: files are made one by one
            return


def drop_ahead() -> None:
    """Close the files made ahead and not used (they vanish)."""
    for made in _AHEAD.values():
        while made:
            os.close(made.pop())
    _AHEAD.clear()


def _taken(path: Path) -> OutputError:
    return OutputError(f"{path}：文件已存在（可能是同时运行的另一次 gongwen 刚写入的），未覆盖（确需覆盖请加 --force）")


def _write_unnamed(path: Path, data: bytes, created: list[Path]) -> bool:
    """The file written without a name in its folder, then linked to its name: no temp name to
    create and remove (two fewer changes to the folder, which every writer must lock in turn), and
    a run killed before the link leaves nothing. False when this way is not available here (the
    file system refuses O_TMPFILE, no /proc to link through): the caller writes it the other way."""
    ahead = _AHEAD.get(path.parent)  # (only the maker appends, only writing pops)
    try:
        fd = ahead.pop() if ahead else os.open(path.parent, _O_TMPFILE | os.O_WRONLY, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            _NO_TMPFILE.add(path.parent)
        return False  # (a real error — no space, no permission — is met again the other way)
    try:
        _fill(fd, data)
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            created.append(path)
            # linkat(…, AT_SYMLINK_FOLLOW) through /proc names the open file (open(2), O_TMPFILE)
            os.link(f"/proc/self/fd/{fd}", path.name, dst_dir_fd=folder)
        except FileExistsError:
            created.pop()
            raise _taken(path) from None
        except OSError:
            created.pop()
            _NO_TMPFILE.add(path.parent)
            return False
        finally:
            os.close(folder)
    finally:
        os.close(fd)
    return True


def _open_exclusive(path: Path, created: list[Path]) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        created.remove(path)
        raise _taken(path) from None


def _write_exclusive(tmp: Path, data: bytes) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        _fill(fd, data)
    finally:
        os.close(fd)


def _fill(fd: int, data: bytes) -> None:
    """All of `data` into a new file's descriptor."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def rewrite_file(path: Path, data: bytes) -> None:
    """Replace a user's file's content (lint --fix --in-place) keeping what makes it theirs: a
    symlink stays a link (its target is rewritten), the mode (a 0600 draft stays 0600) and the
    owner stay, hard links stay linked. A file with one name is replaced atomically (temp file
    with the original's mode and owner, then a rename); a file with several hard links can only
    keep them by being rewritten where it is."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except OSError as exc:
        raise OutputError(f"{path}：无法写入（{os_reason(exc)}）") from None
    if st.st_nlink > 1:
        _rewrite_in_place(path, target, data)
        return
    tmp = _temp_name(target)
    try:
        _write_exclusive(tmp, data)
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:  # not ours to give away: write into the file itself instead
                os.unlink(tmp)
                _rewrite_in_place(path, target, data)
                return
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{path}：写入失败（{os_reason(exc)}），原文件未改动") from None
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _rewrite_in_place(path: Path, target: Path, data: bytes) -> None:
    try:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise OutputError(f"{path}：写入失败（{os_reason(exc)}）") from None


_TEMP_PATTERN = re.compile(r"^\.~gongwen-(\d+)-\d+\.tmp$")


def remove_stale_temps(directory: Path) -> int:
    """Temp files of earlier runs that were killed before they could clean up (their process is
    gone): removed, so that a folder does not fill with .~gongwen-*.tmp files. Returns how many."""
    from generator.infra.lockfile import process_alive

    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP_PATTERN.match(entry.name)
        if not m or int(m.group(1)) == os.getpid() or process_alive(int(m.group(1))):
            continue
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
    return removed




def prepare_targets(paths: list[Path], force: bool) -> frozenset[Path]:
    """Before the first file of a run is written: the folders made (stale temps of killed runs
    removed), every target checked; returns the targets that exist now (replaced under --force)."""
    listed = {}
    for directory in dict.fromkeys(p.parent for p in paths):  # once per folder, in order
        ensure_dir(directory)
        remove_stale_temps(directory)
        listed[directory] = folded_names(directory)
    # without --force none existed when checked: a new name is taken exclusively, so that a file
    # another run wrote since then is not replaced
    return frozenset(check_targets(paths, force, {d: n for d, n in listed.items() if n is not None}))


def write_file(path: Path, data: bytes, existed: bool, created: list[Path]) -> None:
    """One file of a run: an existing one (--force) replaced keeping its mode, owner and links, a
    new one created exclusively and appended to `created` (what a failed run takes back)."""
    if existed:
        rewrite_file(path, data)
    else:
        _write_new(path, data, created)


def take_back(created: list[Path]) -> None:
    """Remove the files a failed run created (files it replaced are only ever replaced whole)."""
    for p in created:
        try:
            p.unlink()
        except OSError:
            pass


def write_many(files: Iterable[tuple[Path, bytes]], existed: frozenset[Path] | set[Path], created: list[Path]) -> None:
    """Write files one after another, appending the new ones to `created` (what the caller takes
    back if the run fails); an OS error becomes one message naming the file. One thread: in
    CPython a writer thread beside a rendering one waits for the interpreter lock after every
    system call, so a batch rendered first and written after is faster than the two interleaved
    (and several writer threads only contend for the folder's lock in the kernel)."""
    current = None
    try:
        for current, data in files:
            write_file(current, data, current in existed, created)
    except OSError as exc:
        raise OutputError(f"{current}：写入失败（{os_reason(exc)}），本次未留下任何文件") from None


def write_all(outputs: dict[Path, bytes], force: bool = False) -> list[Path]:
    """Write every file or none: checks all targets first; on failure removes what this call
    wrote (files that existed before are only replaced by a completed rename)."""
    paths = list(outputs)
    existed = prepare_targets(paths, force)
    written: list[Path] = []  # files this call created
    try:
        write_many(outputs.items(), existed, written)
    except BaseException:  # Ctrl-C too: a run leaves all its files or none
        take_back(written)
        raise
    return paths
    written: list[Path] = []  # files this call created
    current = paths[0] if paths else None
    try:
        for p in paths:
            current = p
            write_file(p, outputs[p], p in existed, written)
    except BaseException as exc:  # Ctrl-C too: a run leaves all its files or none
        take_back(written)
        if not isinstance(exc, OSError):
            raise
        raise OutputError(f"{current}：写入失败（{os_reason(exc)}），本次未留下任何文件") from None
    return paths
