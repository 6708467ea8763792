"""Read a list of ``Abstract:`` lines under a page header (the header is not an author)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.files import normalise_newlines
from kg.sources.problems import Problem
from kg.sources.record import make_paper

FORMAT = "abstract-list"
_ABSTRACT = re.compile(r"^\s*Abstract\s*:\s*", re.IGNORECASE)


def sniff(text: str) -> bool:
    """True when ``Abstract:`` starts two lines or more, or most non-empty lines.

    The list is the last format tried, so this only decides between reading a page and
    losing it whole: a page whose header (navigation, a name, scraped debris) runs longer
    than its list is still a list.

    Examples
    --------
    >>> sniff("Home\\nPeople\\nPapers\\nContact\\nAbstract:We study A.\\nAbstract:We study B.")
    True
    >>> sniff("Tony\\nAbstract:We study A."), sniff("Home\\nPeople\\nPapers\\nAbstract:We study A.")
    (True, False)
    """
    lines = [line for line in normalise_newlines(text).split("\n") if line.strip()]
    starts = sum(1 for line in lines if _ABSTRACT.match(line))
    return starts >= 2 or (starts == 1 and 2 >= len(lines) - 1)


def markers(text: str) -> int:
    """How many ``Abstract:`` lines start records."""
    return sum(1 for line in normalise_newlines(text).split("\n") if _ABSTRACT.match(line))


def parse_abstract_list(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of an ``Abstract:`` list; lines before the first one are a page header.

    Examples
    --------
    >>> page = "Tony\\nAbstract:We introduce Codex, a GPT model.\\nAbstract:\\n"
    >>> [str(x) if not isinstance(x, dict) else x["abstract"] for x in parse_abstract_list(page, "p.txt")]
    ['We introduce Codex, a GPT model.', 'p.txt:3: "Abstract:" line with no abstract']
    """
    start, parts = 0, []
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if _ABSTRACT.match(line):
            if start:
                yield _record(parts, file, start)
            start, parts = number, [_ABSTRACT.sub("", line, count=1)]
        elif start and line.strip():
            parts.append(line)
    if start:
        yield _record(parts, file, start)


def _record(parts: list[str], file: str, line: int) -> Paper | Problem:
    abstract = " ".join(p.strip() for p in parts).strip()
    if not abstract:
        return Problem(file, line, '"Abstract:" line with no abstract')
    return make_paper(abstract=abstract, source={"file": file, "line": line, "format": FORMAT})
