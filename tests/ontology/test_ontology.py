"""Tests for ontology/kg.ttl and shapes.ttl: parse, labels, alignment, and coverage of exports."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

import kg
from kg.exports.rdf import generate_rdf
from kg.graph import build_graph

ONTOLOGY = Path(kg.__file__).parent / "ontology"
PAPERS = Path(__file__).parents[1] / "sparql" / "papers.json"
KG = "https://w3id.org/kg/ontology#"
RDF_TYPE = rdflib.URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SUBCLASS = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
SUBPROPERTY = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "kg.ttl")


def test_ontology_and_shapes_parse_in_both_engines():
    for name in ("kg.ttl", "shapes.ttl"):
        assert len(rdflib.Graph().parse(ONTOLOGY / name)) > 50
        store = pyoxigraph.Store()
        store.load(path=str(ONTOLOGY / name))
        assert len(store) > 50


def test_every_kg_term_has_a_label_and_a_comment(ontology):
    terms = {s for s in ontology.subjects(RDF_TYPE, None) if str(s).startswith(KG)}
    assert len(terms) > 40
    comment = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#comment")
    for term in terms:
        assert ontology.value(term, LABEL) is not None, term
        assert ontology.value(term, comment) is not None, term


def closure(graph: rdflib.Graph, term: str, relation) -> set[str]:
    return {str(t) for t in graph.transitive_objects(rdflib.URIRef(term), relation)}


@pytest.mark.parametrize("cls, aligned", [
    ("Paper", "http://purl.org/spar/fabio/ResearchPaper"),
    ("Author", "http://xmlns.com/foaf/0.1/Person"),
    ("Organization", "http://xmlns.com/foaf/0.1/Organization"),
    ("Model", "http://www.w3.org/ns/mls#Model"),
    ("Dataset", "http://www.w3.org/ns/mls#Dataset"),
    ("Method", "http://www.w3.org/ns/mls#Algorithm"),
    ("Task", "http://www.w3.org/ns/mls#Task"),
    ("Metric", "http://www.w3.org/ns/mls#EvaluationMeasure"),
    ("Metric", "http://www.w3.org/2004/02/skos/core#Concept"),
    ("Link", "http://www.w3.org/ns/prov#EntityInfluence"),
    ("Authorship", "http://www.w3.org/ns/prov#Attribution"),
])
def test_classes_align_to_scholarly_vocabularies(ontology, cls, aligned):
    assert aligned in closure(ontology, KG + cls, SUBCLASS)


def test_every_paper_entity_property_is_a_subproperty_of_schema_mentions(ontology):
    entity = rdflib.URIRef(KG + "Entity")
    range_ = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#range")
    paper_entity = [p for p in ontology.subjects(range_, entity)
                    if ontology.value(p, rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#domain"))
                    == rdflib.URIRef(KG + "Paper")]
    assert {str(p)[len(KG):] for p in paper_entity} == {
        "mentions", "introduces", "uses", "evaluatesOn", "comparesWith"}
    for prop in paper_entity:
        assert (prop, SUBPROPERTY, rdflib.URIRef("https://schema.org/mentions")) in ontology


def test_every_kg_term_an_export_uses_is_declared(ontology):
    papers = json.loads(PAPERS.read_text(encoding="utf-8"))
    export = generate_rdf(build_graph(papers), inputs=["x.jsonl"])
    used = {str(t) for triple in export for t in triple[1:2]}
    used |= {str(o) for o in export.objects(None, RDF_TYPE)}
    declared = {str(s) for s in ontology.subjects(RDF_TYPE, None)}
    missing = {t for t in used if t.startswith(KG) and t not in declared}
    assert not missing
