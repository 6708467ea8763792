"""`kg build` end to end on the seeds: exports parse, validate, re-run identically, answer SPARQL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import rdflib

import kg
from kg.cli import main
from kg.sparql import list_only_creators, open_store, run_query

ONTOLOGY = Path(kg.__file__).parent / "ontology"


@pytest.fixture(scope="module")
def exports(tmp_path_factory, seeds_dir) -> Path:
    out = tmp_path_factory.mktemp("exports")
    assert main(["build", str(seeds_dir), "-o", str(out), "--rdf", "turtle", "--rdf", "nt",
                 "--rdf", "json-ld"]) == 0
    return out


def test_build_writes_every_export(exports):
    assert sorted(p.name for p in exports.iterdir()) == [
        "build.json", "graph.html", "insights-community-authors.csv", "insights-model-dataset.csv",
        "insights-movers.csv", "insights-trends.csv", "insights.html", "kg.jsonld", "kg.nt", "kg.ttl",
        "papers.jsonl"]


def test_two_builds_are_byte_identical(exports, seeds_dir, tmp_path):
    assert main(["build", str(seeds_dir), "-o", str(tmp_path), "--rdf", "turtle", "--rdf", "nt",
                 "--rdf", "json-ld"]) == 0
    for path in exports.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_turtle_parses_in_rdflib_and_pyoxigraph_alike(exports):
    data = (exports / "kg.ttl").read_bytes()
    in_rdflib = rdflib.Graph().parse(data=data, format="turtle")
    in_oxigraph = pyoxigraph.Store()
    in_oxigraph.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(in_rdflib) == len(in_oxigraph) > 5000


def test_export_conforms_to_the_shapes(exports):
    from pyshacl import validate

    conforms, _, report = validate(
        rdflib.Graph().parse(exports / "kg.ttl"),
        shacl_graph=rdflib.Graph().parse(ONTOLOGY / "shapes.ttl"),
        ont_graph=rdflib.Graph().parse(ONTOLOGY / "kg.ttl"),
        inference="rdfs",
    )
    assert conforms, report


@pytest.fixture(scope="module")
def store(exports):
    return open_store(exports)


def titles_of_papers_linked_to(store, label: str) -> set[str]:
    rows = run_query(store, """
        SELECT DISTINCT ?title WHERE {
          ?entity skos:prefLabel ?label .
          ?paper ?link ?entity . ?link rdfs:subPropertyOf* schema:mentions .
          ?paper rdfs:label ?title }""", {"label": label}).rows
    return {row[0] for row in rows}


def test_imagenet_papers_include_clip_image_transformer_and_scaling_laws(store):
    titles = titles_of_papers_linked_to(store, "ImageNet")
    assert "Image Transformer" in titles
    assert any(t.startswith("State-of-the-art computer vision systems") for t in titles)  # CLIP
    assert any(t.startswith("We identify empirical scaling laws") for t in titles)


def test_gpt3_links_to_at_least_three_papers(store):
    assert len(titles_of_papers_linked_to(store, "GPT-3")) >= 3


def test_reformer_creators_are_exactly_its_three_authors(store):
    rows = run_query(store, """
        SELECT ?name WHERE { ?paper dcterms:title "Reformer: The Efficient Transformer" ;
                                    dcterms:creator/foaf:name ?name }""").rows
    assert sorted(r[0] for r in rows) == ["Anselm Levskaya", "Nikita Kitaev", "Łukasz Kaiser"]


def test_list_stated_creators_keep_their_provenance(store):
    result = list_only_creators(store, paper="2005.14165")
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert [(r["author"], r["list"]) for r in rows] == [
        ("Ilya Sutskever", "000_c643dd1e99c022eb.txt"), ("Scott Gray", "001_b5e4d2dd41f21971.txt")]
