"""What a paper does with an entity, read from the words just before each mention.

A mention's role is the role of the nearest cue before it in its clause ("we propose",
"experiments on", "outperforms", "using"); a sentence that speaks neither of the paper ("we",
"our", "this paper", "the proposed") nor of what the paper introduces is background, and
background names are only mentioned. The entity's role is the strongest role of its mentions.
"""
from __future__ import annotations

import re
from typing import NamedTuple

#: Strongest first: the paper-entity role is the first role any of its mentions has.
ROLES = ("introduces", "evaluates", "compares", "uses", "mentions")
#: How far back (characters) a cue may stand from the mention it decides.
WINDOW = 100

_W = r"(?:[\w'’-]+,?\s+)"  # one word and its spaces
_CUES = (
    ("introduces", re.compile(
        rf"\b(?:we|this (?:paper|work|study|article|(?:technical\s+)?report)|here,?\s+we)\s+(?:also\s+|further\s+|first\s+|then\s+)?"
        rf"(?:propose|introduce|present|develop|release|create|construct|design|contribute|devise|formulate|"
        rf"build|collect|curate|annotate|describe|define)s?\b|\b(?:our|the|a|an)\s+(?:new|novel|proposed)\b|"
        rf"\b(?:called|named|dubbed|termed|coined)\b|\bwe call\b|\bthe task of\b", re.I)),
    ("evaluates", re.compile(
        rf"\bevaluat\w*\s+{_W}{{0,5}}?(?:on|over|against|in|using|with)\b|\bexperiment\w*\s+{_W}{{0,4}}?"
        rf"(?:on|over|with|using|in)\b|\bresults?\s+{_W}{{0,3}}?on\b|\btest(?:ed|s)? on\b|\bbenchmark(?:s|ed)?\b|"
        rf"\bstate[- ]of[- ]the[- ]art\s+{_W}{{0,4}}?on\b|\b(?:performance|accuracy|scores?|F1|BLEU|gains?|"
        rf"improvements?)\s+(?:\w+\s+){{0,2}}?on\b|\bparticipat\w*\s+in\b|\bsubmi\w+\s+(?:to|for)\b|"
        rf"\bexperiment\w* with\b|\bdatasets?\s*(?:\(|:|such as|including|like)", re.I)),
    ("compares", re.compile(
        r"\b(?:outperform\w*|compar\w*|than|baselines?|surpass\w*|versus|vs\.?|beat\w*|against|superior to|"
        r"exceed\w*|competitive with|on par with|(?:improv\w*|gains?|advantages?)\s+over|rival\w*|"
        r"better than|unlike)\b", re.I)),
    ("uses", re.compile(
        r"\b(?:use[sd]?|using|based on|built on|build(?:s|ing)? on|on top of|train\w* on|pre-?train\w* on|"
        r"fine-?tun\w*|leverag\w*|employ\w*|appl\w*|adopt\w*|with|via|through|exploit\w*|utiliz\w*|utilis\w*|"
        r"incorporat\w*|combin\w*|extend\w*|backbone|encoder|relying on|rel(?:y|ies) on|initiali[sz]\w*|"
        r"from|by)\b", re.I)),
)
# After "on" alone (outperforms X on SQuAD; SOTA results on GLUE) a dataset is what the paper is
# measured on, unless it was trained on it.
_ON_DATA = re.compile(r"\b(?<!trained )(?<!pretrained )(?<!pre-trained )on(?:\s+(?:the|both|all|two|three|four|several|"
                      r"standard|popular|public|challenging|benchmark|several))*\s*$", re.I)
_CLAUSE = re.compile(r"[;:!?]|\.\s|\bwhile\b|\bwhereas\b|\bbut\b|\bhowever\b", re.I)
#: The sentence speaks of the paper itself.
SELF = re.compile(r"\b(?:we|our|us|this (?:paper|work|study|article|approach|method|model)|the proposed|"
                  r"the resulting|experiment\w*|results? show|empirical\w*)\b", re.I)
_EVALUATED = frozenset({"DATASET", "TASK"})
#: The sentence reports an evaluation: a dataset named in it is what the paper is measured on.
_EVALUATION = re.compile(r"\b(?:experiment\w*|evaluat\w*|results?|outperform\w*|benchmarks?|state[- ]of[- ]the[- ]art|"
                         r"test(?:ed|s)?|achiev\w*|surpass\w*|improv\w*|scores?|accuracy)\b", re.I)
