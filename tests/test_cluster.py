"""Cluster mode: extraction on a real Dask LocalCluster gives the same graph, byte for byte."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="the cluster extra is not installed (pip install 'kg[cluster]')")

import kg  # noqa: E402
import kg.cluster  # noqa: E402


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    # Worker processes, so tasks and results really cross a process boundary (pickled).
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as connected:
        yield connected


def test_cluster_build_writes_byte_identical_ntriples(client, seeds_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.cluster, "DEFAULT_CHUNK_CHARS", 8_000)  # several chunks from the seeds
    assert len(kg.cluster.chunk_by_size([p["abstract"] for p in kg.read(seeds_dir).papers], 8_000)) > 3
    single = kg.build(seeds_dir, tmp_path / "single", rdf_formats=["nt"], html=False, n_process=1)
    spread = kg.build(seeds_dir, tmp_path / "cluster", rdf_formats=["nt"], html=False, cluster=client)
    assert (tmp_path / "cluster" / "kg.nt").read_bytes() == (tmp_path / "single" / "kg.nt").read_bytes()
    assert (tmp_path / "cluster" / "papers.jsonl").read_bytes() == (tmp_path / "single" / "papers.jsonl").read_bytes()
    assert len(spread.papers) == len(single.papers) == 42


def test_workers_return_plain_entity_dicts_in_input_order(client):
    texts = ["We introduce tsGT, a forecasting model built on Transformers.", "", "We use ImageNet."]
    found = kg.cluster.extract_entities_on_cluster(texts, client, chunk_chars=1)
    assert [[e["name"] for e in ents] for ents in found] == [["tsGT", "Transformer"], [], ["ImageNet"]]
    assert all(type(e) is dict for ents in found for e in ents)


def test_cluster_without_dask_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ValueError, match=r"kg\[cluster\]"):
        kg.cluster.connect("local")


def test_a_text_a_worker_fails_on_is_reported_and_the_others_come_back(monkeypatch):
    from distributed import Client, LocalCluster

    from kg.extraction import components

    original = components.Linker.__call__

    def linker(self, doc):  # an unknown bug on one hostile text
        if "BOOM" in doc.text:
            raise RuntimeError("the linker broke")
        return original(self, doc)

    monkeypatch.setattr(components.Linker, "__call__", linker)
    texts = ["We use ImageNet.", "We use BOOM.", "We use ImageNet."] * 2
    errors = []
    # Threads in this process, so the worker runs the patched linker.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as local:
        found = kg.cluster.extract_entities_on_cluster(texts, local, chunk_chars=40,
                                                       on_error=lambda i, message: errors.append((i, message)))
    assert [[e["name"] for e in ents] for ents in found] == [["ImageNet"], [], ["ImageNet"]] * 2
    assert errors == [(1, "RuntimeError: the linker broke"), (4, "RuntimeError: the linker broke")]
