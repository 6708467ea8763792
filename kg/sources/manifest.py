"""Read a sources manifest: what a scrape leaves out (whose list it is, where it came from).

A manifest is a TOML file beside the inputs, ``sources.toml`` by default::

    [files."002_f63b6385f4ba9b3a.txt"]
    owner = "Ilya Sutskever"
    scraped_from = "the owner's publication list on a machine-translating mirror"

    [[files."002_f63b6385f4ba9b3a.txt".not_by_owner]]
    starts_with = "We present a dynamic path planning algorithm"
    note = "listed on the page, but not written by the owner"

The owner becomes an author of every paper on the list, marked as stated by the list;
``not_by_owner`` entries (matched against the start of the title or the abstract) record
that the list holds a paper its owner did not write.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph.model import author_key
from kg.records import Claim, Paper
from kg.sources.fields import kind_of
from kg.sources.files import read_bytes
from kg.sources.problems import Problem

MANIFEST_NAME = "sources.toml"


@dataclass(frozen=True)
class ListEntry:
    """What the manifest says about one scraped file."""

    file: str
    owner: str
    scraped_from: str | None
    manifest: str
    not_by_owner: tuple[tuple[str, str | None], ...] = field(default=())


def read_manifest(path: str | Path, label: str | None = None,
                  problems: list[Problem] | None = None) -> dict[str, ListEntry]:
    r"""Entries of a manifest file, keyed by the file name they describe.

    ``label`` is how claims name the manifest (defaults to the file name). An entry with
    a value of the wrong type (``owner = 12345``) is skipped and reported in
    ``problems``; the other entries still count.

    Raises
    ------
    ValueError
        Only when ``problems`` is not given: for a file that is not valid UTF-8 TOML (or
        nested too deeply to read) and for a bad entry. Given ``problems``, such a file is
        one problem and no entries.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> toml = pathlib.Path(tempfile.mkdtemp()) / "sources.toml"
    >>> _ = toml.write_text('[files."a.txt"]\nowner = 12345\n[files."b.txt"]\nowner = "Ada"\n')
    >>> found = []
    >>> sorted(read_manifest(toml, problems=found)), [p.message for p in found]
    (['b.txt'], ["[files.'a.txt'] owner: a number, not text; entry skipped"])
    """
    path = Path(path)

    def report(message: str) -> None:
        if problems is None:
            raise ValueError(f"{path}: {message}")
        problems.append(Problem(str(path), 0, message))

    try:
        data = tomllib.loads(read_bytes(path)[0].decode("utf-8-sig"))
    except OSError as error:
        report(f"the sources manifest cannot be read: {error.strerror or error}")
        return {}
    except (ValueError, RecursionError) as error:  # not UTF-8, not TOML, or nested past the stack
        report(f"not a valid sources manifest: {'nested too deeply' if isinstance(error, RecursionError) else error}")
        return {}
    files = data.get("files") or {}
    if not isinstance(files, dict):
        report("[files] must be a table of file names")
        return {}
    entries = {}
    for name, spec in sorted(files.items()):
        try:
            entries[name] = _entry(name, spec, label or path.name)
        except ValueError as error:
            report(str(error))
    return entries


def _entry(name: str, spec: object, label: str) -> ListEntry:
    where = f"[files.{name!r}]"
    if not isinstance(spec, dict):
        raise ValueError(f"{where} must be a table with an owner; entry skipped")
    owner = spec.get("owner")
    if not isinstance(owner, str) or not owner.strip():
        what = "missing" if owner is None else kind_of(owner) + ", not text"
        raise ValueError(f"{where} owner: {what}; entry skipped")
    scraped = spec.get("scraped_from")
    if scraped is not None and not isinstance(scraped, str):
        raise ValueError(f"{where} scraped_from: {kind_of(scraped)}, not text; entry skipped")
    rules = spec.get("not_by_owner", [])
    if not isinstance(rules, list) or not all(
            isinstance(r, dict) and isinstance(r.get("starts_with", ""), str)
            and isinstance(r.get("note", ""), str) for r in rules):
        raise ValueError(f"{where} not_by_owner: each rule needs text starts_with and note; entry skipped")
    exceptions = tuple((_key(rule["starts_with"]), rule.get("note")) for rule in rules if rule.get("starts_with"))
    return ListEntry(name, owner.strip(), scraped, label, exceptions)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def apply_claims(paper: Paper, entries: dict[str, ListEntry]) -> Paper:
    """Add the list owners' claims to ``paper`` and the owners to its authors (new dict).

    Listed authors keep their order; an owner not among them is appended with
    ``origin="list"``; an owner already listed gains the list in ``lists``. A paper the
    manifest says the owner did not write gets a ``not-author`` claim and no author.

    Examples
    --------
    >>> entry = ListEntry("004.txt", "Łukasz Kaiser", None, "sources.toml")
    >>> paper = {"title": "GPT-4 Technical Report", "abstract": "We report GPT-4.",
    ...          "sources": [{"file": "004.txt", "line": 1, "format": "publication-page"}],
    ...          "authors": [{"name": "Josh Achiam", "affiliations": [], "origin": "paper", "lists": []}],
    ...          "claims": []}
    >>> [(a["name"], a["origin"]) for a in apply_claims(paper, {"004.txt": entry})["authors"]]
    [('Josh Achiam', 'paper'), ('Łukasz Kaiser', 'list')]
    """
    files = sorted({s["file"] for s in paper["sources"]})
    relevant = [entries[f] for f in files if f in entries]
    if not relevant:
        return paper
    paper = dict(paper)
    authors = [dict(a, lists=list(a.get("lists", []))) for a in paper["authors"]]
    claims: list[Claim] = list(paper.get("claims", []))
    for entry in relevant:
        note = _exception(paper, entry)
        relation = "not-author" if note is not False else "author"
        claims.append({"owner": entry.owner, "relation": relation, "file": entry.file,
                       "scraped_from": entry.scraped_from, "manifest": entry.manifest,
                       "note": note or None})
        if relation == "not-author":
            continue
        existing = next((a for a in authors if author_key(a["name"]) == author_key(entry.owner)), None)
        if existing is None:
            existing = {"name": entry.owner, "affiliations": [], "origin": "list", "lists": []}
            authors.append(existing)
        if entry.file not in existing["lists"]:
            existing["lists"].append(entry.file)
    paper["authors"], paper["claims"] = authors, claims
    return paper


def _exception(paper: Paper, entry: ListEntry) -> str | None | bool:
    """The note of the ``not_by_owner`` rule matching ``paper``, or ``False`` if none does."""
    texts = [_key(paper.get("title") or ""), _key(paper.get("abstract_raw") or paper["abstract"]),
             _key(paper["abstract"])]
    for prefix, note in entry.not_by_owner:
        if any(t.startswith(prefix) for t in texts if t):
            return note or "the list's owner is not an author"
    return False
