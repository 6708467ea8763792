"""Abstract cleaning: LaTeX spans only, URLs, cited arXiv ids, language."""

from kg.sources.text import clean_text, code_urls, detect_language, find_arxiv_ids, find_urls


def test_bare_percent_is_not_a_latex_comment():
    text = "our model solves 28.8% of the problems, while GPT-3 solves 0% and GPT-J solves 11.4%."
    assert clean_text(text) == text


def test_latex_spans_become_text_and_the_rest_is_untouched():
    assert clean_text(r"a \textbf{bold} claim at $\times$10 speed, 50\% less") == "a bold claim at ×10 speed, 50% less"
    assert clean_text(r"E-$\text{RL}^2$ and E-MAML") == "E-RL^2 and E-MAML"


def test_malformed_latex_loses_no_surrounding_text():
    assert clean_text(r"cost $O(n \frac{1}{$ oops, and {unbalanced \emph{x").endswith("oops, and {unbalanced {x")


def test_url_followed_by_chinese_stops_at_the_url():
    text = "我们在https://github.com/openai/glide-text2im释放代码和权重。"
    assert find_urls(text) == ["https://github.com/openai/glide-text2im"]
    assert code_urls(find_urls(text)) == ["https://github.com/openai/glide-text2im"]


def test_non_code_urls_are_urls_but_not_code():
    urls = find_urls("samples at https://jukebox.openai.com, code at https://github.com/openai/jukebox")
    assert urls == ["https://jukebox.openai.com", "https://github.com/openai/jukebox"]
    assert code_urls(urls) == ["https://github.com/openai/jukebox"]


def test_cited_arxiv_ids_old_and_new_style():
    assert find_arxiv_ids("see [arxiv:1711.00937] and arXiv:hep-th/9901001v2") == ["1711.00937", "hep-th/9901001"]


def test_languages():
    assert detect_language("Die Ergebnisse zeigen, dass das Modell auf den Daten nicht besser ist als die Basis.") == "de"
    assert detect_language("Nous proposons une méthode pour la traduction et nous montrons que les résultats sont bons.") == "fr"
    assert detect_language("12345 ...") == "und"


def test_white_space_and_controls_fold_alike_whether_or_not_the_text_is_printable():
    import re
    import unicodedata

    def by_regex(text):  # what clean_text did before its printable fast path
        text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", unicodedata.normalize("NFC", text))
        return re.sub(r"\s+", " ", text).strip()

    for text in ["plain words only", " edges ", "two  spaces", "tab\there", "line\nbreak", "cr\r\nlf",
                 "nbsp\u00a0here", "line\u2028separator", "ideographic\u3000space", "bell\x07gone",
                 "next\x85line", "caf\u0065\u0301 composed"]:
        assert clean_text(text) == by_regex(text), text


def test_script_languages_and_latin_text_with_accents():
    assert detect_language("Τα αποτελέσματα δείχνουν ότι το μοντέλο είναι καλύτερο από τη βάση.") == "el"
    assert detect_language("Модель показывает лучшие результаты на этих данных.") == "ru"
    assert detect_language("Les résultats montrent que le modèle est meilleur que la base et que les données sont bonnes.") == "fr"


def test_cited_arxiv_ids_in_any_case_and_none_in_plain_text():
    assert find_arxiv_ids("see ARXIV:1711.00937 and ArXiv.org/abs/2005.14165") == ["1711.00937", "2005.14165"]
    assert find_arxiv_ids("no identifier here, only café") == []
