"""Every query the README shows runs on the seeds' exports and answers rows.

Regression: two README examples answered nothing (`paper=2001.04451`, which no seed paper
has, and `{"name": "enwik8"}` against the label "Enwik8"). The commands are read from the
README itself, so an example that drifts from the code fails here.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.S | re.M)
COMMANDS = [line.strip() for kind, body in BLOCKS if kind in ("", "bash")
            for line in body.splitlines() if line.strip().startswith("kg query ")]
PYTHON = [body for kind, body in BLOCKS if kind == "python" and "run_query" in body]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, seeds_dir) -> Path:
    """A folder laid out as the README assumes: exports/ and store/ of the seeds, ontology/."""
    folder = tmp_path_factory.mktemp("readme")
    assert main(["build", str(seeds_dir), "-o", str(folder / "exports"), "-q", "--no-html",
                 "--store", str(folder / "store")]) == 0
    (folder / "ontology").symlink_to(ROOT / "ontology")
    return folder


def _has_rows(output: str, argv: list[str]) -> bool:
    if "--list" in argv:
        return len(output.splitlines()) > 1
    if "json" in argv:
        return output.strip() not in ("", "[\n]", "[]")
    if "csv" in argv:
        return len(output.splitlines()) > 1
    return bool(output) and "(0 rows)" not in output


def test_the_readme_shows_queries():
    assert len(COMMANDS) >= 8 and PYTHON


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_kg_query_answers_rows(command, workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    argv = shlex.split(command, comments=True)[1:]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(argv)
    assert status == 0, command
    assert _has_rows(out.getvalue(), argv), f"{command} answered nothing:\n{out.getvalue()}"


@pytest.mark.parametrize("code", PYTHON)
def test_readme_python_query_answers_rows(code, workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    namespace: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["rows"], "run_query example answered no rows"
    assert "(0 rows)" not in out.getvalue()


def test_readme_plain_sparql_over_kg_ttl_alone_answers_rows(workdir):
    """The Linked data section's query needs no ontology and no reasoner."""
    from kg.sparql import open_store, run_query

    queries = re.findall(r"`(SELECT \?p WHERE \{[^`]+\})`", README)
    assert queries
    store = open_store(workdir / "exports" / "kg.ttl", ontology=False)
    for query in queries:
        assert run_query(store, query).rows, query
