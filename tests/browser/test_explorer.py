"""The explorer and the insights page in a real headless Chromium: communities, labels, search, charts."""

from __future__ import annotations

import json
import random

import pytest

from kg.exports.html import write_html
from kg.exports.insights import write_insights
from kg.graph.model import build_graph

from .test_graph_page import PWNED, body_data, check_no_payload_ran, exercise_every_view, only_the_file


@pytest.fixture(autouse=True)
def desktop_window(browser):
    """A desktop-sized window (headless Chromium opens at 800 × 600, too small for the side panels)."""
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    yield
    browser.send("Emulation.clearDeviceMetricsOverride")


def synthetic_papers(n: int, topics: int = 8, seed: int = 3) -> list[dict]:
    """``n`` paper records in ``topics`` clusters of entities and authors (seeded, so stable)."""
    rng = random.Random(seed)
    types = ("MODEL", "DATASET", "METHOD", "TASK")
    papers = []
    for i in range(n):
        t = i % topics
        names = rng.sample(range(25), 3)
        entities = [{"name": f"Topic{t} Name{k}", "type": types[k % 4], "key": f"{types[k % 4].lower()}/t{t}-{k}",
                     "aliases": [], "ids": {}, "role": "uses", "confidence": 0.9, "mentions": []} for k in names]
        authors = [{"name": f"Author {t}-{rng.randrange(300)}", "affiliations": [], "origin": "paper", "lists": []}
                   for _ in range(3)]
        papers.append({"id": f"syn.{i:05d}", "title": f"Paper {i} on topic {t}", "year": 2016 + i % 9,
                       "abstract": "Synthetic.", "authors": authors, "entities": entities})
    return papers


def test_diacritic_search_lists_type_and_count_and_shares_the_view(browser, tmp_path, small_papers):
    page = write_html(build_graph(small_papers), tmp_path / "graph.html")
    browser.open(page)
    browser.evaluate("const b = document.getElementById('kg-search'); b.value = 'lukasz KAISER';"
                     "b.dispatchEvent(new Event('input'))")
    assert browser.evaluate("document.getElementById('kg-results').textContent") == "Łukasz Kaiser · Author · 1 paper"
    assert browser.evaluate("document.getElementById('kg-results-count').textContent") == "1 result"
    assert browser.evaluate("kgPage.search('superglue')") == ["dataset/superglue"]
    browser.evaluate("document.querySelector('#kg-results button').click()")
    assert browser.evaluate("location.hash") == "#node=author%2Flukasz-kaiser"
    browser.send("Page.navigate", {"url": "about:blank"})
    browser.pump(0.3)
    browser.send("Page.navigate", {"url": page.resolve().as_uri() + "#node=model%2Fbert"})
    for _ in range(50):
        browser.pump(0.1)
        if browser.evaluate("Boolean(document.body && document.body.dataset.kgReady)"):
            break
    assert browser.evaluate("document.body.dataset.kgSelected") == "model/bert"  # the shared view reopens
    assert browser.errors() == []


def test_two_thousand_papers_open_on_named_communities(browser, tmp_path):
    graph = build_graph(synthetic_papers(2000))
    page = write_html(graph, tmp_path / "graph.html")
    browser.open(page)
    data = body_data(browser)
    assert data["kgMode"] == "overview" and graph.number_of_nodes() > 2000
    communities = browser.evaluate("kgPage.communities")
    assert len(communities) == 8  # the eight planted topics
    assert {c["name"].split(" ")[0] for c in communities} == {f"Topic{t}" for t in range(8)}
    assert int(data["kgVisibleNodes"]) == 8
    assert json.loads(data["kgLegend"]) == {"community": 8}  # the legend counts what is drawn
    boxes = browser.evaluate("kgPage.labelBoxes()")
    labels = {b[4] for b in boxes}
    assert labels <= {c["name"] for c in communities} and len(labels) >= 6  # most names fit, none overlap
    assert boxes_overlap(boxes) == []
    opened = browser.evaluate("kgPage.openCommunity(0)")
    assert opened >= 3 and int(body_data(browser)["kgVisibleNodes"]) == 7 + opened
    assert only_the_file(browser, page) == [] and browser.errors() == []


