"""Map the networkx knowledge graph to RDF and write it as Turtle, N-Triples or JSON-LD.

The vocabulary is ``ontology/kg.ttl``. Instance IRIs are ``base`` + the graph's node
keys (``https://w3id.org/kg/id/paper/2001.04451``), percent-encoded so no scraped
string can break them; qualified links, mentions and authorships get IRIs derived from
the same keys, never blank nodes. The writers here are canonical: triples are sorted,
strings always use single-line escaped quotes, so the same graph always gives the same
bytes, and every literal round-trips whatever it holds.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyoxigraph
from rdflib import Graph, Literal, Namespace, URIRef

from kg.exports.atomic import write_atomic

# Plain namespaces: rdflib's closed RDF/XSD objects warn when doctest collection probes them.
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

DEFAULT_BASE = "https://w3id.org/kg/id/"
ONTOLOGY = "https://w3id.org/kg/ontology#"

#: Prefixes written in Turtle and JSON-LD, longest namespace wins when compacting.
VOCABULARIES: dict[str, str] = {
    "kg": ONTOLOGY,
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "fabio": "http://purl.org/spar/fabio/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "mls": "http://www.w3.org/ns/mls#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "void": "http://rdfs.org/ns/void#",
}

#: Instance namespaces under ``base``: prefix name → path segment.
INSTANCE_PREFIXES = ("paper", "author", "organization", "code", "model", "dataset",
                     "method", "task", "metric", "authorship", "claim", "source")

#: ``format`` names (and aliases) → canonical name, and each one's file extension.
FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
           "n-triples": "nt", "json-ld": "json-ld", "jsonld": "json-ld"}
EXTENSIONS = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld"}

#: Extractor role → the sub-property of ``schema:mentions`` it asserts.
ROLE_PROPERTIES = {"introduces": "introduces", "uses": "uses", "compares": "comparesWith",
                   "mentions": "mentions", "evaluates": "evaluatesOn"}

#: Extractor entity type → kg class.
ENTITY_CLASSES = {"MODEL": "Model", "DATASET": "Dataset", "METHOD": "Method",
                  "TASK": "Task", "METRIC": "Metric"}

#: Classes each node kind is typed with (the kg class and its main aligned class).
_KIND_CLASSES = {
    "paper": ("kg:Paper", "fabio:ResearchPaper"),
    "author": ("kg:Author", "foaf:Person"),
    "organization": ("kg:Organization", "foaf:Organization"),
    "code": ("kg:CodeRepository", "schema:SoftwareSourceCode"),
}

_SURROGATES = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _v(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(VOCABULARIES[prefix] + local)


A = RDF.type
LABEL = _v("rdfs:label")
STRING = str(XSD.string)


def clean_text(text: str) -> str:
    """Make ``text`` a valid RDF string: lone surrogates become U+FFFD, the rest stays.

    Examples
    --------
    >>> clean_text("ok \\ud800 \\"quoted\\"")
    'ok \\ufffd "quoted"'
    """
    return _SURROGATES.sub("\ufffd", text)


def key_iri(base: str, key: str) -> URIRef:
    """IRI of a node key under ``base``; anything outside ``[A-Za-z0-9._~-]`` is %-encoded.

    A ``%XX`` escape already in the key (paper keys escape their ids) is kept as it is.

    Examples
    --------
    >>> key_iri(DEFAULT_BASE, "paper/2001.04451")
    rdflib.term.URIRef('https://w3id.org/kg/id/paper/2001.04451')
    >>> str(key_iri(DEFAULT_BASE, 'model/a"b> <c/..'))
    'https://w3id.org/kg/id/model/a%22b%3E%20%3Cc/%2E%2E'
    >>> str(key_iri(DEFAULT_BASE, "paper/doi%3A10.1%2Fx%"))
    'https://w3id.org/kg/id/paper/doi%3A10.1%2Fx%25'
    """
    segments = []
    for segment in key.split("/"):
        encoded = _STRAY_PERCENT.sub("%25", quote(segment, safe="%", errors="surrogatepass"))
        segments.append(encoded.replace(".", "%2E") if encoded in (".", "..") else encoded)
    return URIRef(base + "/".join(segments))


def safe_iri(url: str | None) -> URIRef | None:
    """``url`` as an http(s) IRI, with unsafe characters %-encoded, or ``None``.

    Examples
    --------
    >>> safe_iri("https://github.com/google/trax")
    rdflib.term.URIRef('https://github.com/google/trax')
    >>> safe_iri('https://x.org/a b"><script>')
    rdflib.term.URIRef('https://x.org/a%20b%22%3E%3Cscript%3E')
    >>> safe_iri("javascript:alert(1)") is None
    True
    """
    if not url or not re.match(r"^https?://[^\s/?#]", url.strip(), re.IGNORECASE):
        return None
    encoded = quote(clean_text(url.strip()), safe=":/?#[]@!$&'()*+,;=%~", errors="replace")
    try:
        pyoxigraph.NamedNode(encoded)
    except ValueError:
        return None
    return URIRef(encoded)


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute IRI ending in ``/`` or ``#``, else raise.

    Examples
    --------
    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    ...
    ValueError: base must be an absolute IRI ending in '/' or '#': 'not an iri'
    """
    ok = base.endswith(("/", "#")) and not _IRI_FORBIDDEN.search(base)
    if ok:
        try:
            pyoxigraph.NamedNode(base)
        except ValueError:
            ok = False
    if not ok or ":" not in base:
        raise ValueError(f"base must be an absolute IRI ending in '/' or '#': {base!r}")
    return base


