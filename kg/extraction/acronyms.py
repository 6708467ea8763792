"""Acronym definitions ("Q-Value Weighted Regression (QWR)") found with the Schwartz–Hearst algorithm."""
from __future__ import annotations

import re

_PAREN = re.compile(r"\(\s*([^()]{1,16}?)\s*\)")
_WORD = re.compile(r"\S+")


def is_short_form(s: str) -> bool:
    """A plausible acronym: 2–10 chars, a capital letter, at most two words, starts alphanumeric.

    Examples
    --------
    >>> is_short_form("QWR"), is_short_form("e.g."), is_short_form("2019")
    (True, False, False)
    """
    return (2 <= len(s) <= 10 and s[0].isalnum() and any(c.isupper() for c in s)
            and len(s.split()) <= 2 and not re.fullmatch(r"[IVX]+|\d+[a-z]?", s))


def best_long_form(short: str, candidate: str) -> int | None:
    """Schwartz & Hearst (2003): the start, in ``candidate``, of the shortest long form whose
    characters spell ``short`` right to left, the first short-form char starting a word.

    Examples
    --------
    >>> t = "sample efficient Q-Value Weighted Regression"
    >>> t[best_long_form("QWR", t):]
    'Q-Value Weighted Regression'
    """
    s = short.lower()
    c = candidate.lower()
    si, ci = len(s) - 1, len(c) - 1
    while si >= 0:
        ch = s[si]
        if not ch.isalnum():
            si -= 1
            continue
        while ci >= 0 and (c[ci] != ch or (si == 0 and ci > 0 and c[ci - 1].isalnum())):
            ci -= 1
        if ci < 0:
            return None
        si -= 1
        ci -= 1
    start = ci + 1
    # widen to the beginning of the word
    while start > 0 and not candidate[start - 1].isspace() and candidate[start - 1] not in "(\"'":
        start -= 1
    return start


def find_definitions(text: str) -> list[tuple[int, int, int, int]]:
    """``(long_start, long_end, short_start, short_end)`` for each "long form (SF)" in ``text``.

    Examples
    --------
    >>> t = "We use Long Short-Term Memory (LSTM) layers."
    >>> [(t[a:b], t[c:d]) for a, b, c, d in find_definitions(t)]
    [('Long Short-Term Memory', 'LSTM')]
    """
    out = []
    for m in _PAREN.finditer(text):
        short = m.group(1)
        short = re.split(r"[;,]\s", short)[0].strip()
        if not is_short_form(short):
            continue
        before = text[:m.start()].rstrip()
        # window of min(|SF| + 5, 2 |SF|) words before the bracket, within the sentence
        n = min(len(short) + 5, 2 * len(short))
        words = _last_words(before, n)
        if not words:
            continue
        lo = words[0].start()
        stop = max(before.rfind(". ", lo), before.rfind("; ", lo), before.rfind(": ", lo),
                   before.rfind(", ", lo) if len(short) <= 3 else -1)
        if stop >= 0:
            lo = stop + 2
        window = before[lo:]
        rel = best_long_form(short, window)
        if rel is None:
            continue
        long_start, long_end = lo + rel, len(before)
        long = text[long_start:long_end]
        if len(long) <= len(short) or len(long.split()) > len(short.replace("-", "")) + 3:
            continue
        s0 = m.start(1) + m.group(1).index(short)
        out.append((long_start, long_end, s0, s0 + len(short)))
    return out


def _last_words(text: str, n: int, window: int = 400) -> list[re.Match]:
    """The last ``n`` whitespace-separated words of ``text``, reading only its end when it can."""
    lo = max(0, len(text) - window)
    words = list(_WORD.finditer(text, lo))
    if lo > 0:
        words = words[1:]  # the first may be cut by the window
        if len(words) < n:
            words = list(_WORD.finditer(text))
    return words[-n:]


