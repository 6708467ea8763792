"""Open kg exports in an Oxigraph store, with the kg ontology loaded beside them."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph

import kg

#: Where the packaged ontology, shapes and cookbook queries live.
ONTOLOGY_DIR = Path(kg.__file__).parent / "ontology"

#: Export file names looked for, in order, when ``open_store`` is given a directory.
EXPORT_NAMES = ("kg.ttl", "kg.nt", "kg.jsonld")

_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
    ".json": pyoxigraph.RdfFormat.JSON_LD,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
}


def find_export(path: str | os.PathLike) -> Path:
    """The RDF file behind ``path``: the file itself, or in a folder such as ``exports/``
    the RDF file its ``build.json`` lists (Turtle first), else ``kg.ttl`` (``.nt``, ``.jsonld``).

    Reading what the last build listed means a stale ``kg.ttl`` beside a newer ``kg.nt``
    is never queried.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist, the directory holds no kg export, or the file its
        ``build.json`` lists is missing.
    """
    target = Path(path)
    manifest = target / "build.json"
    if target.is_dir() and manifest.is_file():
        import json

        try:
            listed = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
        except (ValueError, AttributeError) as error:
            raise FileNotFoundError(f"{manifest} is not a kg build manifest ({error})") from None
        for name in EXPORT_NAMES:
            if name in listed:
                if not (target / name).is_file():
                    raise FileNotFoundError(f"{manifest} lists {name}, which is missing")
                return target / name
        raise FileNotFoundError(f"the build in {target} wrote no RDF (build.json lists none)")
    if target.is_dir():
        for name in EXPORT_NAMES:
            if (target / name).is_file():
                return target / name
        raise FileNotFoundError(
            f"no kg export in {target} (looked for {', '.join(EXPORT_NAMES)})"
        )
    if not target.is_file():
        raise FileNotFoundError(f"no such export: {target}")
    return target


def rdf_format(path: Path) -> pyoxigraph.RdfFormat:
    """The RDF format of a file, from its extension."""
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(
            f"cannot tell the RDF format of {path.name}; use one of {', '.join(_FORMATS)}"
        ) from None


def open_store(
    path: str | os.PathLike | None = None, *, ontology: bool = True
) -> pyoxigraph.Store:
    """Load a kg export (a file or an ``exports/`` directory) into an in-memory store.

    The kg ontology is loaded into the same default graph (``ontology=False`` skips it),
    so queries can follow ``rdfs:subPropertyOf*`` and ``rdfs:subClassOf*``. ``path=None``
    gives a store holding only the ontology.

    Examples
    --------
    >>> store = open_store()
    >>> bool(store.query("ASK { <https://w3id.org/kg/ontology#uses> "
    ...                  "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf> "
    ...                  "<https://schema.org/mentions> }"))
    True
    """
    store = pyoxigraph.Store()
    if ontology:
        store.load(path=str(ONTOLOGY_DIR / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    if path is not None:
        export = find_export(path)
        store.bulk_load(path=str(export), format=rdf_format(export))
    return store
