"""The graph page in a real headless Chromium, opened from disk with networking off."""

from __future__ import annotations

import json
import re

from kg.exports.html import generate_html, write_html
from kg.graph.model import build_graph

PWNED = "window.__kgPwned === undefined && !document.documentElement.hasAttribute('data-pwned')"


def only_the_file(browser, path) -> list[str]:
    """URLs the page requested other than the page itself (data: URIs are inline)."""
    page = path.resolve().as_uri()
    return [u for u in browser.requested_urls() if u != page and not u.startswith("data:")]


def body_data(browser) -> dict:
    return json.loads(browser.evaluate("JSON.stringify(document.body.dataset)"))


def test_page_draws_every_node_offline(browser, tmp_path, small_papers):
    graph = build_graph(small_papers)
    page = write_html(graph, tmp_path / "graph.html")
    browser.open(page)
    data = body_data(browser)
    assert data["kgMode"] == "full"
    assert int(data["kgNodes"]) == graph.number_of_nodes()
    assert int(data["kgVisibleNodes"]) == graph.number_of_nodes()
    assert int(data["kgEdges"]) == graph.number_of_edges()
    drawn = browser.evaluate("kgPage.network.body.nodeIndices.length")
    assert drawn == graph.number_of_nodes()
    assert only_the_file(browser, page) == []
    assert browser.errors() == []
    assert "kgCspViolations" not in data


def test_search_filter_and_neighbourhood(browser, tmp_path, small_papers):
    graph = build_graph(small_papers)
    page = write_html(graph, tmp_path / "graph.html")
    browser.open(page)
    assert browser.evaluate("kgPage.search('transformer')")[0] == "method/transformer"
    assert browser.evaluate("kgPage.search('bert-base')") == ["model/bert"]
    browser.evaluate("document.getElementById('kg-search').value = 'gpt';"
                     "document.getElementById('kg-search').dispatchEvent(new Event('input'))")
    assert browser.evaluate("document.getElementById('kg-results').textContent").startswith("GPT-3")

    browser.evaluate("kgPage.reveal('method/transformer')")
    neighbourhood = 1 + len(set(graph.predecessors("method/transformer")))
    assert int(body_data(browser)["kgHighlighted"]) == neighbourhood
    panel = browser.evaluate("document.getElementById('kg-panel').textContent")
    assert "Attention Is All You Need" in panel and "The Transformer." in panel

    authors = sum(1 for _, k in graph.nodes(data="kind") if k == "author")
    browser.evaluate("kgPage.setGroupVisible('author', false)")
    assert int(body_data(browser)["kgVisibleNodes"]) == graph.number_of_nodes() - authors
    browser.evaluate("kgPage.setGroupVisible('author', true); kgPage.setYears(2020, 2020)")
    visible = browser.evaluate("kgPage.network.body.nodeIndices.slice().sort()")
    assert "paper/2005.14165" in visible and "paper/1706.03762" not in visible
    assert browser.errors() == []


def exercise_every_view(browser) -> None:
    """Open every node's panel and tooltip, every edge tooltip, and search each node's name."""
    browser.evaluate("""(() => {
        const stage = document.getElementById('kg-stage');
        for (const id of kgPage.nodes.getIds()) {
            kgPage.reveal(id);
            stage.appendChild(kgPage.nodeSummary(id));
            const box = document.getElementById('kg-search');
            box.value = kgPage.details[id].name || id;
            box.dispatchEvent(new Event('input'));
        }
        for (const id of kgPage.edges.getIds()) stage.appendChild(kgPage.edgeSummary(id));
        for (const b of document.querySelectorAll('#kg-results button')) b.click();
        return true;
    })()""")
    browser.pump(1.0)


def check_no_payload_ran(browser, page, payloads) -> None:
    assert browser.evaluate(PWNED), "a planted payload ran"
    assert browser.dialogs() == []
    assert only_the_file(browser, page) == []
    text = browser.evaluate("document.body.textContent")
    for payload in payloads:  # shown as text, not dropped
        assert payload.strip() in text
    links = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.protocol)")
    assert set(links) <= {"http:", "https:"}


