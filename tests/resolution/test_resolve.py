"""Cross-paper resolution of entity names and keys."""
from kg.extraction import extract_entities
from kg.resolution import resolve_entities


def entity(name: str, etype: str, written: list[str], *, aliases: list[str] = (), ids: dict | None = None,
           sentence: str | None = None) -> dict:
    """One paper's entity as extraction gives it, its mentions written mid-sentence."""
    mentions = []
    for i, text in enumerate(written):
        line = sentence.replace("{}", text) if sentence else f"We use {text} here."
        start = line.index(text)
        mentions.append({"start": 100 * i + start, "end": 100 * i + start + len(text), "text": text,
                         "sentence": line, "sentence_start": 100 * i, "component": "t", "confidence": 0.5})
    return {"name": name, "type": etype, "key": f"{etype.lower()}/{name.lower()}", "aliases": list(aliases),
            "ids": ids or {}, "role": "mentions", "confidence": 0.5, "mentions": mentions}


def resolved_names(papers: list[dict]) -> list[list[str]]:
    return [[e["name"] for e in p["entities"]] for p in resolve_entities(papers)]


def test_acronym_defined_in_one_paper_matches_bare_acronym_in_another():
    texts = ["We use a Long Short-Term Memory (LSTM) encoder.", "An LSTM baseline is weak."]
    papers = [{"entities": e} for e in extract_entities(texts)]
    out = resolve_entities(papers)
    keys = [[e["key"] for e in p["entities"] if e["type"] == "MODEL"] for p in out]
    assert keys[0] == keys[1] == ["model/lstm"]


def test_unknown_names_merge_by_spelling_and_union_aliases():
    a = {"entities": [{"name": "tsGT", "type": "MODEL", "key": "model/tsgt", "aliases": ["TsGT"], "ids": {}}]}
    b = {"entities": [{"name": "TSGT", "type": "MODEL", "key": "model/tsgt-2", "aliases": [], "ids": {}}]}
    out = resolve_entities([a, b])
    assert out[0]["entities"][0]["key"] == out[1]["entities"][0]["key"]
    assert out[0]["entities"][0]["aliases"] == out[1]["entities"][0]["aliases"]


def test_one_name_under_two_types_takes_the_type_of_most_mentions_and_input_is_not_changed():
    a = {"entities": [entity("ImageNet", "DATASET", ["ImageNet", "ImageNet", "ImageNet"])]}
    b = {"entities": [entity("ImageNet", "TASK", ["ImageNet"])]}
    out = resolve_entities([a, b])
    assert [p["entities"][0]["key"] for p in out] == ["dataset/imagenet", "dataset/imagenet"]
    assert out[0] is not a and b["entities"][0]["key"] == "task/imagenet"


def test_two_catalogue_entries_stay_apart_whatever_the_spelling():
    a = {"entities": [entity("CNN", "MODEL", ["CNN"], ids={"pwc": "cnn"})]}
    b = {"entities": [entity("CNN", "DATASET", ["CNN"], ids={"pwc": "cnn-daily-mail"})]}
    out = resolve_entities([a, b])
    assert out[0]["entities"][0]["key"] != out[1]["entities"][0]["key"]


def test_resolution_is_deterministic_whatever_the_paper_order():
    a = {"entities": [{"name": "Long Short-Term Memory", "type": "MODEL", "key": "model/long-short-term-memory",
                       "aliases": ["LSTM"], "ids": {}}]}
    b = {"entities": [{"name": "LSTM", "type": "MODEL", "key": "model/lstm", "aliases": [], "ids": {}}]}
    assert resolve_entities([a, b])[0]["entities"][0]["name"] == resolve_entities([b, a])[1]["entities"][0]["name"]


