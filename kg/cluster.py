"""Run entity extraction on a Dask distributed cluster: abstracts out in chunks, entity dicts back.

Only extraction is spread: it is the one stage whose work is per paper. Each task carries
a chunk of abstract texts and a profile name (never a pipeline: the pipeline is built once
per worker process, from the config the package ships) and returns the plain entity dicts
of each text, in order. Resolution, which must see every paper at once to give one name
per thing, runs afterwards in the calling process on the gathered results, so a cluster
build gives exactly what a single-process build gives. Workers need kg installed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

#: Characters of abstracts per task: about 500 ACL abstracts, a few seconds of work.
DEFAULT_CHUNK_CHARS = 500_000

_PIPELINE_LOCK = threading.Lock()


def chunk_by_size(texts: Sequence[str], chunk_chars: int = DEFAULT_CHUNK_CHARS) -> list[list[str]]:
    """Split ``texts`` into consecutive chunks of about ``chunk_chars`` characters each.

    A chunk closes once it holds ``chunk_chars`` characters, so one long abstract is a
    chunk of its own and no text is ever split; order is kept.

    Examples
    --------
    >>> chunk_by_size(["aaaa", "bb", "cccccc", "d"], chunk_chars=5)
    [['aaaa', 'bb'], ['cccccc'], ['d']]
    >>> chunk_by_size([])
    []
    """
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for text in texts:
        current.append(text)
        size += len(text)
        if size >= chunk_chars:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks


def extract_chunk(texts: list[str], profile: str, batch_size: int = 256,
                  guarded: bool = False) -> tuple[list[list[dict]], list[tuple[int, str]]]:
    """A worker's task: :func:`kg.extraction.pipeline.chunk_entities` of its texts.

    spaCy pipelines are not safe to share between threads, so a worker with several
    threads runs one chunk at a time; give workers one thread each and add workers.
    """
    from kg.extraction.pipeline import chunk_entities

    with _PIPELINE_LOCK:
        return chunk_entities(profile, texts, batch_size, guarded)


def connect(address: str):
    """A Dask client: ``"local"`` starts a LocalCluster (one single-thread worker per core,
    at most 4), anything else is a scheduler address such as ``tcp://10.0.0.5:8786``.

    Raises
    ------
    ValueError
        When Dask is not installed (``pip install 'kg[cluster]'``).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("--cluster needs Dask: pip install 'kg[cluster]'") from None
    if address == "local":
        import os

        workers = max(1, min(os.cpu_count() or 1, 4))
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    return Client(address)


def extract_entities_on_cluster(
    texts: Iterable[str], client_or_address, *, profile: str = "default", batch_size: int = 256,
    chunk_chars: int | None = None, progress=None, on_error=None,
) -> list[list[dict]]:
    """The entity dicts of each text, computed on a Dask cluster, in input order.

    ``client_or_address`` is a ``distributed.Client`` (kept open) or an address for
    :func:`connect` (the client and a local cluster are closed afterwards). ``progress``,
    when given, is called with the number of texts each finished chunk held.
    ``chunk_chars`` defaults to :data:`DEFAULT_CHUNK_CHARS`. ``on_error(index, message)``,
    as for :func:`kg.extraction.extract_entities`, takes each text extraction failed on
    (it then has no entities); without it, a worker's error is raised here.
    """
    chunks = chunk_by_size(list(texts), chunk_chars or DEFAULT_CHUNK_CHARS)
    own = isinstance(client_or_address, str)
    client = connect(client_or_address) if own else client_or_address
    try:
        from distributed import as_completed

        futures = client.map(extract_chunk, chunks, profile=profile, batch_size=batch_size,
                             guarded=on_error is not None, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        results: list[tuple[list[list[dict]], list[tuple[int, str]]] | None] = [None] * len(chunks)
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            if progress is not None:
                progress(len(chunks[index[future.key]]))
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    from kg.extraction.pipeline import reported

    return list(reported(results, on_error))
