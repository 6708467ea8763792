"""Splitting a title glued to its author list."""

from kg.sources.publication_page import split_title_authors


def names(line):
    title, authors, complete, orgs = split_title_authors(line)
    return title, [a["name"] for a in authors], complete, orgs


def test_camel_case_in_title_is_not_a_split():
    assert names("Exploring GamePad for Theorem ProvingDaniel Huang, Prafulla Dhariwal") == (
        "Exploring GamePad for Theorem Proving", ["Daniel Huang", "Prafulla Dhariwal"], True, [])


def test_title_ending_in_an_acronym_plural():
    assert names("Neural GPUs Learn AlgorithmsŁukasz Kaiser, Ilya Sutskever")[:2] == (
        "Neural GPUs Learn Algorithms", ["Łukasz Kaiser", "Ilya Sutskever"])


def test_surname_prefixes_keep_their_capitals():
    assert names("Deep LearningYann LeCun, John McCarthy")[1] == ["Yann LeCun", "John McCarthy"]


def test_et_al_and_organizations():
    assert names("GPT-4 Technical ReportJosh Achiam, Steven Adler et al. · berkeley, deepmind") == (
        "GPT-4 Technical Report", ["Josh Achiam", "Steven Adler"], False, ["berkeley", "deepmind"])


def test_line_without_authors_is_all_title():
    assert names("A Title With No Authors At All") == ("A Title With No Authors At All", [], False, [])
