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


# ------------------------------------------------------------------ persistent store


def test_load_store_answers_like_the_export_and_is_reopened_read_only(exports_dir, tmp_path):
    from kg.sparql import is_store, load_store

    info = load_store(exports_dir, tmp_path / "store")
    assert is_store(tmp_path / "store") and info["triples"] == len(open_store(exports_dir))
    first, second = open_store(tmp_path / "store"), open_store(tmp_path / "store")  # readers share it
    assert run_query(first, COUNT_PAPERS).rows == run_query(second, COUNT_PAPERS).rows == [(7,)]
    ask = "ASK { kg:evaluatesOn rdfs:subPropertyOf+ schema:mentions }"
    assert run_query(first, ask).rows == [(True,)]  # the ontology went in with the export
    with pytest.raises(RuntimeError, match="read-write"):
        first.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_load_store_replaces_an_old_store_whole(exports_dir, tmp_path):
    from kg.sparql import load_store

    load_store(exports_dir, tmp_path / "store")
    load_store(exports_dir, tmp_path / "store")
    assert run_query(open_store(tmp_path / "store"), COUNT_PAPERS).rows == [(7,)]
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no staging folder left


def test_load_store_refuses_a_folder_that_is_not_a_store(exports_dir, tmp_path):
    from kg.sparql import load_store

    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="not a kg store"):
        load_store(exports_dir, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    with pytest.raises(FileNotFoundError):
        load_store(tmp_path / "nothing", tmp_path / "store")
    assert not (tmp_path / "store").exists()
