"""GraphML and GEXF of the graph read back in networkx with the attributes users filter on."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.graph.tools import write_gexf, write_graphml

FIXTURE = Path(__file__).parents[1] / "sparql" / "papers.json"


@pytest.fixture(scope="module")
def graph():
    g = build_graph(json.loads(FIXTURE.read_text(encoding="utf-8")))
    assert any(v is None for _, a in g.nodes(data=True) for v in a.values())  # what broke the writers
    return g


@pytest.mark.parametrize("write, read", [(write_graphml, nx.read_graphml), (write_gexf, nx.read_gexf)])
def test_graph_tools_files_read_back_with_kinds_types_and_roles(graph, tmp_path, write, read):
    back = read(write(graph, tmp_path / "kg.out"))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["dataset/imagenet"]["type"] == "DATASET"
    assert back.nodes["dataset/imagenet"]["kind"] == "entity"
    assert back.edges["paper/2103.00020", "dataset/imagenet"]["role"] == "evaluates"
    assert back.nodes["paper/2103.00020"]["paper_id"] == "2103.00020"
