"""`kg build --shards N`: kg.nt split by subject into N files bulk loaders take, byte-stable."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest

import kg
from kg.cli import main
from kg.exports.rdf import write_rdf
from kg.exports.shards import MAX_SHARDS, check_shard_count, shard_name, shard_of, write_shards

PAPER = {"title": "Good paper", "abstract": "We introduce GraphNet, a model of knowledge graphs of papers.",
         "authors": ["Ada Lovelace"], "year": 2021}
NAMES = [shard_name(i, 4) for i in range(4)]


@pytest.fixture(scope="module")
def sharded(tmp_path_factory, seeds_dir) -> Path:
    """The seeds built through the library with kg.nt and four shards."""
    out = tmp_path_factory.mktemp("sharded") / "exports"
    kg.build(seeds_dir, out, rdf_formats=("nt",), html=False, shards=4)
    return out


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_the_shards_hold_exactly_the_lines_of_kg_nt_each_in_its_order(sharded):
    assert sorted(p.name for p in (sharded / "shards").iterdir()) == NAMES
    whole = lines(sharded / "kg.nt")
    position = {line: i for i, line in enumerate(whole)}
    union = Counter()
    for name in NAMES:
        part = lines(sharded / "shards" / name)
        assert part, name  # the seeds have subjects enough for every shard
        assert [position[line] for line in part] == sorted(position[line] for line in part), name
        union.update(part)
    assert union == Counter(whole) and len(whole) > 5000


def test_no_subject_is_in_two_shards_and_each_is_where_its_hash_says(sharded):
    seen: dict[str, str] = {}
    for index, name in enumerate(NAMES):
        for line in lines(sharded / "shards" / name):
            subject = line.split(" ", 1)[0]
            assert seen.setdefault(subject, name) == name, subject
            assert shard_of(subject[1:-1], 4) == index
    assert len(seen) > 500


def test_build_json_lists_each_shard_with_its_triples_size_and_sha256(sharded):
    listed = json.loads((sharded / "build.json").read_text(encoding="utf-8"))["files"]
    for name in NAMES:
        entry, data = listed[f"shards/{name}"], (sharded / "shards" / name).read_bytes()
        assert entry == {"format": "nt", "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                         "triples": data.count(b"\n")}
    assert "triples" not in listed["kg.nt"]


def test_the_shards_load_into_oxigraph_as_the_same_triples_as_kg_nt(sharded):
    whole, parts = pyoxigraph.Store(), pyoxigraph.Store()
    whole.bulk_load(path=str(sharded / "kg.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    for name in NAMES:
        parts.bulk_load(path=str(sharded / "shards" / name), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert len(parts) == len(whole) == len(lines(sharded / "kg.nt"))


def test_a_cli_build_of_the_same_seeds_gives_byte_identical_shards(sharded, seeds_dir, tmp_path):
    out = tmp_path / "again"
    assert main(["build", str(seeds_dir), "-o", str(out), "-q", "--no-html", "--rdf", "nt", "--shards", "4"]) == 0
    for name in NAMES:
        assert (out / "shards" / name).read_bytes() == (sharded / "shards" / name).read_bytes(), name
    assert (out / "build.json").read_bytes() == (sharded / "build.json").read_bytes()


@pytest.mark.parametrize("bad", ["0", "-2", "1.5", "many", str(MAX_SHARDS + 1)])
def test_a_shard_count_that_is_not_a_whole_number_from_1_is_a_usage_error(bad, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--shards", bad])
    assert exit_.value.code == 2
    assert "--shards: wants a whole number from 1" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad", [0, -1, True, 2.0, MAX_SHARDS + 1])
def test_the_library_refuses_a_bad_shard_count_before_reading(bad, tmp_path):
    with pytest.raises(ValueError, match="number of shards"):
        kg.build(tmp_path / "nowhere", tmp_path / "out", shards=bad)
    with pytest.raises(ValueError):
        check_shard_count(bad)


@pytest.fixture
def one_paper(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.jsonl").write_text(json.dumps(PAPER) + "\n", encoding="utf-8")
    return folder


def test_more_shards_than_subjects_writes_every_shard_some_empty_without_kg_nt(one_paper, tmp_path):
    out = tmp_path / "exports"
    result = kg.build(one_paper, out, html=False, shards=64)  # turtle only: shards need no --rdf nt
    names = [shard_name(i, 64) for i in range(64)]
    assert sorted(p.name for p in (out / "shards").iterdir()) == names
    assert not (out / "kg.nt").exists() and out / "shards" in result.written
    empty = [n for n in names if not (out / "shards" / n).stat().st_size]
    assert 0 < len(empty) < 64
    store = pyoxigraph.Store()
    for name in names:  # an empty shard is valid N-Triples
        store.bulk_load(path=str(out / "shards" / name), format=pyoxigraph.RdfFormat.N_TRIPLES)
    reference = write_rdf(result.graph, tmp_path / "ref.nt", format="nt", inputs=["p.jsonl"])
    union = Counter(line for n in names for line in lines(out / "shards" / n))
    assert union == Counter(lines(reference)) and len(store) == len(lines(reference))
    listed = json.loads((out / "build.json").read_text(encoding="utf-8"))["files"]
    assert sum(listed[f"shards/{n}"]["triples"] for n in names) == len(lines(reference))


def test_a_later_build_without_shards_drops_the_old_shards(one_paper, tmp_path):
    out = tmp_path / "exports"
    assert main(["build", str(one_paper), "-o", str(out), "-q", "--no-html", "--shards", "2"]) == 0
    assert (out / "shards").is_dir()
    assert main(["build", str(one_paper), "-o", str(out), "-q", "--no-html"]) == 0
    assert not (out / "shards").exists()
    listed = json.loads((out / "build.json").read_text(encoding="utf-8"))["files"]
    assert not any(name.startswith("shards/") for name in listed)


def test_write_shards_replaces_shards_of_another_count_and_keeps_other_files(tmp_path):
    graph = nx.DiGraph()
    for i in range(20):
        graph.add_node(f"paper/{i}", kind="paper", label=f"T{i}", id=str(i))
    (tmp_path / "README").write_text("mine", encoding="utf-8")
    write_shards(graph, tmp_path, 8)
    shards = write_shards(graph, tmp_path, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README"] + [shard_name(i, 3) for i in range(3)]
    assert [s.path.name for s in shards] == [shard_name(i, 3) for i in range(3)]
    assert all(s.triples == len(lines(s.path)) and s.bytes == s.path.stat().st_size for s in shards)


def test_the_shard_of_a_subject_never_changes():
    # Pinned: moving a subject to another shard changes every loader's and diff's view of a build.
    # BLAKE2b-64 of "<iri>", big-endian, modulo 4.
    assert [shard_of(f"https://w3id.org/kg/id/paper/{i}", 4) for i in range(8)] == [0, 1, 3, 0, 3, 0, 3, 2]
    assert shard_of("urn:x", 1) == 0
