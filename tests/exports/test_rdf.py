"""Tests for kg.exports.rdf (and its mapping and writers): parse in both engines, SHACL,
determinism, streamed output equal across syntaxes, hostile strings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
import rdflib.compare
from rdflib import Literal, URIRef

import kg
from kg.exports.rdf import (
    DEFAULT_BASE,
    clean_text,
    generate_rdf,
    generate_triples,
    key_iri,
    write_rdf,
)
from kg.graph import build_graph

FIXTURE = Path(__file__).parents[1] / "sparql" / "papers.json"
ONTOLOGY = Path(kg.__file__).parent / "ontology"
KG = rdflib.Namespace("https://w3id.org/kg/ontology#")
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
RDFS = rdflib.Namespace("http://www.w3.org/2000/01/rdf-schema#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}

HOSTILE = ('He said "hi" \\ """triple""" > <script>alert(1)</script>\n\r\t\x00\x07\x1b\x7f \ud800 '
           'end\ufffe \u2028\u2029\x85 \\u0041 {}|^`')


@pytest.fixture(scope="module")
def papers() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph(papers):
    return build_graph(papers)


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "kg.ttl")


def hostile_paper() -> dict:
    return {
        "id": 'evil/"id"> <x',
        "title": HOSTILE,
        "authors": [
            {"name": 'Robert"); DROP TABLE papers;--', "affiliations": [HOSTILE],
             "origin": "paper", "lists": []},
            {"name": "\ud800\u0000", "affiliations": [], "origin": "list",
             "lists": ['lists/a "b">.html']},
        ],
        "abstract": HOSTILE,
        "language": "en",
        "date": "2020-13-45",
        "year": 2020,
        "arxiv_id": None,
        "doi": '10.1/x"y',
        "ids": {"weird scheme": HOSTILE},
        "category": None,
        "venue": "<b>NeurIPS</b>",
        "code_urls": ['https://github.com/a b/"c"><script>', "javascript:alert(1)"],
        "urls": ["http://x.org/\n<y>", "not a url"],
        "claims": [{"owner": HOSTILE, "relation": "author", "file": HOSTILE,
                    "scraped_from": HOSTILE, "manifest": HOSTILE, "note": HOSTILE}],
        "sources": [{"file": HOSTILE, "line": 1, "format": "jsonl"}],
        "entities": [{
            "name": HOSTILE, "type": "MODEL", "key": 'model/a"b> <c/../%20\ud800',
            "aliases": [HOSTILE + "!", "\\"], "ids": {}, "role": "uses", "confidence": 0.5,
            "mentions": [{"start": 0, "end": 3, "text": '"""', "sentence": HOSTILE,
                          "sentence_start": 0, "component": "<c>", "confidence": 0.5}],
        }],
    }


def export(graph, tmp_path: Path, fmt: str = "turtle", **kwargs) -> Path:
    return write_rdf(graph, tmp_path / f"out.{fmt}", format=fmt, **kwargs)


def parse_both(path: Path, fmt: str) -> tuple[rdflib.Graph, pyoxigraph.Store]:
    parsed = rdflib.Graph().parse(path, format=RDFLIB_FORMATS[fmt])
    store = pyoxigraph.Store()
    oxi_format = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
                  "json-ld": pyoxigraph.RdfFormat.JSON_LD}[fmt]
    store.load(path=str(path), format=oxi_format)
    return parsed, store


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_export_parses_in_rdflib_and_pyoxigraph_with_the_same_triples(graph, tmp_path, fmt):
    parsed, store = parse_both(export(graph, tmp_path, fmt), fmt)
    expected = generate_rdf(graph)
    assert set(parsed) == set(expected)
    assert len(store) == len(expected) > 500


def test_export_conforms_to_shapes(graph, tmp_path, shapes, ontology):
    data = rdflib.Graph().parse(export(graph, tmp_path))
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, report


