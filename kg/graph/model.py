"""The knowledge graph as a plain networkx ``DiGraph`` built from paper records.

Node keys are stable, IRI-safe paths (``paper/2005.14165``, ``paper/doi%3A10.18653%2Fv1``,
``author/lukasz-kaiser``, ``model/gpt-3``); the RDF and HTML exports derive everything from them, so the same
records always give the same graph, keys and IRIs.

Nodes carry ``kind`` (``paper``, ``author``, ``entity``, ``organization``, ``code``) and
``label``; edges run from a paper to what it links and carry ``kind``:

* ``creator`` (paper → author): ``position`` (0-based), ``name`` (the spelling in this
  paper), ``origin`` (``paper``/``list``), ``lists`` (files whose owner states the
  authorship); author nodes keep every ``spellings`` count and show the preferred one;
* ``mentions`` (paper → entity): ``role``, ``support`` (number of mentions, all of them
  even when only the first few are kept), ``confidence`` and ``evidence`` (the mention
  records kept);
* ``affiliation`` (author → organization), ``organization`` (paper → an organization a
  page names for the paper as a whole) and ``code`` (paper → code repository).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

import networkx as nx

from kg.collector import no_full_collections
from kg.records import Paper

_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def slugify(text: str) -> str:
    """Fold ``text`` into a lowercase ASCII slug safe in an IRI path segment.

    Examples
    --------
    >>> slugify("Łukasz Kaiser")
    'lukasz-kaiser'
    >>> slugify("  <img src=x onerror=alert(1)> ")
    'img-src-x-onerror-alert-1'
    """
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _UNSAFE.sub("-", ascii_text).strip("-.")
    if slug:
        return slug
    # Nothing Latin survives (a Chinese name, say): fall back to the code points.
    return "u" + "-".join(f"{ord(c):x}" for c in text.strip())[:120]


def paper_key(paper_id: str) -> str:
    """Node key of a paper id: every character kept, those outside ``[A-Za-z0-9._~-]`` %-escaped.

    Distinct ids give distinct keys (``10.1234/<>`` and ``10.1234/-->`` are two papers),
    and the key is one IRI path segment.

    Examples
    --------
    >>> paper_key("2005.14165"), paper_key("doi:10.1234/<>"), paper_key("doi:10.1234/-->")
    ('paper/2005.14165', 'paper/doi%3A10.1234%2F%3C%3E', 'paper/doi%3A10.1234%2F--%3E')
    """
    return "paper/" + quote(paper_id, safe="", errors="surrogatepass")


def author_key(name: str) -> str:
    """Node key of an author name; spellings that fold alike are one person."""
    return "author/" + slugify(name)


def organization_key(name: str) -> str:
    """Node key of an organization name."""
    return "organization/" + slugify(name)


def code_key(url: str) -> str:
    """Node key of a code repository URL (scheme and ``www.`` dropped)."""
    bare = re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/")
    return "code/" + slugify(bare.replace("/", "-"))


def build_graph(papers: Iterable[Paper]) -> nx.DiGraph:
    """Build the knowledge graph of ``papers`` (records as ``kg.extract`` returns them).

    Nodes and edges are added in a fixed order (papers sorted by id), so exports that
    walk the graph are byte-identical across runs.

    Examples
    --------
    >>> paper = {"id": "2001.04451", "title": "Reformer", "abstract": "We use LSH.",
    ...          "authors": [{"name": "Nikita Kitaev", "affiliations": [],
    ...                       "origin": "paper", "lists": []}],
    ...          "entities": [{"name": "LSH", "type": "METHOD", "key": "method/lsh",
    ...                        "aliases": [], "ids": {}, "role": "uses",
    ...                        "confidence": 0.9, "mentions": []}]}
    >>> g = build_graph([paper])
    >>> sorted(g.successors("paper/2001.04451"))
    ['author/nikita-kitaev', 'method/lsh']
    >>> g.nodes["method/lsh"]["type"], g.edges["paper/2001.04451", "method/lsh"]["role"]
    ('METHOD', 'uses')
    """
    graph = nx.DiGraph()
    builder = _Builder(graph)
    with no_full_collections():  # millions of node and edge dicts: see kg.collector
        for paper in sorted(papers, key=lambda p: p["id"]):
            builder.add_paper(paper)
    return graph


def add_paper(graph: nx.DiGraph, paper: Paper) -> str:
    """Add one paper, its authors, entities and code links to ``graph`` (mutates it).

    Returns the paper's node key.
    """
    return _Builder(graph).add_paper(paper)


_PAPER_FIELDS = (
    "id", "title", "abstract", "language", "date", "year", "arxiv_id", "doi", "ids",
    "category", "venue", "authors_complete", "sources", "claims", "urls",
)


class _Builder:
    """Adds papers to one graph, keeping the node keys of the names it has seen and the
    attributes of the author and entity nodes it has made.

    Why: a corpus names the same authors, organizations and entities in thousands of papers;
    a key costs Unicode decomposition and a regular expression and finding a node two calls
    into networkx, where a plain dict answers a repeat with one lookup. The dicts go with the
    build (see :class:`kg.resolution.spelling.Spellings`).
    """

    def __init__(self, graph: nx.DiGraph):
        self.graph = graph
        self.nodes = graph.nodes
        self.author_keys: dict[str, str] = {}
        self.organization_keys: dict[str, str] = {}
        self.made: dict[str, dict] = {}  # author and entity key -> the node's attributes

    def _node(self, key: str) -> dict | None:
        """The attributes of node ``key``, or ``None`` when the graph has no such node."""
        node = self.made.get(key)
        if node is None and key in self.graph:  # a node made before this builder, or of another kind
            node = self.nodes[key]
        return node

    def add_paper(self, paper: Paper) -> str:
        graph = self.graph
        key = paper_key(paper["id"])
        graph.add_node(
            key,
            kind="paper",
            label=paper.get("title") or _first_words(paper.get("abstract", "")),
            **{field: paper.get(field) for field in _PAPER_FIELDS},
        )
        for position, author in enumerate(paper.get("authors", [])):
            self._add_author(key, position, author)
        for entity in paper.get("entities", []):
            self._add_entity(key, entity)
        for name in paper.get("affiliations", []):
            org = self._organization(name)
            graph.add_node(org, kind="organization", label=name)
            graph.add_edge(key, org, kind="organization")
        for url in paper.get("code_urls", []):
            code = code_key(url)
            graph.add_node(code, kind="code", label=url, url=url)
            graph.add_edge(key, code, kind="code")
        return key

    def _organization(self, name: str) -> str:
        key = self.organization_keys.get(name)
        if key is None:
            key = self.organization_keys[name] = organization_key(name)
        return key

    def _add_author(self, paper: str, position: int, author: dict) -> None:
        graph, name = self.graph, author["name"]
        key = self.author_keys.get(name)
        if key is None:
            key = self.author_keys[name] = author_key(name)
        node = self._node(key)
        if node is None:
            graph.add_node(key, kind="author", spellings={})
            node = self.made[key] = self.nodes[key]
        spellings = node.setdefault("spellings", {})
        spellings[name] = spellings.get(name, 0) + 1
        node["name"] = node["label"] = name if len(spellings) == 1 else preferred_spelling(spellings)
        graph.add_edge(
            paper, key, kind="creator", position=position, name=name,
            origin=author.get("origin", "paper"), lists=list(author.get("lists", [])),
        )
        for affiliation in author.get("affiliations", []):
            org = self._organization(affiliation)
            graph.add_node(org, kind="organization", label=affiliation)
            graph.add_edge(key, org, kind="affiliation")

    def _add_entity(self, paper: str, entity: dict) -> None:
        graph, key = self.graph, entity["key"]
        node = self._node(key)
        if node is not None:
            aliases, known = entity.get("aliases", []), node["aliases"]
            present = set(known)
            if len(present) < len(known) or not present.issuperset(aliases):
                node["aliases"] = sorted(present.union(aliases))  # else the same sorted list again
            ids = entity.get("ids", {})
            if list(ids) != list(node["ids"]):  # else the merge below gives the node's ids again
                node["ids"] = {**ids, **node["ids"]}
        else:
            graph.add_node(
                key, kind="entity", label=entity["name"], name=entity["name"],
                type=entity["type"], aliases=sorted(entity.get("aliases", [])),
                ids=dict(entity.get("ids", {})),
            )
            self.made[key] = self.nodes[key]
        mentions = list(entity.get("mentions", []))
        graph.add_edge(
            paper, key, kind="mentions", role=entity.get("role", "mentions"),
            role_evidence=entity.get("role_evidence") or "",
            support=max(entity.get("mention_count") or 0, len(mentions)), confidence=entity.get("confidence", 1.0), evidence=mentions,
        )


def preferred_spelling(spellings: dict[str, int]) -> str:
    """The spelling of a name to show among those that fold to one key.

    Diacritics win (they are lost, never added, when names are copied), then the
    most frequent spelling, then the first in code-point order, so the choice does
    not depend on the order papers were read.

    Examples
    --------
    >>> preferred_spelling({"Lukasz Kaiser": 3, "Łukasz Kaiser": 1})
    'Łukasz Kaiser'
    >>> preferred_spelling({"Ada  Lovelace": 1, "Ada Lovelace": 2})
    'Ada Lovelace'
    """
    return min(spellings, key=lambda s: (-_non_ascii(s), -spellings[s], s))


def _non_ascii(text: str) -> int:
    """How many characters of ``text`` are not ASCII; ``isascii`` answers most names at C speed."""
    return 0 if text.isascii() else sum(ord(c) > 127 for c in text)


def _first_words(text: str, limit: int = 8) -> str:
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def nodes_of_kind(graph: nx.DiGraph, kind: str) -> list[str]:
    """Keys of the nodes of one ``kind``, in graph order.

    Examples
    --------
    >>> g = nx.DiGraph(); g.add_node("author/a", kind="author"); g.add_node("paper/1", kind="paper")
    >>> nodes_of_kind(g, "paper")
    ['paper/1']
    """
    return [n for n, kind_of in graph.nodes(data="kind") if kind_of == kind]
