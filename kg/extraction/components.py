"""Every kg spaCy factory (``kg_<noun>``) and registered helper (``kg.<name>.v1``), in one place.

Each component's ``__call__`` only coordinates: it reads the doc, calls the plain function of
its layer module (gazetteer, acronyms, cues, orthography, scorer, entities) and stores the
result in ``Doc._.kg_candidates``; ``kg_linker`` turns candidates into entities.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch, registry

from .acronyms import acronym_candidates, link_bracketed_acronyms
from .annotated_names import AnnotatedNames
from .arbitration import arbitrate, name_sized, split_coordinations, whole_versions
from .candidates import Candidate
from .cues import find_head_nouns, find_intro_cues
from .entities import build_entities, select_mentions
from .extensions import DOC_ENTITIES, OUTSIDE_KEY, SPANS_KEY, candidates_of, ensure_extensions, text_of, words_of
from .gazetteer import Gazetteer, build_matchers, match_gazetteer, read_gazetteer
from .orthography import family_index, find_shapes
from .tagger import Tagger, catalogue_lexicon, names_path, read_clusters, read_tagger_model
from .scorer import SpanScorer, label_span, read_span_scorer
from .tokenizer import make_fast_tokenizer

ensure_extensions()


@registry.tokenizers("kg.fast_tokenizer.v1")
def create_fast_tokenizer():
    """Regex tokenizer: fast, URL-aware, splits CJK characters (names in Chinese text)."""
    return make_fast_tokenizer


@registry.misc("kg.gazetteer.v1")
def create_gazetteer(path: str | None = None) -> Gazetteer:
    """The typed dictionary; ``path=None`` means the file shipped with the package."""
    return _cached_gazetteer(path)


@lru_cache(maxsize=4)
def _cached_gazetteer(path):
    return read_gazetteer(path)


@registry.misc("kg.span_scorer.v1")
def create_span_scorer(path: str | None = None) -> SpanScorer | None:
    """Trained span-scorer weights; ``path=None`` means the shipped ``span_scorer.npz``."""
    return read_span_scorer(path)


class GazetteerMatcher:
    """Tag every known alias (``kg_gazetteer``)."""

    def __init__(self, nlp: Language, name: str, gazetteer: Gazetteer, confidence: float):
        self.name, self.gazetteer, self.confidence = name, gazetteer, confidence
        self.matchers = build_matchers(nlp, gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        candidates_of(doc).extend(match_gazetteer(doc, self.matchers, self.gazetteer, self.confidence))
        return doc


@Language.factory("kg_gazetteer", default_config={"gazetteer": {"@misc": "kg.gazetteer.v1", "path": None},
                                                  "confidence": 0.9},
                  assigns=["doc._.kg_candidates"])
def make_gazetteer(nlp: Language, name: str, gazetteer: Gazetteer, confidence: float):
    return GazetteerMatcher(nlp, name, gazetteer, confidence)


class AcronymFinder:
    """Tag acronym definitions and later uses of the short form (``kg_acronyms``)."""

    def __init__(self, name: str, gazetteer: Gazetteer, confidence: float):
        self.name, self.gazetteer, self.confidence = name, gazetteer, confidence

    def __call__(self, doc: Doc) -> Doc:
        candidates_of(doc).extend(acronym_candidates(text_of(doc), self.gazetteer.lookup, self.confidence))
        return doc


@Language.factory("kg_acronyms", default_config={"gazetteer": {"@misc": "kg.gazetteer.v1", "path": None},
                                                 "confidence": 0.85},
                  assigns=["doc._.kg_candidates"])
def make_acronyms(nlp: Language, name: str, gazetteer: Gazetteer, confidence: float):
    return AcronymFinder(name, gazetteer, confidence)


class RuleLayer:
    """Apply one plain ``text -> [Candidate]`` function (``kg_intro_cues``, ``kg_head_nouns``)."""

    def __init__(self, name: str, finder, min_confidence: float):
        self.name, self.finder, self.min_confidence = name, finder, min_confidence

    def __call__(self, doc: Doc) -> Doc:
        candidates_of(doc).extend(c for c in self.finder(text_of(doc)) if c.confidence >= self.min_confidence)
        return doc


@Language.factory("kg_intro_cues", default_config={"min_confidence": 0.0}, assigns=["doc._.kg_candidates"])
def make_intro_cues(nlp: Language, name: str, min_confidence: float):
    return RuleLayer(name, find_intro_cues, min_confidence)


@Language.factory("kg_head_nouns", default_config={"min_confidence": 0.0}, assigns=["doc._.kg_candidates"])
def make_head_nouns(nlp: Language, name: str, min_confidence: float):
    return RuleLayer(name, find_head_nouns, min_confidence)


class ShapeFinder:
    """Tag name-shaped words (``kg_orthography``), typed by family stem where the dictionary knows it."""

    def __init__(self, name: str, gazetteer: Gazetteer):
        self.name = name
        self.families = family_index(gazetteer.entries)

    def __call__(self, doc: Doc) -> Doc:
        candidates_of(doc).extend(find_shapes(text_of(doc), self.families))
        return doc


@Language.factory("kg_orthography", default_config={"gazetteer": {"@misc": "kg.gazetteer.v1", "path": None}},
                  assigns=["doc._.kg_candidates"])
def make_orthography(nlp: Language, name: str, gazetteer: Gazetteer):
    return ShapeFinder(name, gazetteer)


_COORD_RIGHT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_COORD_LEFT = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
COORDINATED_TYPES = ("MODEL", "DATASET")


def coordination_type(text: str, start: int, end: int, starts: dict, ends: dict) -> str | None:
    """The type of the typed names a span is listed with ("Enwik8, CIFAR-10, and ImageNet-64"):
    ``starts``/``ends`` map the start/end offsets of typed MODEL/DATASET spans to their type.

    Examples
    --------
    >>> t = "density modeling of Enwik8, CIFAR-10, and ImageNet-64."
    >>> coordination_type(t, 20, 26, {28: "DATASET"}, {})
    'DATASET'
    """
    labels = set()
    m = _COORD_RIGHT.match(text, end)
    if m and m.end() in starts:
        labels.add(starts[m.end()])
    m = _COORD_LEFT.search(text, max(0, start - 8), start)
    if m and m.start() in ends:
        labels.add(ends[m.start()])
    return labels.pop() if len(labels) == 1 else None


def score_untyped(text: str, candidates: list[Candidate], scorer: SpanScorer, threshold: float) -> list[Candidate]:
    """Type the candidates no rule could type (by the typed names they are listed with, else by
    the scorer); drop those the scorer calls NONE."""
    out = []
    typed_spans = {(c.start, c.end) for c in candidates if c.label}
    starts = {c.start: c.label for c in candidates if c.label in COORDINATED_TYPES}
    ends = {c.end: c.label for c in candidates if c.label in COORDINATED_TYPES}
    for c in candidates:
        if c.label or (c.start, c.end) in typed_spans:
            out.append(c)
            continue
        label = coordination_type(text, c.start, c.end, starts, ends) if starts else None
        if label:
            out.append(c.replace(label=label, component="kg_span_scorer", confidence=0.6))
            continue
        label, p = label_span(scorer, text, c.start, c.end, threshold)
        if label:
            out.append(c.replace(label=label, component="kg_span_scorer", confidence=round(p * 0.8, 4)))
    return out


class SpanScorerLayer:
    """Type untyped candidates with the trained scorer (``kg_span_scorer``)."""

    def __init__(self, name: str, scorer: SpanScorer | None, threshold: float):
        self.name, self.scorer, self.threshold = name, scorer, threshold

    def __call__(self, doc: Doc) -> Doc:
        if self.scorer is not None:
            cands = candidates_of(doc)
            cands[:] = score_untyped(text_of(doc), cands, self.scorer, self.threshold)
        return doc


@Language.factory("kg_span_scorer", default_config={"scorer": {"@misc": "kg.span_scorer.v1", "path": None},
                                                    "threshold": 0.5},
                  assigns=["doc._.kg_candidates"])
def make_span_scorer(nlp: Language, name: str, scorer: SpanScorer | None, threshold: float):
    return SpanScorerLayer(name, scorer, threshold)


@registry.misc("kg.tagger_model.v1")
def create_tagger_model(path: str | None = None) -> tuple[bytes | None, AnnotatedNames]:
    """Trained CRF weights and the annotated names they were trained with (the file beside
    them, see :func:`~kg.extraction.tagger.names_path`); ``path=None`` means the shipped
    ``data/tagger.crfsuite``."""
    return read_tagger_model(path), AnnotatedNames.read(names_path(path))


@registry.misc("kg.word_clusters.v1")
def create_word_clusters(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Word clusters learned from unannotated abstracts; ``path=None``: the shipped file."""
    return _cached_clusters(path)


