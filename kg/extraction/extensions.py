"""The Doc and Span extension attributes the kg components read and write, declared once."""
from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_CANDIDATES = "kg_candidates"
DOC_ENTITIES = "kg_entities"
SPAN_KEY = "kg_key"
SPANS_KEY = "kg_mentions"


def ensure_extensions() -> None:
    """Register the extensions if this process has not yet (idempotent).

    ``Doc._.kg_candidates`` collects :class:`~kg.extraction.candidates.Candidate` records from
    every layer; ``Doc._.kg_entities`` holds the final entity dicts; each final mention is in
    ``doc.spans["kg_mentions"]`` labelled with its type, with ``Span._.kg_key`` its entity key.

    Examples
    --------
    >>> ensure_extensions(); ensure_extensions()
    >>> Doc.has_extension("kg_entities")
    True
    """
    if not Doc.has_extension(DOC_CANDIDATES):
        Doc.set_extension(DOC_CANDIDATES, default=None)
    if not Doc.has_extension(DOC_ENTITIES):
        Doc.set_extension(DOC_ENTITIES, default=None)
    if not Span.has_extension(SPAN_KEY):
        Span.set_extension(SPAN_KEY, default=None)


# Where spaCy keeps a Doc extension's value (``doc.user_data``): read directly in the hot path,
# since every ``doc._`` access builds an Underscore object. Written through ``doc._`` only.
_CANDIDATES_KEY = ("._.", DOC_CANDIDATES, None, None)


def candidates_of(doc: Doc) -> list:
    """The doc's candidate list, created on first use.

    Examples
    --------
    >>> import spacy
    >>> ensure_extensions()
    >>> doc = spacy.blank("en")("a b")
    >>> candidates_of(doc).append(1); candidates_of(doc) is doc._.kg_candidates, doc._.kg_candidates
    (True, [1])
    """
    cands = doc.user_data.get(_CANDIDATES_KEY)
    if cands is None:
        cands = doc._.get(DOC_CANDIDATES)
        if cands is None:
            cands = []
            doc._.set(DOC_CANDIDATES, cands)
    return cands


#: ``doc.user_data`` key of the tagger's mask of characters it confidently leaves outside any
#: name (:meth:`kg.extraction.tagger.Tagger.tag`), read by the linker.
OUTSIDE_KEY = "kg_outside"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def words_of(doc: Doc) -> tuple[list[str], list[bool]]:
    """The doc's token texts and trailing-space flags, as the tokenizer made them.

    Examples
    --------
    >>> import spacy
    >>> words_of(spacy.blank("en")("a b"))
    (['a', 'b'], [True, False])
    """
    hit = doc.user_data.get("kg_words")
    if hit is None or len(hit[0]) != len(doc):
        hit = doc.user_data["kg_words"] = ([t.text for t in doc], [bool(t.whitespace_) for t in doc])
    return hit
