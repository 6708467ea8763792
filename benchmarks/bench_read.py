"""Benchmark: reading the ACL corpus (34,099 JSON Lines records) into merged paper records.

Run: .venv/bin/python benchmarks/bench_read.py [--corpus PATH] [--limit N]
Prints records/s for reading + cleaning + merging, beside bare json.loads of the same lines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import kg

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "acl-2016-2025.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()

    start = time.perf_counter()
    lines = gzip.open(args.corpus, "rt", encoding="utf-8").read().splitlines()
    records = [json.loads(line) for line in lines]
    bare = time.perf_counter() - start

    start = time.perf_counter()
    result = kg.read(args.corpus)
    full = time.perf_counter() - start

    print(f"records in file        {len(records):>8}")
    print(f"papers after merging   {len(result.papers):>8}  ({len(records) - len(result.papers)} duplicates merged)")
    print(f"problems reported      {len(result.problems):>8}")
    print(f"gunzip + json.loads    {len(records) / bare:>8.0f} records/s  ({bare:.2f} s)")
    print(f"kg.read                {len(records) / full:>8.0f} records/s  ({full:.2f} s)")
    print(f"ratio kg.read / json   {bare / full:>8.3f}")


if __name__ == "__main__":
    main()
