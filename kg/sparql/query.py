"""Run SPARQL over an Oxigraph store and turn the answers into plain rows and text."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph

from kg.exports.rdf import VOCABULARIES

#: Prefixes every query may use without declaring them.
PREFIXES: dict[str, str] = dict(VOCABULARIES)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "double", _XSD + "float", _XSD + "decimal"}


@dataclass
class QueryResult:
    """A query's answer: column names and rows of plain Python values.

    IRIs become ``str``, numeric literals ``int``/``float``, booleans ``bool``, other
    literals their lexical ``str``; an unbound variable is ``None``. ``ASK`` answers one
    column ``ask``; ``CONSTRUCT``/``DESCRIBE`` answer ``subject``, ``predicate``, ``object``.
    """

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def to_dicts(self) -> list[dict]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list:
        """The values of one column, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def iri(value: str) -> pyoxigraph.NamedNode:
    """An IRI to bind a query variable to (plain strings bind as string literals).

    Examples
    --------
    >>> iri("https://w3id.org/kg/id/paper/2001.04451").value
    'https://w3id.org/kg/id/paper/2001.04451'
    """
    return pyoxigraph.NamedNode(value)


def to_term(value) -> pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode:
    """The RDF term a Python value binds to: ``str`` → string literal, ``int`` →
    ``xsd:integer``, ``float`` → ``xsd:double``, ``bool`` → ``xsd:boolean``; pyoxigraph
    and rdflib terms are converted as they are.

    Examples
    --------
    >>> to_term("ImageNet")
    <Literal value=ImageNet datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_term(3).datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if isinstance(value, (pyoxigraph.NamedNode, pyoxigraph.Literal, pyoxigraph.BlankNode)):
        return value
    module = type(value).__module__
    if module.startswith("rdflib"):
        from rdflib import BNode, Literal, URIRef

        if isinstance(value, URIRef):
            return pyoxigraph.NamedNode(str(value))
        if isinstance(value, BNode):
            return pyoxigraph.BlankNode(str(value))
        if isinstance(value, Literal):
            if value.language:
                return pyoxigraph.Literal(str(value), language=value.language)
            if value.datatype is not None:
                return pyoxigraph.Literal(str(value), datatype=pyoxigraph.NamedNode(str(value.datatype)))
            return pyoxigraph.Literal(str(value))
    if isinstance(value, (bool, int, float, str)):
        return pyoxigraph.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__} in a query: {value!r}")


def to_python(term):
    """The plain Python value of an RDF term (see :class:`QueryResult`).

    Examples
    --------
    >>> to_python(pyoxigraph.Literal("42", datatype=pyoxigraph.NamedNode(_XSD + "integer")))
    42
    >>> to_python(pyoxigraph.NamedNode("https://schema.org/mentions"))
    'https://schema.org/mentions'
    """
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:" + term.value
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
            if datatype == _XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    return str(term)


def run_query(
    store: pyoxigraph.Store,
    sparql: str,
    bindings: dict | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run ``sparql`` on ``store`` and return its answer as plain rows.

    ``bindings`` maps variable names (without ``?``) to values (see :func:`to_term`).
    When every bound variable is projected they are substituted before evaluation, so
    they use the store's indexes; otherwise they are joined in by a trailing ``VALUES``
    clause (correct, possibly slower: project a variable to have it substituted).
    ``limit`` caps the rows read (the query's own ``LIMIT`` also applies). Common
    prefixes (``kg:``, ``dcterms:``, ``skos:``, ``schema:``...) need no declaration.

    Examples
    --------
    >>> store = pyoxigraph.Store()
    >>> store.add(pyoxigraph.Quad(iri("https://e.org/a"), iri(PREFIXES["rdfs"] + "label"),
    ...                           pyoxigraph.Literal("A")))
    >>> run_query(store, "SELECT ?s WHERE { ?s rdfs:label ?label }", {"label": "A"}).rows
    [('https://e.org/a',)]
    """
    substitutions = {
        pyoxigraph.Variable(name.lstrip("?$")): to_term(value)
        for name, value in (bindings or {}).items()
        if value is not None
    }
    try:
        answer = store.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None)
    except RuntimeError as error:
        if not substitutions or "projection" not in str(error):
            raise
        # Oxigraph substitutes only projected variables; bind the rest with a
        # trailing VALUES clause, which joins with the WHERE pattern (SPARQL 1.1, 10.2.2).
        answer = store.query(sparql + "\n" + values_clause(substitutions), prefixes=PREFIXES)
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult(["ask"], [(bool(answer),)])
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [variable.value for variable in answer.variables]
        solutions = answer if limit is None else islice(answer, max(limit, 0))
        rows = [tuple(to_python(solution[i]) for i in range(len(columns)))
                for solution in solutions]
        return QueryResult(columns, rows)
    triples = answer if limit is None else islice(answer, max(limit, 0))
    rows = [(to_python(t.subject), to_python(t.predicate), to_python(t.object))
            for t in triples]
    return QueryResult(["subject", "predicate", "object"], rows)


def values_clause(bindings: dict) -> str:
    """A one-row SPARQL ``VALUES`` clause binding pyoxigraph variables to terms.

    Examples
    --------
    >>> print(values_clause({pyoxigraph.Variable("name"): to_term('say "hi"')}))
    VALUES (?name) { ("say \\"hi\\"") }
    """
    names = " ".join(str(variable) for variable in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _display(value, width: int) -> str:
    text = "".join(c if c.isprintable() else " " for c in _cell(value))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """Render a :class:`QueryResult` as an aligned ``table``, ``csv`` or ``json``.

    Tables cut cells at ``max_width`` characters and show control characters as
    spaces; CSV and JSON keep every value exactly.

    Examples
    --------
    >>> result = QueryResult(["name", "papers"], [("ImageNet", 3), ("enwik8", None)])
    >>> print(format_result(result), end="")
    name     | papers
    ---------+-------
    ImageNet | 3
    enwik8   |
    (2 rows)
    >>> print(format_result(result, "csv"), end="")
    name,papers
    ImageNet,3
    enwik8,
    >>> format_result(result, "json").splitlines()[1]
    '  {"name": "ImageNet", "papers": 3},'
    """
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        lines = [json.dumps(d, ensure_ascii=False) for d in result.to_dicts()]
        return "[\n" + ",\n".join("  " + line for line in lines) + ("\n" if lines else "") + "]\n"
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use table, csv or json")
    cells = [[_display(v, max_width) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells])
              for i, c in enumerate(result.columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(result.columns, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"
