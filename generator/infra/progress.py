"""Progress of long work (a batch of 批复, a folder of drafts): a bar that appears only when the
work takes long enough to need one, and only on a terminal."""
from __future__ import annotations

import time
from typing import Callable


class LazyProgress:
    """A rich progress bar that appears only once the job has run for `delay` seconds and only
    on a terminal: short runs and redirected output stay quiet."""

    def __init__(self, total: int, label: str, delay: float = 1.0, console=None,
                 clock: Callable[[], float] = time.monotonic):
        self.total, self.label, self.delay, self.clock = total, label, delay, clock
        self.done = 0
        self.started = clock()
        self._console = console
        self._bar = None
        self._task = None

    def _console_(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is None and self.clock() - self.started >= self.delay and self._console_().is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=self._console_(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, completed=self.done)
        elif self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
