"""Read arXiv API Atom feeds, from both the 2016 and the current server generation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper

FORMAT = "arxiv-atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_ENTRY_START = re.compile(r"<(?:atom:)?entry[\s>]")


def sniff(text: str) -> bool:
    """True for an Atom feed (the arXiv API answers in Atom)."""
    head = text[:2000]
    return "<feed" in head and "http://www.w3.org/2005/Atom" in head


def parse_arxiv_atom(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of an arXiv Atom feed; a truncated feed still yields its complete entries.

    Examples
    --------
    >>> feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
    ...         '<id>http://arxiv.org/abs/2104.12255v1</id><title>0</title>'
    ...         '<published>2021-04-20T16:07:14Z</published><summary> What is\\n the funniest number? </summary>'
    ...         '<author><name>Nguyen Thoi Minh Quan</name></author></entry></feed>')
    >>> [(p["id"], p["title"], p["abstract"]) for p in parse_arxiv_atom(feed, "f.xml")]
    [('2104.12255', '0', 'What is the funniest number?')]
    """
    lines = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_START.finditer(text)]
    parser = ET.XMLPullParser(events=("end",))
    index = 0
    try:
        parser.feed(text)
        parser.close()
    except ET.ParseError as error:
        truncated = error
    else:
        truncated = None
    for _, element in parser.read_events():
        if element.tag != ATOM + "entry":
            continue
        line = lines[index] if index < len(lines) else 0
        index += 1
        yield _entry(element, file, line)
    if truncated is not None:
        yield Problem(file, truncated.position[0], f"XML breaks off or is malformed ({truncated}); "
                      "entries after this point are lost")


def _entry(entry: ET.Element, file: str, line: int) -> Paper | Problem:
    def text_of(tag: str) -> str:
        node = entry.find(tag)
        return (node.text or "").strip() if node is not None else ""

    abstract = text_of(ATOM + "summary")
    if not abstract:
        return Problem(file, line, "Atom entry has no <summary> (abstract)")
    primary = entry.find(ARXIV + "primary_category")
    categories = [c.get("term") for c in entry.findall(ATOM + "category") if c.get("term")]
    return make_paper(
        abstract=abstract,
        source={"file": file, "line": line, "format": FORMAT},
        title=text_of(ATOM + "title"),
        authors=[
            author(text_of_node(a, ATOM + "name"),
                   [text_of_node(x) for x in a.findall(ARXIV + "affiliation")])
            for a in entry.findall(ATOM + "author") if text_of_node(a, ATOM + "name")
        ],
        date=text_of(ATOM + "published") or text_of(ATOM + "updated"),
        arxiv_id=text_of(ATOM + "id"),
        doi=text_of(ARXIV + "doi"),
        category=primary.get("term") if primary is not None else (categories[0] if categories else None),
        venue=text_of(ARXIV + "journal_ref") or None,
        comment=text_of(ARXIV + "comment") or None,
    )


def text_of_node(node: ET.Element, tag: str | None = None) -> str:
    """Stripped text of ``node`` (or of its child ``tag``), ``""`` when absent."""
    target = node.find(tag) if tag else node
    return (target.text or "").strip() if target is not None else ""
