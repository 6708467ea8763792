"""Where the trained tagger and the rule layers meet: whose span, whose type."""
from kg.extraction.arbitration import arbitrate, whole_versions
from kg.extraction.candidates import Candidate
from kg.extraction.components import create_gazetteer, create_tagger_model
from kg.extraction.entities import select_mentions
from kg.extraction.tagger import Tagger, catalogue_lexicon, read_clusters

TRAINED, TRUSTED = frozenset({"kg_tagger"}), frozenset({"kg_gazetteer", "kg_orthography"})


def test_on_a_span_both_found_the_tagger_types_and_the_catalogue_names():
    gaz = Candidate(7, 10, "MODEL", "kg_gazetteer", 0.9, canonical="CRF", ids={"pwc": "crf"})
    tagged = Candidate(7, 10, "METHOD", "kg_tagger", 0.8)
    [chosen] = select_mentions([gaz, tagged])
    assert (chosen.label, chosen.canonical, chosen.ids) == ("METHOD", "CRF", {"pwc": "crf"})


def test_without_a_tagged_span_the_rule_type_stands():
    [chosen] = select_mentions([Candidate(7, 10, "MODEL", "kg_gazetteer", 0.9, canonical="CRF")])
    assert chosen.label == "MODEL"


def test_a_rule_span_on_words_the_tagger_is_sure_name_nothing_falls():
    text = "We use BERT and GPT-4 here."
    tagged = Candidate(7, 11, "MODEL", "kg_tagger", 0.9)
    rule = Candidate(16, 21, "MODEL", "kg_orthography", 0.6)
    sure_outside = bytearray(len(text) + 1)
    sure_outside[16:22] = b"\x01" * 6
    assert rule in arbitrate(text, [tagged, rule], TRAINED, TRUSTED)
    assert rule not in arbitrate(text, [tagged, rule], TRAINED, TRUSTED, sure_outside)
    half = bytearray(len(text) + 1)
    half[16:19] = b"\x01" * 3  # only part of the span: the rule span stands
    assert rule in arbitrate(text, [tagged, rule], TRAINED, TRUSTED, half)


def test_the_tagger_masks_only_what_it_leaves_outside_with_confidence():
    weights, names = create_tagger_model()
    tagger = Tagger(weights, catalogue_lexicon(create_gazetteer()), read_clusters(), names)
    text = "We train with nucleus sampling ."
    words = text.split()
    spaces = [True] * (len(words) - 1) + [False]
    rules = [Candidate(3, 8, "METHOD", "kg_gazetteer", 0.9), Candidate(14, 30, "METHOD", "kg_gazetteer", 0.9)]
    spans, outside = tagger.tag(text, words, spaces, rules, 0.5, outside_confidence=0.9)
    assert [text[s.start:s.end] for s in spans] == ["nucleus sampling"]
    # "train" lies under a rule span and is everyday language here; "nucleus" is a name;
    # "We" lies under no rule span, so nothing needs to be said of it
    assert outside[text.index("train")] and not outside[text.index("nucleus")] and not outside[0]
    assert tagger.tag(text, words, spaces, [], 0.5)[1] is None


def test_no_span_ends_inside_a_version_number():
    text = "Claude Sonnet 3.5 beats GPT-3.5 and v2.0-base."
    gpt3 = Candidate(24, 29, "MODEL", "kg_gazetteer", 0.9, canonical="GPT-3", ids=(("wikidata", "Q1"),))
    whole = Candidate(24, 31, "MODEL", "kg_gazetteer", 0.9, canonical="GPT-3.5")
    claude = Candidate(0, 15, "MODEL", "kg_tagger", 0.8)
    base = Candidate(36, 38, "MODEL", "kg_tagger", 0.8)
    fixed = whole_versions(text, [gpt3, whole, claude, base])
    assert [(text[c.start:c.end], c.canonical) for c in fixed] == \
           [("GPT-3.5", "GPT-3.5"), ("Claude Sonnet 3.5", None), ("v2.0-base", None)]
    # a name ending in a number at a sentence stop keeps its end
    assert whole_versions("We use GPT-3. It", [Candidate(7, 12, "MODEL", "kg_tagger", 0.8)])[0].end == 12


def test_a_tagged_coordination_of_two_names_is_two_entities():
    from kg.extraction.arbitration import split_coordinations
    text = "We test on QASPER and Evidence Inference with Contextual and Semantic Structure-based Interpolation."
    spans = [Candidate(11, 40, "DATASET", "kg_tagger", 0.8), Candidate(46, 99, "METHOD", "kg_tagger", 0.8),
             Candidate(11, 40, "DATASET", "kg_gazetteer", 0.9)]
    out = [(text[c.start:c.end], c.component) for c in split_coordinations(text, spans, frozenset({"kg_tagger"}))]
    # two names; a one-word modifier both conjuncts share; a rule layer's whole span
    assert out == [("QASPER", "kg_tagger"), ("Evidence Inference", "kg_tagger"),
                   ("Contextual and Semantic Structure-based Interpolation", "kg_tagger"),
                   ("QASPER and Evidence Inference", "kg_gazetteer")]


def test_a_run_of_scraped_debris_is_no_name_however_a_layer_reads_it():
    from kg.extraction import extract_entities
    from kg.extraction.arbitration import MAX_MENTION_CHARS

    texts = ["We use " + "-".join(["Net"] * 25_000) + " and BERT.", "We use GPT-" + "3." * 40_000 + "5 and BERT."]
    for entities in extract_entities(texts):
        assert [e["name"] for e in entities] == ["BERT"]
        assert all(m["end"] - m["start"] <= MAX_MENTION_CHARS for e in entities for m in e["mentions"])
