"""The plain record every extraction layer emits: one typed, attributed span of the text."""
from __future__ import annotations

from dataclasses import dataclass, field

TYPES = ("MODEL", "DATASET", "METHOD", "TASK", "METRIC")

#: The trained layer's component name.
TAGGER = "kg_tagger"

# Which layer wins a tie between overlapping spans of equal length (lower is stronger). The
# trained tagger comes last: where a rule layer found the very span it tagged, the rule's
# name, ids and links stand, and the tagger's type (``entities.select_mentions``).
COMPONENT_RANK = {
    "kg_gazetteer": 0, "kg_acronyms": 1, "kg_intro_cues": 2, "kg_head_nouns": 3,
    "kg_orthography": 4, "kg_span_scorer": 5, "kg_tagger": 6,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span ``text[start:end]`` some layer believes names an entity.

    ``label`` is one of :data:`TYPES` or ``None`` (orthography alone cannot type a name; the
    span scorer does). ``canonical``/``ids``/``aliases`` come from the gazetteer when known.
    ``group`` ties spans that name one thing even though they are spelled differently
    (an acronym and its long form). ``cue`` records an introduction cue ("introduces").
    """

    start: int
    end: int
    label: str | None
    component: str
    confidence: float
    canonical: str | None = None
    ids: tuple = ()
    aliases: tuple = ()
    group: str | None = None
    cue: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def replace(self, **changes) -> "Candidate":
        """A copy with some fields changed (candidates are immutable)."""
        values = {f: getattr(self, f) for f in self.__dataclass_fields__}
        values.update(changes)
        return Candidate(**values)
