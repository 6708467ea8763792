"""The networkx model built from paper records."""

from kg.graph import build_graph


def paper(pid, authors=(), affiliations=(), entities=(), code=()):
    return {"id": pid, "title": f"Paper {pid}", "abstract": "An abstract.",
            "authors": [{"name": n, "affiliations": [], "origin": "paper", "lists": []} for n in authors],
            "affiliations": list(affiliations), "entities": list(entities), "code_urls": list(code)}


def entity(name, key, etype="MODEL", mentions=2):
    return {"name": name, "type": etype, "key": key, "aliases": [], "ids": {}, "role": "uses",
            "confidence": 0.9, "mentions": [{"start": 0, "end": 1, "text": "x", "sentence": "x",
                                             "sentence_start": 0, "component": "t", "confidence": 0.9}] * mentions}


def test_page_level_organizations_link_to_the_paper():
    g = build_graph([paper("1", affiliations=["berkeley", "deepmind"])])
    assert [(t, g.edges["paper/1", t]["kind"]) for t in g.successors("paper/1")] == [
        ("organization/berkeley", "organization"), ("organization/deepmind", "organization")]


def test_one_entity_node_per_key_with_support_per_link():
    g = build_graph([paper("1", entities=[entity("GPT-3", "model/gpt-3", mentions=3)]),
                     paper("2", entities=[entity("GPT-3", "model/gpt-3", mentions=1)])])
    assert sorted(g.predecessors("model/gpt-3")) == ["paper/1", "paper/2"]
    assert g.edges["paper/1", "model/gpt-3"]["support"] == 3


def test_author_spellings_fold_and_the_diacritic_spelling_is_shown():
    g = build_graph([paper("1", authors=["Lukasz Kaiser"]), paper("2", authors=["Łukasz Kaiser"])])
    assert g.nodes["author/lukasz-kaiser"]["label"] == "Łukasz Kaiser"
    assert g.edges["paper/1", "author/lukasz-kaiser"]["name"] == "Lukasz Kaiser"


def test_graph_does_not_depend_on_paper_order():
    papers = [paper("2", authors=["B"]), paper("1", authors=["A"], code=["https://github.com/a/b"])]
    assert list(build_graph(papers).nodes) == list(build_graph(papers[::-1]).nodes)