def test_shapes_reject_a_mention_without_sentence_and_a_list_authorship_without_list(
    graph, tmp_path, shapes, ontology
):
    data = rdflib.Graph().parse(export(graph, tmp_path))
    mention = next(data.subjects(RDF.type, KG.Mention))
    data.remove((mention, KG.sentence, None))
    listed = next(a for a in data.subjects(KG.origin, Literal("list")))
    data.remove((listed, PROV.wasDerivedFrom, None))
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    assert not conforms
    focus = set(report.objects(None, SH.focusNode))
    assert {mention, listed} <= focus


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_reexport_is_byte_identical_whatever_the_paper_order(papers, tmp_path, fmt):
    first = write_rdf(build_graph(papers), tmp_path / "a", format=fmt, inputs=["in.jsonl"])
    shuffled = copy.deepcopy(papers[::-1])
    second = write_rdf(build_graph(shuffled), tmp_path / "b", format=fmt, inputs=["in.jsonl"])
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_writing_in_parts_on_several_processes_gives_the_same_bytes(papers, tmp_path, fmt):
    graph = build_graph(papers + [hostile_paper()])
    one = write_rdf(graph, tmp_path / "one", format=fmt, inputs=["in.jsonl"]).read_bytes()
    for processes in (2, 3, 50):
        parts = write_rdf(graph, tmp_path / str(processes), format=fmt, inputs=["in.jsonl"],
                          processes=processes)
        assert parts.read_bytes() == one, processes
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["kg" + parts.suffix] * 4


def test_a_failing_part_fails_the_export_and_leaves_the_old_file(graph, tmp_path, monkeypatch):
    from kg.exports import rdf_mapping

    target = write_rdf(graph, tmp_path)
    before = target.read_bytes()
    last = max(graph.nodes)  # in the last part: mapped by a forked process
    node_blocks = rdf_mapping.RdfMapper.node_blocks

    def failing(self, key, attrs):
        if key == last:
            raise ValueError("a node no writer can map")
        return node_blocks(self, key, attrs)

    monkeypatch.setattr(rdf_mapping.RdfMapper, "node_blocks", failing)
    with pytest.raises(RuntimeError, match="a node no writer can map"):
        write_rdf(graph, tmp_path, processes=2)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_write_rdf_into_a_directory_names_the_file_by_format(graph, tmp_path):
    assert write_rdf(graph, tmp_path).name == "kg.ttl"
    assert write_rdf(graph, tmp_path, format="json-ld").name == "kg.jsonld"
    with pytest.raises(ValueError, match="unknown RDF format"):
        write_rdf(graph, tmp_path, format="rdfxml")


def test_paper_iris_use_the_arxiv_id_and_base_is_configurable(graph):
    default = generate_rdf(graph)
    assert (URIRef(DEFAULT_BASE + "paper/2001.04451"), RDF.type, KG.Paper) in default
    custom = generate_rdf(graph, base="https://example.org/kg/")
    assert (URIRef("https://example.org/kg/paper/2001.04451"), RDF.type, KG.Paper) in custom
    assert not any(str(s).startswith(DEFAULT_BASE) for s in custom.subjects())
    with pytest.raises(ValueError, match="absolute IRI"):
        generate_rdf(graph, base="https://example.org/a b/")


def test_reformer_has_exactly_its_three_creators_with_names(graph):
    rdf = generate_rdf(graph)
    reformer = URIRef(DEFAULT_BASE + "paper/2001.04451")
    names = {str(rdf.value(a, FOAF.name)) for a in rdf.objects(reformer, DCTERMS.creator)}
    assert names == {"Nikita Kitaev", "Łukasz Kaiser", "Anselm Levskaya"}
    assert all((a, RDF.type, FOAF.Person) in rdf for a in rdf.objects(reformer, DCTERMS.creator))


def test_author_spellings_fold_to_one_person_with_the_other_spelling_as_alt_label(graph):
    rdf = generate_rdf(graph)
    kaiser = URIRef(DEFAULT_BASE + "author/lukasz-kaiser")
    assert str(rdf.value(kaiser, FOAF.name)) == "Łukasz Kaiser"
    assert set(rdf.objects(kaiser, SKOS.altLabel)) == {Literal("Lukasz Kaiser")}
    image_transformer = URIRef(DEFAULT_BASE + "authorship/1802.05751-3")
    assert str(rdf.value(image_transformer, RDFS.label)) == "Lukasz Kaiser"


