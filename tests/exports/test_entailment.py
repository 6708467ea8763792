"""Plain SPARQL over kg.ttl alone (no ontology, no reasoner) finds what the ontology entails."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest

from kg.exports.rdf import write_rdf
from kg.graph import build_graph

FIXTURE = Path(__file__).parents[1] / "sparql" / "papers.json"
PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX mls: <http://www.w3.org/ns/mls#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def _store(path: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _rows(store, query: str) -> list:
    return [tuple(v.value if v is not None else None for v in row) for row in store.query(PREFIXES + query)]


@pytest.fixture(scope="module")
def papers() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory, papers):
    out = tmp_path_factory.mktemp("rdf")
    return _store(write_rdf(build_graph(papers), out / "kg.ttl")), _store(
        write_rdf(build_graph(papers), out / "bare.ttl", materialise=False))


def test_every_paper_entity_link_is_a_schema_mentions_link(plain, papers):
    store, _ = plain
    links = {(p["id"], e["name"]) for p in papers for e in p.get("entities", [])}
    found = set(_rows(store, "SELECT ?id ?name WHERE { ?p schema:mentions ?e . ?p dcterms:identifier ?id . "
                             "?e skos:prefLabel ?name }"))
    assert found == links


def test_imagenet_papers_and_aligned_classes_without_the_ontology(plain):
    store, bare = plain
    query = 'SELECT DISTINCT ?id WHERE { ?d a mls:Dataset ; skos:prefLabel "ImageNet" . ?p schema:mentions ?d ; dcterms:identifier ?id }'
    assert {"2103.00020", "1802.05751", "2106.04560"} <= {r[0] for r in _rows(store, query)}
    assert _rows(bare, query) == []  # the opt-out leaves the entailments to the reader
    assert _rows(store, "SELECT ?e WHERE { ?e a skos:Concept } LIMIT 1")


def test_evaluates_on_links_are_also_uses_links(plain, papers):
    store, _ = plain
    n_eval = len(_rows(store, "SELECT ?p ?d WHERE { ?p kg:evaluatesOn ?d }"))
    assert n_eval == sum(e["role"] == "evaluates" for p in papers for e in p.get("entities", []))
    assert not _rows(store, "SELECT ?p ?d WHERE { ?p kg:evaluatesOn ?d FILTER NOT EXISTS { ?p kg:uses ?d } }")


def test_a_paper_keeps_one_record_identifier(plain):
    store, _ = plain
    assert not _rows(store, "SELECT ?p WHERE { ?p dcterms:identifier ?a, ?b FILTER(?a != ?b) }")
