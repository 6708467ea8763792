"""The ``kg`` command line: each verb parses options and calls one library function.

Exit status: 0 when every input was read; 1 when some input was reported and skipped
(every good record is still in the output); 2 for a usage error or when nothing could
be read at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kg.pipeline import DEFAULT_PROFILE, GRAPH_SUFFIXES, RDF_SUFFIXES
from kg.sources import Problem, format_names

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run() -> None:
    """The ``kg`` command: :func:`main` on the process's arguments, then exit with its status."""
    status = main()
    from kg.collector import spare_exit_collection

    spare_exit_collection()
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    from kg.exports.export_set import BuildLocked
    from kg.pipeline import NothingRead

    try:
        return args.run(args)
    except NothingRead as error:
        for problem in error.problems:
            print(f"kg: skipped {problem}", file=sys.stderr)
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildLocked as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, KeyError, OSError, SyntaxError) as error:
        # Bad arguments, a missing file, an unknown query name or SPARQL that does not parse.
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"kg: error: {message}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph of machine-learning papers from their abstracts.",
        epilog="example: kg build seeds -o exports/")
    verbs = parser.add_subparsers(title="verbs")

    extract = verbs.add_parser("extract", help="read papers and write them with their entities as JSON Lines",
                               epilog="example: kg extract seeds -o papers.jsonl")
    _input_options(extract)
    extract.add_argument("-o", "--output", required=True, help="JSON Lines file to write ('-': standard output)")
    extract.add_argument("--no-entities", action="store_true", help="only read: skip entity extraction")
    extract.set_defaults(run=_run_extract)

    build = verbs.add_parser("build", help="build the graph and write its exports",
                             epilog="example: kg build seeds -o exports/ --rdf turtle --rdf nt")
    _input_options(build)
    build.add_argument("-o", "--output", default="exports", help="folder to write (default: exports)")
    build.add_argument("--rdf", action="append", choices=sorted(RDF_SUFFIXES),
                       help="RDF serialisation to write, repeatable (default: turtle)")
    build.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build.add_argument("--no-entailments", action="store_true",
                       help="leave the ontology's super-classes and super-properties out of the RDF "
                            "(about a quarter smaller; plain SPARQL then needs rdfs:subPropertyOf* paths)")
    build.add_argument("--graph", action="append", choices=sorted(GRAPH_SUFFIXES),
                       help="also write the networkx graph for graph tools, repeatable "
                            "(graph.graphml for Cytoscape/yEd, graph.gexf for Gephi)")
    build.add_argument("--shards", type=_shard_count, metavar="N",
                       help="also write the N-Triples split by subject into N files, "
                            "shards/kg-00000-of-0000N.nt ..., for triple stores' bulk loaders")
    build.add_argument("--store", help="also bulk-load the exports into this on-disk store folder")
    build.add_argument("-q", "--quiet", action="store_true",
                       help="no progress on stderr (default: bars on a terminal, plain lines otherwise)")
    build.add_argument("--cluster", metavar="ADDRESS",
                       help="run extraction on a Dask cluster: a scheduler address, or 'local' (needs kg[cluster])")
    build.set_defaults(run=_run_build)

    query = verbs.add_parser("query", help="run SPARQL over the exports",
                             epilog="example: kg query exports --name papers_using_dataset --param dataset=ImageNet")
    query.add_argument("exports", help="an exported RDF file, an export folder (the RDF file its build.json "
                       "lists) or a store written by kg load")
    query.add_argument("sparql", nargs="?", help="a SPARQL query (or use --name / --file)")
    query.add_argument("-n", "--name", help="a cookbook query from ontology/queries (see --list)")
    query.add_argument("-f", "--file", help="a file holding a SPARQL query")
    query.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind a query variable, repeatable")
    query.add_argument("--limit", type=int,
                       help="at most this many rows (0: all; default: all, or the cookbook query's own, "
                            "25 for top_entities); a note on stderr says when rows were cut")
    query.add_argument("--format", dest="output_format", choices=["table", "csv", "json"], default="table")
    query.add_argument("--list", action="store_true", help="list the cookbook queries and their parameters, and exit")
    query.set_defaults(run=_run_query)

    load = verbs.add_parser("load", help="bulk-load an export into an on-disk store for fast queries",
                            epilog="example: kg load exports/ --store store/ && kg query store/ --list")
    load.add_argument("exports", help="an exported RDF file or an export folder")
    load.add_argument("--store", required=True, help="store folder to write (replaced whole when complete)")
    load.set_defaults(run=_run_load)

    serve = verbs.add_parser("serve", help="a read-only SPARQL 1.1 endpoint (and query page) over exports or a store",
                             epilog="example: kg serve exports/ --port 7878")
    serve.add_argument("source", help="an export folder or RDF file (loaded into a temporary store), or a store")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s, this machine only)")
    serve.add_argument("--port", type=int, default=7878, help="port (default: %(default)s; 0 picks a free one)")
    serve.add_argument("--workers", type=int, default=2, help="query worker processes (default: %(default)s)")
    serve.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: %(default)s)")
    serve.add_argument("--max-bytes", type=int, default=64 * 1024 * 1024,
                       help="largest result sent, in bytes (default: %(default)s)")
    serve.set_defaults(run=_run_serve)

    formats = verbs.add_parser("formats", help="list the input formats kg recognises")
    formats.set_defaults(run=_run_formats)
    return parser


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", help="files or folders of papers")
    parser.add_argument("--format", choices=format_names(), help="read every input as this format")
    parser.add_argument("--manifest", help="sources manifest (default: sources.toml beside the inputs)")
    parser.add_argument("--profile", default=DEFAULT_PROFILE, help="extraction profile (default: %(default)s)")
    parser.add_argument("--processes", type=int, dest="n_process",
                        help="processes for extraction and the RDF writers (default: every core "
                             "from 2,000 papers); the output does not depend on it")


