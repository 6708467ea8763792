"""Progress of a build: one line per stage (and per tenth of extraction) when not on a terminal."""

from __future__ import annotations

import io

import kg
from kg.progress import Progress, auto_progress


def test_build_reports_each_stage_in_order_as_plain_lines(seeds_dir, tmp_path):
    out = io.StringIO()
    kg.build(seeds_dir, tmp_path / "exports", rdf_formats=["nt"], n_process=1, progress=Progress("lines", out))
    done = [line.split(":")[1].strip() for line in out.getvalue().splitlines() if ": done" in line]
    assert done == ["read", "extract", "resolve", "graph", "papers.jsonl", "kg.nt", "graph.html", "insights",
                    "build.json"]
    assert "kg: extract: 0/42" in out.getvalue() and "\r" not in out.getvalue()


def test_quiet_writes_nothing_and_a_pipe_gets_lines():
    quiet, piped = io.StringIO(), io.StringIO()
    with auto_progress(quiet=True, stream=quiet).stage("x", total=3) as advance:
        advance(3)
    assert quiet.getvalue() == ""
    assert auto_progress(stream=piped).mode == "lines"
