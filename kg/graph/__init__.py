"""The networkx model of the knowledge graph."""

from kg.graph.model import (
    add_paper,
    author_key,
    build_graph,
    code_key,
    nodes_of_kind,
    organization_key,
    paper_key,
    slugify,
)

__all__ = [
    "add_paper",
    "author_key",
    "build_graph",
    "code_key",
    "nodes_of_kind",
    "organization_key",
    "paper_key",
    "slugify",
]
