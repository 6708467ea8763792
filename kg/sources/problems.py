"""Problems found while reading input: what went wrong, in which file, on which line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One input that could not be read and was skipped.

    ``line`` is 1-based, or 0 when the problem concerns the whole file.

    Examples
    --------
    >>> str(Problem("seeds/broken.jsonl", 3, "invalid JSON: Expecting value"))
    'seeds/broken.jsonl:3: invalid JSON: Expecting value'
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class InputError(ValueError):
    """A whole file cannot be read (binary, empty, unknown format…)."""
