"""Load-test kg serve: N concurrent HTTP clients for a bounded time; throughput, p50/p95, errors.

Usage::

    .venv/bin/kg load /tmp/acl-exports --store /tmp/acl-store
    .venv/bin/python benchmarks/load_serve.py /tmp/acl-store --clients 20 --seconds 30

Starts the endpoint in this process (its query workers are processes of their own) on a
free localhost port, then each client thread sends, in turn, the cookbook queries with
parameters bound to popular values (``LIMIT 100``, JSON results) over real HTTP until the
time is up. Any status other than 200 counts as an error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def bound_queries(store_path: Path) -> list[str]:
    """Cookbook queries with their parameters bound by an inline ``VALUES`` at the start of
    the ``WHERE`` group (where Oxigraph joins from it; a trailing ``VALUES`` is evaluated
    last, after the whole pattern: 12-20 s here), each ``LIMIT 100``."""
    from bench_query import choose_parameters

    from kg.sparql import get_query, list_queries, open_store
    from kg.sparql.query import to_term

    import pyoxigraph

    params = choose_parameters(open_store(store_path))
    texts = []
    for query in list_queries():
        bound = {pyoxigraph.Variable(k): to_term(v) for k, v in params.get(query.name, {}).items() if v}
        text = get_query(query.name).sparql
        head, brace, body = text.partition("WHERE {")
        inline = "".join(f"\n  VALUES {var} {{ {term} }}" for var, term in bound.items())
        texts.append(head + brace + inline + body + "\nLIMIT 100")
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a store (kg load) or an export folder")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="query worker processes")
    args = parser.parse_args(argv)

    from kg.sparql.server import Endpoint

    queries = bound_queries(args.source)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    with Endpoint(args.source, port=0, workers=args.workers, timeout=30) as endpoint:
        deadline = time.monotonic() + args.seconds

        def client(offset: int) -> None:
            i = offset
            while time.monotonic() < deadline:
                data = urllib.parse.urlencode({"query": queries[i % len(queries)]}).encode()
                request = urllib.request.Request(endpoint.sparql_url, data=data, headers={
                    "Accept": "application/sparql-results+json",
                    "Content-Type": "application/x-www-form-urlencoded"})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                    outcome = None
                except urllib.error.HTTPError as error:
                    outcome = f"HTTP {error.code}"
                except OSError as error:
                    outcome = type(error).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if outcome is None:
                        latencies.append(elapsed)
                    else:
                        errors[outcome] = errors.get(outcome, 0) + 1
                i += 1

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")
    print(f"{args.clients} clients, {wall:.1f} s, {args.workers} query workers, {len(queries)} cookbook queries")
    print(f"requests ok: {len(latencies)}, throughput {len(latencies) / wall:.1f} req/s")
    print(f"latency p50 {statistics.median(ordered) if ordered else float('nan'):.0f} ms, p95 {p95:.0f} ms")
    print(f"errors: {sum(errors.values())} {errors or ''}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
