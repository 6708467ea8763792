"""Read an arXiv-style listing: abstract, optional comment, ``arXiv:ID``, ``Created: DATE``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.files import normalise_newlines
from kg.sources.problems import Problem
from kg.sources.record import make_paper

FORMAT = "arxiv-listing"
_ID_LINE = re.compile(r"^arXiv:\s*(\S+)\s*$", re.IGNORECASE)
_CREATED_LINE = re.compile(r"^Created:\s*(\S+)\s*$", re.IGNORECASE)
# Blanks are [ \t] only: "\s*" would also span line ends and retry them at every position.
_SNIFF = re.compile(r"^arXiv:[ \t]*\S+[ \t]*\n(?:[ \t]*\n)*[ \t]*Created:", re.MULTILINE | re.IGNORECASE)
MIN_ABSTRACT_WORDS = 12


def sniff(text: str) -> bool:
    """True when ``text`` has ``arXiv:ID`` lines followed by ``Created:`` lines."""
    return bool(_SNIFF.search(normalise_newlines(text)))


def markers(text: str) -> int:
    """How many records the listing's ``arXiv:ID`` / ``Created:`` lines mark."""
    return sum(1 for _ in _SNIFF.finditer(normalise_newlines(text)))


def paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated paragraphs as (first line number, lines)."""
    start, lines = 0, []
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
        elif lines:
            yield start, lines
            lines = []
    if lines:
        yield start, lines


def parse_arxiv_listing(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of an arXiv listing; a paragraph of fewer than 12 words is a comment.

    Examples
    --------
    >>> listing = ("We introduce Jukebox, a model that generates music with singing in "
    ...            "the raw audio domain.\\n\\n15+5 pages\\n\\narXiv:2005.00341\\nCreated: 2020-04-30\\n")
    >>> [(p["arxiv_id"], p["date"], p["comment"]) for p in parse_arxiv_listing(listing, "a.txt")]
    [('2005.00341', '2020-04-30', '15+5 pages')]
    """
    pending: list[tuple[int, list[str]]] = []
    for start, lines in paragraphs(text):
        ids = [m.group(1) for line in lines if (m := _ID_LINE.match(line))]
        if not ids:
            pending.append((start, lines))
            continue
        created = next((m.group(1) for line in lines if (m := _CREATED_LINE.match(line))), None)
        yield _record(pending, file, start, ids[0], created)
        pending = []
    if pending:
        yield _record(pending, file, pending[0][0], None, None)


def _record(
    pending: list[tuple[int, list[str]]], file: str, id_line: int,
    arxiv_id: str | None, created: str | None,
) -> Paper | Problem:
    texts = [(start, " ".join(lines)) for start, lines in pending]
    abstract = next(((s, t) for s, t in texts if len(t.split()) >= MIN_ABSTRACT_WORDS), None)
    if abstract is None:
        line = texts[0][0] if texts else id_line
        return Problem(file, line, f"record {arxiv_id or ''} has no abstract".replace("  ", " "))
    comment = " ".join(t for s, t in texts if s != abstract[0]) or None
    return make_paper(
        abstract=abstract[1],
        source={"file": file, "line": abstract[0], "format": FORMAT},
        arxiv_id=arxiv_id,
        date=created,
        comment=comment,
    )
