"""Build paper records from the fields a reader found, filling the derived fields once."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date as Date

from kg.records import Author, Paper
from kg.sources.limits import MAX_ABSTRACT_CHARS, MAX_FIELD_CHARS, MAX_NAME_CHARS, MAX_NAMES
from kg.sources.problems import Problem
from kg.sources.text import clean_text, code_urls, detect_language, find_arxiv_ids, find_urls

_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}$")
_ARXIV_OLD = re.compile(r"^[a-z\-]+(\.[A-Z]{2})?/\d{7}$")
_ARXIV_VERSION = re.compile(r"v\d+$")
_ARXIV_URL = re.compile(r"^(https?://)?(export\.)?arxiv\.org/(abs|pdf)/")
_ARXIV_SCHEME = re.compile(r"^arxiv:", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:)", re.IGNORECASE)
# Publication-page metadata comes in a handful of date shapes.
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})$")
# A DOI: "10.", a registrant code, "/" and a suffix that is not empty.
_DOI = re.compile(r"^10\.[0-9][0-9.]*/\S")


def make_paper(
    *,
    abstract: str,
    source: dict,
    title: str | None = None,
    authors: list[Author] | None = None,
    authors_complete: bool = True,
    date: str | None = None,
    arxiv_id: str | None = None,
    doi: str | None = None,
    ids: dict[str, str] | None = None,
    category: str | None = None,
    venue: str | None = None,
    comment: str | None = None,
    affiliations: list[str] | None = None,
    notes: list[Problem] | None = None,
) -> Paper:
    """Make a clean paper record from raw reader fields.

    The abstract is cleaned (LaTeX spans to text, white space folded) with the raw text
    kept beside it; URLs, code URLs, cited arXiv ids and the language are derived from
    it; the id is the arXiv id when known, otherwise another external id, otherwise a
    hash of the title and abstract, so the same input always gets the same id.

    Work per record is bounded: an abstract over ``MAX_ABSTRACT_CHARS`` and a title, venue,
    category or comment over ``MAX_FIELD_CHARS`` are cut, an author name over
    ``MAX_NAME_CHARS`` is dropped, and authors past the first ``MAX_NAMES``; each cut is appended to ``notes`` as a
    :class:`~kg.sources.problems.Problem` naming the source's file and line.

    Examples
    --------
    >>> p = make_paper(abstract="We use $\\\\alpha$ [arxiv:1711.00937].",
    ...                source={"file": "a.txt", "line": 1, "format": "x"},
    ...                arxiv_id="arXiv:2005.14165v3", date="2020-05-28")
    >>> p["id"], p["abstract"], p["cited_arxiv_ids"], p["year"]
    ('2005.14165', 'We use α [arxiv:1711.00937].', ['1711.00937'], 2020)
    """
    bound = _Bound(source, notes)
    abstract = bound.cut("abstract", abstract, MAX_ABSTRACT_CHARS) or ""
    title, category, venue, comment = (bound.cut(name, value, MAX_FIELD_CHARS) for name, value in (
        ("title", title), ("category", category), ("venue", venue), ("comment", comment)))
    authors = bound.at_most("authors", [a for a in authors or [] if bound.name_fits("authors", a["name"])])
    affiliations = bound.at_most("affiliations", [a for a in affiliations or [] if bound.name_fits("affiliations", a)])
    clean = clean_text(abstract)
    arxiv = normalise_arxiv_id(arxiv_id)
    urls = find_urls(clean)
    iso = normalise_date(date)
    paper: Paper = {
        "id": "",
        "title": (clean_text(title) or None) if title else None,  # "\x1b" cleans to nothing
        "authors": list(authors or []),
        "authors_complete": authors_complete,
        "abstract": clean,
        "abstract_raw": abstract,
        "language": detect_language(clean),
        "date": iso,
        "year": int(iso[:4]) if iso else None,
        "arxiv_id": arxiv,
        "doi": normalise_doi(doi),
        "ids": {k: str(v) for k, v in sorted((ids or {}).items()) if v},
        "category": category,
        "venue": venue,
        "comment": comment,
        "affiliations": list(affiliations or []),
        "code_urls": code_urls(urls),
        "urls": urls,
        "cited_arxiv_ids": [a for a in find_arxiv_ids(clean) if a != arxiv],
        "claims": [],
        "sources": [source],
        "entities": [],
    }
    paper["id"] = paper_id(paper)
    return paper


class _Bound:
    """Cut the fields of one record to their limits, noting each cut."""

    def __init__(self, source: dict, notes: list[Problem] | None):
        self.source, self.notes = source, notes

    def _note(self, field: str, what: str) -> None:
        if self.notes is not None:
            self.notes.append(Problem(self.source["file"], self.source["line"], f"{field}: {what}"))

    def cut(self, field: str, value: object, limit: int) -> str | None:
        if not isinstance(value, str):
            return None
        if len(value) <= limit:
            return value
        self._note(field, f"{len(value):,} characters, over the {limit:,}-character limit; "
                   f"only the first {limit:,} are read")
        space = value.rfind(" ", limit - 1000, limit + 1)
        return value[:space if space > 0 else limit]

    def at_most(self, field: str, names: list) -> list:
        if len(names) <= MAX_NAMES:
            return names
        self._note(field, f"{len(names):,} names, over the {MAX_NAMES:,}-name limit; only the first {MAX_NAMES:,} are read")
        return names[:MAX_NAMES]

    def name_fits(self, field: str, name: str) -> bool:
        if len(name) <= MAX_NAME_CHARS:
            return True
        self._note(field, f"a name of {len(name):,} characters (over {MAX_NAME_CHARS}) is not a name; dropped")
        return False


def paper_id(paper: Paper) -> str:
    """The record's id: arXiv id, else DOI, else another external id, else a content hash.

    Examples
    --------
    >>> paper_id({"arxiv_id": None, "doi": "10.18653/v1/p16-1001", "ids": {}})
    'doi:10.18653/v1/p16-1001'
    >>> paper_id({"arxiv_id": None, "doi": None, "ids": {}, "title": "T", "abstract": "A"})
    'kg:12209ae1377307dc'
    """
    if paper.get("arxiv_id"):
        return paper["arxiv_id"]
    if paper.get("doi"):
        return "doi:" + paper["doi"]
    for scheme in ("openalex", "s2", "acl", "dblp", "pmid"):
        if paper.get("ids", {}).get(scheme):
            return f"{scheme}:{paper['ids'][scheme]}"
    basis = _fingerprint_text((paper.get("title") or "") + "\n" + (paper.get("abstract") or ""))
    return "kg:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _fingerprint_text(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def normalise_arxiv_id(value: str | None) -> str | None:
    """``"arXiv:2005.14165v3"`` or an abs URL → ``"2005.14165"``; anything else → ``None``.

    Examples
    --------
    >>> normalise_arxiv_id("http://arxiv.org/abs/cond-mat/0102536v1")
    'cond-mat/0102536'
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    value = _ARXIV_SCHEME.sub("", _ARXIV_URL.sub("", value))
    value = _ARXIV_VERSION.sub("", value.removesuffix(".pdf"))
    return value if _ARXIV_NEW.match(value) or _ARXIV_OLD.match(value) else None


