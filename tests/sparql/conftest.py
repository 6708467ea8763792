"""Shared fixtures for the SPARQL tests: the fixture papers exported and loaded once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.exports.rdf import write_rdf
from kg.graph import build_graph
from kg.sparql import open_store

PAPERS = Path(__file__).with_name("papers.json")


@pytest.fixture(scope="session")
def exports_dir(tmp_path_factory) -> Path:
    papers = json.loads(PAPERS.read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("exports")
    write_rdf(build_graph(papers), out, inputs=["tests/sparql/papers.json"])
    return out


@pytest.fixture(scope="session")
def store(exports_dir):
    return open_store(exports_dir)
