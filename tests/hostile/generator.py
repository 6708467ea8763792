"""A small, seeded generator of hostile inputs, each file mixing good records with one bad thing.

Every :class:`Case` says which good titles must come out of it and which line (if any)
must be reported; the same seed always writes the same bytes.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from kg.sources.limits import MAX_NAMES

PAYLOAD = "<img src=x onerror=alert(1)>"
SECRET = "root:x:0:0"  # the start of /etc/passwd: must never be echoed


@dataclass
class Case:
    """One hostile input file: its name, bytes, the good titles in it and the line to report."""

    name: str
    data: bytes
    good: list[str] = field(default_factory=list)
    bad_line: int | None = None  # None: nothing must be reported; 0: the whole file
    link_to: str | None = None  # written as a symbolic link to this path instead


class Generator:
    """Good records with unique titles and abstracts, drawn from one seeded random source."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.count = 0

    def title(self) -> str:
        self.count += 1
        word = "".join(self.random.choice("abcdefghijklmnop") for _ in range(8))
        return f"Good {word} {self.count}"

    def record(self, **extra) -> tuple[str, dict]:
        title = self.title()
        words = " ".join(self.random.choice(["graphs", "papers", "models", "data", "tasks"]) for _ in range(12))
        return title, {"title": title, "abstract": f"We study {title} with {words}.", "year": 2021, **extra}

    def jsonl(self, name: str, bad: str, *, position: int = 2, **kw) -> Case:
        """Good lines around one bad line (1-based ``position``)."""
        titles, lines = [], []
        for _ in range(3):
            title, record = self.record()
            titles.append(title)
            lines.append(json.dumps(record, ensure_ascii=False))
        lines.insert(position - 1, bad)
        return Case(name, ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), titles, position, **kw)

    def typed(self, name: str, **fields) -> Case:
        """A bad-typed record that is still a paper (kept, its fields reported)."""
        title, record = self.record()
        record.update(fields)
        case = self.jsonl(name, json.dumps(record))
        if "title" not in fields:
            case.good.append(title)
        return case


def atom(entries: str, prologue: str = "") -> str:
    return (f'<?xml version="1.0"?>{prologue}<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>')


def atom_entry(arxiv_id: str, title: str) -> str:
    return (f"<entry><id>http://arxiv.org/abs/{arxiv_id}v1</id><title>{title}</title>"
            f"<summary>We study {title} in an Atom feed of knowledge graphs.</summary>"
            "<author><name>Ada Lovelace</name></author></entry>")