def _string(text) -> Literal:
    return Literal(clean_text(str(text)))


def _integer(value) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def _double(value) -> Literal:
    number = float(value)
    if math.isnan(number):
        lexical = "NaN"
    elif math.isinf(number):
        lexical = "INF" if number > 0 else "-INF"
    else:
        lexical = repr(number)
    return Literal(lexical, datatype=XSD.double)


def _issued(date: str | None, year) -> Literal | None:
    """``dcterms:issued`` of a paper: an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``."""
    match = _DATE.match(date or "")
    if match and match.group(3) and 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31:
        return Literal(match.group(0), datatype=XSD.date)
    if match and match.group(2) and 1 <= int(match.group(2)) <= 12:
        return Literal(match.group(0), datatype=XSD.gYearMonth)
    if match:
        return Literal(match.group(1), datatype=XSD.gYear)
    if isinstance(year, int) and 0 < year < 10000:
        return Literal(f"{year:04d}", datatype=XSD.gYear)
    return None


class _Minter:
    """Mint the IRIs of one export (nodes, links, mentions, authorships, sources)."""

    def __init__(self, base: str):
        self.base = check_base(base)
        self.sources: dict[str, URIRef] = {}

    def node(self, key: str) -> URIRef:
        return key_iri(self.base, key)

    def local(self, key: str) -> str:
        """The part of a node key after its kind (``paper/2001.04451`` → ``2001.04451``)."""
        return key.split("/", 1)[1] if "/" in key else key

    def link(self, paper: str, entity: str) -> URIRef:
        return key_iri(self.base, f"link/{self.local(paper)}/{entity}")

    def mention(self, paper: str, entity: str, index: int) -> URIRef:
        return key_iri(self.base, f"mention/{self.local(paper)}/{entity}/{index}")

    def authorship(self, paper: str, position: int) -> URIRef:
        return key_iri(self.base, f"authorship/{self.local(paper)}-{position}")

    def claim(self, paper: str, index: int) -> URIRef:
        return key_iri(self.base, f"claim/{self.local(paper)}-{index}")

    def source(self, path: str) -> URIRef:
        if path not in self.sources:
            from kg.graph.model import slugify

            digest = hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            self.sources[path] = key_iri(self.base, f"source/{slugify(path)[:60]}-{digest}")
        return self.sources[path]


def generate_triples(
    graph: nx.DiGraph, *, base: str = DEFAULT_BASE, inputs: list[str] | None = None,
    materialise: bool = True,
) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """Yield the RDF triples of ``graph`` (as :func:`kg.graph.build_graph` makes it).

    ``materialise`` (default) also states every super-class and super-property the ontology
    entails (:mod:`kg.exports.entailment`), so plain SPARQL finds ``schema:mentions`` links and
    ``mls:Dataset`` instances without a reasoner.

    The data comes first, then a VoID description of the whole dataset (counts of
    triples and of each class, the ``inputs`` it was built from), without timestamps.
    Triples are yielded in graph order and may repeat; the writers sort and dedupe.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("paper/1", kind="paper", label="T", id="1")
    >>> triples = list(generate_triples(g))
    >>> (URIRef(DEFAULT_BASE + "paper/1"), LABEL, Literal("T")) in triples
    True
    """
    mint = _Minter(base)
    data: list[tuple] = []
    for key, attrs in graph.nodes(data=True):
        data.extend(_node_triples(graph, mint, key, attrs))
    for path in inputs or []:
        mint.source(path)
    for path, iri in sorted(mint.sources.items()):
        data.append((iri, A, _v("kg:Source")))
        data.append((iri, A, _v("prov:Entity")))
        data.append((iri, LABEL, _string(path)))
        data.append((iri, _v("kg:path"), _string(path)))
    if materialise:
        from kg.exports.entailment import generate_entailed

        data.extend(list(generate_entailed(data)))
    unique = set(data)
    yield from data
    yield from _void_triples(mint, unique, inputs or [])


