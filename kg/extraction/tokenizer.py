"""A fast regex tokenizer that keeps URLs whole and splits CJK characters apart, so Latin names
inside Chinese text ("来自Dall-E的") stay tokens."""
from __future__ import annotations

import re

from spacy.tokens import Doc

# CJK ideographs, CJK punctuation and full-width forms: no spaces separate them from Latin names.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_TOKEN = re.compile(rf"https?://[^\s{CJK}]+|www\.[^\s{CJK}]+|[{CJK}]|[^\W_{CJK}]+|\S")


class FastTokenizer:
    """Words are runs of letters/digits; every other non-space character is its own token.

    Dictionary aliases go through the same tokenizer, so matching stays consistent; the
    components work on character offsets, so finer token boundaries cost nothing downstream.
    Whitespace other than one space becomes a whitespace token, so ``doc.text == text``.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
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
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["kg_text"] = text  # spares later components rebuilding doc.text
        return doc

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
