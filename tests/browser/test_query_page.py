"""The query page of kg serve in a real headless Chromium: it runs a query and shows rows offline."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from kg.exports.rdf import write_rdf
from kg.graph import build_graph


def _served_browser_class():
    """The suite's Browser, but letting loopback through: the page is served from 127.0.0.1.

    Everything else stays off (the dead proxy, the resolver that resolves nothing).
    """
    spec = importlib.util.spec_from_file_location("kg_browser_served", Path(__file__).with_name("conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OFFLINE_FLAGS = tuple(
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if f.startswith("--host-resolver-rules")
        else f for f in module.OFFLINE_FLAGS if f != "--proxy-bypass-list=<-loopback>")
    return module.Browser


def test_query_page_runs_a_query_and_draws_the_rows(chromium_binary, tmp_path, small_papers):
    from kg.sparql.server import Endpoint

    write_rdf(build_graph(small_papers), tmp_path / "exports")
    browser = _served_browser_class()(chromium_binary)
    try:
        with Endpoint(tmp_path / "exports", port=0, workers=1) as endpoint:
            browser.events.clear()
            browser.send("Page.navigate", {"url": endpoint.url + "/"})
            deadline = time.monotonic() + 30
            while not browser.evaluate("Boolean(document.body && document.body.dataset.kgReady === '1')"):
                assert time.monotonic() < deadline, (browser.errors(), browser.evaluate("location.href"),
                                                     [e["method"] for e in browser.events][-20:])
                time.sleep(0.1)
            browser.evaluate("document.getElementById('query').value = "
                             "'SELECT ?t WHERE { ?p a kg:Paper ; dcterms:title ?t } ORDER BY ?t'")
            browser.evaluate("document.querySelector('button').click()")
            while not browser.evaluate("document.body.dataset.kgRows || ''"):
                assert time.monotonic() < deadline, browser.errors()
                time.sleep(0.1)
            assert browser.evaluate("document.body.dataset.kgRows") == "3"
            cells = browser.evaluate("[...document.querySelectorAll('td')].map(td => td.textContent)")
            assert cells == sorted(p["title"] for p in small_papers)
            options = browser.evaluate("document.querySelectorAll('#cookbook option').length")
            assert options > 5  # the cookbook, from inline data
            browser.evaluate("document.getElementById('query').value = 'SELECT nonsense'")
            browser.evaluate("document.querySelector('button').click()")
            while browser.evaluate("document.body.dataset.kgRows || ''") != "error":
                assert time.monotonic() < deadline, browser.errors()
                time.sleep(0.1)
            assert "SPARQL syntax error" in browser.evaluate("document.getElementById('out').textContent")
            urls = browser.requested_urls()
            assert urls and all(u.startswith(endpoint.url) for u in urls), urls
            assert not [e for e in browser.errors() if "400" not in e], browser.errors()  # CSP holds
    finally:
        browser.close()
