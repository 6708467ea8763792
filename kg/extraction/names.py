"""What a name looks like in running text: the regular expressions the rule layers share."""
from __future__ import annotations

import re

# One name-like word: Capitalised, camelCase, or letters with digits ("GPT-4o", "tsGT", "WMT'14").
NAME_TOKEN = r"(?:[A-Z][\w'’^$+*.-]*[\w+*$]|[A-Z]\*?|[a-z]+[A-Z][\w'’^$+.-]*[\w+$]|[a-z]+\d(?:[\w.-]*\w)?|\d+[A-Za-z][\w-]*)"
NAME = rf"{NAME_TOKEN}(?:[ ](?:{NAME_TOKEN}|of)(?=[ ]{NAME_TOKEN}))*(?:[ ](?:{NAME_TOKEN}|\d{{1,4}}\b))*"
NAME_RE = re.compile(NAME)

# Capitalised words that start sentences or clauses but never names.
STOP = set("""The This That These Those We Our Ours It Its In On At For To From By With A An And Or But As
    If When While Where Which What Who Here There However Moreover Furthermore Finally First Second Third
    Then Thus Therefore Also Both Each Every All Some Most Many Such Unlike Despite Although Recent
    Experiments Experimental Results Code Data Extensive Further Specifically Notably Additionally
    Existing Previous Current Given Using Based Our Their They He She I You My Your New Novel One Two
    Several Large Small Deep Neural Building Inspired Motivated To Compared Instead Overall Second
    Table Figure Section Appendix Lastly Next Other Another Each Despite Since Because Even""".split()) | set(
    """English French German Spanish Chinese Japanese Korean Arabic Russian Hindi Italian Portuguese Dutch
    Polish Czech Turkish Persian Vietnamese Indonesian Swahili Greek Hebrew Finnish Swedish Danish
    Norwegian Romanian Hungarian Bengali Urdu Tamil Thai Ukrainian Catalan Basque Latin
    NLP AI ML DL LLM LLMs LM LMs NLU NLG CV IR""".split())


def clean_name(name: str) -> tuple[str, int]:
    """Strip leading stop words and trailing punctuation; return the name and the characters
    removed from its start.

    Examples
    --------
    >>> clean_name("The Penn Treebank.")
    ('Penn Treebank', 4)
    """
    offset = 0
    words = name.split(" ")
    while words and words[0] in STOP:
        offset += len(words[0]) + 1
        words = words[1:]
    while words and words[-1] == "of":
        words = words[:-1]
    out = " ".join(words).rstrip(".,;:'’-")
    if out.endswith("’s") or out.endswith("'s"):
        out = out[:-2]
    return out, offset


def looks_like_name(name: str) -> bool:
    """A usable name: not empty, not a stop word, not a URL, some letter.

    Examples
    --------
    >>> looks_like_name("tsGT"), looks_like_name("The"), looks_like_name("2019")
    (True, False, False)
    """
    return (len(name) >= 2 and name not in STOP and re.search(r"[A-Za-z]", name) is not None
            and "://" not in name and not re.fullmatch(r"\d+[A-Za-z]?|[A-Z]", name))
