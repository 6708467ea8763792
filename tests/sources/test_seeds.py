"""The four seed scrapes read into the 42 papers they hold, with the manifest applied."""

from __future__ import annotations

import kg

KAISER = "Łukasz Kaiser"
# The 17 papers of 004 as the page lists them: title, listed authors, complete list?
KAISER_PAGE = [
    ("GPT-4 Technical Report", ["Josh Achiam", "Steven Adler", "Sandhini Agarwal"], False),
    ("tsGT: Stochastic Time Series Modeling With Transformer",
     ["Łukasz Kuciński", "Witold Drzewakowski", "Mateusz Olko"], False),
    ("Sparse is Enough in Scaling Transformers",
     ["Sebastian Jaszczur", "Aakanksha Chowdhery", "Afroz Mohiuddin"], False),
    ("Hierarchical Transformers Are More Efficient Language Models",
     ["Piotr Nawrot", "Szymon Tworkowski", "Michał Tyrolski"], False),
    ("Q-Value Weighted Regression: Reinforcement Learning with Limited Data",
     ["Piotr Kozakowski", KAISER, "Henryk Michalewski"], False),
    ("Reformer: The Efficient Transformer", ["Nikita Kitaev", KAISER, "Anselm Levskaya"], True),
    ("Universal Transformers", ["Mostafa Dehghani", "Stephan Gouws", "Oriol Vinyals"], False),
    ("Tensor2Tensor for Neural Machine Translation", ["Ashish Vaswani", "Samy Bengio", "Eugene Brevdo"], False),
    ("Fast Decoding in Sequence Models using Discrete Latent Variables",
     [KAISER, "Aurko Roy", "Ashish Vaswani"], False),
    ("Image Transformer", ["Niki Parmar", "Ashish Vaswani", "Jakob Uszkoreit"], False),
    ("Discrete Autoencoders for Sequence Models", [KAISER, "Samy Bengio"], True),
    ("Learning to Remember Rare Events", [KAISER, "Ofir Nachum", "Aurko Roy"], False),
    ("Regularizing Neural Networks by Penalizing Confident Output Distributions",
     ["Gabriel Pereyra", "George Tucker", "Jan Chorowski"], False),
    ("Can Active Memory Replace Attention?", [KAISER, "Samy Bengio"], True),
    ("Google's Neural Machine Translation System: Bridging the Gap between Human and Machine Translation",
     ["Yonghui Wu", "Mike Schuster", "Zhifeng Chen"], False),
    ("Machine Learning with Guarantees using Descriptive Complexity and SMT Solvers",
     ["Charles Jordan", KAISER], True),
    ("Neural GPUs Learn Algorithms", [KAISER, "Ilya Sutskever"], True),
]


def by_title(papers):
    return {p["title"]: p for p in papers if p["title"]}


def test_seeds_hold_42_distinct_papers_each_with_an_author(seed_papers):
    assert seed_papers.problems == []
    assert len(seed_papers.papers) == 42
    assert all(p["authors"] for p in seed_papers.papers)
    assert len({p["id"] for p in seed_papers.papers}) == 42


def test_kaiser_page_titles_and_authors_listed_order_then_owner(seed_papers):
    papers = by_title(seed_papers.papers)
    for title, listed, complete in KAISER_PAGE:
        paper = papers[title]
        names = [a["name"] for a in paper["authors"]]
        expected = listed if KAISER in listed else listed + [KAISER]
        assert names == expected, title
        assert paper["authors_complete"] is complete, title
        owner = next(a for a in paper["authors"] if a["name"] == KAISER)
        assert owner["origin"] == ("paper" if KAISER in listed else "list")
        assert owner["lists"] == ["004_2b82694fc73434f8.txt"]


