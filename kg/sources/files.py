"""Find the input files of an argument and read each one's text, bounded and without surprises.

A folder is walked without following links out of it (a link to ``/etc/passwd`` is
reported, never read); only regular files are opened (``/dev/zero`` would never end);
at most ``MAX_INPUT_BYTES`` are read, gzip included, which is decompressed as a stream
so a gzip bomb stops at the limit; text is decoded as UTF-8 (or UTF-16, with a BOM or, for
Latin-script text, without), a few bad bytes or a block of NULs cost only their own line,
never the file.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import zlib
from pathlib import Path

from kg.sources.limits import MAX_INPUT_BYTES
from kg.sources.problems import InputError, Problem

_CHUNK = 2**20
_NEWLINES = re.compile(r"\r\n?")


def input_files(argument: Path, skip_name: str) -> tuple[list[Path], list[Problem]]:
    """The files a folder argument holds (sorted; hidden ones and ``skip_name`` aside).

    A link is followed only when its target stays inside the folder; each other one is
    reported. The argument itself may be a link: the user named it.
    """
    root = argument.resolve()
    files: list[tuple[tuple[str, ...], Path]] = []
    problems: list[Problem] = []
    for folder, dirs, names in os.walk(argument, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            if (here / name).is_symlink():
                problems.append(_outside(here / name, argument, root, folder=True))
        for name in names:
            path = here / name
            if name.startswith(".") or (name == skip_name and here == argument):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    problems.append(_outside(path, argument, root))
                    continue
            files.append((path.relative_to(argument).parts, path))
    return [p for _, p in sorted(files)], [p for p in problems if p is not None]


def _outside(path: Path, argument: Path, root: Path, folder: bool = False) -> Problem | None:
    if folder and path.resolve().is_relative_to(root):
        return None  # a link to a folder inside the input is read through its target
    what = "folder" if folder else "file"
    return Problem(path.relative_to(argument).as_posix(), 0,
                   f"a link to a {what} outside the input folder; not followed")


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> tuple[bytes, str | None]:
    """The bytes of a regular file (gzip decompressed), at most ``limit`` of them.

    Returns the data and a note when it was cut (past the limit, or a gzip stream that
    breaks off). Raises :class:`InputError` for what is not a regular file and ``OSError``
    for what cannot be read.
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise InputError("not a regular file")
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"  # API dumps and corpora often come compressed
        handle.seek(0)
        if not gzipped:
            data = handle.read(limit + 1)
            return _cut(data, limit, "file")
        data = bytearray()
        stream = gzip.GzipFile(fileobj=handle)
        try:
            while len(data) <= limit and (chunk := stream.read(min(_CHUNK, limit + 1 - len(data)))):
                data += chunk
        except (EOFError, OSError, zlib.error) as error:
            if not data:
                raise InputError(f"cannot read: not a valid gzip file ({error})") from error
            del data[data.rfind(b"\n") + 1 or len(data):]
            return bytes(data), f"the gzip stream breaks off ({error}); what follows {len(data):,} bytes is lost"
        return _cut(bytes(data), limit, "decompressed file")


def _cut(data: bytes, limit: int, what: str) -> tuple[bytes, str | None]:
    if len(data) <= limit:
        return data, None
    end = data.rfind(b"\n", 0, limit) + 1 or limit
    return data[:end], (f"the {what} is over the {limit // 2**20:,} MiB limit; "
                        f"only its first {end:,} bytes (to the last line end) are read")


def decode_text(data: bytes) -> tuple[str, list[tuple[int, str]]]:
    """Decode a file's bytes as text; returns the text and (line, note) pairs.

    UTF-8 (a BOM is dropped), or UTF-16 with its BOM or, for Latin-script text, without.
    Bytes that are not UTF-8 become U+FFFD and are noted with their line, so one bad byte
    costs one record at most.

    Raises
    ------
    InputError
        For an empty (or only white space) file, or binary data (many NUL bytes, and no
        text between them).

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfhello")
    ('hello', [])
    >>> decode_text(b'{"a": 1}\\n{"b": "caf\\xe9"}\\n')[1]
    [(2, 'not UTF-8 text (byte 19): undecodable bytes read as U+FFFD')]
    >>> decode_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    Traceback (most recent call last):
    ...
    kg.sources.problems.InputError: binary file, not text
    """
    utf16 = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return _not_blank(data.decode(utf16)), []
        except UnicodeDecodeError as error:
            raise InputError("not valid UTF-16 text") from error
    if _looks_binary(data[:8192]):
        raise InputError("binary file, not text")
    try:
        return _not_blank(data.decode("utf-8-sig")), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        text = _not_blank(data.decode("utf-8-sig", errors="replace"))
        return text, [(line, f"not UTF-8 text (byte {error.start}): undecodable bytes read as U+FFFD")]


def _utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for UTF-16 text of mostly Latin script without a
    byte-order mark (a NUL beside nearly every other byte, on the same side), else ``None``.

    Examples
    --------
    >>> _utf16_without_bom("Abstract: We study graphs.".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(b"Abstract: We study graphs.") is None
    True
    """
    half = len(sample) // 2
    if half < 8:
        return None
    for codec, side in (("utf-16-le", 1), ("utf-16-be", 0)):
        if sample[side::2].count(0) >= half * 9 // 10 and sample[1 - side::2].count(0) <= half // 10:
            return codec
    return None


def _looks_binary(sample: bytes) -> bool:
    """Whether a file's first bytes are binary data rather than text with NULs in it.

    Binary data is full of NULs, and what lies between them is no text either (bytes that
    are not UTF-8, control characters). A text file may hold a stray NUL or a block of them
    (a scrape padded with zeros by a crash): its other bytes are still text, and each line
    that holds a NUL is reported alone.

    Examples
    --------
    >>> _looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR\\x00\\x00\\x04\\x00")
    True
    >>> _looks_binary(b"Abstract:We study graphs.\\n" * 10 + b"\\x00" * 1000 + b"\\nAbstract:We study trees.\\n")
    False
    """
    nuls = sample.count(0)
    if nuls <= len(sample) // 64:
        return False
    rest = sample.replace(b"\x00", b"")
    if len(rest) < len(sample) // 8:  # hardly anything but NULs
        return True
    text = rest.decode("utf-8", errors="replace")
    odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return odd > len(text) // 64


def _not_blank(text: str) -> str:
    if not text or text.isspace():  # not strip(): that copies the whole file to find one letter
        raise InputError("empty file")
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` as ``\\n``, for the line-based text formats.

    Only these three end a line: ``str.splitlines`` would also split at U+2028, U+0085,
    form feeds and more, which scraped text holds inside its lines.

    Examples
    --------
    >>> normalise_newlines("a\\r\\nb\\rc\\u2028d")
    'a\\nb\\nc\\u2028d'
    """
    return _NEWLINES.sub("\n", text) if "\r" in text else text