def _node_triples(graph: nx.DiGraph, mint: _Minter, key: str, attrs: dict) -> list[tuple]:
    kind = attrs.get("kind")
    iri = mint.node(key)
    label = attrs.get("label") or attrs.get("name") or key
    out = [(iri, LABEL, _string(label))]
    if kind == "entity":
        out.extend(_entity_triples(iri, attrs))
    else:
        out.extend((iri, A, _v(c)) for c in _KIND_CLASSES.get(kind, ()))
    if kind == "paper":
        out.extend(_paper_triples(graph, mint, key, iri, attrs))
    elif kind == "author":
        out.append((iri, _v("foaf:name"), _string(attrs.get("name") or label)))
        for spelling in attrs.get("spellings") or {}:
            if spelling != (attrs.get("name") or label):
                out.append((iri, _v("skos:altLabel"), _string(spelling)))
        for org in sorted(graph.successors(key)):
            if graph.edges[key, org].get("kind") == "affiliation":
                out.append((iri, _v("kg:affiliation"), mint.node(org)))
    elif kind == "organization":
        out.append((iri, _v("foaf:name"), _string(label)))
    elif kind == "code":
        url = safe_iri(attrs.get("url"))
        if url is not None:
            out.append((iri, _v("schema:codeRepository"), url))
    return out


def _entity_triples(iri: URIRef, attrs: dict) -> list[tuple]:
    name = attrs.get("name") or attrs.get("label") or ""
    cls = ENTITY_CLASSES.get(str(attrs.get("type", "")).upper(), "Entity")
    out = [
        (iri, A, _v(f"kg:{cls}")),
        (iri, _v("skos:prefLabel"), _string(name)),
        (iri, _v("kg:entityType"), _string(attrs.get("type") or "ENTITY")),
    ]
    for alias in attrs.get("aliases") or []:
        if alias != name:
            out.append((iri, _v("skos:altLabel"), _string(alias)))
    for scheme, value in sorted((attrs.get("ids") or {}).items()):
        out.append((iri, _v("kg:externalId"), _string(f"{scheme}:{value}")))
    return out


def _paper_triples(graph: nx.DiGraph, mint: _Minter, key: str, iri: URIRef,
                   attrs: dict) -> list[tuple]:
    out = []
    for field, prop in (("title", "dcterms:title"), ("abstract", "dcterms:abstract"),
                        ("id", "dcterms:identifier"), ("arxiv_id", "kg:arxivId"),
                        ("doi", "kg:doi"), ("venue", "kg:venue"),
                        ("category", "kg:category"), ("language", "dcterms:language")):
        value = attrs.get(field)
        if value:
            out.append((iri, _v(prop), _string(value)))
    issued = _issued(attrs.get("date"), attrs.get("year"))
    if issued is not None:
        out.append((iri, _v("dcterms:issued"), issued))
    year = attrs.get("year")
    if isinstance(year, int):
        out.append((iri, _v("kg:year"), _integer(year)))
    for scheme, value in sorted((attrs.get("ids") or {}).items()):
        out.append((iri, _v("kg:externalId"), _string(f"{scheme}:{value}")))
    for url in attrs.get("urls") or []:
        url_iri = safe_iri(url)
        if url_iri is not None:
            out.append((iri, _v("schema:url"), url_iri))
    for source in attrs.get("sources") or []:
        if source.get("file"):
            out.append((iri, _v("prov:wasDerivedFrom"), mint.source(source["file"])))
    for index, claim in enumerate(attrs.get("claims") or []):
        out.extend(_claim_triples(mint, key, iri, index, claim))
    for target in graph.successors(key):
        edge = graph.edges[key, target]
        if edge.get("kind") == "creator":
            out.extend(_creator_triples(graph, mint, key, iri, target, edge))
        elif edge.get("kind") == "mentions":
            out.extend(_link_triples(graph, mint, key, iri, target, edge))
        elif edge.get("kind") == "code":
            out.append((iri, _v("kg:hasCode"), mint.node(target)))
        elif edge.get("kind") == "organization":
            out.append((iri, _v("kg:organization"), mint.node(target)))
    return out


