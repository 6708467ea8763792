"""Make entity names and keys consistent across papers: one canonical entity per thing."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from kg.disjoint_sets import DisjointSets
from kg.extraction.normalize import slug
from kg.records import ENTITY_TYPES, ROLES  # ROLES strongest first: when spellings fold, the stronger role wins
from kg.collector import no_full_collections

from .spelling import Spellings

#: Share of the papers that spell a bare acronym (one its paper never expands) that one entity
#: must hold for the acronym to join it; below it the acronym means different things in
#: different papers (PT: pre-training, prompt tuning) and stays an entity of its own.
BARE_ACRONYM_MAJORITY = 2 / 3
# Words after a name that say it names data ("the COVID-19 dataset", "SQuAD dev set").
_DATA_HEADS = frozenset("""dataset datasets data corpus corpora benchmark benchmarks treebank treebanks collection
    set sets challenge shared task tasks test dev train training split splits leaderboard bank""".split())
# Words that may follow any name without saying anything about what it names.
_FUNCTION_WORDS = frozenset("""and or with for from to in on of by as at is are was were be been has have had that
    which who than then but nor into onto over under via using where while whose we our it its this these
    those their such both each also only not can could may might will would should""".split())
_WORD = re.compile(r"[^\W\d_][\w-]*")
_CLAUSE_END = re.compile(r"[.,;:()\[\]]")
#: A DATASET is taken for a topic only on the evidence of this many papers …
TOPIC_MIN_PAPERS = 5
#: … at least this share of whose mentions modify a noun ("COVID-19 research") …
TOPIC_MODIFIER_SHARE = 0.6
#: … and at most this share are followed by a data word ("the COVID-19 dataset").
TOPIC_DATA_SHARE = 0.1


@dataclass(slots=True)
class _Entity:
    """What one paper's entity says about its name, for resolution across papers."""

    paper: int
    entity: dict
    name: str        # cleaned: no "-based", straight apostrophes
    ids: dict        # the entity's catalogue ids, as extraction gave them
    weight: int      # how many mentions it has (at least one): its vote for a type
    spellings: dict  # cleaned spelling -> mid-sentence mentions
    keys: set        # what joins it to other papers' entities
    folds: set       # every spelling folded: what a bare acronym may join
    trusted: set     # spellings kept as names and aliases
    shown: set       # the paper's own further spellings: aliases, never join keys


def resolve_entities(papers: list[dict]) -> list[dict]:
    """Return copies of ``papers`` whose entities share names, types and keys across papers.

    How entities of different papers become one:

    * **Long forms and names join.** Two entities are one thing when a non-acronym spelling
      of each (its name, a mention's text, an alias) folds alike: case, hyphens, spaces,
      apostrophes, a plural, a generic head ("attention mechanism") and an "X-based" /
      "-style" / "-like" suffix do not matter (BERT-based is BERT). A catalogue alias no
      mention writes counts only when it spells the name (WordNet is not WN18). Entities of one
      catalogue entry (the same external id) join too; two different ids under one
      catalogue never join, whatever the spellings say.
    * **Acronyms bind within their paper.** An acronym a paper defines ("fine-tuning (FT)")
      is that paper's spelling of its long form and joins other papers only through the
      long form, so PT = pre-training and PT = prompt tuning stay apart. A long form the
      acronym does not spell ("NAT" beside "neural machine translation") is a misread
      definition and is dropped. An acronym a paper uses bare joins the entity most papers
      spell it as (``BARE_ACRONYM_MAJORITY`` of them, the same type preferred), else stays
      an entity of its own. Likewise an acronym beside a long form it does not spell is no
      spelling of it.
    * **The name the literature uses.** The canonical name is the spelling written in the
      most papers, a paper that defines an acronym counting for its long form (so a
      one-paper acronym never beats the long form the others write, and "LSTM" wins only
      where papers write it bare); among
      variants of one spelling, the catalogue's name when papers write it, else the form
      written most mid-sentence (so sentence-initial capitals do not win).
    * **One type per thing**: the type of most mentions (ties in ``ENTITY_TYPES`` order).
    * **Data is data**: a DATASET no catalogue knows, never written beside a data word
      ("dataset", "corpus", "dev set") and mostly written as a modifier ("COVID-19 research")
      is a topic, not a dataset, and is dropped.

    Pure, deterministic and independent of the order of the papers (so chunked extraction
    resolves exactly as one process does); the input is not changed.

    Parameters
    ----------
    papers : list of dict
        Paper records, each with an ``"entities"`` list as produced by
        :func:`kg.extraction.extract_entities`.

    Returns
    -------
    list of dict
        New paper dicts with resolved ``name``, ``type``, ``key``, ``aliases`` and ``ids``;
        entities of one paper that resolve to one key are folded into one.

    Examples
    --------
    >>> a = {"entities": [{"name": "LSTM", "type": "MODEL", "key": "model/lstm",
    ...                    "aliases": ["Long Short-Term Memory"], "ids": {}}]}
    >>> b = {"entities": [{"name": "long short-term memory", "type": "MODEL",
    ...                    "key": "model/long-short-term-memory", "aliases": [], "ids": {}}]}
    >>> c = {"entities": [{"name": "LSTM", "type": "MODEL", "key": "model/lstm", "aliases": [], "ids": {}}]}
    >>> [p["entities"][0]["key"] for p in resolve_entities([a, b, c])]  # two papers write "LSTM"
    ['model/lstm', 'model/lstm', 'model/lstm']
    """
    with no_full_collections():  # hundreds of thousands of new dicts: see kg.collector
        return _resolve(papers)


