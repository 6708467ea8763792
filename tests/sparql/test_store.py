"""Tests for kg.sparql.store: opening exports (file, directory, any format) with the ontology."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.exports.rdf import write_rdf
from kg.graph import build_graph
from kg.sparql import find_export, open_store, run_query

PAPERS = Path(__file__).with_name("papers.json")
COUNT_PAPERS = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"


def test_open_store_on_a_directory_finds_kg_ttl_and_loads_the_ontology(exports_dir):
    store = open_store(exports_dir)
    assert find_export(exports_dir).name == "kg.ttl"
    assert run_query(store, COUNT_PAPERS).rows == [(7,)]
    ask = "ASK { kg:evaluatesOn rdfs:subPropertyOf+ schema:mentions }"
    assert run_query(store, ask).rows == [(True,)]


def test_open_store_without_ontology_has_only_the_export(exports_dir):
    store = open_store(exports_dir / "kg.ttl", ontology=False)
    ask = "ASK { kg:uses rdfs:subPropertyOf schema:mentions }"
    assert run_query(store, ask).rows == [(False,)]
    assert run_query(store, COUNT_PAPERS).rows == [(7,)]


@pytest.mark.parametrize("fmt", ["nt", "json-ld"])
def test_open_store_reads_every_export_format(tmp_path, fmt):
    papers = json.loads(PAPERS.read_text(encoding="utf-8"))
    path = write_rdf(build_graph(papers), tmp_path, format=fmt)
    assert run_query(open_store(tmp_path), COUNT_PAPERS).rows == [(7,)]
    assert run_query(open_store(path), COUNT_PAPERS).rows == [(7,)]


def test_open_store_on_a_directory_without_export_says_what_it_looked_for(tmp_path):
    with pytest.raises(FileNotFoundError, match="kg.ttl"):
        open_store(tmp_path)
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "missing.ttl")
