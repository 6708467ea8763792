"""Property-based tests of every reader: whatever the text or JSON, a reader yields papers and
problems, never an exception, and every paper it yields is a well-typed record; and of
extraction: whatever the abstract, entities whose mentions point at their own words."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.exports.jsonl import generate_jsonl
from kg.sources import formats
from kg.sources.problems import Problem

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TEXT_FIELDS = ("title", "abstract", "abstract_raw", "language", "id")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20)
paper_keys = st.sampled_from(["title", "abstract", "authors", "doi", "arxiv_id", "ids", "claims", "year", "date",
                              "venue", "paperId", "externalIds", "abstract_inverted_index", "authorships",
                              "locations", "primary_location", "summary", "id"])
paper_like = st.dictionaries(paper_keys, json_values, max_size=8)


def check_items(items):
    for item in items:
        if isinstance(item, Problem):
            assert isinstance(item.line, int) and item.message
            continue
        for name in TEXT_FIELDS:
            assert isinstance(item[name], str) or (name == "title" and item[name] is None)
        assert all(isinstance(a["name"], str) for a in item["authors"])
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in item["ids"].items())
        assert item["doi"] is None or isinstance(item["doi"], str)
        assert len(item["abstract"]) <= 100_000
        line = next(generate_jsonl([item]))  # every record can be written
        assert json.loads(line)["id"] == item["id"]


@SETTINGS
@given(text=st.text(max_size=400), reader=st.sampled_from(formats.FORMATS))
def test_every_reader_survives_any_text(text, reader):
    check_items(list(reader.parse(text, "any.txt")))


@SETTINGS
@given(records=st.lists(paper_like, min_size=1, max_size=4), openalex=st.booleans())
def test_json_reader_survives_any_record_shape(records, openalex):
    if openalex:
        for record in records:
            record["id"] = "https://openalex.org/W" + str(len(record))
    text = "\n".join(json.dumps(r) for r in records)
    check_items(list(formats.get_format("json").parse(text, "any.jsonl")))
    check_items(list(formats.get_format("json").parse("[" + ",".join(json.dumps(r) for r in records) + "]", "a.json")))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_read_survives_any_bytes(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "input.bin").write_bytes(data)
    result = kg.read(folder)
    check_items(result.papers + result.problems)


@SETTINGS
@given(title=st.text(max_size=40), name=st.text(min_size=1, max_size=20))
def test_papers_jsonl_reads_back_what_it_wrote(title, name, tmp_path_factory):
    record = {"title": title, "abstract": "We study knowledge graphs " + title, "authors": [name]}
    folder = tmp_path_factory.mktemp("round")
    (folder / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    first = kg.read(folder).papers
    (folder / "out").mkdir()
    (folder / "out" / "papers.jsonl").write_text("".join(generate_jsonl(first)), encoding="utf-8",
                                                errors="surrogatepass")
    again = kg.read(folder / "out" / "papers.jsonl").papers
    assert [(p["title"], p["abstract"], [a["name"] for a in p["authors"]]) for p in again] == \
           [(p["title"], p["abstract"], [a["name"] for a in p["authors"]]) for p in first]


SURROGATE = re.compile("[\ud800-\udfff]")
# Any character, lone surrogates (JSON's "\\ud800") included, among words the layers react to.
WORDS = ["BERT", "(BERT)", "we propose", "GPT-3.5", "-", ".", " ", "\n", "ImageNet", "\ud800", "\udc80"]
abstract_text = st.lists(st.text(st.characters(codec=None, categories=None), max_size=12) | st.sampled_from(WORDS),
                         max_size=40).map("".join)


@SETTINGS
@given(texts=st.lists(abstract_text, min_size=1, max_size=3))
def test_extraction_survives_any_abstract_and_its_mentions_point_at_their_words(texts):
    from kg.extraction import extract_entities

    for text, entities in zip(texts, extract_entities(texts)):
        for entity in entities:
            assert entity["name"] and entity["type"] in {"MODEL", "DATASET", "METHOD", "TASK", "METRIC"}
            for m in entity["mentions"]:
                assert SURROGATE.sub("\ufffd", text[m["start"]:m["end"]]) == m["text"]  # read as U+FFFD
