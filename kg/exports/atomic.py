"""Write output files atomically, so a crash never leaves a half-written export."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: str | os.PathLike, data: str | bytes | Iterable[str]) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Readers see either the old file or the new one, never a torn one. Text is written
    as UTF-8 with ``\\n`` line ends whatever the platform. ``data`` may be an iterable of
    text chunks, written as they come, so a large export never sits in memory whole.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "a.txt"
    >>> write_atomic(target, "héllo\\n").read_text(encoding="utf-8")
    'héllo\\n'
    >>> write_atomic(target, iter(["a", "b\\n"])).read_text(encoding="utf-8")
    'ab\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, (str, bytes)):
        data = [data]
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            for chunk in data:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
