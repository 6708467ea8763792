"""Write paper records as JSON Lines, one paper a line, fields in a fixed order."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.exports.atomic import write_atomic
from kg.records import Paper

FIELD_ORDER = tuple(Paper.__annotations__)


def generate_jsonl(papers: Iterable[Paper]) -> Iterator[str]:
    """One JSON line per paper (with its newline), known fields first in schema order.

    Examples
    --------
    >>> next(generate_jsonl([{"title": "T", "id": "1", "extra": True}]))
    '{"id": "1", "title": "T", "extra": true}\\n'
    """
    for paper in papers:
        ordered = {k: paper[k] for k in FIELD_ORDER if k in paper}
        ordered.update((k, v) for k, v in paper.items() if k not in ordered)
        yield json.dumps(ordered, ensure_ascii=False) + "\n"


def write_jsonl(papers: Iterable[Paper], path: str | os.PathLike) -> Path:
    """Write ``papers`` to ``path`` atomically; returns the path."""
    return write_atomic(path, "".join(generate_jsonl(papers)))
