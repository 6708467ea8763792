"""The graph in the flat shape graph tools read: GraphML and GEXF for Gephi, Cytoscape, yEd.

GraphML and GEXF hold only scalar attributes, and networkx's writers fail on ``None``. So the
copy written keeps each attribute as a string, number or boolean: ``None`` is dropped, a list
of scalars is joined with ``"; "``, a dict or a list of records becomes compact JSON, and the
evidence mentions of a link are left out (they stay in ``papers.jsonl`` and the RDF).

Node attributes: ``kind`` (paper, author, entity, organization, code), ``label``; papers
``paper_id`` (the record id; ``id`` in the graph), ``title``, ``abstract``, ``year``, ``date``, ``venue``, ``category``, ``language``,
``arxiv_id``, ``doi``, ``ids`` (JSON); entities ``name``, ``type`` (MODEL, DATASET, METHOD,
TASK, METRIC), ``aliases`` (joined), ``ids`` (JSON); authors ``name``, ``spellings`` (JSON).
Edge attributes: ``kind`` (creator, mentions, affiliation, organization, code); creator
``position``, ``name``, ``origin``; mentions ``role``, ``role_evidence``, ``support``,
``confidence``.

Examples
--------
The datasets most central to the paper–entity graph, from the GraphML file alone:

>>> import tempfile, networkx as nx
>>> from kg.graph import build_graph
>>> papers = [{"id": "1", "title": "A", "entities": [{"name": "ImageNet", "type": "DATASET",
...            "key": "dataset/imagenet", "role": "evaluates", "mentions": []}]},
...           {"id": "2", "title": "B", "entities": [{"name": "ImageNet", "type": "DATASET",
...            "key": "dataset/imagenet", "role": "uses", "mentions": []}]}]
>>> path = write_graphml(build_graph(papers), tempfile.mkdtemp() + "/kg.graphml")
>>> g = nx.read_graphml(path)
>>> centrality = nx.degree_centrality(g)
>>> [n for n, kind in g.nodes(data="kind") if kind == "entity" and centrality[n] == 1.0]
['dataset/imagenet']
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx

#: Attributes too large or too nested for a graph tool (kept in papers.jsonl and the RDF).
DROPPED = frozenset({"evidence", "sources", "claims"})


def _flat(value):
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return "; ".join(map(str, value))
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


#: Attribute names a format reserves: GEXF takes a node's ``id`` attribute as its node id.
RENAMED = {"id": "paper_id"}


def _flat_attrs(attrs: dict) -> dict:
    return {RENAMED.get(k, k): _flat(v) for k, v in sorted(attrs.items()) if v is not None and k not in DROPPED}


def to_flat_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``graph`` whose attributes are all scalars (see the module docstring)."""
    flat = nx.DiGraph()
    flat.add_nodes_from((n, _flat_attrs(a)) for n, a in graph.nodes(data=True))
    flat.add_edges_from((u, v, _flat_attrs(a)) for u, v, a in graph.edges(data=True))
    return flat


def write_graphml(graph: nx.DiGraph, path: str | os.PathLike) -> Path:
    """Write ``graph`` as GraphML (``networkx.write_graphml`` on :func:`to_flat_graph`)."""
    nx.write_graphml(to_flat_graph(graph), path)
    return Path(path)


def write_gexf(graph: nx.DiGraph, path: str | os.PathLike) -> Path:
    """Write ``graph`` as GEXF 1.2 for Gephi (``networkx.write_gexf`` on :func:`to_flat_graph`)."""
    nx.write_gexf(to_flat_graph(graph), path)
    return Path(path)
