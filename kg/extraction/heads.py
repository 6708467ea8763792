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
    """The type signalled by the first type word of a description ("a stochastic time series
    model that ..." -> MODEL).

    Examples
    --------
    >>> first_type_noun("a stochastic time series model based on transformers")
    'MODEL'
    >>> first_type_noun("the first benchmark specifically designed")
    'DATASET'
    """
    for w in re.findall(r"[A-Za-z][A-Za-z-]*", description.lower()):
        t = HEAD_TYPE.get(w)
        if t and w not in _WEAK:
            return t
    return None


# Words too common inside descriptions to decide a type on their own.
_WEAK = {"learning", "training", "attention", "analysis", "inference", "memory", "units", "unit",
         "machine", "machines", "rate", "error", "accuracy", "understanding", "modeling", "modelling",
         "prediction", "generation", "translation", "embedding", "embeddings", "search", "sampling",
         "resolution", "estimation", "transformer", "transformers", "lm", "lms", "llm", "llms", "decoding"}
