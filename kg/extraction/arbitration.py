"""Where the trained tagger and the rule layers disagree, which spans go to the linker.

The tagger read each word in context; the rules read patterns and a catalogue. So the
recogniser decides boundaries and word senses, the rules add what it missed only where they
are precise on their own, and the catalogue still names and identifies what both found.
"""
from __future__ import annotations

import re

from .candidates import Candidate

# The rest of a version number a span stopped inside: ".5" of "GPT-3.5", ".1-8B" of "Llama-3.1-8B".
_VERSION_REST = re.compile(r"(?:\.\d[^\W_]*)+(?:-[^\W_]+)*")

#: Characters of the longest mention that can be a name (the longest annotated one has 114).
MAX_MENTION_CHARS = 200


def name_sized(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates no longer than :data:`MAX_MENTION_CHARS`: a run of 100,000 characters
    that a layer took as one name ("Net-Net-…", "GPT-3.3.3…") is scraped debris, not a node.

    Examples
    --------
    >>> [c.end for c in name_sized([Candidate(0, 4, "MODEL", "kg_tagger", 0.9),
    ...                             Candidate(0, 5000, "MODEL", "kg_orthography", 0.9)])]
    [4]
    """
    return [c for c in candidates if c.end - c.start <= MAX_MENTION_CHARS]


def whole_versions(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, none of them ending inside a version number.

    The tokenizer splits "GPT-3.5" at the point, so a layer can end a name at "GPT-3" and
    the graph would merge GPT-3.5 into GPT-3. A span that ends on a digit followed by a
    point and a digit runs on to the end of the number; a catalogue's name, ids and aliases
    do not come along, as the spelling no longer matches them.

    Examples
    --------
    >>> t = "We compare GPT-3.5-turbo and Llama-3.1-8B with GPT-3."
    >>> spans = [Candidate(11, 16, "MODEL", "kg_gazetteer", 0.9, canonical="GPT-3"),
    ...          Candidate(29, 36, "MODEL", "kg_tagger", 0.9), Candidate(47, 52, "MODEL", "kg_tagger", 0.9)]
    >>> [(t[c.start:c.end], c.canonical) for c in whole_versions(t, spans)]
    [('GPT-3.5-turbo', None), ('Llama-3.1-8B', None), ('GPT-3', None)]
    """
    taken = None  # the spans found, made only for an abstract that has a cut version
    out = []
    for c in candidates:
        end = c.end
        if 0 < end < len(text) - 1 and text[end] == "." and text[end - 1].isdigit() and text[end + 1].isdigit():
            end = _VERSION_REST.match(text, end).end()
            if taken is None:
                taken = {(o.start, o.end, o.component) for o in candidates}
            if (c.start, end, c.component) in taken:
                continue  # the layer found the whole name as well
            c = c.replace(end=end, canonical=None, ids=(), aliases=())
        out.append(c)
    return out


def needs_context(text: str, c: Candidate) -> bool:
    """A span whose sense only context decides: one lower-case word ("attention" in "draws
    attention to", "memory", "transformer"), or one capitalised word at a sentence start
    ("Without"). The rules cannot tell the technical sense from the everyday one.

    Examples
    --------
    >>> t = "Without labels, we pay attention to BERT."
    >>> [needs_context(t, Candidate(a, b, "METHOD", "kg_gazetteer", 0.9)) for a, b in [(0, 7), (23, 32), (36, 40)]]
    [True, True, False]
    """
    s = text[c.start:c.end]
    if not s.isalpha():
        return False
    if s.islower():
        return True
    before = text[max(0, c.start - 2):c.start].strip()
    return s[0].isupper() and s[1:].islower() and (c.start == 0 or before in {".", "!", "?", ":", ""})


def arbitrate(text: str, candidates: list[Candidate], trained_layers: frozenset[str],
              trusted_alone: frozenset[str], outside: bytearray | None = None) -> list[Candidate]:
    """The candidates the linker may choose from, given the trained layers' spans.

    - every tagged span;
    - a rule span with exactly a tagged span's boundaries (it brings the catalogue's
      name, ids and acronym links), or a DATASET inside a tagged TASK;
    - a rule span the tagger did not touch, when its layer is in ``trusted_alone``, its
      sense does not hang on context (:func:`needs_context`) and not every one of its
      characters is in ``outside`` (the tagger's mask of words it is sure name nothing:
      :meth:`~kg.extraction.tagger.Tagger.tag`); a rule span that overlaps a recogniser span
      with other boundaries is dropped: the tagger read the words around it.

    Without tagged spans (no weights installed, or nothing found) the rules stand alone
    as before, except the context-dependent single words of untrusted layers.

    Examples
    --------
    >>> t = "We use toxic span detection."
    >>> tagged = Candidate(7, 27, "TASK", "kg_tagger", 0.8)
    >>> gaz = Candidate(13, 27, "TASK", "kg_gazetteer", 0.9)
    >>> [(c.start, c.end) for c in arbitrate(t, [tagged, gaz], frozenset({"kg_tagger"}), frozenset({"kg_gazetteer"}))]
    [(7, 27)]
    """
    trained = [c for c in candidates if c.component in trained_layers]
    if not trained:
        return candidates
    covered = bytearray(len(text) + 1)
    spans = set()
    for c in trained:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        spans.add((c.start, c.end))
    tasks = [c for c in trained if c.label == "TASK"]
    out = list(trained)
    for c in candidates:
        if c.component in trained_layers:
            continue
        if (c.start, c.end) in spans or (c.label == "DATASET" and any(t.start <= c.start and c.end <= t.end for t in tasks)):
            out.append(c)  # same span; or a benchmark a task is named after ("ImageNet classification")
        elif (not any(covered[c.start:c.end]) and c.component in trusted_alone and not needs_context(text, c)
              and not (outside is not None and all(outside[c.start:c.end]))):
            out.append(c)
    return out


# one coordinator between two names: "abstractive summarization and language modeling"
_COORDINATION = re.compile(r"\s+(?:and|or|&)\s+")


def split_coordinations(text: str, mentions: list[Candidate], trained_layers: frozenset[str]) -> list[Candidate]:
    """The mentions, with a tagged span that joins two names by one "and", "or" or "&" cut
    into the two: each is an entity of its own ("QASPER and Evidence Inference"). A first
    part of one plain word is a modifier both share, and the span stays whole ("Contextual
    and Semantic Structure-based Interpolation"); so does a span a rule layer found (the
    tagged span is then not the candidate chosen).

    Examples
    --------
    >>> t = "We study abstractive summarization and language modeling, and word and character embeddings."
    >>> spans = [Candidate(9, 56, "TASK", "kg_tagger", 0.8), Candidate(62, 91, "METHOD", "kg_tagger", 0.8)]
    >>> [t[c.start:c.end] for c in split_coordinations(t, spans, frozenset({"kg_tagger"}))]
    ['abstractive summarization', 'language modeling', 'word and character embeddings']
    """
    out = []
    for c in mentions:
        joins = list(_COORDINATION.finditer(text, c.start, c.end)) if c.component in trained_layers else []
        if len(joins) != 1 or "," in text[c.start:c.end] or _plain_word(text[c.start:joins[0].start()]):
            out.append(c)
            continue
        j = joins[0]
        out += [c.replace(end=j.start()), c.replace(start=j.end())]
    return out


def _plain_word(s: str) -> bool:
    """One word with no capital after its first letter and no digit: "Contextual", "word"."""
    return " " not in s.strip() and s[1:] == s[1:].lower() and not any(ch.isdigit() for ch in s)
