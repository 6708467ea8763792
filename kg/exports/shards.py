"""The N-Triples export split into N files by subject, for triple stores' bulk loaders.

Oxigraph, QLever, Virtuoso and Jena all load a folder of N-Triples files faster, or in
parallel, than one large file, and a file per loader thread is what Virtuoso's bulk loader
wants. :func:`write_shards` writes ``kg-00000-of-00004.nt`` … ``kg-00003-of-00004.nt``:

* **Each subject in one shard.** A block (a subject and every statement about it, see
  :mod:`kg.exports.rdf_mapping`) goes whole to the shard picked by a BLAKE2b hash of the
  subject's N-Triples form, so a shard can be diffed or reloaded on its own and a store
  never sees one subject half-loaded. The hash is fixed (never Python's salted ``hash()``):
  the same subject lands in the same shard on every run and machine.
* **The same lines as kg.nt.** The lines come from the one N-Triples renderer that writes
  ``kg.nt`` (:func:`kg.exports.rdf_writers.ntriples_renderer`), in the same order, so the
  shards together hold exactly the lines of ``kg.nt`` and each shard is byte-identical
  from one build of the same inputs to the next.
* **Streamed.** Blocks are rendered one at a time and handed out in chunks; memory is one
  chunk, whatever the export's size. Every shard is written to a temporary file and renamed
  into place only once all are complete.
* **Always N files.** A shard no subject hashed to is written empty (an empty file is valid
  N-Triples for every loader), so ``shards/`` holds exactly the N files its names promise,
  and a count or glob in a loading script needs no special case.

N-Triples only, no N-Quads: every loader puts a triples file into a named graph of its
choosing (``oxigraph load --graph``, ``tdb2.tdbloader --graph``, Virtuoso's ``ld_dir``
graph argument, ``qlever-index -g``), so a graph name written into each line would add
bytes and a name to keep stable, and nothing a loader cannot already do.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.exports.rdf_mapping import generate_blocks
from kg.exports.rdf_terms import DEFAULT_BASE
from kg.exports.rdf_writers import CHUNK_SUBJECTS, full_iri, ntriples_renderer

#: The folder of an export set that holds the shards.
SHARD_FOLDER = "shards"
#: Most shards one export may have: each is an open file while the export is written.
MAX_SHARDS = 512
_SHARD_NAME = re.compile(r"kg-\d{5}-of-\d{5}\.nt")
_BUFFER = 1 << 16  # bytes of write buffer per open shard


@dataclass(frozen=True)
class Shard:
    """One written shard: its file, how many triples it holds and its size (the export set's
    ``build.json`` adds the SHA-256 as it does for every file)."""

    path: Path
    triples: int
    bytes: int


def check_shard_count(count: int) -> int:
    """``count`` if it is a whole number of shards kg can write (1 to ``MAX_SHARDS``).

    Examples
    --------
    >>> check_shard_count(4)
    4
    >>> check_shard_count(0)
    Traceback (most recent call last):
    ValueError: the number of shards must be a whole number from 1 to 512, not 0
    """
    if type(count) is not int or not 1 <= count <= MAX_SHARDS:
        raise ValueError(f"the number of shards must be a whole number from 1 to {MAX_SHARDS}, not {count!r}")
    return count


def shard_name(index: int, count: int) -> str:
    """The file name of shard ``index`` (from 0) of ``count``: zero-padded, so names sort.

    Examples
    --------
    >>> shard_name(0, 4), shard_name(3, 4)
    ('kg-00000-of-00004.nt', 'kg-00003-of-00004.nt')
    """
    return f"kg-{index:05d}-of-{count:05d}.nt"


def shard_of(subject: str, count: int) -> int:
    """The shard (0 to ``count - 1``) that holds every statement about the IRI ``subject``.

    BLAKE2b of the subject as N-Triples writes it (``<iri>``), as a number, modulo ``count``:
    the same on every run, machine and Python version.

    Examples
    --------
    >>> shard_of("https://w3id.org/kg/id/paper/1", 4) == shard_of("https://w3id.org/kg/id/paper/1", 4)
    True
    >>> shard_of("urn:x", 1)
    0
    """
    digest = hashlib.blake2b(full_iri(subject).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


class _Outputs:
    """The ``count`` temporary files being written, with each one's count and hash so far."""

    def __init__(self, folder: Path, names: list[str]):
        self.folder = folder
        self.names = names
        self.temporary: list[Path] = []
        self.handles = []
        self.triples = [0] * len(names)
        self.sizes = [0] * len(names)
        try:
            for name in names:
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
                self.temporary.append(Path(tmp))
                self.handles.append(os.fdopen(fd, "wb", buffering=_BUFFER))
        except BaseException:
            self.discard()
            raise

    def write(self, index: int, text: str) -> None:
        data = text.encode("utf-8")
        self.handles[index].write(data)
        self.sizes[index] += len(data)
        self.triples[index] += data.count(b"\n")  # one line per triple: literals escape \n

    def commit(self) -> list[Shard]:
        """Flush, sync and rename every shard into place; the temporary files are gone."""
        for handle in self.handles:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        shards = []
        for i, (tmp, name) in enumerate(zip(self.temporary, self.names)):
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.folder / name)
            shards.append(Shard(self.folder / name, self.triples[i], self.sizes[i]))
        self.temporary = []
        return shards

    def discard(self) -> None:
        for handle in self.handles:
            handle.close()
        for tmp in self.temporary:
            tmp.unlink(missing_ok=True)


def write_shards(
    graph: nx.DiGraph,
    folder: str | os.PathLike,
    count: int,
    *,
    base: str = DEFAULT_BASE,
    inputs: list[str] | None = None,
    materialise: bool = True,
) -> list[Shard]:
    """Write the N-Triples of ``graph`` into ``count`` shards in ``folder``, by subject.

    Together the shards hold exactly the lines :func:`kg.exports.rdf.write_rdf` writes to
    ``kg.nt`` with the same ``base``, ``inputs`` and ``materialise``; each subject's lines all
    in one shard, in ``kg.nt``'s order. Shards of an earlier call with another ``count``
    (``kg-*-of-*.nt``) are removed, so the folder never mixes two exports; other files stay.
    Returns the shards in order, empty ones included.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.DiGraph(); g.add_node("paper/1", kind="paper", label="T", id="1")
    >>> shards = write_shards(g, tempfile.mkdtemp(), 2)
    >>> [s.path.name for s in shards]
    ['kg-00000-of-00002.nt', 'kg-00001-of-00002.nt']
    >>> sum(s.triples for s in shards) > 5
    True
    """
    check_shard_count(count)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    names = [shard_name(i, count) for i in range(count)]
    render = ntriples_renderer()
    outputs = _Outputs(target, names)
    try:
        pending: list[list[str]] = [[] for _ in names]
        held = 0
        for block in generate_blocks(graph, base=base, inputs=inputs, materialise=materialise):
            text = render(block)
            if not text:
                continue
            pending[shard_of(block[0], count)].append(text)
            held += 1
            if held >= CHUNK_SUBJECTS:  # one chunk in memory across all shards, as for kg.nt
                _flush(outputs, pending)
                held = 0
        _flush(outputs, pending)
        shards = outputs.commit()
    except BaseException:
        outputs.discard()
        raise
    for stale in target.iterdir():
        if _SHARD_NAME.fullmatch(stale.name) and stale.name not in names:
            stale.unlink()
    return shards


def _flush(outputs: _Outputs, pending: list[list[str]]) -> None:
    for index, texts in enumerate(pending):
        if texts:
            outputs.write(index, "".join(texts))
            texts.clear()
