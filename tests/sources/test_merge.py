"""One record per paper across files."""

from kg.sources.merge import merge_duplicates
from kg.sources.record import make_paper

ABSTRACT = ("We show that a variety of modern deep learning tasks exhibit a double descent "
            "phenomenon where performance first gets worse and then gets better.")


def paper(abstract, file, line=1, fmt="abstract-list", **fields):
    return make_paper(abstract=abstract, source={"file": file, "line": line, "format": fmt}, **fields)


def test_footnote_copy_merges_and_the_trusted_text_wins():
    listing = paper(ABSTRACT, "000.txt", fmt="arxiv-listing", arxiv_id="1912.02292")
    mirror = paper(ABSTRACT + " * Work performed while interning at OpenAI.", "002.txt", fmt="translated-list")
    [merged] = merge_duplicates([mirror, listing])
    assert merged["id"] == "1912.02292"
    assert merged["abstract"] == ABSTRACT
    assert [s["file"] for s in merged["sources"]] == ["000.txt", "002.txt"]


def test_different_arxiv_ids_never_merge():
    a = paper(ABSTRACT, "a.txt", arxiv_id="1912.02292")
    b = paper(ABSTRACT, "b.txt", arxiv_id="2001.00001")
    assert len(merge_duplicates([a, b])) == 2


def test_same_doi_merges_even_with_different_text():
    a = paper("First copy of the abstract text.", "a.json", fmt="json", doi="10.1/x")
    b = paper("A second, reworded copy of it.", "b.json", fmt="json", doi="https://doi.org/10.1/X",
              title="A Title")
    [merged] = merge_duplicates([a, b])
    assert merged["title"] == "A Title" and merged["id"] == "doi:10.1/x"


def test_unrelated_papers_stay_apart():
    a = paper(ABSTRACT, "a.txt")
    b = paper("Transformers are powerful sequence models, but require time and memory that "
              "grows quadratically with the sequence length.", "a.txt", line=2)
    assert len(merge_duplicates([a, b])) == 2
