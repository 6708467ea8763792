"""A headless Chromium, offline, driven over the DevTools protocol on a pipe (stdlib only).

Why this and not ``--dump-dom`` or Playwright: ``--dump-dom`` cannot tell which URLs a
page requested, nor run script in the page to count what it drew; Playwright needs its
own driver and a pinned browser build. Chromium's ``--remote-debugging-pipe`` speaks the
DevTools protocol as NUL-separated JSON on file descriptors 3 and 4, which a few lines
of Python can drive, with no port opened and no extra package.

Networking is off three ways: a dead proxy, a host resolver that resolves nothing, and
the background services switched off; and every request the page makes is recorded
(``Network.requestWillBeSent``) so tests can assert there were none beyond the file.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

OFFLINE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
)


def find_chromium() -> str | None:
    """Path of a Chromium binary: ``$KG_CHROMIUM``, else ``chromium`` on ``PATH``."""
    configured = os.environ.get("KG_CHROMIUM")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class ProtocolError(RuntimeError):
    """Chromium answered a DevTools command with an error, or not at all."""


class Browser:
    """One headless Chromium process and one page (tab) attached with a flat session."""

    def __init__(self, binary: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_pipes() -> None:  # runs in the child: the protocol wants fds 3 and 4
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [binary, *OFFLINE_FLAGS, f"--user-data-dir={self.profile}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes, pass_fds=(3, 4, to_child_r, from_child_w),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    # -- protocol ------------------------------------------------------------------

    def send(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        """Send one command (to the page session unless ``browser``) and wait for its result."""
        self._next_id += 1
        message: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise ProtocolError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise ProtocolError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                # An alert() would block the page: record it (above) and dismiss it.
                self._next_id += 1
                os.write(self._to_child, json.dumps({
                    "id": self._next_id, "sessionId": self.session,
                    "method": "Page.handleJavaScriptDialog", "params": {"accept": True},
                }).encode() + b"\0")
        return message

    def pump(self, seconds: float) -> None:
        """Collect events for ``seconds`` (by waiting on a harmless command)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.send("Runtime.evaluate", {"expression": "1"})
            time.sleep(0.05)

    # -- page ----------------------------------------------------------------------

    def open(self, path: Path, ready: str = "document.body && document.body.dataset.kgDrawn === '1'",
             wait: float = 60.0) -> None:
        """Load ``path`` from disk and wait until ``ready`` (a JS expression) is true."""
        self.events.clear()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()})
        deadline = time.monotonic() + wait
        while not self.evaluate(f"Boolean({ready})"):
            if time.monotonic() > deadline:
                raise ProtocolError(f"page not ready after {wait}s: {self.errors()}")
            time.sleep(0.1)
        self.pump(0.5)  # let late events (images, timers, dialogs) arrive

    def evaluate(self, expression: str):
        """Value of a JS expression in the page (awaiting promises)."""
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        })
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def dialogs(self) -> list[str]:
        return [e["params"].get("message", "") for e in self.events
                if e["method"] == "Page.javascriptDialogOpening"]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors and browser log errors (CSP reports included)."""
        out = []
        for e in self.events:
            p = e["params"]
            if e["method"] == "Runtime.exceptionThrown":
                out.append(json.dumps(p["exceptionDetails"])[:500])
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") == "error":
                out.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif e["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                out.append(p["entry"]["text"])
        return out

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True)
        except (ProtocolError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium, or set KG_CHROMIUM)")
    return binary


@pytest.fixture(scope="module")
def browser(chromium_binary):
    instance = Browser(chromium_binary)
    yield instance
    instance.close()


# ----------------------------------------------------------------------------- data

#: Each payload, if it ever ran, would set ``window.__kgPwned`` (or open a dialog, or
#: request a URL): the tests check all three never happen.
XSS_PAYLOADS = (
    '<img src=x onerror="window.__kgPwned=1">',
    '"><svg onload="window.__kgPwned=2">',
    "</script><script>window.__kgPwned=3</script>",
    "'-alert(4)-'\"-alert(4)-\"",
    '<iframe srcdoc="<script>parent.__kgPwned=5</script>"></iframe>',
    "\u2028\u2029</script><!--<script>window.__kgPwned=6//",
    "</style><style>*{background:url(http://127.0.0.1:9/x)}</style>",
    "{{ 7*7 }}{% raw %}<b onmouseover=window.__kgPwned=8>",
)


def _mention(text: str, sentence: str) -> dict:
    return {"start": 0, "end": len(text), "text": text, "sentence": sentence,
            "sentence_start": 0, "component": "test", "confidence": 0.9}


def _entity(name: str, etype: str, key: str, sentence: str, aliases=()) -> dict:
    return {"name": name, "type": etype, "key": key, "aliases": list(aliases), "ids": {},
            "role": "uses", "confidence": 0.9, "mentions": [_mention(name, sentence)]}


def _author(name: str, *affiliations: str) -> dict:
    return {"name": name, "affiliations": list(affiliations), "origin": "paper", "lists": []}


def make_papers() -> list[dict]:
    """Three small, ordinary paper records: every node kind and entity type appears."""
    return [
        {"id": "2005.14165", "title": "Language Models are Few-Shot Learners", "year": 2020,
         "arxiv_id": "2005.14165", "abstract": "We train GPT-3 and test it on SuperGLUE.",
         "authors": [_author("Tom B. Brown", "OpenAI"), _author("Dario Amodei", "OpenAI")],
         "entities": [_entity("GPT-3", "MODEL", "model/gpt-3", "We train GPT-3."),
                      _entity("SuperGLUE", "DATASET", "dataset/superglue", "We test on SuperGLUE.")],
         "code_urls": ["https://github.com/openai/gpt-3"]},
        {"id": "1706.03762", "title": "Attention Is All You Need", "year": 2017,
         "abstract": "The Transformer reaches 28.4 BLEU on machine translation.",
         "authors": [_author("Ashish Vaswani"), _author("Łukasz Kaiser")],
         "entities": [_entity("Transformer", "METHOD", "method/transformer", "The Transformer."),
                      _entity("machine translation", "TASK", "task/machine-translation", "On translation."),
                      _entity("BLEU", "METRIC", "metric/bleu", "28.4 BLEU.")]},
        {"id": "1810.04805", "title": "BERT", "year": 2019, "abstract": "BERT uses the Transformer.",
         "authors": [_author("Jacob Devlin", "Google")],
         "entities": [_entity("BERT", "MODEL", "model/bert", "BERT.", aliases=["BERT-base"]),
                      _entity("Transformer", "METHOD", "method/transformer", "uses the Transformer")]},
    ]


def make_xss_papers() -> list[dict]:
    """Paper records with a payload in every scraped string the page can show."""
    papers = []
    for i, payload in enumerate(XSS_PAYLOADS):
        papers.append({
            "id": f"2101.{i:05d}", "title": f"Title {i} {payload}", "year": 2015 + i,
            "abstract": f"Abstract {payload}", "venue": payload, "arxiv_id": f"2101.{i:05d}",
            "doi": payload, "urls": [f"javascript:window.__kgPwned={i}", payload],
            "authors": [_author(f"Author {i} {payload}", f"Org {payload}")],
            "entities": [
                _entity(f"Model {i} {payload}", "MODEL", f"model/payload-{i}", f"Evidence {payload}",
                        aliases=[payload]),
                _entity(f"Data {payload}", "DATASET", f"dataset/payload-{i}", payload),
            ],
            "code_urls": [f"javascript:window.__kgPwned={i}", f"https://example.org/{i}?q={payload}"],
        })
    return papers


@pytest.fixture
def small_papers() -> list[dict]:
    return make_papers()


@pytest.fixture
def xss_papers() -> list[dict]:
    return make_xss_papers()


@pytest.fixture
def xss_payloads() -> tuple[str, ...]:
    return XSS_PAYLOADS
