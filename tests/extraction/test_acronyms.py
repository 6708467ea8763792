"""Schwartz–Hearst acronym definitions."""
from kg.extraction.acronyms import find_definitions


def pairs(text):
    return [(text[a:b], text[c:d]) for a, b, c, d in find_definitions(text)]


def test_long_form_with_hyphens():
    assert pairs("the Long Short-Term Memory (LSTM) network") == [("Long Short-Term Memory", "LSTM")]


def test_window_stops_before_unrelated_words():
    assert pairs("Sample efficiency matters for Soft Actor-Critic (SAC) agents") == [("Soft Actor-Critic", "SAC")]


def test_years_and_citations_are_not_acronyms():
    assert pairs("as shown by Smith et al. (2019) and (i) above") == []


def linked(text, spans):
    from kg.extraction.acronyms import link_bracketed_acronyms
    from kg.extraction.candidates import Candidate
    mentions = [Candidate(text.index(s), text.index(s) + len(s), "METHOD", "kg_tagger", 0.9) for s in spans]
    return [(text[m.start:m.end], m.group) for m in link_bracketed_acronyms(text, mentions)]


def test_a_definition_the_tagger_found_in_two_pieces_is_one_name():
    # no catalogue or head noun types "Self-Adaptive Scaling", so the acronym layer left it
    assert linked("we propose the Self-Adaptive Scaling (SAS) approach", ["Self-Adaptive Scaling", "SAS"]) == [
        ("Self-Adaptive Scaling", "acr:SAS"), ("SAS", "acr:SAS")]


def test_a_short_form_no_layer_chose_joins_its_long_form():
    assert linked("we introduce Efficient Sensitive Fingerprinting (ESF), the first", ["Efficient Sensitive Fingerprinting"]) == [
        ("Efficient Sensitive Fingerprinting", "acr:ESF"), ("ESF", "acr:ESF")]


def test_brackets_that_do_not_spell_an_acronym_link_nothing():
    text = "we use BERT (Devlin) and a graph network (GNN-free) with beam search (BS)"
    assert linked(text, ["BERT", "Devlin", "graph network", "beam search"]) == [
        ("BERT", None), ("Devlin", None), ("graph network", None), ("beam search", "acr:BS"), ("BS", "acr:BS")]


def test_whole_pipeline_gives_a_defined_acronym_one_entity():
    from kg.extraction import extract_entities
    [entities] = extract_entities(["To address this, we devise a recurrent scale approximation (RSA) to compute "
                                   "feature maps once only. RSA is fast."])
    [rsa] = [e for e in entities if "RSA" in [e["name"], *e["aliases"]]]
    assert "recurrent scale approximation" in [rsa["name"], *rsa["aliases"]]
    assert len(rsa["mentions"]) == 3


def test_a_quoted_long_form_and_its_bracket_are_one_name():
    assert linked("based on the “Maximum Mean Discrepancy” (MMD) measure", ["Maximum Mean Discrepancy", "MMD"]) == [
        ("Maximum Mean Discrepancy", "acr:MMD"), ("MMD", "acr:MMD")]
