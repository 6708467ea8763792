"""The trained CRF tagger: features, decoding, the shipped weights, and reproducible training."""
import sys
from pathlib import Path

import pytest

from kg.extraction.candidates import Candidate
from kg.extraction.components import create_gazetteer, create_tagger_model
from kg.extraction.tagger import (KIND_WINDOW, Tagger, WordFeatures, catalogue_lexicon, read_clusters, read_tagger_model,
                                  spans_from_tags, token_features, well_formed)

ROOT = Path(__file__).resolve().parents[2]


def test_spans_from_tags_reads_bio_runs_and_never_crosses_a_type_change():
    words = ["we", "use", "BERT", "label", "propagation"]
    offsets = [0, 3, 7, 12, 18]
    spans = spans_from_tags(words, offsets, ["O", "O", "B-MODEL", "I-METHOD", "I-METHOD"])
    assert [(s.start, s.end, s.label) for s in spans] == [(7, 11, "MODEL"), (12, 29, "METHOD")]


@pytest.mark.parametrize("name", ["True) + D_KL", "(BERT", "https://github.com/a/b", "模型BERT",
                                  "a. Then b", " ".join(["w"] * 12)])
def test_spans_no_name_can_have_are_rejected(name):
    assert not well_formed(name)


def test_rule_spans_become_features_of_the_tokens_they_cover():
    feats = token_features(["the", "Penn", "Treebank"], [True, True, False],
                           [Candidate(4, 17, "DATASET", "kg_gazetteer", 0.9)], WordFeatures())
    assert "kg_gazetteer=B-DATASET" in feats[1] and "kg_gazetteer=I-DATASET" in feats[2]
    assert "rules=O" in feats[0]


def test_a_token_reads_the_kind_words_within_its_window_and_no_farther():
    # "X, a framework for ..." : the kind word says what the name near it is
    words = ["ours", "model"] + ["w"] * 12 + ["model", "corpus", "w", "X", "dataset"] + ["w"] * 8
    feats = token_features(words, [True] * (len(words) - 1) + [False], [], WordFeatures())
    for i, f in enumerate(feats):
        expected = [("kind<" if k < i else "kind>") + words[k] for k in range(len(words))
                    if words[k] in ("model", "corpus", "dataset") and k != i and abs(k - i) <= KIND_WINDOW]
        assert [x for x in f if x.startswith("kind")] == expected
    kinds = [[x for x in f if x.startswith("kind")] for f in feats]
    assert kinds[7] == ["kind<model"] and kinds[8] == ["kind>model"]  # six tokens away, not seven

def test_catalogue_lexicon_says_which_words_end_which_kind_of_name():
    lexicon = catalogue_lexicon(create_gazetteer())
    assert "head=TASK" in lexicon["detection"]
    assert "head=METHOD" in lexicon["sampling"]


def test_shipped_word_clusters_group_words_by_their_contexts():
    clusters = read_clusters()
    assert clusters["detection"] == clusters["recognition"] == clusters["classification"]
    assert clusters["bert"] == clusters["roberta"] != clusters["squad"]
    assert clusters["squad"][-1] == clusters["imagenet"][-1]
    assert all(word == word.lower() for word in clusters)


def test_cluster_features_carry_to_words_seen_in_no_annotation(tmp_path):
    table = tmp_path / "clusters.tsv"
    table.write_text("# word\tc64\tc256\nsmoothing\t3\t17\n", encoding="utf-8")
    features = WordFeatures(clusters=read_clusters(table))
    assert {"c64=3", "c256=17"} <= set(features("Smoothing"))
    assert not any(f.startswith("c64=") for f in features("unseen"))
    assert read_clusters(tmp_path / "missing.tsv") == {}


def test_shipped_weights_load_and_tag_offline():
    model, names = create_tagger_model()
    assert model is not None and len(model) < 25_000_000 and model == read_tagger_model()
    assert len(names.entries) > 1000  # the annotated names shipped beside the weights
    words = ["We", "train", "with", "nucleus", "sampling", "."]
    text = "We train with nucleus sampling."
    tagger = Tagger(model, catalogue_lexicon(create_gazetteer()), read_clusters(), names)
    spans = tagger(text, words, [True] * 4 + [False, False], [], 0.5)
    assert [(words[3] + " " + words[4], "METHOD")] == [("nucleus sampling", s.label) for s in spans]


def test_training_is_reproducible_byte_for_byte(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_tagger

    records = train_tagger.training_records()[:40]
    settings = {"c1": 0.2, "c2": 0.01, "max_iterations": 20, "min_freq": 1, "optional": "outside",
                "rule_features": True, "clusters": True, "annotated_names": True}
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train_tagger.train(records, a, settings)
    train_tagger.train(records, b, settings)
    assert a.read_bytes() == b.read_bytes()
    names = (tmp_path / "a.names.tsv").read_bytes()
    assert names == (tmp_path / "b.names.tsv").read_bytes() and names.count(b"\n") > 40
