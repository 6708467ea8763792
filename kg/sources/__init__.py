"""Read every supported input format into clean, merged paper records."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Paper
from kg.collector import no_full_collections
from kg.sources.files import decode_text, input_files, normalise_newlines, read_bytes
from kg.sources.formats import FORMATS, detect_format, format_names, get_format
from kg.sources.limits import excerpt
from kg.sources.manifest import MANIFEST_NAME, ListEntry, apply_claims, read_manifest
from kg.sources.merge import merge_duplicates
from kg.sources.problems import InputError, Problem

__all__ = ["FORMATS", "Problem", "ReadResult", "format_names", "read", "read_text"]


@dataclass
class ReadResult:
    """Papers read from the inputs, and every input that had to be skipped."""

    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)


def read(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    format: str | None = None,
    manifest: str | os.PathLike | None = None,
) -> ReadResult:
    """Read files and directories of papers into one record per paper.

    Each file's format is recognised from its content (``format`` forces one). A
    directory is read whole, except its ``sources.toml`` manifest, which says whose
    publication list each file is (``manifest`` names another one). A broken file or
    record becomes a :class:`Problem` with file and line and is skipped; the rest is read.

    Raises
    ------
    ValueError
        For an unknown ``format``, or a ``manifest`` that is no file (a typo would otherwise
        drop every claim it makes without a word).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text(
    ...     '{"title": "T", "abstract": "We study graphs of the papers.", "year": 2020}\\n{oops\\n')
    >>> result = read(folder)
    >>> [p["title"] for p in result.papers], [str(x) for x in result.problems]
    (['T'], ['a.jsonl:2: invalid JSON: Expecting property name enclosed in double quotes'])
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    forced = get_format(format) if format else None
    if manifest is not None and not Path(manifest).is_file():
        raise ValueError(f"manifest {manifest}: no such file")  # a typo must not drop every claim silently
    result = ReadResult()
    claims: dict[str, ListEntry] = {}
    records: list[Paper] = []
    for argument in map(Path, paths):
        files, base = _files_of(argument, result)
        listing = Path(manifest) if manifest else base / MANIFEST_NAME
        if listing.is_file():
            entries = read_manifest(listing, problems=result.problems)
            claims.update({_relative(base / name, base): e for name, e in entries.items()})
        for path in files:
            name = _relative(path, base)
            result.inputs.append(name)
            for item in _read_file(path, name, forced):
                (result.problems if isinstance(item, Problem) else records).append(item)
    with no_full_collections():  # a set, a list and a tuple or more per record: see kg.collector
        merged = merge_duplicates(records)
        result.papers = sorted((apply_claims(p, claims) for p in merged),
                               key=lambda p: (p["sources"][0]["file"], p["sources"][0]["line"]))
    return result


def _files_of(argument: Path, result: ReadResult) -> tuple[list[Path], Path]:
    if argument.is_dir():
        files, problems = input_files(argument, MANIFEST_NAME)
        result.problems.extend(problems)
        return files, argument
    if not argument.exists():
        result.problems.append(Problem(str(argument), 0, "no such file or directory"))
        return [], argument.parent
    return [argument], argument.parent


def _relative(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _read_file(path: Path, name: str, forced) -> list[Paper | Problem]:
    """Every paper and problem of one file; nothing in it can stop the run."""
    problems: list[Problem] = []
    try:
        data, cut = read_bytes(path)
        if cut:
            problems.append(Problem(name, 0, cut))
        text, notes = decode_text(data)
        del data
    except InputError as error:
        return [Problem(name, 0, str(error))]
    except OSError as error:
        return [Problem(name, 0, f"cannot read: {error.strerror or error}")]
    problems += [Problem(name, line, note) for line, note in notes]
    lines = normalise_newlines(text)
    reader = forced or detect_format(lines)
    if reader is None:
        first = next(line for line in lines.split("\n") if line.strip()).strip()
        return problems + [Problem(name, 1, f"unknown format (starts {excerpt(first)}); "
                                   f"use --format with one of: {', '.join(format_names())}")]
    items: list[Paper | Problem] = []
    try:
        # One file at a time, so the next full collection frees what pins this file's text
        # (see kg.collector); JSON Lines end at \n alone, the line-based formats take
        # \r\n and \r as well.
        with no_full_collections():
            for item in reader.parse(text if reader.name == "json" else lines, name):
                items.append(item)
    except (RecursionError, MemoryError):
        raise
    except Exception as error:  # a reader bug on hostile input costs this file's rest, not the run
        items.append(Problem(name, 0, f"{reader.name} reader stopped ({type(error).__name__}); "
                             "the rest of the file is lost"))
    if not items:
        return problems + [Problem(name, 0, f"no papers found (read as {reader.name})")]
    return problems + items


def read_text(data: bytes) -> str:
    """Decode a file's bytes as UTF-8 text (a BOM is dropped).

    Raises
    ------
    ValueError
        For an empty file, binary data (NUL bytes) or bytes that are not UTF-8.

    Examples
    --------
    >>> read_text(b"\\xef\\xbb\\xbfhello")
    'hello'
    >>> read_text(b"\\x89PNG\\x00\\x00")
    Traceback (most recent call last):
    ...
    kg.sources.problems.InputError: binary file, not text
    """
    text, notes = decode_text(data)
    if notes:
        raise InputError(notes[0][1])
    return text
