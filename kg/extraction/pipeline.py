"""Build the spaCy pipeline from the shipped config and turn processed Docs into entity lists."""
from __future__ import annotations

import itertools
import multiprocessing
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the kg factories and helpers)
from .extensions import DOC_ENTITIES

CONFIG_DIR = Path(__file__).parent
# profile -> (config file, components left out). "fast": the dictionary and rule layers without
# the trained tagger, about 3x the speed for about 0.1 less F1 on unseen text (README).
PROFILES = {"default": ("default.cfg", ()), "fast": ("default.cfg", ("kg_tagger",))}


def build_pipeline(profile: str = "default", exclude: Iterable[str] = (),
                   overrides: dict | None = None) -> Language:
    """A fresh pipeline for ``profile`` (see :data:`PROFILES`), optionally without some components
    or with some settings changed (spaCy's dotted ``overrides``, as ``spacy train`` takes them).

    Examples
    --------
    >>> nlp = build_pipeline(exclude=["kg_span_scorer"])
    >>> "kg_span_scorer" in nlp.pipe_names, nlp.pipe_names[-1]
    (False, 'kg_linker')
    """
    path, left_out = PROFILES[check_profile(profile)]
    config = spacy.util.load_config(CONFIG_DIR / path, overrides=dict(overrides or {}))
    return spacy.util.load_model_from_config(config, auto_fill=True, exclude=list(left_out) + list(exclude))


def check_profile(profile: str) -> str:
    """``profile`` if it is one of :data:`PROFILES`, else a ``ValueError`` naming them."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; known: {sorted(PROFILES)}")
    return profile


@lru_cache(maxsize=None)
def load_pipeline(profile: str = "default") -> Language:
    """The extraction pipeline for ``profile``, built once per process (offline, no model download).

    Parameters
    ----------
    profile : str
        ``"default"``: dictionary, rules, the linear span scorer and the trained CRF tagger;
        ``"fast"``: the same without the tagger.

    Returns
    -------
    spacy.language.Language
        A pipeline built from ``spacy.blank("en")``'s language class and the kg factories.

    Examples
    --------
    >>> nlp = load_pipeline()
    >>> nlp.lang, nlp.pipe_names[0]
    ('en', 'kg_gazetteer')
    """
    return build_pipeline(profile)


def entities_of(doc) -> list[dict]:
    """The entity list the linker stored on a processed Doc."""
    return doc._.get(DOC_ENTITIES) or []


def chunk_entities(profile: str, texts: list[str], batch_size: int = 256,
                   guarded: bool = False) -> tuple[list[list[dict]], list[tuple[int, str]]]:
    """A worker's share (a process of the pool, a Dask task): the entities of each text and,
    when ``guarded``, ``(index, error)`` for each text extraction failed on instead of the
    error (:func:`guarded_entities`). The pipeline is loaded once per process."""
    nlp = load_pipeline(profile)
    if guarded:
        return guarded_entities(nlp, texts, batch_size)
    return [entities_of(doc) for doc in nlp.pipe(texts, batch_size=batch_size)], []


def _extract_chunk(args: tuple[str, list[str], int, bool]) -> tuple[list[list[dict]], list[tuple[int, str]]]:
    return chunk_entities(*args)


def guarded_entities(nlp: Language, texts: list[str],
                     batch_size: int = 256) -> tuple[list[list[dict]], list[tuple[int, str]]]:
    """The entities of each text, and ``(index, error)`` for each text extraction failed on.

    The batch runs as one; only if it raises does each text run alone, so that a text the
    pipeline cannot take costs itself (no entities) and not its batch or the build. When
    every text of a batch of two or more fails alone too, the fault is the pipeline's, and
    it is raised: a build must then fail and leave the previous exports as they were.
    """
    try:
        return [entities_of(doc) for doc in nlp.pipe(texts, batch_size=batch_size)], []
    except Exception:  # noqa: BLE001  (which text failed, and why, is found below)
        pass
    found, errors, first = [], [], None
    for index, text in enumerate(texts):
        try:
            found.append(entities_of(nlp(text)))
        except Exception as error:  # noqa: BLE001
            first = first or error
            errors.append((index, f"{type(error).__name__}: {error}"))
            found.append([])
    if len(errors) == len(texts) > 1:  # not a text's fault: the pipeline's (a build must fail)
        raise first
    return found, errors


def extract_entities(texts: Iterable[str], *, profile: str = "default", batch_size: int = 256,
                     n_process: int = 1,
                     on_error: Callable[[int, str], None] | None = None) -> Iterator[list[dict]]:
    """Yield, for each text in order, the entities it names.

    Each entity is a dict with ``name`` (canonical), ``type`` (MODEL, DATASET, METHOD, TASK or
    METRIC), ``key`` (stable slug), ``aliases``, ``ids`` (e.g. ``{"pwc": ...}``), ``role``
    (introduces/uses/compares/mentions), ``confidence`` and ``mentions`` (character offsets into
    the text, sentence, component and confidence of each mention).

    Parameters
    ----------
    texts : iterable of str
        Cleaned abstracts.
    profile : str
        Pipeline profile (see :func:`load_pipeline`).
    batch_size : int
        Texts per spaCy batch.
    n_process : int
        Worker processes (fork; each loads the pipeline once). Output order and content do
        not depend on it.
    on_error : callable, optional
        ``on_error(index, message)`` for each text extraction failed on, which then yields no
        entities (see :func:`guarded_entities`); without it, the error is raised.

    Examples
    --------
    >>> text = "We introduce tsGT, a forecasting model built on Transformers."
    >>> ents = next(extract_entities([text]))
    >>> [(e["name"], e["type"], e["role"]) for e in ents]
    [('tsGT', 'MODEL', 'introduces'), ('Transformer', 'MODEL', 'uses')]
    >>> m = ents[0]["mentions"][0]; text[m["start"]:m["end"]]
    'tsGT'
    """
    texts = (t or "" for t in texts)
    if n_process <= 1 and on_error is None:
        for doc in load_pipeline(profile).pipe(texts, batch_size=batch_size):
            yield entities_of(doc)
        return
    guarded = on_error is not None
    chunks = ((profile, chunk, batch_size, guarded) for chunk in _chunks(texts, batch_size))
    if n_process <= 1:
        yield from reported(map(_extract_chunk, chunks), on_error)
        return
    check_profile(profile)  # here, not in a worker
    # Each worker loads the pipeline at its first chunk. Loaded here before the fork, it would
    # stay in this process after extraction, under every later stage of a build (a corpus
    # build's peak, all processes summed: 1.48 GB with it, 1.42 GB without), at no gain in
    # speed. Not in a pool initializer: a pipeline that fails to load there kills the worker,
    # and the pool starts another, for ever; in a task, the error reaches the caller.
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(n_process) as pool:
        yield from reported(pool.imap(_extract_chunk, chunks), on_error)


def reported(results: Iterable[tuple[list[list[dict]], list[tuple[int, str]]]],
             on_error: Callable[[int, str], None] | None) -> Iterator[list[dict]]:
    """The entity lists of each chunk's :func:`chunk_entities` result, in order; each failure
    to ``on_error`` with its index among all the texts."""
    start = 0
    for found, errors in results:
        for index, message in errors:
            on_error(start + index, message)
        start += len(found)
        yield from found


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
