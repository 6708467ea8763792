"""Type words: which entity type a head noun ("dataset", "algorithm", "network") signals."""
from __future__ import annotations

import re

HEAD_TYPES = {
    "MODEL": """model models network networks net nets architecture architectures transformer transformers
        lm lms llm llms encoder encoders decoder decoders autoencoder autoencoders system systems gan gans
        classifier classifiers parser parsers tagger taggers agent agents machine machines perceptron
        perceptrons unit units memory framework frameworks""",
    "DATASET": """dataset datasets corpus corpora benchmark benchmarks treebank treebanks suite collection
        resource resources lexicon testbed environment environments bank challenge""",
    "METHOD": """method methods algorithm algorithms approach approaches technique techniques procedure
        loss objective strategy strategies mechanism mechanisms regularization regularizer estimator
        estimation scheme paradigm protocol attention sampling search optimization optimizer learning
        training tuning regression hashing embedding embeddings distillation decoding pruning
        augmentation prompting inference analysis descent propagation backpropagation""",
    "TASK": """task tasks recognition translation detection generation classification parsing
        summarization summarisation tagging answering extraction segmentation captioning retrieval
        assessment labeling labelling modeling modelling prediction understanding resolution""",
    "METRIC": """metric metrics score scores rate error divergence accuracy perplexity""",
}
HEAD_TYPE = {w: t for t, ws in HEAD_TYPES.items() for w in ws.split()}

# Long forms made only of these words name a kind of thing, not a thing ("Deep Neural Networks").
GENERIC_WORDS = set("""deep neural network networks model models large language languages pre-trained
    pretrained multimodal multi-modal vision machine learning artificial intelligence natural
    processing system systems based the a an of for and with small big foundation generative
    statistical computational text data method methods approach approaches""".split())


def type_of_phrase(phrase: str) -> str | None:
    """The type a phrase's head (last word) signals, if any.

    Examples
    --------
    >>> type_of_phrase("Q-Value Weighted Regression"), type_of_phrase("Penn Treebank")
    ('METHOD', 'DATASET')
    >>> type_of_phrase("Organisation for Economic Co-operation and Development") is None
    True
    """
    words = re.findall(r"[A-Za-z][A-Za-z-]*", phrase)
    if not words:
        return None
    head = words[-1].lower()
    if head in HEAD_TYPE:
        return HEAD_TYPE[head]
    last = head.rsplit("-", 1)[-1]
    return HEAD_TYPE.get(last)


def is_generic_phrase(phrase: str) -> bool:
    """True for descriptions such as "Large Language Models" or "deep neural networks".

    Examples
    --------
    >>> is_generic_phrase("Large Language Models"), is_generic_phrase("recurrent neural networks")
    (True, False)
    """
    words = re.findall(r"[A-Za-z][A-Za-z-]*", phrase.lower())
    return all(w in GENERIC_WORDS for w in words)


def first_type_noun(description: str) -> str | None:
    """The type a description gives: the last type word of its first noun phrase ("an open-domain
    question answering system based on ..." -> MODEL, "a suite of two correction models" -> MODEL),
    else its first type word anywhere. A leading parenthesis (an acronym's expansion) is skipped.

    Examples
    --------
    >>> first_type_noun("a stochastic time series model based on transformers")
    'MODEL'
    >>> first_type_noun("the first benchmark specifically designed")
    'DATASET'
    >>> first_type_noun("an open-domain knowledge base question answering system based on a framework")
    'MODEL'
    >>> first_type_noun("(dynamic input optimization for summarization), a pre-trained encoder-decoder model")
    'MODEL'
    """
    d = description.lower().lstrip()
    if d.startswith("("):
        close = d.find(")")
        if close > 0:
            d = d[close + 1:].lstrip(" ,")
    words = _DESC_WORD.findall(d)
    head = None
    for i, w in enumerate(words):
        if w == "of" and i and words[i - 1] in _CONTAINERS:
            head = None  # "a suite of models": the head comes after "of"
            continue
        if w in _NP_END or not w[0].isalpha():
            break
        t = HEAD_TYPE.get(w)
        if t and w not in _WEAK:
            head = t
    if head:
        return head
    for w in words:
        t = HEAD_TYPE.get(w)
        if t and w not in _WEAK:
            return t
    return None


_DESC_WORD = re.compile(r"[a-z][a-z-]*|[^\sa-z]")
_CONTAINERS = {"suite", "set", "collection", "family", "series", "pair", "number", "variety", "range", "bank"}
_NP_END = set("""of for to with in on by from at as via using based that which who whose where when
    trained built designed developed called named is are was were can could will would and or but than
    consisting comprising containing capable able""".split())


# Words too common inside descriptions to decide a type on their own.
_WEAK = {"learning", "training", "attention", "analysis", "inference", "memory", "units", "unit",
         "machine", "machines", "rate", "error", "accuracy", "understanding", "modeling", "modelling",
         "prediction", "generation", "translation", "embedding", "embeddings", "search", "sampling",
         "resolution", "estimation", "transformer", "transformers", "lm", "lms", "llm", "llms", "decoding"}