def test_xss_payloads_never_run(browser, tmp_path, xss_papers, xss_payloads):
    graph = build_graph(xss_papers)
    page = write_html(graph, tmp_path / "graph.html", title=xss_payloads[0])
    browser.open(page)
    assert int(body_data(browser)["kgNodes"]) == graph.number_of_nodes()
    assert browser.evaluate("document.title") == xss_payloads[0]
    exercise_every_view(browser)
    check_no_payload_ran(browser, page, xss_payloads)
    assert "kgCspViolations" not in body_data(browser)  # nothing even tried to run
    assert browser.errors() == []


def test_xss_payloads_never_run_without_the_csp(browser, tmp_path, xss_papers, xss_payloads):
    """Escaping alone must hold: the Content-Security-Policy is a second line, not the first."""
    html = generate_html(build_graph(xss_papers), title=xss_payloads[2])
    html, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert removed == 1
    page = tmp_path / "no-csp.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page)
    exercise_every_view(browser)
    check_no_payload_ran(browser, page, xss_payloads)


def test_overview_opens_communities_then_adds_papers_on_demand(browser, tmp_path, small_papers, xss_papers,
                                                                 xss_payloads):
    graph = build_graph(small_papers + xss_papers)
    page = write_html(graph, tmp_path / "overview.html", overview_threshold=10, overview_top=6)
    browser.open(page)
    data = body_data(browser)
    assert data["kgMode"] == "overview"
    communities = browser.evaluate("kgPage.communities.length")
    assert communities >= 2 and int(data["kgVisibleNodes"]) == communities  # communities first
    rank = browser.evaluate("kgPage.nodes.get('method/transformer').kg_c")
    shown = browser.evaluate(f"kgPage.openCommunity({rank})")
    assert shown >= 2 and int(body_data(browser)["kgVisibleNodes"]) == communities - 1 + shown
    assert browser.evaluate("kgPage.expand('method/transformer')") == 2
    hit = browser.evaluate("kgPage.search('attention is all')")
    assert hit == ["paper/1706.03762"]
    exercise_every_view(browser)
    check_no_payload_ran(browser, page, payloads=())
    assert browser.errors() == []


def test_seed_build_page_draws_all_papers_authors_and_entities(browser, tmp_path, seeds_dir):
    """`kg build seeds` → graph.html, opened from disk offline, draws the whole graph."""
    import kg

    built = kg.build(seeds_dir, tmp_path, rdf_formats=())
    page = tmp_path / "graph.html"
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "external reference"
    browser.open(page)
    data = body_data(browser)
    kinds = [kind for _, kind in built.graph.nodes(data="kind")]
    assert kinds.count("paper") == 42 and kinds.count("entity") > 50 and kinds.count("author") > 30
    assert int(data["kgNodes"]) == built.graph.number_of_nodes()
    drawn = set(browser.evaluate("kgPage.network.body.nodeIndices"))
    assert drawn == set(built.graph.nodes)
    assert only_the_file(browser, page) == [] and browser.errors() == []


def test_payloads_in_scraped_inputs_never_run(browser, tmp_path, xss_payloads):
    """A build from hostile input files (not a hand-made graph) gives a page where nothing runs."""
    import json as json_

    import kg

    inputs = tmp_path / "in"
    inputs.mkdir()
    with open(inputs / "papers.jsonl", "w", encoding="utf-8") as out:
        for i, payload in enumerate(xss_payloads):
            out.write(json_.dumps({
                "title": f"Paper {i} {payload}", "venue": payload, "year": 2020,
                "authors": [f"Ada {payload}", "Grace Hopper"],
                "abstract": f"We introduce XssNet-{i}, a model for {payload} tasks, trained on "
                            f"ImageNet and evaluated with BLEU. {payload} https://github.com/x/y{i}",
            }) + "\n")
    (inputs / "page.txt").write_text(
        "Header\n" + "".join(f"Abstract:We present the {p} dataset and use BERT. {p}\n" for p in xss_payloads),
        encoding="utf-8")
    built = kg.build(inputs, tmp_path / "out", rdf_formats=("turtle",))
    page = tmp_path / "out" / "graph.html"
    browser.open(page)
    assert int(body_data(browser)["kgNodes"]) == built.graph.number_of_nodes()
    exercise_every_view(browser)
    check_no_payload_ran(browser, page, xss_payloads)
    assert browser.errors() == []
