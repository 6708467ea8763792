"""Read JSON and JSON Lines of paper objects: plain records, Semantic Scholar, OpenAlex.

One reader serves every JSON shape because the shape is a property of each object, not
of the file: a JSON Lines dump may mix them, an OpenAlex page wraps them in
``{"meta", "results"}`` and a Semantic Scholar batch puts ``null`` where an id missed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.records import Paper
from kg.sources.openalex import from_openalex, is_openalex
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper
from kg.sources.semantic_scholar import from_s2_paper, is_s2_paper

FORMAT = "json"
_DECODER = json.JSONDecoder()


def sniff(text: str) -> bool:
    """True when the text starts like JSON (an object or an array)."""
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def parse_json(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of a JSON document or of JSON Lines, one problem per unreadable object.

    Examples
    --------
    >>> lines = ('{"title": "A", "abstract": "First.", "authors": ["Ann Lee"], "year": 2020}\\n'
    ...          '{"title": "B", "abstract": \\n')
    >>> [x["title"] if isinstance(x, dict) else str(x) for x in parse_json(lines, "p.jsonl")]
    ['A', 'p.jsonl:2: invalid JSON: Expecting value']
    """
    stripped = text.lstrip("\ufeff")
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError:
        yield from _parse_lines(stripped, file)
        return
    yield from _parse_value(document, file, 1)


def _parse_lines(text: str, file: str) -> Iterator[Paper | Problem]:
    if text.lstrip().startswith("["):
        yield from _salvage_array(text, file)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(file, number, f"invalid JSON: {error.msg}")
            continue
        yield from _parse_value(value, file, number)


def _salvage_array(text: str, file: str) -> Iterator[Paper | Problem]:
    """Read the complete elements of a JSON array that breaks off or goes bad midway."""
    position = text.index("[") + 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return
        line = text.count("\n", 0, position) + 1
        try:
            value, position = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield Problem(file, line, f"invalid JSON: {error.msg}; the rest of the array is lost")
            return
        yield from _parse_value(value, file, line)


def _parse_value(value: object, file: str, line: int) -> Iterator[Paper | Problem]:
    if isinstance(value, list):
        for item in value:
            if item is None:  # a batch lookup that found nothing: not an error in the file
                continue
            yield from _parse_value(item, file, line)
        return
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        yield from _parse_value(value["results"], file, line)  # OpenAlex list page
        return
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        yield from _parse_value(value["data"], file, line)  # Semantic Scholar search page
        return
    if not isinstance(value, dict):
        yield Problem(file, line, f"expected a paper object, found {type(value).__name__}")
        return
    yield from_object(value, file, line)


def from_object(obj: dict, file: str, line: int) -> Paper | Problem:
    """One paper from a JSON object of any known shape."""
    if is_openalex(obj):
        return from_openalex(obj, {"file": file, "line": line, "format": "openalex"})
    if is_s2_paper(obj):
        return from_s2_paper(obj, {"file": file, "line": line, "format": "semantic-scholar"})
    return from_plain_record(obj, {"file": file, "line": line, "format": FORMAT})


def from_plain_record(obj: dict, source: dict) -> Paper | Problem:
    """A paper from a plain record (``title``, ``abstract``, ``authors``, ``year``…).

    This is the shape of the ACL Anthology dump and of ``kg extract``'s own output, so
    kg reads back what it writes.
    """
    abstract = obj.get("abstract") or obj.get("summary") or ""
    if not isinstance(abstract, str) or not abstract.strip():
        return Problem(source["file"], source["line"],
                       f"record {obj.get('id') or obj.get('title') or ''} has no abstract".replace("  ", " "))
    record_id = str(obj.get("id") or "")
    ids = {"acl": record_id} if record_id and "aclanthology.org" in str(obj.get("url")) else {}
    return make_paper(
        abstract=obj.get("abstract_raw") or abstract,
        source=source,
        title=obj.get("title"),
        authors=[_author(a) for a in obj.get("authors") or [] if _author_name(a)],
        authors_complete=obj.get("authors_complete", True) is not False,
        date=obj.get("date") or obj.get("published") or obj.get("year"),
        arxiv_id=obj.get("arxiv_id") or obj.get("arxiv") or obj.get("eprint")
        or (record_id if record_id[:1].isdigit() and "." in record_id else None),
        doi=obj.get("doi"),
        ids={**ids, **{k: v for k, v in (obj.get("ids") or {}).items() if isinstance(v, str)}},
        category=obj.get("category"),
        venue=obj.get("venue"),
    ) | ({"claims": obj["claims"]} if isinstance(obj.get("claims"), list) else {})


def _author_name(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return str(value.get("name") or value.get("display_name") or "").strip()
    return ""


def _author(value: object):
    if not isinstance(value, dict):
        return author(_author_name(value))
    record = author(_author_name(value), [a for a in value.get("affiliations", []) if isinstance(a, str)])
    if value.get("origin") == "list":  # kg's own output keeps who stated the authorship
        record["origin"] = "list"
    record["lists"] = [x for x in value.get("lists", []) if isinstance(x, str)]
    return record
