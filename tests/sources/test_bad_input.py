"""Broken inputs are reported once with file and line, skipped, and lose no good record."""

from __future__ import annotations

import json
from pathlib import Path

import kg
from kg.cli import main

GOOD = {"title": "Good paper", "abstract": "We study knowledge graphs of machine learning papers.",
        "authors": ["Ada Lovelace"], "year": 2021}


def good(title):
    return json.dumps(dict(GOOD, title=title, abstract=f"{title}: {GOOD['abstract']}"))


def make_mixed_folder(folder, formats_dir):
    atom = (formats_dir / "arxiv_atom_2026_search_testing_10entries.xml").read_text(encoding="utf-8")
    (folder / "good.jsonl").write_text(good("Good paper") + "\n", encoding="utf-8")
    (folder / "feed.xml").write_text(atom, encoding="utf-8")
    (folder / "truncated.xml").write_text(atom[: atom.index("</entry>", atom.index("</entry>") + 1) + 200],
                                          encoding="utf-8")
    (folder / "broken-line.jsonl").write_text(
        good("Second good") + "\n{\"title\": \"half\n"
        + good("Third good") + "\n", encoding="utf-8")
    (folder / "no-abstract.jsonl").write_text(json.dumps({"title": "Only a title"}) + "\n", encoding="utf-8")
    (folder / "array.json").write_text("[" + good("In array") + ", {\"title\": ",
                                       encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Abstract: Café résumé".encode("latin-1"))
    (folder / "notes.txt").write_text("Remember to buy milk.\n", encoding="utf-8")


def test_mixed_folder_keeps_every_good_paper_and_names_each_bad_file(tmp_path, formats_dir):
    make_mixed_folder(tmp_path, formats_dir)
    result = kg.read(tmp_path)
    titles = {p["title"] for p in result.papers}
    assert {"Good paper", "Second good", "Third good", "In array"} <= titles
    # 10 from the whole feed; the truncated copy adds no new paper but its complete entries merge.
    assert sum(1 for p in result.papers if p["sources"][0]["format"] == "arxiv-atom") == 10
    truncated_entries = [p for p in result.papers if any(s["file"] == "truncated.xml" for s in p["sources"])]
    assert len(truncated_entries) == 2
    problems = {(p.file, p.line): p.message for p in result.problems}
    assert set(f for f, _ in problems) == {"truncated.xml", "broken-line.jsonl", "no-abstract.jsonl",
                                            "array.json", "empty.txt", "image.png", "latin1.txt", "notes.txt"}
    assert len(result.problems) == 8  # each reported once
    assert ("broken-line.jsonl", 2) in problems
    assert problems[("empty.txt", 0)] == "empty file"
    assert problems[("image.png", 0)] == "binary file, not text"
    assert "not UTF-8" in problems[("latin1.txt", 1)]  # read with U+FFFD, reported with its line
    assert "unknown format" in problems[("notes.txt", 1)]
    assert "no abstract" in problems[("no-abstract.jsonl", 1)]


def test_cli_reports_problems_and_exits_1_with_good_records_written(tmp_path, formats_dir, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    make_mixed_folder(inputs, formats_dir)
    out = tmp_path / "papers.jsonl"
    status = main(["extract", str(inputs), "-o", str(out), "--no-entities"])
    assert status == 1
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == len(kg.read(inputs).papers) >= 14
    err = capsys.readouterr().err
    for name in ("truncated.xml", "broken-line.jsonl:2", "image.png", "empty.txt", "notes.txt"):
        assert f"skipped {name}" in err


def test_cli_exits_2_when_nothing_can_be_read(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--no-entities"]) == 2
    assert "no papers could be read" in capsys.readouterr().err


def test_missing_input_is_reported(tmp_path):
    result = kg.read([tmp_path / "nope.txt"])
    assert [p.message for p in result.problems] == ["no such file or directory"]


def test_arxiv_listing_record_without_abstract_is_skipped(tmp_path):
    listing = ("We introduce Jukebox, a model that generates music with singing in the raw audio "
               "domain at scale.\n\narXiv:2005.00341\nCreated: 2020-04-30\n\n15+5 pages\n\n"
               "arXiv:2009.03393\nCreated: 2020-09-07\n")
    (tmp_path / "listing.txt").write_text(listing, encoding="utf-8")
    result = kg.read(tmp_path)
    assert [p["id"] for p in result.papers] == ["2005.00341"]
    assert [(p.file, p.line) for p in result.problems] == [("listing.txt", 6)]


def test_forced_format_reads_an_unrecognised_file(tmp_path):
    (tmp_path / "list.txt").write_text("Some page header\nAbstract:We present a graph of papers.\n",
                                       encoding="utf-8")
    assert len(kg.read(tmp_path, format="abstract-list").papers) == 1


def test_an_abstract_list_under_a_header_longer_than_the_list_is_still_read(tmp_path):
    header = "Home\nPeople\nPublications\nTeaching\nContact\n\x07\x1b[2J scraped debris\n"
    (tmp_path / "list.txt").write_text(header + "Abstract:We study graphs of papers.\n"
                                       "Abstract:We study trees of authors.\n", encoding="utf-8")
    result = kg.read(tmp_path)
    assert [p["abstract"] for p in result.papers] == ["We study graphs of papers.", "We study trees of authors."]
    assert all(a["name"] != "Home" for p in result.papers for a in p["authors"])


def test_a_line_quoting_another_formats_marker_does_not_change_how_a_file_is_read(tmp_path):
    # Scraped abstracts quote anything: a "translated by" line, a page header or an arXiv
    # stamp inside an abstract list must not make the file a translated list or a page
    # (the format with the most record markers reads it); likewise the other way round.
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    expected = {}
    for name, quote in [("001_b5e4d2dd41f21971.txt", "translated by an online tool\nLGJan 13, 2020\n"
                                                     "arXiv: 2101.00001\nCreated: 2021-01-01"),
                        ("002_f63b6385f4ba9b3a.txt", "Abstract: quoted\nLGJan 13, 2020")]:
        lines = (seeds / name).read_text(encoding="utf-8").split("\n")
        lines.insert(len(lines) // 2, quote)
        (tmp_path / name).write_text("\n".join(lines), encoding="utf-8")
        papers = kg.read(seeds / name).papers
        expected[name] = (papers[0]["sources"][0]["format"], len(papers))
    read = kg.read(tmp_path)
    for name, (fmt, count) in expected.items():
        papers = [p for p in read.papers if p["sources"][0]["file"].endswith(name)]
        assert {p["sources"][0]["format"] for p in papers} == {fmt} and len(papers) == count >= 10


def test_a_record_with_more_authors_than_any_paper_has_keeps_the_first_and_says_so(tmp_path):
    from kg.sources.limits import MAX_NAMES

    record = dict(json.loads(good("Crowd")), authors=[f"Author {k}" for k in range(MAX_NAMES + 7)])
    (tmp_path / "crowd.jsonl").write_text(good("Before") + "\n" + json.dumps(record) + "\n" + good("After") + "\n",
                                          encoding="utf-8")
    result = kg.read(tmp_path)
    assert [p["title"] for p in result.papers] == ["Before", "Crowd", "After"]
    crowd = result.papers[1]
    assert len(crowd["authors"]) == MAX_NAMES and crowd["authors"][-1]["name"] == f"Author {MAX_NAMES - 1}"
    assert [(p.line, "10,007 names" in p.message) for p in result.problems] == [(2, True)]


def test_a_record_without_abstract_is_named_by_a_short_escaped_excerpt_of_its_title(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "\x1b[2J" + "y" * 500}) + "\n" + good("Kept") + "\n",
                                      encoding="utf-8")
    result = kg.read(tmp_path)
    [problem] = result.problems
    assert "\x1b" not in problem.message and len(problem.message) < 100 and "character limit" not in problem.message
    assert [p["title"] for p in result.papers] == ["Kept"]
