"""Name shapes and the URL guard of the orthography layer."""
from kg.extraction.orthography import _URLISH, find_shapes, shape_kind, url_spans


def test_caps_family_with_small_suffix_is_a_name():
    assert shape_kind("GPT-f") == "alnum"
    t = "We present a prover, GPT-f, for Metamath."
    assert [(t[c.start:c.end], c.label) for c in find_shapes(t, {"gpt": "MODEL"})] == [("GPT-f", "MODEL")]


def test_url_spans_equal_the_full_regex_scan():
    for t in ["see https://x.org/a or mail a@b.c, e.g. this.", "code at github.com/x/y.", "(www.a.io) and x@y",
              "no links here. at all", "@start and end@ x.com"]:
        assert url_spans(t) == [m.span() for m in _URLISH.finditer(t)]
