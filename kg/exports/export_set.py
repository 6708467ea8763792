"""Write a build's exports as one set: staged beside the target, swapped in whole, under a lock.

Files of two builds must never sit side by side: a build writes every file into a fresh
hidden folder next to the target (``.exports.build-*``), then ``build.json``, and only
then swaps the folder in. A lock (``.exports.lock``, held with ``flock`` so a killed
build releases it) refuses a second build into the same folder; the next build removes
what a killed one left behind, and puts the last complete export back if a build died
between the two renames of the swap.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from kg.exports.atomic import write_atomic

MANIFEST = "build.json"
#: File (and folder) names a kg build writes; anything else found in the target is carried
#: over untouched, so a build without ``--graph`` or ``--shards N`` drops an earlier one's files.
EXPORT_NAMES = frozenset({"papers.jsonl", "kg.ttl", "kg.nt", "kg.jsonld", "graph.html", MANIFEST,
                          "insights.html", "insights-trends.csv", "insights-movers.csv",
                          "insights-model-dataset.csv", "insights-community-authors.csv",
                          "graph.graphml", "graph.gexf", "shards"})


class BuildLocked(RuntimeError):
    """Another build is writing into the same folder."""


class ExportSet:
    """The folder one build writes into, swapped into ``target`` by :meth:`commit`.

    Use as a context manager: leaving it without :meth:`commit` (an error, no papers)
    leaves ``target`` exactly as it was.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "exports"
    >>> with ExportSet(target) as staged:
    ...     _ = (staged.folder / "kg.ttl").write_text("")
    ...     _ = staged.commit({"papers": 0}, {"kg.ttl": "turtle"}, inputs=[])
    >>> sorted(p.name for p in target.iterdir())
    ['build.json', 'kg.ttl']
    """

    def __init__(self, target: str | os.PathLike):
        self.target = Path(target).absolute()
        self.parent = self.target.parent
        self._prefix = f".{self.target.name}."
        self._lock: int | None = None
        self.folder: Path = self.target

    def __enter__(self) -> ExportSet:
        self.parent.mkdir(parents=True, exist_ok=True)
        if self.target.exists() and not self.target.is_dir():
            raise ValueError(f"{self.target} exists and is not a folder")
        self._lock = os.open(self.parent / f"{self._prefix}lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(self._lock)
            self._lock = None
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise BuildLocked(f"another kg build is writing {self.target}; "
                                  "wait for it to finish (or write elsewhere with -o)") from None
            raise
        self._recover()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{self._prefix}build-", dir=self.parent))
        os.chmod(self.folder, 0o755)  # mkdtemp's 0700 would make the swapped-in exports private
        return self

    def _recover(self) -> None:
        """Undo what a killed build left: restore a swapped-out export, drop staging folders."""
        leftovers = sorted(p for p in self.parent.glob(f"{self._prefix}*") if p.is_dir())
        old = [p for p in leftovers if p.name.startswith(f"{self._prefix}old-")]
        if old and not self.target.exists():
            os.rename(old[-1], self.target)  # died between the two renames of a swap
            leftovers.remove(old[-1])
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)

    def commit(self, counts: dict, files: dict[str, str], inputs: list[str],
               details: dict[str, dict] | None = None) -> Path:
        """Write ``build.json`` (``files``: name → format) and swap the folder in.

        A name may be a path inside the folder (``shards/kg-00000-of-00004.nt``); ``details``
        adds fields to a file's entry (a shard's ``triples``) after format, bytes and SHA-256.
        """
        import kg

        listed = {}
        for name, fmt in sorted(files.items()):
            digest, size = hashlib.sha256(), 0
            with open(self.folder / name, "rb") as handle:  # in pieces: a file may be large
                while piece := handle.read(1 << 20):
                    digest.update(piece)
                    size += len(piece)
            listed[name] = {"format": fmt, "bytes": size, "sha256": digest.hexdigest(),
                            **(details or {}).get(name, {})}
        manifest = {"kg_version": kg.__version__, "files": listed, "counts": counts, "inputs": inputs}
        write_atomic(self.folder / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        if self.target.exists():
            for entry in self.target.iterdir():  # a user's own files in the folder stay there
                if entry.name not in EXPORT_NAMES:
                    os.rename(entry, self.folder / entry.name)
            old = Path(tempfile.mkdtemp(prefix=f"{self._prefix}old-", dir=self.parent))
            os.rename(self.target, old)  # onto the empty folder just made: a name of our own
            os.rename(self.folder, self.target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.folder, self.target)
        self.folder = self.target
        return self.target / MANIFEST

    def __exit__(self, *exc) -> None:
        if self.folder != self.target:
            shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            os.close(self._lock)
            self._lock = None


def read_manifest(folder: str | os.PathLike) -> dict | None:
    """The ``build.json`` of an export folder, or ``None`` when it has none."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
