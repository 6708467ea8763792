"""Names recognised by their spelling: camelCase (tsGT, GamePad), letters with digits (GPT-4o,
ResNet-50, WMT'14) and upper-case acronyms; typed by family ("GPT-…" is a MODEL family) when known."""
from __future__ import annotations

import re
from collections import Counter

from .candidates import Candidate

# Only words with a capital inside or a digit beside a letter can be names: match just those.
# The first lookahead rejects all-lower-case words at once (most of the text) before the costlier
# second one looks for a capital inside the word or a digit beside a letter.
_TOKEN = re.compile(r"(?<![\w/@.#'’^$+*-])(?=[a-z]*+[\w'’^$+*.-])(?=[\w'’^$+*.-]*?(?:[A-Za-z][A-Z]|[A-Za-z][-'’]?\d|\d[A-Za-z]))"
                    r"[A-Za-z0-9][\w'’^$+*.-]*[\w+*$]")
_VARIANT = re.compile(r"\s(?:Turbo|Lite|Pro|Plus|Mini|Large|Base|Small|Medium|XL|XXL|Vision|Ultra|Max|Nano|Instruct|Chat|"
                      r"(?:[Tt]ask|[Tt]rack)\s\d+|(?:19|20)\d\d|\d{1,2}(?:\.\d)?)\b")
_UNIT = re.compile(r"\d+(?:\.\d+)?(?:[KMBT]|[km]b?|st|nd|rd|th|D|d|x|s|h|GB|MB|ms|px|%)$|[Tt]op-?\d+|[A-Za-z]-?\d$|\d+-[a-z]+")
_URLISH = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\S+\.(?:com|org|io|ai|net|edu)\S*")
# A URL-ish match never crosses whitespace and always holds one of these: look only around them.
_URL_HINT = re.compile(r"://|www\.|@|\.(?:com|org|io|ai|net|edu)")
_CHUNK_END = re.compile(r"\S*")
_NON_LETTER = re.compile(r"[^A-Za-z]")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z][a-z]+[A-Z]")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_HYPHEN_OR_DIGIT = re.compile(r"[-\d]")
_STEM = re.compile(r"[A-Za-z]+")
_CAPS_SUFFIX = re.compile(r"[A-Z][A-Z0-9]+-[a-z]{1,2}")
_CONF = {"camel": 0.6, "alnum": 0.6, "caps": 0.4}


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of URLs, e-mail addresses and domain names (``_URLISH`` matches), found
    only in the whitespace-delimited chunks that could hold one.

    Examples
    --------
    >>> t = "see https://x.org/a or mail a@b.c, not e.g. this."
    >>> [t[a:b] for a, b in url_spans(t)]
    ['https://x.org/a', 'a@b.c,']
    """
    out: list[tuple[int, int]] = []
    end = -1
    for h in _URL_HINT.finditer(text):
        if h.start() < end:
            continue
        a = h.start()
        while a > 0 and not text[a - 1].isspace():  # same test as the regex's \S
            a -= 1
        end = _CHUNK_END.match(text, h.start()).end()
        out.extend(m.span() for m in _URLISH.finditer(text, a, end))
    return out


def shape_kind(token: str) -> str | None:
    """Which name shape a word has, if any: "camel", "alnum" or "caps".

    Examples
    --------
    >>> [shape_kind(t) for t in ["tsGT", "GPT-4o", "BLEU", "model", "2019", "3D"]]
    ['camel', 'alnum', 'caps', None, None, None]
    """
    letters = _NON_LETTER.sub("", token)
    if len(letters) < 2 or _UNIT.fullmatch(token):
        return None
    if _CAMEL.search(token):
        return "camel"
    if _DIGIT.search(token) and (_UPPER.search(token) or len(letters) >= 4):
        return "alnum"
    if _CAPS_SUFFIX.fullmatch(token):  # "GPT-f", "T5-xl": a capitalised family name with a small suffix
        return "alnum"
    if letters.isupper() and len(letters) >= 2:
        return "caps"
    return None


def family_index(entries, types=("MODEL", "DATASET")) -> dict[str, str]:
    """Map a family stem ("GPT", "ResNet", "CIFAR", "WMT") to the type its known members have.

    Examples
    --------
    >>> from kg.extraction.gazetteer import Entry
    >>> family_index([Entry("GPT-3", "MODEL", (), (("GPT-3", "exact"),)), Entry("GPT-2", "MODEL", (), (("GPT-2", "exact"),))])
    {'gpt': 'MODEL'}
    """
    votes: dict[str, Counter] = {}
    for e in entries:
        if e.type not in types:
            continue
        for alias, _ in e.aliases:
            m = re.match(r"([A-Za-z]{2,})[\s'’-]?v?\d", alias)
            if m:
                votes.setdefault(m.group(1).lower(), Counter())[e.type] += 1
    return {stem: c.most_common(1)[0][0] for stem, c in sorted(votes.items()) if sum(c.values()) >= 2}


def stem_of(token: str) -> str:
    """The alphabetic stem of a versioned name: "Llama-3.2-Vision" -> "llama"."""
    m = _STEM.match(token)
    return m.group().lower() if m else ""


def find_shapes(text: str, families: dict[str, str]) -> list[Candidate]:
    """Candidates for every name-shaped word; typed by family stem when known, else ``None``.

    Examples
    --------
    >>> t = "Unlike GPT-4 Turbo, tsGT beats ResNet-50 (see https://x.org/tsGT2)."
    >>> [(t[c.start:c.end], c.label) for c in find_shapes(t, {"gpt": "MODEL", "resnet": "MODEL"})]
    [('GPT-4 Turbo', 'MODEL'), ('tsGT', None), ('ResNet-50', 'MODEL')]
    """
    blocked = url_spans(text)
    out = []
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        tok = m.group()
        while tok and tok[-1] in ".'’-":
            tok, e = tok[:-1], e - 1
        kind = shape_kind(tok)
        if kind is None or any(a <= s < b for a, b in blocked):
            continue
        v = _VARIANT.match(text, e)
        if v and kind != "caps":
            e = v.end()
        label = families.get(stem_of(tok)) if kind != "caps" or _HYPHEN_OR_DIGIT.search(tok) else None
        out.append(Candidate(s, e, label, "kg_orthography", _CONF[kind], extra={"shape": kind}))
    return out
