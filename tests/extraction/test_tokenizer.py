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


def test_a_lone_surrogate_is_read_as_a_replacement_character_and_names_around_it_are_found():
    # JSON's "\ud800" decodes to a lone surrogate, which spaCy's string store cannot encode.
    from kg.extraction import extract_entities

    text = "We fine-tune BERT \ud800 on SQuAD."
    doc = FastTokenizer(spacy.blank("en").vocab)(text)
    assert doc.text == text.replace("\ud800", "\ufffd")
    [entities] = extract_entities([text])
    assert {e["name"] for e in entities} >= {"BERT", "SQuAD"}
    for e in entities:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]  # the offsets are the input's