def _claim_triples(mint: _Minter, key: str, paper: URIRef, index: int, claim: dict) -> list:
    iri = mint.claim(key, index)
    owner = claim.get("owner") or ""
    relation = claim.get("relation") or ""
    out = [
        (paper, _v("kg:claim"), iri),
        (iri, A, _v("kg:Claim")),
        (iri, LABEL, _string(f"{owner}: {relation}")),
        (iri, _v("kg:claimant"), _string(owner)),
        (iri, _v("kg:claimRelation"), _string(relation)),
    ]
    if claim.get("file"):
        out.append((iri, _v("prov:wasDerivedFrom"), mint.source(claim["file"])))
    for field, prop in (("manifest", "kg:manifest"), ("scraped_from", "kg:scrapedFrom"),
                        ("note", "rdfs:comment")):
        if claim.get(field):
            out.append((iri, _v(prop), _string(claim[field])))
    return out


def _creator_triples(graph, mint: _Minter, key: str, paper: URIRef, author: str,
                     edge: dict) -> list:
    person = mint.node(author)
    position = int(edge.get("position", 0))
    iri = mint.authorship(key, position)
    name = (edge.get("name") or graph.nodes[author].get("name")
            or graph.nodes[author].get("label") or author)
    out = [
        (paper, _v("dcterms:creator"), person),
        (paper, _v("kg:authorship"), iri),
        (iri, A, _v("kg:Authorship")),
        (iri, LABEL, _string(name)),
        (iri, _v("prov:agent"), person),
        (iri, _v("kg:position"), _integer(position)),
        (iri, _v("kg:origin"), _string(edge.get("origin") or "paper")),
    ]
    for listed in edge.get("lists") or []:
        out.append((iri, _v("prov:wasDerivedFrom"), mint.source(listed)))
    return out


def _link_triples(graph, mint: _Minter, key: str, paper: URIRef, entity: str,
                  edge: dict) -> list:
    target = mint.node(entity)
    role = edge.get("role") or "mentions"
    relation = _v("kg:" + ROLE_PROPERTIES.get(role, "mentions"))
    link = mint.link(key, entity)
    name = graph.nodes[entity].get("name") or graph.nodes[entity].get("label") or entity
    evidence = sorted(
        edge.get("evidence") or [],
        key=lambda m: (m.get("start", 0), m.get("end", 0), m.get("text", ""),
                       m.get("component", "")),
    )
    out = [
        (paper, relation, target),
        (paper, _v("kg:qualifiedLink"), link),
        (link, A, _v("kg:Link")),
        (link, LABEL, _string(f"{role} {name}")),
        (link, _v("kg:linkedPaper"), paper),
        (link, _v("kg:linkedEntity"), target),
        (link, _v("kg:relation"), relation),
        (link, _v("kg:role"), _string(role)),
        *([(link, _v("kg:roleEvidence"), _string(edge["role_evidence"]))] if edge.get("role_evidence") else []),
        (link, _v("kg:support"), _integer(edge.get("support", len(evidence)))),
        (link, _v("kg:confidence"), _double(edge.get("confidence", 1.0))),
    ]
    for index, mention in enumerate(evidence):
        iri = mint.mention(key, entity, index)
        out.extend([
            (link, _v("kg:evidence"), iri),
            (iri, A, _v("kg:Mention")),
            (iri, LABEL, _string(mention.get("text", ""))),
            (iri, _v("kg:mentionOf"), target),
            (iri, _v("kg:inPaper"), paper),
            (iri, _v("kg:text"), _string(mention.get("text", ""))),
            (iri, _v("kg:sentence"), _string(mention.get("sentence", ""))),
            (iri, _v("kg:start"), _integer(mention.get("start", 0))),
            (iri, _v("kg:end"), _integer(mention.get("end", 0))),
            (iri, _v("kg:component"), _string(mention.get("component", ""))),
            (iri, _v("kg:confidence"), _double(mention.get("confidence", 1.0))),
        ])
        if mention.get("sentence_start") is not None:
            out.append((iri, _v("kg:sentenceStart"), _integer(mention["sentence_start"])))
    return out


