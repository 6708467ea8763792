"""kg.exports.html: the page is self-contained, deterministic and escapes every string."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.exports import html as page_module
from kg.exports.html import GROUPS, generate_html, new_network, script_json, write_html
from kg.exports.layout import compute_positions
from kg.exports.page.hubs import build_overview, select_hubs
from kg.graph.model import build_graph

PAYLOAD = '</script><script>window.__kgPwned=1</script><img src=x onerror="alert(1)">'


def _entity(name, etype, key, sentence, aliases=()):
    mention = {"start": 0, "end": 1, "text": name, "sentence": sentence, "sentence_start": 0,
               "component": "t", "confidence": 1.0}
    return {"name": name, "type": etype, "key": key, "aliases": list(aliases), "ids": {},
            "role": "introduces", "confidence": 1.0, "mentions": [mention, mention]}


def _paper(pid, title, year, authors, entities, **extra):
    return {"id": pid, "title": title, "year": year, "abstract": "An abstract.",
            "authors": [{"name": a, "affiliations": ["Lab " + a], "origin": "paper", "lists": []}
                        for a in authors],
            "entities": entities, **extra}


@pytest.fixture
def graph() -> nx.DiGraph:
    return build_graph([
        _paper("1706.03762", "Attention " + PAYLOAD, 2017, ["Ashish Vaswani", PAYLOAD],
               [_entity("Transformer", "METHOD", "method/transformer", "We propose " + PAYLOAD,
                        aliases=[PAYLOAD])],
               code_urls=["javascript:alert(1)", "https://github.com/tensorflow/tensor2tensor"],
               venue=PAYLOAD, arxiv_id="1706.03762"),
        _paper("1810.04805", "BERT", 2019, ["Jacob Devlin"],
               [_entity("BERT", "MODEL", "model/bert", "BERT."),
                _entity("Transformer", "METHOD", "method/transformer", "A Transformer."),
                _entity("GLUE", "DATASET", "dataset/glue", "On GLUE.")]),
    ])


class _Page(HTMLParser):
    """Collects tags, attributes and the text of each script and style element."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.blocks: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        if self._open and self.blocks:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def _data(page: str) -> dict:
    parsed = _Page(page)
    (text,) = [t for tag, a, t in parsed.blocks if a.get("type") == "application/json"]
    return json.loads(text)


def test_same_graph_gives_byte_identical_page(graph):
    first = generate_html(graph, title="kg")
    assert first == generate_html(graph, title="kg")
    assert first == generate_html(nx.DiGraph(graph), title="kg")


def test_page_loads_nothing_from_anywhere(graph):
    page = generate_html(graph)
    parsed = _Page(page)
    for tag, attrs in parsed.tags:
        assert "src" not in attrs and "srcset" not in attrs, tag
        assert tag != "link" and "href" not in attrs, tag
    styles = "".join(t for tag, _, t in parsed.blocks if tag == "style")
    assert re.findall(r"url\((?![\"']?data:)", styles) == []
    assert "@import" not in styles and "bootstrap" not in page.lower()


