"""Materialise the ontology's super-classes and super-properties in an export.

No SPARQL engine infers ``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` unless asked, so a plain
``?p schema:mentions ?x`` or ``?d a mls:Dataset`` over ``kg.ttl`` alone would find nothing.
The export therefore states, beside each typed resource and each link, every class and property
the ontology puts above it (RDFS rules rdfs9 and rdfs7, for kg's own axioms only).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

import kg

#: The ontology whose axioms are materialised (the file ``kg query`` loads too).
ONTOLOGY_FILE = Path(kg.__file__).parent / "ontology" / "kg.ttl"
#: Super-properties not materialised: ``dcterms:identifier`` is the record id, one per paper
#: (the cookbook and users read it as such); ``kg:arxivId`` and ``kg:doi`` stay apart.
NOT_MATERIALISED = frozenset({URIRef("http://purl.org/dc/terms/identifier")})


@lru_cache(maxsize=1)
def super_terms() -> tuple[dict[URIRef, tuple[URIRef, ...]], dict[URIRef, tuple[URIRef, ...]]]:
    """Each class's and each property's strict super-classes / super-properties (transitive),
    read from the ontology once, each list sorted so exports stay byte-identical."""
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    properties = {p: tuple(s for s in sups if s not in NOT_MATERIALISED)
                  for p, sups in _closure(onto, RDFS.subPropertyOf).items()}
    return _closure(onto, RDFS.subClassOf), properties


def _closure(onto: Graph, relation: URIRef) -> dict[URIRef, tuple[URIRef, ...]]:
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in onto.subject_objects(relation):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)
    out = {}
    for term in direct:
        seen: set[URIRef] = set()
        todo = list(direct[term])
        while todo:
            t = todo.pop()
            if t not in seen and t != term:
                seen.add(t)
                todo.extend(direct.get(t, ()))
        out[term] = tuple(sorted(seen))
    return out


def generate_entailed(triples: Iterable[tuple]) -> Iterator[tuple]:
    """Yield the triples the ontology entails from ``triples`` by sub-class and sub-property
    (``x a kg:Dataset`` → ``x a mls:Dataset``, ``p kg:evaluatesOn d`` → ``p kg:uses d``,
    ``p schema:mentions d``). May repeat a triple or one already given; writers dedupe.

    Examples
    --------
    >>> from rdflib import Namespace
    >>> KG, S = Namespace("https://w3id.org/kg/ontology#"), Namespace("https://schema.org/")
    >>> p, d = URIRef("urn:p"), URIRef("urn:d")
    >>> entailed = set(generate_entailed([(p, KG.evaluatesOn, d)]))
    >>> (p, S.mentions, d) in entailed and (p, KG.uses, d) in entailed
    True
    """
    classes, properties = super_terms()
    for s, p, o in triples:
        if p == RDF.type:
            for sup in classes.get(o, ()):
                yield s, RDF.type, sup
        else:
            for sup in properties.get(p, ()):
                yield s, sup, o
