"""Tests for kg.sparql.cookbook: every named query returns the right rows on the fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest

from kg.sparql import cookbook, list_queries, run_named_query, run_query

ID = "https://w3id.org/kg/id/"
PAPERS = json.loads(Path(__file__).with_name("papers.json").read_text(encoding="utf-8"))


def test_every_query_file_has_a_description_a_python_function_and_parses():
    queries = list_queries()
    assert len(queries) >= 5
    for query in queries:
        assert query.description, query.name
        assert callable(getattr(cookbook, query.name)), query.name
        pyoxigraph.Store().query(query.sparql)  # raises SyntaxError if broken


def test_papers_mentioning_imagenet_has_clip_image_transformer_and_scaling(store):
    result = cookbook.papers_mentioning(store, "ImageNet")
    assert set(result.column("paper")) == {"2103.00020", "1802.05751", "2106.04560"}
    relations = dict(zip(result.column("paper"), result.column("relation")))
    assert relations["2106.04560"] == "https://w3id.org/kg/ontology#mentions"


def test_papers_using_dataset_leaves_out_papers_that_only_mention_it(store):
    result = cookbook.papers_using_dataset(store, "ImageNet")
    assert result.column("paper") == ["2103.00020", "1802.05751"]  # newest first


def test_papers_using_dataset_matches_aliases(store):
    assert cookbook.papers_using_dataset(store, "enwik8").column("paper") == ["2001.04451"]
    assert cookbook.papers_using_dataset(store, "no such dataset").rows == []


def test_models_introduced_by(store):
    result = cookbook.models_introduced_by(store, "2001.04451")
    assert result.column("model_name") == ["Reformer"]
    assert result.column("support") == [2]
    assert cookbook.models_introduced_by(store, "1802.05751").rows == []


def test_author_methods_finds_methods_under_any_spelling(store):
    for spelling in ("Łukasz Kaiser", "Lukasz Kaiser"):
        result = cookbook.author_methods(store, spelling)
        assert result.to_dicts() == [
            {"author": spelling, "method_name": "locality-sensitive hashing", "papers": 1}]


def test_datasets_with_model_counts_shared_papers(store):
    result = cookbook.datasets_with_model(store, "Transformer")
    # Ties in paper count are ordered by name in code-point order.
    assert result.to_dicts() == [
        {"model": "Transformer", "dataset": ID + "dataset/imagenet", "dataset_name": "ImageNet",
         "papers": 1},
        {"model": "Transformer", "dataset": ID + "dataset/enwik8", "dataset_name": "enwik8",
         "papers": 1},
    ]
    assert len(cookbook.datasets_with_model(store, "Vision Transformer")) == 1


def test_evidence_for_link_gives_sentences_offsets_component_and_confidence(store):
    result = cookbook.evidence_for_link(store, "2001.04451", "Reformer")
    rows = result.to_dicts()
    abstract = next(p["abstract"] for p in PAPERS if p["id"] == "2001.04451")
    starts = [i for i in range(len(abstract)) if abstract.startswith("Reformer", i)]
    assert [r["start"] for r in rows] == starts and len(starts) == 2
    assert all(abstract[r["start"]:r["end"]] == r["text"] for r in rows)
    assert all(r["text"] == "Reformer" and r["support"] == 2 and r["role"] == "introduces"
               and r["component"] == "pattern" and r["confidence"] == 0.9 for r in rows)
    assert rows[0]["sentence"].startswith("We introduce the Reformer")


def test_list_only_creators(store):
    result = cookbook.list_only_creators(store)
    assert result.to_dicts() == [{
        "paper": "2009.03393", "title": "Generative Language Modeling for Automated Theorem Proving",
        "author": "Ilya Sutskever", "position": 1, "list": "lists/sutskever.html"}]
    assert cookbook.list_only_creators(store, "2001.04451").rows == []


def test_coauthors(store):
    result = cookbook.coauthors(store, "Nikita Kitaev")
    assert result.column("coauthor") == ["Anselm Levskaya", "Łukasz Kaiser"]


def test_top_entities(store):
    result = cookbook.top_entities(store, "MODEL", limit=2)
    assert result.column("name") == ["GPT-3", "Transformer"]
    assert result.column("papers") == [3, 3]


def test_run_named_query_converts_text_params_and_rejects_unknown_ones(store):
    assert len(run_named_query(store, "papers_using_dataset", dataset="ImageNet", limit=1)) == 1
    with pytest.raises(ValueError, match="no parameter"):
        run_named_query(store, "papers_using_dataset", datset="ImageNet")
    with pytest.raises(KeyError, match="no query named"):
        run_named_query(store, "nope")


def test_typed_params_are_converted_from_text():
    query = cookbook.parse_named_query("# param n [integer]: a number\nSELECT ?n {}")
    assert query.types == {"n": "integer"}
    with pytest.raises(ValueError, match="unknown type"):
        cookbook.parse_named_query("# param n [date]: a date\nSELECT ?n {}")


def test_a_parameter_called_name_is_reported_not_a_crash(store):
    with pytest.raises(ValueError, match="no parameter name"):
        cookbook.run_named_query(store, "papers_mentioning", name="ImageNet")


def test_name_parameters_ignore_case_marks_and_hyphens():
    """Regression: `entity=bert` and `author=Lukasz Kaiser` found nothing (exact match)."""
    import pyoxigraph

    from kg.sparql.store import add_search_keys

    kg_, skos, foaf = "https://w3id.org/kg/ontology#", "http://www.w3.org/2004/02/skos/core#", \
        "http://xmlns.com/foaf/0.1/"
    node = pyoxigraph.NamedNode
    store = pyoxigraph.Store()
    paper, link, bert = node("urn:p"), node("urn:l"), node("urn:bert")
    for s, p, o in [
        (bert, node(skos + "prefLabel"), pyoxigraph.Literal("BERT")),
        (bert, node(skos + "altLabel"), pyoxigraph.Literal("Bert-Base")),
        (link, node(kg_ + "linkedEntity"), bert), (link, node(kg_ + "relation"), node(kg_ + "uses")),
        (link, node(kg_ + "support"), pyoxigraph.Literal(1)),
        (link, node(kg_ + "confidence"), pyoxigraph.Literal(0.9)),
        (paper, node(kg_ + "qualifiedLink"), link),
        (paper, node("http://purl.org/dc/terms/identifier"), pyoxigraph.Literal("1810.04805")),
        (paper, node("http://www.w3.org/2000/01/rdf-schema#label"), pyoxigraph.Literal("BERT")),
        (node("urn:a"), node(foaf + "name"), pyoxigraph.Literal("Łukasz Kaiser")),
    ]:
        store.add(pyoxigraph.Quad(s, p, o))
    add_search_keys(store)
    for spelling in ("bert", "BERT", "bert base", "BERT-base"):
        rows = cookbook.papers_mentioning(store, spelling).to_dicts()
        assert [(r["entity"], r["entity_name"], r["paper"]) for r in rows] == [
            (spelling, "BERT", "1810.04805")]
    keys = {q.object.value for q in store.quads_for_pattern(node("urn:a"), None, None)
            if q.predicate.value == kg_ + "searchKey"}
    assert keys == {"lukasz kaiser"}


def test_seed_names_match_lower_case_and_unaccented(store):
    assert cookbook.papers_mentioning(store, "imagenet").rows
    assert cookbook.coauthors(store, "lukasz kaiser").rows
    assert cookbook.papers_mentioning(store, "ENWIK8").rows


def test_top_entities_stops_at_its_default_limit_and_says_so(store):
    everything = cookbook.run_named_query(store, "top_entities", limit=10_000)
    assert not everything.truncated
    assert cookbook.top_entities(store, None, limit=1).truncated
    default = cookbook.top_entities(store, None)
    assert len(default) == min(25, len(everything)) and default.truncated == (len(everything) > 25)
    assert cookbook.top_entities(store, "dataset").rows == cookbook.top_entities(store, "DATASET").rows


def test_top_entities_ranks_agree_with_counting_every_link(store):
    """The load-time rank index answers what counting the links answers, type by type."""
    counted = run_query(store, """
        SELECT ?entity_type ?entity ?name (COUNT(?link) AS ?papers) WHERE {
          ?entity kg:entityType ?entity_type ; skos:prefLabel ?name . ?link kg:linkedEntity ?entity
        } GROUP BY ?entity_type ?entity ?name ORDER BY DESC(?papers) ?entity_type ?name""").rows
    assert len(counted) > 10
    assert cookbook.top_entities(store, None, limit=len(counted)).rows == counted
    for kind in ("MODEL", "DATASET", "METHOD"):
        expected = [row for row in counted if row[0] == kind][:3]
        assert expected and cookbook.top_entities(store, kind, limit=3).rows == expected


def test_a_paper_id_as_tables_show_it_is_accepted():
    from kg.sparql.query import display, paper_id

    assert paper_id(display("kg:63440a16e2feafbf")) == "kg:63440a16e2feafbf"
    assert paper_id(display("2001.04451")) == "2001.04451"
