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
