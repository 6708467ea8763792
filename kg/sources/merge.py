"""Merge the records of one paper found in several files (or twice in one) into one record."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import islice

from kg.disjoint_sets import DisjointSets
from kg.records import Paper
from kg.sources.record import paper_id

# Which reader's text to trust first when copies differ: API metadata, then the
# arXiv listing, then scraped pages, and last a machine-translating mirror.
FORMAT_RANK = {"arxiv-atom": 0, "semantic-scholar": 0, "openalex": 0, "json": 1,
               "arxiv-listing": 2, "publication-page": 3, "abstract-list": 4, "translated-list": 5}
BLOCK_WORDS = 12
SHINGLE = 5
MIN_CONTAINMENT = 0.8
_WORD = re.compile(r"\w+")  # compiled once: every record's title and abstract start are cut in words


def words(text: str) -> list[str]:
    """Case-folded word tokens, the unit of abstract comparison."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _first_words(text: str, count: int) -> list[str]:
    """``words(text)[:count]`` without cutting the rest of the text into words."""
    return [m.group() for m in islice(_WORD.finditer(unicodedata.normalize("NFKC", text).casefold()), count)]


def containment(a: str, b: str) -> float:
    """Share of the shorter text's word 5-grams found in the other text.

    1.0 when one abstract is the other plus a footnote, low for different papers.

    Examples
    --------
    >>> base = "we show that double descent occurs not just as a function of model size"
    >>> containment(base, base + " work performed while interning at OpenAI")
    1.0
    >>> containment(base, "transformers are powerful sequence models but require time and memory")
    0.0
    """
    grams = [_shingles(words(t)) for t in (a, b)]
    small, large = sorted(grams, key=len)
    return len(small & large) / len(small) if small else 0.0


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def merge_duplicates(papers: list[Paper]) -> list[Paper]:
    """One record per paper: same ids, or near-identical abstracts, merge.

    Candidates are blocked on ids, titles and the first words of the abstract, so the
    cost stays linear on large inputs; records whose arXiv ids differ never merge.

    Examples
    --------
    >>> a = {"id": "1912.02292", "arxiv_id": "1912.02292", "doi": None, "ids": {}, "title": None,
    ...      "abstract": "We show that a variety of modern deep learning tasks exhibit double descent.",
    ...      "sources": [{"file": "000.txt", "line": 5, "format": "arxiv-listing"}], "authors": []}
    >>> b = dict(a, id="kg:1", arxiv_id=None, abstract=a["abstract"] + " * Work done at OpenAI.",
    ...          sources=[{"file": "002.txt", "line": 7, "format": "translated-list"}])
    >>> [(p["id"], len(p["sources"])) for p in merge_duplicates([a, b])]
    [('1912.02292', 2)]
    """
    sets = DisjointSets(len(papers))
    titles = [words(p.get("title") or "") for p in papers]  # what both the blocks and the groups compare
    # What each group is known as (by root; made when a candidate pair first asks, as few
    # records have one); two groups known as different things never merge.
    known: dict[int, tuple[set, set, set]] = {}

    def known_as(root: int) -> tuple[set, set, set]:
        if root not in known:
            p = papers[root]
            known[root] = ({p["arxiv_id"]} - {None}, {p.get("doi")} - {None}, {" ".join(titles[root])} - {""})
        return known[root]

    def union(i: int, j: int, proven: bool) -> None:
        ri, rj = sets.find(i), sets.find(j)
        if ri == rj:
            return
        (arxiv_i, doi_i, title_i), (arxiv_j, doi_j, title_j) = known_as(ri), known_as(rj)
        if arxiv_i and arxiv_j and not arxiv_i & arxiv_j:
            return
        if not proven and title_i and title_j and not title_i & title_j:
            return  # a shared-task series reuses its abstract under each year's title
        if not proven and doi_i and doi_j and not doi_i & doi_j and not title_i & title_j:
            return
        known[sets.union(ri, rj)] = (arxiv_i | arxiv_j, doi_i | doi_j, title_i | title_j)

    for members in _blocks(papers, titles).values():
        for n, (i, exact) in enumerate(members):
            for j, _ in members[n + 1:]:
                if exact or containment(papers[i]["abstract"], papers[j]["abstract"]) >= MIN_CONTAINMENT:
                    union(i, j, exact)

    return [merge_group([papers[i] for i in group]) for group in sets.groups()]


def _blocks(papers: list[Paper], titles: list[list[str]]) -> dict[str, list[tuple[int, bool]]]:
    """Candidate groups: key → [(index, whether the key alone proves identity)]; ``titles``
    holds the ``words`` of each paper's title."""
    blocks: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for i, (paper, title) in enumerate(zip(papers, titles)):
        keys = {("arxiv:" + paper["arxiv_id"], True)} if paper.get("arxiv_id") else set()
        if paper["id"].startswith("kg:"):  # the hash of title and abstract: the same text twice
            keys.add(("id:" + paper["id"], True))
        if paper.get("doi"):
            keys.add(("doi:" + paper["doi"], True))
        keys |= {(f"{scheme}:{value}", True) for scheme, value in (paper.get("ids") or {}).items()
                 if scheme != "source"}
        tokens = _first_words(paper["abstract"][:BLOCK_WORDS * 25], BLOCK_WORDS)
        if len(tokens) >= BLOCK_WORDS:
            keys.add(("abstract:" + " ".join(tokens), False))
        if len(title) >= 4:
            keys.add(("title:" + " ".join(title), False))
        for key, exact in sorted(keys):
            blocks[key].append((i, exact))
    return {k: v for k, v in blocks.items() if len(v) > 1}


def merge_group(group: list[Paper]) -> Paper:
    """Fold the copies of one paper into one record (fields from the most trusted copy)."""
    if len(group) == 1:
        return group[0]
    ranked = sorted(group, key=lambda p: (FORMAT_RANK.get(p["sources"][0]["format"], 9),
                                          p["sources"][0]["file"], p["sources"][0]["line"]))
    merged = dict(ranked[0])
    for field in ("title", "date", "arxiv_id", "doi", "category", "venue", "comment"):
        merged[field] = next((p[field] for p in ranked if p.get(field)), None)
    merged["year"] = int(merged["date"][:4]) if merged.get("date") else None
    with_authors = [p for p in ranked if p.get("authors")]
    best = max(with_authors, key=lambda p: (p.get("authors_complete", False), len(p["authors"])),
               default=ranked[0])
    merged["authors"], merged["authors_complete"] = best.get("authors", []), best.get("authors_complete", True)
    merged["ids"] = dict(sorted({k: v for p in reversed(ranked) for k, v in p.get("ids", {}).items()}.items()))
    for field in ("urls", "code_urls", "cited_arxiv_ids", "affiliations"):
        merged[field] = _union(p.get(field, []) for p in ranked)
    merged["sources"] = sorted((s for p in group for s in p["sources"]),
                               key=lambda s: (s["file"], s["line"]))
    merged["id"] = paper_id(merged)
    return merged


def _union(lists) -> list:
    out: list = []
    for values in lists:
        out.extend(v for v in values if v not in out)
    return out
