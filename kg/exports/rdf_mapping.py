"""Map the networkx knowledge graph to RDF statements, one subject at a time.

This is the graph → triples half of the RDF export (:mod:`kg.exports.rdf_writers` is the
triples → bytes half). It yields *blocks*: a subject IRI and every ``(predicate, object)``
pair stated about it, deduplicated, entailments included, in plain terms
(:mod:`kg.exports.rdf_terms`). Each subject gets exactly one block, so a writer can write a
block and forget it: the export never holds all triples at once.

The order is stable whatever order the papers were read in: nodes in sorted key order, each
paper followed by the subjects that belong to it (its authorships by position, claims, and
for each linked entity, in key order, the qualified link and its mentions); then the sources,
sorted; then the VoID description, whose counts are taken on the way. Qualified links,
mentions and authorships get IRIs derived from the node keys, never blank nodes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from operator import itemgetter

import networkx as nx

from kg.exports.rdf_terms import (
    DEFAULT_BASE, ONTOLOGY, RDF_TYPE, Term, check_base, double, encode_path, integer, issued,
    key_iri, safe_iri, string, v,
)
from kg.exports.rdf_void import void_blocks

Pair = tuple[str, Term]
Block = tuple[str, list[Pair]]
_first = itemgetter(0)

#: Extractor role → the sub-property of ``schema:mentions`` it asserts.
ROLE_PROPERTIES = {"introduces": "introduces", "uses": "uses", "compares": "comparesWith",
                   "mentions": "mentions", "evaluates": "evaluatesOn"}

#: Extractor entity type → kg class.
ENTITY_CLASSES = {"MODEL": "Model", "DATASET": "Dataset", "METHOD": "Method",
                  "TASK": "Task", "METRIC": "Metric"}

#: Classes each node kind is typed with (the kg class and its main aligned class).
_KIND_CLASSES = {
    "paper": (v("kg:Paper"), v("fabio:ResearchPaper")),
    "author": (v("kg:Author"), v("foaf:Person")),
    "organization": (v("kg:Organization"), v("foaf:Organization")),
    "code": (v("kg:CodeRepository"), v("schema:SoftwareSourceCode")),
}

A = RDF_TYPE
LABEL = v("rdfs:label")
_PAPER_FIELDS = tuple((field, v(prop)) for field, prop in (
    ("title", "dcterms:title"), ("abstract", "dcterms:abstract"), ("id", "dcterms:identifier"),
    ("arxiv_id", "kg:arxivId"), ("doi", "kg:doi"), ("venue", "kg:venue"),
    ("category", "kg:category"), ("language", "dcterms:language")))
_ROLE_IRIS = {role: v("kg:" + prop) for role, prop in ROLE_PROPERTIES.items()}
(_ISSUED, _YEAR, _EXTERNAL_ID, _URL, _DERIVED, _CLAIM, _CREATOR, _AUTHORSHIP, _HAS_CODE,
 _ORGANIZATION, _QUALIFIED, _AFFILIATION, _FOAF_NAME, _ALT, _PREF, _ENTITY_TYPE) = map(v, (
    "dcterms:issued", "kg:year", "kg:externalId", "schema:url", "prov:wasDerivedFrom", "kg:claim",
    "dcterms:creator", "kg:authorship", "kg:hasCode", "kg:organization", "kg:qualifiedLink",
    "kg:affiliation", "foaf:name", "skos:altLabel", "skos:prefLabel", "kg:entityType"))
_AUTHORSHIP_CLASS, _AGENT, _POSITION, _ORIGIN = map(v, ("kg:Authorship", "prov:agent", "kg:position", "kg:origin"))
_LINK_IRIS = tuple(map(v, ("kg:Link", "kg:linkedPaper", "kg:linkedEntity", "kg:relation",
                           "kg:role", "kg:roleEvidence", "kg:support", "kg:confidence",
                           "kg:evidence")))
_MENTION_IRIS = tuple(map(v, ("kg:Mention", "kg:mentionOf", "kg:inPaper", "kg:text",
                              "kg:sentence", "kg:start", "kg:end", "kg:component",
                              "kg:confidence", "kg:sentenceStart")))


class RdfMapper:
    """The state of one export: IRIs minted so far, sources met, counts for VoID.

    :func:`generate_blocks` is the whole mapping in one pass. To map a graph in parts (on
    several processes, see :mod:`kg.exports.rdf_parts`), give each part's node keys to
    :meth:`data_blocks` of a mapper of its own, :meth:`absorb` each part's :meth:`tally` into
    one of them, and let that one yield the :meth:`closing_blocks`: the same blocks result.
    """

    def __init__(self, graph: nx.DiGraph, base: str, materialise: bool):
        self.graph = graph
        self.base = check_base(base)
        self.materialise = materialise
        self.nodes: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.triples = self.subjects = 0
        self.type_sets: Counter[tuple[str, ...]] = Counter()
        self.closures: dict[tuple, tuple[tuple[str, ...], list[Pair], bool]] = {}
        self.plans: dict[tuple[str, ...], tuple] = {}
        # a mention's component or confidence → its pair, made once (a few dozen values in all)
        self.component_pairs: dict = {}
        self.confidence_pairs: dict = {}
        self.super_classes: dict[str, tuple[str, ...]] = {}
        self.super_properties: dict[str, tuple[str, ...]] = {}
        if materialise:
            from kg.exports.entailment import super_terms

            self.super_classes, self.super_properties = super_terms()

    # -- IRIs --------------------------------------------------------------------------
    def node(self, key: str) -> str:
        iri = self.nodes.get(key)
        if iri is None:
            iri = self.nodes[key] = key_iri(self.base, key)
        return iri

    def local(self, key: str) -> str:
        """The part of a node key after its kind (``paper/2001.04451`` → ``2001.04451``)."""
        return key.split("/", 1)[1] if "/" in key else key

    def source(self, path: str) -> str:
        iri = self.sources.get(path)
        if iri is None:
            from kg.graph.model import slugify

            digest = hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            iri = self.sources[path] = key_iri(self.base, f"source/{slugify(path)[:60]}-{digest}")
        return iri

    # -- blocks ------------------------------------------------------------------------
    def block(self, subject: str, pairs: list[Pair], *, count: bool = True) -> Block:
        """One subject's block: entailments added, duplicates dropped, counted for VoID.

        What the ontology entails is worked out once per shape of block (:meth:`_plan`), and
        the classes a subject is typed with are closed over their super-classes once per
        distinct set of stated classes (a few dozen sets in a whole corpus).
        """
        if not count:
            return subject, list(dict.fromkeys(pairs))
        shape = tuple(map(_first, pairs))
        plan = self.plans.get(shape)
        if plan is None:
            plan = self.plans[shape] = self._plan(shape)
        type_at, entailed_at, may_repeat = plan
        if type_at:
            stated = tuple([pairs[i][1] for i in type_at])
            closure = self.closures.get(stated)
            if closure is None:
                closure = self.closures[stated] = self._close(stated)
            closed, entailed_types, stated_twice = closure
            self.type_sets[closed] += 1
            if entailed_types:
                pairs += entailed_types
            may_repeat = may_repeat or stated_twice
        if entailed_at:
            pairs += [(sup, pairs[i][1]) for i, sup in entailed_at]
        if may_repeat:
            pairs = list(dict.fromkeys(pairs))
        self.triples += len(pairs)
        self.subjects += 1
        return subject, pairs

    def _plan(self, shape: tuple[str, ...]) -> tuple[tuple[int, ...], tuple[tuple[int, str], ...], bool]:
        """What :meth:`block` does to a block whose predicates are ``shape``, worked out once.

        Blocks of one kind share a few shapes (every mention states the same predicates), so
        the ontology is consulted per shape, not per statement: where the ``rdf:type``
        statements are, which statements entail a super-property (index, super-property), and
        whether two statements could coincide (a predicate stated or entailed twice), the only
        case that needs the duplicates dropped.
        """
        type_at = tuple(i for i, p in enumerate(shape) if p == A)
        entailed_at = tuple((i, sup) for i, p in enumerate(shape) if p != A
                            for sup in self.super_properties.get(p, ()))
        written = [p for p in shape if p != A] + [sup for _, sup in entailed_at]
        return type_at, entailed_at, len(set(written)) < len(written)

    def _close(self, stated: tuple) -> tuple[tuple[str, ...], list[Pair], bool]:
        """The distinct classes of ``stated`` and, when materialising, all their super-classes;
        the ``rdf:type`` pairs to add for the super-classes not stated; whether a class is
        stated twice."""
        closed = dict.fromkeys(stated)
        if self.materialise:
            for cls in stated:
                closed.update(dict.fromkeys(self.super_classes.get(cls, ())))
        entailed = [(A, cls) for cls in closed if cls not in stated]
        return tuple(closed), entailed, len(set(stated)) < len(stated)

    def node_blocks(self, key: str, attrs: dict) -> Iterator[Block]:
        kind = attrs.get("kind")
        iri = self.node(key)
        label = attrs.get("label") or attrs.get("name") or key
        pairs: list[Pair] = [(LABEL, string(label))]
        if kind == "entity":
            self._entity(pairs, attrs)
        else:
            pairs.extend((A, c) for c in _KIND_CLASSES.get(kind, ()))
        if kind == "paper":
            yield from self._paper(key, iri, attrs, pairs)
            return
        if kind == "author":
            name = attrs.get("name") or label
            pairs.append((_FOAF_NAME, string(name)))
            pairs.extend((_ALT, string(s)) for s in attrs.get("spellings") or {} if s != name)
            succ = self.graph.succ[key]
            pairs.extend((_AFFILIATION, self.node(org)) for org in sorted(succ)
                         if succ[org].get("kind") == "affiliation")
        elif kind == "organization":
            pairs.append((_FOAF_NAME, string(label)))
        elif kind == "code":
            url = safe_iri(attrs.get("url"))
            if url is not None:
                pairs.append((v("schema:codeRepository"), url))
        yield self.block(iri, pairs)

    def _entity(self, pairs: list[Pair], attrs: dict) -> None:
        name = attrs.get("name") or attrs.get("label") or ""
        cls = ENTITY_CLASSES.get(str(attrs.get("type", "")).upper(), "Entity")
        pairs += [(A, ONTOLOGY + cls), (_PREF, string(name)),
                  (_ENTITY_TYPE, string(attrs.get("type") or "ENTITY"))]
        pairs.extend((_ALT, string(a)) for a in attrs.get("aliases") or [] if a != name)
        pairs.extend((_EXTERNAL_ID, string(f"{scheme}:{value}"))
                     for scheme, value in sorted((attrs.get("ids") or {}).items()))

    def _paper(self, key: str, iri: str, attrs: dict, pairs: list[Pair]) -> Iterator[Block]:
        for field, prop in _PAPER_FIELDS:
            value = attrs.get(field)
            if value:
                pairs.append((prop, string(value)))
        date = issued(attrs.get("date"), attrs.get("year"))
        if date is not None:
            pairs.append((_ISSUED, date))
        if isinstance(attrs.get("year"), int):
            pairs.append((_YEAR, integer(attrs["year"])))
        pairs.extend((_EXTERNAL_ID, string(f"{scheme}:{value}"))
                     for scheme, value in sorted((attrs.get("ids") or {}).items()))
        for url in attrs.get("urls") or []:
            url_iri = safe_iri(url)
            if url_iri is not None:
                pairs.append((_URL, url_iri))
        for source in attrs.get("sources") or []:
            if source.get("file"):
                pairs.append((_DERIVED, self.source(source["file"])))
        local = self.local(key)
        after: list[Block] = []
        for index, claim in enumerate(attrs.get("claims") or []):
            claim_iri = key_iri(self.base, f"claim/{local}-{index}")
            pairs.append((_CLAIM, claim_iri))
            after.append(self._claim(claim_iri, claim))
        links: list[tuple[str, dict]] = []
        for target, edge in sorted(self.graph.succ[key].items()):
            kind = edge.get("kind")
            if kind == "creator":
                after.append(self._creator(key, local, iri, target, edge, pairs))
            elif kind == "mentions":
                links.append((target, edge))
            elif kind == "code":
                pairs.append((_HAS_CODE, self.node(target)))
            elif kind == "organization":
                pairs.append((_ORGANIZATION, self.node(target)))
        after.sort()
        paper_path = encode_path(local)
        link_blocks = [self._link(paper_path, iri, target, edge, pairs) for target, edge in links]
        yield self.block(iri, pairs)
        yield from after
        for blocks in link_blocks:
            yield from blocks

    def _claim(self, iri: str, claim: dict) -> Block:
        owner = claim.get("owner") or ""
        relation = claim.get("relation") or ""
        pairs: list[Pair] = [
            (A, v("kg:Claim")), (LABEL, string(f"{owner}: {relation}")),
            (v("kg:claimant"), string(owner)), (v("kg:claimRelation"), string(relation)),
        ]
        if claim.get("file"):
            pairs.append((_DERIVED, self.source(claim["file"])))
        for field, prop in (("manifest", "kg:manifest"), ("scraped_from", "kg:scrapedFrom"),
                            ("note", "rdfs:comment")):
            if claim.get(field):
                pairs.append((v(prop), string(claim[field])))
        return self.block(iri, pairs)

    def _creator(self, key: str, local: str, paper: str, author: str, edge: dict,
                 paper_pairs: list[Pair]) -> Block:
        person = self.node(author)
        position = int(edge.get("position", 0))
        iri = key_iri(self.base, f"authorship/{local}-{position}")
        node = self.graph.nodes[author]
        name = edge.get("name") or node.get("name") or node.get("label") or author
        paper_pairs += [(_CREATOR, person), (_AUTHORSHIP, iri)]
        pairs: list[Pair] = [
            (A, _AUTHORSHIP_CLASS), (LABEL, string(name)), (_AGENT, person),
            (_POSITION, integer(position)), (_ORIGIN, string(edge.get("origin") or "paper")),
        ]
        pairs.extend((_DERIVED, self.source(listed)) for listed in edge.get("lists") or [])
        return self.block(iri, pairs)

    def _link(self, paper_path: str, paper: str, entity: str, edge: dict,
              paper_pairs: list[Pair]) -> list[Block]:
        """The qualified link of a paper–entity edge and its mentions (paper pairs appended)."""
        target = self.node(entity)
        role = edge.get("role") or "mentions"
        relation = _ROLE_IRIS.get(role, _ROLE_IRIS["mentions"])
        tail = paper_path + "/" + target[len(self.base):]  # the entity key's encoded path
        link = self.base + "link/" + tail
        node = self.graph.nodes[entity]
        name = node.get("name") or node.get("label") or entity
        evidence = sorted(edge.get("evidence") or [], key=lambda m: (
            m.get("start", 0), m.get("end", 0), m.get("text", ""), m.get("component", "")))
        cls, linked_paper, linked_entity, rel, role_p, role_ev, support, conf, ev = _LINK_IRIS
        paper_pairs += [(relation, target), (_QUALIFIED, link)]
        pairs: list[Pair] = [
            (A, cls), (LABEL, string(f"{role} {name}")), (linked_paper, paper),
            (linked_entity, target), (rel, relation), (role_p, string(role)),
            (support, integer(edge.get("support", len(evidence)))),
            (conf, double(edge.get("confidence", 1.0))),
        ]
        if edge.get("role_evidence"):
            pairs.append((role_ev, string(edge["role_evidence"])))
        mention_prefix = self.base + "mention/" + tail + "/"
        mentions = []
        m_cls, m_of, m_paper, m_text, m_sentence, m_start, m_end, m_comp, m_conf, m_sstart = _MENTION_IRIS
        components, confidences = self.component_pairs, self.confidence_pairs
        for index, mention in enumerate(evidence):
            iri = mention_prefix + str(index)  # digits: already a plain segment
            pairs.append((ev, iri))
            text = string(mention.get("text", ""))
            component, confidence = mention.get("component", ""), mention.get("confidence", 1.0)
            component_pair = components.get(component)
            if component_pair is None:
                component_pair = components[component] = (m_comp, string(component))
            confidence_pair = confidences.get(confidence)
            if confidence_pair is None:
                confidence_pair = confidences[confidence] = (m_conf, double(confidence))
            mention_pairs: list[Pair] = [
                (A, m_cls), (LABEL, text), (m_of, target), (m_paper, paper), (m_text, text),
                (m_sentence, string(mention.get("sentence", ""))),
                (m_start, integer(mention.get("start", 0))), (m_end, integer(mention.get("end", 0))),
                component_pair, confidence_pair,
            ]
            if mention.get("sentence_start") is not None:
                mention_pairs.append((m_sstart, integer(mention["sentence_start"])))
            mentions.append(self.block(iri, mention_pairs))
        return [self.block(link, pairs), *mentions]

    def data_blocks(self, keys: Iterable[str]) -> Iterator[Block]:
        """The blocks of the nodes ``keys``, in the order given (sorted, for an export)."""
        nodes = self.graph.nodes
        for key in keys:
            yield from self.node_blocks(key, nodes[key])

    def closing_blocks(self, inputs: list[str]) -> Iterator[Block]:
        """What follows the nodes: the sources met (and ``inputs``), sorted, then the VoID."""
        for path in inputs:
            self.source(path)
        for iri, path in sorted((iri, path) for path, iri in self.sources.items()):
            label = string(path)
            yield self.block(iri, [(A, v("kg:Source")), (A, v("prov:Entity")), (LABEL, label),
                                   (v("kg:path"), label)])
        yield from void_blocks(self, inputs)

    def tally(self) -> tuple[int, int, Counter, list[str]]:
        """What the VoID needs of the blocks made so far: small, to send between processes."""
        return self.triples, self.subjects, self.type_sets, sorted(self.sources)

    def absorb(self, tally: tuple[int, int, Counter, list[str]]) -> None:
        """Count another mapper's blocks (its :meth:`tally`) as if this one had made them."""
        triples, subjects, type_sets, sources = tally
        self.triples += triples
        self.subjects += subjects
        self.type_sets.update(type_sets)
        for path in sources:
            self.source(path)


