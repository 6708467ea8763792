"""Cross-paper resolution of entity names and keys."""
from kg.extraction import extract_entities
from kg.resolution import resolve_entities


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


def test_different_types_stay_apart_and_input_is_not_changed():
    a = {"entities": [{"name": "ImageNet", "type": "DATASET", "key": "dataset/imagenet", "aliases": [], "ids": {}}]}
    b = {"entities": [{"name": "ImageNet", "type": "TASK", "key": "task/imagenet", "aliases": [], "ids": {}}]}
    out = resolve_entities([a, b])
    assert out[0]["entities"][0]["key"] != out[1]["entities"][0]["key"]
    assert out[0] is not a and a["entities"][0]["key"] == "dataset/imagenet"


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
