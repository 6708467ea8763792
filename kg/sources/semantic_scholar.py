"""Read Semantic Scholar Graph API paper objects (single paper, batch list, search page)."""

from __future__ import annotations

from kg.records import Paper
from kg.sources.fields import Fields
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper

FORMAT = "semantic-scholar"


def is_s2_paper(obj: object) -> bool:
    """True for a Semantic Scholar paper object (it has a ``paperId``)."""
    return isinstance(obj, dict) and "paperId" in obj


def from_s2_paper(obj: dict, source: dict, notes: list[Problem] | None = None) -> Paper | Problem:
    """One paper record from a Graph API paper object; values of the wrong type go to ``notes``.

    Examples
    --------
    >>> p = from_s2_paper({"paperId": "c31c", "title": "T", "abstract": "An abstract.",
    ...                    "externalIds": {"ArXiv": "1706.03762", "CorpusId": 1},
    ...                    "authors": [{"name": "A. Vaswani"}], "year": 2017},
    ...                   {"file": "s2.json", "line": 1, "format": FORMAT})
    >>> p["id"], p["ids"], p["date"]
    ('1706.03762', {'corpus': '1', 's2': 'c31c'}, '2017')
    >>> notes = []
    >>> str(from_s2_paper({"paperId": 7, "abstract": ["x"], "externalIds": []},
    ...                   {"file": "s2.json", "line": 4, "format": FORMAT}, notes)["ids"])
    "{'s2': '7'}"
    >>> [str(n) for n in notes]  # doctest: +NORMALIZE_WHITESPACE
    ['s2.json:4: paperId: a number, read as text', 's2.json:4: abstract: a list of text, joined',
     's2.json:4: externalIds: a list, not an object; ignored']
    """
    fields = Fields(obj, source["file"], source["line"])
    paper_id = fields.text("paperId", join=False, limit=200)
    abstract = (fields.text("abstract", numbers=False, limit=None) or "").strip()
    if not abstract:
        if notes is not None:
            notes.extend(fields.notes)
        return Problem(source["file"], source["line"], f"Semantic Scholar paper {paper_id} has no abstract")
    external = fields.child(fields.mapping("externalIds"), "externalIds.")
    authors = []
    for index, entry in fields.objects("authors"):
        person = fields.child(entry, f"authors[{index}].")
        name = person.text("name", limit=None)
        if name and name.strip():
            authors.append(author(name, person.texts("affiliations")))
    paper = make_paper(
        abstract=abstract,
        source=source,
        title=fields.text("title"),
        authors=authors,
        date=fields.date("publicationDate") or fields.date("year"),
        arxiv_id=external.text("ArXiv", numbers=False),
        doi=external.text("DOI", numbers=False),
        ids={"s2": paper_id, "corpus": external.as_text(external.obj.get("CorpusId"), "CorpusId", quiet_numbers=True),
             "acl": external.text("ACL"), "dblp": external.text("DBLP"),
             "pmid": external.as_text(external.obj.get("PubMed"), "PubMed", quiet_numbers=True)},
        venue=fields.text("venue"),
        notes=fields.notes,
    )
    if notes is not None:
        notes.extend(fields.notes)
    return paper
