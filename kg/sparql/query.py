"""Run SPARQL over an Oxigraph store and turn the answers into plain rows and text."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import unquote

import pyoxigraph

from kg.exports.rdf import DEFAULT_BASE, VOCABULARIES

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
    #: Whether a limit cut rows off (the query had more answers than ``rows`` holds).
    truncated: bool = False

    def to_dicts(self) -> list[dict]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]

    def column(self, name: str) -> list:
        """The values of one column, in row order."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


class QuerySyntaxError(SyntaxError):
    """SPARQL that does not parse, said in one line: where (line, column) and what.

    Oxigraph's own message lists every character class its grammar expected at that point
    (hundreds of characters); a user needs the position and the gist.
    """


_SYNTAX = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


def syntax_error(error: SyntaxError, sparql: str) -> QuerySyntaxError:
    """A one-line :class:`QuerySyntaxError` for Oxigraph's ``SyntaxError`` on ``sparql``.

    Examples
    --------
    >>> print(syntax_error(SyntaxError("error at 1:10: expected CONSTRUCT"), "SELEC ?x {}"))
    SPARQL syntax error at line 1, column 10: expected CONSTRUCT (near 'SELEC ?x {}')
    """
    match = _SYNTAX.match(str(error))
    if not match:
        return QuerySyntaxError("SPARQL syntax error: " + " ".join(str(error).split())[:200])
    line, column, message = int(match[1]), int(match[2]), match[3]
    if "Prefix not found" in message:
        gist = "unknown prefix (declare it with PREFIX)"
    else:
        expected = [item for item in re.split(r",\s*", re.sub(r"^expected( one of)?", "", message.strip()).strip())
                    if item and not item.startswith(("[", "'", "|"))]
        gist = ("expected " + ", ".join(expected[:5])) if expected else "unexpected text"
    lines = sparql.splitlines() or [""]
    near = " ".join(lines[min(line, len(lines)) - 1][max(column - 10, 0):column + 30].split())
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {column}: {gist}"
                            + (f" (near {near!r})" if near else ""))


#: Record ids kg makes for papers with no external id: a hash of title and abstract.
_HASH_ID = re.compile(r"kg:[0-9a-f]{16}")


def paper_id(value: str) -> str:
    """The record id for a paper id as tables show it (:func:`display`): ``paper:<hash>``
    is the record id ``kg:<hash>``, ``paper:2001.04451`` is ``2001.04451``; any other id
    is kept as given.

    Examples
    --------
    >>> paper_id("paper:63440a16e2feafbf"), paper_id("2001.04451"), paper_id("paper:doi:10.1/x")
    ('kg:63440a16e2feafbf', '2001.04451', 'doi:10.1/x')
    """
    value = value.strip()
    if value.startswith("paper:"):
        value = value[len("paper:"):]
        if re.fullmatch(r"[0-9a-f]{16}", value):
            return "kg:" + value
    return value


def display(value) -> str:
    """How a table shows a value: paper ids as themselves (the arXiv id, ``doi:…``,
    ``acl:…``) and kg's hash ids under a ``paper:`` prefix (``kg:`` names the ontology);
    kg's own IRIs as CURIEs (``dataset:imagenet``, a paper IRI as its id).

    Examples
    --------
    >>> display("kg:63440a16e2feafbf"), display(DEFAULT_BASE + "paper/doi%3A10.18653%2Fv1")
    ('paper:63440a16e2feafbf', 'doi:10.18653/v1')
    >>> display(DEFAULT_BASE + "dataset/imagenet"), display(PREFIXES["kg"] + "uses"), display(3)
    ('dataset:imagenet', 'kg:uses', '3')
    """
    text = _cell(value)
    if not isinstance(value, str):
        return text
    if _HASH_ID.fullmatch(text):
        return "paper:" + text[3:]
    if text.startswith(DEFAULT_BASE):
        kind, slash, key = text[len(DEFAULT_BASE):].partition("/")
        if slash and key:
            key = unquote(key)
            return display(key) if kind == "paper" else f"{kind}:{key}"
    for prefix, namespace in PREFIXES.items():
        local = text[len(namespace):]
        if text.startswith(namespace) and local and re.fullmatch(r"[\w.-]+", local):
            return f"{prefix}:{local}"
    return text


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
    ``limit`` caps the rows read (the query's own ``LIMIT`` also applies); the result's
    ``truncated`` says whether it cut any. SPARQL that does not parse raises
    :class:`QuerySyntaxError` (a ``SyntaxError``) with its line and column. Common
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
    except SyntaxError as error:
        raise syntax_error(error, sparql) from None
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
        # One row past the limit tells whether the limit cut any, without reading them all.
        solutions = answer if limit is None else islice(answer, max(limit, 0) + 1)
        rows = [tuple(to_python(solution[i]) for i in range(len(columns)))
                for solution in solutions]
        return _capped(QueryResult(columns, rows), limit)
    triples = answer if limit is None else islice(answer, max(limit, 0) + 1)
    rows = [(to_python(t.subject), to_python(t.predicate), to_python(t.object))
            for t in triples]
    return _capped(QueryResult(["subject", "predicate", "object"], rows), limit)


def _capped(result: QueryResult, limit: int | None) -> QueryResult:
    if limit is not None and len(result.rows) > max(limit, 0):
        result.rows = result.rows[: max(limit, 0)]
        result.truncated = True
    return result


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
    text = "".join(c if c.isprintable() else " " for c in display(value))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """Render a :class:`QueryResult` as an aligned ``table``, ``csv`` or ``json``.

    Tables cut cells at ``max_width`` characters, show control characters as spaces and
    ids readably (:func:`display`: ``paper:63440a16e2feafbf``, ``dataset:imagenet``); CSV
    and JSON keep every value exactly.

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
