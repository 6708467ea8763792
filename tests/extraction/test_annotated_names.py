"""The annotated-names lexicon: what the training annotations say about a phrase, carried to
abstracts that were not annotated, without letting a training abstract see its own labels."""
from kg.extraction import annotated_names as an
from kg.extraction.tagger import WordFeatures, token_features

DOCS = [
    ("we use message passing here .".split(), [(("message", "passing"), "METHOD")]),
    ("message passing and attention .".split(), [(("message", "passing"), "METHOD")]),
    ("this draws attention to it .".split(), []),
    ("attention is all .".split(), [(("attention",), "METHOD")]),
]


def test_reliability_is_the_share_of_abstracts_that_annotate_the_phrase():
    names = an.build(an.count_names(DOCS))
    assert names.entries[("message", "passing")] == ("METHOD", 2, 2)
    assert names.entries[("attention",)] == ("METHOD", 1, 3)  # written thrice, annotated once
    assert names.band(("message", "passing")) == "0.8"
    assert names.band(("attention",)) == "0.2"


def test_the_longest_known_phrase_is_tagged():
    names = an.AnnotatedNames.from_counts(
        {("label",): {"METHOD": 1}, ("label", "propagation"): {"METHOD": 4}}, {("label",): 1, ("label", "propagation"): 4})
    assert names.tags(["a", "label", "propagation", "step"]) == [None, "B-METHOD|0.8", "I-METHOD|0.8", None]


def test_a_phrase_rarely_annotated_where_written_gives_no_tag():
    names = an.AnnotatedNames.from_counts({("model",): {"MODEL": 1}}, {("model",): 50})
    assert names.tags(["the", "model"]) == [None, None]


def test_jackknife_never_shows_an_abstract_its_own_annotations():
    counts = an.count_names(DOCS)
    lexicons = an.jackknife(counts, parts=2)
    # abstract 0 (part 0) sees only abstracts 1 and 3
    assert lexicons[0].entries[("message", "passing")] == ("METHOD", 1, 1)
    # abstract 1 (part 1) sees 0 and 2: "attention" was annotated in neither
    assert ("attention",) not in lexicons[1].entries


def test_the_lexicon_round_trips_through_its_file(tmp_path):
    names = an.build(an.count_names(DOCS))
    names.write(tmp_path / "n.tsv")
    assert an.AnnotatedNames.read(tmp_path / "n.tsv").entries == names.entries
    assert an.AnnotatedNames.read(tmp_path / "missing.tsv").entries == {}


def test_the_tagger_reads_the_lexicon_as_a_feature():
    names = an.build(an.count_names(DOCS))
    words = "we apply message passing".split()
    feats = token_features(words, [True, True, True, False], [], WordFeatures(), names)
    assert "names=B-METHOD|0.8" in feats[2] and "names=I-METHOD" in feats[3]
    assert not any(f.startswith("names=") for f in feats[0])
