"""Lock files that name their owner (process id, machine, time), so that a lock left behind by a
run that was killed (kill -9, a closed terminal window, a power cut) is recognised and taken over
instead of blocking every later run until someone deletes it by hand."""
from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from pathlib import Path

# A lock older than this is stale even if its process id is alive: ids are reused, and no batch
# of ours runs for a day.
STALE_AFTER = dt.timedelta(hours=24)


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine. Never signals it: on Windows
    os.kill(pid, 0) would terminate the process, so Windows asks the kernel through ctypes."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return True
    return True


def _owner_text() -> str:
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return f"pid={os.getpid()}\nhost={socket.gethostname()}\nsince={now}\n"


def _owner(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def stale_reason(path: Path) -> str | None:
    """Why the lock at `path` is stale (its owner is gone), or None while it may be held."""
    owner = _owner(path)
    try:
        pid = int(owner.get("pid", ""))
    except ValueError:
        pid = None
    try:
        age = dt.datetime.now() - dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None
    if age > STALE_AFTER:
        return f"已有{age.days}天以上"
    if pid is None:
        # an empty lock is what an older version, or a run killed while creating it, leaves
        return "没有记录进程号，且创建已超过1分钟" if age > dt.timedelta(minutes=1) else None
    if owner.get("host") not in (None, socket.gethostname()):
        return None  # a run on another computer (a shared folder): cannot tell, do not take it
    if pid != os.getpid() and not process_alive(pid):
        return f"创建它的进程 {pid} 已结束"
    return None


def acquire(path: Path) -> str | None:
    """Create the lock exclusively. Returns a note when a stale lock was taken over; raises
    FileExistsError while another live run holds it (OSError for other failures)."""
    note = None
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                judged = path.read_bytes()
            except OSError:
                judged = None
            reason = stale_reason(path)
            if reason is None or note is not None:
                raise
            note = f"锁文件 {path.name} 是上次中断的运行留下的（{reason}），已接管"
            try:
                if path.read_bytes() == judged:  # not a fresh lock another run took over meanwhile
                    path.unlink()
            except FileNotFoundError:
                pass
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_owner_text())
        return note
    raise FileExistsError(path)  # pragma: no cover - the loop returns or raises


def release(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
