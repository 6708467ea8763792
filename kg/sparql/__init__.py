"""SPARQL over kg exports: an Oxigraph store, plain-row results and a query cookbook."""

from kg.sparql.cookbook import (
    NamedQuery,
    author_methods,
    coauthors,
    datasets_with_model,
    evidence_for_link,
    get_query,
    list_only_creators,
    list_queries,
    models_introduced_by,
    papers_mentioning,
    papers_using_dataset,
    run_named_query,
    top_entities,
)
from kg.sparql.query import PREFIXES, QueryResult, format_result, iri, run_query
from kg.sparql.store import ONTOLOGY_DIR, find_export, is_store, load_store, open_store

__all__ = [
    "NamedQuery",
    "ONTOLOGY_DIR",
    "PREFIXES",
    "QueryResult",
    "author_methods",
    "coauthors",
    "datasets_with_model",
    "evidence_for_link",
    "find_export",
    "format_result",
    "get_query",
    "iri",
    "is_store",
    "list_only_creators",
    "list_queries",
    "load_store",
    "models_introduced_by",
    "open_store",
    "papers_mentioning",
    "papers_using_dataset",
    "run_named_query",
    "run_query",
    "top_entities",
]
