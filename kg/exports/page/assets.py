"""Render a page: inline its scripts and styles, admit exactly them by CSP hash, embed data safely.

Both pages (graph and insights) go through :func:`render_page`, so they share one
safety story: no network source at all, the data as escaped JSON inside
``<script type="application/json">``, and every template string autoescaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
#: Assets a page may inline, by name: vis-network ships inside the pyvis package.
ASSET_FILES: dict[str, Path] = {
    "vis-network.min.js": VIS_LIB / "vis-network.min.js",
    "vis-network.css": VIS_LIB / "vis-network.css",
}

_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)


def script_json(data: Any) -> str:
    """JSON of ``data`` that is safe as the text of a ``<script>`` element.

    Everything outside ASCII is ``\\u``-escaped (U+2028/2029 included) and so are
    ``<``, ``>`` and ``&``, so no string can end the element or start a comment.

    Examples
    --------
    >>> script_json({"t": "</script><img src=x>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(script_json({"t": "</script>"}))["t"]
    '</script>'
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """Text of an inlinable asset: one of :data:`ASSET_FILES` or a file of ``templates/``."""
    text = (ASSET_FILES.get(name) or TEMPLATES / name).read_text(encoding="utf-8")
    if _CLOSING_TAG.search(text):
        raise ValueError(f"{name} cannot be inlined: it contains a closing script/style tag")
    return text


def sha256_source(text: str) -> str:
    """CSP source admitting exactly the inline element whose text is ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """No network source at all; inline scripts and styles only by their hash."""
    return (
        "default-src 'none'; "
        f"script-src {' '.join(map(sha256_source, scripts))}; "
        f"style-src {' '.join(map(sha256_source, styles))}; img-src data:; "
        "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_page(template: str, data: Any, *, title: str, scripts: list[str], styles: list[str],
                **context: Any) -> str:
    """Fill ``template`` with ``data`` (as safe JSON), the named assets inlined, and its CSP.

    Examples
    --------
    >>> page = render_page("insights.html", {"x": "</script>"}, title="<t>",
    ...                    scripts=["insights.js"], styles=["insights.css"])
    >>> "<title>&lt;t&gt;</title>" in page, "\\\\u003c/script" in page
    (True, True)
    """
    script_texts = [asset(name) for name in scripts]
    style_texts = [asset(name) for name in styles]
    return _template(template).render(
        title=title,
        csp=Markup(content_security_policy(script_texts, style_texts)),
        scripts=[Markup(t) for t in script_texts],
        styles=[Markup(t) for t in style_texts],
        data_json=Markup(script_json(data)),
        **context,
    )


@lru_cache(maxsize=None)
def _template(name: str) -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(name)
