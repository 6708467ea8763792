"""The stated limits on hostile input, and the short escaped excerpt a report may quote.

Every limit bounds the work or the output one input can cause: past it, the text is cut
(or the file refused) and the cut is reported, so one scraped page can neither hang a run
nor fill the disk, and every other record still comes out.
"""

from __future__ import annotations

#: Bytes read from one file (after gzip decompression); past it the file is cut at a line end.
MAX_INPUT_BYTES = 256 * 2**20
#: Characters of one abstract as read (spaCy's own limit is 1,000,000); the rest is cut.
MAX_ABSTRACT_CHARS = 100_000
#: Characters of a title, venue, comment or other one-line field; the rest is cut.
MAX_FIELD_CHARS = 2_000
#: Characters of one author or organization name; a longer one is not a name and is dropped.
MAX_NAME_CHARS = 300
#: Authors (and affiliations) of one paper; the rest are dropped. The longest real author
#: lists are about half of it (5,154 names on the 2015 ATLAS and CMS Higgs-mass paper);
#: 200,000 made one hostile record a graph of 200,000 nodes and a gigabyte of memory.
MAX_NAMES = 10_000
#: Characters a report may quote from a file.
EXCERPT_CHARS = 40


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    r"""A short, quoted excerpt of ``text`` for a report, with every unprintable character escaped.

    A report names the problem; it never replays a file (a terminal escape, a page of a
    system file) to whoever reads the log.

    Examples
    --------
    >>> print(excerpt("<b>\x1b[2J\u202eŁukasz" + "x" * 100, 20))
    "<b>\x1b[2J\u202eŁukaszxxxxxx…"
    """
    cut = "".join(c if c.isprintable() and c not in '"\\' else _escape(c) for c in text[:limit])
    return '"' + cut + ("…" if len(text) > limit else "") + '"'


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