def _void_triples(mint: _Minter, data: set, inputs: list[str]) -> Iterator[tuple]:
    """The VoID description of the dataset: what it holds and what it was built from."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        kg_version = version("kg")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        kg_version = "unknown"
    dataset = URIRef(mint.base + "void")
    classes = Counter(o for _, p, o in data if p == A and str(o).startswith(ONTOLOGY))
    subjects = {s for s, p, _ in data if p == A}
    yield dataset, A, _v("void:Dataset")
    yield dataset, A, _v("prov:Entity")
    yield dataset, LABEL, _string("kg knowledge graph")
    yield dataset, _v("dcterms:title"), _string("kg knowledge graph")
    yield dataset, _v("dcterms:description"), _string(
        f"Built by kg {kg_version} from {len(inputs)} input(s) and "
        f"{classes.get(_v('kg:Paper'), 0)} paper(s)."
    )
    yield dataset, _v("void:uriSpace"), _string(mint.base)
    yield dataset, _v("void:triples"), _integer(len(data))
    yield dataset, _v("void:entities"), _integer(len(subjects))
    yield dataset, _v("void:distinctSubjects"), _integer(len({s for s, _, _ in data}))
    for prefix in sorted(VOCABULARIES):
        if prefix not in ("rdf", "xsd", "owl"):
            yield dataset, _v("void:vocabulary"), URIRef(VOCABULARIES[prefix].rstrip("#"))
    for path in inputs:
        yield dataset, _v("dcterms:source"), mint.source(path)
        yield dataset, _v("prov:wasDerivedFrom"), mint.source(path)
    for cls, count in sorted(classes.items()):
        local = str(cls)[len(ONTOLOGY):]
        part = URIRef(mint.base + "void/" + local)
        yield dataset, _v("void:classPartition"), part
        yield part, A, _v("void:Dataset")
        yield part, LABEL, _string(f"{local} partition")
        yield part, _v("void:class"), cls
        yield part, _v("void:entities"), _integer(count)


def generate_rdf(
    graph: nx.DiGraph, *, base: str = DEFAULT_BASE, inputs: list[str] | None = None
) -> Graph:
    """Return ``graph`` as an ``rdflib.Graph`` with the kg prefixes bound.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("author/ada", kind="author", label="Ada", name="Ada")
    >>> rdf = generate_rdf(g, base="https://example.org/id/")
    >>> rdf.value(URIRef("https://example.org/id/author/ada"), _v("foaf:name"))
    rdflib.term.Literal('Ada')
    """
    rdf = Graph()
    for prefix, namespace in _prefixes(base).items():
        rdf.bind(prefix, namespace, override=True, replace=True)
    for triple in generate_triples(graph, base=base, inputs=inputs):
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
) -> Path:
    """Write ``graph`` as RDF to ``path``: a file, or a directory (an existing one, or a
    path without suffix such as ``exports``) to hold ``kg.ttl``, ``kg.nt`` or ``kg.jsonld``.

    ``format`` is ``turtle`` (default), ``nt`` or ``json-ld``. The bytes depend only on
    the graph, ``base`` and ``inputs``, and the file is replaced atomically.
    ``materialise=False`` leaves out the entailed super-classes and super-properties.

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
    triples = generate_triples(graph, base=base, inputs=inputs, materialise=materialise)
    writer = {"turtle": generate_turtle, "nt": generate_ntriples, "json-ld": generate_jsonld}
    return write_atomic(target, writer[fmt](triples, base=base))


# ---------------------------------------------------------------------------------
# Canonical writers


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
          "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ufffe\uffff]')


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(
        lambda m: _ECHAR.get(m.group(0)) or f"\\u{ord(m.group(0)):04X}", text
    )