def test_csp_admits_exactly_the_inline_scripts_and_styles(graph):
    parsed = _Page(generate_html(graph))
    (csp,) = [a["content"] for tag, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"]
    rules = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert rules["default-src"] == rules["connect-src"] == rules["object-src"] == "'none'"
    assert rules["base-uri"] == rules["form-action"] == "'none'"
    assert "unsafe" not in csp and "http" not in csp and "*" not in csp

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts = [t for tag, a, t in parsed.blocks if tag == "script" and "type" not in a]
    styles = [t for tag, a, t in parsed.blocks if tag == "style"]
    assert len(scripts) == 2 and len(styles) == 2
    assert sorted(rules["script-src"].split()) == sorted(map(digest, scripts))
    assert sorted(rules["style-src"].split()) == sorted(map(digest, styles))


def test_payloads_never_appear_as_markup(graph):
    page = generate_html(graph, title=PAYLOAD)
    assert "<img" not in page and "onerror=\"alert" not in page
    assert page.count("</script>") == 3  # the data block and the two scripts
    assert "<title>&lt;/script&gt;&lt;script&gt;" in page
    data_block = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(data_block)
    text = json.dumps(_data(page))
    assert json.dumps(PAYLOAD)[1:-1] in text  # kept as text, not dropped


def test_script_json_escapes_what_could_end_the_element():
    encoded = script_json({"a": "</script>\u2028\u2029<!--&é"})
    assert not re.search(r"[<>&\u2028\u2029é]", encoded)
    assert json.loads(encoded) == {"a": "</script>\u2028\u2029<!--&é"}


def test_only_web_links_are_kept(graph):
    data = _data(generate_html(graph))
    urls = [u for d in data["details"].values() for u in d.get("urls", [])]
    assert "https://github.com/tensorflow/tensor2tensor" in urls
    assert "https://arxiv.org/abs/1706.03762" in urls
    assert all(u.startswith(("https://", "http://")) for u in urls)


def test_full_page_carries_every_node_with_legend_style(graph):
    data = _data(generate_html(graph))
    assert data["meta"]["mode"] == "full"
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    for node in data["nodes"]:
        style = GROUPS[node["kg_group"]]
        assert (node["color"], node["shape"]) == (style["color"], style["shape"])
        assert isinstance(node["x"], int) and isinstance(node["y"], int)
    transformer = data["details"]["method/transformer"]
    assert transformer["papers"] == 2 and transformer["years"] == [2017, 2019]
    link = next(e for e in data["edges"] if e["to"] == "method/transformer" and e["from"] == "paper/1810.04805")
    assert link["role"] == "introduces" and link["support"] == 2 and link["evidence"] == ["A Transformer."]
    assert data["details"]["paper/1810.04805"]["authors"] == ["Jacob Devlin"]


def test_physics_runs_only_when_asked_for_on_small_graphs(graph):
    """Precomputed positions keep communities together; physics would scatter them."""
    assert _data(generate_html(graph))["options"]["physics"]["enabled"] is False
    assert _data(generate_html(graph, physics_threshold=100))["options"]["physics"]["enabled"] is True


def test_big_graph_opens_on_the_communities(graph):
    data = _data(generate_html(graph, overview_threshold=5, overview_top=2, papers_per_hub=1))
    assert data["meta"]["mode"] == "overview"
    assert data["options"]["physics"]["enabled"] is False
    (community,) = data["communities"]
    assert community["name"] == "Transformer · GLUE · BERT" and community["papers"] == 2
    ids = [n["id"] for n in data["nodes"]]
    assert ids[0] == "community/0" and set(ids[1:]) == {"method/transformer", "model/bert", "dataset/glue"}
    assert {n["kg_c"] for n in data["nodes"]} == {0}
    assert data["more"]["method/transformer"] == ["paper/1810.04805"]
    on_demand = data["details"]["paper/1810.04805"]
    assert {link["to"] for link in on_demand["links"]} == {"method/transformer", "dataset/glue", "model/bert"}
    assert data["details"]["author/jacob-devlin"]["fold"] == "jacob devlin"  # authors of listed papers
    assert data["meta"]["graph_nodes"] == graph.number_of_nodes()


def test_authors_start_hidden_above_the_threshold(graph):
    assert _data(generate_html(graph))["meta"]["hide_authors"] is False
    assert _data(generate_html(graph, authors_threshold=3))["meta"]["hide_authors"] is True


def test_search_keys_fold_case_and_diacritics():
    g = build_graph([_paper("1", "Reformer", 2020, ["Łukasz Kaiser"],
                            [_entity("ImageNet", "DATASET", "dataset/imagenet", "x", aliases=["ILSVRC-2012"])])])
    details = _data(generate_html(g))["details"]
    assert details["author/lukasz-kaiser"]["fold"] == "lukasz kaiser"
    assert details["dataset/imagenet"]["fold"].split("\n") == ["imagenet", "ilsvrc-2012"]


def test_nodes_of_one_community_are_drawn_together():
    papers = [_paper(f"{c}{i}", f"P{c}{i}", 2020, [f"A{c}{i}"],
                     [_entity(f"E{c}{k}", "TASK", f"task/e{c}{k}", "x") for k in range(3)])
              for c in "ab" for i in range(3)]
    data = _data(generate_html(build_graph(papers)))
    boxes = {}
    for node in data["nodes"]:
        if node["kg_c"] >= 0:
            xs = boxes.setdefault(node["kg_c"], [])
            xs.append((node["x"], node["y"]))
    assert len(boxes) == 2
    (a, b) = boxes.values()
    def span(points):
        return min(p[0] for p in points), max(p[0] for p in points), min(p[1] for p in points), max(p[1] for p in points)
    ax0, ax1, ay0, ay1 = span(a)
    bx0, bx1, by0, by1 = span(b)
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0  # the two boxes do not overlap


def test_overview_falls_back_to_authors_without_entities():
    g = build_graph([_paper(str(i), f"P{i}", 2020, ["A", f"B{i}"], []) for i in range(3)])
    assert select_hubs(g, 2) == ["author/a", "author/b0"]
    assert build_overview(g, top=2).number_of_edges() == 1


def test_positions_are_stable_and_separate_components():
    g = nx.Graph([("a", "b"), ("c", "d")])
    g.add_node("e")
    pos = compute_positions(g)
    assert pos == compute_positions(g) and len(set(pos.values())) == 5


def test_building_the_network_is_linear_not_quadratic():
    net = new_network()
    for i in range(3):
        net.add_node(f"n{i}")
    net.add_edge("n0", "n1")
    assert "n2" in net.node_ids and "x" not in net.node_ids
    assert type(net.node_ids).__contains__ is not list.__contains__
    with pytest.raises(AssertionError):
        net.add_edge("n0", "missing")


def test_page_script_writes_text_never_markup():
    script = (page_module.TEMPLATES / "graph.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|eval\(", script)


def test_empty_graph_still_gives_a_page(tmp_path):
    out = write_html(nx.DiGraph(), tmp_path / "sub" / "graph.html", title="empty")
    data = _data(out.read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["meta"]["years"] is None
