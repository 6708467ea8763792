"""Hostile inputs beside good records: every good record comes out, each bad one is named with its
line, reports quote nothing, memory stays bounded, the Turtle parses and nothing runs in the page."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

import kg
from kg.sources.text import clean_text
from tests.hostile.generator import PAYLOAD, SECRET, hostile_cases, write_cases

CASES = hostile_cases(seed=9)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_cases(folder, CASES)
    return folder


@pytest.fixture(scope="module")
def hostile_read(hostile_dir):
    return kg.read(hostile_dir)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_good_record_comes_out_and_the_bad_one_is_named_with_its_line(case, hostile_read):
    titles = {p["title"] for p in hostile_read.papers}
    assert {clean_text(t) for t in case.good} <= titles  # titles are cleaned: white space folded
    reported = {p.line for p in hostile_read.problems if p.file == case.name}
    if case.bad_line is None:
        assert not reported
    else:
        assert case.bad_line in reported


def test_reports_are_short_and_never_echo_a_file(hostile_read):
    for problem in hostile_read.problems:
        assert SECRET not in problem.message and PAYLOAD not in problem.message
        assert len(problem.message) < 300 and problem.message.isprintable()


def test_cr_only_listing_and_long_prologue_atom_are_read(hostile_read):
    by_file = {s["file"] for p in hostile_read.papers for s in p["sources"]}
    assert {"listing-cr.txt", "atom-long-dtd.xml", "page-runs.txt"} <= by_file


def test_distinct_dois_stay_distinct_and_an_empty_suffix_is_no_doi(hostile_read):
    dois = sorted(p["doi"] for p in hostile_read.papers if p["sources"][0]["file"] == "identity.jsonl" and p["doi"])
    assert dois == ["10.1234/-->", "10.1234/<>"]
    graph = kg.build_graph(hostile_read.papers)
    papers = [n for n, kind in graph.nodes(data="kind") if kind == "paper"]
    assert len(papers) == len(hostile_read.papers)


@pytest.fixture(scope="module")
def hostile_build(hostile_dir, tmp_path_factory):
    """``kg build seeds hostile/`` in a child process, with the child's peak memory."""
    out = tmp_path_factory.mktemp("build") / "exports"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), str(hostile_dir), "-o", str(out)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return run, out, max(peak_kib, before)


def test_build_beside_the_seeds_keeps_every_seed_paper_in_bounded_memory(hostile_build, seed_papers):
    run, out, peak_kib = hostile_build
    assert run.returncode == 1, run.stderr[-2000:]
    assert "huge-abstract.jsonl:2: abstract" in run.stderr and "bomb.jsonl.gz" in run.stderr
    assert peak_kib < 2 * 2**20, f"peak {peak_kib} KiB"
    written = {json.loads(line)["id"] for line in (out / "papers.jsonl").read_text(encoding="utf-8").split("\n") if line}
    assert {p["id"] for p in seed_papers.papers} <= written
    assert (out / "kg.ttl").stat().st_size < 20 * 2**20


def test_build_output_parses_reads_back_and_runs_nothing(hostile_build):
    run, out, _ = hostile_build
    store = pyoxigraph.Store()
    store.load((out / "kg.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
    papers = len(list(store.quads_for_pattern(None, pyoxigraph.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), pyoxigraph.NamedNode(
        "https://w3id.org/kg/ontology#Paper"))))
    again = kg.read(out / "papers.jsonl")
    assert again.problems == [] and len(again.papers) == papers > 42
    written = [json.loads(line) for line in (out / "papers.jsonl").read_text(encoding="utf-8").split("\n") if line]
    assert sorted(p["title"] or "" for p in again.papers) == sorted(p["title"] or "" for p in written)
    assert any("\ud800" in (p["title"] or "") for p in again.papers)  # a lone surrogate round-trips
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert PAYLOAD not in html and "<img" not in html  # only as escaped JSON text (\\u003cimg …)
    for entity in (e for p in written for e in p["entities"]):
        assert len(entity["mentions"]) <= 20 and entity["mention_count"] >= len(entity["mentions"])
        assert all(len(m["sentence"]) <= 300 + len(m["text"]) + 80 for m in entity["mentions"])
