"""A fast regex tokenizer that keeps URLs whole and splits CJK characters apart, so Latin names
inside Chinese text ("来自Dall-E的") stay tokens."""
from __future__ import annotations

import re

from spacy.tokens import Doc

# CJK ideographs, CJK punctuation and full-width forms: no spaces separate them from Latin names.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_TOKEN = re.compile(rf"https?://[^\s{CJK}]+|www\.[^\s{CJK}]+|[{CJK}]|[^\W_{CJK}]+|\S")
_CACHE_SIZE = 200_000
# A lone surrogate (from a JSON "\ud800" escape) is no character: spaCy's string store cannot
# encode it, so it is read as U+FFFD, one code point for one, and every offset stays true.
_SURROGATE = re.compile("[\ud800-\udfff]")


class FastTokenizer:
    """Words are runs of letters/digits; every other non-space character is its own token.

    Dictionary aliases go through the same tokenizer, so matching stays consistent; the
    components work on character offsets, so finer token boundaries cost nothing downstream.
    Whitespace other than one space becomes a whitespace token, so ``doc.text == text``.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        self._chunks: dict[str, tuple[list[str], list[bool]]] = {}

    def __call__(self, text: str) -> Doc:
        # Fast path: whitespace is only single spaces between words (every other whitespace
        # character is unprintable, so isprintable() rules them out in one C call).
        if text and text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
            words, spaces = self._split_simple(text)
        else:
            text = _SURROGATE.sub("\ufffd", text)
            words, spaces = _split(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["kg_text"] = text  # spares later components rebuilding doc.text
        doc.user_data["kg_words"] = (words, spaces)  # spares them building a Token per word
        return doc

    def _split_simple(self, text: str) -> tuple[list[str], list[bool]]:
        """Words and spaces of a text whose only whitespace is single spaces between words.

        No token crosses a space, so each space-separated chunk is tokenized once and cached
        (most chunks, "the", "model,", recur from text to text).
        """
        words: list[str] = []
        spaces: list[bool] = []
        cache = self._chunks
        for chunk in text.split(" "):
            hit = cache.get(chunk)
            if hit is None:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                toks = _TOKEN.findall(chunk)
                hit = cache[chunk] = (toks, [False] * (len(toks) - 1) + [True])
            words += hit[0]
            spaces += hit[1]
        spaces[-1] = False
        return words, spaces

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "FastTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "FastTokenizer":
        return self


def _split(text: str) -> tuple[list[str], list[bool]]:
    """Words and spaces for ``Doc``: one space after a word is its trailing space; any other
    whitespace run becomes a token of its own (less one trailing space), so ``doc.text == text``."""
    words, spaces = [], []
    pos = 0
    for m in _TOKEN.finditer(text):
        s = m.start()
        if s > pos:
            gap = text[pos:s]
            if gap == " " and words:
                spaces[-1] = True
            else:
                if words and gap.endswith(" "):
                    gap = gap[:-1]
                    words.append(gap)
                    spaces.append(True)
                else:
                    words.append(gap)
                    spaces.append(False)
        words.append(m.group())
        spaces.append(False)
        pos = m.end()
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


def make_fast_tokenizer(nlp) -> FastTokenizer:
    """Create the tokenizer for ``nlp`` (spaCy calls this with the new Language object).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> nlp.tokenizer = make_fast_tokenizer(nlp)
    >>> doc = nlp("来自Dall-E的人  见 https://x.org/a-b。")
    >>> [t.text for t in doc][2:5], doc.text == "来自Dall-E的人  见 https://x.org/a-b。"
    (['Dall', '-', 'E'], True)
    >>> [t.text for t in doc if t.text.startswith("http")]
    ['https://x.org/a-b']
    """
    return FastTokenizer(nlp.vocab)
