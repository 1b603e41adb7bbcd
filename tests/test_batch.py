"""Batch mechanics: the 文号 register across runs, all-or-nothing writing (failures and Ctrl-C),
safe unique file names, the lazy progress bar."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from generator import resources
from generator.approvals import batch
from generator.approvals.build import Approval
from generator.data.decisions import rules
from generator.data.register import Register, assign_numbers
from generator.errors import InputError, OutputError, ValidationError
from generator.infra import fileio

EXAMPLE = resources.examples_dir()
UNIT, DECISIONS = str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx")


def make_decisions():
    """examples/make_decisions.py, whose synthetic_rows(n) makes a sheet of n 批复 (benchmarks)."""
    import importlib
    import sys

    if str(EXAMPLE) not in sys.path:
        sys.path.insert(0, str(EXAMPLE))
    return importlib.import_module("make_decisions")


def synthetic_sheet(path: Path, approvals: int) -> Path:
    m = make_decisions()
    return m.write_xlsx(m.synthetic_rows(approvals), path)


def numbers_in(out: Path) -> list[str]:
    manifest = next(out.glob("批复清单*.csv"))
    return [line.split(",")[1] for line in manifest.read_text(encoding="utf-8-sig").splitlines()[1:]]


# --- register ------------------------------------------------------------------------------------
def test_numbers_unique_across_two_runs_with_a_register(runner, tmp_path):
    """The same batch run again keeps its numbers (a rerun consumes none); another batch (the
    committee met again) continues after the last number used."""
    import openpyxl

    reg = tmp_path / "登记簿.yaml"
    r1 = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "a"), "--register", str(reg))
    assert r1.exit_code == 0, r1.output
    r2 = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "b"), "--register", str(reg))
    assert r2.exit_code == 0, r2.output
    first, again = numbers_in(tmp_path / "a"), numbers_in(tmp_path / "b")
    assert first[0] == "柳发〔2025〕3号" and first[-1] == "柳发〔2025〕10号"
    assert again == first
    wb = openpyxl.load_workbook(DECISIONS)
    ws = wb.active
    column = [c.value for c in ws[1]].index("党委会议日期") + 1
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row, column)
        if cell.value:
            cell.value = cell.value + dt.timedelta(days=7) if hasattr(cell.value, "year") else cell.value
    later = tmp_path / "决定表-第二批.xlsx"
    wb.save(later)
    r3 = run_cli(runner, "approve", UNIT, str(later), "-o", str(tmp_path / "c"), "--register", str(reg))
    assert r3.exit_code == 0, r3.output
    second = numbers_in(tmp_path / "c")
    assert second[0] == "柳发〔2025〕11号" and second[-1] == "柳发〔2025〕18号"
    assert not set(first) & set(second)
    data = yaml.safe_load(reg.read_text(encoding="utf-8"))
    assert data["柳发"] == {2025: 18} and len(data["文件"]) == 16
    assert reg.read_text(encoding="utf-8").startswith("# gongwen 发文字号登记簿")
    assert not reg.with_name(reg.name + ".lock").exists()


def test_register_untouched_when_the_batch_fails(runner, tmp_path):
    reg = tmp_path / "登记簿.yaml"
    reg.write_text("柳发:\n  2025: 20\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "021_柳溪村党支部_接收预备党员_陈晓燕等3名同志.md").write_text("已有", encoding="utf-8")
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(out), "--register", str(reg))
    assert r.exit_code == 2 and "已存在" in r.output
    assert reg.read_text(encoding="utf-8") == "柳发:\n  2025: 20\n"
    assert [p.name for p in out.iterdir()] == ["021_柳溪村党支部_接收预备党员_陈晓燕等3名同志.md"]
    assert not reg.with_name(reg.name + ".lock").exists()


def test_start_below_a_used_number_is_refused(runner, tmp_path):
    reg = tmp_path / "r.yaml"
    reg.write_text("柳发:\n  2025: 20\n", encoding="utf-8")
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "o"), "--register", str(reg), "--start", "15")
    assert r.exit_code == 2 and "已用过" in r.output
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "o"), "--register", str(reg), "--start", "30")
    assert r.exit_code == 0
    assert numbers_in(tmp_path / "o")[0] == "柳发〔2025〕30号"
    data = yaml.safe_load(reg.read_text(encoding="utf-8"))
    assert data["柳发"] == {2025: 37} and sorted(data["文件"]) == [f"柳发〔2025〕{n}号" for n in range(30, 38)]


def test_register_locked_by_another_run(runner, tmp_path):
    reg = tmp_path / "r.yaml"
    reg.with_name("r.yaml.lock").write_text("")
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "o"), "--register", str(reg))
    assert r.exit_code == 2 and "正被另一次运行使用" in r.output
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("text, words", [
    ("柳发: 7\n", "应为“年份: 顺序号”"),
    ("柳发:\n  二〇二五: 3\n", "年份不对"),
    ("柳发:\n  2025: -1\n", "顺序号应为不小于0的整数"),
    ("柳发: [\n", "YAML 无法解析"),
])
def test_broken_register_is_reported(runner, tmp_path, text, words):
    reg = tmp_path / "r.yaml"
    reg.write_text(text, encoding="utf-8")
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(tmp_path / "o"), "--register", str(reg))
    assert r.exit_code == 2 and words in r.output and "r.yaml" in r.output
    assert reg.read_text(encoding="utf-8") == text
    assert not reg.with_name("r.yaml.lock").exists()


def test_register_save_failure_takes_back_the_files(tmp_path, monkeypatch):
    def broken(self):
        raise OutputError(f"{self.path}：登记簿写入失败（磁盘已满）")

    monkeypatch.setattr(Register, "save", broken)
    out = tmp_path / "o"
    with pytest.raises(OutputError, match="登记簿写入失败"):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, register=tmp_path / "r.yaml"))
    assert not out.exists()  # no document, no temp file, no manifest, not the folder it made


def test_numbers_restart_each_year():
    m = rules().matters["接收预备党员"]
    items = [Approval("甲", m, dt.date(2024, 12, 20), day=dt.date(2024, 12, 20)),
             Approval("乙", m, dt.date(2025, 1, 8), day=dt.date(2025, 1, 8)),
             Approval("丙", m, dt.date(2024, 12, 28), day=dt.date(2024, 12, 28))]
    reg = Register("unused")
    reg.used = {"柳发": {2024: 40}}
    assert assign_numbers(items, "柳发", 1, reg, None) == []
    assert [a.number for a in items] == ["柳发〔2024〕41号", "柳发〔2025〕1号", "柳发〔2024〕42号"]


def test_a_register_finds_each_documents_number_as_it_grows(tmp_path):
    """number_of answers from an index by document (a batch asks once per 批复); the index
    follows what note() adds, a number given to another document, and a register read anew."""
    r = Register(tmp_path / "登记簿.yaml")
    for i in range(1, 301):
        r.note(f"柳发〔2025〕{i}号", f"批复：{i}")
    assert r.number_of("柳发", 2025, "批复：7") == 7 and r.number_of("柳发", 2024, "批复：7") is None
    r.note("柳发〔2025〕301号", "批复：新")
    assert r.number_of("柳发", 2025, "批复：新") == 301
    r.note("柳发〔2025〕7号", "批复：改")  # the number now holds another document
    assert r.number_of("柳发", 2025, "批复：7") is None and r.number_of("柳发", 2025, "批复：改") == 7
    r.documents = {"柳发〔2026〕2号": "批复：7"}
    assert r.number_of("柳发", 2026, "批复：7") == 2 and r.number_of("柳发", 2025, "批复：新") is None


def test_register_needs_a_prefix(runner, tmp_path):
    data = yaml.safe_load(Path(UNIT).read_text(encoding="utf-8"))
    del data["公文"]["发文字号前缀"]
    unit = tmp_path / "unit.yaml"
    unit.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run_cli(runner, "approve", str(unit), DECISIONS, "-o", str(tmp_path / "o"), "--register", str(tmp_path / "r.yaml"))
    assert r.exit_code == 2 and "发文字号前缀" in r.output
    r = run_cli(runner, "approve", str(unit), DECISIONS, "-o", str(tmp_path / "o"), "--format", "md")
    assert r.exit_code == 0  # without a prefix: no 文号, files numbered in order
    names = sorted(p.name for p in (tmp_path / "o").glob("*.md"))
    assert names[0].startswith("001_") and (tmp_path / "o" / "批复清单.csv").exists()
    assert "发文字号" not in (tmp_path / "o" / names[0]).read_text(encoding="utf-8")


# --- all or nothing -------------------------------------------------------------------------------
@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "temp-names"])
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_interrupted_or_failing_write_leaves_nothing(tmp_path, monkeypatch, error, jobs, unnamed):
    """The fifth file fails to write (disk full) or Ctrl-C arrives while it is written: the run
    stops and every file written is taken back — with -j 2 the workers write, each takes back its
    own and the parent the others' — whether new files are made without a name and linked (Linux)
    or under temp names (elsewhere)."""
    if not unnamed:
        monkeypatch.setattr(fileio, "_O_TMPFILE", 0)
    real = fileio._fill  # every new file's bytes, whichever way it is created
    log = tmp_path / "calls.log"  # counted in a file: with -j 2 the calls happen in the workers

    def flaky(fd, data):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write("x\n")
        if log.read_text(encoding="utf-8").count("\n") >= 5:
            raise error if isinstance(error, OSError) else error()
        real(fd, data)

    monkeypatch.setattr(fileio, "_fill", flaky)
    out = tmp_path / "o"
    expected = KeyboardInterrupt if error is KeyboardInterrupt else OutputError
    with pytest.raises(expected):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, register=tmp_path / "r.yaml", jobs=jobs))
    calls = log.read_text(encoding="utf-8").count("\n")
    if jobs == 1:
        assert calls == 5  # nothing is written after the failure
    assert calls < 2 * 8  # the 8 批复's .docx and .md: the run stopped before the end
    assert not out.exists()  # no document, no temp file, no manifest, not the folder it made
    assert not (tmp_path / "r.yaml").exists()
    assert not (tmp_path / "r.yaml.lock").exists()


def test_a_bad_sheet_with_workers_started_leaves_no_process_and_no_file(tmp_path):
    """With -j 2 the workers start before the sheet is read (their start-up overlaps the reading):
    a sheet refused row by row ends them as well, and nothing is written."""
    import multiprocessing

    sheet = tmp_path / "决定.csv"
    sheet.write_text("党支部,姓名,事项,支部大会日期,党委会议日期\n第一党支部,张三,接收,2025-03-03,2025-02-30\n",
                     encoding="utf-8")
    out = tmp_path / "o"
    with pytest.raises(ValidationError, match="第2行"):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2))
    assert multiprocessing.active_children() == []
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("error", [KeyboardInterrupt, MemoryError])
def test_a_failure_while_the_workers_run_takes_back_their_files(tmp_path, monkeypatch, error):
    """With -j 2 the manifest is made while the workers render and write: if that fails (or Ctrl-C
    arrives then), the workers are stopped, every file they made is taken back, nothing is left."""
    import multiprocessing
    import time

    out = tmp_path / "o"
    seen = []

    def fails(*args, **kwargs):  # once the workers have written something
        deadline = time.monotonic() + 20
        while not any(out.glob("*.docx")) and time.monotonic() < deadline:
            time.sleep(0.005)
        seen.extend(out.glob("*.docx"))
        raise error()

    monkeypatch.setattr(batch, "manifest_csv", fails)
    with pytest.raises(error):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, jobs=2))
    assert seen  # files were there when it failed ...
    assert multiprocessing.active_children() == []
    assert not out.exists()  # no document, no temp file, no manifest, not the folder it made


# --- files made ahead (Linux: O_TMPFILE) ---------------------------------------------------------
needs_tmpfile = pytest.mark.skipif(not fileio._O_TMPFILE, reason="files without a name are a Linux feature")


@needs_tmpfile
def test_files_made_ahead_are_used_for_a_new_folder_and_the_rest_vanish(tmp_path):
    """A worker makes its files' inodes while the sheet is read — in the nearest folder that exists
    when the output folder is new — and links them to their names when it writes; the ones not
    used leave nothing behind."""
    import threading

    out = tmp_path / "新目录" / "批复"
    try:
        fileio.make_ahead(out, threading.Event(), 5)
        assert len(fileio._AHEAD[out]) == 5 and list(tmp_path.iterdir()) == []
        fileio.write_all({out / "一.md": "第一份".encode(), out / "二.md": "第二份".encode()})
        assert len(fileio._AHEAD[out]) == 3
        assert (out / "一.md").read_text(encoding="utf-8") == "第一份"
        assert (out / "二.md").read_text(encoding="utf-8") == "第二份"
    finally:
        fileio.drop_ahead()
    assert fileio._AHEAD == {}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "新目录", "新目录/批复", "新目录/批复/一.md", "新目录/批复/二.md"]


@needs_tmpfile
def test_a_file_made_ahead_on_another_disk_falls_back_to_a_temp_name(tmp_path, monkeypatch):
    """Should a file made ahead sit on another file system than its folder (a mount the folder's
    path crosses after all), linking it fails: the file is written the other way, whole, and the
    folder no longer tries files without a name."""
    import os

    other = Path("/dev/shm")
    if not other.is_dir() or os.stat(other).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs a second file system (/dev/shm)")
    monkeypatch.setattr(fileio, "_NO_TMPFILE", set())
    out = tmp_path / "批复"
    out.mkdir()
    fileio._AHEAD[out] = [os.open(other, fileio._O_TMPFILE | os.O_WRONLY, 0o666)]
    try:
        fileio.write_all({out / "一.md": "第一份".encode()})
    finally:
        fileio.drop_ahead()
    assert (out / "一.md").read_text(encoding="utf-8") == "第一份"
    assert sorted(p.name for p in out.iterdir()) == ["一.md"]  # no temp file left
    assert out in fileio._NO_TMPFILE


@needs_tmpfile
def test_making_ahead_stops_when_told_and_at_its_limit(tmp_path):
    import threading

    stop = threading.Event()
    try:
        fileio.make_ahead(tmp_path, stop, 4)
        assert len(fileio._AHEAD[tmp_path]) == 4
        stop.set()
        fileio.make_ahead(tmp_path, stop, 100)  # told to stop: makes no more
        assert len(fileio._AHEAD[tmp_path]) == 4
    finally:
        fileio.drop_ahead()
    assert list(tmp_path.iterdir()) == []


@needs_tmpfile
@pytest.mark.parametrize("idle_allowed", [True, False])
def test_a_worker_makes_ahead_only_on_a_core_nobody_wants(tmp_path, monkeypatch, idle_allowed):
    """The worker's maker thread asks to run only when a core is idle (the sheet's reader keeps its
    core); where it may not, it makes nothing ahead and files are made as they are written."""
    import os
    import threading

    if not idle_allowed:
        def refused(*args):
            raise OSError(1, "Operation not permitted")
        monkeypatch.setattr(os, "sched_setscheduler", refused)
    try:
        t = threading.Thread(target=batch._make_ahead_when_idle, args=(tmp_path, threading.Event(), 3))
        t.start()
        t.join(20)
        assert len(fileio._AHEAD.get(tmp_path, [])) == (3 if idle_allowed else 0)
    finally:
        fileio.drop_ahead()
    assert list(tmp_path.iterdir()) == []


def test_files_expected_from_a_sheet_are_guessed_high_from_its_size(tmp_path):
    """Before the sheet is read, its size bounds the files a batch will write: never below what
    the example and a synthetic 1,000-批复 sheet write, and small for a small sheet."""
    m = make_decisions()
    options = batch.BatchOptions()  # .docx and .md
    for n in (1, 40, 1000):
        rows = m.synthetic_rows(n)
        for sheet in (m.write_xlsx(rows, tmp_path / f"{n}.xlsx"), m.write_csv(rows, tmp_path / f"{n}.csv")):
            assert 2 * n <= batch.expected_files(sheet, options) <= max(200, 10 * len(rows)), sheet
    assert batch.expected_files(DECISIONS, options) <= 200
    assert batch.expected_files(tmp_path / "没有.xlsx", options) == 0


def test_workers_make_ahead_only_a_share_of_the_descriptors(monkeypatch):
    resource = pytest.importorskip("resource")
    monkeypatch.setattr(resource, "getrlimit", lambda what: (1024, 4096))
    assert batch.ahead_limit(2) == (1024 - 64) // 3
    monkeypatch.setattr(resource, "getrlimit", lambda what: (100_000, 100_000))
    assert batch.ahead_limit(2) == 1024
    monkeypatch.setattr(resource, "getrlimit", lambda what: (50, 50))
    assert batch.ahead_limit(8) == 0


def test_a_worker_that_cannot_start_answers_with_why_and_nothing_is_written(tmp_path, monkeypatch):
    """A worker builds its renderer while the sheet is read; when that fails (a template that does
    not load), every slice it is given comes back with the error — raised in the worker's start-up,
    the pool would start a new worker, fail again, forever."""
    import multiprocessing

    def broken(self):
        raise InputError("模拟：模板无法载入")

    monkeypatch.setattr(batch.Renderer, "warm", broken)
    out = tmp_path / "o"
    with pytest.raises(InputError, match="模拟：模板无法载入"):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, jobs=2))
    assert multiprocessing.active_children() == []
    assert not out.exists() or not any(out.iterdir())


def test_every_error_crosses_from_a_worker_as_it_is():
    """A worker's error is sent to the parent pickled: one that cannot be rebuilt there stopped the
    pool's result thread and the parent waited forever (ValidationError takes two arguments)."""
    import pickle

    from generator.compose.assemble import LocatedError
    from generator.errors import CorpusError, GongwenError, TemplateError

    for exc in (ValidationError("决定表.xlsx", ["第3行：日期有误", "第5行：姓名为空"]), InputError("一"), OutputError("二"),
                TemplateError("三"), CorpusError("四"), LocatedError("五"), GongwenError("六")):
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is type(exc) and str(back) == str(exc)
        if isinstance(exc, ValidationError):
            assert back.problems == exc.problems and back.lines() == exc.lines()

    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a}{b}")

    assert isinstance(batch._portable(Odd("不能", "重建")), RuntimeError)
    assert "不能重建" in str(batch._portable(Odd("不能", "重建")))


