"""The named queries of ``ontology/queries/*.rq``, each also a Python function.

A cookbook file starts with comment lines declaring it::

    # name: papers_using_dataset
    # description: Papers that use a dataset ...
    # param dataset: name or alias of the dataset, e.g. "ImageNet"

Each ``param`` is a query variable (``?dataset``) bound by substitution when given and
left free (matching everything) when not. A ``param`` may name its type in brackets,
``# param min_year [integer]: ...``, so values given as text (from the CLI) are converted:
``[name]`` folds the value as the store folds names into ``kg:searchKey`` (so "imagenet"
and "Lukasz Kaiser" match "ImageNet" and "Łukasz Kaiser"), ``[paper]`` takes a paper id as
tables show it (``paper:63440a16e2feafbf`` for the record id ``kg:63440a16e2feafbf``), and
``[upper]`` upper-cases (``dataset`` → ``DATASET``). ``# limit: 25`` sets the rows a query
answers when the caller gives no limit (for queries whose full answer is long). A ``LIMIT``
in the body marked ``# row limit`` (in a sub-select that picks the rows before the costly
joins) is set to the caller's limit plus one, and dropped when all rows are asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph

from kg.sparql.query import QueryResult, iri, paper_id, run_query
from kg.sparql.store import ONTOLOGY_DIR, search_key

QUERY_DIR = ONTOLOGY_DIR / "queries"

_HEADER = re.compile(r"^#\s*(name|description|param|limit)\s*(?:(\w+)\s*(?:\[(\w+)\])?)?\s*:\s*(.*)$")
_ROW_LIMIT = re.compile(r"\bLIMIT\s+\d+(\s*#\s*row limit\b)", re.IGNORECASE)
_CONVERTERS = {"string": str, "integer": int, "double": float, "iri": iri,
               "name": search_key, "paper": paper_id, "upper": str.upper}


@dataclass(frozen=True)
class NamedQuery:
    """One cookbook query: its name, description, parameters and SPARQL text."""

    name: str
    description: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    limit: int | None = None

    def __iter__(self):
        """Unpack as ``name, description`` (what a listing needs)."""
        return iter((self.name, self.description))


def parse_named_query(text: str, default_name: str = "") -> NamedQuery:
    """Read a cookbook query's header comments and body.

    Examples
    --------
    >>> q = parse_named_query("# name: n\\n# description: d\\n# param x [integer]: an x\\n"
    ...                       "SELECT * { ?s ?p ?x }")
    >>> q.name, q.params, q.types
    ('n', {'x': 'an x'}, {'x': 'integer'})
    """
    name, description, limit = default_name, "", None
    params: dict[str, str] = {}
    types: dict[str, str] = {}
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, param, kind, value = match.groups()
        if key == "name":
            name = value.strip()
        elif key == "description":
            description = value.strip()
        elif key == "limit":
            limit = int(value)
        elif key == "param" and param:
            params[param] = value.strip()
            types[param] = kind or "string"
            if types[param] not in _CONVERTERS:
                raise ValueError(f"query {name}: unknown type {kind!r} for param {param}")
    return NamedQuery(name, description, text, params, types, limit)


@lru_cache(maxsize=None)
def _load_all() -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        query = parse_named_query(path.read_text(encoding="utf-8"), path.stem)
        queries[query.name] = query
    return queries


def list_queries() -> list[NamedQuery]:
    """The cookbook queries, sorted by name.

    Examples
    --------
    >>> "papers_using_dataset" in [q.name for q in list_queries()]
    True
    """
    return list(_load_all().values())


def get_query(name: str) -> NamedQuery:
    """The cookbook query called ``name`` (``KeyError`` lists the known names)."""
    queries = _load_all()
    if name not in queries:
        raise KeyError(f"no query named {name!r}; known: {', '.join(queries)}")
    return queries[name]


def run_named_query(
    store: pyoxigraph.Store, name: str, /, *, limit: int | None = None, **params
) -> QueryResult:
    """Run the cookbook query ``name`` with its parameters bound.

    ``name`` is positional-only, so a query parameter may itself be called ``name``
    (``--param name=ImageNet`` is then an unknown parameter, reported, not a crash).

    Parameters given as ``None`` stay unbound; text values are converted to the
    parameter's declared type (names folded, see the module docstring). An unknown
    parameter raises ``ValueError``. ``limit=None`` answers the query's own ``# limit``
    rows (all when it declares none); the result says when rows were cut.
    """
    return run_cookbook_query(store, get_query(name), limit=limit, **params)


def run_cookbook_query(
    store: pyoxigraph.Store, query: NamedQuery, /, *, limit: int | None = None, **params
) -> QueryResult:
    """Run a parsed cookbook query (:func:`parse_named_query`, e.g. a ``.rq`` file of one's
    own with ``# param entity [name]:`` headers) with its parameters converted as declared."""
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        raise ValueError(
            f"query {query.name} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(query.params) or 'none'}"
        )
    bindings = {}
    for param, value in params.items():
        if value is None:
            continue
        if isinstance(value, str):
            value = _CONVERTERS[query.types[param]](value)
        bindings[param] = value
    limit = query.limit if limit is None else limit
    result = run_query(store, with_row_limit(query.sparql, limit), bindings, limit=limit)
    return _echo_names(result, {param: value for param, value in params.items()
                                if isinstance(value, str) and query.types[param] == "name"})


def with_row_limit(sparql: str, limit: int | None) -> str:
    """``sparql`` with its ``LIMIT n  # row limit`` set to read ``limit`` rows and one more
    (which tells :func:`kg.sparql.query.run_query` that rows were cut), or removed for all rows.

    Examples
    --------
    >>> with_row_limit("SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 26  # row limit\\n} }", 10)
    'SELECT * { { SELECT ?s { ?s ?p ?o } LIMIT 11  # row limit\\n} }'
    >>> with_row_limit("SELECT * { ?s ?p ?o } LIMIT 26 # row limit", None)
    'SELECT * { ?s ?p ?o }  # row limit'
    """
    if limit is None:
        return _ROW_LIMIT.sub(lambda m: m.group(1), sparql)
    return _ROW_LIMIT.sub(lambda m: f"LIMIT {max(limit, 0) + 1}{m.group(1)}", sparql)


def _echo_names(result: QueryResult, given: dict[str, str]) -> QueryResult:
    """Show a name parameter's column as the caller spelled it, not as its folded key.

    The query binds the folded key (``lukasz kaiser``), so that is what its column holds;
    the caller asked for "Łukasz Kaiser" and reads that back, as before folding.
    """
    for param, value in given.items():
        if param in result.columns:
            index = result.columns.index(param)
            result.rows = [row[:index] + (value,) + row[index + 1:] for row in result.rows]
    return result


def papers_mentioning(store, entity: str | None = "ImageNet", *, limit: int | None = 100):
    """Papers linked to ``entity`` through any sub-property of ``schema:mentions``."""
    return run_named_query(store, "papers_mentioning", entity=entity, limit=limit)


def papers_using_dataset(store, dataset: str | None = "ImageNet", *, limit: int | None = 100):
    """Papers that use ``dataset`` (``kg:uses`` or a sub-property)."""
    return run_named_query(store, "papers_using_dataset", dataset=dataset, limit=limit)


def models_introduced_by(store, paper: str | None = None, *, limit: int | None = 100):
    """Models the paper with id (or title) ``paper`` introduces."""
    return run_named_query(store, "models_introduced_by", paper=paper, limit=limit)


def author_methods(store, author: str | None = None, *, limit: int | None = 100):
    """Methods ``author``'s papers use or introduce, with paper counts."""
    return run_named_query(store, "author_methods", author=author, limit=limit)


def datasets_with_model(store, model: str | None = "Transformer", *, limit: int | None = 100):
    """Datasets named in the same papers as ``model``, with paper counts."""
    return run_named_query(store, "datasets_with_model", model=model, limit=limit)


def evidence_for_link(store, paper: str | None = None, entity: str | None = None, *,
                      limit: int | None = 100):
    """The mentions (sentence, offsets, component, confidence) behind a paper-entity link."""
    return run_named_query(store, "evidence_for_link", paper=paper, entity=entity,
                           limit=limit)


def list_only_creators(store, paper: str | None = None, *, limit: int | None = 100):
    """Creators stated only by a publication list's owner, with the list."""
    return run_named_query(store, "list_only_creators", paper=paper, limit=limit)


def coauthors(store, author: str | None = None, *, limit: int | None = 100):
    """``author``'s co-authors with the number of shared papers."""
    return run_named_query(store, "coauthors", author=author, limit=limit)


def top_entities(store, entity_type: str | None = "DATASET", *, limit: int | None = None):
    """Entities of ``entity_type`` (MODEL, DATASET...) linked to the most papers
    (``limit=None``: the query's default, 25)."""
    return run_named_query(store, "top_entities", entity_type=entity_type, limit=limit)