def test_list_only_authorship_is_a_creator_with_its_list_as_provenance(graph):
    rdf = generate_rdf(graph)
    paper = URIRef(DEFAULT_BASE + "paper/2009.03393")
    sutskever = URIRef(DEFAULT_BASE + "author/ilya-sutskever")
    assert (paper, DCTERMS.creator, sutskever) in rdf
    authorship = next(a for a in rdf.objects(paper, KG.authorship)
                      if rdf.value(a, PROV.agent) == sutskever)
    assert rdf.value(authorship, KG.origin) == Literal("list")
    source = rdf.value(authorship, PROV.wasDerivedFrom)
    assert rdf.value(source, KG.path) == Literal("lists/sutskever.html")


def test_link_carries_role_support_confidence_and_evidence(graph):
    rdf = generate_rdf(graph)
    paper = URIRef(DEFAULT_BASE + "paper/2001.04451")
    lsh = URIRef(DEFAULT_BASE + "method/locality-sensitive-hashing")
    assert (paper, KG.uses, lsh) in rdf
    link = next(l for l in rdf.objects(paper, KG.qualifiedLink)
                if rdf.value(l, KG.linkedEntity) == lsh)
    assert rdf.value(link, KG.relation) == KG.uses
    assert rdf.value(link, KG.support).toPython() == 1
    assert rdf.value(link, KG.confidence) == Literal("0.85", datatype=XSD.double)
    mention = rdf.value(link, KG.evidence)
    abstract = str(rdf.value(paper, DCTERMS.abstract))
    start, end = rdf.value(mention, KG.start).toPython(), rdf.value(mention, KG.end).toPython()
    assert abstract[start:end] == str(rdf.value(mention, KG.text)) == "locality-sensitive hashing"
    assert "locality-sensitive hashing" in str(rdf.value(mention, KG.sentence))
    assert str(rdf.value(mention, KG.component)) == "gazetteer"


def test_void_description_counts_the_data_and_names_its_inputs_without_timestamps(graph):
    triples = list(generate_triples(graph, inputs=["seeds.jsonl"]))
    rdf = rdflib.Graph()
    for t in triples:
        rdf.add(t)
    void = URIRef(DEFAULT_BASE + "void")
    data = {t for t in triples if t[0] != void and not str(t[0]).startswith(str(void) + "/")}
    assert rdf.value(void, VOID.triples).toPython() == len(data)
    papers = URIRef(DEFAULT_BASE + "void/Paper")
    assert rdf.value(papers, VOID.entities).toPython() == 7
    source = rdf.value(void, DCTERMS.source)
    assert rdf.value(source, KG.path) == Literal("seeds.jsonl")
    temporal = {XSD.dateTime, XSD.dateTimeStamp, XSD.time}
    assert not [o for o in rdf.objects() if isinstance(o, Literal) and o.datatype in temporal]


def test_key_iri_cannot_be_broken_by_a_key():
    for key in ['model/a"b> <c', "model/..", "author/\ud800\n", "x/{}|^`\\"]:
        iri = key_iri(DEFAULT_BASE, key)
        pyoxigraph.NamedNode(iri)  # raises on an invalid IRI
        assert iri.startswith(DEFAULT_BASE) and "/../" not in iri and not iri.endswith("/..")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_hostile_strings_round_trip_and_cannot_break_iris(papers, tmp_path, fmt, shapes,
                                                          ontology):
    graph = build_graph(papers[:1] + [hostile_paper()])
    path = export(graph, tmp_path, fmt, inputs=[HOSTILE])
    parsed, store = parse_both(path, fmt)
    assert set(parsed) == set(generate_rdf(graph, inputs=[HOSTILE]))
    assert len(store) == len(parsed)
    expected = clean_text(HOSTILE)
    oxi_literals = {q.object.value for q in store if isinstance(q.object, pyoxigraph.Literal)}
    assert expected in oxi_literals and expected + "!" in oxi_literals and "\\" in oxi_literals
    rdflib_literals = {str(o) for o in parsed.objects() if isinstance(o, Literal)}
    assert {expected, '"""', 'Robert"); DROP TABLE papers;--', "\ufffd\x00"} <= rdflib_literals
    for subject in parsed.subjects():
        assert str(subject).startswith((DEFAULT_BASE, "https://w3id.org/kg/ontology"))
        pyoxigraph.NamedNode(str(subject))
    code = [o for o in parsed.objects(None, URIRef("https://schema.org/codeRepository"))]
    assert sorted(str(c) for c in code) == [
        "https://github.com/a%20b/%22c%22%3E%3Cscript%3E", "https://github.com/google/trax"]
    if fmt == "turtle":
        conforms, _, report = pyshacl.validate(parsed, shacl_graph=shapes, ont_graph=ontology)
        assert conforms, report


