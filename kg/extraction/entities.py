"""From overlapping candidates to one entity per thing: pick spans, merge spellings, name, type."""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from kg.disjoint_sets import group_by_shared_keys

from .acronyms import acronym_group
from .candidates import COMPONENT_RANK, TAGGER, Candidate
from .normalize import norm_name, same_numbers, slug, spelling_matches, strip_generic_head, without_descriptive_head
from .roles import AFTER, WINDOW, SentenceFacts, role_of_mention, sentence_facts, strongest


def select_mentions(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping typed candidates: longer spans first, then the stronger layer.

    A chosen span inherits the ``group`` (acronym link), gazetteer facts and introduction cue
    of candidates that cover exactly the same characters, and the trained tagger's type where
    it tagged those characters too: the catalogue knows a name, the tagger read what this
    sentence makes of it ("CRF" a model in one catalogue, a method by the guidelines).

    Examples
    --------
    >>> a = Candidate(0, 5, "MODEL", "kg_gazetteer", 0.9, canonical="GPT-4")
    >>> b = Candidate(0, 11, "MODEL", "kg_orthography", 0.6)
    >>> [(c.start, c.end) for c in select_mentions([a, b])]
    [(0, 11)]
    >>> task = Candidate(0, 23, "TASK", "kg_tagger", 0.8)
    >>> data = Candidate(0, 8, "DATASET", "kg_gazetteer", 0.9, canonical="ImageNet")
    >>> [(c.label, c.end) for c in select_mentions([task, data])]  # "ImageNet classification"
    [('DATASET', 8), ('TASK', 23)]
    """
    typed = [c for c in candidates if c.label]
    order = sorted(typed, key=lambda c: (-(c.end - c.start), COMPONENT_RANK.get(c.component, 9), -c.confidence, c.start))
    by_span: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
    for o in typed:
        by_span[o.start, o.end].append(o)
    taken: list[Candidate] = []
    used = bytearray(max((c.end for c in typed), default=0) + 1)
    for c in order:
        if any(used[c.start:c.end]):
            continue
        used[c.start:c.end] = b"\x01" * (c.end - c.start)
        same = by_span[c.start, c.end]
        group = next((o.group for o in same if o.group), None)
        cue = next((o.cue for o in same if o.cue), None)
        gaz = next((o for o in same if o.component == "kg_gazetteer"), None)
        tagged = next((o for o in same if o.component == TAGGER), None)
        if tagged and c is not tagged and tagged.label != c.label:
            c = c.replace(label=tagged.label)  # the tagger read the context the rule span did not
        if gaz and not c.canonical:
            taken.append(c.replace(group=group, cue=cue, canonical=gaz.canonical, ids=gaz.ids, aliases=gaz.aliases))
        elif group != c.group or cue != c.cue:
            taken.append(c.replace(group=group, cue=cue))
        else:
            taken.append(c)  # nothing to inherit: no copy
    return sorted(taken + _benchmarks_inside_tasks(typed, taken), key=lambda c: (c.start, c.end))


def _benchmarks_inside_tasks(typed: list[Candidate], taken: list[Candidate]) -> list[Candidate]:
    """A task named after its benchmark names the benchmark too: "ImageNet classification"
    is the task and ImageNet the dataset. The one nesting kept: a catalogue DATASET strictly
    inside a chosen TASK span."""
    tasks = [c for c in taken if c.label == "TASK"]
    if not tasks:
        return []
    inner = []
    for c in typed:
        if c.label == "DATASET" and c.component == "kg_gazetteer" and \
                any(t.start <= c.start and c.end <= t.end and (t.start, t.end) != (c.start, c.end) for t in tasks):
            if not any((o.start, o.end) == (c.start, c.end) for o in inner):
                inner.append(c)
    return inner


def group_mentions(text: str, mentions: list[Candidate]) -> list[list[Candidate]]:
    """Mentions naming the same thing: equal normalised spelling (a generic head aside:
    "self-attention mechanism" is "self-attention") or canonical, or an acronym link."""
    keys = []
    for m in mentions:
        own = {"n:" + norm_name(text[m.start:m.end]), "n:" + norm_name(strip_generic_head(text[m.start:m.end]))}
        if m.canonical and _may_group_by_canonical(text[m.start:m.end], m.canonical):
            own.add("n:" + norm_name(m.canonical))
        if m.group:
            own.add(m.group)
        keys.append(own)
    return [[mentions[i] for i in group] for group in group_by_shared_keys(keys)]


def _may_group_by_canonical(surface: str, canonical: str) -> bool:
    """Within one abstract, a catalogue alias joins its canonical name when the spellings agree
    or the alias is a descriptive long form ("residual networks" with "ResNet"); a one-word
    alias of another name ("WordNet" listed under "WN18") does not."""
    return " " in surface.strip() or spelling_matches(surface, canonical)


def _canonical(text: str, group: list[Candidate]) -> tuple[str, tuple, tuple]:
    """Preferred name: an acronym-defined short form first, else the gazetteer's name where it
    is a spelling of the text's (:func:`spelling_matches`), else the most frequent surface
    (ties: first seen)."""
    acr = [m for m in group if m.canonical and m.group == acronym_group(m.canonical)]
    # a catalogue names the entity only where its canonical name is a spelling of the text's
    gaz = [m for m in group if (m.component == "kg_gazetteer" or (m.canonical and m.ids))
           and m.canonical and spelling_matches(text[m.start:m.end], m.canonical)]
    if acr:
        name = acr[0].canonical
        g = next((m for m in gaz if norm_name(m.canonical) == norm_name(name)), gaz[0] if gaz else None)
        return name, (g.ids if g else ()), (g.aliases if g else ())
    if gaz:
        return gaz[0].canonical, gaz[0].ids, gaz[0].aliases
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for m in group:
        s = text[m.start:m.end]
        counts[s] += 1
        first[s] = min(first.get(s, m.start), m.start)
    surface = max(counts, key=lambda s: (counts[s], -first[s]))
    return surface, (), ()


def _type(group: list[Candidate]) -> str:
    votes: dict[str, float] = defaultdict(float)
    for m in group:
        votes[m.label] += m.confidence * (2.0 if m.component in ("kg_gazetteer", "kg_acronyms") else 1.0)
    return max(sorted(votes), key=lambda t: votes[t])


def build_entities(text: str, mentions: list[Candidate], sentences: list[tuple[int, int]]) -> list[dict]:
    """The entity dicts of the public API for one text (see :func:`kg.extraction.extract_entities`).

    Examples
    --------
    >>> t = "We use Long Short-Term Memory (LSTM). LSTM works."
    >>> ms = [Candidate(7, 29, "MODEL", "kg_acronyms", 0.85, canonical="LSTM", group="acr:LSTM"),
    ...       Candidate(31, 35, "MODEL", "kg_acronyms", 0.85, canonical="LSTM", group="acr:LSTM"),
    ...       Candidate(38, 42, "MODEL", "kg_acronyms", 0.85, canonical="LSTM", group="acr:LSTM")]
    >>> [(e["name"], e["role"], len(e["mentions"])) for e in build_entities(t, ms, [(0, 37), (38, 49)])]
    [('LSTM', 'uses', 3)]
    """
    out = []
    groups = group_mentions(text, mentions)
    own = _own_sentences(groups, sentences, len(text))
    facts: dict[tuple[int, int], tuple[list[int], list[SentenceFacts]]] = {}  # see _facts_at
    # mentions of one sentence share its text: one string, not one per mention, all the way
    # into the graph (a corpus holds 195,000 mentions of 117,000 windows)
    windows: dict[tuple[int, int], str] = {}
    for group in groups:
        name, ids, known = _canonical(text, group)
        etype = _type(group)
        listed = {a for m in group if not m.ids for a in m.aliases} | set(known)  # the catalogue's aliases
        surfaces = {text[m.start:m.end] for m in group} | {a for a in listed if same_numbers(a, name)}
        surfaces |= {without_descriptive_head(s) for s in surfaces | {name}}  # "SNLI dataset": SNLI
        aliases = sorted(surfaces - {name})
        ment, roles, miss = [], [], 1.0
        for m in sorted(group, key=lambda m: (m.start, m.end)):
            sent = _sentence_of(sentences, m.start, len(text))
            # the role rules read WINDOW characters before the mention and AFTER after it, and the
            # facts of its whole sentence: not the evidence window, which may have cut off the "we"
            r0, r1 = max(sent[0], m.start - WINDOW), min(sent[1], m.end + AFTER)
            roles.append(role_of_mention(text[r0:r1], m.start - r0, m.end - r0, m.cue, etype,
                                         _facts_at(text, sent, m.start, sent in own, facts)))
            s0, s1 = window = _evidence_window(*sent, m.start, m.end)
            sentence = windows.get(window)
            if sentence is None:
                sentence = windows[window] = text[s0:s1]
            miss *= 1.0 - m.confidence
            ment.append({"start": m.start, "end": m.end, "text": text[m.start:m.end], "sentence": sentence,
                         "sentence_start": s0, "component": m.component, "confidence": round(m.confidence, 4)})
        role = strongest(r.role for r in roles)
        evidence = next((r.evidence for r in roles if r.role == role), "")
        out.append({"name": name, "type": etype, "key": slug(etype, name), "aliases": aliases,
                    "ids": dict(ids), "role": role, "role_evidence": evidence,
                    "confidence": round(min(0.99, 1.0 - miss), 4), "mentions": ment})
    return merge_same_key(sorted(out, key=lambda e: (e["mentions"][0]["start"], e["key"])))


def merge_same_key(entities: list[dict]) -> list[dict]:
    """Two groups that ended with one key (same type and name) are one entity."""
    by_key: dict[str, dict] = {}
    for e in entities:
        if e["key"] not in by_key:
            by_key[e["key"]] = e
            continue
        t = by_key[e["key"]]
        t["aliases"] = sorted(set(t["aliases"]) | set(e["aliases"]))
        t["ids"] = {**e["ids"], **t["ids"]}
        t["mentions"] = sorted(t["mentions"] + e["mentions"], key=lambda m: (m["start"], m["end"]))
        role = strongest([t["role"], e["role"]])
        if role != t["role"]:
            t["role"], t["role_evidence"] = role, e.get("role_evidence", "")
        t["confidence"] = max(t["confidence"], e["confidence"])
    return list(by_key.values())


EVIDENCE_CHARS = 300


def _evidence_window(s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The mention's sentence, or a window of ``EVIDENCE_CHARS`` around the mention when the
    sentence is longer: an abstract without full stops must not store itself per mention.
    The window keeps at least 80 characters before the mention.

    Examples
    --------
    >>> _evidence_window(0, 50, 10, 14), _evidence_window(0, 10_000, 5_000, 5_004)
    ((0, 50), (4852, 5152))
    >>> _evidence_window(0, 10_000, 9_990, 9_995), _evidence_window(0, 10_000, 100, 600)
    ((9700, 10000), (20, 600))
    """
    if s1 - s0 <= EVIDENCE_CHARS:
        return s0, s1
    lo = max(s0, start - max(80, (EVIDENCE_CHARS - (end - start)) // 2))
    hi = min(s1, max(end, lo + EVIDENCE_CHARS))
    return max(s0, min(lo, hi - EVIDENCE_CHARS)), hi


def _facts_at(text: str, sent: tuple[int, int], pos: int, own: bool, cache: dict) -> SentenceFacts:
    """The role facts of the part of sentence ``sent`` that holds ``pos``. A semicolon joins
    two sentences, each of which speaks of the paper or not ("X is crucial; therefore this
    paper proposes Y": X is background). Each sentence is read once, into ``cache`` (its
    parts' starts and facts), however many mentions it holds and however long it is.

    >>> t = "Watermarking is hard; this paper proposes X."
    >>> [_facts_at(t, (0, len(t)), p, False, {}).about_paper for p in (0, t.index("X"))]
    [False, True]
    """
    if sent not in cache:
        starts, i = [sent[0]], text.find(";", *sent)
        while i >= 0:
            starts.append(i + 1)
            i = text.find(";", i + 1, sent[1])
        ends = [a - 1 for a in starts[1:]] + [sent[1]]
        cache[sent] = starts, [sentence_facts(text[a:b], own) for a, b in zip(starts, ends)]
    starts, facts = cache[sent]
    return facts[bisect_right(starts, pos) - 1]


def _own_sentences(groups: list[list[Candidate]], sentences: list[tuple[int, int]], n: int) -> set:
    """Sentences naming something the paper introduces: they speak of the paper even without "we"
    ("SCALE outperforms GPT-4")."""
    return {_sentence_of(sentences, m.start, n) for g in groups if any(m.cue == "introduces" for m in g) for m in g}


def _sentence_of(sentences: list[tuple[int, int]], pos: int, n: int) -> tuple[int, int]:
    """The first sentence holding ``pos`` (sentences are sorted and disjoint), else the whole text."""
    i = bisect_right(sentences, (pos, n + 1)) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return 0, n
