"""What a paper does with an entity, read from the words just before each mention."""
from __future__ import annotations

import re

ROLES = ("introduces", "uses", "compares", "mentions")
_COMPARE = re.compile(r"\b(?:outperform\w*|compar\w*|than|baselines?|surpass\w*|versus|vs\.?|beat\w*|over|against|superior to)\b", re.I)
_USE = re.compile(r"\b(?:use[sd]?|using|based on|built on|on top of|train\w* on|evaluat\w*|experiments? on|results on|"
                  r"tested on|fine-?tun\w*|leverag\w*|employ\w*|appl\w*|adopt\w*|with|via|through|benchmarks?|datasets?)\b", re.I)


def role_of_mention(sentence: str, offset: int, cue: str | None = None) -> str:
    """The role one mention signals: its introduction cue, else the nearest cue word before it
    in its sentence (up to 80 characters back).

    Examples
    --------
    >>> s = "Our model outperforms BERT on SQuAD."
    >>> role_of_mention(s, s.index("BERT")), role_of_mention(s, s.index("SQuAD"))
    ('compares', 'compares')
    >>> s = "We fine-tune BERT using the Adam optimizer."
    >>> role_of_mention(s, s.index("Adam"))
    'uses'
    """
    if cue == "introduces":
        return "introduces"
    before = sentence[max(0, offset - 80):offset]
    best, pos = "mentions", -1
    for role, pat in (("compares", _COMPARE), ("uses", _USE)):
        for m in pat.finditer(before):
            if m.start() > pos:
                best, pos = role, m.start()
    return best


def strongest(roles) -> str:
    """Combine mention roles into the paper–entity role (introduces > uses > compares > mentions).

    Examples
    --------
    >>> strongest(["mentions", "compares", "uses"])
    'uses'
    """
    roles = set(roles)
    return next((r for r in ROLES if r in roles), "mentions")