def test_a_profile_error_found_by_the_workers_ends_the_run(tmp_path):
    """A clause pinned in the profile that does not exist: the workers find it as they build their
    renderers; with -j 2 the run ends with the same message as with -j 1 — it used to hang."""
    import subprocess
    import sys

    unit = tmp_path / "unit.yaml"
    unit.write_text((EXAMPLE / "unit.yaml").read_text(encoding="utf-8") + "\n语料:\n  include: [没有这条语料]\n",
                    encoding="utf-8")
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}"
        r = subprocess.run([sys.executable, "-m", "generator", "approve", str(unit), DECISIONS, "-o", str(out),
                            "-j", jobs, "--no-register"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert "没有这条语料" in r.stdout + r.stderr and "Traceback" not in r.stdout + r.stderr
        assert not out.exists() or not any(out.iterdir())


def test_ctrl_c_while_the_progress_bar_moves_takes_back_every_file(tmp_path):
    """Ctrl-C can arrive anywhere in the parent, also while it moves the progress bar: every file the
    workers wrote is still taken back."""
    import multiprocessing

    class Interrupted:
        calls = 0

        def advance(self, n=1):
            Interrupted.calls += 1
            if Interrupted.calls == 2:
                raise KeyboardInterrupt

        def close(self):
            pass

    out = tmp_path / "o"
    with pytest.raises(KeyboardInterrupt):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, jobs=2, force=True),
                  progress_factory=lambda n: Interrupted())
    assert Interrupted.calls >= 2
    assert not out.exists()  # no document, no temp file, no manifest, not the folder it made
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_ends_the_run_and_leaves_nothing(tmp_path, monkeypatch):
    """A worker killed mid-batch (out of memory, kill -9): a multiprocessing.Pool never answered
    for its slice (the parent waited forever) and, under load, hung in terminate(). Its connection
    ends: the run fails with one line, the other worker is ended, and every file is taken back —
    also those the dead worker wrote before it died."""
    import multiprocessing
    import os

    sheet = synthetic_sheet(tmp_path / "决定.xlsx", 120)
    real = batch.Renderer.render
    count = tmp_path / "count"

    def dies_after_a_while(self, a):
        with open(count, "a", encoding="utf-8") as fh:
            fh.write("x")
        if count.stat().st_size >= 70:  # a worker (both, if they race), after some files are written
            os._exit(9)
        return real(self, a)

    monkeypatch.setattr(batch.Renderer, "render", dies_after_a_while)
    out = tmp_path / "o"
    with pytest.raises(OutputError, match="工作进程意外退出"):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2, force=True))
    assert not out.exists()  # no document, no temp file, no manifest, not the folder it made
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_while_the_sheet_is_read_ends_the_run_and_leaves_nothing(tmp_path, monkeypatch):
    """A worker that dies on the first 批复 rendered ahead, before a slice is sent: the run ends
    with the same line, not with an internal error from sending to a dead worker."""
    import multiprocessing
    import os
    import time

    sheet = synthetic_sheet(tmp_path / "决定.xlsx", 120)
    monkeypatch.setattr(batch.Renderer, "render", lambda self, a: os._exit(9))
    real = batch.Foresight.take

    def once_it_is_dead(self, approvals):
        for _ in range(500):
            if all(p.exitcode is not None for p in self.workers.procs):
                break
            time.sleep(0.01)
        real(self, approvals)
        return {}  # nothing taken from ahead: the slices are sent to the dead workers

    monkeypatch.setattr(batch.Foresight, "take", once_it_is_dead)
    out = tmp_path / "o"
    with pytest.raises(OutputError, match="工作进程意外退出"):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2))
    assert not out.exists()
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the workers from /proc (Linux)")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """kill -9 of `gongwen approve -j 2`: its workers used to write on to the end of their slices
    and then wait for work forever, each holding its files made ahead. They now die with it (the
    kernel kills them): what is left is the whole files written before the kill, nothing after."""
    import os
    import signal
    import subprocess
    import sys
    import time

    sheet = synthetic_sheet(tmp_path / "决定.xlsx", 1000)
    out = tmp_path / "o"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "approve", UNIT, str(sheet), "-o", str(out),
                             "-j", "2", "--no-register"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
                return "\tZ" not in next(line for line in fh if line.startswith("State:"))
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            return False

    try:
        deadline = time.monotonic() + 60
        while not (out.is_dir() and any(out.glob("*.docx"))) and time.monotonic() < deadline:
            time.sleep(0.01)
        children = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        assert len(children) == 2, children
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        at_kill = len(list(out.iterdir()))
        deadline = time.monotonic() + 15
        while any(alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(c) for c in children)
        left = sorted(p.name for p in out.iterdir())
        assert len(left) <= at_kill < 2001  # not a slice finished after the kill
        assert not [n for n in left if n.startswith(".~gongwen")]
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_link_to_nothing_under_a_documents_name_is_refused_before_any_work(tmp_path):
    """A dangling link where a 批复 goes: once every file had been written, its link failed and
    the message blamed another run (and --force did not help). It is found first now."""
    import os

    out = tmp_path / "o"
    first = batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=tmp_path / "probe", formats=("md",)))
    out.mkdir()
    os.symlink(tmp_path / "没有这个文件", out / first.files[-1].name)
    for force in (False, True):
        with pytest.raises(OutputError, match="已有同名的链接"):
            batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, formats=("md",), force=force))
        assert sorted(p.name for p in out.iterdir()) == [first.files[-1].name]


def test_a_failed_run_removes_the_folders_it_made_and_only_those(tmp_path, monkeypatch):
    def boom(self, a):
        raise InputError("模拟的渲染错误")

    monkeypatch.setattr(batch.Renderer, "render", boom)
    mine = tmp_path / "已有目录"
    mine.mkdir()
    (mine / "笔记.txt").write_text("别删", encoding="utf-8")
    for out in (mine / "新" / "更深", mine):
        with pytest.raises(InputError):
            batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out))
        assert sorted(p.name for p in mine.iterdir()) == ["笔记.txt"]


def test_render_error_writes_nothing(tmp_path, monkeypatch):
    def boom(self, a):
        raise InputError("模拟的渲染错误")

    monkeypatch.setattr(batch.Renderer, "render", boom)
    out = tmp_path / "o"
    with pytest.raises(InputError):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out))
    assert not out.exists() or not any(out.iterdir())


# --- rendering while the sheet is read (Foresight) ----------------------------------------------
def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _counting_take(monkeypatch) -> list[int]:
    """How many 批复 each run took from what was rendered while its sheet was read."""
    taken: list[int] = []
    real = batch.Foresight.take

    def take(self, approvals):
        used = real(self, approvals)
        taken.append(len(used))
        return used

    monkeypatch.setattr(batch.Foresight, "take", take)
    return taken


@pytest.mark.parametrize("dealt", [False, True])
def test_what_is_rendered_while_the_sheet_is_read_is_what_one_worker_writes(tmp_path, monkeypatch, dealt):
    """With -j 2 the workers render the groups that look settled while the sheet is still read; the
    files are byte for byte those of -j 1, numbers through a register included — also when a
    group's rows are dealt far apart (its rendering from before it grew is not used)."""
    m = make_decisions()
    rows = m.synthetic_rows(60)
    if dealt:
        rows = rows[::3] + rows[1::3] + rows[2::3]
    sheet = m.write_xlsx(rows, tmp_path / "决定.xlsx")
    taken = _counting_take(monkeypatch)
    for jobs in (1, 2):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=tmp_path / f"j{jobs}", jobs=jobs,
                                                  register=tmp_path / f"登记簿{jobs}.yaml"))
    assert _files(tmp_path / "j1") == _files(tmp_path / "j2")
    assert (tmp_path / "登记簿1.yaml").read_bytes() == (tmp_path / "登记簿2.yaml").read_bytes()
    assert len(taken) == 1 and taken[0] > 0  # (-j 1 reads without guessing)
    if dealt:
        assert taken[0] < 60  # groups that grew after they were rendered were rendered again


