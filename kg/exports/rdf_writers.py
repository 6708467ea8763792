"""Write RDF blocks as canonical N-Triples, Turtle or JSON-LD text, streamed chunk by chunk.

This is the triples → bytes half of the RDF export: each writer takes the blocks of
:func:`kg.exports.rdf_mapping.generate_blocks` (a subject and its unique
``(predicate, object)`` pairs, in plain terms) and yields text in chunks of a few thousand
subjects, so an export of any size is written with the memory of one chunk. Each syntax is
a :class:`Syntax` (head, block renderer, separator, tail), so a document can also be written
in parts and joined (:mod:`kg.exports.rdf_parts`). The output is
canonical: blocks in the order given, each subject's statements sorted by their written form,
strings always single-line escaped quotes. The same blocks therefore always give the same
bytes, and every literal round-trips whatever it holds (quotes, backslashes, control
characters, U+2028, noncharacters; a stray lone surrogate becomes U+FFFD).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.encoder import encode_basestring
from collections.abc import Callable, Iterable, Iterator

from kg.exports.rdf_mapping import Block
from kg.exports.rdf_terms import (
    DEFAULT_BASE, INSTANCE_PREFIXES, IRI_FORBIDDEN, RDF_TYPE, VOCABULARIES, XSD_INTEGER, prefixes,
)

#: Subjects per yielded chunk: big enough that writing costs little, small enough to forget.
CHUNK_SUBJECTS = 2000

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]')
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TURTLE_INTEGER = re.compile(r"[+-]?\d+")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"  # no escape can write a lone surrogate in RDF
    return _ECHAR.get(char) or f"\\u{ord(char):04X}"


def escape(text: str) -> str:
    """``text`` as the inside of a single-line double-quoted RDF string.

    Examples
    --------
    >>> print(escape('say "hi"\\n\\x01 \\\\ \\u2028'))
    say \\"hi\\"\\n\\u0001 \\\\ \u2028
    """
    return _NEEDS_ESCAPE.sub(_escape_char, text) if _NEEDS_ESCAPE.search(text) else text


def full_iri(iri: str) -> str:
    """``<iri>``; an IRI holding a character no IRI may hold is refused, never written."""
    if IRI_FORBIDDEN.search(iri):
        raise ValueError(f"not a safe IRI: {iri!r}")
    return "<" + iri + ">"


def nt_term(term) -> str:
    """The N-Triples form of a plain term (an IRI ``str`` or a ``(lexical, datatype)`` literal).

    Examples
    --------
    >>> nt_term(('say "hi"', ""))
    '"say \\\\"hi\\\\""'
    >>> nt_term(("3", XSD_INTEGER))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if type(term) is str:
        return full_iri(term)
    lexical, datatype = term
    return '"' + escape(lexical) + ('"^^<' + datatype + ">" if datatype else '"')


def _chunks(parts: Iterable[str]) -> Iterator[str]:
    buffer: list[str] = []
    for part in parts:
        buffer.append(part)
        if len(buffer) >= CHUNK_SUBJECTS:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


def ntriples_renderer() -> Callable[[Block], str]:
    """A function giving one block's canonical N-Triples lines, sorted, as one string.

    This is the whole of the N-Triples writer but the chunking: :func:`generate_ntriples`
    maps it over the blocks for ``kg.nt``, and :mod:`kg.exports.shards` over the same blocks
    to fan them out into files, so a shard line is byte for byte a ``kg.nt`` line. Each
    renderer keeps caches of the written IRIs, bounded; use one per export.

    Examples
    --------
    >>> render = ntriples_renderer()
    >>> print(render(("urn:s", [("urn:p", "urn:o"), ("urn:p", ('a "b"', ""))])), end="")
    <urn:s> <urn:p> "a \\"b\\"" .
    <urn:s> <urn:p> <urn:o> .
    >>> render(("urn:s", []))
    ''
    """
    predicates: dict[str, str] = {}
    datatypes: dict[str, str] = {}
    objects: dict[str, str] = {}
    needs_escape = _NEEDS_ESCAPE.search

    def lines(block: Block) -> str:
        subject, pairs = block
        head = full_iri(subject) + " "
        rendered = []
        for p, o in pairs:
            pred = predicates.get(p)
            if pred is None:
                pred = predicates[p] = full_iri(p) + " "
            if type(o) is str:
                obj = objects.get(o)
                if obj is None:
                    if len(objects) > 200_000:
                        objects.clear()
                    obj = objects[o] = full_iri(o) + " .\n"
                rendered.append(pred + obj)
            else:
                lexical, datatype = o
                tail = datatypes.get(datatype)
                if tail is None:
                    tail = datatypes[datatype] = ('"^^' + full_iri(datatype) if datatype else '"') + " .\n"
                if needs_escape(lexical):
                    lexical = escape(lexical)
                rendered.append(pred + '"' + lexical + tail)
        rendered.sort()  # one subject: sorting "predicate object" is sorting whole lines
        return head + head.join(rendered) if rendered else ""

    return lines