def _resolve(papers: list[dict]) -> list[dict]:
    """:func:`resolve_entities`, run with full garbage collections held back."""
    # New paper and entity dicts; mention lists are shared, never changed.
    papers = [dict(p, entities=[dict(e) for e in p.get("entities") or []]) for p in papers]
    spelling = Spellings()  # one run's memo: the same spellings recur across thousands of papers
    found = [_describe(i, e, spelling, p.get("abstract") or "") for i, p in enumerate(papers) for e in p["entities"]]
    found = _canonical_sort(found)  # every decision below depends on content, not input order
    for group in _group(found):  # each group is in canonical order, as ``found`` is
        etype = _majority_type(group)
        if etype == "DATASET" and _is_topic(group):
            for f in group:
                f.entity["_drop"] = True
            continue
        name = _choose_name(group, spelling)
        ids: dict = {}
        for f in group:
            if f.ids:
                for k, v in sorted(f.ids.items()):
                    ids.setdefault(k, v)
        aliases = sorted({s for f in group for s in f.trusted | f.shown} - {name})
        key = slug(etype, name)
        for f in group:
            entity = f.entity  # the keys one by one, in this order: update(**) costs a dict per entity
            entity["name"], entity["type"], entity["key"] = name, etype, key
            entity["aliases"], entity["ids"] = aliases, dict(ids)
    for paper in papers:
        paper["entities"] = _one_per_key([e for e in paper["entities"] if not e.pop("_drop", False)])
    return papers


def _describe(paper: int, entity: dict, spelling: Spellings, abstract: str) -> _Entity:
    """The spellings and join keys of one paper's entity (``abstract``: the paper's text)."""
    clean, fold, is_acronym, spells = spelling.clean, spelling.fold, spelling.acronym, spelling.spells
    name = clean[entity["name"]] or entity["name"]
    ids = entity.get("ids") or {}
    mentions = entity.get("mentions") or []
    written: dict[str, int] = {}  # cleaned spelling -> mid-sentence mentions
    for m in mentions:
        text = clean[m.get("text", "")]
        if text:  # a capital a sentence start gave says nothing of how the name is spelled
            initial = m.get("start") == m.get("sentence_start") and text[:1].isupper() and text[1:2].islower()
            written[text] = written.get(text, 0) + (0 if initial else 1)
    written.setdefault(name, 0)
    # An alias no mention writes may be the catalogue's: it joins papers only when it is a
    # spelling of the name (WordNet is listed under the benchmark WN18, and is not WN18). One
    # the paper writes inside a longer mention is the paper's ("MEMIT" of "MEMIT editing
    # algorithm") and stays an alias, but joins nothing: "EHR" of "EHR creation method" is
    # written as well, and is not the method.
    given = {a for a in map(clean.__getitem__, entity.get("aliases") or []) if a}
    aliases = {a for a in given if a in written or spelling.matches[a, name]}
    shown = {a for a in given - aliases if _writes(abstract, a)}
    trusted = written.keys() | aliases
    acronyms = {s for s in trusted if is_acronym[s]}
    longs = trusted - acronyms
    if acronyms and longs and not ids:
        # a paper's acronym and long form are one spelling of one thing only where the acronym
        # spells it: the side the entity is not named by gives way
        if is_acronym[name]:  # the long forms the name spells, the acronyms that spell them
            longs = {s for s in longs if spells[name, s]}
            acronyms = {a for a in acronyms if a == name or any(spells[a, s] for s in longs)}
        else:
            acronyms = {a for a in acronyms if spells[a, name] or any(spells[a, s] for s in longs)}
        for s in written.keys() - acronyms - longs - {name}:
            del written[s]
        trusted = acronyms | longs
    keys = {("n", fold[s]) for s in longs}
    keys.discard(("n", ""))
    if ids:
        keys.update(("id", k, str(v)) for k, v in ids.items())
    folds = {fold[s] for s in trusted}
    folds.discard("")
    weight = entity.get("mention_count") or len(mentions) or 1
    return _Entity(paper, entity, name, ids, weight, written, keys, folds, trusted, shown)