def test_a_bad_last_row_discards_what_was_rendered_ahead(tmp_path):
    import multiprocessing

    m = make_decisions()
    rows = m.synthetic_rows(60)
    rows.append(("第99党支部", "钱多多", "接收预备党员", dt.date(2025, 3, 25), dt.date(2025, 3, 20), None, None,
                 dt.date(2025, 3, 10), 20, 18, 17, None))  # the 支部大会 after the 党委会议
    sheet = m.write_xlsx(rows, tmp_path / "决定.xlsx")
    out = tmp_path / "o"
    with pytest.raises(ValidationError) as e:
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2))
    assert all(p.startswith(f"第{len(rows) + 1}行") for p in e.value.problems)  # that row alone
    assert not out.exists()
    assert multiprocessing.active_children() == []


def test_guessing_that_fails_turns_itself_off_and_changes_nothing(tmp_path, monkeypatch):
    sheet = synthetic_sheet(tmp_path / "决定.xlsx", 40)
    taken = _counting_take(monkeypatch)

    def broken(a):
        raise RuntimeError("a bug in the guess")

    batch.run(UNIT, sheet, batch.BatchOptions(out_dir=tmp_path / "j1", jobs=1))
    monkeypatch.setattr(batch, "_frozen", broken)
    batch.run(UNIT, sheet, batch.BatchOptions(out_dir=tmp_path / "j2", jobs=2))
    assert taken == [0]
    assert _files(tmp_path / "j1") == _files(tmp_path / "j2")


