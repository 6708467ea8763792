"""Text helpers shared by the pages: plain strings, cut labels, search keys, safe links."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Letters that do not decompose under NFKD but that a reader types without their mark.
_LETTERS = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h",
})


def text(value: Any) -> str:
    """``value`` as a string; ``None`` is the empty string."""
    return "" if value is None else str(value)


def short(value: str, limit: int) -> str:
    """``value`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> short("a  b\\nc", 10), short("abcdefgh", 5)
    ('a b c', 'abcd…')
    """
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fold(value: str) -> str:
    """Search key of ``value``: lower case, marks dropped, one space between words.

    The page folds what the reader types the same way (``graph.js`` ``fold``), so
    "lukasz kaiser" finds "Łukasz Kaiser" and "imagenet" finds "ImageNet".

    >>> fold("Łukasz  KAISER"), fold("Schölkopf"), fold("Straße")
    ('lukasz kaiser', 'scholkopf', 'strasse')
    """
    if value.isascii():  # most names: nothing to decompose or translate
        return " ".join(value.lower().split())
    decomposed = unicodedata.normalize("NFKD", value.translate(_LETTERS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().translate(_LETTERS).split())


def is_web_url(url: str) -> bool:
    """Only ``http(s)`` links become clickable (never ``javascript:`` or ``data:``).

    >>> is_web_url("https://github.com/x/y"), is_web_url(" javascript:alert(1)")
    (True, False)
    """
    return re.match(r"https?://[^\s<>\"']+$", url) is not None
