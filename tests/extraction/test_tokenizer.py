"""The regex tokenizer: the cached fast path gives exactly the tokens of the general path."""
import spacy

from kg.extraction.tokenizer import FastTokenizer, _split


def tokens(doc):
    return [t.text for t in doc], [bool(t.whitespace_) for t in doc]


def test_cached_chunks_give_the_same_tokens_as_the_general_path():
    tok = FastTokenizer(spacy.blank("en").vocab)
    for text in ["We use GPT-4o (see https://x.org/a-b).", "来自Dall-E的人 见 x。", "a . b", "x",
                 "We use GPT-4o again, on WMT'14 English-French."]:
        doc = tok(text)
        assert tokens(doc) == _split(text)
        assert doc.text == text


def test_unusual_whitespace_keeps_the_text():
    tok = FastTokenizer(spacy.blank("en").vocab)
    for text in [" lead", "trail ", "two  spaces", "line\nbreak", "tab\tand\u00a0nbsp", ""]:
        assert tok(text).text == text