def test_an_error_in_a_document_rendered_ahead_ends_the_run_with_nothing_written(tmp_path, monkeypatch):
    import multiprocessing

    m = make_decisions()
    rows = m.synthetic_rows(60)
    sheet = m.write_xlsx(rows, tmp_path / "决定.xlsx")
    first = rows[0][1]  # in the first 批复: rendered while the sheet is read
    real = batch.Renderer.render

    def fails_for_the_first(self, a):
        if first in a.names:
            raise InputError("模拟的渲染错误")
        return real(self, a)

    monkeypatch.setattr(batch.Renderer, "render", fails_for_the_first)
    taken = _counting_take(monkeypatch)
    out = tmp_path / "o"
    with pytest.raises(InputError, match="模拟的渲染错误"):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2))
    assert taken and taken[0] > 0
    assert not out.exists()
    assert multiprocessing.active_children() == []


# --- names ----------------------------------------------------------------------------------------
def _approval(branch: str, seq: int | None, names=("张三",)):
    from generator.data.decisions import Decision

    m = rules().matters["接收预备党员"]
    a = Approval(branch, m, dt.date(2025, 3, 20), day=dt.date(2025, 3, 20), seq=seq)
    a.people = [Decision(2, branch, n, m.id, dt.date(2025, 3, 3), dt.date(2025, 3, 20)) for n in names]
    return a