def test_arxiv_listing_ids_and_dates(seed_papers):
    papers = {p["id"]: p for p in seed_papers.papers}
    gpt3 = papers["2005.14165"]
    assert gpt3["date"] == "2020-05-28" and gpt3["arxiv_id"] == "2005.14165"
    assert gpt3["comment"] == "40+32 pages"
    assert papers["2102.12092"]["date"] == "2021-02-24"
    assert papers["1912.02292"]["comment"] == "G.K. and Y.B. contributed equally"
    ids_000 = [p["arxiv_id"] for p in seed_papers.papers
               if any(s["file"].startswith("000_") for s in p["sources"])]
    assert ids_000 == ["2102.12092", "2009.03393", "2005.14165", "2005.00341", "1912.06680",
                       "1912.02292", "1904.10509", "1810.01367", "1806.00608", "1803.01118"]


def test_chinese_abstract_is_zh_with_its_code_url(seed_papers):
    chinese = [p for p in seed_papers.papers if p["language"] == "zh"]
    assert len(chinese) == 1
    assert chinese[0]["code_urls"] == ["https://github.com/openai/glide-text2im"]
    assert {p["language"] for p in seed_papers.papers} == {"en", "zh"}


def test_five_papers_found_in_two_files(seed_papers):
    merged = [p for p in seed_papers.papers if len(p["sources"]) == 2]
    assert len(merged) == 5
    assert {len({s["file"] for s in p["sources"]}) for p in merged} == {2}
    double_descent = next(p for p in merged if p["id"] == "1912.02292")
    # The 002 copy carries a footnote; the arXiv listing's clean text wins.
    assert "interning" not in double_descent["abstract"]


def test_list_owners_become_authors_with_the_claim_kept(seed_papers):
    papers = {p["id"]: p for p in seed_papers.papers}
    gpt3 = papers["2005.14165"]
    assert [(a["name"], a["origin"], a["lists"]) for a in gpt3["authors"]] == [
        ("Ilya Sutskever", "list", ["000_c643dd1e99c022eb.txt"]),
        ("Scott Gray", "list", ["001_b5e4d2dd41f21971.txt"]),
    ]
    assert {(c["owner"], c["file"], c["relation"]) for c in gpt3["claims"]} == {
        ("Ilya Sutskever", "000_c643dd1e99c022eb.txt", "author"),
        ("Scott Gray", "001_b5e4d2dd41f21971.txt", "author"),
    }
    # The double-descent paper is on two of Sutskever's lists: one author, both lists.
    owner = [a for a in papers["1912.02292"]["authors"] if a["name"] == "Ilya Sutskever"]
    assert owner[0]["lists"] == ["000_c643dd1e99c022eb.txt", "002_f63b6385f4ba9b3a.txt"]


def test_page_header_is_not_an_author(seed_papers):
    names = {a["name"] for p in seed_papers.papers for a in p["authors"]}
    assert "Tony" not in names


def test_latex_becomes_text_and_percent_signs_survive(seed_papers):
    papers = {p["id"]: p for p in seed_papers.papers}
    assert "O(n √(n))" in papers["1904.10509"]["abstract"]
    assert "E-RL^2" in papers["1803.01118"]["abstract"] and "$" not in papers["1803.01118"]["abstract"]
    assert "$\\text{RL}^2$" in papers["1803.01118"]["abstract_raw"]
    codex = next(p for p in seed_papers.papers if p["abstract"].startswith("We introduce Codex"))
    assert "28.8% of the problems" in codex["abstract"]
    assert codex["abstract"].endswith("safety, security, and economics.")
    gpt4o = next(p for p in seed_papers.papers if p["abstract"].startswith("GPT-4o is"))
    assert "50% cheaper" in gpt4o["abstract"]


def test_sources_name_file_and_line(seed_papers):
    papers = {p["id"]: p for p in seed_papers.papers}
    assert papers["2102.12092"]["sources"] == [
        {"file": "000_c643dd1e99c022eb.txt", "line": 1, "format": "arxiv-listing"},
        {"file": "001_b5e4d2dd41f21971.txt", "line": 4, "format": "abstract-list"},
    ]


def test_same_inputs_give_same_ids(seeds_dir):
    first = [p["id"] for p in kg.read(seeds_dir).papers]
    second = [p["id"] for p in kg.read([seeds_dir]).papers]
    assert first == second
