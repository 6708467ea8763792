"""Read abstracts separated by ``translated by …`` lines (a machine-translating mirror's page)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.files import normalise_newlines
from kg.sources.problems import Problem
from kg.sources.record import make_paper

FORMAT = "translated-list"
_SEPARATOR = re.compile(r"^\s*translated by\b", re.IGNORECASE)


def sniff(text: str) -> bool:
    """True when ``translated by`` lines separate the text."""
    return any(_SEPARATOR.match(line) for line in normalise_newlines(text).split("\n"))


def markers(text: str) -> int:
    """How many ``translated by`` separator lines the text has."""
    return sum(1 for line in normalise_newlines(text).split("\n") if _SEPARATOR.match(line))


def parse_translated_list(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers between ``translated by`` separator lines, in any language.

    Examples
    --------
    >>> page = "We study the scaling of the models.\\ntranslated by 谷歌翻译\\n最近已被证明扩散模型产生高质量的合成图像。\\ntranslated by 谷歌翻译\\n"
    >>> [(p["sources"][0]["line"], p["language"]) for p in parse_translated_list(page, "t.txt")]
    [(1, 'en'), (3, 'zh')]
    """
    start, parts = 0, []
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if _SEPARATOR.match(line):
            if parts:
                yield _record(parts, file, start)
            start, parts = 0, []
        elif line.strip():
            start = start or number
            parts.append(line.strip())
    if parts:
        yield _record(parts, file, start)


def _record(parts: list[str], file: str, line: int) -> Paper | Problem:
    return make_paper(abstract=" ".join(parts), source={"file": file, "line": line, "format": FORMAT})