def boxes_overlap(boxes) -> list:
    return [(a[4], b[4]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]


def test_no_labels_overlap_at_three_zoom_levels(browser, tmp_path):
    graph = build_graph(synthetic_papers(150, topics=4))
    page = write_html(graph, tmp_path / "graph.html", authors_threshold=10_000)
    browser.open(page)
    counts = []
    fitted = browser.evaluate("kgPage.network.getScale()")
    for zoom in (1, 3, 8):  # the whole graph, a region, a close-up around a busy entity
        if zoom > 1:
            browser.evaluate(f"kgPage.network.focus('task/t0-0', {{scale: {fitted * zoom}, animation: false}})")
        browser.evaluate("kgPage.network.redraw()")
        browser.pump(0.3)
        boxes = browser.evaluate("kgPage.labelBoxes()")
        assert boxes and boxes_overlap(boxes) == []
        counts.append(len(boxes))
    assert browser.evaluate("kgPage.nodeSummary('paper/syn.00001').textContent").startswith("Paper 1 on topic 1")


def test_authors_hidden_on_big_graphs_come_back_in_one_click_and_filters_fit(browser, tmp_path, small_papers):
    graph = build_graph(small_papers)
    page = write_html(graph, tmp_path / "graph.html", authors_threshold=5)
    browser.open(page)
    authors = sum(1 for _, k in graph.nodes(data="kind") if k == "author")
    assert int(body_data(browser)["kgVisibleNodes"]) == graph.number_of_nodes() - authors
    assert "author" not in json.loads(body_data(browser)["kgLegend"])
    browser.evaluate("document.querySelector('input[data-group=author]').click()")
    assert int(body_data(browser)["kgVisibleNodes"]) == graph.number_of_nodes()
    assert json.loads(body_data(browser)["kgLegend"])["author"] == authors
    outside = browser.evaluate("""(() => { const c = document.getElementById('kg-network');
        return kgPage.network.body.nodeIndices.filter(id => { const p = kgPage.network.canvasToDOM(
            kgPage.network.getPosition(id)); return p.x < 0 || p.y < 0 || p.x > c.clientWidth || p.y > c.clientHeight; }); })()""")
    assert outside == []  # fit to view after the filter


def hand_made_papers() -> list[dict]:
    """Four papers, two years: counts small enough to check by hand."""
    def ent(name, etype):
        return {"name": name, "type": etype, "key": f"{etype.lower()}/{name.lower()}", "aliases": [], "ids": {},
                "role": "uses", "confidence": 1.0, "mentions": []}

    def author(name):
        return {"name": name, "affiliations": [], "origin": "paper", "lists": []}
    return [
        {"id": "p1", "title": "One", "year": 2020, "abstract": "x", "authors": [author("Ada")],
         "entities": [ent("BERT", "MODEL"), ent("GLUE", "DATASET")]},
        {"id": "p2", "title": "Two", "year": 2020, "abstract": "x", "authors": [author("Ada")],
         "entities": [ent("BERT", "MODEL"), ent("SQuAD", "DATASET")]},
        {"id": "p3", "title": "Three", "year": 2021, "abstract": "x", "authors": [author("Bo")],
         "entities": [ent("BERT", "MODEL"), ent("GLUE", "DATASET")]},
        {"id": "p4", "title": "Four", "year": 2021, "abstract": "x", "authors": [author("Bo")],
         "entities": [ent("T5", "MODEL"), ent("GLUE", "DATASET")]},
    ]


def test_insights_charts_draw_the_right_counts(browser, tmp_path):
    written = write_insights(build_graph(hand_made_papers()), tmp_path)
    assert sorted(p.name for p in written)[-1] == "insights.html"
    browser.open(tmp_path / "insights.html")
    bert = browser.evaluate("""[...document.querySelectorAll('[data-kg-chart=trend-MODEL] [data-kg-series=BERT] circle')]
                               .map(c => [c.dataset.kgYear, c.dataset.kgCount])""")
    assert bert == [["2020", "2"], ["2021", "1"]]
    cells = browser.evaluate("""Object.fromEntries([...document.querySelectorAll('[data-kg-chart=matrix] g[data-kg-model]')]
                                .map(g => [g.dataset.kgModel + '×' + g.dataset.kgDataset, g.dataset.kgCount]))""")
    assert cells == {"BERT×GLUE": "2", "BERT×SQuAD": "1", "T5×GLUE": "1", "T5×SQuAD": "0"}
    csv = (tmp_path / "insights-model-dataset.csv").read_text(encoding="utf-8").splitlines()
    assert csv[:2] == ["model,dataset,papers", "BERT,GLUE,2"]
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(p.name for p in written if p.suffix == ".csv")
    assert only_the_file(browser, tmp_path / "insights.html") == [] and browser.errors() == []


def test_payloads_in_chart_and_community_names_never_run(browser, tmp_path, xss_papers, xss_payloads):
    graph = build_graph(xss_papers)
    write_insights(graph, tmp_path)
    page = tmp_path / "insights.html"
    browser.open(page)
    assert browser.evaluate(PWNED) and browser.dialogs() == [] and only_the_file(browser, page) == []
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert all(h.startswith("insights-") and h.endswith(".csv") for h in hrefs)  # the CSVs beside it only
    text = browser.evaluate("document.body.textContent")
    assert sum(p.strip() in text for p in xss_payloads) >= 4  # names shown as text in charts and lists
    assert "kgCspViolations" not in body_data(browser)
    overview = write_html(graph, tmp_path / "graph.html", overview_threshold=5)
    browser.open(overview)
    names = browser.evaluate("kgPage.communities.map(c => c.name)")
    assert names and any("<" in n for n in names)  # payloads reach the community labels
    exercise_every_view(browser)
    check_no_payload_ran(browser, overview, payloads=())
    assert browser.errors() == []
