"""The sources manifest: list owners, where a scrape came from, papers the owner did not write."""

import pytest

import kg

PAGE = "Abstract:We present a dynamic path planning algorithm for rotor craft.\nAbstract:We study graphs of papers.\n"


def test_not_by_owner_rule_records_the_claim_without_the_author(tmp_path):
    (tmp_path / "list.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."list.txt"]\nowner = "Ada Lovelace"\nscraped_from = "her page"\n'
        '[[files."list.txt".not_by_owner]]\nstarts_with = "We present a dynamic path planning"\n',
        encoding="utf-8")
    result = kg.read(tmp_path)
    assert result.problems == [] and "sources.toml" not in result.inputs
    planner, graphs = result.papers
    assert planner["authors"] == [] and planner["claims"][0]["relation"] == "not-author"
    assert [a["name"] for a in graphs["authors"]] == ["Ada Lovelace"]
    assert graphs["claims"][0]["scraped_from"] == "her page"


def test_malformed_manifest_is_reported_and_reading_goes_on(tmp_path):
    (tmp_path / "list.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.toml").write_text('[files."list.txt"\nowner = ', encoding="utf-8")
    result = kg.read(tmp_path)
    assert len(result.papers) == 2
    assert [p.file for p in result.problems] == [str(tmp_path / "sources.toml")]



def test_a_manifest_nested_past_the_stack_or_of_the_wrong_shape_is_one_problem(tmp_path):
    (tmp_path / "list.txt").write_text(PAGE, encoding="utf-8")
    for toml, message in (("x = " + "[" * 5000 + "]" * 5000, "not a valid sources manifest: nested too deeply"),
                          ("files = 5", "[files] must be a table of file names")):
        (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
        result = kg.read(tmp_path)
        assert len(result.papers) == 2
        assert [(p.file, p.message) for p in result.problems] == [(str(tmp_path / "sources.toml"), message)]


def test_explicit_manifest_path(tmp_path):
    (tmp_path / "list.txt").write_text(PAGE, encoding="utf-8")
    manifest = tmp_path / "elsewhere.toml"
    manifest.write_text('[files."list.txt"]\nowner = "Ada Lovelace"\n', encoding="utf-8")
    result = kg.read(tmp_path / "list.txt", manifest=manifest)
    assert all(p["authors"][0]["origin"] == "list" for p in result.papers)


def test_a_manifest_named_that_is_no_file_is_an_error_not_a_silent_loss_of_claims(tmp_path):
    (tmp_path / "list.txt").write_text(PAGE, encoding="utf-8")
    with pytest.raises(ValueError, match="no such file"):
        kg.read(tmp_path, manifest=tmp_path / "sourcse.toml")