def _writes(text: str, spelling: str) -> bool:
    """``text`` holds ``spelling`` as a whole word: not inside a longer word or hyphenated
    name, nor as a possessive ("Hutchinson's trace estimator" does not write a Hutchinson).

    >>> _writes("the MEMIT editing algorithm", "MEMIT"), _writes("on CIFAR-100", "CIFAR")
    (True, False)
    >>> _writes("Hutchinson's trace estimator", "Hutchinson")
    False
    """
    i = text.find(spelling)
    while i >= 0:
        j = i + len(spelling)
        if (i == 0 or not _in_word(text[i - 1])) and (j == len(text) or not _in_word(text[j])):
            return True
        i = text.find(spelling, i + 1)
    return False


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "-_'’"


def _canonical_sort(found: list[_Entity]) -> list[_Entity]:
    """``found`` ordered by type, name, then :func:`_namesake_order`, stably.

    One sort on the whole key would do; this one is cheaper: by name, then by type (string
    keys, which the sort compares fastest), then only each run of entities of one type and
    name by the rest. Stable sorts compose, so the order is the one sort's, ties included.
    """
    found = sorted(found, key=attrgetter("name"))
    found.sort(key=_type_of)
    ordered: list[_Entity] = []
    for _, run in groupby(found, key=lambda f: (f.entity["type"], f.name)):
        run = list(run)
        if len(run) > 1:
            run.sort(key=_namesake_order)
        ordered += run
    return ordered


def _type_of(f: _Entity) -> str:
    return f.entity["type"]


def _namesake_order(f: _Entity) -> tuple:
    """How entities of one type and name are ordered: by content, not input order."""
    return (sorted(f.trusted), sorted((k, str(v)) for k, v in f.ids.items()) if f.ids else [],
            sorted(f.spellings.items()), f.entity.get("key", ""))


def _group(found: list[_Entity]) -> Iterable[list[_Entity]]:
    """Entities that are one thing, joined by shared keys, then bare acronyms by majority."""
    sets = DisjointSets(len(found))
    # By root: the catalogue entries joined. Read, never changed in place: a join stores a new dict.
    ids_of = [f.ids for f in found]

    def join(a: int, b: int) -> None:
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb or any(ids_of[ra].get(k, v) != v for k, v in ids_of[rb].items()):
            return  # two entries of one catalogue are two things
        merged = {**ids_of[ra], **ids_of[rb]} if ids_of[ra] and ids_of[rb] else ids_of[ra] or ids_of[rb]
        ids_of[sets.union(ra, rb)] = merged  # the two agree on every catalogue they share

    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        for key in f.keys:
            by_key[key].append(i)
    for key in sorted(key for key, members in by_key.items() if len(members) > 1):
        first, *rest = by_key[key]
        for i in rest:
            join(first, i)
    # Bare acronyms: join the entity most papers spell them as, else each other.
    spelled: dict[str, list[int]] = defaultdict(list)
    bare: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        for folded in f.folds:
            (spelled if f.keys else bare)[folded].append(i)
    for acronym in sorted(bare):
        left = []
        of_type: dict[str, list[int]] = defaultdict(list)
        for i in bare[acronym]:
            of_type[found[i].entity["type"]].append(i)
        for etype in ENTITY_TYPES:
            members = of_type.get(etype, [])
            target = _majority_target(sets, found, spelled[acronym], etype) if members else None
            if target is None:
                left += members
            else:
                for i in members:
                    join(target, i)
        for i in left[1:]:
            join(left[0], i)
    groups: dict[int, list[_Entity]] = defaultdict(list)
    for i, f in enumerate(found):
        groups[sets.find(i)].append(f)
    return groups.values()


