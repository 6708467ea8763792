"""Read a plain JSON paper record: the ACL Anthology dump's shape, and kg's own output."""

from __future__ import annotations

from kg.records import Author, Claim, Paper
from kg.sources.fields import Fields, kind_of
from kg.sources.limits import MAX_NAME_CHARS, excerpt
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper

FORMAT = "json"
_CLAIM_TEXT = ("owner", "file", "manifest")
_CLAIM_OPTIONAL = ("scraped_from", "note")
_RELATIONS = ("author", "not-author")


def from_plain_record(obj: dict, source: dict, notes: list[Problem] | None = None) -> Paper | Problem:
    """A paper from a plain record (``title``, ``abstract``, ``authors``, ``year``…).

    This is the shape of the ACL Anthology dump and of ``kg extract``'s own output, so
    kg reads back what it writes. A value of the wrong type is coerced or dropped and
    noted in ``notes``; a record without a usable abstract is the returned problem.

    Examples
    --------
    >>> notes = []
    >>> p = from_plain_record({"title": 123, "abstract": "We study graphs.", "doi": 10.5,
    ...                        "authors": ["Ann Lee", 7]}, {"file": "a.jsonl", "line": 2, "format": FORMAT},
    ...                       notes)
    >>> p["title"], [a["name"] for a in p["authors"]], p["doi"]
    ('123', ['Ann Lee'], None)
    >>> [str(n) for n in notes]  # doctest: +NORMALIZE_WHITESPACE
    ['a.jsonl:2: title: a number, read as text', 'a.jsonl:2: authors[1]: a number, not an author; dropped',
     'a.jsonl:2: doi: a number, not text; ignored']
    """
    fields = Fields(obj, source["file"], source["line"])
    abstract = (fields.text("abstract_raw", numbers=False, limit=None)
                or fields.text("abstract", numbers=False, limit=None)
                or fields.text("summary", numbers=False, limit=None))
    if not abstract or not abstract.strip():
        label = next((str(v) for v in (obj.get("id"), obj.get("title")) if isinstance(v, (str, int)) and str(v).strip()), "")
        _flush(fields, notes)
        return Problem(source["file"], source["line"],
                       f"record {excerpt(label, 60)} has no abstract" if label else "record has no abstract")
    record_id = fields.text("id", limit=200) or ""
    url = fields.text("url") or ""
    ids = {"acl": record_id} if record_id and "aclanthology.org" in url else {}
    paper = make_paper(
        abstract=abstract,
        source=source,
        title=fields.text("title"),
        authors=[a for i, value in enumerate(fields.items("authors")) if (a := _author(fields, i, value))],
        authors_complete=obj.get("authors_complete", True) is not False,
        date=fields.date("date") or fields.date("published") or fields.date("year"),
        arxiv_id=fields.text("arxiv_id", numbers=False) or fields.text("arxiv", numbers=False)
        or fields.text("eprint", numbers=False)
        or (record_id if record_id[:1].isdigit() and "." in record_id else None),
        doi=fields.text("doi", numbers=False),
        ids={**ids, **fields.string_map("ids")},
        category=fields.text("category"),
        venue=fields.text("venue"),
        notes=fields.notes,
    )
    claims = _claims(fields)
    _flush(fields, notes)
    if claims:
        paper["claims"] = claims
    return paper


def _flush(fields: Fields, notes: list[Problem] | None) -> None:
    if notes is not None:
        notes.extend(fields.notes)


def _author(fields: Fields, index: int, value: object) -> Author | None:
    where = f"authors[{index}]"
    if isinstance(value, str):
        return author(value) if value.strip() else None  # make_paper drops an overlong name
    if not isinstance(value, dict):
        fields.note(where, f"{kind_of(value)}, not an author; dropped")
        return None
    entry = fields.child(value, where + ".")
    name = entry.text("name", limit=None) or entry.text("display_name", limit=None)
    if not name or not name.strip():
        return None
    record = author(name, entry.texts("affiliations", limit=MAX_NAME_CHARS))
    if value.get("origin") == "list":  # kg's own output keeps who stated the authorship
        record["origin"] = "list"
    record["lists"] = entry.texts("lists")
    return record


def _claims(fields: Fields) -> list[Claim]:
    """kg's own ``claims``, each checked field by field (a bad claim is dropped, not kept)."""
    out: list[Claim] = []
    for index, claim in fields.objects("claims"):
        entry = fields.child(claim, f"claims[{index}].")
        values = {k: entry.text(k, numbers=False, join=False) for k in _CLAIM_TEXT + _CLAIM_OPTIONAL}
        relation = claim.get("relation")
        if any(not values[k] for k in _CLAIM_TEXT) or relation not in _RELATIONS:
            fields.note(f"claims[{index}]", "needs owner, relation (author or not-author), file and manifest; dropped")
            continue
        out.append({"owner": values["owner"], "relation": relation, "file": values["file"],
                    "scraped_from": values["scraped_from"], "manifest": values["manifest"],
                    "note": values["note"]})
    return out

