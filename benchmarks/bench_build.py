"""Benchmark: a whole build over the ACL corpus, stage by stage, and the RDF writers beside pyoxigraph.

Run: .venv/bin/python benchmarks/bench_build.py [--corpus GZ] [--limit N] [--extracted JSONL]
                                                [--extraction-cache JSONL] [--out DIR] [--no-compare]

Prints each stage's wall time, CPU time (this process and its reaped workers), peak
resident memory (the kernel's high-water mark, reset before each stage) and the peak of every
process of the run together (summed PSS, sampled every 0.2 s), then the sum of
every stage but extraction, of the stages ``kg build`` adds to ``kg extract`` (the issue's
20 s goal, as its check measures it: the two commands timed side by side), and the peak of
the whole run. ``--extracted`` starts from papers
``kg extract`` already wrote (read, extraction and resolution are then not measured), to
iterate on the export stages. ``--extraction-cache`` keeps what extraction found (each paper's
entities before resolution) in a file: the first run writes it, later runs over the same
papers read it instead of extracting (the extraction row then times that read), so read,
resolution, graph and exports can be measured again and again in a minute. Last, the RDF writers' triples/s beside a bare pyoxigraph
serialisation of the same triples, in the same run: both are fed the same blocks chunk by
chunk, the mapping's time is left out of both, and pyoxigraph's term conversion is shown
apart (goal: ours within 2x of pyoxigraph's serialisation alone).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import os
import pickle
import re
import resource
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

import kg
from kg.pipeline import processes_for
from kg.exports.rdf_mapping import Block, generate_blocks
from kg.exports.rdf_terms import DEFAULT_BASE, prefixes
from kg.exports.rdf_writers import WRITERS

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "acl-2016-2025.jsonl.gz"
CHUNK = 5000  # blocks per comparison chunk


def _peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _tree_pss_mb() -> float:
    """This process's proportional set size plus its descendants' (the extraction workers, the
    RDF writers' forked parts): memory the whole build holds, a shared page counted once."""
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += map(int, (task / "children").read_text().split())
    return total / 1024


class _TreeSampler:
    """Samples :func:`_tree_pss_mb` in a thread every 0.2 s; ``take()`` gives the peak since
    the last take."""

    def __init__(self) -> None:
        self.peak = 0.0
        threading.Thread(target=self._run, daemon=True).start()  # ends with the benchmark

    def _run(self) -> None:
        while True:
            time.sleep(0.2)
            self.peak = max(self.peak, _tree_pss_mb())

    def take(self) -> float:
        peak, self.peak = max(self.peak, _tree_pss_mb()), 0.0
        return peak


class Stages:
    """Times each stage and prints it as a table row."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float, float]] = []
        self.sampler = _TreeSampler()
        print(f"{'stage':<14}{'wall s':>9}{'cpu s':>9}{'peak MB':>10}{'all procs MB':>14}")

    @contextlib.contextmanager
    def stage(self, name: str):
        _reset_peak()
        self.sampler.take()
        wall, cpu = time.perf_counter(), _cpu()
        yield
        row = (name, time.perf_counter() - wall, _cpu() - cpu, _peak_mb(), self.sampler.take())
        self.rows.append(row)
        print(f"{row[0]:<14}{row[1]:>9.2f}{row[2]:>9.2f}{row[3]:>10.0f}{row[4]:>14.0f}", flush=True)


def _chunks(blocks: Iterator[Block]) -> Iterator[list[Block]]:
    while chunk := list(itertools.islice(blocks, CHUNK)):
        yield chunk


def _oxi_term(term):
    if type(term) is str:
        return ox.NamedNode(term)
    lexical, datatype = term
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(lexical)


def compare(graph, inputs: list[str]) -> None:
    """Triples/s of kg's writer and of pyoxigraph's serialiser over the same blocks."""
    print(f"\n{'writer':<26}{'triples':>11}{'s':>8}{'triples/s':>13}")
    for fmt, oxi_format in (("nt", ox.RdfFormat.N_TRIPLES), ("turtle", ox.RdfFormat.TURTLE)):
        mapping = 0.0
        count = 0

        def source() -> Iterator[Block]:
            nonlocal mapping, count
            blocks = generate_blocks(graph, inputs=inputs)
            while True:
                start = time.perf_counter()
                chunk = list(itertools.islice(blocks, CHUNK))
                mapping += time.perf_counter() - start
                if not chunk:
                    return
                count += sum(len(pairs) for _, pairs in chunk)
                yield from chunk

        start = time.perf_counter()
        for text in WRITERS[fmt](source(), base=DEFAULT_BASE):
            text.encode("utf-8")
        ours = time.perf_counter() - start - mapping
        convert = serialise = 0.0
        declared = prefixes(DEFAULT_BASE) if fmt == "turtle" else None
        for chunk in _chunks(generate_blocks(graph, inputs=inputs)):
            start = time.perf_counter()
            triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), _oxi_term(o))
                       for s, pairs in chunk for p, o in pairs]
            middle = time.perf_counter()
            ox.serialize(triples, None, oxi_format, prefixes=declared)
            serialise += time.perf_counter() - middle
            convert += middle - start
        for name, seconds in ((f"kg {fmt}", ours), (f"pyoxigraph {fmt}", serialise),
                              (f"pyoxigraph {fmt} + terms", serialise + convert)):
            print(f"{name:<26}{count:>11,}{seconds:>8.2f}{count / seconds:>13,.0f}")
        print(f"{'ratio kg / pyoxigraph':<26}{'':>11}{'':>8}{serialise / ours:>13.2f}")
    print(f"(the mapping, left out above: {mapping:.2f} s for {count:,} triples)")


def _cached_extraction(path: Path, papers: list[dict]) -> list[list[dict]]:
    """The entities a previous run extracted from the same papers (same ids and abstracts, in
    order); a cache of other papers stops the run rather than being overwritten.

    The file is pickled chunk by chunk as the extraction workers hand their results over, so
    the entities come back sharing what they shared there (dict keys, the string of each
    evidence window): the heap, and the memory the later stages measure, is a real build's.
    """
    found: list[list[dict]] = []
    keys: list[tuple[str, str]] = []
    with open(path, "rb") as handle:
        with contextlib.suppress(EOFError):
            while True:
                chunk_keys, chunk = pickle.load(handle)
                keys += chunk_keys
                found += chunk
    if keys != [(p["id"], p["abstract"][:100_000]) for p in papers]:
        raise SystemExit(f"{path} holds the entities of other papers: remove it or give another file")
    return found


def _write_extraction(path: Path, papers: list[dict], found: list[list[dict]], chunk: int = 256) -> None:
    with open(path, "wb") as handle:
        for start in range(0, len(papers), chunk):
            keys = [(p["id"], p["abstract"][:100_000]) for p in papers[start:start + chunk]]
            pickle.dump((keys, found[start:start + chunk]), handle, protocol=pickle.HIGHEST_PROTOCOL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N corpus records")
    parser.add_argument("--extracted", type=Path, help="start from papers kg extract wrote")
    parser.add_argument("--extraction-cache", type=Path,
                        help="file of extracted entities (pickled): written when missing, read instead of extracting")
    parser.add_argument("--out", type=Path, help="folder for the files (default: a temporary one)")
    parser.add_argument("--no-compare", action="store_true", help="skip the pyoxigraph comparison")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-build-"))
    out.mkdir(parents=True, exist_ok=True)
    stages = Stages()
    if args.extracted:
        with stages.stage("read cached"):
            with open(args.extracted, encoding="utf-8") as handle:
                papers = [json.loads(line) for line in itertools.islice(handle, args.limit)]
        inputs = [str(args.extracted)]
    else:
        source = args.corpus
        if args.limit:
            source = out / "corpus.jsonl"
            with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
                source.write_text("".join(itertools.islice(handle, args.limit)), encoding="utf-8")
        with stages.stage("read"):
            result = kg.read(source)
        from kg.extraction import extract_entities
        from kg.pipeline import _cap_mentions
        from kg.resolution import resolve_entities

        n_process = processes_for(len(result.papers))
        cached = args.extraction_cache is not None and args.extraction_cache.exists()
        with stages.stage("extract cache" if cached else "extraction"):
            found = _cached_extraction(args.extraction_cache, result.papers) if cached else None
            if found is None:
                found = list(extract_entities((p["abstract"][:100_000] for p in result.papers),
                                              n_process=n_process))
                if args.extraction_cache:
                    _write_extraction(args.extraction_cache, result.papers, found)
        with stages.stage("resolution"):
            papers = resolve_entities([dict(p, entities=e) for p, e in zip(result.papers, found)])
            for paper in papers:
                paper["entities"] = [_cap_mentions(e) for e in paper["entities"]]
        del found  # as in kg.extract: once resolved, the extraction's own entity lists go
        inputs = result.inputs
    with stages.stage("graph"):
        graph = kg.build_graph(papers)
    from kg.exports.jsonl import write_jsonl
    from kg.exports.rdf import write_rdf

    with stages.stage("papers.jsonl"):
        write_jsonl(papers, out / "papers.jsonl")
    for fmt, name in (("turtle", "kg.ttl"), ("nt", "kg.nt"), ("json-ld", "kg.jsonld")):
        with stages.stage(name):
            write_rdf(graph, out / name, format=fmt, inputs=inputs, processes=processes_for(len(papers)))
    with stages.stage("page"):
        from kg.exports.html import write_html
        from kg.exports.insights import write_insights
        from kg.exports.page.communities import detect_communities

        communities = detect_communities(graph)
        write_html(graph, out / "graph.html", communities=communities)
        write_insights(graph, out, communities=communities)
    build = [r for r in stages.rows if not r[0].startswith("extract") and r[0] not in ("kg.nt", "kg.jsonld")]
    print(f"{'all but extraction, nt, json-ld':<32}{sum(r[1] for r in build):>8.2f} s wall, "
          f"{sum(r[2] for r in build):.2f} s cpu")
    print(f"{'all but extraction':<32}{sum(r[1] for r in stages.rows if not r[0].startswith('extract')):>8.2f} s wall")
    added = [r for r in stages.rows if r[0] in ("graph", "kg.ttl", "page")]
    print(f"{'what kg build adds to kg extract':<32}{sum(r[1] for r in added):>8.2f} s wall "
          "(graph, kg.ttl, page; the default build)")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {max(r[3] for r in stages.rows):.0f} MB, "
          f"largest worker {children:.0f} MB, all processes together {max(r[4] for r in stages.rows):.0f} MB "
          f"(summed PSS); {graph.number_of_nodes():,} nodes, {len(papers):,} papers")
    print("sizes: " + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in sorted(out.iterdir())
                                if p.suffix in (".jsonl", ".ttl", ".nt", ".jsonld", ".html")))
    if not args.no_compare:
        compare(graph, inputs)


if __name__ == "__main__":
    main()
