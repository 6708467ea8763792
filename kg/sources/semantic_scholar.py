"""Read Semantic Scholar Graph API paper objects (single paper, batch list, search page)."""

from __future__ import annotations

from kg.records import Paper
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper

FORMAT = "semantic-scholar"


def is_s2_paper(obj: object) -> bool:
    """True for a Semantic Scholar paper object (it has a ``paperId``)."""
    return isinstance(obj, dict) and "paperId" in obj


def from_s2_paper(obj: dict, source: dict) -> Paper | Problem:
    """One paper record from a Graph API paper object.

    Examples
    --------
    >>> p = from_s2_paper({"paperId": "c31c", "title": "T", "abstract": "An abstract.",
    ...                    "externalIds": {"ArXiv": "1706.03762", "CorpusId": 1},
    ...                    "authors": [{"name": "A. Vaswani"}], "year": 2017},
    ...                   {"file": "s2.json", "line": 1, "format": FORMAT})
    >>> p["id"], p["ids"], p["date"]
    ('1706.03762', {'corpus': '1', 's2': 'c31c'}, '2017')
    """
    abstract = (obj.get("abstract") or "").strip()
    if not abstract:
        return Problem(source["file"], source["line"],
                       f"Semantic Scholar paper {obj.get('paperId')} has no abstract")
    external = obj.get("externalIds") or {}
    return make_paper(
        abstract=abstract,
        source=source,
        title=obj.get("title"),
        authors=[author(a["name"], a.get("affiliations") or [])
                 for a in obj.get("authors") or [] if a and a.get("name")],
        date=obj.get("publicationDate") or obj.get("year"),
        arxiv_id=external.get("ArXiv"),
        doi=external.get("DOI"),
        ids={"s2": obj.get("paperId"), "corpus": external.get("CorpusId"),
             "acl": external.get("ACL"), "dblp": external.get("DBLP"),
             "pmid": external.get("PubMed")},
        venue=obj.get("venue") or None,
    )
