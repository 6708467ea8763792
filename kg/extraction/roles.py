"""What a paper does with an entity, read from the words around each mention.

A mention's role is the role of the nearest cue before it in its clause ("we propose",
"experiments on", "outperforms", "using"); a list takes the cue that governs it, past any
relative clause inside it. A sentence that speaks neither of the paper ("we", "our", "this
paper", "the proposed", "the system") nor of what the paper introduces is background, and so
is a clause about earlier work ("existing", "previous", "X et al."): names there are only
mentioned. The entity type then decides what a cue can mean: a task is evaluated when results
are reported on it and otherwise only mentioned; a metric is used; only datasets and tasks are
evaluated on. The entity's role is the strongest role of its mentions. The cue tables live in
:mod:`kg.extraction.role_cues`.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .role_cues import (BASED_AFTER, CLAUSE, COMPARES, CUES, DATA_AFTER, EARLIER, EVALUATION, EVALUATION_BEFORE,
                        EXAMPLES, INCLUDING, INTRODUCES, MEASURED_AFTER, NOT_MEASURED, NOT_OBJECT, ON_DATA, RELATIVE,
                        SELF, SELF_WORD, SHARED_TASK, TASK_MEASURED, TRAINED_ON, USED_AFTER)

#: Strongest first: the paper-entity role is the first role any of its mentions has.
ROLES = ("introduces", "evaluates", "compares", "uses", "mentions")
#: How far back (characters) a cue may stand from the mention it decides.
WINDOW = 150
#: How far after a mention a cue may stand ("X-based", "X … are utilized").
AFTER = 60


class Role(NamedTuple):
    """A mention's role and the words of its sentence that say so (empty for ``mentions``)."""

    role: str
    evidence: str


class _Context(NamedTuple):
    """What the role rules read about one mention."""

    clause: str        # the mention's clause up to the mention (at most WINDOW characters)
    after: str         # the AFTER characters that follow the mention
    sentence: str
    name: str
    about_paper: bool  # the sentence speaks of the paper (or names something it introduces)


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
    ctx = _Context(_clause_before(sentence, start), sentence[end:end + AFTER], sentence, name,
                   own or bool(SELF.search(sentence)))
    at, role = _nearest_cue(ctx.clause)
    on = _measured_on(ctx.clause) if etype in ("DATASET", "TASK") else None
    if _in_earlier_work(ctx.clause, max(at, on.start("on")) if on else at):  # "on" governs data and tasks
        return Role("mentions", "")
    if etype == "DATASET" and on:
        return Role("evaluates", " ".join((ctx.clause[on.start("on"):] + name).split()))
    evidence = ctx.clause[at:] + name if role else name
    if role == "introduces":
        role = _introduced(ctx, ctx.clause[at:], etype)
    elif role is None and USED_AFTER.match(ctx.after):
        role, evidence = "uses", name + USED_AFTER.match(ctx.after).group(0)
    elif role == "uses" and _compared_with(ctx.clause, at):
        role = "compares"  # "we compare X with Y"
    role, evidence = _TYPED.get(etype, _typed_other)(role, evidence, ctx)
    if role in (None, "mentions") or (role != "introduces" and not ctx.about_paper):
        return Role("mentions", "")
    return Role(role, " ".join(evidence.split()))


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
    if cue.lower().startswith("and") and not ctx.about_paper:
        return "mentions"
    part = NOT_OBJECT.search(gap[len(cue):]) or BASED_AFTER.match(ctx.after)
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
    sentence = EVALUATION_BEFORE.search(c) or SHARED_TASK.search(ctx.sentence)
    return ("evaluates", f"{sentence.group(0)} … {name}") if sentence else (None, "")


def _typed_dataset(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A dataset in a sentence of the paper that reports an evaluation is evaluated on (unless
    trained on); one the paper names without a cue is used."""
    if role == "introduces" or not ctx.about_paper:
        return role, evidence
    evaluation = EVALUATION.search(ctx.sentence)
    if evaluation and not TRAINED_ON.search(ctx.clause):
        return "evaluates", f"{evaluation.group(0)} … {ctx.name}"
    return (role, evidence) if role else ("uses", ctx.name)


def _typed_metric(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A metric the paper names is one it reports its results in: used, also after a result
    phrase ("better BLEU than", "experiments with ROUGE")."""
    return role if role == "introduces" else "uses", evidence


def _typed_other(role: str | None, evidence: str, ctx: _Context) -> tuple[str | None, str]:
    """A model or method is not evaluated on: an evaluation cue before it means it is used."""
    return "uses" if role == "evaluates" else role, evidence


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