def _majority_target(sets: DisjointSets, found: list[_Entity], candidates: list[int], etype: str) -> int | None:
    """The entity that holds ``BARE_ACRONYM_MAJORITY`` of the papers spelling an acronym, the
    papers of entities of ``etype`` counted first, or ``None``."""
    same = [i for i in candidates if found[i].entity["type"] == etype]
    for pool in (same, candidates):
        papers: dict[int, set[int]] = defaultdict(set)
        for i in pool:
            papers[sets.find(i)].add(found[i].paper)
        if papers:
            root, top = max(papers.items(), key=lambda kv: (len(kv[1]), -kv[0]))
            if len(top) >= BARE_ACRONYM_MAJORITY * sum(map(len, papers.values())):
                return root
            return None
    return None


def _majority_type(group: list[_Entity]) -> str:
    weights: dict[str, int] = {}
    for f in group:
        etype = f.entity["type"]
        weights[etype] = weights.get(etype, 0) + f.weight
    if len(weights) == 1:
        return etype
    return min(weights, key=lambda t: (-weights[t], ENTITY_TYPES.index(t) if t in ENTITY_TYPES else 99, t))


def _choose_name(group: list[_Entity], spelling: Spellings) -> str:
    """The spelling written in the most papers (a paper that defines an acronym counts for the
    long form, not the acronym); among its variants, the catalogue's name if
    papers write it mid-sentence, else the variant without a generic head ("attention", not
    "attention mechanism") written most mid-sentence."""
    if len(group) == 1 and len(group[0].spellings) == 1:
        return group[0].name  # one paper writing its entity one way
    papers: dict[str, set[int]] = defaultdict(set)
    variants: dict[str, dict[str, int]] = defaultdict(dict)  # spelling -> mid-sentence mentions
    total: dict[str, dict[str, int]] = defaultdict(dict)     # spelling -> entities writing it
    is_acronym, fold, headless = spelling.acronym, spelling.fold, spelling.headless
    catalogue = {f.name for f in group if f.ids}
    for f in group:
        defines = any(not is_acronym[s] for s in f.spellings)
        for written, mid in f.spellings.items():
            if defines and is_acronym[written]:
                continue  # "knowledge graph (KG)" votes for what KG stands for
            key = fold[written] or written
            papers[key].add(f.paper)
            counts, seen = variants[key], total[key]
            counts[written] = counts.get(written, 0) + mid
            seen[written] = seen.get(written, 0) + 1
    best = min(papers, key=lambda k: (-len(papers[k]), catalogue.isdisjoint(variants[k]),
                                      all(is_acronym[s] for s in variants[k]), k))
    return min(variants[best], key=lambda s: (not (s in catalogue and variants[best][s] > 0),
                                              headless[s] != s,  # "attention", not "… mechanism"
                                              -variants[best][s], -total[best][s], s))


def _is_topic(group: list[_Entity]) -> bool:
    """A DATASET no catalogue knows, named in ``TOPIC_MIN_PAPERS`` papers or more, at most
    ``TOPIC_DATA_SHARE`` of whose mentions have a data word among the next three words
    ("HellaSwag and CommonsenseQA datasets") and at least ``TOPIC_MODIFIER_SHARE`` modify a
    noun ("COVID-19 research", "VarDial 2019 shared task", "CC BY-NC-SA 4.0 licence").

    Real data sets are modifiers too ("PropBank argument descriptions", "Wikipedia articles":
    about half their mentions), so one paper says nothing: it takes many papers that mostly
    write the name that way and almost never as data. Measured on the ACL corpus, this drops
    COVID-19, a workshop and a licence and keeps Wikipedia, PubMed and PropBank."""
    if any(f.ids for f in group) or len({f.paper for f in group}) < TOPIC_MIN_PAPERS:
        return False
    modifier = data = seen = 0
    for f in group:
        for m in f.entity.get("mentions") or []:
            sentence, at = m.get("sentence", ""), m.get("end", 0) - m.get("sentence_start", 0)
            if not 0 <= at <= len(sentence):
                continue
            seen += 1
            words = _WORD.findall(_CLAUSE_END.split(sentence[at:], maxsplit=1)[0])[:3]
            data += any(w.lower() in _DATA_HEADS for w in words)
            following = words[0] if words and sentence[at:].lstrip(" \"'\u201c\u201d").startswith(words[0]) else ""
            modifier += following[:1].islower() and following.lower() not in _FUNCTION_WORDS
    return seen > 0 and data <= TOPIC_DATA_SHARE * seen and modifier >= TOPIC_MODIFIER_SHARE * seen


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
        if ROLES.index(e["role"]) < ROLES.index(kept["role"]):  # the stronger role, with its evidence
            kept["role"] = e["role"]
            if "role_evidence" in e:
                kept["role_evidence"] = e["role_evidence"]
    return list(by_key.values())