def normalise_doi(value: str | None) -> str | None:
    """A DOI in lower case without its resolver prefix, or ``None``.

    Every character of the suffix is kept (``10.1234/<>`` and ``10.1234/-->`` are two DOIs);
    a DOI without a suffix is no DOI.

    Examples
    --------
    >>> normalise_doi("https://doi.org/10.1145/3292500.3330701")
    '10.1145/3292500.3330701'
    >>> normalise_doi("10.1234/"), normalise_doi("10.1234/ "), normalise_doi(10.5)
    (None, None, None)
    """
    if not value or not isinstance(value, str):
        return None
    value = _DOI_PREFIX.sub("", value.strip())
    return value.lower() if _DOI.match(value) else None


def normalise_date(value: str | int | None) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) from the shapes scrapes use.

    Examples
    --------
    >>> normalise_date("Mar 15, 2023"), normalise_date("2017-06-12T17:57:34Z"), normalise_date(2020)
    ('2023-03-15', '2017-06-12', '2020')
    """
    if value is None or value == "":
        return None
    text = str(value).strip()
    if match := _MONTH_DAY_YEAR.match(text):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            return _checked(int(match.group(3)), month, int(match.group(2)))
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
        if day:
            return _checked(int(year), int(month), int(day))
        return f"{year}-{month}" if month else year
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return Date(year, month, day).isoformat()
    except ValueError:
        return None


def author(name: str, affiliations: list[str] | None = None) -> Author:
    """An author read from the paper's own metadata.

    Examples
    --------
    >>> author("  Łukasz   Kaiser ")
    {'name': 'Łukasz Kaiser', 'affiliations': [], 'origin': 'paper', 'lists': []}
    """
    return {
        "name": " ".join(unicodedata.normalize("NFC", name).split()),
        "affiliations": [a.strip() for a in affiliations or [] if a and a.strip()],
        "origin": "paper",
        "lists": [],
    }
