"""Open kg exports in an Oxigraph store, with the kg ontology loaded beside them.

Two kinds of store: an in-memory one parsed from an export each time (``open_store`` on an
export), and a persistent on-disk one (``load_store`` writes it once; ``open_store`` on it
re-parses nothing, so a query costs only its evaluation).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import re

import pyoxigraph

import kg
from kg.exports.page.text import fold

#: The literal a loaded store adds beside every name, alias and author name: its folded
#: form (:func:`search_key`), so cookbook queries match "imagenet" or "Lukasz Kaiser" on the
#: indexes instead of a per-row FILTER over every label.
SEARCH_KEY = pyoxigraph.NamedNode("https://w3id.org/kg/ontology#searchKey")
_NAME_PROPERTIES = tuple(pyoxigraph.NamedNode(iri) for iri in (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://xmlns.com/foaf/0.1/name",
))
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")


def search_key(value: str) -> str:
    """The folded form names are matched by: marks dropped (NFKD, and letters such as "ł"
    that do not decompose), case folded, and runs of spaces, hyphens, dashes and
    underscores one space — the same fold as the graph page's search.

    Examples
    --------
    >>> search_key("Łukasz  Kaiser"), search_key("ImageNet"), search_key("pre-training")
    ('lukasz kaiser', 'imagenet', 'pre training')
    """
    return fold(_SEPARATORS.sub(" ", value)).casefold()


def add_search_keys(store: pyoxigraph.Store) -> int:
    """Add ``kg:searchKey`` (:func:`search_key`) beside every ``skos:prefLabel``,
    ``skos:altLabel`` and ``foaf:name`` in ``store``; returns how many were added.

    Done at load time, not in the export: the keys are an index for kg's own queries, not a
    statement about the paper, so the RDF others read stays as it was.
    """
    keys = set()
    for predicate in _NAME_PROPERTIES:
        for quad in store.quads_for_pattern(None, predicate, None, None):
            if isinstance(quad.object, pyoxigraph.Literal):
                keys.add(pyoxigraph.Quad(quad.subject, SEARCH_KEY,
                                         pyoxigraph.Literal(search_key(quad.object.value)),
                                         quad.graph_name))
    store.extend(sorted(keys, key=str))
    return len(keys)


#: The literals a loaded store adds to every entity linked to a paper: how many papers link
#: it, and its place when entities are ordered by that count (most first; ties by type, then
#: name), so "the most linked entities" reads a few index entries instead of counting and
#: sorting every link at each query.
PAPER_COUNT = pyoxigraph.NamedNode("https://w3id.org/kg/ontology#paperCount")
PAPER_RANK = pyoxigraph.NamedNode("https://w3id.org/kg/ontology#paperRank")
_INTEGER = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_COUNTS = """
SELECT ?entity ?type ?name ?papers WHERE {
  { SELECT ?entity (COUNT(?link) AS ?papers)
    WHERE { ?link <https://w3id.org/kg/ontology#linkedEntity> ?entity } GROUP BY ?entity }
  { SELECT ?entity ?type WHERE { ?entity <https://w3id.org/kg/ontology#entityType> ?type } }
  { SELECT ?entity ?name WHERE { ?entity <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }
}
"""  # sub-selects, so Oxigraph hash-joins them: 1 s on the corpus store, 4 s as one pattern


def add_paper_ranks(store: pyoxigraph.Store) -> int:
    """Add ``kg:paperCount`` and ``kg:paperRank`` to every entity linked to a paper in
    ``store``; returns how many entities were ranked.

    An index for the ``top_entities`` cookbook query, added at load time like the search
    keys: without it that query counts and sorts every link of the graph (half a second on
    the 34,000-paper corpus), with it it reads the first ranks. Rank 1 has the most papers;
    equal counts are ordered by type, then name, so the entities of one type keep the same
    order among themselves. Entities (in the default graph) with several types or names
    are counted once, under the least type and name.
    """
    best: dict[pyoxigraph.NamedNode, tuple[int, str, str]] = {}
    for row in store.query(_COUNTS):
        key = (-int(row["papers"].value), row["type"].value, row["name"].value)
        if row["entity"] not in best or key < best[row["entity"]]:
            best[row["entity"]] = key
    ranked = sorted(best.items(), key=lambda item: (item[1], item[0].value))
    store.extend([
        quad
        for rank, (entity, (papers, _, _)) in enumerate(ranked, start=1)
        for quad in (pyoxigraph.Quad(entity, PAPER_COUNT, pyoxigraph.Literal(str(-papers), datatype=_INTEGER)),
                     pyoxigraph.Quad(entity, PAPER_RANK, pyoxigraph.Literal(str(rank), datatype=_INTEGER)))
    ])
    return len(ranked)


def add_indexes(store: pyoxigraph.Store) -> dict[str, int]:
    """Add every load-time index the cookbook reads (search keys, paper ranks) to ``store``;
    returns how many entries of each, as ``kg-store.json`` records them."""
    return {"search_keys": add_search_keys(store), "paper_ranks": add_paper_ranks(store)}


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
    """Load a kg export (a file or an ``exports/`` directory) into an in-memory store,
    or open a persistent store written by :func:`load_store` (read-only, nothing parsed;
    it already holds the ontology and the search keys).

    Either way the store holds a ``kg:searchKey`` beside every name (:func:`add_search_keys`),
    which the cookbook's name parameters match, and each linked entity's paper count and
    rank (:func:`add_paper_ranks`), which ``top_entities`` reads.

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
    if path is not None and is_store(path):
        info = json.loads((Path(path) / STORE_MARKER).read_text(encoding="utf-8"))
        if "paper_ranks" not in info:  # loaded before the indexes the cookbook reads
            raise ValueError(f"{path} was loaded by an older kg without the cookbook's indexes; "
                             f"load it again: kg load {info.get('export', 'EXPORTS')} --store {path}")
        return pyoxigraph.Store.read_only(str(path))
    store = pyoxigraph.Store()
    if ontology:
        store.load(path=str(ONTOLOGY_DIR / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    if path is not None:
        export = find_export(path)
        store.bulk_load(path=str(export), format=rdf_format(export))
        add_indexes(store)
    return store


#: The file ``load_store`` writes into a store folder: what it was loaded from.
STORE_MARKER = "kg-store.json"


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a persistent store written by :func:`load_store`."""
    return (Path(path) / STORE_MARKER).is_file()


def load_store(
    exports: str | os.PathLike, store_dir: str | os.PathLike, *, ontology: bool = True
) -> dict:
    """Bulk-load a kg export (file or folder) and the ontology into an on-disk store.

    The store is written into a fresh folder beside ``store_dir`` and renamed into place
    only when complete, so a reader (``kg serve``, ``kg query``) never opens half a store,
    and a failed load leaves the previous store as it was. A ``store_dir`` that exists
    and is not a kg store (no ``kg-store.json``) is refused rather than replaced. Returns
    what ``kg-store.json`` records: the export file, its SHA-256 and the triple count.

    Raises
    ------
    FileNotFoundError
        If ``exports`` holds no kg export.
    ValueError
        If ``store_dir`` is a file, or a non-empty folder that is not a kg store.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kg.sparql.store import ONTOLOGY_DIR
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> info = load_store(ONTOLOGY_DIR / "kg.ttl", folder / "store", ontology=False)
    >>> info["triples"] > 0 and is_store(folder / "store")
    True
    """
    export = find_export(exports)
    target = Path(store_dir).absolute()
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not is_store(target):
        raise ValueError(f"{target} is not a kg store (no {STORE_MARKER}); "
                         "give an empty or new folder for --store")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.load-", dir=target.parent))
    try:
        store = pyoxigraph.Store(str(staging))
        if ontology:
            store.bulk_load(path=str(ONTOLOGY_DIR / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
        store.bulk_load(path=str(export), format=rdf_format(export))
        indexes = add_indexes(store)
        store.optimize()
        info = {"export": str(export.resolve()), "sha256": _sha256(export),
                "triples": len(store), "ontology": ontology, **indexes}
        store.flush()
        del store
        (staging / STORE_MARKER).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        os.chmod(staging, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rename(target, old / "store")
            os.rename(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return info


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
