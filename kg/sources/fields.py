"""Typed reads of a JSON object's fields: coerce a wrong type when its meaning is clear, else drop it.

Scraped and API JSON puts anything anywhere (``"title": 123``, ``"ids": ["a"]``,
``"authorships": [null]``). Readers take every value through :class:`Fields`, so only
strings, string lists and string maps reach a paper record, and each value that had to
be coerced or dropped is reported as ``file:line: field: what`` while the record is kept.
"""

from __future__ import annotations

import math

from kg.sources.limits import MAX_FIELD_CHARS, excerpt
from kg.sources.problems import Problem


def kind_of(value: object) -> str:
    """How a report names a JSON value's type.

    Examples
    --------
    >>> kind_of(None), kind_of(True), kind_of(3), kind_of([1]), kind_of({})
    ('null', 'a boolean', 'a number', 'a list', 'an object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Fields:
    """Read the fields of one JSON object, noting every value of the wrong type.

    Examples
    --------
    >>> f = Fields({"title": 123, "doi": 10.5, "ids": ["a"], "venue": ["ACL", "2020"]}, "p.jsonl", 3)
    >>> f.text("title"), f.text("doi", numbers=False), f.mapping("ids"), f.text("venue")
    ('123', None, {}, 'ACL 2020')
    >>> [str(p) for p in f.notes]  # doctest: +NORMALIZE_WHITESPACE
    ['p.jsonl:3: title: a number, read as text', 'p.jsonl:3: doi: a number, not text; ignored',
     'p.jsonl:3: ids: a list, not an object; ignored', 'p.jsonl:3: venue: a list of text, joined']
    """

    def __init__(self, obj: dict, file: str, line: int, prefix: str = ""):
        self.obj, self.file, self.line, self.prefix = obj, file, line, prefix
        self.notes: list[Problem] = []

    def note(self, field: str, what: str) -> None:
        """Report one field of this object."""
        self.notes.append(Problem(self.file, self.line, f"{self.prefix}{field}: {what}"))

    def child(self, obj: dict, prefix: str) -> Fields:
        """Fields of a nested object whose notes go to this object's list."""
        nested = Fields(obj, self.file, self.line, self.prefix + prefix)
        nested.notes = self.notes
        return nested

    def text(self, name: str, *, numbers: bool = True, join: bool = True,
             limit: int = MAX_FIELD_CHARS) -> str | None:
        """The field as text: numbers read as text (unless ``numbers=False``), a list of
        strings joined with spaces (unless ``join=False``), text over ``limit`` cut."""
        return self.as_text(self.obj.get(name), name, numbers=numbers, join=join, limit=limit)

    def as_text(self, value: object, name: str, *, numbers: bool = True, join: bool = True,
                limit: int | None = MAX_FIELD_CHARS, quiet_numbers: bool = False) -> str | None:
        """``value`` as text, or ``None`` (absent, empty or not text), with a note when coerced."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            if limit is not None and len(value) > limit:
                self.note(name, f"{len(value):,} characters, over the {limit:,}-character limit; cut")
                return value[:limit]
            return value
        if isinstance(value, float) and not math.isfinite(value):
            self.note(name, f"{value} (JSON's NaN, Infinity or a number too long to read), not text; ignored")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and numbers:
            if not quiet_numbers:
                self.note(name, "a number, read as text")
            return str(value)
        if join and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            self.note(name, "a list of text, joined")
            return self.as_text(" ".join(value), name, limit=limit)
        self.note(name, f"{kind_of(value)}, not text; ignored")
        return None

    def date(self, name: str) -> str | int | None:
        """A date or year field: text or a whole number (``2020``)."""
        value = self.obj.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return self.text(name, numbers=False, join=False, limit=100)

    def items(self, name: str) -> list:
        """The field as a list (a single object or string becomes a list of one)."""
        value = self.obj.get(name)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        if isinstance(value, (str, dict)):
            self.note(name, f"{kind_of(value)}, not a list; read as a list of one")
            return [value]
        self.note(name, f"{kind_of(value)}, not a list; ignored")
        return []

    def texts(self, name: str, limit: int = MAX_FIELD_CHARS) -> list[str]:
        """The field as a list of strings; other items are dropped with a note."""
        out = []
        for index, item in enumerate(self.items(name)):
            text = self.as_text(item, f"{name}[{index}]", join=False, limit=limit, quiet_numbers=True)
            if text is not None and text.strip():
                out.append(text)
        return out

    def mapping(self, name: str) -> dict:
        """The field as an object (``{}`` when absent or of another type, with a note)."""
        value = self.obj.get(name)
        if value is None:
            return {}
        if isinstance(value, dict):
            return value
        self.note(name, f"{kind_of(value)}, not an object; ignored")
        return {}

    def objects(self, name: str) -> list[tuple[int, dict]]:
        """The (index, object) items of a list of objects; ``null`` and other items are noted."""
        out = []
        for index, item in enumerate(self.items(name)):
            if isinstance(item, dict):
                out.append((index, item))
            else:
                self.note(f"{name}[{index}]", f"{kind_of(item)}, not an object; ignored")
        return out

    def string_map(self, name: str) -> dict[str, str]:
        """An object of ids: text and whole-number values kept as text, others dropped."""
        out = {}
        for key, value in self.mapping(name).items():
            text = self.as_text(value, f"{name}.{excerpt(key, 20)}", join=False, limit=MAX_FIELD_CHARS,
                                quiet_numbers=True)
            if text is not None:
                out[key] = text
        return out
