"""Many 批复 at once: validate everything, number, render (optionally on several cores), then write
all files, the manifest and the 文号 register — or nothing.

Order of work, so that a bad row or an existing file stops the run before any file is written:
  1. read and validate the profile, the decisions sheet (every bad row) and the roster
  2. group into 批复, date and number them (register locked for the whole run)
  3. decide every file name and refuse existing files (unless --force)
  4. render every document (progress bar after a second) and write its files (a new file made
     without a name or under a temp name, then hard-linked), a chunk at a time; with -j N each
     worker process renders and writes a slice — and while step 1 reads the sheet, the workers
     already render the 批复 that look settled (Foresight), kept only if step 2 agrees
  5. write the manifest; on any failure or Ctrl-C remove every file this run created
  6. only then write the register (atomically)
"""
from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as dt
import io
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from multiprocessing import connection as mp_connection
from pathlib import Path
from typing import Callable, Iterator

from generator.approvals import build as approvals_mod
from generator.approvals.build import Approval, ApprovalBuilder
from generator.approvals.crosscheck import cross_check_roster
from generator.compose.assemble import compile_kind
from generator.compose.render import corpus_for
from generator.core.dates import cn_date
from generator.data.decisions import Decision, by_row, read_decisions
from generator.data.profile import Profile, load_profile
from generator.data.register import Numbering, Register, assign_numbers
from generator.errors import GongwenError, InputError, OutputError, ValidationError
from generator.infra.csvout import csv_bytes
from generator.infra.fileio import (
    check_targets,
    fold_name,
    folded_names,
    make_ahead,
    prepare_targets,
    safe_filename,
    take_back,
    write_all,
    write_many,
)
from generator.infra.progress import LazyProgress

MANIFEST_COLUMNS = ("序号", "文号", "党支部", "事项", "人数", "姓名", "成文日期", "标题", "所答请示", "请示日期", "表格行", "文件")
REQUEST_COLUMNS = ("序号", "党支部", "事项", "人数", "姓名", "请示日期", "标题", "对应批复", "表格行", "文件")


@dataclass
class BatchOptions:
    out_dir: Path = Path("output")
    formats: tuple[str, ...] = ("docx", "md")
    force: bool = False
    jobs: int = 1  # 0 = all cores
    date: dt.date | None = None  # 成文日期 for every 批复; default: its 党委会议日期
    start: int | None = None  # first 文号 sequence number
    prefix: str | None = None  # 机关代字 instead of the profile's 发文字号前缀
    register: Path | None = None
    register_default: bool = False  # the shared register by default: skipped when there is no 机关代字
    roster: Path | None = None
    letterhead: Path | None = None
    corpus_dirs: tuple[str, ...] = ()
    template_dirs: tuple[str, ...] = ()
    kind: str = "approval"  # or "request": the branches' 请示 the 批复 answer


@dataclass
class BatchResult:
    approvals: list[Approval]
    files: list[Path]  # documents, in 文号 order
    manifest: Path
    register: Path | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # said to the user after the summary


# --- rendering, in this process or in workers ------------------------------------------------------
@dataclass(frozen=True)
class RenderSpec:
    """What a worker needs to build its renderer once; small and picklable."""

    profile: Profile
    formats: tuple[str, ...]
    letterhead: str | None
    corpus_dirs: tuple[str, ...]
    template_dirs: tuple[str, ...]
    kind: str = "approval"
    roster: str | None = None  # a 请示 opens with each person's record from it


class Renderer:
    """Parses templates, corpus and the docx skeleton once, then renders 批复 (or 请示) one after another."""

    def __init__(self, spec: RenderSpec):
        self.spec = spec
        if spec.kind == "request":
            from generator.approvals.requests import RequestBuilder
            from generator.roster.people import load_roster

            roster = load_roster(spec.roster) if spec.roster else None
            self.builder = RequestBuilder(spec.profile, roster, spec.corpus_dirs, spec.template_dirs)
        else:
            self.builder = ApprovalBuilder(spec.profile, spec.corpus_dirs, spec.template_dirs)
        if {"docx", "pdf"} & set(spec.formats):  # a PDF is made from the .docx, after rendering
            if spec.letterhead:
                from generator.writers.letterhead import LetterheadWriter

                self.docx = LetterheadWriter(spec.letterhead)
            else:
                from generator.writers.outputs import docx_writer

                self.docx = docx_writer()

    def warm(self) -> None:
        """Compile the templates and clauses the first document needs (a worker, while the sheet is read)."""
        compile_kind(self.spec.kind, corpus_for(self.spec.profile, self.spec.corpus_dirs), self.spec.template_dirs)

    def render(self, a: Approval) -> dict[str, bytes]:
        g = self.builder.build(a)
        out = {}
        docx = self.docx.to_bytes(g.document) if {"docx", "pdf"} & set(self.spec.formats) else None
        for fmt in self.spec.formats:
            # "pdf" holds the .docx until all are converted in one LibreOffice run (render_outputs)
            out[fmt] = docx if fmt in ("docx", "pdf") else g.markdown.encode("utf-8")
        return out


_WORKER: Renderer | None = None
_STOP = None  # a multiprocessing Event: set by the parent at the first failure or Ctrl-C
_IDLE: threading.Event | None = None  # set when the first slice arrives: no more files made ahead
_INIT_ERROR: BaseException | None = None  # why this worker has no renderer
_WORKER_NICE = 5