def test_invalid_date_falls_back_to_the_year():
    graph = build_graph([hostile_paper()])
    rdf = generate_rdf(graph)
    issued = list(rdf.objects(None, DCTERMS.issued))
    assert issued == [Literal("2020", datatype=XSD.gYear)]


def test_streamed_turtle_is_the_graph_rdflib_reads_from_the_ntriples(graph, tmp_path):
    turtle = rdflib.Graph().parse(export(graph, tmp_path, "turtle"), format="turtle")
    ntriples = rdflib.Graph().parse(export(graph, tmp_path, "nt"), format="nt")
    assert len(turtle) == len(ntriples) > 500
    assert rdflib.compare.isomorphic(turtle, ntriples)  # no blank nodes: set equality too
    assert set(turtle) == set(ntriples)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_two_runs_write_byte_identical_files(papers, tmp_path, fmt):
    graph = build_graph(papers[:1] + [hostile_paper()] + papers[1:])
    first = write_rdf(graph, tmp_path / "one", format=fmt, inputs=[HOSTILE]).read_bytes()
    second = write_rdf(build_graph(papers + [hostile_paper()]), tmp_path / "two", format=fmt,
                       inputs=[HOSTILE]).read_bytes()
    assert first == second


def test_each_subject_is_written_once_and_its_statements_sorted(graph, tmp_path):
    lines = export(graph, tmp_path, "nt").read_text(encoding="utf-8").splitlines()
    subjects = [line.split(" ", 1)[0] for line in lines]
    runs = [s for i, s in enumerate(subjects) if i == 0 or s != subjects[i - 1]]
    assert len(runs) == len(set(runs))  # one contiguous run per subject
    for subject in set(runs):
        block = [line for line in lines if line.startswith(subject + " ")]
        assert block == sorted(block)


def test_the_void_counts_match_what_is_written(graph, tmp_path):
    parsed = rdflib.Graph().parse(export(graph, tmp_path, "nt", inputs=["x.jsonl"]), format="nt")
    void = URIRef(DEFAULT_BASE + "void")
    data = {t for t in parsed if t[0] != void and not str(t[0]).startswith(str(void) + "/")}
    assert parsed.value(void, VOID.triples).toPython() == len(data)
    assert parsed.value(void, VOID.distinctSubjects).toPython() == len({t[0] for t in data})


def test_a_writer_refuses_an_unsafe_iri_rather_than_writing_it():
    from kg.exports.rdf_writers import generate_ntriples, generate_turtle

    for writer in (generate_ntriples, generate_turtle):
        with pytest.raises(ValueError, match="not a safe IRI"):
            "".join(writer([("urn:s", [("urn:p", "urn:a> <urn:b")])]))


def test_lone_surrogates_reaching_a_writer_become_replacement_characters():
    from kg.exports.rdf_writers import WRITERS

    for fmt, writer in WRITERS.items():
        text = "".join(writer([(DEFAULT_BASE + "paper/1", [(str(RDFS.label), ("a\ud800b", ""))])]))
        text.encode("utf-8")  # would raise on a surrogate
        assert "a\ufffdb" in text, fmt
