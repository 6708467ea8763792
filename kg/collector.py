"""Keep CPython's cyclic garbage collector from re-walking the whole heap while a stage builds.

Why: a build holds every paper in memory (the 34,088 ACL papers are millions of objects), and
a stage that adds a large, long-lived structure — the records of a file, the resolved
entities, the graph — allocates millions of containers. CPython answers with *full*
collections, each of which walks every tracked object in the process and finds next to
nothing. Held back on the whole corpus: parsing the file 6.7 → 5.1 s, ``resolve_entities``
9.8 → 5.9 s, ``build_graph`` 5.5 → 2.3 s, the same output. Young collections go on as
usual, so the short-lived cycles a stage makes are still freed at once.

Use it around one bounded piece of work, not a whole run: garbage that is already old when it
becomes a cycle waits for the next full collection. pylatexenc makes such cycles (an
exception kept in a local of a frame its traceback holds), and through their frames' callers
they pin the text of the file being parsed; reading is therefore held back one file at a
time, so each file's text goes at the first full collection after it, as without this.
"""

from __future__ import annotations

import contextlib
import gc

#: A third-generation threshold no stage reaches: it counts young collections, not objects.
_NEVER = 1 << 30


@contextlib.contextmanager
def no_full_collections():
    """Run the block with young-generation collections only; full ones resume after it.

    Nothing a stage returns depends on when the collector runs. On an interpreter whose
    collector ignores the third threshold nothing changes.

    Examples
    --------
    >>> before = gc.get_threshold()
    >>> with no_full_collections():
    ...     gc.get_threshold()[2] > before[2]
    True
    >>> gc.get_threshold() == before
    True
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def spare_exit_collection() -> None:
    """Move every object alive now out of the collector's reach, just before the process ends.

    A command that has built a corpus's graph ends holding millions of objects, and the
    interpreter's last full collection walks them all on the way out (1.8 s after a corpus
    build here) only for the operating system to free the memory anyway. Frozen objects
    (:func:`gc.freeze`) are skipped. Only for a process about to exit: in a long-lived one,
    cycles among the frozen objects would never be freed.
    """
    gc.freeze()
