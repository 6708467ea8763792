"""The plain-data shapes that flow between kg's stages (paper, author, source, entity).

Stages hand each other plain ``dict`` objects shaped like the ``TypedDict`` classes
below, never objects from inside another stage, so every stage runs and tests alone
and every record round-trips through JSON unchanged.
"""

from __future__ import annotations

from typing import Literal, TypedDict

EntityType = Literal["MODEL", "DATASET", "METHOD", "TASK", "METRIC"]
ENTITY_TYPES: tuple[str, ...] = ("MODEL", "DATASET", "METHOD", "TASK", "METRIC")
Role = Literal["introduces", "evaluates", "compares", "uses", "mentions"]
ROLES: tuple[str, ...] = ("introduces", "evaluates", "compares", "uses", "mentions")


class SourceRef(TypedDict):
    """Where a record was read: ``file`` relative to the input argument, 1-based ``line``."""

    file: str
    line: int
    format: str


class Author(TypedDict):
    """One author in paper order.

    ``origin`` is ``"paper"`` when the name was read from the paper's own metadata and
    ``"list"`` when only a publication list's owner (the sources manifest) states it.
    ``lists`` names the scraped files whose owner claims this author, if any.
    """

    name: str
    affiliations: list[str]
    origin: Literal["paper", "list"]
    lists: list[str]


class Claim(TypedDict):
    """What a sources manifest says about a paper on a publication list."""

    owner: str
    relation: Literal["author", "not-author"]
    file: str
    scraped_from: str | None
    manifest: str
    note: str | None


class Mention(TypedDict):
    """One place an entity is named: offsets index into the paper's ``abstract``."""

    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    component: str
    confidence: float


class Entity(TypedDict):
    """One thing an abstract names, with its canonical name, aliases and evidence."""

    name: str
    type: EntityType
    key: str
    aliases: list[str]
    ids: dict[str, str]
    role: Role
    role_evidence: str  # the words that give the role ("experiments on GLUE"); "" for mentions
    confidence: float
    mentions: list[Mention]
    mention_count: int  # all mentions; ``mentions`` keeps the first 20 at most


class Paper(TypedDict):
    """One paper, merged over every file it was found in."""

    id: str
    title: str | None
    authors: list[Author]
    authors_complete: bool
    abstract: str
    abstract_raw: str
    language: str
    date: str | None
    year: int | None
    arxiv_id: str | None
    doi: str | None
    ids: dict[str, str]
    category: str | None
    venue: str | None
    comment: str | None
    affiliations: list[str]
    code_urls: list[str]
    urls: list[str]
    cited_arxiv_ids: list[str]
    claims: list[Claim]
    sources: list[SourceRef]
    entities: list[Entity]
