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


def test_malformed_sparql_is_one_readable_line(tmp_path, capsys):
    (tmp_path / "kg.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert main(["query", str(tmp_path), "SELECT ?x WHERE {\n ?x foo:bar ?y }"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 2, column" in err and "prefix" in err


def test_extract_to_dash_writes_standard_output(tmp_path, seeds_dir, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["extract", str(seeds_dir), "-o", "-", "--no-entities"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [p["id"] for p in kg.read(seeds_dir).papers]
    assert not (tmp_path / "-").exists()


def test_unwritable_output_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    import kg.sources

    def read(*args, **kwargs):
        raise AssertionError("read before the output was checked")

    monkeypatch.setattr(kg.sources, "read", read)
    monkeypatch.setattr("kg.pipeline.read", read)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(blocker / "exports")]) == 2
    assert main(["extract", str(tmp_path), "-o", str(blocker / "p.jsonl")]) == 2
    assert capsys.readouterr().err.count("is not a folder") == 2


def test_build_writes_graphml_and_gexf_listed_in_the_manifest(tmp_path, seeds_dir):
    import networkx as nx

    out = tmp_path / "exports"
    assert main(["build", str(seeds_dir), "-o", str(out), "-q", "--no-html",
                 "--graph", "graphml", "--graph", "gexf"]) == 0
    listed = json.loads((out / "build.json").read_text(encoding="utf-8"))["files"]
    assert listed["graph.graphml"]["format"] == "graphml" and listed["graph.gexf"]["format"] == "gexf"
    graph = nx.read_graphml(out / "graph.graphml")
    assert nx.read_gexf(out / "graph.gexf").number_of_nodes() == graph.number_of_nodes()
    assert "dataset/imagenet" in graph


def test_query_table_shows_paper_ids_and_notes_cut_rows(tmp_path, seeds_dir, capsys):
    out = tmp_path / "exports"
    assert main(["build", str(seeds_dir), "-o", str(out), "-q", "--no-html"]) == 0
    capsys.readouterr()
    assert main(["query", str(out), "--name", "papers_mentioning", "--param", "entity=imagenet"]) == 0
    table = capsys.readouterr().out
    assert "paper:63440a16e2feafbf" in table and "kg:63440a16e2feafbf" not in table
    assert main(["query", str(out), "--name", "top_entities"]) == 0
    captured = capsys.readouterr()
    assert "(25 rows)" in captured.out and "--limit" in captured.err
    assert main(["query", str(out), "--name", "models_introduced_by",
                 "--param", "paper=paper:63440a16e2feafbf", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_the_kg_command_exits_with_the_status_of_the_run(tmp_path):
    # `python -m kg` goes through kg.cli.run, which freezes the heap before exiting
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "kg: error:" in done.stderr
    assert not (tmp_path / "out").exists()