def test_file_stems_are_safe_and_unique():
    stems = batch.file_stems([
        _approval("CON", 1), _approval("a/b", 2), _approval("a:b", 2), _approval("A:B", 2),
        _approval("第一党支部" * 30, 1200), _approval("  . ", 3),
    ])
    assert stems[0] == "0001_CON_接收预备党员_张三同志"
    assert stems[1] == "0002_a_b_接收预备党员_张三同志"
    assert stems[2] == "0002_a_b_接收预备党员_张三同志_2"
    assert stems[3] == "0002_A_B_接收预备党员_张三同志_3"  # Windows ignores case
    assert len(stems[4]) <= 100 and stems[4].startswith("1200_第一党支部")
    for s in stems:
        assert not any(c in s for c in '/\\:*?"<>|') and not s.endswith((".", " "))


# --- progress -------------------------------------------------------------------------------------
class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_bar_appears_only_after_a_second_on_a_terminal():
    import io

    from rich.console import Console

    clock = _Clock()
    terminal = Console(file=io.StringIO(), force_terminal=True)
    p = batch.LazyProgress(10, "生成批复", delay=1.0, console=terminal, clock=clock)
    clock.now = 0.5
    p.advance()
    assert not p.shown
    clock.now = 1.2
    p.advance()
    assert p.shown
    p.advance(8)
    p.close()
    assert not p.shown and p.done == 10

    piped = Console(file=io.StringIO(), force_terminal=False)
    q = batch.LazyProgress(10, "生成批复", console=piped, clock=clock)
    clock.now = 10
    q.advance()
    assert not q.shown
    assert piped.file.getvalue() == ""