def _init_worker(spec: RenderSpec, stop=None, ahead: tuple[Path, int] | None = None,
                 parent: int | None = None) -> None:
    global _WORKER, _STOP, _IDLE, _INIT_ERROR
    # Ctrl-C is the parent's to handle: a worker killed mid-result would leave the pool waiting
    # for it forever; the parent tells the workers to stop through `stop`.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _end_with(parent)
    if _WORKER_NICE and hasattr(os, "nice"):
        # a step behind the parent: while it reads the sheet (the run's critical path) the workers
        # rendering ahead take the spare core, not the reader's; afterwards they have both
        try:
            os.nice(_WORKER_NICE)
        except OSError:
            pass
    # (a fork copies this module as the parent has it: nothing of an earlier pool's worker is kept)
    _WORKER, _STOP, _IDLE, _INIT_ERROR = None, stop, None, None
    if ahead is not None:  # the sheet is being read: make the new files' inodes meanwhile
        _IDLE = threading.Event()
        folder, limit = ahead
        threading.Thread(target=_make_ahead_when_idle, args=(folder, _IDLE, limit), daemon=True).start()
    try:
        _WORKER = Renderer(spec)
        _WORKER.warm()
    except Exception as exc:  # noqa: BLE001 — a bad letterhead or template: the answer to every slice
        # (raised here, the pool would start a new worker, fail again, forever)
        _INIT_ERROR = exc


def _end_with(parent: int) -> None:
    """A worker dies with its parent — killed, the parent cannot end the pool — instead of writing
    on to the end of its slice and then waiting for work forever (Linux: the kernel kills it). Its
    files are whole ones, as the parent's own are after a kill -9. (Not SIGTERM with a handler: a
    process-wide signal may land on the thread making files ahead, and the main thread, waiting
    on a lock the closing pool holds, would never see it.)"""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # gone before it could be asked
        raise SystemExit(1)