def hostile_cases(seed: int = 0) -> list[Case]:
    """Every class of hostile input, each beside good records."""
    g = Generator(seed)
    cases = [
        g.typed("title-number.jsonl", title=123),
        g.typed("title-list.jsonl", title=["A", "list", "title"]),
        g.typed("title-dict.jsonl", title={"en": "x"}),
        g.typed("doi-number.jsonl", doi=10.1234),
        g.typed("arxiv-number.jsonl", arxiv_id=1706.03762),
        g.typed("ids-list.jsonl", ids=["a"]),
        g.typed("affiliation-number.jsonl", authors=[{"name": "Ann Lee", "affiliations": 5}]),
        g.typed("claims-number.jsonl", claims=[1]),
        g.jsonl("s2-abstract-list.jsonl", json.dumps({"paperId": "p1", "abstract": ["x"], "externalIds": []})),
        g.jsonl("openalex-positions.jsonl", json.dumps({
            "id": "https://openalex.org/W1", "abstract_inverted_index": {"We": 0, "x": "1", "y": [2, "z"]},
            "authorships": [None]})),
        g.jsonl("deep.jsonl", "[" * 1000 + "]" * 1000),
        g.jsonl("deep-object.jsonl", '{"title": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}"),
        g.jsonl("nul.jsonl", '{"title": "NUL\x00", "abstract": "x"}'),
        g.jsonl("not-json.jsonl", "{oops " + "[" * 50),
    ]
    # A block of NULs (a scrape padded with zeros by a crash) costs its line, not the file as
    # binary; and UTF-16 without a byte-order mark is read as text.
    cases.append(g.jsonl("nul-block.jsonl", "\x00" * 1000))
    title, record = g.record()
    utf16 = g.jsonl("utf16-no-bom.jsonl", json.dumps(record))
    utf16.data = utf16.data.decode("utf-8").encode("utf-16-le")
    utf16.good.append(title)
    utf16.bad_line = None
    cases.append(utf16)
    # U+2028/U+2029/U+0085 inside a JSON string: one record, not three lines.
    title, record = g.record()
    record["title"] = title + " \u2028 \u2029 \x85 end"
    separators = g.jsonl("separators.jsonl", json.dumps(record, ensure_ascii=False))
    separators.good.append(record["title"])
    separators.bad_line = None
    cases.append(separators)
    # A JSON array with a bad element in the middle: the elements after it still come out.
    titles, items = [], []
    for _ in range(3):
        t, r = g.record()
        titles.append(t)
        items.append(json.dumps(r))
    items.insert(1, "[" * 1200 + "]" * 1200)
    cases.append(Case("array.json", ("[\n" + ",\n".join(items) + "\n]\n").encode(), titles, 3))
    # Files that are one problem each, beside good files.
    cases += [
        Case("nbsp.txt", "\u00a0".encode(), [], 0),
        Case("atom-malformed.xml", atom(atom_entry("2101.00001", "Atom kept before the break") + "<entry><<").encode(),
             ["Atom kept before the break"], 1),
        Case("atom-bad-entry.xml", atom(atom_entry("2101.00006", "Atom before a bad entry") + "\n"
                                        + atom_entry("2101.00007", "AT&T") + "\n"
                                        + atom_entry("2101.00008", "Atom after a bad entry")).encode(),
             ["Atom before a bad entry", "Atom after a bad entry"], 2),
        Case("atom-entity.xml", atom(atom_entry("2101.00002", "&x;"), '<!DOCTYPE feed [<!ENTITY x "boom">]>').encode(),
             [], 1),
        Case("atom-external.xml", atom(atom_entry("2101.00003", "&x;"),
                                       '<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>').encode(), [], 1),
        Case("atom-laughs.xml", atom(atom_entry("2101.00004", "&c;"), "<!DOCTYPE feed [<!ENTITY a \"aaaaaaaaaa\">"
                                     + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("ab", "bc"))
                                     + "]>").encode(), [], 1),
        Case("atom-error.xml", atom('<entry><id>http://arxiv.org/api/errors#bad_id</id><title>Error</title>'
                                    "<summary>incorrect id format for 1234.12345</summary></entry>").encode(), [], 1),
        Case("atom-long-dtd.xml", atom(atom_entry("2101.00005", "Atom after a long DTD"),
                                       "<!DOCTYPE feed [" + "<!ELEMENT x ANY>" * 400 + "]>").encode(),
             ["Atom after a long DTD"]),
        Case("listing-cr.txt", b"We introduce CRNet, a model that reads arXiv listings whose lines end "
             b"with a carriage return only.\r\r15+5 pages\r\rarXiv:2005.00341\rCreated: 2020-04-30\r", []),
        Case("passwd.txt", b"", [], 0, link_to="/etc/passwd"),
    ]
    # A gzip bomb: a good line, then a gigabyte of spaces that must never be decompressed whole.
    t, r = g.record()
    bomb = gzip.compress(json.dumps(r).encode() + b"\n" + b" " * (300 * 2**20), compresslevel=9)
    cases.append(Case("bomb.jsonl.gz", bomb, [t], 0))
    # Distinct DOIs that fold to one slug, an empty DOI suffix, a lone surrogate, a payload.
    doi_titles = []
    lines = []
    for doi in ("10.1234/<>", "10.1234/-->", "10.1234/"):
        t, r = g.record(doi=doi)
        doi_titles.append(t)
        lines.append(json.dumps(r))
    t, r = g.record(authors=[PAYLOAD, "Ann \ud800 Lee"])
    r["title"] = t + " \ud800 " + PAYLOAD
    lines.append(json.dumps(r))
    doi_titles.append(r["title"])
    cases.append(Case("identity.jsonl", ("\n".join(lines) + "\n").encode(), doi_titles))
    # A lone surrogate in the abstract, which the tokenizer must take as U+FFFD, not crash on.
    t, r = g.record()
    r["abstract"] = r["abstract"].replace("We study", "We study \ud800 BERT and")
    cases.append(g.jsonl("surrogate-abstract.jsonl", json.dumps(r)))
    cases[-1].good.append(t)
    cases[-1].bad_line = None
    # An integer longer than Python converts (4,300 digits), in JSON Lines and in an array:
    # the field is reported and ignored, the record and the rest of the file kept.
    huge = "1" + "0" * 5_000
    t, r = g.record(year=0)
    cases.append(g.jsonl("huge-integer.jsonl", json.dumps(r).replace('"year": 0', '"year": ' + huge)))
    cases[-1].good.append(t)
    titles, items = [], []
    for extra in ({}, {"year": 0}, {}):
        t, r = g.record(**extra)
        titles.append(t)
        items.append(json.dumps(r).replace('"year": 0', '"year": -' + huge))
    cases.append(Case("huge-integer-array.json", ("[\n" + ",\n".join(items) + "\n]\n").encode(), titles, 3))
    # An author list past MAX_NAMES: the record is kept with the first ones, the cut reported.
    t, r = g.record(authors=[f"Author {k}" for k in range(MAX_NAMES + 500)])
    cases.append(g.jsonl("many-authors.jsonl", json.dumps(r)))
    cases[-1].good.append(t)
    # Text past the limits: a 1.5 M-character abstract; capitalised and space runs for the regexes.
    t, r = g.record()
    r["abstract"] = "We propose " + " ".join(["Abc"] * 20_000) + " zz. " + "word " * 270_000
    cases.append(g.jsonl("huge-abstract.jsonl", json.dumps(r)))
    cases[-1].good.append(t)
    page = ("LGJan 13, 2020\n" + "T" + "A" * 60_000 + "\nWe study long runs of capitals in titles.\n"
            "LGJan 14, 2020\nSpaced title" + " " * 60_000 + "Ann Lee, Bob Stone\nWe study long runs of spaces.\n")
    cases.append(Case("page-runs.txt", page.encode(), []))
    return cases


def write_cases(folder: Path, cases: list[Case]) -> None:
    """Write each case into ``folder`` (a link for a link case)."""
    for case in cases:
        path = folder / case.name
        if case.link_to:
            path.symlink_to(case.link_to)
        else:
            path.write_bytes(case.data)