def test_two_spellings_in_one_paper_fold_into_one_entity_with_all_mentions():
    def mention(start, end, text):
        return {"start": start, "end": end, "text": text, "sentence": "s", "sentence_start": 0,
                "component": "t", "confidence": 0.5}

    other = {"entities": [{"name": "LSTM", "type": "MODEL", "key": "model/lstm",
                           "aliases": ["Long Short-Term Memory", "LSTMs"], "ids": {}, "role": "mentions",
                           "confidence": 0.8, "mentions": [mention(0, 4, "LSTM")]}]}
    paper = {"entities": [
        {"name": "LSTMs", "type": "MODEL", "key": "model/lstms", "aliases": [], "ids": {},
         "role": "mentions", "confidence": 0.6, "mentions": [mention(30, 35, "LSTMs")]},
        {"name": "Long Short-Term Memory", "type": "MODEL", "key": "model/long-short-term-memory",
         "aliases": [], "ids": {}, "role": "introduces", "confidence": 0.9,
         "mentions": [mention(2, 24, "Long Short-Term Memory")]}]}
    _, resolved = resolve_entities([other, paper])
    [entity] = resolved["entities"]
    assert entity["key"] == "model/lstm" and entity["role"] == "introduces"
    assert [m["start"] for m in entity["mentions"]] == [2, 30]
    assert len(paper["entities"]) == 2  # the input is not changed


def test_an_acronym_one_paper_defines_does_not_rename_what_the_others_write():
    definer = {"entities": [entity("FT", "METHOD", ["fine-tuning", "FT", "FT"], aliases=["fine-tuning"])]}
    others = [{"entities": [entity("fine-tuning", "METHOD", ["fine-tuning"])]} for _ in range(3)]
    out = resolve_entities([definer, *others])
    assert {p["entities"][0]["key"] for p in out} == {"method/fine-tuning"}
    assert "FT" in out[0]["entities"][0]["aliases"]


def test_one_acronym_with_two_expansions_stays_two_entities_and_its_bare_use_a_third():
    pre = [{"entities": [entity("PT", "METHOD", ["pre-training", "PT"], aliases=["pre-training"])]} for _ in range(2)]
    prompt = [{"entities": [entity("PT", "METHOD", ["prompt tuning", "PT"], aliases=["prompt tuning"])]}
              for _ in range(2)]
    bare = {"entities": [entity("PT", "METHOD", ["PT"])]}
    names = resolved_names([*pre, *prompt, bare])
    assert names == [["pre-training"]] * 2 + [["prompt tuning"]] * 2 + [["PT"]]


def test_a_bare_acronym_joins_the_expansion_most_papers_give_it():
    defined = [{"entities": [entity("KG", "TASK", ["knowledge graph", "KG"], aliases=["knowledge graph"])]}
               for _ in range(3)]
    bare = {"entities": [entity("KG", "TASK", ["KG"])]}
    assert resolved_names([*defined, bare])[-1] == ["knowledge graph"]


def test_a_long_form_the_acronym_does_not_spell_joins_nothing():
    nmt = {"entities": [entity("neural machine translation", "TASK", ["neural machine translation"])]}
    nat = {"entities": [entity("NAT", "TASK", ["neural machine translation~", "NAT"],
                               aliases=["neural machine translation~"])]}
    out = resolve_entities([nmt, nat])
    assert out[1]["entities"][0]["name"] == "NAT"
    assert "neural machine translation" not in out[1]["entities"][0]["aliases"]


def test_x_based_folds_into_x_and_links_its_paper_to_x():
    assert resolved_names([{"entities": [entity("BERT", "MODEL", ["BERT"], ids={"pwc": "bert"})]},
                           {"entities": [entity("BERT-based", "MODEL", ["BERT-based"])]}]) == [["BERT"], ["BERT"]]


def test_case_punctuation_and_apostrophe_variants_are_one_entity_named_with_a_straight_apostrophe():
    names = resolved_names([{"entities": [entity("Open IE", "TASK", ["Open IE"]), entity("BoW", "METHOD", ["BoW"]),
                                          entity("WMT\u201916", "DATASET", ["WMT\u201916"])]},
                            {"entities": [entity("OpenIE", "TASK", ["OpenIE"]), entity("BOW", "METHOD", ["BOW"]),
                                          entity("WMT'16", "DATASET", ["WMT'16"])]}])
    assert names[0] == names[1] and "WMT'16" in names[0]


