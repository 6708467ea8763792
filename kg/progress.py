"""Report a long run's progress stage by stage: a tqdm bar on a terminal, plain lines otherwise.

A bar redraws in place, which is only readable on a terminal; in a log file or CI output
it would be a smear of carriage returns, so there each stage writes a line when it starts,
at every tenth of its work, and when it ends (with its time). ``quiet`` writes nothing.
The library's verbs take a :class:`Progress` (default: none), so callers choose.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    """Stages of a run reported to ``stream`` in ``mode`` ``"bar"``, ``"lines"`` or ``"quiet"``.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> progress = Progress("lines", out, clock=lambda: 0.0)
    >>> with progress.stage("extract", total=20) as advance:
    ...     for _ in range(20):
    ...         advance(1)
    >>> print(out.getvalue().splitlines()[0], out.getvalue().splitlines()[-1], sep="\\n")
    kg: extract: 0/20
    kg: extract: done, 20 in 0.0 s
    """

    def __init__(self, mode: str = "lines", stream: TextIO | None = None, clock=time.perf_counter):
        if mode not in ("bar", "lines", "quiet"):
            raise ValueError(f"unknown progress mode {mode!r}")
        self.mode, self.stream, self.clock = mode, stream or sys.stderr, clock

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator:
        """A stage; yields ``advance(n)`` to call as work gets done."""
        if self.mode == "quiet":
            yield lambda n=1: None
            return
        started = self.clock()
        if self.mode == "bar":
            from tqdm import tqdm

            with tqdm(total=total, desc=f"kg: {name}", file=self.stream, unit=" papers" if total else "",
                      leave=True, dynamic_ncols=True) as bar:
                yield bar.update
            return
        done, next_mark = 0, 0
        step = max((total or 0) // 10, 1)

        def advance(n: int = 1) -> None:
            nonlocal done, next_mark
            done += n
            if total and done >= next_mark and done < total:
                self._line(f"{name}: {done:,}/{total:,}")
                next_mark = (done // step + 1) * step

        self._line(f"{name}: 0/{total:,}" if total else f"{name}…")
        next_mark = step
        yield advance
        count = f", {done:,}" if total else ""
        self._line(f"{name}: done{count} in {self.clock() - started:.1f} s")

    def iterate(self, name: str, items: Iterable[T], total: int) -> Iterator[T]:
        """Yield ``items``, reporting one unit per item as a stage called ``name``."""
        with self.stage(name, total) as advance:
            for item in items:
                yield item
                advance(1)

    def _line(self, text: str) -> None:
        print(f"kg: {text}", file=self.stream, flush=True)


def auto_progress(quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """``quiet`` → none; a terminal → bars; anything else (a file, a pipe, CI) → lines."""
    stream = stream or sys.stderr
    if quiet:
        return Progress("quiet", stream)
    return Progress("bar" if getattr(stream, "isatty", lambda: False)() else "lines", stream)
