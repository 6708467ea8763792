"""Write paper records as JSON Lines, one paper a line, fields in a fixed order."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.exports.atomic import write_atomic
from kg.records import Paper

FIELD_ORDER = tuple(Paper.__annotations__)
# Legal in JSON strings but not safe in a line-based file: U+2028/U+2029/U+0085 end lines
# for many readers (str.splitlines among them), and a lone surrogate cannot be UTF-8.
_UNSAFE = re.compile("[\u2028\u2029\x85\ud800-\udfff]")


def generate_jsonl(papers: Iterable[Paper]) -> Iterator[str]:
    """One JSON line per paper (with its newline), known fields first in schema order.

    Text stays readable UTF-8, except line separators and lone surrogates, which are
    written as ``\\uXXXX`` escapes: the line is valid UTF-8 and ``json.loads`` gives
    back exactly the string that was written.

    Examples
    --------
    >>> next(generate_jsonl([{"title": "T", "id": "1", "extra": True}]))
    '{"id": "1", "title": "T", "extra": true}\\n'
    >>> print(next(generate_jsonl([{"title": "a\\u2028b\\ud800é"}])), end="")
    {"title": "a\\u2028b\\ud800é"}
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for paper in papers:
        ordered = {k: paper[k] for k in FIELD_ORDER if k in paper}
        ordered.update((k, v) for k, v in paper.items() if k not in ordered)
        line = encode(ordered)
        if not line.isascii():  # O(1); only non-ASCII lines can hold what must be escaped
            line = _UNSAFE.sub(_escape, line)
        yield line + "\n"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def write_jsonl(papers: Iterable[Paper], path: str | os.PathLike) -> Path:
    """Write ``papers`` to ``path`` atomically, line by line as they are made; returns the path."""
    return write_atomic(path, generate_jsonl(papers))
