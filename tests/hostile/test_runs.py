"""Every cue and reader regex meets long runs of capitals, spaces, hyphens and brackets, and ends.

Each run goes through a child process with a generous timeout: a regex that backtracks
super-linearly never ends at these lengths (the old "we propose" cue took 1.1 s at 2,000
words and never ended at 60,000), so this is a hang check, not a speed assertion.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = r'''
import sys
from kg.extraction.cues import find_head_nouns, find_intro_cues
from kg.sources import formats
from kg.sources.publication_page import split_title_authors
from kg.sources.record import normalise_arxiv_id, normalise_date, normalise_doi
from kg.sources.text import clean_text, detect_language, find_arxiv_ids, find_urls

n = 60_000
runs = {"capitals": " ".join(["Abc"] * (n // 4)), "CAPS": "A" * n, "spaces": " " * n, "hyphens": "-" * n,
        "brackets": "(" * n, "closers": ")]}" * (n // 3), "dollars": "$\\a{" * (n // 4), "tabs": "\t\n" * (n // 2),
        "commas": "Ab Cd, " * (n // 7), "dots": "A." * (n // 2)}
for name, run in runs.items():
    for text in (run, "We propose " + run + " zz.", "the model, " + run + " is", run + " is a model",
                 "LGJan 13, 2020\nT" + run + "\nWe study it.\n", "arXiv:" + run + "\nCreated:"):
        find_intro_cues(text); find_head_nouns(text); split_title_authors(text)
        clean_text(text); find_urls("https://x.org/" + text); find_arxiv_ids("arxiv:" + text); detect_language(text)
        normalise_doi("10.1/" + text); normalise_arxiv_id(text); normalise_date(text)
        for fmt in formats.FORMATS:
            fmt.sniff(text)
            list(fmt.parse(text, "run.txt"))
    print(name, flush=True)
'''


def test_every_regex_ends_on_long_runs():
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["capitals", "CAPS", "spaces", "hyphens", "brackets", "closers", "dollars",
                                  "tabs", "commas", "dots"]
