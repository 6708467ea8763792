"""Turn scraped abstract text into clean text and pull out what it cites (URLs, arXiv ids, language)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A LaTeX span: inline math, a command with optional braced arguments, or an escaped
# character. Only these spans go through pylatexenc: run over the whole abstract, its
# defaults read a bare "%" as a comment and drop the rest of the text.
_LATEX_SPAN = re.compile(
    r"""
    \$\$(?:[^$\\]|\\.)+?\$\$                      # display math $$...$$
  | \$(?:[^$\\\n]|\\.)+?\$                        # inline math $...$
  | \\[a-zA-Z]+\*?(?:\s*\{(?:[^{}]|\{[^{}]*\})*\})*  # \command{arg}{arg}
  | \\[%&_#$\\{}~^]                               # escaped character
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NOT_LETTER = re.compile(r"[\W\d_]+")


@lru_cache(maxsize=1)
def _latex_converter():
    """pylatexenc's converter and the macro table its parser reads, made once: left to
    itself, the parser builds that table anew for every span (a third of the span's time)."""
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.latexwalker import get_default_latex_context_db

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True), get_default_latex_context_db()


def latex_to_text(text: str) -> str:
    """Replace the LaTeX spans of ``text`` by plain text and leave everything else alone.

    Examples
    --------
    >>> latex_to_text(r"which reduce this to $O(n \\sqrt{n})$.")
    'which reduce this to O(n √(n)).'
    >>> latex_to_text(r"E-$\\text{RL}^2$ is 50\\% cheaper; Codex solves 28.8% of them")
    'E-RL^2 is 50% cheaper; Codex solves 28.8% of them'
    >>> latex_to_text(r"image$\\leftrightarrow$text")
    'image↔text'
    """
    if "$" not in text and "\\" not in text:
        return text
    return _LATEX_SPAN.sub(_convert_span, text)


def _convert_span(match: re.Match[str]) -> str:
    return _span_text(match.group(0))


@lru_cache(maxsize=4096)
def _span_text(span: str) -> str:
    """The text of one LaTeX span; the same few spans (``$\\alpha$``, ``\\%``) recur across
    a corpus, and the conversion depends on the span alone."""
    if span == "\\\\":
        return " "
    converter, macros = _latex_converter()
    try:
        converted = converter.latex_to_text(span, latex_context=macros)
    except Exception:  # pylatexenc rejects malformed input: keep the raw span
        return span
    return converted.strip() if span.startswith("$") else converted


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), convert LaTeX spans and fold runs of white space.

    Examples
    --------
    >>> clean_text("  Hard-wrapped\\n   summary with  $\\\\alpha$-divergence ")
    'Hard-wrapped summary with α-divergence'
    """
    text = unicodedata.normalize("NFC", text)
    # Printable text holds no control character and no white space but the plain space (every
    # other white space character is a control or a separator): most abstracts, checked at C
    # speed, skip the control pass and the split into words.
    printable = text.isprintable()
    if not printable:
        text = _CONTROL.sub("", text)
    converted = latex_to_text(text)
    if printable and converted is text and "  " not in text:
        return text.strip()
    # str.split() and the regex \s agree on every code point (both ask Py_UNICODE_ISSPACE), so
    # this is re.sub(r"\s+", " ", …).strip() at a third of its cost on the whole corpus.
    return " ".join(converted.split())


_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
_CODE_HOSTS = ("github.com/", "gitlab.com/", "bitbucket.org/", "huggingface.co/", "codeberg.org/")
_ARXIV_ID = re.compile(
    r"(?:arxiv(?:\.org/(?:abs|pdf))?[:/]\s*)(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?",
    re.IGNORECASE,
)


def find_urls(text: str) -> list[str]:
    """URLs in ``text``, in order, without trailing sentence punctuation.

    Examples
    --------
    >>> find_urls("code at https://github.com/openai/jukebox. See (https://x.org/a).")
    ['https://github.com/openai/jukebox', 'https://x.org/a']
    """
    urls: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?'")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        while url.endswith("]") and url.count("]") > url.count("["):
            url = url[:-1]
        if url not in urls:
            urls.append(url)
    return urls


def code_urls(urls: list[str]) -> list[str]:
    """The URLs that point at a code host (GitHub, GitLab, Bitbucket, Hugging Face…)."""
    return [u for u in urls if any(host in u.lower() for host in _CODE_HOSTS)]


def find_arxiv_ids(text: str) -> list[str]:
    """arXiv identifiers cited in ``text`` (``[arxiv:1711.00937]``), versions dropped.

    Examples
    --------
    >>> find_arxiv_ids("VQ-VAE [arxiv:1711.00937] and https://arxiv.org/abs/2005.14165v2")
    ['1711.00937', '2005.14165']
    """
    if text.isascii() and "arxiv" not in text.lower():
        return []  # the pattern starts with "arxiv"; case-blind search is slow, most texts have none
    found: list[str] = []
    for match in _ARXIV_ID.finditer(text):
        if match.group(1) not in found:
            found.append(match.group(1))
    return found


# Language: the script decides for the languages that have their own; for Latin-script
# text, the share of each language's commonest function words does. Abstracts are long
# enough for this to be reliable, and it needs no model download.
_SCRIPTS = (
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_FIRST_SCRIPT = "\u0370"  # where the lowest of these ranges starts
_FUNCTION_WORDS = {
    "en": "the of and to in is that for we with this are on by as an be from which our".split(),
    "de": "der die und das ist nicht ein eine mit für von den dem wir auf werden sich zu".split(),
    "fr": "le la les des et est une un pour dans que sur nous qui par du avec sont cette".split(),
    "es": "el la los las de y es una un para que en por con del se nuestro este son".split(),
    "pt": "o a os as de e é um uma para que em com do da dos das não nosso este".split(),
    "it": "il la le di e è un una per che in con del della dei sono questo nostro".split(),
}
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[a-z]+")
SAMPLE_CHARS = 400  # an abstract's language shows in its first sentences


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in (``"und"`` when unsure).

    Examples
    --------
    >>> detect_language("We introduce Jukebox, a model that generates music.")
    'en'
    >>> detect_language("我们探索文本条件图像综合问题的扩散模型,并比较了两种不同的指导策略。")
    'zh'
    """
    text = text[:SAMPLE_CHARS]
    if not text.isascii() and max(text) >= _FIRST_SCRIPT:  # else no script can have a letter here
        letters = len(_NOT_LETTER.sub("", text))
        for code, script in _SCRIPTS:
            if letters and len(script.findall(text)) / letters > 0.3:
                return code
    lowered = text.lower()
    # On ASCII text the letters are a-z (lower() left no capital), which a plain range finds
    # faster than the Unicode class.
    words = (_ASCII_WORD if lowered.isascii() else _WORD).findall(lowered)
    scores = dict.fromkeys(sorted(_FUNCTION_WORDS), 0)
    for word in words:
        for code in _LANGUAGES_OF.get(word, ()):
            scores[code] += 1
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, len(words) // 20) else "und"


_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in sorted(_FUNCTION_WORDS.items()):
    for _word in _words:
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_code,)
