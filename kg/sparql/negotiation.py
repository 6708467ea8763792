"""Choose a result format from an HTTP ``Accept`` header (q-values, wildcards, specificity).

SPARQL clients send combined headers such as ``application/sparql-results+xml,
application/rdf+xml;q=0.9, */*;q=0.1`` and expect the best format *for the kind of
answer* (solutions or a graph), so negotiation happens once the query's form is known.
Each offer gets the q-value of the most specific range that matches it (RFC 9110,
12.5.1); the highest wins and ties go to the server's order, so the choice is
deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph


@dataclass(frozen=True)
class Offer:
    """A media type the endpoint can answer with, and the serialiser behind it."""

    media_type: str
    format: pyoxigraph.QueryResultsFormat | pyoxigraph.RdfFormat
    content_type: str


_JSON, _XML = pyoxigraph.QueryResultsFormat.JSON, pyoxigraph.QueryResultsFormat.XML
_CSV, _TSV = pyoxigraph.QueryResultsFormat.CSV, pyoxigraph.QueryResultsFormat.TSV

#: Offers for SELECT and ASK answers, in the server's order of preference.
SOLUTION_OFFERS: tuple[Offer, ...] = (
    Offer("application/sparql-results+json", _JSON, "application/sparql-results+json"),
    Offer("application/sparql-results+xml", _XML, "application/sparql-results+xml; charset=utf-8"),
    Offer("text/csv", _CSV, "text/csv; charset=utf-8"),
    Offer("text/tab-separated-values", _TSV, "text/tab-separated-values; charset=utf-8"),
    Offer("application/json", _JSON, "application/sparql-results+json"),
    Offer("application/xml", _XML, "application/sparql-results+xml; charset=utf-8"),
    Offer("text/xml", _XML, "application/sparql-results+xml; charset=utf-8"),
)

#: Offers for CONSTRUCT and DESCRIBE answers.
GRAPH_OFFERS: tuple[Offer, ...] = (
    Offer("text/turtle", pyoxigraph.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    Offer("application/n-triples", pyoxigraph.RdfFormat.N_TRIPLES, "application/n-triples"),
    Offer("application/rdf+xml", pyoxigraph.RdfFormat.RDF_XML, "application/rdf+xml; charset=utf-8"),
    Offer("application/ld+json", pyoxigraph.RdfFormat.JSON_LD, "application/ld+json"),
    Offer("text/plain", pyoxigraph.RdfFormat.N_TRIPLES, "application/n-triples"),
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their q-values (``*/*`` when empty).

    A range whose q-value does not parse counts as ``q=0`` (not acceptable).

    Examples
    --------
    >>> parse_accept("application/sparql-results+xml, application/rdf+xml;q=0.9, */*;q=0.1")
    [('application/sparql-results+xml', 1.0), ('application/rdf+xml', 0.9), ('*/*', 0.1)]
    >>> parse_accept("")
    [('*/*', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges or [("*/*", 1.0)]


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    kind = media_type.split("/")[0]
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == media_type:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = q, rank
    return best


def choose(header: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The offer the ``Accept`` header prefers, or ``None`` when it accepts none.

    Examples
    --------
    >>> combined = "application/sparql-results+xml, application/rdf+xml;q=0.9, */*;q=0.1"
    >>> choose(combined, SOLUTION_OFFERS).media_type, choose(combined, GRAPH_OFFERS).media_type
    ('application/sparql-results+xml', 'application/rdf+xml')
    >>> choose("text/csv;q=0.5, text/*;q=0.8", SOLUTION_OFFERS).media_type
    'text/tab-separated-values'
    >>> choose("image/png", SOLUTION_OFFERS) is None
    True
    """
    ranges = parse_accept(header)
    scored = [(_quality(offer.media_type, ranges), -i, offer) for i, offer in enumerate(offers)]
    q, _, offer = max(scored, key=lambda item: item[:2])
    return offer if q > 0 else None
