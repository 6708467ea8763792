"""Regenerate the README's screenshots of the graph and insights pages (headless Chromium, offline).

Run from the repository root after ``bench_html.py`` has written the corpus pages::

    .venv/bin/python -m kg extract ../shared/corpus/acl-2016-2025.jsonl.gz -o /tmp/acl.jsonl
    .venv/bin/python benchmarks/bench_html.py --records /tmp/acl.jsonl --limit 2000
    .venv/bin/python benchmarks/bench_html.py --records /tmp/acl.jsonl
    .venv/bin/python benchmarks/screenshots.py

The seeds are built afresh; each page is opened from disk at 1400 × 860 and captured
once it sets its own ready marker. Missing pages are skipped and named.
"""

from __future__ import annotations

import base64
import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SHOTS = ROOT / "docs" / "screenshots"


def _browser():
    spec = importlib.util.spec_from_file_location("kg_browser", ROOT / "tests" / "browser" / "conftest.py")
    helper = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(helper)
    return helper.Browser(helper.find_chromium(), timeout=120)


def main() -> int:
    import kg

    seeds = Path(tempfile.mkdtemp()) / "seeds"
    kg.build(ROOT / "seeds", seeds, rdf_formats=())
    pages = {
        "seeds-graph.png": seeds / "graph.html",
        "seeds-insights.png": seeds / "insights.html",
        "acl-2000-graph.png": OUT / "acl-2000.html",
        "acl-graph.png": OUT / "acl.html",
        "acl-insights.png": OUT / "acl-insights" / "insights.html",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser = _browser()
    try:
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1400, "height": 860, "deviceScaleFactor": 1, "mobile": False})
        for name, page in pages.items():
            if not page.exists():
                print(f"skipped {name}: {page} is missing", file=sys.stderr)
                continue
            browser.open(page, wait=120)
            shot = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
            (SHOTS / name).write_bytes(base64.b64decode(shot))
            print(f"{SHOTS / name}")
    finally:
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
