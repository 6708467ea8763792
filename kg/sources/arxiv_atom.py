"""Read arXiv API Atom feeds, from both the 2016 and the current server generation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from xml.parsers import expat

from kg.records import Paper
from kg.sources.limits import excerpt
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper, normalise_arxiv_id

FORMAT = "arxiv-atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
# The feed's start tag, looked for past an XML declaration, comments and a DTD of any length.
_FEED_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?feed\b[^<>]*>")
SNIFF_CHARS = 1_000_000
_ENTRY_START = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?entry[\s>]")
_ENTRY_END = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?entry\s*>")


class _Refused(Exception):
    """The document declares an entity: kg never expands one (no billion laughs, no file read)."""


def sniff(text: str) -> bool:
    """True for an Atom feed (the arXiv API answers in Atom), however long its prologue."""
    if text.lstrip("\ufeff \t\r\n")[:1] != "<":
        return False
    feed = _FEED_TAG.search(text, 0, SNIFF_CHARS)
    return feed is not None and "http://www.w3.org/2005/Atom" in feed.group()


def parse_arxiv_atom(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of an arXiv Atom feed; a truncated feed still yields its complete entries, and
    a malformed entry costs only itself.

    A feed that declares an entity is refused whole (nothing is expanded or fetched); an
    entry of an API error feed (``<title>Error</title>``) is reported, not kept.

    Examples
    --------
    >>> feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
    ...         '<id>http://arxiv.org/abs/2104.12255v1</id><title>0</title>'
    ...         '<published>2021-04-20T16:07:14Z</published><summary> What is\\n the funniest number? </summary>'
    ...         '<author><name>Nguyen Thoi Minh Quan</name></author></entry></feed>')
    >>> [(p["id"], p["title"], p["abstract"]) for p in parse_arxiv_atom(feed, "f.xml")]
    [('2104.12255', '0', 'What is the funniest number?')]
    >>> [str(p) for p in parse_arxiv_atom('<!DOCTYPE f [<!ENTITY a "b">]><feed/>', "f.xml")]
    ['f.xml:1: the XML declares an entity (a); kg expands no entity: file skipped']
    """
    entries: list[tuple[ET.Element, int]] = []
    parser = _parser(entries)
    failure = None
    try:
        parser.Parse(text, True)
    except _Refused as refused:
        yield Problem(file, parser.CurrentLineNumber,
                      f"the XML declares an entity ({excerpt(str(refused), 30)[1:-1]}); "
                      "kg expands no entity: file skipped")
        return
    except expat.ExpatError as error:
        failure = error
    for element, line in entries:
        yield _entry(element, file, line)
    if failure is not None:
        yield from _entries_one_by_one(text, file, len(entries), failure)


def _entries_one_by_one(text: str, file: str, done: int, failure: expat.ExpatError) -> Iterator[Paper | Problem]:
    """After the XML breaks, every entry not yet read is parsed on its own inside the feed's
    start tag (its namespaces), so a bare "&", a stray control character or an unclosed tag
    costs its own entry and not the ones after it.

    Examples
    --------
    >>> entry = '<entry><id>http://arxiv.org/abs/2101.0000{0}v1</id><summary>{1}</summary></entry>'
    >>> feed = ('<feed xmlns="http://www.w3.org/2005/Atom">' + entry.format(1, "We study A.")
    ...         + entry.format(2, "AT&T") + "\\n" + entry.format(3, "We study C.") + "</feed>")
    >>> for p in parse_arxiv_atom(feed, "f.xml"): print(p["id"] if isinstance(p, dict) else p)
    2101.00001
    f.xml:1: Atom entry breaks off or is malformed XML (not well-formed (invalid token)); skipped
    2101.00003
    """
    feed = _FEED_TAG.search(text, 0, SNIFF_CHARS)
    starts = [m.start() for m in _ENTRY_START.finditer(text)][done:]
    if feed is None or not starts:
        yield Problem(file, failure.lineno, f"XML breaks off or is malformed "
                      f"({expat.ErrorString(failure.code)}); entries after this point are lost")
        return
    opening = re.sub(r"\s", " ", feed.group())  # one line, so entry lines keep their numbers
    closing = "</" + re.match(r"<([^\s>]+)", opening).group(1) + ">"
    line, counted = 1, 0
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else len(text)
        end = _ENTRY_END.search(text, start, stop)
        line += text.count("\n", counted, start)
        counted = start
        found: list[tuple[ET.Element, int]] = []
        parser = _parser(found)
        try:
            parser.Parse(opening + text[start:end.end() if end else stop] + closing, True)
        except (expat.ExpatError, _Refused) as error:
            reason = expat.ErrorString(error.code) if isinstance(error, expat.ExpatError) else "declares an entity"
            yield Problem(file, line, f"Atom entry breaks off or is malformed XML ({reason}); skipped")
            continue
        for element, inner in found:
            yield _entry(element, file, line + inner - 1)


def _parser(entries: list[tuple[ET.Element, int]]):
    """An expat parser building the tree, collecting each finished Atom entry with its line."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    starts: list[int] = []

    def tag(name: str) -> str:
        return "{" + name if "}" in name else name

    def start(name: str, attributes: dict) -> None:
        if name == ATOM[1:] + "entry":
            starts.append(parser.CurrentLineNumber)
        builder.start(tag(name), {tag(k): v for k, v in attributes.items()})

    def end(name: str) -> None:
        element = builder.end(tag(name))
        if name == ATOM[1:] + "entry":
            entries.append((element, starts.pop() if starts else 0))

    def refuse(name, *_args) -> None:
        raise _Refused(name)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    return parser


def _entry(entry: ET.Element, file: str, line: int) -> Paper | Problem:
    def text_of(tag: str) -> str:
        node = entry.find(tag)
        return (node.text or "").strip() if node is not None else ""

    abstract = text_of(ATOM + "summary")
    entry_id, title = text_of(ATOM + "id"), text_of(ATOM + "title")
    if "/api/errors" in entry_id or (title == "Error" and normalise_arxiv_id(entry_id) is None):
        return Problem(file, line, f"an arXiv API error, not a paper: {excerpt(abstract or entry_id, 80)}")
    if not abstract:
        return Problem(file, line, "Atom entry has no <summary> (abstract)")
    primary = entry.find(ARXIV + "primary_category")
    categories = [c.get("term") for c in entry.findall(ATOM + "category") if c.get("term")]
    return make_paper(
        abstract=abstract,
        source={"file": file, "line": line, "format": FORMAT},
        title=title,
        authors=[
            author(text_of_node(a, ATOM + "name"),
                   [text_of_node(x) for x in a.findall(ARXIV + "affiliation")])
            for a in entry.findall(ATOM + "author") if text_of_node(a, ATOM + "name")
        ],
        date=text_of(ATOM + "published") or text_of(ATOM + "updated"),
        arxiv_id=entry_id,
        doi=text_of(ARXIV + "doi"),
        category=primary.get("term") if primary is not None else (categories[0] if categories else None),
        venue=text_of(ARXIV + "journal_ref") or None,
        comment=text_of(ARXIV + "comment") or None,
    )


def text_of_node(node: ET.Element, tag: str | None = None) -> str:
    """Stripped text of ``node`` (or of its child ``tag``), ``""`` when absent."""
    target = node.find(tag) if tag else node
    return (target.text or "").strip() if target is not None else ""
