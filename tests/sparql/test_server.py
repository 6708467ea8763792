"""kg serve: the SPARQL 1.1 Protocol over HTTP, tested with plain HTTP and real SPARQL clients."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from kg.sparql.server import Endpoint

COUNT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"
#: A cartesian product no store of this size answers within a second.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def endpoint(exports_dir):
    with Endpoint(exports_dir, port=0, workers=2, timeout=1.5, max_bytes=40_000) as running:
        yield running


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one HTTP request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get(endpoint, query: str, accept: str | None = None, path: str = "/sparql"):
    url = endpoint.url + path + "?" + urllib.parse.urlencode({"query": query})
    return request(url, headers={"Accept": accept} if accept else {})


def test_get_and_both_posts_answer_the_same_json(endpoint):
    status, headers, body = get(endpoint, COUNT)
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "7"
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    for data, kind in ((form, "application/x-www-form-urlencoded"),
                       (COUNT.encode(), "application/sparql-query")):
        status, _, posted = request(endpoint.url + "/query", data, {"Content-Type": kind})
        assert (status, posted) == (200, body)


@pytest.mark.parametrize("accept, content_type", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml, application/rdf+xml;q=0.9, */*;q=0.1",
     "application/sparql-results+xml"),
    ("text/csv;q=0.2, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
])
def test_accept_header_picks_the_result_format(endpoint, accept, content_type):
    status, headers, body = get(endpoint, COUNT, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == content_type
    if content_type == "text/csv":
        assert list(csv.reader(io.StringIO(body.decode()))) == [["n"], ["7"]]
    if content_type.endswith("xml"):
        assert ET.fromstring(body).find(f".//{RESULTS_NS}literal").text == "7"


def test_graph_answers_follow_the_combined_accept_header(endpoint):
    construct = "CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper }"
    status, headers, body = get(endpoint, construct,
                                "application/sparql-results+xml, application/rdf+xml;q=0.9, */*;q=0.1")
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")
    import rdflib

    assert len(rdflib.Graph().parse(data=body, format="xml")) == 7
    assert get(endpoint, COUNT, "image/png")[0] == 406


def test_malformed_sparql_is_400_with_the_parser_message_and_the_line(endpoint):
    status, headers, body = get(endpoint, "SELECT ?x WHERE {\n  ?x ?y ?z FILTER(?z = )\n}")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert text.startswith("SPARQL syntax error: error at ") and "\n  line " in text and "^" in text
    assert len(text) < 500  # the parser's list of every expected token is cut short
    status, _, body = get(endpoint, "SELECT ?x WHERE {\n  ?x ?y\n")
    assert status == 400 and b"ended too early" in body


@pytest.mark.parametrize("how", ["query-param", "form-update", "sparql-update", "update-path"])
def test_every_update_is_refused(endpoint, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "query-param":
        status = get(endpoint, "PREFIX ex: <urn:x>\n" + update)[0]
    elif how == "form-update":
        status = request(endpoint.url + "/sparql", urllib.parse.urlencode({"update": update}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})[0]
    elif how == "sparql-update":
        status = request(endpoint.url + "/sparql", update.encode(),
                         {"Content-Type": "application/sparql-update"})[0]
    else:
        status = request(endpoint.url + "/update", update.encode(),
                         {"Content-Type": "application/sparql-update"})[0]
    assert status == 403
    assert request(endpoint.url + "/sparql", b"", method="DELETE")[0] == 405
    assert json.loads(get(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")[2])["boolean"] is False


def test_a_query_past_the_timeout_is_an_error_status_and_the_endpoint_recovers(endpoint):
    status, _, body = get(endpoint, SLOW, "text/csv")
    assert status == 503 and b"timeout" in body
    assert get(endpoint, COUNT)[0] == 200  # the killed worker was replaced


def test_a_result_over_the_size_cap_is_a_clear_error_not_a_cut_body(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 500 and b"larger than this endpoint's cap" in body
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5


def test_cors_preflight_and_headers(endpoint):
    status, headers, _ = request(endpoint.url + "/sparql", method="OPTIONS",
                                 headers={"Origin": "http://example.org",
                                          "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert get(endpoint, COUNT)[1]["Access-Control-Allow-Origin"] == "*"


def test_the_query_page_is_self_contained_under_a_strict_csp(endpoint):
    status, headers, body = request(endpoint.url + "/")
    csp = headers["Content-Security-Policy"]
    assert status == 200 and "default-src 'none'" in csp and "unsafe-inline" not in csp
    page = body.decode()
    for fetches in ("src=", "<link", "@import", "url(", "href="):  # nothing is loaded from anywhere
        assert fetches not in page


def test_sparqlwrapper_reads_json_xml_and_csv(endpoint):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    client = SPARQLWrapper.SPARQLWrapper(endpoint.sparql_url)
    client.setQuery(COUNT)
    client.setReturnFormat(SPARQLWrapper.JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "7"
    client.setReturnFormat(SPARQLWrapper.XML)
    assert client.query().convert().getElementsByTagName("literal")[0].firstChild.data == "7"
    client.setReturnFormat(SPARQLWrapper.CSV)
    assert client.query().convert().decode().splitlines() == ["n", "7"]
    client.setMethod(SPARQLWrapper.POST)
    client.setReturnFormat(SPARQLWrapper.JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "7"
    client.setQuery("SELECT ?x WHERE { ?x }")
    with pytest.raises(SPARQLWrapper.SPARQLExceptions.QueryBadFormed, match="syntax error"):
        client.query()


def test_rdflib_sparqlstore_queries_the_endpoint(endpoint):
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint.sparql_url, returnFormat="xml"))
    rows = list(graph.query("PREFIX kg: <https://w3id.org/kg/ontology#>\n"
                            "SELECT ?p WHERE { ?p a kg:Paper } ORDER BY ?p"))
    assert len(rows) == 7 and all(isinstance(row[0], URIRef) for row in rows)
    paper = rows[0][0]
    assert len(list(graph.triples((paper, None, None)))) > 3
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