_RUN = re.compile(r"[\w-]+")
#: Short forms that are not a run of word characters and hyphens ("R^3Net") are looked for
#: one by one, each with a scan of the text: at most this many per text.
MAX_ODD_SHORT_FORMS = 20


def find_uses(text: str, shorts: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of each short form (whole word, same case, plural allowed), in one
    pass over the text however many short forms it defines.

    Examples
    --------
    >>> t = "QWR and SAC: QWRs beat SAC, not QWR-2 or SACs."
    >>> find_uses(t, ["QWR", "SAC"])
    {'QWR': [(0, 3), (13, 16)], 'SAC': [(8, 11), (23, 26), (41, 44)]}
    """
    out: dict[str, list[tuple[int, int]]] = {short: [] for short in shorts}
    plain = {short for short in shorts if _RUN.fullmatch(short)}
    for m in _RUN.finditer(text) if plain else ():
        run = m.group()
        if run in plain:
            out[run].append(m.span())
        elif run.endswith("s") and run[:-1] in plain:  # a plural; "SASs" is all SAS's
            out[run[:-1]].append((m.start(), m.end() - (0 if run.endswith("ss") else 1)))
    for short in [s for s in shorts if s not in plain][:MAX_ODD_SHORT_FORMS]:
        for m in re.finditer(r"(?<![\w-])" + re.escape(short) + r"s?(?![\w-])", text):
            out[short].append((m.start(), m.end() - 1 if m.group().endswith("s") and not short.endswith("s") else m.end()))
    return out


def acronym_candidates(text: str, lookup, confidence: float = 0.85) -> list:
    """Candidates for each defined acronym: its long form, the short form and its later uses,
    tied by one ``group``. Typed by the dictionary (``lookup(surface) -> Entry | None``) when it
    knows the long form, else by the long form's head noun; descriptions such as "Large Language
    Models (LLMs)" are skipped.

    Examples
    --------
    >>> t = "We propose Q-Value Weighted Regression (QWR). QWR is fast."
    >>> [(t[c.start:c.end], c.label, c.canonical) for c in acronym_candidates(t, lambda s: None)]
    [('Q-Value Weighted Regression', 'METHOD', 'QWR'), ('QWR', 'METHOD', 'QWR'), ('QWR', 'METHOD', 'QWR')]
    """
    from .candidates import Candidate
    from .heads import is_generic_phrase, type_of_phrase

    typed = []
    for ls, le, ss, se in find_definitions(text):
        long, short = text[ls:le], text[ss:se]
        if is_generic_phrase(long):
            continue
        base = _singular(short)
        entry = lookup(long)
        label = entry.type if entry else type_of_phrase(long)
        if label is None:
            short_entry = lookup(base)
            label = short_entry.type if short_entry else None
        if label is not None:
            typed.append((ls, le, ss, se, base, label))
    uses = find_uses(text, list(dict.fromkeys(base for *_, base, _ in typed)))
    out = []
    for ls, le, ss, se, base, label in typed:
        group = acronym_group(base)
        out += [Candidate(ls, le, label, "kg_acronyms", confidence, canonical=base, group=group),
                Candidate(ss, se, label, "kg_acronyms", confidence, canonical=base, group=group)]
        if base in uses:  # the uses go with the first definition of the short form
            out += [Candidate(a, b, label, "kg_acronyms", confidence * 0.95, canonical=base, group=group)
                    for a, b in uses.pop(base) if a != ss]
    return out


# a bracket right after a mention (or after the quote closing it) and what it holds: "(SAS)",
# "(ESF, the first ...", "(LRQ; ...)", “Maximum Mean Discrepancy” (MMD)
_BRACKET = re.compile(r"[\"'”’»]?\s*\(\s*([^()\s,;][^(),;]{0,40}?)\s*[),;]")


def link_bracketed_acronyms(text: str, mentions: list) -> list:
    """The chosen mentions, with "long form (SF)" and "SF (long form)" pairs tied by one
    ``group`` whichever layers found the two spans.

    :func:`acronym_candidates` ties a definition only where a catalogue or a head noun types
    its long form, and its spans give way where the trained tagger chose other boundaries;
    so "Self-Adaptive Scaling (SAS)" could reach the graph as two entities. Here a chosen
    mention and the chosen mention that fills the bracket right after it are tied when one
    is a short form the other spells (Schwartz–Hearst, :func:`best_long_form`); a short form
    in that bracket that no layer chose is added, as the long form's, and so are its other
    uses no layer chose (as :func:`acronym_candidates` adds them). The short form names
    the entity.

    Examples
    --------
    >>> from kg.extraction.candidates import Candidate
    >>> t = "We propose Self-Adaptive Scaling (SAS). CFLUE (Chinese Financial Language Understanding) and Chain-of-Diagnosis (CoD)."
    >>> ms = [Candidate(11, 32, "METHOD", "kg_tagger", 0.9), Candidate(34, 37, "METHOD", "kg_tagger", 0.9),
    ...       Candidate(40, 45, "DATASET", "kg_tagger", 0.9), Candidate(47, 87, "DATASET", "kg_tagger", 0.9),
    ...       Candidate(93, 111, "METHOD", "kg_tagger", 0.9)]
    >>> [(t[m.start:m.end], m.group) for m in link_bracketed_acronyms(t, ms)]  # doctest: +NORMALIZE_WHITESPACE
    [('Self-Adaptive Scaling', 'acr:SAS'), ('SAS', 'acr:SAS'), ('CFLUE', 'acr:CFLUE'),
     ('Chinese Financial Language Understanding', 'acr:CFLUE'), ('Chain-of-Diagnosis', 'acr:CoD'), ('CoD', 'acr:CoD')]
    """
    out = list(mentions)
    added, defined = [], {}  # defined: short form -> the long form's mention
    for i, a in enumerate(out):
        bracket = _BRACKET.match(text, a.end)
        if a.group or bracket is None:
            continue
        s0, s1 = bracket.span(1)
        b = out[i + 1] if i + 1 < len(out) else None
        if b is not None and b.start < bracket.end():
            if b.group or (b.start, b.end) != (s0, s1):
                continue
            first, second = text[a.start:a.end], text[s0:s1]
            if is_short_form(second) and _spells(second, first):
                short = _singular(second)
            elif is_short_form(first) and _spells(first, second):
                short = _singular(first)
            else:
                continue
            group = acronym_group(short)
            out[i], out[i + 1] = (m.replace(group=group, canonical=m.canonical or short) for m in (a, b))
        elif is_short_form(text[s0:s1]) and _spells(text[s0:s1], text[a.start:a.end]):
            short = _singular(text[s0:s1])
            group = acronym_group(short)
            out[i] = a.replace(group=group, canonical=a.canonical or short)
            added.append(a.replace(start=s0, end=s1, group=group, canonical=short, ids=(), aliases=()))
        else:
            continue
        defined.setdefault(short, out[i])
    if defined:
        covered = bytearray(len(text) + 1)
        for m in out + added:
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        uses = find_uses(text, list(defined))
        for short, long in defined.items():
            for u0, u1 in uses[short]:
                if not any(covered[u0:u1]):
                    covered[u0:u1] = b"\x01" * (u1 - u0)
                    added.append(long.replace(start=u0, end=u1, canonical=short, ids=(), aliases=()))
    return sorted(out + added, key=lambda c: (c.start, c.end)) if added else out


def acronym_group(short: str) -> str:
    """The ``group`` that ties a defined short form, its long form and its uses."""
    return "acr:" + short


def _singular(short: str) -> str:
    """ "LLMs" -> "LLM": the short form a definition names."""
    return short[:-1] if short.endswith("s") and short[:-1].isupper() else short


def _spells(short: str, long: str) -> bool:
    """``long``, a phrase of more than one word (hyphens count), spells ``short``."""
    return len(long) > len(short) and len(re.split(r"[\s-]+", long.strip())) > 1 and best_long_form(short, long) is not None
