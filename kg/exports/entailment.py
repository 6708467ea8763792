"""Materialise the ontology's super-classes and super-properties in an export.

No SPARQL engine infers ``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` unless asked, so a plain
``?p schema:mentions ?x`` or ``?d a mls:Dataset`` over ``kg.ttl`` alone would find nothing.
The export therefore states, beside each typed resource and each link, every class and property
the ontology puts above it (RDFS rules rdfs9 and rdfs7, for kg's own axioms only).

Terms are the plain ones of :mod:`kg.exports.rdf_terms` (IRIs as ``str``): entailment runs
on every subject of a full-corpus export, so it is two dict lookups per statement.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

import kg
from kg.exports.rdf_terms import RDF_TYPE, Term

#: The ontology whose axioms are materialised (the file ``kg query`` loads too).
ONTOLOGY_FILE = Path(kg.__file__).parent / "ontology" / "kg.ttl"
#: Super-properties not materialised: ``dcterms:identifier`` is the record id, one per paper
#: (the cookbook and users read it as such); ``kg:arxivId`` and ``kg:doi`` stay apart.
NOT_MATERIALISED = frozenset({"http://purl.org/dc/terms/identifier"})


@lru_cache(maxsize=1)
def super_terms() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each class's and each property's strict super-classes / super-properties (transitive),
    read from the ontology once, each list sorted so exports stay byte-identical."""
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    properties = {p: tuple(s for s in sups if s not in NOT_MATERIALISED)
                  for p, sups in _closure(onto, RDFS.subPropertyOf).items()}
    return _closure(onto, RDFS.subClassOf), properties


def _closure(onto: Graph, relation: URIRef) -> dict[str, tuple[str, ...]]:
    direct: dict[str, set[str]] = {}
    for sub, sup in onto.subject_objects(relation):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(str(sub), set()).add(str(sup))
    out = {}
    for term in direct:
        seen: set[str] = set()
        todo = list(direct[term])
        while todo:
            t = todo.pop()
            if t not in seen and t != term:
                seen.add(t)
                todo.extend(direct.get(t, ()))
        out[term] = tuple(sorted(seen))
    return out


def entailed_pairs(pairs: Iterable[tuple[str, Term]]) -> list[tuple[str, Term]]:
    """The ``(predicate, object)`` pairs of one subject that the ontology entails from ``pairs``.

    May repeat a pair or one already given; the mapping dedupes each subject's pairs.

    Examples
    --------
    >>> KG = "https://w3id.org/kg/ontology#"
    >>> sorted(entailed_pairs([(KG + "evaluatesOn", "urn:d")]))[-1]
    ('https://w3id.org/kg/ontology#uses', 'urn:d')
    """
    classes, properties = super_terms()
    out: list[tuple[str, Term]] = []
    for p, o in pairs:
        if p == RDF_TYPE:
            sups = classes.get(o) if type(o) is str else None
            if sups:
                out.extend((RDF_TYPE, sup) for sup in sups)
        else:
            sups = properties.get(p)
            if sups:
                out.extend((sup, o) for sup in sups)
    return out


def generate_entailed(triples: Iterable[tuple]) -> Iterator[tuple]:
    """Yield the triples the ontology entails from ``triples`` by sub-class and sub-property
    (``x a kg:Dataset`` → ``x a mls:Dataset``, ``p kg:evaluatesOn d`` → ``p kg:uses d``,
    ``p schema:mentions d``). May repeat a triple or one already given; writers dedupe.

    Examples
    --------
    >>> KG, S = "https://w3id.org/kg/ontology#", "https://schema.org/"
    >>> entailed = set(generate_entailed([("urn:p", KG + "evaluatesOn", "urn:d")]))
    >>> ("urn:p", S + "mentions", "urn:d") in entailed and ("urn:p", KG + "uses", "urn:d") in entailed
    True
    """
    for s, p, o in triples:
        for sup_p, sup_o in entailed_pairs([(p, o)]):
            yield s, sup_p, sup_o