def generate_blocks(
    graph: nx.DiGraph, *, base: str = DEFAULT_BASE, inputs: list[str] | None = None,
    materialise: bool = True,
) -> Iterator[Block]:
    """Yield the RDF of ``graph`` (as :func:`kg.graph.build_graph` makes it), subject by subject.

    Each block is ``(subject IRI, [(predicate IRI, object term), ...])``, its pairs unique;
    no subject comes twice. ``materialise`` (default) also states every super-class and
    super-property the ontology entails (:mod:`kg.exports.entailment`), so plain SPARQL finds
    ``schema:mentions`` links and ``mls:Dataset`` instances without a reasoner. The data
    comes first, then a VoID description of the whole dataset (counts of triples and of each
    class, the ``inputs`` it was built from), without timestamps.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("paper/1", kind="paper", label="T", id="1")
    >>> subject, pairs = next(generate_blocks(g))
    >>> subject, (LABEL, ("T", "")) in pairs
    ('https://w3id.org/kg/id/paper/1', True)
    """
    mapper = RdfMapper(graph, base, materialise)
    yield from mapper.data_blocks(sorted(graph.nodes))
    yield from mapper.closing_blocks(inputs or [])


def generate_triples(graph: nx.DiGraph, **options) -> Iterator[tuple[str, str, Term]]:
    """The statements of :func:`generate_blocks` one ``(s, p, o)`` triple at a time."""
    for subject, pairs in generate_blocks(graph, **options):
        for p, o in pairs:
            yield subject, p, o
