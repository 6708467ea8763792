"""Read JSON and JSON Lines of paper objects: plain records, Semantic Scholar, OpenAlex.

One reader serves every JSON shape because the shape is a property of each object, not
of the file: a JSON Lines dump may mix them, an OpenAlex page wraps them in
``{"meta", "results"}`` and a Semantic Scholar batch puts ``null`` where an id missed.

Nothing here recurses into the data: a list or page is opened one level, a value nested
too deeply for Python's JSON parser is one reported record, and JSON Lines are split on
``\\n`` alone (U+2028, U+2029 and U+0085 are legal inside JSON strings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.fields import kind_of
from kg.sources.openalex import from_openalex, is_openalex
from kg.sources.plain_record import FORMAT, from_plain_record
from kg.sources.problems import Problem
from kg.sources.semantic_scholar import from_s2_paper, is_s2_paper

__all__ = ["FORMAT", "from_object", "from_plain_record", "parse_json", "sniff"]


def _whole_number(digits: str) -> int | float:
    """A JSON integer; one longer than Python converts (4,300 digits by default) is read as
    infinite, a number no field takes, rather than a ValueError that would end the file."""
    try:
        return int(digits)
    except ValueError:
        return float("-inf" if digits[0] == "-" else "inf")


_DECODER = json.JSONDecoder(parse_int=_whole_number)
_GAP = re.compile(r"[\s,]*")
# What a value is made of, for skipping one that does not parse: strings and brackets.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
TOO_DEEP = "nested too deeply to read (over ~900 levels)"


def sniff(text: str) -> bool:
    """True when the text starts like JSON (an object or an array)."""
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def parse_json(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of a JSON document or of JSON Lines, one problem per unreadable object.

    Examples
    --------
    >>> lines = ('{"title": "A", "abstract": "First.", "authors": ["Ann Lee"], "year": 2020}\\n'
    ...          '{"title": "B", "abstract": \\n'
    ...          '{"title": "C\\u2028", "abstract": "Third.", "year": 2021}\\n')
    >>> [x["title"] if isinstance(x, dict) else str(x) for x in parse_json(lines, "p.jsonl")]
    ['A', 'p.jsonl:2: invalid JSON: Expecting value', 'C']
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        yield from _parse_array(text, file)
        return
    try:
        document = _DECODER.decode(stripped)
    except (json.JSONDecodeError, RecursionError):
        yield from _parse_lines(text, file)
        return
    yield from _parse_value(document, file, 1, top=True)


def _parse_lines(text: str, file: str) -> Iterator[Paper | Problem]:
    start, number = 0, 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        line = text[start:end]
        start = end + 1
        if not line.strip():
            continue
        try:
            value = _DECODER.decode(line)
        except json.JSONDecodeError as error:
            yield Problem(file, number, f"invalid JSON: {error.msg}")
            continue
        except RecursionError:
            yield Problem(file, number, TOO_DEEP)
            continue
        yield from _parse_value(value, file, number, top=True)


def _parse_array(text: str, file: str) -> Iterator[Paper | Problem]:
    """Each element of a top-level JSON array with its own line; a bad element is skipped,
    and an array that breaks off still yields its complete elements."""
    position = text.index("[") + 1
    line, counted = 1, 0
    while True:
        position = _GAP.match(text, position).end()
        if position >= len(text) or text[position] == "]":
            return
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, position = _DECODER.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as error:
            message = f"invalid JSON: {error.msg}" if isinstance(error, json.JSONDecodeError) else TOO_DEEP
            end = _skip_value(text, position)
            if end is None:
                yield Problem(file, line, f"{message}; the rest of the array is lost")
                return
            yield Problem(file, line, message)
            position = end
            continue
        yield from _parse_value(value, file, line, top=False)


def _skip_value(text: str, start: int) -> int | None:
    """Where the bracketed value starting at ``start`` ends, or ``None`` if it never closes."""
    if text[start:start + 1] not in ("[", "{"):
        comma = text.find(",", start)
        return None if comma < 0 else comma + 1
    depth = 0
    for token in _TOKEN.finditer(text, start):
        kind = token.group()
        if kind in "[{":
            depth += 1
        elif kind in "]}":
            depth -= 1
            if depth == 0:
                return token.end()
    return None


def _parse_value(value: object, file: str, line: int, top: bool) -> Iterator[Paper | Problem]:
    """Papers of one decoded value: a paper object, a page of them, or (at top level) a list."""
    if isinstance(value, dict):
        for key in ("results", "data"):  # OpenAlex list page / Semantic Scholar search page
            if isinstance(value.get(key), list):
                for item in value[key]:
                    yield from _parse_value(item, file, line, top=False)
                return
        yield from _safe_object(value, file, line)
        return
    if top and isinstance(value, list):
        for item in value:
            yield from _parse_value(item, file, line, top=False)
        return
    if value is None and not top:  # a batch lookup that found nothing: not an error in the file
        return
    yield Problem(file, line, f"expected a paper object, found {kind_of(value)}")


def _safe_object(obj: dict, file: str, line: int) -> Iterator[Paper | Problem]:
    notes: list[Problem] = []
    try:
        paper = from_object(obj, file, line, notes)
    except (RecursionError, MemoryError):
        raise
    except Exception as error:  # a shape no reader foresaw: this record only, never the run
        yield Problem(file, line, f"record skipped: unreadable value ({type(error).__name__})")
        return
    yield from notes
    yield paper


def from_object(obj: dict, file: str, line: int, notes: list[Problem] | None = None) -> Paper | Problem:
    """One paper from a JSON object of any known shape; coerced values are noted in ``notes``."""
    if is_openalex(obj):
        return from_openalex(obj, {"file": file, "line": line, "format": "openalex"}, notes)
    if is_s2_paper(obj):
        return from_s2_paper(obj, {"file": file, "line": line, "format": "semantic-scholar"}, notes)
    return from_plain_record(obj, {"file": file, "line": line, "format": FORMAT}, notes)
