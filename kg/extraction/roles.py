"""What a paper does with an entity, read from the words around each mention.

A mention's role is the role of the nearest cue before it in its clause ("we propose",
"experiments on", "outperforms", "using"); a list takes the cue that governs it, past any
relative clause inside it, but a name that is the subject of its own verb is not the cue's
object. A few cues stand after the name ("X-based", "X is still lagging behind"), and an
apposition decides alone ("our model, X" introduces X; "MAML, a meta-learning approach" only
mentions the kind). A sentence (or a part of it between semicolons) that speaks neither of the
paper ("we", "our", "this paper", "the proposed", "outperforms") nor of what the paper
introduces is background, and so is a clause about earlier work ("existing", "previous", "X et
al.") unless the paper sets itself against it: names there are only mentioned. The entity type
then decides what a cue can mean: a task is evaluated when results are reported on it and
otherwise only mentioned; a metric is used unless metrics are set against each other; only
datasets and tasks are evaluated on; a model or method the paper names without a cue is one it
employs. The entity's role is the strongest role of its mentions. The cue tables live in
:mod:`kg.extraction.role_cues`.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .role_cues import (BASED_AFTER, CLAUSE, COMPARED_AFTER, COMPARES, CUES, DATA_AFTER, EARLIER, EVALUATION,
                        EVALUATION_BEFORE, EXAMPLES, INCLUDING, INTRODUCES, KIND_AFTER, KIND_BEFORE, LIST_ITEM, MEASURED_AFTER,
                        METRIC_BETTER, METRIC_THAN, NEW_LISTED, NOT_MEASURED, NOT_OBJECT, ON_DATA, OWN_BASELINE, OWN_HEAD, OWN_HEAD_AFTER,
                        OWN_NAMED, RELATIVE, SELF, SELF_WORD, SHARED_TASK, SUBJECT_AFTER, TASK_MEASURED, TRAINED_ON,
                        USED_AFTER)

#: Strongest first: the paper-entity role is the first role any of its mentions has.
ROLES = ("introduces", "evaluates", "compares", "uses", "mentions")
#: How far back (characters) a cue may stand from the mention it decides.
WINDOW = 200
#: How far after a mention a cue may stand ("X-based", "X … are utilized").
AFTER = 60


class Role(NamedTuple):
    """A mention's role and the words of its sentence that say so (empty for ``mentions``)."""

    role: str
    evidence: str


class SentenceFacts(NamedTuple):
    """What the role rules read from a mention's whole sentence, computed once per sentence:
    the text they read around a mention may be a window of a long sentence that lost its "we"."""

    about_paper: bool  # the sentence speaks of the paper (or names something it introduces)
    evaluation: str    # the word that says it reports an evaluation ("experiments"), or ""
    shared_task: str   # the word that says it is about a shared task ("participated"), or ""


def sentence_facts(sentence: str, own: bool = False) -> SentenceFacts:
    """The facts of one whole sentence; ``own`` says it names something the paper introduces,
    so it speaks of the paper even without "we" ("SCALE outperforms GPT-4").

    >>> sentence_facts("In experiments on GLUE, we find that BERT wins.")
    SentenceFacts(about_paper=True, evaluation='experiments', shared_task='')
    """
    evaluation, shared = EVALUATION.search(sentence), SHARED_TASK.search(sentence)
    return SentenceFacts(own or bool(SELF.search(sentence)), evaluation.group(0) if evaluation else "",
                         shared.group(0) if shared else "")


class _Context(NamedTuple):
    """What the role rules read about one mention."""

    clause: str        # the mention's clause up to the mention (at most WINDOW characters)
    after: str         # the AFTER characters that follow the mention
    name: str
    facts: SentenceFacts

    @property
    def about_paper(self) -> bool:
        return self.facts.about_paper


