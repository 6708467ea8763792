"""The input formats kg reads, and how one is recognised from a file's content."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from kg.records import Paper
from kg.sources import (
    abstract_list,
    arxiv_atom,
    arxiv_listing,
    json_records,
    publication_page,
    translated_list,
)
from kg.sources.problems import Problem

Parser = Callable[[str, str], Iterator[Paper | Problem]]


class Format(NamedTuple):
    """A reader: its name, a content test, the parser, and for a plain-text format, how
    many record markers a text holds (``None`` for a structured format: JSON or XML that
    parses is that format)."""

    name: str
    sniff: Callable[[str], bool]
    parse: Parser
    description: str
    markers: Callable[[str], int] | None = None


# Most specific first: a structured format whose test accepts the content reads the file;
# else the plain-text format with the most record markers (see detect_format).
FORMATS: tuple[Format, ...] = (
    Format("arxiv-atom", arxiv_atom.sniff, arxiv_atom.parse_arxiv_atom,
           "arXiv API Atom feed (2016 and current servers)"),
    Format("json", json_records.sniff, json_records.parse_json,
           "JSON / JSON Lines of papers: plain records, Semantic Scholar, OpenAlex"),
    Format("arxiv-listing", arxiv_listing.sniff, arxiv_listing.parse_arxiv_listing,
           "abstract, optional comment, 'arXiv:ID', 'Created: DATE'", arxiv_listing.markers),
    Format("publication-page", publication_page.sniff, publication_page.parse_publication_page,
           "category+date line, title glued to authors, abstract", publication_page.markers),
    Format("translated-list", translated_list.sniff, translated_list.parse_translated_list,
           "abstracts separated by 'translated by …' lines", translated_list.markers),
    Format("abstract-list", abstract_list.sniff, abstract_list.parse_abstract_list,
           "'Abstract:' lines under a page header", abstract_list.markers),
)
# API names users know, for --format; each object's shape is recognised inside JSON.
ALIASES = {"jsonl": "json", "semantic-scholar": "json", "s2": "json", "openalex": "json",
           "atom": "arxiv-atom"}
BY_NAME = {f.name: f for f in FORMATS}


def format_names() -> list[str]:
    """Every name ``--format`` accepts."""
    return sorted([*BY_NAME, *ALIASES])


def get_format(name: str) -> Format:
    """The reader called ``name`` (or one of its aliases).

    Raises
    ------
    ValueError
        For an unknown name, listing the known ones.
    """
    key = ALIASES.get(name, name)
    if key not in BY_NAME:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(format_names())}")
    return BY_NAME[key]


def detect_format(text: str) -> Format | None:
    """The reader for ``text``, or ``None``: the first structured format whose content test
    accepts it; else, of the plain-text formats that accept it, the one whose record markers
    it holds most often (ties go to the earlier in :data:`FORMATS`). Scraped abstracts quote
    anything: one that holds a line another format takes as a marker ("translated by …",
    "LGJan 13, 2020") must not make the whole file be read as that format.

    Examples
    --------
    >>> detect_format('{"title": "T", "abstract": "A"}').name
    'json'
    >>> detect_format("Abstract:We introduce Codex.").name
    'abstract-list'
    >>> detect_format("just some words") is None
    True
    >>> detect_format("Abstract:We study A.\\ntranslated by a tool\\nAbstract:We study B.").name
    'abstract-list'
    """
    plain = []
    for f in FORMATS:
        if f.sniff(text):
            if f.markers is None:
                return f
            plain.append(f)
    return max(plain, key=lambda f: f.markers(text), default=None)  # max keeps the first of equals