@lru_cache(maxsize=4)
def _cached_clusters(path: str | None):
    return read_clusters(path)


class TaggerLayer:
    """Tag entity spans with the trained CRF, reading every rule layer's candidates (``kg_tagger``)."""

    def __init__(self, name: str, model: tuple[bytes | None, AnnotatedNames], gazetteer: Gazetteer, clusters: dict,
                 min_confidence: float, outside_confidence: float | None):
        weights, names = model
        self.name, self.tagger = name, Tagger(weights, _cached_lexicon(gazetteer), clusters, names)
        self.min_confidence, self.outside_confidence = min_confidence, outside_confidence

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Tag ``batch_size`` docs at a time: the CRF decodes a batch in each numpy step."""
        for batch in minibatch(docs, batch_size):
            tagged = self.tagger.tag_many([(text_of(doc), *words_of(doc), list(candidates_of(doc))) for doc in batch],
                                          self.min_confidence, self.outside_confidence)
            for doc, (spans, outside) in zip(batch, tagged):
                candidates_of(doc).extend(spans)
                doc.user_data[OUTSIDE_KEY] = outside
                yield doc


@lru_cache(maxsize=4)
def _cached_lexicon(gazetteer: Gazetteer):
    return catalogue_lexicon(gazetteer)


@Language.factory("kg_tagger", default_config={"model": {"@misc": "kg.tagger_model.v1", "path": None},
                                               "gazetteer": {"@misc": "kg.gazetteer.v1", "path": None},
                                               "clusters": {"@misc": "kg.word_clusters.v1", "path": None},
                                               "min_confidence": 0.75, "outside_confidence": 0.97},
                  assigns=["doc._.kg_candidates"])
def make_tagger(nlp: Language, name: str, model: tuple[bytes | None, AnnotatedNames], gazetteer: Gazetteer, clusters: dict,
                min_confidence: float, outside_confidence: float | None):
    return TaggerLayer(name, model, gazetteer, clusters, min_confidence, outside_confidence)


# The stop itself is matched (not looked behind for) so the regex engine can skip to it quickly;
# the boundary is the whitespace after it (group 1), or the point right after a CJK full stop.
_SENT_END = re.compile(r"[.!?](\s+)(?=[A-Z0-9\"“(\[\u4e00-\u9fff])|[。！？]")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character ``(start, end)`` of each sentence: a split after . ! ? before a capital or a
    digit, and after CJK full stops (cheaper than a sentence-splitting pipe, and enough here).

    Examples
    --------
    >>> t = "We use BERT. It works! 我们发现。好"
    >>> [t[a:b] for a, b in sentence_bounds(t)]
    ['We use BERT.', 'It works!', '我们发现。', '好']
    """
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if m.start(1) >= 0:
            start, end = m.span(1)
        else:
            start = end = m.end()
        if start > pos:
            out.append((pos, start))
        pos = end
    if pos < len(text):
        out.append((pos, len(text.rstrip())))
    return out


