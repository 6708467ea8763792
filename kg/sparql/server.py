"""A read-only SPARQL 1.1 Protocol endpoint over a kg store, with an offline query page.

Why not Oxigraph's own server (``pip install oxigraph``, ``oxigraph serve-read-only``):
it streams results, so a query that hits its timeout mid-answer ends a response whose
``200`` is already sent; it has no cap on a result's size; its query page loads YASGUI
from a CDN, so it does not work offline; and it knows none of kg's prefixes. This
endpoint uses the same engine (pyoxigraph, over the same on-disk store) and adds what
those lack: every answer is complete before its status is sent (:mod:`kg.sparql.workers`
runs queries in killable processes), results are capped, the page is one inline file
under a strict Content-Security-Policy, and the cookbook prefixes are predeclared.

Protocol: ``GET /sparql?query=…`` (also ``/query``), ``POST`` form-encoded (``query=…``)
or ``application/sparql-query``; optional ``default-graph-uri`` and ``named-graph-uri``.
Results as JSON, XML, CSV or TSV (graphs as Turtle, N-Triples, RDF/XML or JSON-LD) by the
``Accept`` header. Updates are refused with ``403``; other methods get ``405``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.sparql.workers import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Answer, QueryPool

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
ENDPOINTS = ("/sparql", "/query")
#: Largest request body read (a query, or a form holding one).
MAX_REQUEST_BYTES = 1024 * 1024

_UPDATE = re.compile(
    r"^(?:\s|#[^\n]*\n)*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)(?:\s|#[^\n]*\n)*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)

_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "600",
}


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL update (its first keyword after the prologue).

    Examples
    --------
    >>> is_update("PREFIX ex: <http://e.org/>\\n# add one\\nINSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update("SELECT ?insert WHERE { ?s ?p ?insert }")
    False
    """
    return bool(_UPDATE.match(text))


# ------------------------------------------------------------------------ the page

_STYLE = """
body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#222}
textarea{width:100%;height:14rem;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1rem;font-size:13px}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} #status{margin-left:1rem;color:#555} .error{color:#a00;white-space:pre-wrap}
pre{white-space:pre-wrap;font-size:13px}
"""

