"""Write one RDF document on several processes: each maps and renders a part of the nodes.

Why: on a corpus, mapping the graph to statements and rendering them is the longest stage of
a build after extraction (about 15 s of one core for the 7.5 million triples of the ACL
corpus), and it is one pass over independent subjects. The sorted node keys are cut into
contiguous parts of about equal work; a forked child maps and renders each part but the
first into a file of its own while this process does the first, then the parts are joined
in order and the closing blocks (sources, VoID), counted over every part, end the document.
The bytes are those of the one-process writer whatever the number of parts.

A forked child shares the graph with this process, page by page, until it touches it; it
runs without the cyclic collector, so it copies only the pages whose reference counts it
changes. Where ``fork`` is not available the document is written in one part.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from kg.collector import no_full_collections
from kg.exports.rdf_mapping import RdfMapper, generate_blocks
from kg.exports.rdf_writers import Syntax

#: Bytes read at a time when a child's part is copied into the document.
_COPY_PIECE = 1 << 20


def split_keys(graph: nx.DiGraph, parts: int) -> list[list[str]]:
    """The sorted node keys cut into at most ``parts`` contiguous runs of about equal work.

    A node's work is taken as one block for itself and, for each out-edge, one more plus one
    per mention the edge holds as evidence: a paper's qualified links and their mentions are
    most of an export, and each is a block of about the same size.

    Examples
    --------
    >>> g = nx.DiGraph([("paper/1", "entity/a"), ("paper/1", "entity/b"), ("paper/2", "entity/a")])
    >>> split_keys(g, 2)
    [['entity/a', 'entity/b', 'paper/1'], ['paper/2']]
    """
    keys = sorted(graph.nodes)
    parts = max(1, min(parts, len(keys)))
    succ = graph.succ
    work = [1 + sum(1 + len(edge.get("evidence") or ()) for edge in succ[key].values()) for key in keys]
    total = sum(work)
    runs: list[list[str]] = [[] for _ in range(parts)]
    done = 0
    for key, cost in zip(keys, work):
        runs[min(parts - 1, done * parts // total)].append(key)
        done += cost
    return [run for run in runs if run]


def generate_in_parts(
    graph: nx.DiGraph, syntax: Syntax, folder: Path, *, base: str, inputs: list[str],
    materialise: bool, processes: int,
) -> Iterator[str | bytes]:
    """The document's text in chunks, the parts after the first made by forked children.

    The children's files are written in ``folder`` and removed once joined (or on an error,
    when every child still running is stopped). A child that fails raises here with its
    traceback.
    """
    runs = split_keys(graph, processes) if "fork" in multiprocessing.get_all_start_methods() else []
    if len(runs) < 2:
        yield from syntax.document(generate_blocks(graph, base=base, inputs=inputs,
                                                   materialise=materialise), base)
        return
    context = multiprocessing.get_context("fork")
    children = []
    # A full collection while the children run would write into every object's header, and
    # so copy every page this process still shares with them.
    with no_full_collections():
        try:
            for number, keys in enumerate(runs[1:], start=1):
                path = folder / f".part-{os.getpid()}-{number}.tmp"
                receive, send = context.Pipe(duplex=False)
                child = context.Process(target=_write_part, daemon=True,
                                        args=(graph, keys, syntax, path, base, materialise, send))
                child.start()
                send.close()
                children.append((child, receive, path))
            mapper = RdfMapper(graph, base, materialise)
            # lazy: the closing blocks are made only once every part is counted in
            yield from syntax.joined([syntax.body(mapper.data_blocks(runs[0]), base),
                                      *(_joined_part(mapper, *child) for child in children),
                                      syntax.body(mapper.closing_blocks(inputs), base)], base)
        finally:
            for child, receive, path in children:
                if child.is_alive():
                    child.terminate()
                child.join()
                receive.close()
                path.unlink(missing_ok=True)


def _joined_part(mapper: RdfMapper, child, receive, path: Path) -> Iterator[bytes]:
    """A child's part read back, once the child is done and its tally counted into ``mapper``."""
    mapper.absorb(_result(child, receive))
    with open(path, "rb") as part:
        while piece := part.read(_COPY_PIECE):
            yield piece


def _write_part(graph, keys, syntax, path, base, materialise, send) -> None:
    """In a forked child: render the blocks of ``keys`` into ``path``, send back the tally."""
    gc.disable()  # a short life: a collection would only copy the shared pages it walks
    try:
        mapper = RdfMapper(graph, base, materialise)
        with open(path, "wb", buffering=_COPY_PIECE) as handle:
            for text in syntax.body(mapper.data_blocks(keys), base):
                handle.write(text.encode("utf-8"))
        send.send(("done", mapper.tally()))
    except BaseException:
        send.send(("failed", traceback.format_exc()))
    finally:
        send.close()


def _result(child, receive):
    try:
        status, value = receive.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"an RDF writer process died (exit code {child.exitcode})") from None
    if status != "done":
        raise RuntimeError(f"an RDF writer process failed:\n{value}")
    return value