class Linker:
    """Choose spans, merge spellings into entities, name, type and give roles (``kg_linker``).

    ``trusted_alone`` names the rule layers whose spans stand without the trained
    recogniser's agreement (see :func:`~kg.extraction.arbitration.arbitrate`).
    """

    def __init__(self, name: str, trained: list[str], trusted_alone: list[str]):
        self.name = name
        self.trained = frozenset(trained)
        self.trusted_alone = frozenset(trusted_alone)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        candidates = name_sized(whole_versions(text, candidates_of(doc)))
        chosen = select_mentions(arbitrate(text, candidates, self.trained, self.trusted_alone,
                                           doc.user_data.get(OUTSIDE_KEY)))
        mentions = link_bracketed_acronyms(text, split_coordinations(text, chosen, self.trained))
        entities = build_entities(text, mentions, sentence_bounds(text))
        doc._.set(DOC_ENTITIES, entities)
        spans = []
        for e in entities:
            for m in e["mentions"]:
                span = doc.char_span(m["start"], m["end"], label=e["type"], alignment_mode="expand")
                if span is not None:
                    span._.kg_key = e["key"]
                    spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


TRUSTED_ALONE = ["kg_gazetteer", "kg_acronyms", "kg_intro_cues", "kg_head_nouns", "kg_orthography", "kg_span_scorer"]


@Language.factory("kg_linker", default_config={"trained": ["kg_tagger"], "trusted_alone": TRUSTED_ALONE},
                  assigns=["doc._.kg_entities", "doc.spans"], requires=["doc._.kg_candidates"])
def make_linker(nlp: Language, name: str, trained: list[str], trusted_alone: list[str]):
    return Linker(name, trained, trusted_alone)