def test_second_batch_continues_the_numbers_through_the_default_register(runner, tmp_path):
    out = tmp_path / "out"
    assert run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(out)).exit_code == 0
    import openpyxl

    wb = openpyxl.load_workbook(DECISIONS)
    for row in wb.worksheets[0].iter_rows(min_row=2):
        for cell in row:
            if cell.column == 2 and cell.value:
                cell.value = f"{cell.value}乙"
    second = tmp_path / "第二轮.xlsx"
    wb.save(second)
    r2 = run_cli(runner, "approve", UNIT, str(second), "-o", str(out))
    assert r2.exit_code == 0, r2.output
    numbers = [n for m in sorted(out.glob("批复清单*.csv")) for n in numbers_in_file(m)]
    assert len(numbers) == len(set(numbers)) == 16
    assert (out / "文号登记簿.yaml").exists()  # the bundled example's register goes with the output


def numbers_in_file(manifest: Path) -> list[str]:
    return [line.split(",")[1] for line in manifest.read_text(encoding="utf-8-sig").splitlines()[1:]]


def test_second_batch_into_the_same_folder_cannot_reuse_numbers(runner, tmp_path):
    """Without the register, the manifest of the earlier batch still stops a reused 文号."""
    out = tmp_path / "out"
    r1 = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(out), "--no-register")
    assert r1.exit_code == 0, r1.output
    before = sorted(p.name for p in out.iterdir())
    # the next round's sheet: other people, so no file name collides, but 文号 would restart at 3
    import openpyxl

    wb = openpyxl.load_workbook(DECISIONS)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column == 2 and cell.value:
                cell.value = f"{cell.value}乙"
    second = tmp_path / "第二轮.xlsx"
    wb.save(second)
    r2 = run_cli(runner, "approve", UNIT, str(second), "-o", str(out), "--no-register")
    assert r2.exit_code == 2
    assert "批复清单" in r2.output and "柳发〔2025〕3号" in r2.output and "--register" in r2.output
    assert sorted(p.name for p in out.iterdir()) == before
    r3 = run_cli(runner, "approve", UNIT, str(second), "-o", str(out), "--start", "40", "--no-register")
    assert r3.exit_code == 0, r3.output


