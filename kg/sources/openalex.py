"""Read OpenAlex works (single work, or a ``{"meta", "results"}`` list page)."""

from __future__ import annotations

from kg.records import Paper
from kg.sources.fields import Fields
from kg.sources.limits import MAX_ABSTRACT_CHARS
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper, normalise_arxiv_id

FORMAT = "openalex"
_PREFIX = "https://openalex.org/"


def is_openalex(obj: object) -> bool:
    """True for any OpenAlex entity (work, author, institution…)."""
    return isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj["id"].startswith(_PREFIX)


def rebuild_abstract(inverted_index: dict, fields: Fields | None = None) -> str:
    """The abstract text from OpenAlex's ``abstract_inverted_index`` (word → positions).

    A position that is not a whole number from 0 is dropped, a bare number stands for a list of
    one; each is noted in ``fields`` when given. Words placed past
    ``MAX_ABSTRACT_CHARS`` positions are not rebuilt (the abstract would be cut anyway).

    Examples
    --------
    >>> rebuild_abstract({"graphs": [2], "Knowledge": [0], "help.": [3], "can": [1]})
    'Knowledge can graphs help.'
    >>> f = Fields({}, "oa.json", 1)
    >>> rebuild_abstract({"a": 0, "b": ["1"], "c": [2, None, 10**12]}, f)
    'a c'
    >>> for note in f.notes: print(note.message)
    abstract_inverted_index: 2 positions are not whole numbers from 0; dropped
    abstract_inverted_index: 1 positions past 100,000, the abstract limit; dropped
    """
    slots = []
    bad = past = 0
    for word, positions in inverted_index.items():
        if isinstance(positions, int) and not isinstance(positions, bool):
            positions = [positions]
        elif not isinstance(positions, list):
            bad += 1
            continue
        for position in positions:
            if not isinstance(position, int) or isinstance(position, bool) or position < 0:
                bad += 1
            elif position >= MAX_ABSTRACT_CHARS:
                past += 1
            else:
                slots.append((position, word))
    if fields is not None:
        if bad:
            fields.note("abstract_inverted_index", f"{bad} positions are not whole numbers from 0; dropped")
        if past:
            fields.note("abstract_inverted_index",
                        f"{past} positions past {MAX_ABSTRACT_CHARS:,}, the abstract limit; dropped")
    slots.sort()
    return " ".join(word for _, word in slots)


def from_openalex(obj: dict, source: dict, notes: list[Problem] | None = None) -> Paper | Problem:
    """One paper record from an OpenAlex work; other OpenAlex entities are reported.

    Examples
    --------
    >>> src = {"file": "oa.json", "line": 1, "format": FORMAT}
    >>> str(from_openalex({"id": "https://openalex.org/A5048491430", "display_name": "H. P."}, src))
    'oa.json:1: an OpenAlex author record (A5048491430), not a paper: kg reads works (/works/W…)'
    """
    fields = Fields(obj, source["file"], source["line"])
    short = obj["id"].removeprefix(_PREFIX)[:200]
    if not short.startswith("W"):
        kind = {"A": "author", "I": "institution", "S": "source", "C": "concept",
                "T": "topic", "P": "publisher", "F": "funder"}.get(short[:1], "non-work")
        return Problem(source["file"], source["line"],
                       f"an OpenAlex {kind} record ({short}), not a paper: kg reads works (/works/W…)")
    inverted = fields.mapping("abstract_inverted_index")
    abstract = rebuild_abstract(inverted, fields) if inverted else ""
    if not abstract.strip():
        if notes is not None:
            notes.extend(fields.notes)
        return Problem(source["file"], source["line"], f"OpenAlex work {short} has no abstract")
    ids = fields.child(fields.mapping("ids"), "ids.")
    landing = [fields.as_text(loc.get("landing_page_url"), f"locations[{i}].landing_page_url") or ""
               for i, loc in fields.objects("locations")]
    arxiv = next((a for a in map(normalise_arxiv_id, landing) if a), None)
    primary = fields.child(fields.mapping("primary_location"), "primary_location.")
    venue = primary.child(primary.mapping("source"), "source.").text("display_name")
    pmid = ids.as_text(ids.obj.get("pmid"), "pmid", quiet_numbers=True) or ""
    paper = make_paper(
        abstract=abstract,
        source=source,
        title=fields.text("title") or fields.text("display_name"),
        authors=_authors(fields),
        date=fields.date("publication_date") or fields.date("publication_year"),
        arxiv_id=arxiv,
        doi=fields.text("doi", numbers=False) or ids.text("doi", numbers=False),
        ids={"openalex": short, "mag": ids.as_text(ids.obj.get("mag"), "mag", quiet_numbers=True),
             "pmid": pmid.rsplit("/", 1)[-1] or None},
        venue=venue,
        notes=fields.notes,
    )
    if notes is not None:
        notes.extend(fields.notes)
    return paper


def _authors(fields: Fields) -> list:
    out = []
    for index, authorship in fields.objects("authorships"):
        entry = fields.child(authorship, f"authorships[{index}].")
        person = entry.child(entry.mapping("author"), "author.")
        name = person.text("display_name", limit=None) or entry.text("raw_author_name", limit=None)
        if not name or not name.strip():
            continue
        institutions = [entry.child(i, f"institutions[{n}].").text("display_name")
                        for n, i in entry.objects("institutions")]
        out.append(author(name, [i for i in institutions if i]))
    return out

