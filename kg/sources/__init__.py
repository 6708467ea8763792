"""Read every supported input format into clean, merged paper records."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Paper
from kg.sources.formats import FORMATS, detect_format, format_names, get_format
from kg.sources.manifest import MANIFEST_NAME, ListEntry, apply_claims, read_manifest
from kg.sources.merge import merge_duplicates
from kg.sources.problems import Problem

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
    result = ReadResult()
    claims: dict[str, ListEntry] = {}
    records: list[Paper] = []
    for argument in map(Path, paths):
        files, base = _files_of(argument, result)
        listing = Path(manifest) if manifest else base / MANIFEST_NAME
        if listing.is_file():
            try:
                entries = read_manifest(listing)
            except ValueError as error:
                result.problems.append(Problem(str(listing), 0, str(error)))
            else:
                claims.update({_relative(base / name, base): e for name, e in entries.items()})
        for path in files:
            name = _relative(path, base)
            result.inputs.append(name)
            for item in _read_file(path, name, forced):
                (result.problems if isinstance(item, Problem) else records).append(item)
    merged = merge_duplicates(records)
    result.papers = sorted((apply_claims(p, claims) for p in merged),
                           key=lambda p: (p["sources"][0]["file"], p["sources"][0]["line"]))
    return result


def _files_of(argument: Path, result: ReadResult) -> tuple[list[Path], Path]:
    if argument.is_dir():
        files = sorted(p for p in argument.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(argument).parts)
                       and p.name != MANIFEST_NAME)
        return files, argument
    if not argument.exists():
        result.problems.append(Problem(str(argument), 0, "no such file or directory"))
        return [], argument.parent
    return [argument], argument.parent


def _relative(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _read_file(path: Path, name: str, forced) -> list[Paper | Problem]:
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip: API dumps and corpora often come compressed
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        return [Problem(name, 0, f"cannot read: {getattr(error, 'strerror', None) or error}")]
    try:
        text = read_text(data)
    except ValueError as error:
        return [Problem(name, 0, str(error))]
    reader = forced or detect_format(text)
    if reader is None:
        first = text.strip().splitlines()[0][:60]
        return [Problem(name, 1, f"unknown format (starts {first!r}); "
                        f"use --format with one of: {', '.join(format_names())}")]
    items = list(reader.parse(text, name))
    if not items:
        return [Problem(name, 0, f"no papers found (read as {reader.name})")]
    return items


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
    ValueError: binary file, not text
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start})") from error