def test_workers_leave_ctrl_c_to_the_parent(monkeypatch):
    import signal

    seen = {}
    for name in ("_WORKER", "_STOP", "_IDLE", "_INIT_ERROR"):  # set by _init_worker, here in this process
        monkeypatch.setattr(batch, name, getattr(batch, name))
    monkeypatch.setattr(batch, "Renderer", lambda spec: object())
    monkeypatch.setattr(signal, "signal", lambda sig, handler: seen.setdefault(sig, handler))
    batch._init_worker(None)
    assert seen == {signal.SIGINT: signal.SIG_IGN}


def test_register_write_failure_is_chinese_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import errno
    import os as os_mod

    reg = Register(tmp_path / "登记簿.yaml")
    reg.record("柳发", 2025, 7)

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(fileio.os, "replace", full)
    with pytest.raises(OutputError, match="登记簿写入失败（磁盘已满）"):
        reg.save()
    assert os_mod.listdir(tmp_path) == []


def test_ctrl_c_during_the_font_note_after_a_finished_batch_says_the_files_are_written(runner, tmp_path, monkeypatch):
    """The font check runs after every file is written: a Ctrl-C there used to print that the
    unfinished files were taken back, while the whole batch stood in the folder."""
    from generator.writers import fonts

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(fonts, "font_note", interrupted)
    out = tmp_path / "o"
    r = run_cli(runner, "approve", UNIT, DECISIONS, "-o", str(out), "--no-register")
    assert r.exit_code == 130
    assert "文件均已写好" in r.output and "已清理" not in r.output
    assert len(list(out.glob("*.docx"))) == len(numbers_in(out)) > 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_after_the_last_file_before_the_register_is_saved_takes_back_every_file(tmp_path, monkeypatch, jobs):
    """Between the last file written and the register saved, a Ctrl-C left the whole batch in the
    folder with its 文号 unrecorded (the next run gave them out again)."""
    import multiprocessing

    def interrupted(self, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(Register, "record", interrupted)
    out, register = tmp_path / "o", tmp_path / "新建" / "登记簿.yaml"
    with pytest.raises(KeyboardInterrupt):
        batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, jobs=jobs, register=register))
    assert not out.exists() and not register.parent.exists()
    assert multiprocessing.active_children() == []