_SCRIPT = """
(function () {
  "use strict";
  var queries = JSON.parse(document.getElementById("kg-cookbook").textContent);
  var pick = document.getElementById("cookbook"), text = document.getElementById("query");
  var out = document.getElementById("out"), status = document.getElementById("status");
  queries.forEach(function (q, i) {
    var option = document.createElement("option");
    option.value = String(i); option.textContent = q.name + " \u2014 " + q.description;
    pick.appendChild(option);
  });
  pick.addEventListener("change", function () {
    if (pick.value !== "") { text.value = queries[Number(pick.value)].sparql; }
  });
  function cell(term) {
    if (!term) { return ""; }
    return term.type === "literal" || term.type === "typed-literal" ? term.value :
           term.type === "bnode" ? "_:" + term.value : "<" + term.value + ">";
  }
  function show(data) {
    out.textContent = "";
    if (typeof data.boolean === "boolean") {
      out.textContent = "ASK: " + data.boolean; document.body.dataset.kgRows = "1"; return;
    }
    var table = document.createElement("table"), head = table.createTHead().insertRow();
    data.head.vars.forEach(function (v) {
      var th = document.createElement("th"); th.textContent = "?" + v; head.appendChild(th);
    });
    var body = table.createTBody();
    data.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      data.head.vars.forEach(function (v) { tr.insertCell().textContent = cell(row[v]); });
    });
    out.appendChild(table);
    document.body.dataset.kgRows = String(data.results.bindings.length);
  }
  document.getElementById("form").addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "running\u2026"; document.body.dataset.kgRows = "";
    var started = performance.now();
    fetch("sparql", {method: "POST", body: text.value, headers: {
      "Content-Type": "application/sparql-query",
      "Accept": "application/sparql-results+json, text/turtle;q=0.5"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        return response.text().then(function (body) {
          var ms = Math.round(performance.now() - started);
          if (!response.ok) {
            status.textContent = "HTTP " + response.status + " (" + ms + " ms)";
            out.textContent = ""; var p = document.createElement("pre");
            p.className = "error"; p.textContent = body; out.appendChild(p);
            document.body.dataset.kgRows = "error"; return;
          }
          status.textContent = ms + " ms";
          if (type.indexOf("json") >= 0) { show(JSON.parse(body)); return; }
          out.textContent = ""; var pre = document.createElement("pre");
          pre.textContent = body; out.appendChild(pre); document.body.dataset.kgRows = "graph";
        });
      })
      .catch(function (error) { status.textContent = String(error); document.body.dataset.kgRows = "error"; });
  });
  document.body.dataset.kgReady = "1";
})();
"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg SPARQL</title><style>{style}</style></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over {source}. Endpoint: <code>{endpoint}</code>; the prefixes
<code>{prefixes}</code> need no declaration.</p>
<form id="form"><label>Cookbook: <select id="cookbook"><option value="">(choose a query)</option></select></label>
<textarea id="query" spellcheck="false" aria-label="SPARQL query">{initial}</textarea>
<button type="submit">Run</button><span id="status"></span></form>
<div id="out"></div>
<script type="application/json" id="kg-cookbook">{cookbook}</script>
<script>{script}</script>
</body></html>
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


#: Only the page's own inline script and style run; it may talk to this server only.
PAGE_CSP = (f"default-src 'none'; script-src {_hash(_SCRIPT)}; style-src {_hash(_STYLE)}; "
            "connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


def generate_page(source: str, prefixes: dict[str, str]) -> bytes:
    """The query page: one self-contained file (inline script and style, no CDN)."""
    from kg.sparql.cookbook import list_queries

    cookbook = [{"name": q.name, "description": q.description, "sparql": q.sparql}
                for q in list_queries()]
    # Inside <script type="application/json">, only "</" could end the element early.
    data = json.dumps(cookbook, ensure_ascii=False).replace("</", "<\\/")
    initial = "SELECT ?name (COUNT(?paper) AS ?papers) WHERE {\n  ?paper kg:uses ?e .\n" \
              "  ?e skos:prefLabel ?name\n} GROUP BY ?name ORDER BY DESC(?papers) LIMIT 20\n"
    return _PAGE.format(style=_STYLE, script=_SCRIPT, cookbook=data, initial=html.escape(initial),
                        source=html.escape(source), endpoint=ENDPOINTS[0],
                        prefixes=html.escape(" ".join(sorted(prefixes)))).encode("utf-8")


# ------------------------------------------------------------------------ HTTP


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, answer: Answer, extra: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        headers = {"Content-Type": answer.content_type, "Content-Length": str(len(answer.body)),
                   "Vary": "Accept", "Cache-Control": "no-store", **_CORS, **(extra or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def do_OPTIONS(self) -> None:  # CORS preflight
        self._send(Answer(204, "text/plain", b""))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Answer(200, "text/html; charset=utf-8", self.server.page),
                       {"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"})
            return
        if url.path == "/update":
            self._refuse_update()
            return
        if url.path not in ENDPOINTS:
            self._send(Answer.error(404, f"no such page; the endpoint is {ENDPOINTS[0]}"))
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            self._refuse_update()
            return
        self._answer(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/update":
            self._refuse_update()
            return
        if url.path not in ENDPOINTS:
            self._send(Answer.error(404, f"no such endpoint; use {ENDPOINTS[0]}"))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BYTES:
            self.close_connection = True
            self._send(Answer.error(413, f"a request body must be 0 to {MAX_REQUEST_BYTES:,} bytes"))
            return
        body = self.rfile.read(length)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/sparql-update":
            self._refuse_update()
            return
        if kind == "application/sparql-query":
            params["query"] = [body.decode("utf-8", errors="replace")]
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                self._refuse_update()
                return
            params.update(form)
        else:
            self._send(Answer.error(415, "POST a query as application/sparql-query or as a "
                                         "form (application/x-www-form-urlencoded, query=…)"))
            return
        self._answer(params)

    def _not_allowed(self) -> None:
        self._send(Answer.error(405, "this endpoint is read-only: GET or POST a query"),
                   {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _refuse_update(self) -> None:
        self._send(Answer.error(403, "this endpoint is read-only: SPARQL updates are refused"))

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(Answer.error(400, "give exactly one SPARQL query: ?query=… (GET), a form "
                                         "field query=… or an application/sparql-query body (POST)"))
            return
        if is_update(queries[0]):
            self._refuse_update()
            return
        answer = self.server.pool.run(queries[0], self.headers.get("Accept"),
                                      params.get("default-graph-uri", []),
                                      params.get("named-graph-uri", []))
        self._send(answer)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: request threads in front of a :class:`QueryPool`."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], pool: QueryPool, page: bytes,
                 log: Callable[[str], None] | None = None):
        self.pool, self.page, self.log = pool, page, log
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Endpoint:
    """A running endpoint over an export or a store; use as a context manager.

    An export (file or folder) is first bulk-loaded into a temporary on-disk store, which
    is removed on :meth:`close`; a store written by ``kg load`` is served as it is.

    Examples
    --------
    >>> from kg.sparql.store import ONTOLOGY_DIR
    >>> from urllib.request import urlopen
    >>> with Endpoint(ONTOLOGY_DIR / "kg.ttl", port=0, workers=1) as endpoint:
    ...     body = urlopen(endpoint.sparql_url + "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D").read()
    >>> json.loads(body)["boolean"]
    True
    """

    def __init__(self, source: str | os.PathLike, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 workers: int = 2, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 log: Callable[[str], None] | None = None):
        from kg.sparql.store import find_export, is_store, load_store

        self._temporary: Path | None = None
        if is_store(source):
            store_path, described = Path(source), f"the store {source}"
        else:
            export = find_export(source)
            self._temporary = Path(tempfile.mkdtemp(prefix="kg-serve-"))
            store_path, described = self._temporary / "store", f"the export {export}"
            load_store(export, store_path)
        try:
            self.pool = QueryPool(store_path, workers=workers, timeout=timeout, max_bytes=max_bytes)
            self.server = SparqlServer((host, port), self.pool,
                                       generate_page(described, self.pool.prefixes), log)
        except BaseException:
            self._cleanup()
            raise
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def sparql_url(self) -> str:
        return self.server.url + ENDPOINTS[0]

    def serve_forever(self) -> None:
        """Answer requests until interrupted."""
        self.server.serve_forever()

    def __enter__(self) -> Endpoint:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving, stop the workers and remove a temporary store."""
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join()
            self._thread = None
        self.server.server_close()
        self.pool.close()
        self._cleanup()

    def _cleanup(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None
