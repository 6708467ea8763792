"""Each API response fixture gives the right papers, with abstracts and authors."""

from __future__ import annotations

import pytest

import kg

EXPECTED = {
    "arxiv_atom_2026_id_list_one_found_one_missing.xml": 1,
    "arxiv_atom_2026_id_list_single.xml": 1,
    "arxiv_atom_2026_search_testing_10entries.xml": 10,
    "arxiv_atom_legacy2016_id_list.xml": 1,
    "arxiv_atom_legacy2016_search_10entries.xml": 10,
    "openalex_work_single_W2741809807.json": 1,
    "s2_graph_paper_batch_response.json": 3,
    "s2_graph_paper_single_trimmed.json": 1,
}


@pytest.mark.parametrize("name,count", sorted(EXPECTED.items()))
def test_paper_files_give_papers_with_abstracts_and_authors(formats_dir, name, count):
    result = kg.read(formats_dir / name)
    assert result.problems == []
    assert len(result.papers) == count
    for paper in result.papers:
        assert paper["abstract"].strip() and paper["authors"]
        assert paper["sources"][0]["file"] == name


def test_openalex_author_record_is_reported_as_not_a_paper(formats_dir):
    result = kg.read(formats_dir / "openalex_author_single.json")
    assert result.papers == []
    [problem] = result.problems
    assert problem.file == "openalex_author_single.json"
    assert "OpenAlex author record" in problem.message and "not a paper" in problem.message


def test_legacy_atom_entry_fields(formats_dir):
    [paper] = kg.read(formats_dir / "arxiv_atom_legacy2016_id_list.xml").papers
    assert paper["id"] == "1111.2011"
    assert paper["title"] == ("Quantum Criticality for Extended Nodes on a Bethe Lattice "
                              "in the Large Connectivity Limit")
    assert paper["doi"] == "10.1103/physrevb.85.115117"
    assert paper["category"] == "cond-mat.str-el"
    assert paper["date"] == "2011-11-08"
    assert [a["name"] for a in paper["authors"]] == ["James M. Murray", "Adrian Del Maestro",
                                                     "Zlatko Tesanovic"]
    assert "\n" not in paper["abstract"] and "  " not in paper["abstract"]


def test_current_atom_title_zero_is_kept(formats_dir):
    [paper] = kg.read(formats_dir / "arxiv_atom_2026_id_list_single.xml").papers
    assert paper["title"] == "0" and paper["id"] == "2104.12255"


def test_openalex_abstract_rebuilt_in_word_order(formats_dir):
    [paper] = kg.read(formats_dir / "openalex_work_single_W2741809807.json").papers
    assert paper["ids"]["openalex"] == "W2741809807"
    assert paper["doi"] == "10.7717/peerj.4375"
    assert paper["authors"][0]["name"] == "Heather Piwowar"
    assert paper["authors"][0]["affiliations"] == ["Impact Technology Development (United States)"]
    assert paper["abstract"].split()[:3] == ["Despite", "growing", "interest"]


def test_s2_batch_skips_nulls_quietly(formats_dir):
    result = kg.read(formats_dir / "s2_graph_paper_batch_response.json")
    assert result.problems == []
    assert [p["title"][:20] for p in result.papers] == [
        "How Much Should We T", "The Miracle of Micro", "Improving Third-Part"]


def test_openalex_list_page(tmp_path, formats_dir):
    work = (formats_dir / "openalex_work_single_W2741809807.json").read_text(encoding="utf-8")
    (tmp_path / "page.json").write_text('{"meta": {"count": 1}, "results": [' + work + "]}",
                                        encoding="utf-8")
    assert [p["ids"]["openalex"] for p in kg.read(tmp_path).papers] == ["W2741809807"]


def test_format_is_chosen_by_content_not_name(tmp_path, formats_dir):
    (tmp_path / "feed.txt").write_bytes((formats_dir / "arxiv_atom_legacy2016_id_list.xml").read_bytes())
    [paper] = kg.read(tmp_path).papers
    assert paper["sources"][0]["format"] == "arxiv-atom"