def _report(problems: list[Problem], papers: int) -> int:
    for problem in problems:
        print(f"kg: skipped {problem}", file=sys.stderr)
    if not papers:
        print("kg: error: no papers could be read", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_PROBLEMS if problems else EXIT_OK


def _run_extract(args: argparse.Namespace) -> int:
    from kg.exports.jsonl import write_jsonl
    from kg.pipeline import extract
    from kg.sources import read

    to_stdout = args.output == "-"
    if not to_stdout:
        _check_writable(args.output)
    result = read(args.inputs, format=args.format, manifest=args.manifest)
    if not result.papers:  # leave an existing output as it was
        return _report(result.problems, 0)
    papers = result.papers if args.no_entities else extract(result.papers, profile=args.profile,
                                                             n_process=args.n_process, problems=result.problems)
    if to_stdout:
        from kg.exports.jsonl import generate_jsonl

        sys.stdout.writelines(generate_jsonl(papers))
        sys.stdout.flush()
    else:
        write_jsonl(papers, args.output)
    print(f"kg: {len(papers)} papers → {'standard output' if to_stdout else args.output}", file=sys.stderr)
    return _report(result.problems, len(papers))


def _run_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build
    from kg.progress import auto_progress

    _check_writable(args.output)
    result = build(args.inputs, args.output, rdf_formats=args.rdf or ["turtle"], html=not args.no_html,
                   graph_formats=args.graph or (),
                   profile=args.profile, format=args.format, manifest=args.manifest,
                   n_process=args.n_process, store=args.store, cluster=args.cluster,
                   progress=auto_progress(args.quiet),
                   materialise=not args.no_entailments, shards=args.shards)
    entities = sum(1 for _, kind in result.graph.nodes(data="kind") if kind == "entity")
    print(f"kg: {len(result.papers)} papers, {entities} entities, {result.graph.number_of_nodes()} nodes, "
          f"{result.graph.number_of_edges()} edges → " + ", ".join(str(p) for p in result.written),
          file=sys.stderr)
    return _report(result.problems, len(result.papers))


def _run_query(args: argparse.Namespace) -> int:
    from kg import sparql

    if args.list:
        for query in sparql.list_queries():
            params = " ".join(f"--param {p}=…" for p in query.params)
            print(f"{query.name}\t{params or '(no parameters)'}\t{query.description}")
        return EXIT_OK
    params = dict(_split_param(p) for p in args.param)
    store = sparql.open_store(args.exports)
    limit = None if args.limit == 0 else args.limit
    if args.name:
        # --limit 0 asks for every row, past the cookbook query's own default limit too.
        limit = 1 << 62 if args.limit == 0 else limit
        result = sparql.run_named_query(store, args.name, limit=limit, **params)
    else:
        text = open(args.file, encoding="utf-8").read() if args.file else args.sparql
        if not text:
            raise ValueError("give a SPARQL query, --file or --name")
        own = sparql.parse_named_query(text, args.file or "query")
        if own.params:  # a file with cookbook headers: its parameters convert as declared
            result = sparql.run_cookbook_query(store, own, limit=limit, **params)
        else:
            result = sparql.run_query(store, text, params, limit=limit)
    print(sparql.format_result(result, args.output_format), end="")
    if result.truncated:
        print(f"kg: showing the first {len(result.rows)} rows; more matched (--limit N for more, "
              "--limit 0 for all)", file=sys.stderr)
    return EXIT_OK


def _run_load(args: argparse.Namespace) -> int:
    from kg.sparql import load_store

    info = load_store(args.exports, args.store)
    print(f"kg: {info['triples']:,} triples from {info['export']} → {args.store}", file=sys.stderr)
    return EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from kg.sparql.server import ENDPOINTS, Endpoint

    endpoint = Endpoint(args.source, host=args.host, port=args.port, workers=args.workers,
                        timeout=args.timeout, max_bytes=args.max_bytes,
                        log=lambda line: print(f"kg: {line}", file=sys.stderr, flush=True))
    print(f"kg: SPARQL endpoint at {endpoint.url}{ENDPOINTS[0]} (also {ENDPOINTS[1]}); "
          f"query page at {endpoint.url}/  (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.close()
    return EXIT_OK


def _shard_count(text: str) -> int:
    """``--shards``: a whole number from 1 up, refused by argparse (exit 2) otherwise."""
    from kg.exports.shards import MAX_SHARDS, check_shard_count

    try:
        return check_shard_count(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants a whole number from 1 to {MAX_SHARDS}, got {text!r}") from None


def _check_writable(output: str) -> None:
    """Refuse an output kg could not write, before reading and extraction spend minutes.

    The nearest existing folder on the way to ``output`` must be a writable folder (a build
    writes a fresh folder beside its target, a JSON Lines file a temporary file beside it).
    """
    parent = os.path.dirname(os.path.abspath(output))
    while not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        raise ValueError(f"cannot write {output}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ValueError(f"cannot write {output}: {parent} is not writable")


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"--param wants NAME=VALUE, got {text!r}")
    return name.strip(), value


def _run_formats(args: argparse.Namespace) -> int:
    from kg.sources import FORMATS
    from kg.sources.formats import ALIASES

    for fmt in FORMATS:
        aliases = sorted(a for a, target in ALIASES.items() if target == fmt.name)
        print(f"{fmt.name:<17} {fmt.description}" + (f" (also: {', '.join(aliases)})" if aliases else ""))
    return EXIT_OK