#: Words between an introduction cue and a name that make the name a part, a purpose or a
#: topic of what is introduced, not the thing itself ("a pipeline for object detection").
_NOT_OBJECT = re.compile(r"\b(?:for|to|on|in|of|which|that|consist\w*|with|by|via|from|based|using|uses|"
                         r"comprising|including|and a|research)\b", re.I)


class Role(NamedTuple):
    """A mention's role and the words of its sentence that say so (empty for ``mentions``)."""

    role: str
    evidence: str


def role_of_mention(sentence: str, start: int, end: int | None = None, cue: str | None = None,
                    etype: str | None = None, own: bool = False) -> Role:
    """The role one mention signals, and its evidence phrase.

    ``start``/``end`` are the mention's offsets in ``sentence``; ``cue="introduces"`` is an
    introduction cue found by the extractor; ``etype`` the entity type (only datasets and tasks
    are evaluated on; a metric is used); ``own`` says the sentence names something the paper
    introduces, so it speaks of the paper even without "we".

    Examples
    --------
    >>> s = "Our model outperforms BERT on SQuAD."
    >>> role_of_mention(s, s.index("BERT"), etype="MODEL").role
    'compares'
    >>> role_of_mention(s, s.index("SQuAD"), s.index("."), etype="DATASET")
    Role(role='evaluates', evidence='on SQuAD')
    >>> s = "We fine-tune BERT using the Adam optimizer."
    >>> role_of_mention(s, s.index("Adam"), s.index(" optimizer"), etype="METHOD")
    Role(role='uses', evidence='using the Adam')
    >>> s = "Previous work used BERT for this."
    >>> role_of_mention(s, s.index("BERT"), etype="MODEL").role
    'mentions'
    """
    end = start + 1 if end is None else end
    name = sentence[start:end]
    if cue == "introduces":
        return Role("introduces", name)
    before = sentence[max(0, start - WINDOW):start]
    clause = before
    for m in _CLAUSE.finditer(before):
        clause = before[m.end():]
    if etype in _EVALUATED:
        on = _ON_DATA.search(clause)
        if on and (etype == "DATASET" or SELF.search(sentence) or own):
            return Role("evaluates", (clause[on.start():] + name).strip())
    best: tuple[int, str, int] | None = None
    for role, pattern in _CUES:
        for m in pattern.finditer(clause):
            if best is None or m.start() > best[0]:
                best = (m.start(), role, m.start())
    if best is None:
        if etype in ("METRIC", "DATASET") and (own or SELF.search(sentence)):
            if etype == "DATASET" and _EVALUATION.search(sentence):
                return Role("evaluates", _EVALUATION.search(sentence).group(0) + " … " + name)
            return Role("uses", name)
        return Role("mentions", "")
    role = best[1]
    if role == "introduces":
        gap = clause[best[2]:]
        cue_words = gap[:40]
        if _NOT_OBJECT.search(gap[len(_CUES[0][1].match(gap).group(0)):]) or \
                (etype == "TASK" and "task" not in cue_words.lower()):
            role = "uses" if own or SELF.search(sentence) else "mentions"
            role = "mentions" if etype == "TASK" else role
    if role != "introduces" and etype == "DATASET" and (own or SELF.search(sentence)) \
            and _EVALUATION.search(sentence) and not re.search(r"\btrain\w*\s+on\s*(?:the\s*)?$", clause, re.I):
        return Role("evaluates", " ".join(_EVALUATION.search(sentence).group(0).split()) + " … " + name)
    if role == "uses" and clause[best[2]:best[2] + 4].lower() == "with" and _CUES[2][1].search(clause):
        role = "compares"  # "we compare X with Y"
    if role == "evaluates" and etype not in _EVALUATED:
        role = "uses"
    if role == "compares" and etype == "METRIC":
        role = "uses"
    if role != "introduces" and not (own or SELF.search(sentence)):
        return Role("mentions", "")
    return Role(role, " ".join((clause[best[2]:] + name).split()))


def strongest(roles) -> str:
    """Combine mention roles into the paper–entity role (introduces > evaluates > compares >
    uses > mentions).

    Examples
    --------
    >>> strongest(["mentions", "compares", "uses"])
    'compares'
    """
    roles = set(roles)
    return next((r for r in ROLES if r in roles), "mentions")