def role_of_mention(sentence: str, start: int, end: int | None = None, cue: str | None = None,
                    etype: str | None = None, facts: SentenceFacts | None = None) -> Role:
    """The role one mention signals, and its evidence phrase.

    ``start``/``end`` are the mention's offsets in ``sentence`` (the sentence, or a window of
    it); ``cue="introduces"`` is an introduction cue found by the extractor; ``etype`` the
    entity type (only datasets and tasks are evaluated on; a metric is used); ``facts`` those
    of the whole sentence (:func:`sentence_facts`), by default read from ``sentence``.

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
    ctx = _Context(_clause_before(sentence, start), sentence[end:end + AFTER], name,
                   sentence_facts(sentence) if facts is None else facts)
    named = _named_by_apposition(ctx, etype)
    if named:
        return named
    at, role = _nearest_cue(ctx.clause)
    on = _measured_on(ctx.clause) if etype in ("DATASET", "TASK") else None
    governs = max(at, on.start("on")) if on else at  # "on" governs data and tasks
    # earlier work is only mentioned, unless the paper sets itself against it ("outperforms existing X")
    if not (role == "compares" and governs == at) and _in_earlier_work(ctx.clause, governs):
        return Role("mentions", "")
    if etype == "DATASET" and on:
        return Role("evaluates", " ".join((ctx.clause[on.start("on"):] + name).split()))
    role, evidence = _read_cue(ctx, at, role, etype)
    role, evidence = _TYPED.get(etype, _typed_other)(role, evidence, ctx)
    if role in (None, "mentions") or (role != "introduces" and not ctx.about_paper):
        return Role("mentions", "")
    return Role(role, " ".join(evidence.split()))


def _named_by_apposition(ctx: _Context, etype: str | None) -> Role | None:
    """The role a noun phrase the name stands in apposition to gives it, if any: the paper's own
    thing ("our response model, 'PlatoLM'", or a name that is the whole noun phrase after
    "our": "our neural variational document model") is introduced; a name that says what
    kind of thing the name before it is ("MAML, a meta-learning approach") is only mentioned,
    unless that thing is what the paper introduces ("we propose APOLLO, an adaptive
    pretraining approach"): then it is a technique the paper employs."""
    own = OWN_NAMED.search(ctx.clause)
    if own and etype != "TASK" and (own.group("noun") or OWN_HEAD.search(ctx.name) or OWN_HEAD_AFTER.match(ctx.after)):
        return Role("introduces", " ".join((ctx.clause[own.start():] + ctx.name).split()))
    if ctx.name.islower() and KIND_BEFORE.search(ctx.clause) and KIND_AFTER.match(ctx.after):
        at, role = _nearest_cue(ctx.clause)
        if role == "introduces" and etype != "TASK":
            return Role("uses", " ".join((ctx.clause[at:] + ctx.name).split()))
        return Role("mentions", "")
    return None


def _read_cue(ctx: _Context, at: int, role: str | None, etype: str | None) -> tuple[str | None, str]:
    """The role the cue at ``at`` gives the name, read with what stands around the name: the
    subject of its own verb is not the cue's object ("than A, and Vicuna and Alpaca are …"); a
    result predicate after it compares it ("BERT is still lagging behind"); "X-based" and "X
    … are utilized" use it; a "with" that completes "compare … with" compares; a baseline the
    paper presents as its own ("we present a baseline X model") uses what it is built of."""
    if role in ("compares", "uses") and SUBJECT_AFTER.match(ctx.after):
        at, role = -1, None
    evidence = ctx.clause[at:] + ctx.name if role else ctx.name
    below, used = COMPARED_AFTER.match(ctx.after), USED_AFTER.match(ctx.after)
    if role == "introduces":
        return _introduced(ctx, ctx.clause[at:], etype), evidence
    if role in (None, "uses") and below:
        return "compares", ctx.name + below.group(0)
    if role is None and used:
        return "uses", ctx.name + used.group(0)
    if role == "uses" and _compared_with(ctx.clause, at):
        return "compares", evidence
    if role == "compares" and OWN_BASELINE.search(ctx.clause):
        return "uses", evidence
    return role, evidence


def _clause_before(sentence: str, start: int) -> str:
    """The mention's clause up to the mention, so that a list takes the cue that governs it:
    without a relative clause closed inside the list ("combines A, which overcomes B, and C")
    and, inside a parenthesis of examples, up to the parenthesis ("methods (e.g., X)")."""
    clause = sentence[max(0, start - WINDOW):start]
    for m in CLAUSE.finditer(clause):
        clause = clause[m.end():]
    examples = EXAMPLES.search(clause)
    return RELATIVE.sub(",", clause[:examples.start()] if examples else clause)


def _measured_on(clause: str) -> re.Match | None:
    """The "on" that makes a dataset or task named next what the paper is measured on, if any."""
    on = ON_DATA.search(clause)
    return None if on is None or (on.group("verb") and NOT_MEASURED.fullmatch(on.group("verb"))) else on


def _nearest_cue(clause: str) -> tuple[int, str | None]:
    """Where the cue that ends nearest the end of ``clause`` starts ("on par with" over "with"),
    and its role; ``(-1, None)`` if none. With no cue, names listed after "including" are
    parts of what the sentence describes, and so used."""
    best, last = (-1, None), (-1, 0)
    for role, pattern in CUES:
        for m in pattern.finditer(clause):
            if (m.end(), -m.start()) > last:  # nearest end; of two ending together, the longer
                best, last = (m.start(), role), (m.end(), -m.start())
    including = best[1] is None and INCLUDING.search(clause)
    return (including.start(), "uses") if including else best


def _in_earlier_work(clause: str, at: int) -> bool:
    """The mention stands in a clause that opens on earlier work ("Existing approaches use X",
    "Recently, Sun (2024) proposed X") and does not turn to the paper; a cue before the marker
    governs ("we use existing datasets X"), and so does one after "we" ("Unlike previous work,
    we use X")."""
    mark = None
    for mark in EARLIER.finditer(clause):
        pass
    if mark is None or 0 <= at < mark.start():
        return False
    head = clause[:mark.start()]
    return not SELF_WORD.search(clause[mark.end():at if at >= 0 else len(clause)]) and \
        not SELF_WORD.search(head) and not any(p.search(head) for _, p in CUES)


def _introduced(ctx: _Context, gap: str, etype: str | None) -> str:
    """``introduces`` when the name is the object of the introduction cue starting ``gap``;
    else a part ("a framework based on X", "a BERT-based model") or a purpose ("a pipeline
    for T") of what is introduced: used by the paper; a task is then only mentioned."""
    cue = INTRODUCES.match(gap).group(0)
    if cue.lower().startswith(("and", ",")) and not ctx.about_paper:  # a coordinated verb: the subject decides
        return "mentions"
    listed = gap[len(cue):]
    if NEW_LISTED.match(listed):  # the list's items are the cue's objects
        for item in LIST_ITEM.finditer(listed):
            listed = gap[len(cue) + item.end():]
    part = NOT_OBJECT.search(listed) or BASED_AFTER.match(ctx.after)
    if etype == "TASK":  # a task is introduced as such: "a new task"
        return "introduces" if not part and "task" in gap[:40].lower() else "mentions"
    return "uses" if part else "introduces"


def _compared_with(clause: str, at: int) -> bool:
    """The "with" cue at ``at`` is the preposition of a comparison ("we compare X with Y"),
    not one that a "to", "against" or "than" already took ("compared to B (LSTM with A)")."""
    if clause[at:at + 4].lower() != "with":
        return False
    cmp = [m for m in COMPARES.finditer(clause[:at]) if m.group(0).lower().startswith("compar")]
    return bool(cmp) and not any(w in clause[cmp[-1].end():at].lower().split() for w in ("to", "against", "than"))


# The type rules: (cue role or None, evidence, context) -> (role, evidence); role None is "mentions".

def _typed_task(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A task is evaluated when the paper reports results on it as such ("results on T", "T
    performance", "for evaluation, … tasks: T", a shared task's task), a new task is
    introduced, and any other task the paper works on is only mentioned; a task that names
    data ("SRL benchmarks") is not evaluated as such."""
    if role == "introduces":
        return role, evidence
    if not ctx.about_paper or DATA_AFTER.match(ctx.after):
        return None, ""
    c, name = ctx.clause, ctx.name
    if role == "evaluates":
        return role, evidence
    on, measured = _measured_on(c), TASK_MEASURED.search(c)
    if on or measured:
        return "evaluates", c[on.start("on") if on else measured.start():] + name
    after = MEASURED_AFTER.match(ctx.after)
    if after:
        return "evaluates", name + after.group(0)
    before = EVALUATION_BEFORE.search(c)
    word = before.group(0) if before else ctx.facts.shared_task
    return ("evaluates", f"{word} … {name}") if word else (None, "")


def _typed_dataset(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A dataset in a sentence of the paper that reports an evaluation or a shared task is
    evaluated on (unless trained on); one the paper names without a cue is used."""
    if role == "introduces" or not ctx.about_paper:
        return role, evidence
    word = ctx.facts.evaluation or ctx.facts.shared_task
    if word and not TRAINED_ON.search(ctx.clause):
        return "evaluates", f"{word} … {ctx.name}"
    return (role, evidence) if role else ("uses", ctx.name)


def _typed_metric(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A metric the paper names is one it reports its results in: used, also after a result
    phrase ("better BLEU than", "experiments with ROUGE"); metrics set against each other
    ("X relates better to human ranks than the Dice coefficient") are compared."""
    if role == "introduces":
        return role, evidence
    than, better = METRIC_THAN.search(ctx.clause), METRIC_BETTER.match(ctx.after)
    if ctx.about_paper and (than or better):
        return "compares", evidence if than else ctx.name + better.group(0)
    return "uses", evidence


def _typed_other(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A model or method is not evaluated on: an evaluation cue before it means it is used; one
    the paper names without a cue is one it employs, and so used."""
    return "uses" if role in ("evaluates", None) else role, evidence


_TYPED = {"TASK": _typed_task, "DATASET": _typed_dataset, "METRIC": _typed_metric}


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