def nt_term(term) -> str:
    """The N-Triples form of an rdflib IRI or literal.

    Examples
    --------
    >>> nt_term(Literal('say "hi"\\n\\x01'))
    '"say \\\\"hi\\\\"\\\\n\\\\u0001"'
    >>> nt_term(Literal("3", datatype=XSD.integer))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(term, Literal):
        body = '"' + _escape(clean_text(str(term))) + '"'
        if term.language:
            return body + "@" + term.language
        if term.datatype is not None and str(term.datatype) != STRING:
            return body + "^^<" + str(term.datatype) + ">"
        return body
    iri = str(term)
    if _IRI_FORBIDDEN.search(iri):
        raise ValueError(f"not a safe IRI: {iri!r}")
    return "<" + iri + ">"


def generate_ntriples(triples: Iterable[tuple], *, base: str = DEFAULT_BASE) -> str:
    """Canonical N-Triples of ``triples``: one escaped line each, sorted, no duplicates."""
    cache: dict = {}

    def term(t):
        if isinstance(t, Literal):
            return nt_term(t)
        if t not in cache:
            cache[t] = nt_term(t)
        return cache[t]

    lines = {f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples}
    return "".join(sorted(lines))


def _prefixes(base: str) -> dict[str, str]:
    prefixes = dict(VOCABULARIES)
    for name in INSTANCE_PREFIXES:
        prefixes[name] = base + name + "/"
    return prefixes


class _Compactor:
    """Write IRIs as prefixed names when the local part is safe, else in full."""

    def __init__(self, prefixes: dict[str, str], *, full=lambda iri: nt_term(URIRef(iri))):
        self.by_length = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.cache: dict[str, str] = {}
        self.full = full

    def __call__(self, iri: str) -> str:
        if iri not in self.cache:
            self.cache[iri] = self._compact(iri)
        return self.cache[iri]

    def _compact(self, iri: str) -> str:
        for prefix, namespace in self.by_length:
            if iri.startswith(namespace) and _SAFE_LOCAL.match(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return self.full(iri)


def generate_turtle(triples: Iterable[tuple], *, base: str = DEFAULT_BASE) -> str:
    """Canonical Turtle of ``triples``: prefixes, then subjects in sorted order.

    Each subject's ``rdf:type`` comes first, then its other predicates sorted by IRI;
    strings are always single-line escaped quotes, so any text round-trips.

    Examples
    --------
    >>> s = URIRef(DEFAULT_BASE + "paper/1")
    >>> text = generate_turtle([(s, LABEL, Literal('say "hi"')), (s, A, _v("kg:Paper"))])
    >>> print(text.split("\\n\\n", 1)[1], end="")
    paper:1
        a kg:Paper ;
        rdfs:label "say \\"hi\\"" .
    """
    prefixes = _prefixes(base)
    compact = _Compactor(prefixes)
    rdf_type = str(A)

    def obj(term) -> str:
        if isinstance(term, Literal):
            if term.datatype is not None and str(term.datatype) == str(XSD.integer):
                lexical = str(term)
                if re.fullmatch(r"[+-]?\d+", lexical):
                    return lexical
            if term.datatype is not None and str(term.datatype) != STRING and not term.language:
                return '"' + _escape(clean_text(str(term))) + '"^^' + compact(str(term.datatype))
            return nt_term(term)
        return compact(str(term))

    rows = sorted(
        {(str(s), str(p), obj(o)) for s, p, o in triples},
        key=lambda t: (t[0], t[1] != rdf_type, t[1], t[2]),
    )
    out = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())]
    subject = predicate = None
    for s, p, o in rows:
        if s != subject:
            if subject is not None:
                out.append(" .\n")
            out.append("\n" + compact(s) + "\n    " + _predicate(p, compact) + " " + o)
            subject, predicate = s, p
        elif p != predicate:
            out.append(" ;\n    " + _predicate(p, compact) + " " + o)
            predicate = p
        else:
            out.append(" , " + o)
    if subject is not None:
        out.append(" .\n")
    return "".join(out)


def _predicate(iri: str, compact: _Compactor) -> str:
    return "a" if iri == str(A) else compact(iri)


def generate_jsonld(triples: Iterable[tuple], *, base: str = DEFAULT_BASE) -> str:
    """Canonical JSON-LD of ``triples``: one node object per subject in ``@graph``.

    Property names and types are compact IRIs of the vocabulary prefixes; every value is
    an explicit ``{"@id": ...}`` or ``{"@value": ..., "@type": ...}`` object, so the
    lexical forms survive exactly.
    """
    prefixes = dict(VOCABULARIES)
    compact = _Compactor(prefixes, full=str)
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in set(triples):
        node = nodes.setdefault(str(s), {})
        if p == A:
            node.setdefault("@type", []).append(compact(str(o)))
            continue
        if isinstance(o, Literal):
            value = {"@value": clean_text(str(o))}
            if o.language:
                value["@language"] = o.language
            elif o.datatype is not None and str(o.datatype) != STRING:
                value["@type"] = str(o.datatype)
        else:
            value = {"@id": str(o)}
        node.setdefault(compact(str(p)), []).append(value)
    graph = []
    for subject in sorted(nodes):
        node = {"@id": subject}
        for key, values in sorted(nodes[subject].items()):
            if key == "@type":
                node[key] = sorted(values)
            else:
                node[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
        graph.append(node)
    document = {"@context": dict(sorted(prefixes.items())), "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
