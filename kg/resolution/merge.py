"""Make entity names and keys consistent across papers: one canonical entity per thing."""
from __future__ import annotations

from collections import Counter

from kg.disjoint_sets import group_by_shared_keys
from kg.extraction.normalize import norm_name, slug
from kg.records import ROLES  # strongest first: when spellings fold, the stronger role wins


def _acronym_like(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2) and len(name) <= 12


def resolve_entities(papers: list[dict]) -> list[dict]:
    """Return copies of ``papers`` whose entities share names and keys across papers.

    Entities of one type are merged when any of their spellings (name or alias, compared by
    :func:`kg.extraction.normalize.norm_name`) agree, so "LSTM" in one paper and "Long
    Short-Term Memory (LSTM)" in another become one entity. The canonical name is the one
    with external ids if any, else an acronym-like name, else the most common name (ties:
    alphabetical); aliases are unioned. Pure and deterministic: the input is not changed.

    Parameters
    ----------
    papers : list of dict
        Paper records, each with an ``"entities"`` list as produced by
        :func:`kg.extraction.extract_entities`.

    Returns
    -------
    list of dict
        New paper dicts with resolved ``name``, ``key``, ``aliases`` and ``ids``.

    Examples
    --------
    >>> a = {"entities": [{"name": "LSTM", "type": "MODEL", "key": "model/lstm",
    ...                    "aliases": ["Long Short-Term Memory"], "ids": {}}]}
    >>> b = {"entities": [{"name": "long short-term memory", "type": "MODEL",
    ...                    "key": "model/long-short-term-memory", "aliases": [], "ids": {}}]}
    >>> [p["entities"][0]["key"] for p in resolve_entities([a, b])]
    ['model/lstm', 'model/lstm']
    """
    # New paper and entity dicts; mention lists are shared, never changed.
    papers = [dict(p, entities=[dict(e) for e in p.get("entities") or []]) for p in papers]
    entities = [e for p in papers for e in p["entities"]]
    spellings = [{(e["type"], k) for k in map(norm_name, [e["name"], *e.get("aliases", [])]) if k}
                 for e in entities]
    for members in group_by_shared_keys(spellings):
        ents = [entities[i] for i in members]
        name = _choose_name(ents)
        etype = ents[0]["type"]
        ids: dict = {}
        for e in sorted(ents, key=lambda e: e["key"]):
            for k, v in sorted((e.get("ids") or {}).items()):
                ids.setdefault(k, v)
        aliases = sorted({a for e in ents for a in [e["name"], *e.get("aliases", [])]} - {name})
        for e in ents:
            e.update(name=name, key=slug(etype, name), aliases=aliases, ids=dict(ids))
    for paper in papers:
        paper["entities"] = _one_per_key(paper["entities"])
    return papers


def _one_per_key(entities: list[dict]) -> list[dict]:
    """Fold entities of one paper that resolution gave the same key (their mentions join)."""
    by_key: dict[str, dict] = {}
    for e in entities:
        kept = by_key.get(e["key"])
        if kept is None:
            by_key[e["key"]] = e
            continue
        kept["mentions"] = sorted([*kept["mentions"], *e["mentions"]], key=lambda m: (m["start"], m["end"]))
        kept["confidence"] = max(kept["confidence"], e["confidence"])
        kept["role"] = min(kept["role"], e["role"], key=ROLES.index)
    return list(by_key.values())


def _choose_name(ents: list[dict]) -> str:
    counts = Counter(e["name"] for e in ents)
    with_ids = sorted({e["name"] for e in ents if e.get("ids")})
    if with_ids:
        return max(with_ids, key=lambda n: (counts[n], _acronym_like(n), n))
    return min(counts, key=lambda n: (not _acronym_like(n), -counts[n], n))
