"""The RDF export of the knowledge graph: Turtle, N-Triples or JSON-LD, streamed to a file.

The vocabulary is ``ontology/kg.ttl``. The work is split by direction of travel:
:mod:`kg.exports.rdf_mapping` turns the graph into statements subject by subject (graph →
triples), :mod:`kg.exports.rdf_writers` turns those into canonical text (triples → bytes),
and :func:`write_rdf` pipes one into the other and onto disk without ever holding the whole
document (on several processes if asked: :mod:`kg.exports.rdf_parts`), so a 34,000-paper
export costs seconds and little memory. The same graph always
gives the same bytes. :func:`generate_rdf` gives an ``rdflib.Graph`` for small graphs and tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef

from kg.exports.atomic import write_atomic
from kg.exports.rdf_mapping import ENTITY_CLASSES, ROLE_PROPERTIES, generate_blocks
from kg.exports.rdf_parts import generate_in_parts
from kg.exports.rdf_terms import (
    DEFAULT_BASE, INSTANCE_PREFIXES, ONTOLOGY, VOCABULARIES, check_base, clean_text, key_iri,
    prefixes, safe_iri,
)
from kg.exports.rdf_writers import SYNTAXES, nt_term

__all__ = ["DEFAULT_BASE", "ENTITY_CLASSES", "EXTENSIONS", "FORMATS", "INSTANCE_PREFIXES",
           "ONTOLOGY", "ROLE_PROPERTIES", "VOCABULARIES", "check_base", "clean_text",
           "generate_rdf", "generate_triples", "key_iri", "nt_term", "safe_iri", "write_rdf"]

#: ``format`` names (and aliases) → canonical name, and each one's file extension.
FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
           "n-triples": "nt", "json-ld": "json-ld", "jsonld": "json-ld"}
EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld"}


def _rdflib_term(term) -> URIRef | Literal:
    if type(term) is str:
        return URIRef(term)
    lexical, datatype = term
    return Literal(lexical, datatype=URIRef(datatype) if datatype else None)


def generate_triples(
    graph: nx.DiGraph, *, base: str = DEFAULT_BASE, inputs: list[str] | None = None,
    materialise: bool = True,
) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """Yield the RDF triples of ``graph`` as rdflib terms, each once, in export order.

    For inspecting small graphs; exports use the plain blocks of
    :func:`kg.exports.rdf_mapping.generate_blocks`, which this wraps.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("paper/1", kind="paper", label="T", id="1")
    >>> label = URIRef(VOCABULARIES["rdfs"] + "label")
    >>> (URIRef(DEFAULT_BASE + "paper/1"), label, Literal("T")) in list(generate_triples(g))
    True
    """
    for subject, pairs in generate_blocks(graph, base=base, inputs=inputs, materialise=materialise):
        s = URIRef(subject)
        for p, o in pairs:
            yield s, URIRef(p), _rdflib_term(o)


def generate_rdf(
    graph: nx.DiGraph, *, base: str = DEFAULT_BASE, inputs: list[str] | None = None,
    materialise: bool = True,
) -> Graph:
    """Return ``graph`` as an ``rdflib.Graph`` with the kg prefixes bound.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("author/ada", kind="author", label="Ada", name="Ada")
    >>> rdf = generate_rdf(g, base="https://example.org/id/")
    >>> rdf.value(URIRef("https://example.org/id/author/ada"), URIRef(VOCABULARIES["foaf"] + "name"))
    rdflib.term.Literal('Ada')
    """
    rdf = Graph()
    for prefix, namespace in prefixes(check_base(base)).items():
        rdf.bind(prefix, namespace, override=True, replace=True)
    for triple in generate_triples(graph, base=base, inputs=inputs, materialise=materialise):
        rdf.add(triple)
    return rdf


def write_rdf(
    graph: nx.DiGraph,
    path: str | os.PathLike,
    *,
    format: str = "turtle",
    base: str = DEFAULT_BASE,
    inputs: list[str] | None = None,
    materialise: bool = True,
    processes: int = 1,
) -> Path:
    """Write ``graph`` as RDF to ``path``: a file, or a directory (an existing one, or a
    path without suffix such as ``exports``) to hold ``kg.ttl``, ``kg.nt`` or ``kg.jsonld``.

    ``format`` is ``turtle`` (default), ``nt`` or ``json-ld``. The bytes depend only on
    the graph, ``base`` and ``inputs``; the text is streamed to a temporary file that
    replaces ``path`` atomically once complete. ``materialise=False`` leaves out the
    entailed super-classes and super-properties. ``processes`` > 1 maps and renders parts of
    the graph on that many processes (see :mod:`kg.exports.rdf_parts`): the same bytes, sooner.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.DiGraph(); g.add_node("paper/1", kind="paper", label="T", id="1")
    >>> out = write_rdf(g, tempfile.mkdtemp(), format="nt")
    >>> out.name, len(Graph().parse(out, format="nt")) > 5
    ('kg.nt', True)
    """
    fmt = FORMATS.get(format.lower())
    if fmt is None:
        raise ValueError(f"unknown RDF format {format!r}; use turtle, nt or json-ld")
    target = Path(path)
    if target.is_dir() or not target.suffix:
        target = target / ("kg" + EXTENSIONS[fmt])
    return write_atomic(target, generate_in_parts(graph, SYNTAXES[fmt], target.parent, base=base,
                                                  inputs=list(inputs or []), materialise=materialise,
                                                  processes=processes))
