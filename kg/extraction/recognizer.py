"""The trained layer: spaCy's own `ner` (config `ner.cfg`), learned from the project's
annotations, run on the tokens kg's tokenizer made, its entities turned into candidates.

The rule and dictionary layers find what they were written for; the recogniser finds what
only context shows ("label propagation", a new name after "outperforms") and, where the
rules disagree with it, says which reading the text supports (``kg_linker`` decides).
Weights ship in ``data/ner`` (trained by ``scripts/train_ner.py``) and load offline.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .candidates import TYPES, Candidate

DATA = Path(__file__).parent / "data"
COMPONENT = "kg_ner"


def read_recognizer(path: str | Path | None = None) -> Language | None:
    """The trained pipeline (``tok2vec`` + ``ner``); ``None`` if no weights are installed."""
    path = Path(path) if path else DATA / "ner"
    if not (path / "config.cfg").exists():
        return None
    return spacy.load(path)


def recognized_candidates(doc: Doc, confidence: float) -> list[Candidate]:
    """The entities the model set on ``doc`` as candidates of component ``kg_ner``.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("we apply label propagation")
    >>> doc.ents = [doc.char_span(9, 26, label="METHOD")]
    >>> [(c.start, c.end, c.label, c.component) for c in recognized_candidates(doc, 0.8)]
    [(9, 26, 'METHOD', 'kg_ner')]
    """
    return [Candidate(e.start_char, e.end_char, e.label_, COMPONENT, confidence)
            for e in doc.ents if e.label_ in TYPES]


class Recognizer:
    """Run the trained components over kg's docs, batch by batch, and collect their entities.

    The trained pipeline keeps its own vocabulary; its labels are added to the host's string
    store so ``Span.label_`` reads back on the host docs.
    """

    def __init__(self, nlp: Language, model: Language | None, confidence: float):
        self.model, self.confidence = model, confidence
        self.procs = [proc for _, proc in model.pipeline] if model is not None else []
        for label in TYPES:
            nlp.vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        from .extensions import candidates_of

        for proc in self.procs:
            docs = proc.pipe(docs, batch_size=batch_size)
        for doc in docs:
            if self.procs:
                candidates_of(doc).extend(recognized_candidates(doc, self.confidence))
                doc.tensor = None  # the CNN features are not needed downstream: free them
            yield doc
