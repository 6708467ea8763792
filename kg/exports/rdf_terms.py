"""The plain RDF terms an export is made of: vocabularies, IRIs minted from node keys, literals.

The mapping (:mod:`kg.exports.rdf_mapping`) and the writers (:mod:`kg.exports.rdf_writers`)
pass terms as plain Python values rather than rdflib objects, because building ~8 million
rdflib terms was most of the old export's time and memory:

* an IRI is a ``str`` (always safe: minted here or checked by pyoxigraph);
* a literal is a ``(lexical, datatype)`` tuple, ``datatype`` the full IRI or ``""`` for a
  plain ``xsd:string``; the lexical form is already valid RDF text (no lone surrogates).

Instance IRIs are ``base`` + the graph's node keys (``https://w3id.org/kg/id/paper/2001.04451``),
percent-encoded so no scraped string can break them.
"""

from __future__ import annotations

import math
import re
from urllib.parse import quote

import pyoxigraph

DEFAULT_BASE = "https://w3id.org/kg/id/"
ONTOLOGY = "https://w3id.org/kg/ontology#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes written in Turtle and JSON-LD, longest namespace wins when compacting.
VOCABULARIES: dict[str, str] = {
    "kg": ONTOLOGY,
    "rdf": RDF_NS,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD_NS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "fabio": "http://purl.org/spar/fabio/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "mls": "http://www.w3.org/ns/mls#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "void": "http://rdfs.org/ns/void#",
}

#: Instance namespaces under ``base``: prefix name → path segment.
INSTANCE_PREFIXES = ("paper", "author", "organization", "code", "model", "dataset",
                     "method", "task", "metric", "authorship", "claim", "source")

Literal = tuple[str, str]
Term = str | Literal

RDF_TYPE = RDF_NS + "type"
XSD_STRING = XSD_NS + "string"
XSD_INTEGER = XSD_NS + "integer"
XSD_DOUBLE = XSD_NS + "double"
XSD_DATE = XSD_NS + "date"
XSD_GYEAR = XSD_NS + "gYear"
XSD_GYEARMONTH = XSD_NS + "gYearMonth"

_SURROGATES = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]*")
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def v(curie: str) -> str:
    """The full IRI of a vocabulary term written as a CURIE (``"kg:Paper"``).

    Examples
    --------
    >>> v("rdfs:label")
    'http://www.w3.org/2000/01/rdf-schema#label'
    """
    prefix, local = curie.split(":", 1)
    return VOCABULARIES[prefix] + local


def clean_text(text: str) -> str:
    """Make ``text`` a valid RDF string: lone surrogates become U+FFFD, the rest stays.

    Examples
    --------
    >>> clean_text("ok \\ud800 \\"quoted\\"")
    'ok \\ufffd "quoted"'
    """
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def string(text) -> Literal:
    """A plain string literal of ``text`` (any value, made text)."""
    if type(text) is not str:
        text = str(text)
    if not text.isascii() and _SURROGATES.search(text):  # isascii is O(1): most text is
        text = _SURROGATES.sub("\ufffd", text)
    return text, ""


def integer(value) -> Literal:
    """An ``xsd:integer`` literal in canonical form."""
    return str(value if type(value) is int else int(value)), XSD_INTEGER


def double(value) -> Literal:
    """An ``xsd:double`` literal; ``repr`` gives the shortest form that reads back exactly."""
    number = float(value)
    if number - number == 0:  # finite
        return repr(number), XSD_DOUBLE
    if math.isnan(number):
        return "NaN", XSD_DOUBLE
    return ("INF" if number > 0 else "-INF"), XSD_DOUBLE


def issued(date: str | None, year) -> Literal | None:
    """``dcterms:issued`` of a paper: an ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``.

    Examples
    --------
    >>> issued("2020-13-45", 2020), issued(None, 2019), issued("2021-05-02", None)
    (('2020', 'http://www.w3.org/2001/XMLSchema#gYear'), ('2019', 'http://www.w3.org/2001/XMLSchema#gYear'), ('2021-05-02', 'http://www.w3.org/2001/XMLSchema#date'))
    """
    match = _DATE.match(date or "")
    if match and match.group(3) and 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31:
        return match.group(0), XSD_DATE
    if match and match.group(2) and 1 <= int(match.group(2)) <= 12:
        return match.group(0), XSD_GYEARMONTH
    if match:
        return match.group(1), XSD_GYEAR
    if isinstance(year, int) and 0 < year < 10000:
        return f"{year:04d}", XSD_GYEAR
    return None


def encode_segment(segment: str) -> str:
    """One path segment made IRI-safe: outside ``[A-Za-z0-9._~-]`` %-encoded, ``%XX`` kept."""
    if _PLAIN_SEGMENT.fullmatch(segment):  # the common case, without urllib's slower path
        encoded = segment
    else:
        encoded = _STRAY_PERCENT.sub("%25", quote(segment, safe="%", errors="surrogatepass"))
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def encode_path(key: str) -> str:
    """A node key made an IRI-safe relative path, segment by segment."""
    return "/".join(encode_segment(segment) for segment in key.split("/"))


def key_iri(base: str, key: str) -> str:
    """IRI of a node key under ``base``; anything outside ``[A-Za-z0-9._~-]`` is %-encoded.

    A ``%XX`` escape already in the key (paper keys escape their ids) is kept as it is.

    Examples
    --------
    >>> key_iri(DEFAULT_BASE, "paper/2001.04451")
    'https://w3id.org/kg/id/paper/2001.04451'
    >>> key_iri(DEFAULT_BASE, 'model/a"b> <c/..')
    'https://w3id.org/kg/id/model/a%22b%3E%20%3Cc/%2E%2E'
    >>> key_iri(DEFAULT_BASE, "paper/doi%3A10.1%2Fx%")
    'https://w3id.org/kg/id/paper/doi%3A10.1%2Fx%25'
    """
    return base + encode_path(key)


def safe_iri(url: str | None) -> str | None:
    """``url`` as an http(s) IRI, with unsafe characters %-encoded, or ``None``.

    Examples
    --------
    >>> safe_iri("https://github.com/google/trax")
    'https://github.com/google/trax'
    >>> safe_iri('https://x.org/a b"><script>')
    'https://x.org/a%20b%22%3E%3Cscript%3E'
    >>> safe_iri("javascript:alert(1)") is None
    True
    """
    if not url or not re.match(r"^https?://[^\s/?#]", url.strip(), re.IGNORECASE):
        return None
    encoded = quote(clean_text(url.strip()), safe=":/?#[]@!$&'()*+,;=%~", errors="replace")
    try:
        pyoxigraph.NamedNode(encoded)
    except ValueError:
        return None
    return encoded


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute IRI ending in ``/`` or ``#``, else raise.

    Examples
    --------
    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("not an iri")
    Traceback (most recent call last):
    ...
    ValueError: base must be an absolute IRI ending in '/' or '#': 'not an iri'
    """
    ok = base.endswith(("/", "#")) and not IRI_FORBIDDEN.search(base)
    if ok:
        try:
            pyoxigraph.NamedNode(base)
        except ValueError:
            ok = False
    if not ok or ":" not in base:
        raise ValueError(f"base must be an absolute IRI ending in '/' or '#': {base!r}")
    return base


def prefixes(base: str) -> dict[str, str]:
    """Every prefix an export declares: the vocabularies and the instance namespaces."""
    out = dict(VOCABULARIES)
    for name in INSTANCE_PREFIXES:
        out[name] = base + name + "/"
    return out
