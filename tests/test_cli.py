"""The command line is a thin skin over the library: same results, clean errors."""

from __future__ import annotations

import json
import subprocess
import sys

import kg
from kg.cli import main


def test_python_dash_m_kg_extract_matches_the_library(tmp_path, seeds_dir):
    out = tmp_path / "papers.jsonl"
    done = subprocess.run([sys.executable, "-m", "kg", "extract", str(seeds_dir), "-o", str(out),
                           "--no-entities"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in written] == [p["id"] for p in kg.read(seeds_dir).papers]
    assert "42 papers" in done.stderr


def test_written_records_read_back_as_the_same_papers(tmp_path, seeds_dir):
    out = tmp_path / "papers.jsonl"
    assert main(["extract", str(seeds_dir), "-o", str(out), "--no-entities"]) == 0
    again = kg.read(out)
    original = kg.read(seeds_dir).papers
    assert [(p["id"], p["title"], p["abstract"], p["authors"], p["claims"]) for p in again.papers] == \
           [(p["id"], p["title"], p["abstract"], p["authors"], p["claims"]) for p in original]


def test_unknown_format_name_is_a_usage_error(tmp_path, capsys):
    try:
        main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--format", "pdf"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_formats_lists_every_reader(capsys):
    assert main(["formats"]) == 0
    listed = capsys.readouterr().out
    for name in ("arxiv-atom", "json", "arxiv-listing", "publication-page", "translated-list", "abstract-list"):
        assert name in listed


def test_parallel_extraction_gives_the_same_records(tmp_path, seeds_dir):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(seeds_dir), "-o", str(one), "--processes", "1"]) == 0
    assert main(["extract", str(seeds_dir), "-o", str(two), "--processes", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert sum(len(json.loads(line)["entities"]) for line in one.read_text(encoding="utf-8").splitlines()) > 100


def test_query_errors_are_clean_usage_errors(tmp_path, capsys):
    (tmp_path / "kg.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert main(["query", str(tmp_path), "SELEC ?x WHERE {}"]) == 2
    assert main(["query", str(tmp_path), "--name", "no_such_query"]) == 2
    err = capsys.readouterr().err
    assert "kg: error:" in err and "no query named 'no_such_query'" in err and "Traceback" not in err


def test_query_answers_from_the_exports(tmp_path, capsys):
    (tmp_path / "kg.ttl").write_text('<urn:p> <http://purl.org/dc/terms/title> "A title" .\n', encoding="utf-8")
    assert main(["query", str(tmp_path), "SELECT ?t WHERE { <urn:p> dcterms:title ?t }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["t", "A title"]


def test_load_then_query_a_store_answers_like_the_exports(tmp_path, capsys):
    from pathlib import Path

    from kg.exports.rdf import write_rdf
    from kg.graph import build_graph

    papers = json.loads((Path(__file__).parent / "sparql" / "papers.json").read_text(encoding="utf-8"))
    write_rdf(build_graph(papers), tmp_path / "exports")
    assert main(["load", str(tmp_path / "exports"), "--store", str(tmp_path / "store")]) == 0
    capsys.readouterr()
    count = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }"
    for source in ("exports", "store"):
        assert main(["query", str(tmp_path / source), count, "--format", "csv"]) == 0
        assert capsys.readouterr().out.splitlines() == ["n", "7"]
    assert main(["load", str(tmp_path / "nothing"), "--store", str(tmp_path / "s2")]) == 2
