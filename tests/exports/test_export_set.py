"""Exports are one set: staged, swapped in whole, locked, listed in build.json, never lost to a failed build."""

from __future__ import annotations

import json
import os

import pytest

from kg.cli import main
from kg.exports.export_set import BuildLocked, ExportSet
from kg.sparql.store import find_export

PAPER = {"title": "Good paper", "abstract": "We introduce GraphNet, a model of knowledge graphs of papers.",
         "authors": ["Ada Lovelace"], "year": 2021}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.jsonl").write_text(json.dumps(PAPER) + "\n", encoding="utf-8")
    return folder


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_build_lists_what_it_wrote_in_build_json(inputs, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(inputs), "-o", str(out), "--rdf", "nt", "--no-html"]) == 0
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == ["kg.nt", "papers.jsonl"] == sorted(set(os.listdir(out)) - {"build.json"})
    assert manifest["files"]["kg.nt"]["format"] == "nt" and manifest["counts"]["papers"] == 1
    assert manifest["inputs"] == ["p.jsonl"] and manifest["kg_version"]
    assert manifest["files"]["kg.nt"]["bytes"] == (out / "kg.nt").stat().st_size


def test_query_reads_the_rdf_the_last_build_listed_not_a_stale_turtle(inputs, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(inputs), "-o", str(out), "--no-html"]) == 0
    stale = (out / "kg.ttl").read_bytes()
    assert main(["build", str(inputs), "-o", str(out), "--rdf", "nt", "--no-html"]) == 0
    assert not (out / "kg.ttl").exists() and find_export(out) == out / "kg.nt"
    (out / "kg.ttl").write_bytes(stale)  # a copy left by hand still is not what the build wrote
    assert find_export(out) == out / "kg.nt"


@pytest.mark.parametrize("bad", ["typo", "only-bad"])
def test_a_build_that_reads_no_paper_leaves_the_exports_untouched_and_exits_2(inputs, tmp_path, bad, capsys):
    out = tmp_path / "exports"
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    before = snapshot(out)
    if bad == "typo":
        source = tmp_path / "inputz"
    else:
        source = tmp_path / "bad"
        source.mkdir()
        (source / "x.jsonl").write_text("{oops\n", encoding="utf-8")
    assert main(["build", str(source), "-o", str(out)]) == 2
    assert snapshot(out) == before
    err = capsys.readouterr().err
    assert "left untouched" in err and ("inputz" in err or "x.jsonl:1" in err)


def test_a_second_build_into_the_same_folder_is_refused(inputs, tmp_path, capsys):
    out = tmp_path / "exports"
    with ExportSet(out):
        assert main(["build", str(inputs), "-o", str(out)]) == 2
        assert "another kg build is writing" in capsys.readouterr().err
        with pytest.raises(BuildLocked):
            ExportSet(out).__enter__()
    assert main(["build", str(inputs), "-o", str(out)]) == 0


def test_leftovers_of_a_killed_build_are_cleaned_and_a_half_swap_is_undone(inputs, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    before = snapshot(out)
    (tmp_path / ".exports.build-dead").mkdir()  # killed while writing
    (tmp_path / ".exports.build-dead" / "kg.ttl").write_text("half", encoding="utf-8")
    os.rename(out, tmp_path / ".exports.old-dead")  # killed between the two renames of a swap
    with ExportSet(out):
        assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".exports.lock", "exports", "in"]


def test_a_users_own_files_in_the_export_folder_stay(inputs, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    assert main(["build", str(inputs), "-o", str(out)]) == 0
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"


def test_an_output_folder_holding_the_inputs_is_refused(inputs, capsys):
    assert main(["build", str(inputs), "-o", str(inputs.parent)]) == 2
    assert "a folder of their own" in capsys.readouterr().err
    assert (inputs / "p.jsonl").exists()
