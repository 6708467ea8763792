"""Read OpenAlex works (single work, or a ``{"meta", "results"}`` list page)."""

from __future__ import annotations

from kg.records import Paper
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper, normalise_arxiv_id

FORMAT = "openalex"
_PREFIX = "https://openalex.org/"


def is_openalex(obj: object) -> bool:
    """True for any OpenAlex entity (work, author, institution…)."""
    return isinstance(obj, dict) and str(obj.get("id", "")).startswith(_PREFIX)


def rebuild_abstract(inverted_index: dict[str, list[int]]) -> str:
    """The abstract text from OpenAlex's ``abstract_inverted_index`` (word → positions).

    Examples
    --------
    >>> rebuild_abstract({"graphs": [2], "Knowledge": [0], "help.": [3], "can": [1]})
    'Knowledge can graphs help.'
    """
    slots = sorted((position, word) for word, positions in inverted_index.items()
                   for position in positions)
    return " ".join(word for _, word in slots)


def from_openalex(obj: dict, source: dict) -> Paper | Problem:
    """One paper record from an OpenAlex work; other OpenAlex entities are reported.

    Examples
    --------
    >>> src = {"file": "oa.json", "line": 1, "format": FORMAT}
    >>> str(from_openalex({"id": "https://openalex.org/A5048491430", "display_name": "H. P."}, src))
    'oa.json:1: an OpenAlex author record (A5048491430), not a paper: kg reads works (/works/W…)'
    """
    short = str(obj["id"]).removeprefix(_PREFIX)
    if not short.startswith("W"):
        kind = {"A": "author", "I": "institution", "S": "source", "C": "concept",
                "T": "topic", "P": "publisher", "F": "funder"}.get(short[:1], "non-work")
        return Problem(source["file"], source["line"],
                       f"an OpenAlex {kind} record ({short}), not a paper: kg reads works (/works/W…)")
    inverted = obj.get("abstract_inverted_index")
    if not inverted:
        return Problem(source["file"], source["line"], f"OpenAlex work {short} has no abstract")
    ids = obj.get("ids") or {}
    landing = [loc.get("landing_page_url") or "" for loc in obj.get("locations") or []]
    arxiv = next((a for a in map(normalise_arxiv_id, landing) if a), None)
    venue = ((obj.get("primary_location") or {}).get("source") or {}).get("display_name")
    return make_paper(
        abstract=rebuild_abstract(inverted),
        source=source,
        title=obj.get("title") or obj.get("display_name"),
        authors=[
            author((a.get("author") or {}).get("display_name") or a.get("raw_author_name") or "",
                   [i["display_name"] for i in a.get("institutions") or [] if i.get("display_name")])
            for a in obj.get("authorships") or []
            if (a.get("author") or {}).get("display_name") or a.get("raw_author_name")
        ],
        date=obj.get("publication_date") or obj.get("publication_year"),
        arxiv_id=arxiv,
        doi=obj.get("doi") or ids.get("doi"),
        ids={"openalex": short, "mag": ids.get("mag"),
             "pmid": str(ids.get("pmid") or "").rsplit("/", 1)[-1] or None},
        venue=venue,
    )
