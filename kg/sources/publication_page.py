"""Read a publication page: a category+date line, the title glued to its authors, the abstract.

Such a page (``LGJan 13, 2020`` / ``Reformer: The Efficient TransformerNikita Kitaev,
Łukasz Kaiser, Anselm Levskaya`` / abstract) lost the markup between title and authors,
so the split is found where the rest of the line reads as a list of person names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Author, Paper
from kg.sources.problems import Problem
from kg.sources.record import author, make_paper

FORMAT = "publication-page"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_HEADER = re.compile(rf"^(?P<category>[A-Za-z][A-Za-z.\-]{{0,11}}?)(?P<date>{_MONTH} \d{{1,2}}, \d{{4}})\s*$")
# arXiv's archive of a bare subject-class code, as such pages show it.
_ARCHIVE = {"ML": "stat.ML", "ME": "stat.ME", "TH": "stat.TH", "AP": "stat.AP", "CO": "stat.CO",
            "NC": "q-bio.NC", "QM": "q-bio.QM", "AS": "eess.AS", "IV": "eess.IV", "SP": "eess.SP",
            "SY": "eess.SY", "OC": "math.OC", "ST": "math.ST", "IT": "cs.IT"}
_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du",
              "bin", "ibn", "al", "dos", "das", "ter", "ten", "y", "e"}
# A capital inside a name part is allowed only after a surname prefix (McCarthy, LeCun).
_SURNAME_PREFIXES = ("Mc", "Mac", "Le", "La", "De", "Di", "Da", "Du", "Van", "Von", "O'", "D'")
_ET_AL = re.compile(r",?\s*et\.? al\.?\s*$", re.IGNORECASE)


def sniff(text: str) -> bool:
    """True when category+date header lines (``LGMar 8, 2024``) start the records."""
    return sum(1 for line in text.splitlines() if _HEADER.match(line.strip())) >= 1


def parse_publication_page(text: str, file: str) -> Iterator[Paper | Problem]:
    """Papers of a publication page, with title, authors, date and arXiv category.

    Examples
    --------
    >>> page = ("LGJan 13, 2020\\nReformer: The Efficient TransformerNikita Kitaev, Łukasz Kaiser, "
    ...         "Anselm Levskaya\\nLarge Transformer models routinely achieve results.\\n")
    >>> [(p["title"], [a["name"] for a in p["authors"]], p["date"], p["category"])
    ...  for p in parse_publication_page(page, "k.txt")]
    [('Reformer: The Efficient Transformer', ['Nikita Kitaev', 'Łukasz Kaiser', 'Anselm Levskaya'], '2020-01-13', 'cs.LG')]
    """
    lines = text.splitlines()
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line.strip())]
    for n, index in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(lines)
        yield _record(lines, index, end, file)


def _record(lines: list[str], index: int, end: int, file: str) -> Paper | Problem:
    header = _HEADER.match(lines[index].strip())
    body = [(i, line.strip()) for i, line in enumerate(lines[index + 1:end], start=index + 1)
            if line.strip()]
    if len(body) < 2:
        return Problem(file, index + 1, "record has a header but no title or abstract")
    title, authors, complete, affiliations = split_title_authors(body[0][1])
    code = header.group("category")
    return make_paper(
        abstract=" ".join(line for _, line in body[1:]),
        source={"file": file, "line": index + 1, "format": FORMAT},
        title=title,
        authors=authors,
        authors_complete=complete,
        affiliations=affiliations,
        date=header.group("date"),
        category=_ARCHIVE.get(code, f"cs.{code}" if re.fullmatch(r"[A-Z]{2}", code) else code),
    )


def split_title_authors(line: str) -> tuple[str, list[Author], bool, list[str]]:
    """Split ``TitleFirst Last, First Last et al. · org, org`` into its parts.

    Returns the title, the authors, whether the list is complete (no "et al.") and the
    organizations after the middle dot. The split is the first place where a capital
    follows a letter or punctuation with no space and the rest reads as person names;
    a line with no such place is all title.

    Examples
    --------
    >>> title, authors, complete, orgs = split_title_authors(
    ...     "GPT-4 Technical ReportJosh Achiam, Steven Adler et al. · berkeley, deepmind")
    >>> title, [a["name"] for a in authors], complete, orgs
    ('GPT-4 Technical Report', ['Josh Achiam', 'Steven Adler'], False, ['berkeley', 'deepmind'])
    >>> split_title_authors("tsGT: Stochastic Time Series Modeling With TransformerŁukasz Kuciński")[0]
    'tsGT: Stochastic Time Series Modeling With Transformer'
    """
    for i in range(1, len(line)):
        if line[i].isupper() and not line[i - 1].isspace():
            if line[i - 1].isupper() and not (i + 1 < len(line) and line[i + 1].islower()):
                continue
            parsed = parse_author_list(line[i:])
            if parsed is not None:
                names, complete, orgs = parsed
                return line[:i].strip(), [author(n) for n in names], complete, orgs
    return line.strip(), [], False, []


def parse_author_list(text: str) -> tuple[list[str], bool, list[str]] | None:
    """Names, completeness and organizations of an author line, or ``None`` if it is not one.

    Examples
    --------
    >>> parse_author_list("Łukasz Kaiser, Ilya Sutskever")
    (['Łukasz Kaiser', 'Ilya Sutskever'], True, [])
    >>> parse_author_list("GT: Stochastic Time Series") is None
    True
    """
    people, _, orgs = text.partition("·")
    people = people.strip()
    complete = not _ET_AL.search(people)
    names = [n.strip() for n in _ET_AL.sub("", people).split(",")]
    if not names or not all(_is_person_name(n) for n in names):
        return None
    return names, complete, [o.strip() for o in orgs.split(",") if o.strip()]


def _is_person_name(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not token[0].isupper() or not all(c.isalpha() or c in "-'’." for c in token):
            return False
        if any(_is_glued(part) for part in token.split("-")):
            return False  # "PadJohn": two words glued together, not "McCarthy" or "LeCun"
        capitalised += 1
    return capitalised >= 2


def _is_glued(part: str) -> bool:
    """True for "AlgorithmsŁukasz" (two words run together), false for "McCarthy"."""
    body = part
    for prefix in _SURNAME_PREFIXES:
        if part.startswith(prefix) and len(part) > len(prefix) and part[len(prefix)].isupper():
            body = part[len(prefix):]
            break
    return any(a.islower() and b.isupper() for a, b in zip(body, body[1:]))
