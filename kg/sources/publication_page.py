"""Read a publication page: a category+date line, the title glued to its authors, the abstract.

Such a page (``LGJan 13, 2020`` / ``Reformer: The Efficient TransformerNikita Kitaev,
Łukasz Kaiser, Anselm Levskaya`` / abstract) lost the markup between title and authors,
so the split is found where the rest of the line reads as a list of person names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from kg.records import Author, Paper
from kg.sources.files import normalise_newlines
from kg.sources.limits import MAX_NAME_CHARS
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
# Searched only over the last 200 characters of the stripped author part: run over a long
# line of spaces, "\s*" before "et" tried at every position is quadratic.
_ET_AL_END = re.compile(r",?\s*et\.? al\.?$", re.IGNORECASE)


def sniff(text: str) -> bool:
    """True when category+date header lines (``LGMar 8, 2024``) start the records."""
    return any(_HEADER.match(line.strip()) for line in normalise_newlines(text).split("\n"))


def markers(text: str) -> int:
    """How many records category+date header lines start."""
    return sum(1 for line in normalise_newlines(text).split("\n") if _HEADER.match(line.strip()))


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
    lines = normalise_newlines(text).split("\n")
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
    a line with no such place is all title. Each place is tested in bounded time (a name
    is at most ``MAX_NAME_CHARS`` long; whether the names after a comma all read as
    person names is computed once per comma), so a long run of capitals stays linear.

    Examples
    --------
    >>> title, authors, complete, orgs = split_title_authors(
    ...     "GPT-4 Technical ReportJosh Achiam, Steven Adler et al. · berkeley, deepmind")
    >>> title, [a["name"] for a in authors], complete, orgs
    ('GPT-4 Technical Report', ['Josh Achiam', 'Steven Adler'], False, ['berkeley', 'deepmind'])
    >>> split_title_authors("tsGT: Stochastic Time Series Modeling With TransformerŁukasz Kuciński")[0]
    'tsGT: Stochastic Time Series Modeling With Transformer'
    """
    dots = [m.start() for m in re.finditer("·", line)]
    commas = [m.start() for m in re.finditer(",", line)]
    regions: dict[int, _AuthorRegion] = {}
    for i in range(1, len(line)):
        if not line[i].isupper() or line[i - 1].isspace():
            continue
        if line[i - 1].isupper() and not (i + 1 < len(line) and line[i + 1].islower()):
            continue
        k = bisect_left(dots, i)
        dot = dots[k] if k < len(dots) else len(line)
        region = regions.get(dot) or regions.setdefault(dot, _AuthorRegion(line, dot, commas))
        names = region.names_from(i)
        if names is not None:
            orgs = line[dot + 1:] if dot < len(line) else ""
            return (line[:i].strip(), [author(n) for n in names], region.complete,
                    [o.strip() for o in orgs.split(",") if o.strip()])
    return line.strip(), [], False, []


class _AuthorRegion:
    """The author part of a line that ends at a middle dot (or the line's end)."""

    def __init__(self, line: str, dot: int, commas: list[int]):
        self.line = line
        end = len(line[:dot].rstrip())
        et_al = _ET_AL_END.search(line, max(0, end - 200), end)
        self.complete = et_al is None
        self.end = et_al.start() if et_al else end
        self.commas = commas[:bisect_left(commas, self.end)]
        self.all_names_after: dict[int, bool] = {}  # comma index -> every later segment is a name

    def names_from(self, start: int) -> list[str] | None:
        if start >= self.end:
            return None
        k = bisect_left(self.commas, start)
        stop = self.commas[k] if k < len(self.commas) else self.end
        if stop - start > MAX_NAME_CHARS or not _is_person_name(self.line[start:stop].strip()):
            return None
        if k < len(self.commas) and not self._rest_are_names(k):
            return None
        return [self.line[start:stop].strip()] + [self._segment(n) for n in range(k, len(self.commas))]

    def _segment(self, n: int) -> str:
        stop = self.commas[n + 1] if n + 1 < len(self.commas) else self.end
        return self.line[self.commas[n] + 1:stop].strip()

    def _rest_are_names(self, k: int) -> bool:
        m = len(self.commas) - 1 - len(self.all_names_after)  # filled from the right, once each
        while m >= k:
            self.all_names_after[m] = self.all_names_after.get(m + 1, True) and _is_person_name(self._segment(m))
            m -= 1
        return self.all_names_after[k]


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
    region = _AuthorRegion(people, len(people), [m.start() for m in re.finditer(",", people)])
    start = len(people) - len(people.lstrip())
    names = region.names_from(start)
    if names is None:
        return None
    return names, region.complete, [o.strip() for o in orgs.split(",") if o.strip()]


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