def generate_ntriples(blocks: Iterable[Block], *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Canonical N-Triples of ``blocks``: one escaped line per statement, sorted per subject.

    Examples
    --------
    >>> print("".join(generate_ntriples([("urn:s", [("urn:p", ("b", "")), ("urn:p", "urn:o")])])), end="")
    <urn:s> <urn:p> "b" .
    <urn:s> <urn:p> <urn:o> .
    """
    return SYNTAXES["nt"].document(blocks, base)


class Compactor:
    """Write IRIs as prefixed names when the local part is safe, else in full.

    Instance IRIs (``base`` + ``paper/…``) are by far the most common and are compacted
    without a lookup; vocabulary IRIs are few and cached.

    Examples
    --------
    >>> c = Compactor(prefixes(DEFAULT_BASE), base=DEFAULT_BASE)
    >>> c(DEFAULT_BASE + "paper/2001.04451"), c(RDF_TYPE), c(DEFAULT_BASE + "link/x/y")
    ('paper:2001.04451', 'rdf:type', '<https://w3id.org/kg/id/link/x/y>')
    """

    def __init__(self, namespaces: dict[str, str], *, base: str | None = None, full=full_iri):
        self.by_length = sorted(namespaces.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.cache: dict[str, str] = {}
        self.full = full
        # The fast path is exact only when no other namespace lies under base.
        instance = {name for name in INSTANCE_PREFIXES if namespaces.get(name) == f"{base}{name}/"}
        others = [ns for name, ns in namespaces.items() if name not in instance]
        self.base = base if base and instance and not any(ns.startswith(base) for ns in others) else None
        self.instance = frozenset(instance)

    def __call__(self, iri: str) -> str:
        if self.base is not None and iri.startswith(self.base):
            kind, slash, local = iri[len(self.base):].partition("/")
            if slash and kind in self.instance and _SAFE_LOCAL.fullmatch(local):
                return kind + ":" + local
            return self.full(iri)
        compact = self.cache.get(iri)
        if compact is None:
            compact = self._compact(iri)
            if len(self.cache) < 100_000:
                self.cache[iri] = compact
        return compact

    def _compact(self, iri: str) -> str:
        for prefix, namespace in self.by_length:
            if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return self.full(iri)


def generate_turtle(blocks: Iterable[Block], *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Canonical Turtle of ``blocks``: the prefixes, then one paragraph per subject.

    Each statement is one ``predicate object`` line of its subject's paragraph (a predicate
    with several objects is repeated rather than listed: sorting whole lines is what keeps
    this writer within reach of pyoxigraph's). ``rdf:type`` comes first, then the other
    lines sorted; strings are always single-line escaped quotes, so any text round-trips.

    Examples
    --------
    >>> s, label = DEFAULT_BASE + "paper/1", VOCABULARIES["rdfs"] + "label"
    >>> text = "".join(generate_turtle([(s, [(label, ('say "hi"', "")), (RDF_TYPE, VOCABULARIES["kg"] + "Paper")])]))
    >>> print(text.split("\\n\\n", 1)[1], end="")
    paper:1
        a kg:Paper ;
        rdfs:label "say \\"hi\\"" .
    """
    return SYNTAXES["turtle"].document(blocks, base)


def turtle_prefixes(base: str) -> str:
    """The ``@prefix`` lines that open a Turtle export."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes(base).items()))


def turtle_renderer(base: str) -> Callable[[Block], str]:
    """A function giving one block's Turtle paragraph (see :func:`generate_turtle`)."""
    declared = prefixes(base)
    compact = Compactor(declared, base=base)
    predicates: dict[str, str] = {RDF_TYPE: "a "}
    datatypes: dict[str, str] = {"": '"'}
    objects: dict[str, str] = {}  # entity, author and paper IRIs recur: compact each once
    needs_escape, integer = _NEEDS_ESCAPE.search, _TURTLE_INTEGER.fullmatch

    def paragraph(block: Block) -> str:
        subject, pairs = block
        rows = []
        for p, o in pairs:
            pred = predicates.get(p)
            if pred is None:
                pred = predicates[p] = compact(p) + " "
            if type(o) is str:
                obj = objects.get(o)
                if obj is None:
                    if len(objects) > 200_000:
                        objects.clear()
                    obj = objects[o] = compact(o)
                rows.append(pred + obj)
                continue
            lexical, datatype = o
            if datatype == XSD_INTEGER and integer(lexical):
                rows.append(pred + lexical)
                continue
            tail = datatypes.get(datatype)
            if tail is None:
                tail = datatypes[datatype] = '"^^' + compact(datatype)
            if needs_escape(lexical):
                lexical = escape(lexical)
            rows.append(pred + '"' + lexical + tail)
        if not rows:
            return ""
        # "pred obj" strings sort as (pred, obj) pairs: no prefixed name holds a space or
        # anything below it. rdf:type ("a") sorts first unless a predicate is a full <IRI>.
        rows.sort()
        if rows[0] < "a":
            rows = [r for r in rows if r.startswith("a ")] + [r for r in rows if not r.startswith("a ")]
        return "\n" + compact(subject) + "\n    " + " ;\n    ".join(rows) + " .\n"

    return paragraph


def generate_jsonld(blocks: Iterable[Block], *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """Canonical JSON-LD of ``blocks``: one node object per subject in ``@graph``, one a line.

    Property names and types are compact IRIs of the vocabulary prefixes; every value is an
    explicit ``{"@id": ...}`` or ``{"@value": ..., "@type": ...}`` object, so the lexical
    forms survive exactly.

    Examples
    --------
    >>> doc = json.loads("".join(generate_jsonld([("urn:s", [(RDF_TYPE, VOCABULARIES["kg"] + "Paper")])])))
    >>> doc["@graph"]
    [{'@id': 'urn:s', '@type': ['kg:Paper']}]
    """
    return SYNTAXES["json-ld"].document(blocks, base)


def jsonld_renderer(base: str) -> Callable[[Block], str]:
    """A function giving one block's JSON-LD node object (see :func:`generate_jsonld`)."""
    compact = Compactor(dict(VOCABULARIES), full=str)
    string = encode_basestring  # a JSON string literal, in C
    names: dict[str, str] = {}
    ids: dict[str, str] = {}
    typed: dict[str, str] = {"": ""}

    def node(block: Block) -> str:
        subject, pairs = block
        types: list[str] = []
        values: dict[str, list[str]] = {}
        for p, o in pairs:
            if type(o) is str:
                if p == RDF_TYPE:
                    types.append(string(compact(o)))
                    continue
                value = ids.get(o)
                if value is None:
                    if len(ids) > 200_000:
                        ids.clear()
                    value = ids[o] = '{"@id": ' + string(o) + "}"
            else:
                lexical, datatype = o
                tail = typed.get(datatype)
                if tail is None:
                    tail = typed[datatype] = ', "@type": ' + string(datatype)
                value = '{"@value": ' + string(escape_surrogates(lexical)) + tail + "}"
            name = names.get(p)
            if name is None:
                name = names[p] = string(compact(p))
            values.setdefault(name, []).append(value)
        out = ['{"@id": ', string(subject)]
        if types:
            types.sort()
            out += (', "@type": [', ", ".join(types), "]")
        for name in sorted(values):
            listed = values[name]
            listed.sort()
            out += (", ", name, ": [", ", ".join(listed), "]")
        out.append("}")
        return "".join(out)

    return node


def jsonld_context(base: str) -> str:
    """What opens a JSON-LD export: the context, and the ``@graph`` array."""
    return '{"@context": ' + json.dumps(dict(sorted(VOCABULARIES.items())), ensure_ascii=False) + ',\n"@graph": [\n'


_SURROGATES = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD (JSON text must be UTF-8)."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


@dataclass(frozen=True)
class Syntax:
    """One RDF syntax as four parts: ``head(base)`` + blocks rendered by ``renderer(base)``,
    ``separator`` between two blocks, + ``tail``.

    A document can therefore be written in parts (:mod:`kg.exports.rdf_parts`): the head,
    each part's :meth:`body`, the parts joined by the separator, then the tail give the bytes
    of :meth:`document`.
    """

    head: Callable[[str], str]
    renderer: Callable[[str], Callable[[Block], str]]
    separator: str = ""
    tail: str = ""

    def body(self, blocks: Iterable[Block], base: str) -> Iterator[str]:
        """The rendered ``blocks``, separated, in chunks of :data:`CHUNK_SUBJECTS`."""
        rendered = map(self.renderer(base), blocks)
        if self.separator:
            rendered = _separated(rendered, self.separator)
        return _chunks(rendered)

    def document(self, blocks: Iterable[Block], base: str) -> Iterator[str]:
        """The whole document of ``blocks``, chunk by chunk."""
        return self.joined([self.body(blocks, base)], base)

    def joined(self, bodies: Iterable[Iterable[str | bytes]], base: str) -> Iterator[str | bytes]:
        """The document whose blocks are those of ``bodies`` in turn (each a :meth:`body`, or
        its text read back from a file; none empty), the separator between two of them."""
        yield self.head(base)
        for number, body in enumerate(bodies):
            if number:
                yield self.separator
            yield from body
        yield self.tail


def _separated(texts: Iterable[str], separator: str) -> Iterator[str]:
    texts = iter(texts)
    for first in texts:
        yield first
        break
    for text in texts:
        yield separator + text


SYNTAXES = {
    "turtle": Syntax(turtle_prefixes, turtle_renderer),
    "nt": Syntax(lambda base: "", lambda base: ntriples_renderer()),
    "json-ld": Syntax(jsonld_context, jsonld_renderer, separator=",\n", tail="\n]}\n"),
}
WRITERS = {"turtle": generate_turtle, "nt": generate_ntriples, "json-ld": generate_jsonld}