def test_a_catalogue_alias_no_paper_writes_does_not_rename():
    wn18 = {"entities": [entity("WN18", "DATASET", ["WN18"], aliases=["WordNet"], ids={"pwc": "wn18"})]}
    wordnet = [{"entities": [entity("WordNet", "DATASET", ["WordNet"])]} for _ in range(2)]
    assert resolved_names([wn18, *wordnet]) == [["WN18"], ["WordNet"], ["WordNet"]]


def test_an_alias_the_paper_writes_inside_a_longer_mention_stays_but_joins_nothing():
    # extraction names "MEMIT editing algorithm" and knows MEMIT from its head; the paper
    # writes MEMIT, so it is the paper's spelling, not a catalogue's, and stays an alias. It
    # joins no other paper: "EHR" of "EHR creation method" is written the same way.
    text = "We apply the MEMIT editing algorithm to GPT-J."
    one = {"abstract": text, "entities": [entity("MEMIT editing algorithm", "METHOD", ["MEMIT editing algorithm"],
                                                 aliases=["MEMIT"])]}
    other = {"abstract": "MEMIT edits many facts.", "entities": [entity("MEMIT", "METHOD", ["MEMIT"])]}
    a, b = resolve_entities([one, other])
    assert a["entities"][0]["aliases"] == ["MEMIT"]
    assert a["entities"][0]["key"] != b["entities"][0]["key"]
    # one the text writes only inside a longer hyphenated name is still the catalogue's
    cifar = {"abstract": "Results on CIFAR-100.", "entities": [entity("CIFAR-100", "DATASET", ["CIFAR-100"],
                                                                       aliases=["CIFAR"])]}
    [resolved] = resolve_entities([cifar])
    assert resolved["entities"][0]["aliases"] == []


def test_a_topic_written_as_a_modifier_in_several_papers_is_no_dataset():
    topic = [{"entities": [entity("COVID-19", "DATASET", ["COVID-19"], sentence="Work on {} misinformation.")]}
             for _ in range(5)]
    data = [{"entities": [entity("SciFact", "DATASET", ["SciFact"], sentence="The {} dataset is small.")]}
            for _ in range(5)]
    assert resolved_names([*topic, *data]) == [[]] * 5 + [["SciFact"]] * 5


def test_a_generic_acronym_typed_dataset_in_one_paper_takes_the_task_it_names_elsewhere():
    tasks = [{"entities": [entity("question answering", "TASK", ["question answering", "QA"],
                                  aliases=["QA"])]} for _ in range(3)]
    dataset = {"entities": [entity("QA", "DATASET", ["QA datasets"], aliases=["QA datasets"])]}
    out = resolve_entities([*tasks, dataset])
    assert out[-1]["entities"][0]["key"] == "task/question-answering"


def test_resolution_gives_the_same_names_and_keys_for_any_order_or_split_of_the_papers():
    import random

    papers = [{"id": str(i), "entities": [entity(n, t, w, aliases=a)]} for i, (n, t, w, a) in enumerate([
        ("PT", "METHOD", ["pre-training", "PT"], ["pre-training"]), ("PT", "METHOD", ["PT"], []),
        ("pre-training", "METHOD", ["pre-training"], []), ("Pre-training", "METHOD", ["Pre-training"], []),
        ("PT", "METHOD", ["prompt tuning", "PT"], ["prompt tuning"]), ("BERT-based", "MODEL", ["BERT-based"], []),
        ("BERT", "MODEL", ["BERT"], []), ("BoW", "METHOD", ["BoW"], []), ("BOW", "TASK", ["BOW"], [])])]

    def outcome(order):
        return sorted((p["id"], e["name"], e["key"]) for p in resolve_entities(order) for e in p["entities"])

    expected = outcome(papers)
    for seed in range(5):
        shuffled = papers[:]
        random.Random(seed).shuffle(shuffled)
        assert outcome(shuffled) == expected
