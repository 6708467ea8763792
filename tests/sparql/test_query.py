"""Tests for kg.sparql.query: bindings, limits, result rows and their table/CSV/JSON forms."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.sparql import QueryResult, format_result, iri, run_query

ID = "https://w3id.org/kg/id/"
SUBPROPERTY_PAPERS = """
SELECT DISTINCT ?paper WHERE {
  ?e skos:prefLabel ?name .
  ?p ?relation ?e .
  ?relation rdfs:subPropertyOf* schema:mentions .
  ?p dcterms:identifier ?paper .
} ORDER BY ?paper
"""


def test_papers_linked_to_imagenet_through_subproperties_of_schema_mentions(store):
    result = run_query(store, SUBPROPERTY_PAPERS, {"name": "ImageNet"})
    # CLIP, Image Transformer and Scaling Vision Transformers (the last only "mentions").
    assert result.column("paper") == ["1802.05751", "2103.00020", "2106.04560"]


def test_gpt3_links_to_at_least_three_papers(store):
    result = run_query(store, SUBPROPERTY_PAPERS, {"name": "GPT-3"})
    assert len(result) >= 3


def test_reformer_creators_are_exactly_its_three_authors(store):
    query = """SELECT ?name WHERE { ?p dcterms:identifier ?id ; dcterms:creator ?a .
                                    ?a foaf:name ?name } ORDER BY ?name"""
    result = run_query(store, query, {"id": "2001.04451"})
    assert result.column("name") == ["Anselm Levskaya", "Nikita Kitaev", "Łukasz Kaiser"]


def test_creators_stated_only_by_a_list_are_queryable(store):
    query = """SELECT ?id ?name WHERE {
        ?p kg:authorship ?s ; dcterms:identifier ?id ; dcterms:creator ?a .
        ?s kg:origin "list" ; prov:agent ?a .
        ?a foaf:name ?name }"""
    assert run_query(store, query).rows == [("2009.03393", "Ilya Sutskever")]


def test_bindings_accept_iris_numbers_and_plain_values(store):
    query = "SELECT ?p WHERE { ?p kg:year ?year ; a ?type } ORDER BY ?p"
    rows = run_query(store, query, {"year": 2018, "type": iri("https://w3id.org/kg/ontology#Paper")})
    assert rows.rows == [(ID + "paper/1802.05751",)]
    assert run_query(store, query, {"year": "2018"}).rows == []  # a string is not an integer


def test_limit_caps_rows_and_values_are_plain_python(store):
    query = "SELECT ?l ?support ?confidence WHERE { ?l kg:support ?support ; kg:confidence ?confidence }"
    result = run_query(store, query, limit=2)
    assert len(result) == 2 and result.columns == ["l", "support", "confidence"]
    assert all(isinstance(r[1], int) and isinstance(r[2], float) for r in result.rows)


def test_ask_and_construct_answer_as_rows(store):
    assert run_query(store, "ASK { ?p a kg:Paper }").rows == [(True,)]
    result = run_query(store, "CONSTRUCT { ?p a kg:Paper } WHERE { ?p kg:arxivId \"2001.04451\" }")
    assert result.columns == ["subject", "predicate", "object"]
    assert result.rows == [(ID + "paper/2001.04451",
                            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                            "https://w3id.org/kg/ontology#Paper")]


def test_a_syntax_error_is_raised():
    import pyoxigraph

    with pytest.raises(SyntaxError):
        run_query(pyoxigraph.Store(), "SELECT WHERE {")


HOSTILE = 'a,"b"\n<c>\\'


def test_csv_and_json_keep_values_exactly_and_table_stays_one_line_per_row():
    result = QueryResult(["x", "n", "missing"], [(HOSTILE, 1, None), ("plain", 2.5, True)])
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows == [["x", "n", "missing"], [HOSTILE, "1", ""], ["plain", "2.5", "true"]]
    assert json.loads(format_result(result, "json")) == [
        {"x": HOSTILE, "n": 1, "missing": None}, {"x": "plain", "n": 2.5, "missing": True}]
    table = format_result(result, "table").splitlines()
    assert len(table) == 2 + 2 + 1 and table[-1] == "(2 rows)"
    with pytest.raises(ValueError):
        format_result(result, "xml")


def test_empty_result_formats():
    empty = QueryResult(["a"], [])
    assert json.loads(format_result(empty, "json")) == []
    assert format_result(empty, "csv") == "a\n"
    assert format_result(empty).endswith("(0 rows)\n")
