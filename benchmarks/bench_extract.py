"""Throughput of entity extraction beside a bare spacy.blank("en") tokenizer on the same texts.

usage: bench_extract.py [--corpus GZ] [--n 5000] [--profile default] [--n-process 2]

Prints, for one profile: the bare tokenizer's rate; kg's extraction in this process (1 and
N worker processes); and the whole `kg extract` command's *marginal* rate, from two runs over
N and N/5 corpus records (the difference cancels start-up: loading the pipeline and catalogue).
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from kg.extraction import extract_entities, load_pipeline

# The workplace keeps shared material beside the repository: ../shared/
SHARED = Path(__file__).resolve().parents[2] / "shared"


def read_texts(path: str, n: int) -> list[str]:
    """The first ``n`` non-empty abstracts of the corpus."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = (json.loads(line).get("abstract") or "" for line in f)
        return list(itertools.islice((t for t in rows if t.strip()), n))


def rate(fn, texts) -> float:
    """Texts per second of ``fn`` over ``texts``."""
    t0 = time.perf_counter()
    fn(texts)
    return len(texts) / (time.perf_counter() - t0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "acl-2016-2025.jsonl.gz"))
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--profile", default="default")
    ap.add_argument("--n-process", type=int, default=2, help="worker processes (this machine has 2 cores)")
    a = ap.parse_args(argv)
    texts = read_texts(a.corpus, a.n)
    blank = spacy.blank("en")
    load_pipeline(a.profile)  # build outside the timing
    list(extract_entities(texts[:50], profile=a.profile))  # warm up
    tokenize = lambda: rate(lambda ts: [blank.make_doc(t) for t in ts], texts)  # noqa: E731
    # The tokenizer runs before and after each measurement and each ratio is to the mean of
    # the two, so a machine whose speed drifts during the run (a shared host) skews no ratio.
    toks = [tokenize()]
    one = rate(lambda ts: sum(len(e) for e in extract_entities(ts, profile=a.profile)), texts)
    toks.append(tokenize())
    many = rate(lambda ts: sum(len(e) for e in extract_entities(ts, profile=a.profile, n_process=a.n_process)), texts)
    toks.append(tokenize())
    marginal = command_rate(a.corpus, a.n, a.profile, a.n_process)
    toks.append(tokenize())
    print(f"texts: {len(texts)}")
    print(f"blank('en') tokenizer (1 process): {' / '.join(f'{t:.0f}' for t in toks)} abstracts/s "
          "(before and after each measurement)")
    print(f"kg extraction, {a.profile}, 1 process: {one:8.0f} abstracts/s  "
          f"(ratio to tokenizer {one / ((toks[0] + toks[1]) / 2):.2f})")
    print(f"kg extraction, {a.profile}, {a.n_process} processes: {many:8.0f} abstracts/s  "
          f"(ratio to tokenizer {many / ((toks[1] + toks[2]) / 2):.2f})")
    print(f"`kg extract --profile {a.profile} --processes {a.n_process}`, whole process, marginal: "
          f"{marginal:8.0f} abstracts/s  (ratio to tokenizer {marginal / ((toks[2] + toks[3]) / 2):.2f})")
    return 0


def command_rate(corpus: str, n: int, profile: str, n_process: int) -> float:
    """Marginal abstracts/s of the `kg extract` command between runs over n/5 and n records."""
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        rows = list(itertools.islice((r for r in map(json.loads, f) if (r.get("abstract") or "").strip()), n))
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in (n // 5, n):
            src = Path(tmp) / f"in{k}.jsonl"
            src.write_text("".join(json.dumps(r) + "\n" for r in rows[:k]), encoding="utf-8")
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kg", "extract", str(src), "-o", str(Path(tmp) / f"out{k}.jsonl"),
                            "--profile", profile, "--processes", str(n_process)], check=True,
                           stderr=subprocess.DEVNULL)
            times[k] = time.perf_counter() - t0
    return (n - n // 5) / (times[n] - times[n // 5])


if __name__ == "__main__":
    sys.exit(main())