def _make_ahead_when_idle(folder: Path, stop: threading.Event, limit: int) -> None:
    """make_ahead on a core nobody else wants: making inodes is the kernel's work, and on the
    cores that read the sheet it would slow the reading down (Linux: this thread SCHED_IDLE)."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # 0: the calling thread
    except (AttributeError, OSError):
        return  # no way to keep out of the reader's way: files are made when written
    make_ahead(folder, stop, limit)


def expected_files(sheet: Path | str, options: BatchOptions) -> int:
    """At most how many files a batch from `sheet` writes, guessed from its size before it is read
    (one document per row at most; an .xlsx row of a decisions sheet takes 45–60 bytes packed, a
    .csv row more: 32 guesses high) — so that a small sheet's workers make few files ahead."""
    try:
        size = os.path.getsize(sheet)
    except OSError:
        return 0
    packaging = 4096 if Path(sheet).suffix.lower() in (".xlsx", ".xlsm") else 0  # a workbook's other parts
    return (max(0, size - packaging) // 32 + 1) * len(options.formats)


def ahead_limit(jobs: int) -> int:
    """How many files each worker may make ahead: a share of the descriptors a process may hold
    open (often 1,024), never more than 1,024."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return 0
    if soft == resource.RLIM_INFINITY:
        soft = 4096
    return max(0, min(1024, (soft - 64) // (jobs + 1)))


def _render_in_worker(work: tuple[int, list[Approval]]):
    """Documents rendered in memory (PDF output: converted together in the parent)."""
    start, approvals = work
    if _INIT_ERROR is not None:
        return start, [], _portable(_INIT_ERROR)
    assert _WORKER is not None
    try:
        return start, [_WORKER.render(a) for a in approvals], None
    except Exception as exc:  # noqa: BLE001 — reported to the parent, which raises it
        return start, [], _portable(exc)


_CHUNK = 200  # documents rendered before they are written: memory stays bounded on any batch


def _render_write(renderer: Renderer, work: list[tuple[Approval, list[tuple[Path, str, bool]]]],
                  progress: LazyProgress | None = None, stop=None) -> list[Path]:
    """Render a chunk of documents, write its files, go on (one thread: see fileio.write_many).
    Raises the first failure after taking back every file created here; with `stop` set (another
    worker failed, or Ctrl-C) returns what it created so far, for the caller to take back."""
    existed = frozenset(path for _, targets in work for path, _, was in targets if was)
    created: list[Path] = []
    try:
        for k in range(0, len(work), _CHUNK):
            chunk = work[k:k + _CHUNK]
            rendered = []
            for a, _ in chunk:
                if stop is not None and stop.is_set():
                    return created
                rendered.append(renderer.render(a))
                if progress:
                    progress.advance()
            write_many(((path, data[fmt]) for (_, targets), data in zip(chunk, rendered)
                        for path, fmt, _ in targets), existed, created)
    except BaseException:  # Ctrl-C too: all or nothing
        take_back(created)
        raise
    return created


def _render_write_in_worker(work: tuple[int, list[Approval], list[list[tuple[Path, str, bool]]]]):
    """A slice of the batch rendered, then written, in a worker (each worker creates its own files:
    on a slow disk creating them is most of a batch, and with files made without a name the
    folder's lock is held only to link them). Never raises (the parent must hear of every file
    created): returns (the slice's index, documents in it, created paths, error or None); a
    failing slice has taken back its own files."""
    if _IDLE is not None:
        _IDLE.set()
    index, approvals, targets = work
    if _INIT_ERROR is not None:
        return index, len(approvals), [], _portable(_INIT_ERROR)
    assert _WORKER is not None
    try:
        return index, len(approvals), _render_write(_WORKER, list(zip(approvals, targets)), stop=_STOP), None
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, which raises it
        return index, len(approvals), [], _portable(exc)


_AHEAD: dict[int, dict[str, bytes]] = {}  # what this worker rendered while the sheet was read, by id


def _render_ahead_in_worker(work: tuple[list[int], list[Approval]]):
    """Documents rendered ahead of the sheet's end (Foresight), kept here until the parent says
    which to write (_write_ahead_in_worker). Never raises: one that fails is rendered again when
    it is written, where its error, if it is one, ends the run."""
    ids, approvals = work
    if _INIT_ERROR is None and _WORKER is not None:
        for i, a in zip(ids, approvals):
            try:
                _AHEAD[i] = _WORKER.render(a)
            except Exception:  # noqa: BLE001
                pass
    return "ahead", len(ids), [], None


class _Ahead:
    """The worker's renderer, giving first what it rendered ahead (documents are (id, 批复) here)."""

    def __init__(self, renderer: Renderer, ready: dict[int, dict[str, bytes]]):
        self.renderer, self.ready = renderer, ready

    def render(self, item: tuple[int, Approval]) -> dict[str, bytes]:
        found = self.ready.pop(item[0], None)
        return found if found is not None else self.renderer.render(item[1])


def _write_ahead_in_worker(work: tuple[int, list[int], list[Approval], list[list[tuple[Path, str, bool]]]]):
    """Write the documents the checked sheet confirmed of those this worker rendered ahead (one
    that failed there is rendered now); the rest are dropped. Answers as a slice does, under the
    index given."""
    index, ids, approvals, targets = work
    ready = dict(_AHEAD)
    _AHEAD.clear()
    if _INIT_ERROR is not None:
        return index, len(ids), [], _portable(_INIT_ERROR)
    assert _WORKER is not None
    try:
        made = _render_write(_Ahead(_WORKER, ready), list(zip(zip(ids, approvals), targets)), stop=_STOP)  # type: ignore[arg-type]
        return index, len(ids), made, None
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, which raises it
        return index, len(ids), [], _portable(exc)


_TASKS = {"slice": _render_write_in_worker, "render": _render_in_worker,
          "ahead": _render_ahead_in_worker, "write": _write_ahead_in_worker}


def _serve(conn, spec: RenderSpec, stop, ahead: tuple[Path, int] | None, parent: int) -> None:
    """A worker: tasks come in order over its own connection, each answer goes back over it.
    One connection per worker, whose other end only the parent holds: if the worker dies, even in
    the middle of an answer, the parent reads the end of the connection instead of waiting for
    ever (a result pipe shared by all workers, as in Pool or ProcessPoolExecutor, stays open)."""
    _init_worker(spec, stop, ahead, parent)
    try:
        while True:
            task = conn.recv()
            if task is None:
                return
            name, work = task
            conn.send(_TASKS[name](work))
    except (EOFError, OSError):
        return  # the parent is gone
    finally:
        conn.close()


def _portable(exc: BaseException) -> BaseException:
    """`exc` as it can cross to the parent: an exception that cannot be rebuilt there would stop
    the pool's result thread, and the parent would wait forever. Such a one travels as its message."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 — whatever makes it unpicklable
        if isinstance(exc, GongwenError):
            return InputError(str(exc))
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _jobs(jobs: int, n: int) -> int:
    jobs = cpu_count() if jobs == 0 else jobs
    return max(1, min(jobs, n))


def _pool_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _chunk(n: int, jobs: int) -> int:
    return max(1, min(32, n // (jobs * 8) or 1))


def render_all(approvals: list[Approval], spec: RenderSpec, jobs: int = 1,
               progress: LazyProgress | None = None) -> list[dict[str, bytes]]:
    """Every 批复 rendered, in order, in memory. With jobs > 1 worker processes each build one
    Renderer (with fork they inherit this process's parsed templates and corpus as they are)."""
    jobs = _jobs(jobs, len(approvals))
    renderer = Renderer(spec)  # checks templates and the letterhead before any worker starts
    if jobs == 1:
        results = []
        for a in approvals:
            results.append(renderer.render(a))
            if progress:
                progress.advance()
        return results
    renderer.render(approvals[0])  # warm the caches that forked workers inherit
    size = _chunk(len(approvals), jobs)
    rendered: list = [None] * len(approvals)
    tasks = [("render", (k, approvals[k:k + size])) for k in range(0, len(approvals), size)]
    with Workers(spec, jobs) as w:
        try:
            for _, (start, part, failed) in w.run(tasks):
                if failed is not None:
                    raise failed
                rendered[start:start + len(part)] = part
                if progress:
                    progress.advance(len(part))
        except WorkerDied:
            raise OutputError(_WORKER_DIED) from None
    return rendered


_WORKER_DIED = "生成文件的工作进程意外退出，本次未写入任何文件"


class WorkerDied(Exception):
    """A worker's connection ended without an answer: it was killed, or ran out of memory."""


class Workers:
    """Worker processes, each with its own connection (see _serve), started before the sheet is
    read: forking them and building their renderers then overlaps reading and checking the sheet,
    which otherwise keeps every core but one idle. `stop` tells them to stop after the document in
    hand. Ended on leaving: told to, given a moment, then killed.

    Not multiprocessing.Pool nor ProcessPoolExecutor: a Pool never answered for the task of a
    worker that died, and hung in terminate() under load; the executor hung for ever when a
    worker died in the middle of sending a large answer (the result pipe is shared and stays open)."""

    def __init__(self, spec: RenderSpec, jobs: int, out_dir: Path | None = None, files: int = 0):
        ctx = _pool_context()
        self.jobs = jobs
        self.stop = ctx.Event()
        # each worker makes its share of the `files` expected while the sheet is read (fileio.make_ahead)
        ahead = (Path(out_dir), min(ahead_limit(jobs), -(-files // jobs))) if out_dir is not None and files else None
        self.procs: list = []
        self.conns: list = []
        self.busy: list[int] = []  # tasks sent to each worker and not answered
        self.dead: set[int] = set()
        self.finished = False  # set by the run once every file and the register are written
        try:
            for _ in range(jobs):
                here, there = ctx.Pipe()
                proc = ctx.Process(target=_serve, args=(there, spec, self.stop, ahead, os.getpid()), daemon=True)
                proc.start()
                there.close()  # (the worker's end is the worker's alone: its death ends the connection)
                self.procs.append(proc)
                self.conns.append(here)
                self.busy.append(0)
        except BaseException:
            self.close()
            raise

    def send(self, i: int, name: str, work) -> None:
        try:
            self.conns[i].send((name, work))
        except (EOFError, OSError):
            self.dead.add(i)
            raise WorkerDied from None
        self.busy[i] += 1

    def free(self, depth: int = 2) -> int | None:
        """The live worker with the fewest tasks in hand, if it has fewer than `depth` (one in
        hand and one queued: never idle, never holding work another could take)."""
        live = [i for i in range(self.jobs) if i not in self.dead]
        i = min(live, key=lambda i: self.busy[i]) if live else None
        return i if i is not None and self.busy[i] < depth else None

    def feed(self, queue: list[tuple[str, object]], depth: int = 2) -> None:
        """Send tasks from the end of `queue` while a worker has room; raises WorkerDied."""
        while queue:
            i = self.free(depth)
            if i is None:
                return
            self.send(i, *queue[-1])
            queue.pop()

    def working(self) -> bool:
        return any(self.busy[i] for i in range(self.jobs) if i not in self.dead)

    def answers(self, timeout: float | None = None) -> list[tuple[int, object]]:
        """The answers ready within `timeout` as (worker, answer); a worker found dead answers
        with a WorkerDied (and is not asked again)."""
        live = {self.conns[i]: i for i in range(self.jobs) if i not in self.dead and self.busy[i]}
        if not live:
            return []
        out: list[tuple[int, object]] = []
        for conn in mp_connection.wait(list(live), timeout):
            i = live[conn]
            try:
                answer = conn.recv()
            except (EOFError, OSError):
                self.dead.add(i)
                out.append((i, WorkerDied()))
                continue
            except BaseException:
                self.dead.add(i)  # an answer cut in the middle (a Ctrl-C): this connection cannot be read on
                raise
            self.busy[i] -= 1
            out.append((i, answer))
        return out

    def run(self, tasks: list[tuple[str, object]], depth: int = 2) -> Iterator[tuple[int, object]]:
        """Send `tasks`, at most `depth` in hand per worker, and yield (worker, answer) as they
        come; a dead worker raises WorkerDied."""
        queue = list(reversed(tasks))
        while queue or self.working():
            self.feed(queue, depth)
            for i, answer in self.answers():
                if isinstance(answer, WorkerDied):
                    raise answer
                yield i, answer

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, kind, *exc) -> None:
        interrupted = False
        while True:  # a Ctrl-C now must not leave workers writing after the caller takes back files
            try:
                self.close()
                break
            except KeyboardInterrupt:
                interrupted = True
        if interrupted and kind is None and not self.finished:
            raise KeyboardInterrupt

    def close(self) -> None:
        """Tell the workers to stop, let them finish the document in hand, then end them."""
        self.stop.set()
        for conn in self.conns:
            try:
                conn.send(None)
            except (OSError, EOFError, ValueError):
                pass
        deadline = time.monotonic() + _END_SECONDS
        for proc in self.procs:
            proc.join(max(0.0, deadline - time.monotonic()))
        for proc in self.procs:
            if proc.exitcode is None:
                proc.kill()
                proc.join()
        for conn in self.conns:
            conn.close()


_END_SECONDS = 10.0  # how long ending workers may take before they are killed (a document in hand)


def render_write_parallel(approvals: list[Approval], spec: RenderSpec, targets: list[list[tuple[Path, str, bool]]],
                          jobs: int, progress: LazyProgress | None = None, workers: Workers | None = None,
                          meanwhile: Callable[[], None] | None = None,
                          first: dict[int, tuple[list[int], list[Approval], list]] | None = None) -> list[Path]:
    """Render and write on `jobs` cores, a slice of documents per task; returns the files created.
    `first`: per worker, the documents it rendered ahead, to write before any slice (Foresight).
    `meanwhile` runs here while the workers work (this process would only wait: the manifest).
    All or nothing: at the first failure (or Ctrl-C, or a worker that died) the workers are told
    to stop, every answer still on its way is collected, and every file created is taken back
    before the error is raised."""
    if workers is None and approvals:  # forked below: they inherit what rendering one here compiles
        Renderer(spec).render(approvals[0])  # (and a template's error surfaces before they start)
    error: BaseException | None = None
    size = _chunk(len(approvals), jobs) if approvals else 1
    slices = [(k, approvals[k:k + size], targets[k:k + size]) for k in range(0, len(approvals), size)]
    answered: list[tuple] = []
    first = first or {}
    with workers if workers is not None else Workers(spec, jobs) as w:
        queue = [("slice", s) for s in reversed(slices)]

        def fail(exc: BaseException) -> None:
            nonlocal error
            w.stop.set()
            queue.clear()  # slices not sent are never sent
            error = error or exc

        def send_more() -> None:
            try:
                w.feed(queue)
            except WorkerDied:
                fail(OutputError(_WORKER_DIED))

        try:
            if w.dead:  # one died while the sheet was read
                fail(OutputError(_WORKER_DIED))
            for i, (ids, ahead, ahead_targets) in first.items():
                if error is None:
                    try:
                        w.send(i, "write", (-1 - i, ids, ahead, ahead_targets))
                    except WorkerDied:
                        fail(OutputError(_WORKER_DIED))
            if error is None:
                send_more()
            if meanwhile is not None:
                try:
                    meanwhile()
                except BaseException as exc:  # Ctrl-C too: what the workers made is collected, then taken back
                    fail(exc)
        except KeyboardInterrupt as exc:
            fail(exc)
        while w.working():
            try:
                for _, answer in w.answers():
                    if isinstance(answer, WorkerDied):
                        fail(OutputError(_WORKER_DIED))
                        continue
                    if answer[0] == "ahead":  # (a guess the worker was still rendering)
                        continue
                    answered.append(answer)
                    _, count, _, failed = answer
                    if failed is not None:
                        fail(failed)
                    elif progress and error is None:
                        progress.advance(count)
                if error is None:
                    send_more()
            except BaseException as exc:  # Ctrl-C: the workers finish the document in hand, then skip
                fail(exc)
    # (the workers have ended: none writes any more)
    created = [path for _, _, made, _ in answered for path in made]
    if error is not None:
        take_back(created)
        # a slice that never answered (its worker died) may have written some of its files
        done = {index for index, _, _, _ in answered}
        unanswered = [t for k, _, ts in slices if k not in done for t in ts]
        unanswered += [t for i, (_, _, ts) in first.items() if -1 - i not in done for t in ts]
        take_back([path for t in unanswered for path, _, was in t if not was and os.path.lexists(path)])
        raise error
    return created


# --- rendering while the sheet is read -------------------------------------------------------------
class Foresight:
    """The 批复 that look settled, rendered by the workers while this process still reads the
    sheet (reading 2,000 rows is a quarter of a two-worker batch, with the other core idle).

    A guess, never a decision: the groups seen so far are numbered as plan() will number them
    (in order of first appearance: a group's number depends only on the groups before it), the
    one holding the last row read is left open, and each settled group is rendered once. After
    the sheet is read and checked, a rendering is used only for a 批复 equal in every field to
    the one plan() made — a group that gained a row later, or any other difference, is rendered
    again with the rest. A failure here turns the guessing off; it never changes what is written."""

    PER_TASK = 8  # 批复 per task sent
    LIMIT = 4000  # 批复 rendered ahead at most (held in the workers' memory until the sheet is checked)

    def __init__(self, workers: Workers, profile: Profile, options: BatchOptions, register: Register | None):
        self.workers, self.options = workers, options
        self.grouping = approvals_mod.Grouping()  # every group seen, as plan() will group them
        self.numbered = 0  # groups numbered so far (each only once it is settled)
        self.seen = 0  # decisions taken in
        self.sent: list[tuple[int, Approval]] = []  # (the worker, the guess); its id is its position
        self.waiting: list[Approval] = []  # settled, not yet sent
        self.off = False
        prefix = options.prefix or profile.office.get("发文字号前缀")
        self.issuer = profile.full_name
        if options.kind == "request":
            self.numbering = None
        else:
            peek = None
            if register is not None:  # a copy: the guesses record nothing in the real register
                peek = copy.copy(register)
                peek.documents = dict(register.documents)
            self.numbering = Numbering(prefix, profile.office.get("文号") or 1, peek, options.start)
        self.with_keys = register is not None

    def offer(self, decisions: list[Decision]) -> None:
        """Shown the valid decisions read so far (read_decisions' watcher)."""
        if self.off:
            return
        try:
            self._offer(decisions)
        except Exception:  # noqa: BLE001 — a guess that fails is dropped; plan() decides everything
            self.off = True

    def _offer(self, decisions: list[Decision]) -> None:
        for d in decisions[self.seen:]:
            self.grouping.add(d)
        self.seen = len(decisions)
        if not decisions:
            return
        last = decisions[-1]
        for a in self.grouping.order[self.numbered:]:
            if any(p is last for p in a.people):
                break  # still open, and so are the numbers after it
            approvals_mod.check_dates([a], self.options.date)
            if self.numbering is not None:
                self.numbering.give(a, register_key(a, self.issuer) if self.with_keys else None)
            self.waiting.append(_frozen(a))
            self.numbered += 1
        w = self.workers
        for _, answer in w.answers(0):  # (an answer only frees its worker)
            if isinstance(answer, WorkerDied):
                self.off = True  # (the run ends when its slices are sent)
                return
        # a task in hand and one queued for each worker: never idle, never far ahead of the sheet
        while self.waiting and len(self.sent) < self.LIMIT:
            i = w.free()
            if i is None:
                break
            part = self.waiting[:self.PER_TASK]
            w.send(i, "ahead", (list(range(len(self.sent), len(self.sent) + len(part))), part))
            del self.waiting[:len(part)]
            self.sent += [(i, a) for a in part]

    def take(self, approvals: list[Approval]) -> dict[int, tuple[int, int]]:
        """Which of plan()'s 批复 were rendered ahead exactly as they are: index -> (the worker
        that holds it, its id there)."""
        ahead = {approvals_mod.group_key(a): (n, i, a) for n, (i, a) in enumerate(self.sent)}
        used: dict[int, tuple[int, int]] = {}
        for k, a in enumerate(approvals):
            hit = ahead.get(approvals_mod.group_key(a))
            if hit is not None and hit[2] == a:
                used[k] = (hit[1], hit[0])
        return used


def _frozen(a: Approval) -> Approval:
    """A copy of `a` as it is now (its people list copied: the group may still grow)."""
    return dataclasses.replace(a, people=list(a.people))


# --- names and manifest ----------------------------------------------------------------------------
def file_stems(approvals: list[Approval], suffix: str = "") -> list[str]:
    """`004_第一党支部_接收预备党员_张三等3名同志`: sorts in 文号 order, says what it is, and is safe
    on Windows and Linux whatever the sheet contains; made unique ignoring case (Windows)."""
    width = max(3, len(str(max((a.seq or 0) for a in approvals)))) if approvals else 3
    # numbers restart each year: a batch across a new year says which year's number it is
    several_years = len({a.day.year for a in approvals if a.number}) > 1
    seen: set[str] = set()
    out = []
    for i, a in enumerate(approvals, 1):
        seq = a.seq if a.seq is not None else i
        number = f"{a.day.year}-{seq:0{width}d}" if several_years and a.number else f"{seq:0{width}d}"
        stem = safe_filename(f"{number}_{a.branch}_{a.matter.id}_{a.who}{suffix}", max_len=100)
        unique, k = stem, 2
        while unique.lower() in seen:
            unique = f"{stem}_{k}"
            k += 1
        seen.add(unique.lower())
        out.append(unique)
    return out


def manifest_name(approvals: list[Approval], kind: str = "approval") -> str:
    if kind == "request":
        return "请示清单.csv"
    numbered = [a for a in approvals if a.number]
    if not numbered:
        return "批复清单.csv"
    years = sorted({a.day.year for a in numbered})
    first, last = numbered[0].seq, numbered[-1].seq
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return safe_filename(f"批复清单_{span}_{first}-{last}号") + ".csv"


def request_title(a: Approval) -> str:
    """The branch's 请示 this 批复 answers (requests.RequestBuilder writes it under this title)."""
    return f"{a.branch}{a.matter.request_for(a.who)}"


def manifest_csv(approvals: list[Approval], files: list[list[str]], issuer: str, kind: str = "approval") -> bytes:
    """One row per document, for Excel; 批复 and 请示 name each other, so the pairs can be matched."""
    if kind == "request":
        return csv_bytes(REQUEST_COLUMNS, (
            [i, a.branch, a.matter.id, len(a.people), "、".join(a.names), cn_date(a.people[0].request_date),
             request_title(a), a.title(issuer), "、".join(map(str, a.rows)), "；".join(names)]
            for i, (a, names) in enumerate(zip(approvals, files), 1)
        ))
    return csv_bytes(MANIFEST_COLUMNS, (
        [i, a.number or "", a.branch, a.matter.id, len(a.people), "、".join(a.names),
         cn_date(a.day), a.title(issuer), request_title(a),
         cn_date(a.request_date) if a.request_date else "", "、".join(map(str, a.rows)), "；".join(names)]
        for i, (a, names) in enumerate(zip(approvals, files), 1)
    ))


def _refuse_numbers_used_here(out_dir: Path, approvals: list[Approval]) -> None:
    """A 文号 listed in an earlier batch's manifest in the same folder is not given again: without
    --register a second run would otherwise start from 公文.文号 once more."""
    if not any(a.number for a in approvals) or not out_dir.is_dir():
        return
    column = MANIFEST_COLUMNS.index("文号")
    for old in sorted(out_dir.glob("批复清单*.csv")):
        try:
            rows = list(csv.reader(io.StringIO(old.read_text(encoding="utf-8-sig"))))
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # not one of ours
        taken = {r[column] for r in rows[1:] if len(r) > column}
        used = [a.number for a in approvals if a.number in taken]
        if used:
            more = f"等{len(used)}个文号" if len(used) > 1 else ""
            raise OutputError(
                f"{old}：本次要用的 {used[0]}{more}已在该清单所列的批复中用过；"
                "请用 --register 登记簿接着编号，或用 --start 指定新的起始号，或换一个输出目录"
            )


# --- the whole run ---------------------------------------------------------------------------------
def plan(profile: Profile, decisions_path: Path | str, options: BatchOptions,
         register: Register | None, foresight: Foresight | None = None) -> list[Approval]:
    """Steps 1–2: validated, grouped, dated and numbered 批复 (nothing rendered or written;
    `foresight` is shown the rows while they are read)."""
    if options.letterhead and not {"docx", "pdf"} & set(options.formats):
        raise InputError("--letterhead 红头模板只用于 docx 或 pdf 输出，请在 --format 中包含 docx")
    watch = foresight.offer if foresight is not None and not options.roster else None
    decisions, problems = read_decisions(decisions_path, watch)
    if options.roster:
        from generator.roster.people import load_roster

        decisions, more = cross_check_roster(decisions, load_roster(options.roster))
        problems += more
    approvals = approvals_mod.group(decisions.items)
    problems += approvals_mod.check_dates(approvals, options.date)
    if options.kind == "request":
        from generator.approvals.requests import inconsistent, missing

        problems += missing(approvals) + inconsistent(approvals)
    if problems:
        raise ValidationError(decisions.source, by_row(problems))
    if options.kind == "request":
        return approvals  # a 请示 carries the branch's own number or none: none is given here
    prefix = options.prefix or profile.office.get("发文字号前缀")
    if register is not None and not prefix:
        raise InputError(f"{profile.source}：公文.发文字号前缀 未填写，无法按登记簿编文号（可加 --prefix 指定机关代字）")
    keys = [register_key(a, profile.full_name) for a in approvals]
    problems = assign_numbers(approvals, prefix, profile.office.get("文号") or 1, register, options.start, keys)
    if problems:
        raise InputError("；".join(problems))
    return approvals


def register_key(a: Approval, issuer: str) -> str:
    """What the register records a 批复's number under: a rerun of the same batch finds it again."""
    return f"批复：{a.title(issuer)}（{a.branch}，党委会议{a.committee.isoformat()}）"


def _targets(approvals: list[Approval], options: BatchOptions,
             check: bool = True) -> tuple[list[list[str]], Path, list[Path]]:
    """Step 3: every file's name (per document, per format) and the manifest; refuses existing
    files (unless --force) and anything in the way before a document is rendered (`check`: a
    directory in the way; left to the caller that runs prepare_targets next)."""
    out_dir = Path(options.out_dir)
    stems = file_stems(approvals, "_请示" if options.kind == "request" else "")
    names = [[f"{s}.{fmt}" for fmt in options.formats] for s in stems]
    manifest = out_dir / manifest_name(approvals, options.kind)
    targets = [out_dir / n for ns in names for n in ns] + [manifest]
    if not options.force:
        # one listing, not a stat per target (a batch has thousands); no folder yet, no file yet
        listed = folded_names(out_dir) if out_dir.is_dir() else frozenset()
        existing = [p for p in targets if (listed is None or fold_name(p.name) in listed) and p.exists()]
        if not any(p != manifest for p in existing):
            # no document of this batch is there yet: a clash is another batch's 文号, say so
            _refuse_numbers_used_here(out_dir, approvals)
        if existing:
            more = f"等{len(existing)}个文件" if len(existing) > 1 else ""
            raise OutputError(f"{existing[0]}{more}已存在，未覆盖（确需覆盖请加 --force）")
    if check:
        check_targets(targets, force=True)  # a directory in the way is an error even with --force
    return names, manifest, targets


def _spec(profile: Profile, options: BatchOptions) -> RenderSpec:
    return RenderSpec(profile, tuple(options.formats), str(options.letterhead) if options.letterhead else None,
                      tuple(options.corpus_dirs), tuple(options.template_dirs), options.kind,
                      str(options.roster) if options.roster else None)


def render_outputs(profile: Profile, approvals: list[Approval], options: BatchOptions,
                   progress: LazyProgress | None = None) -> tuple[dict[Path, bytes], list[Path], Path]:
    """Steps 3–4 in memory: every file's path and bytes, documents first, then the manifest."""
    out_dir = Path(options.out_dir)
    names, manifest, _ = _targets(approvals, options)
    rendered = render_all(approvals, _spec(profile, options), options.jobs, progress)
    outputs: dict[Path, bytes] = {}
    for ns, data in zip(names, rendered):
        for n, fmt in zip(ns, options.formats):
            outputs[out_dir / n] = data[fmt]
    pdfs = {str(p): data for p, data in outputs.items() if p.suffix == ".pdf"}
    if pdfs:
        from generator.writers.pdf import to_pdf_many

        outputs.update((Path(k), v) for k, v in to_pdf_many(pdfs).items())
    outputs[manifest] = manifest_csv(approvals, names, profile.full_name, options.kind)
    documents = [out_dir / ns[0] for ns in names]
    return outputs, documents, manifest


def write_outputs(profile: Profile, approvals: list[Approval], options: BatchOptions,
                  progress: LazyProgress | None = None, workers: Workers | None = None,
                  foresight: Foresight | None = None) -> tuple[list[Path], list[Path], Path]:
    """Steps 3–5: render and write every document and then the manifest, or nothing. Documents are
    rendered and written a chunk at a time in one thread (fileio.write_many says why); with several
    cores each worker process renders and writes its own slices, first writing what it rendered
    while the sheet was read and the checked sheet confirms (`foresight`). Returns the files
    created, the documents (in order) and the manifest."""
    out_dir = Path(options.out_dir)
    jobs = _jobs(options.jobs, len(approvals))
    if "pdf" in options.formats:  # PDFs: all .docx in memory, then one LibreOffice run
        outputs, documents, manifest = render_outputs(profile, approvals, options, progress)
        before = {p for p in outputs if p.exists()}
        write_all(outputs, force=options.force)
        return [p for p in outputs if p not in before], documents, manifest
    names, manifest, targets = _targets(approvals, options, check=False)
    existed = prepare_targets(targets, options.force)  # a directory in the way refused here
    plan_ = [[(out_dir / n, fmt, out_dir / n in existed) for n, fmt in zip(ns, options.formats)] for ns in names]
    manifest_bytes: list[bytes] = []
    ahead = foresight.take(approvals) if foresight is not None and jobs > 1 else {}
    first: dict[int, tuple[list[int], list[Approval], list]] = {}
    for k, (i, ident) in ahead.items():  # each worker writes what it rendered ahead, before any slice
        ids, docs, ts = first.setdefault(i, ([], [], []))
        ids.append(ident)
        docs.append(approvals[k])
        ts.append(plan_[k])

    def make_manifest() -> None:
        manifest_bytes.append(manifest_csv(approvals, names, profile.full_name, options.kind))

    if jobs == 1:
        created = _render_write(Renderer(_spec(profile, options)), list(zip(approvals, plan_)), progress=progress)
    else:
        rest = [k for k in range(len(approvals)) if k not in ahead]
        created = render_write_parallel([approvals[k] for k in rest], _spec(profile, options), [plan_[k] for k in rest],
                                        workers.jobs if workers is not None else jobs, progress, workers,
                                        make_manifest, first)
    try:
        if not manifest_bytes:
            make_manifest()
        write_all({manifest: manifest_bytes[0]}, force=options.force)
        if manifest not in existed:
            created.append(manifest)
    except BaseException:
        if manifest not in existed and manifest not in created and manifest.exists():
            created.append(manifest)  # (written, and then a Ctrl-C)
        take_back(created)
        raise
    return created, [out_dir / ns[0] for ns in names], manifest


def run(unit: Path | str, decisions_path: Path | str, options: BatchOptions,
        progress_factory: Callable[[int], LazyProgress] | None = None) -> BatchResult:
    """The whole batch, or nothing: a run that fails leaves no file, nor a folder it made (for
    the documents, or for a new register)."""
    places = [Path(options.out_dir)] + ([Path(options.register).parent] if options.register else [])
    folders = [[d for d in (p, *p.parents) if not d.exists()] for p in places]
    try:
        return _run(unit, decisions_path, options, progress_factory)
    except BaseException:
        for made in folders:
            for d in made:  # the deepest first; one that is not empty (someone else's file) stays
                try:
                    d.rmdir()
                except OSError:
                    break
        raise


def _run(unit: Path | str, decisions_path: Path | str, options: BatchOptions,
         progress_factory: Callable[[int], LazyProgress] | None) -> BatchResult:
    started = time.perf_counter()
    profile = load_profile(unit)
    register = Register(options.register) if options.register else None
    if register is not None and options.register_default and not (options.prefix or profile.office.get("发文字号前缀")):
        register = None  # no 文号 to number: nothing to record
    jobs = cpu_count() if options.jobs == 0 else options.jobs
    early = jobs > 1 and "pdf" not in options.formats  # (PDFs: rendered in this process, see write_outputs)
    with register if register is not None else nullcontext(), \
            Workers(_spec(profile, options), jobs, options.out_dir, expected_files(decisions_path, options)) \
            if early else nullcontext() as workers:
        foresight = Foresight(workers, profile, options, register) if workers is not None else None
        approvals = plan(profile, decisions_path, options, register, foresight)
        progress = progress_factory(len(approvals)) if progress_factory else None
        created: list[Path] = []
        try:
            created, documents, manifest = write_outputs(profile, approvals, options, progress, workers, foresight)
            if progress:
                progress.close()
            if register is not None:
                prefix = options.prefix or profile.office.get("发文字号前缀")
                for a in approvals:
                    register.record(prefix, a.day.year, a.seq)
                register.save()
        except BaseException:  # Ctrl-C too: the numbers were not recorded, take back the files that carry them
            if progress:
                progress.close()
            take_back(created)
            raise
        if workers is not None:
            workers.finished = True  # a Ctrl-C while they are ended no longer undoes anything
    return BatchResult(approvals, documents, manifest, register.path if register is not None else None,
                       time.perf_counter() - started, register.notes if register is not None else [])


def summary_lines(result: BatchResult, what: str = "批复") -> Iterator[str]:
    numbered = [a for a in result.approvals if a.number]
    n = len(result.approvals)
    people = sum(len(a.people) for a in result.approvals)
    span = f"，文号 {numbered[0].number} 至 {numbered[-1].number}" if numbered else ""
    yield f"已生成 {n} 份{what}（涉及 {people} 人{span}），用时 {result.seconds:.1f} 秒"
    yield f"清单：{result.manifest}"
    if result.register:
        yield f"登记簿已更新：{result.register}"
    yield from result.notes