def test_ctrl_c_while_the_workers_are_ended_after_a_finished_run_undoes_nothing(tmp_path, monkeypatch):
    import multiprocessing

    real = batch.Workers.close
    pressed: list[bool] = []

    def close(self):
        if self.finished and not pressed:
            pressed.append(True)
            raise KeyboardInterrupt
        real(self)

    monkeypatch.setattr(batch.Workers, "close", close)
    out = tmp_path / "o"
    result = batch.run(UNIT, DECISIONS, batch.BatchOptions(out_dir=out, jobs=2, register=tmp_path / "登记簿.yaml"))
    assert pressed and all(p.exists() for p in result.files) and result.manifest.exists()
    assert (tmp_path / "登记簿.yaml").exists()
    assert multiprocessing.active_children() == []


def test_a_bad_sheet_leaves_no_folder_made_for_a_new_register(tmp_path):
    m = make_decisions()
    rows = m.synthetic_rows(20)
    rows.append(("第99党支部", "钱多多", "接收预备党员", dt.date(2025, 3, 25), dt.date(2025, 3, 20), None, None,
                 dt.date(2025, 3, 10), 20, 18, 17, None))
    sheet = m.write_xlsx(rows, tmp_path / "决定.xlsx")
    for jobs in (1, 2):
        with pytest.raises(ValidationError):
            batch.run(UNIT, sheet, batch.BatchOptions(out_dir=tmp_path / "o", jobs=jobs,
                                                      register=tmp_path / "登记" / "2025" / "登记簿.yaml"))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["决定.xlsx"]


@pytest.mark.skipif(not hasattr(__import__("os"), "getpriority"), reason="process priorities (Unix)")
def test_workers_run_a_step_behind_the_parent(tmp_path):
    """While the parent reads the sheet — the run's critical path — workers rendering ahead must
    take the spare core, not the reader's: they run niced (paired runs: faster in 17 of 24)."""
    import os
    import time

    spec = batch._spec(batch.load_profile(UNIT), batch.BatchOptions())
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    wanted = [min(19, mine + batch._WORKER_NICE)] * 2
    with batch.Workers(spec, 2) as w:
        for _ in range(500):  # (their priority is set first thing; a loaded machine may take a while)
            seen = [os.getpriority(os.PRIO_PROCESS, p.pid) for p in w.procs]
            if seen == wanted:
                break
            time.sleep(0.01)
        assert seen == wanted
    assert batch._WORKER_NICE > 0


def test_ctrl_c_in_the_middle_of_reading_an_answer_takes_back_every_file(tmp_path, monkeypatch):
    """A Ctrl-C can cut the reading of a worker's answer in two: that connection cannot be read
    on (the worker is given up, its unanswered slices' files swept), the others are heard out."""
    import multiprocessing
    import os
    from multiprocessing.connection import Connection

    sheet = synthetic_sheet(tmp_path / "决定.xlsx", 120)
    parent = os.getpid()
    real, real_prepare = Connection.recv, batch.prepare_targets
    calls: list[int] = []  # answers read while the files are written

    def prepare(*args):
        calls.append(0)
        return real_prepare(*args)

    def recv(self):
        if os.getpid() == parent and calls:
            calls.append(1)
            if len(calls) == 4:
                self._recv(4)  # the answer's length read, its body not: Ctrl-C
                raise KeyboardInterrupt
        return real(self)

    monkeypatch.setattr(batch, "prepare_targets", prepare)
    monkeypatch.setattr(Connection, "recv", recv)
    monkeypatch.setattr(batch.Foresight, "offer", lambda self, decisions: None)  # every 批复 in slices: many answers
    out = tmp_path / "o"
    with pytest.raises(KeyboardInterrupt):
        batch.run(UNIT, sheet, batch.BatchOptions(out_dir=out, jobs=2))
    assert len(calls) >= 4
    assert not out.exists()
    assert multiprocessing.active_children() == []
