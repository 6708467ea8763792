"""The library's verbs: read inputs, extract entities, build the graph and its exports.

The command line is a thin skin over these functions; each CLI verb calls one of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.collector import no_full_collections
from kg.graph import build_graph
from kg.records import Paper
from kg.sources import Problem, read
from kg.sources.limits import excerpt

PathLike = str | os.PathLike
DEFAULT_PROFILE = "default"
# Below this many papers, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000
RDF_SUFFIXES = {"turtle": "kg.ttl", "nt": "kg.nt", "json-ld": "kg.jsonld"}
#: Graph-tool files ``build(graph_formats=...)`` writes (see :mod:`kg.graph.tools`).
GRAPH_SUFFIXES = {"graphml": "graph.graphml", "gexf": "graph.gexf"}
#: Characters of an abstract that extraction reads (readers already cut abstracts to 100,000;
#: this guards direct callers: spaCy refuses texts over 1,000,000 characters).
MAX_EXTRACT_CHARS = 100_000
#: Mentions kept as evidence per paper–entity link; ``mention_count`` keeps the total.
MAX_MENTIONS_PER_LINK = 20


def extract(
    papers: Iterable[Paper],
    *,
    profile: str = DEFAULT_PROFILE,
    batch_size: int = 256,
    n_process: int | None = None,
    cluster=None,
    progress=None,
    problems: list[Problem] | None = None,
) -> list[Paper]:
    """Fill each paper's ``entities`` and make entity names consistent across papers.

    Returns new records; the input is not changed. Entities are found in the first
    ``MAX_EXTRACT_CHARS`` characters of each abstract; each entity keeps at most
    ``MAX_MENTIONS_PER_LINK`` mentions, the first ones, and its ``mention_count`` of all. ``n_process=None`` uses every core
    for large inputs (from 2,000 papers) and one process otherwise; the result does not
    depend on it. ``cluster`` (a Dask scheduler address, ``"local"`` or a
    ``distributed.Client``) runs extraction there instead (see :mod:`kg.cluster`);
    resolution stays here, so the result is the same. ``progress`` (a
    :class:`kg.progress.Progress`) reports the extraction and resolution stages. Given
    ``problems``, a paper extraction fails on is kept without entities and reported there
    with its file and line; without it, the error is raised.

    Examples
    --------
    >>> paper = {"id": "x", "abstract": "We train GPT-3 on Common Crawl.", "entities": []}
    >>> names = [e["name"] for e in extract([paper])[0]["entities"]]
    >>> "GPT-3" in names
    True
    """
    from kg.extraction import extract_entities
    from kg.resolution import resolve_entities

    papers = list(papers)
    n_process = processes_for(len(papers), n_process)
    from kg.progress import Progress

    progress = progress or Progress("quiet")
    texts = (p["abstract"][:MAX_EXTRACT_CHARS] for p in papers)
    # the results are millions of small, long-lived containers: see kg.collector
    with progress.stage("extract", total=len(papers)) as advance, no_full_collections():
        on_error = None if problems is None else _report_to(problems, papers)
        if cluster is not None:
            from kg.cluster import extract_entities_on_cluster

            found = extract_entities_on_cluster(texts, cluster, profile=profile, batch_size=batch_size,
                                                progress=advance, on_error=on_error)
        else:
            found = []
            for entities in extract_entities(texts, profile=profile, batch_size=batch_size,
                                             n_process=n_process, on_error=on_error):
                found.append(entities)
                advance(1)
    with progress.stage("resolve"), no_full_collections():
        resolved = resolve_entities([dict(p, entities=entities) for p, entities in zip(papers, found)])
    for paper in resolved:
        for entity in paper["entities"]:
            _cap_mentions(entity)
    return resolved


def _report_to(problems: list[Problem], papers: list[Paper]):
    """An ``on_error`` for extraction that reports the failed paper with its file and line."""
    def failed(index: int, message: str) -> None:
        source = (papers[index].get("sources") or [{}])[0]
        problems.append(Problem(source.get("file", "?"), source.get("line", 0),
                                f"extraction failed ({excerpt(message, 80)[1:-1]}); "
                                "the paper is kept without entities"))
    return failed


def processes_for(papers: int, n_process: int | None = None) -> int:
    """The processes a stage over ``papers`` papers runs on: ``n_process`` when given, else
    every core from :data:`PARALLEL_FROM` papers on and one below (where starting workers
    costs more than it saves)."""
    if n_process is not None:
        return n_process
    return (os.cpu_count() or 1) if papers >= PARALLEL_FROM else 1


def _cap_mentions(entity: dict) -> dict:
    """Cut the entity to its first ``MAX_MENTIONS_PER_LINK`` mentions and add the count of all,
    in place; returns the entity.

    In place because the entities are resolution's own new dicts: a copy of each (and of each
    mention list) would add hundreds of thousands of objects to the heap every later
    garbage collection walks. A list no longer than the cap is kept, not copied.
    """
    mentions = entity.get("mentions", [])
    entity["mentions"] = mentions[:MAX_MENTIONS_PER_LINK] if len(mentions) > MAX_MENTIONS_PER_LINK else mentions
    entity["mention_count"] = len(mentions)
    return entity


@dataclass
class BuildResult:
    """What :func:`build` read and wrote."""

    papers: list[Paper]
    graph: nx.DiGraph
    problems: list[Problem]
    written: list[Path] = field(default_factory=list)


class NothingRead(ValueError):
    """No input gave a paper: the build wrote nothing and left the exports as they were."""

    def __init__(self, problems: list[Problem]):
        super().__init__("no papers could be read; the existing exports are left untouched")
        self.problems = problems


def build(
    paths: PathLike | Sequence[PathLike],
    out_dir: PathLike = "exports",
    *,
    rdf_formats: Sequence[str] = ("turtle",),
    html: bool = True,
    profile: str = DEFAULT_PROFILE,
    format: str | None = None,
    manifest: PathLike | None = None,
    n_process: int | None = None,
    store: PathLike | None = None,
    cluster=None,
    progress=None,
    materialise: bool = True,
    graph_formats: Sequence[str] = (),
    shards: int | None = None,
) -> BuildResult:
    """Read inputs, extract entities and write every export into ``out_dir``, as one set.

    Writes ``papers.jsonl`` (the records with their entities), the RDF files named in
    ``rdf_formats`` (``kg.ttl``, ``kg.nt``, ``kg.jsonld``), ``graph.html`` and
    ``build.json`` (what was written: files with format, size and SHA-256, counts, kg
    version, inputs). The files are written into a fresh folder beside ``out_dir`` and
    swapped in only once all are complete, under a lock that refuses a second build into
    the same folder; the same inputs give byte-identical files. ``store`` names a folder
    to bulk-load the new exports into afterwards (see :func:`kg.sparql.load_store`);
    ``cluster`` runs extraction on a Dask cluster (see :func:`extract`); ``progress`` (a
    :class:`kg.progress.Progress`, default none) reports each stage.

    ``materialise=False`` leaves the ontology's super-classes and super-properties out of the
    RDF (smaller files; plain SPARQL then needs ``rdfs:subPropertyOf*`` paths or a reasoner).
    ``graph_formats`` (``graphml``, ``gexf``) adds ``graph.graphml`` / ``graph.gexf`` for graph
    tools, written by :mod:`kg.graph.tools` into the same set and listed in ``build.json``.
    ``shards=N`` also writes the N-Triples split by subject into ``shards/kg-00000-of-0000N.nt``
    … for triple stores' bulk loaders (see :mod:`kg.exports.shards`), whatever ``rdf_formats``
    says; ``build.json`` lists each shard with its ``triples``.

    Raises
    ------
    NothingRead
        When no input gave a paper (a mistyped path, only bad files): nothing is written.
    kg.exports.export_set.BuildLocked
        When another build is writing ``out_dir``.
    """
    from kg.exports.export_set import ExportSet
    from kg.exports.jsonl import write_jsonl

    unknown = sorted(set(rdf_formats) - set(RDF_SUFFIXES))
    if unknown:
        raise ValueError(f"unknown RDF format {unknown[0]!r}; known: {', '.join(sorted(RDF_SUFFIXES))}")
    unknown = sorted(set(graph_formats) - set(GRAPH_SUFFIXES))
    if unknown:
        raise ValueError(f"unknown graph format {unknown[0]!r}; known: {', '.join(sorted(GRAPH_SUFFIXES))}")
    if shards is not None:
        from kg.exports.shards import check_shard_count

        check_shard_count(shards)
    _check_output(Path(out_dir), paths)
    if store is not None and not rdf_formats:
        raise ValueError("--store needs an RDF export to load (give --rdf)")
    from kg.progress import Progress

    progress = progress or Progress("quiet")
    with progress.stage("read"):
        result = read(paths, format=format, manifest=manifest)
    if not result.papers:
        raise NothingRead(result.problems)
    papers = extract(result.papers, profile=profile, n_process=n_process, cluster=cluster,
                     progress=progress, problems=result.problems)
    with progress.stage("graph"):
        graph = build_graph(papers)
    built = BuildResult(papers, graph, result.problems)
    # the papers and the graph are all that is old now, and the exports leave them as they
    # are: a full collection would walk them and find nothing (see kg.collector)
    with ExportSet(out_dir) as staged, no_full_collections():
        files = {"papers.jsonl": "jsonl"}
        with progress.stage("papers.jsonl"):
            write_jsonl(papers, staged.folder / "papers.jsonl")
        if rdf_formats:
            from kg.exports.rdf import write_rdf

            processes = processes_for(len(papers), n_process)
            for fmt in dict.fromkeys(rdf_formats):
                with progress.stage(RDF_SUFFIXES[fmt]):
                    write_rdf(graph, staged.folder / RDF_SUFFIXES[fmt], format=fmt, inputs=result.inputs,
                              materialise=materialise, processes=processes)
                files[RDF_SUFFIXES[fmt]] = fmt
        details: dict[str, dict] = {}
        if shards is not None:
            from kg.exports.shards import SHARD_FOLDER, write_shards

            with progress.stage(SHARD_FOLDER):
                made = write_shards(graph, staged.folder / SHARD_FOLDER, shards, inputs=result.inputs,
                                    materialise=materialise)
            for shard in made:
                name = f"{SHARD_FOLDER}/{shard.path.name}"
                files[name] = "nt"
                details[name] = {"triples": shard.triples}
        for fmt in dict.fromkeys(graph_formats):
            from kg.graph import tools

            with progress.stage(GRAPH_SUFFIXES[fmt]):
                getattr(tools, f"write_{fmt}")(graph, staged.folder / GRAPH_SUFFIXES[fmt])
            files[GRAPH_SUFFIXES[fmt]] = fmt
        if html:
            from kg.exports.html import write_html

            from kg.exports.insights import INSIGHTS_FILES, write_insights
            from kg.exports.page.communities import detect_communities

            with progress.stage("graph.html"):
                communities = detect_communities(graph)  # one grouping for both pages
                write_html(graph, staged.folder / "graph.html", communities=communities)
            files["graph.html"] = "html"
            with progress.stage("insights"):
                write_insights(graph, staged.folder, communities=communities)
            files.update((name, name.rsplit(".", 1)[1]) for name in INSIGHTS_FILES)
        counts = {"papers": len(papers), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                  "entities": sum(1 for _, kind in graph.nodes(data="kind") if kind == "entity"),
                  "problems": len(result.problems)}
        with progress.stage("build.json"):  # hashes every file written
            manifest_path = staged.commit(counts, files, inputs=result.inputs, details=details)
        if store is not None:  # still under the lock: no other build swaps these exports
            from kg.sparql.store import load_store

            with progress.stage("store"):
                load_store(staged.target, store)
    # The shards folder stands for its files (build.json lists each one).
    built.written = [staged.target / name for name in dict.fromkeys(n.split("/", 1)[0] for n in files)]
    built.written += [manifest_path]
    built.written += [Path(store)] if store is not None else []
    return built


def _check_output(out: Path, paths) -> None:
    """Refuse an output folder the swap would move away: one holding the inputs or the cwd."""
    target = out.resolve()
    inputs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    for inside in [Path.cwd(), *map(Path, inputs)]:
        if inside.resolve().is_relative_to(target):
            raise ValueError(f"cannot write exports into {out}: it holds {inside}; "
                             "give the exports a folder of their own (-o exports/)")
