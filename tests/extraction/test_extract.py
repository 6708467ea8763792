"""Behaviour of kg.extraction.extract_entities that users rely on."""
import json
from pathlib import Path

import pytest

from kg.extraction import extract_entities, load_pipeline

FIXTURES = Path(__file__).parent / "fixtures"


def one(text):
    return next(extract_entities([text]))


def by_name(entities):
    return {e["name"]: e for e in entities}


def test_pipeline_loads_offline_from_shipped_config():
    nlp = load_pipeline()
    assert nlp.lang == "en"
    assert [p for p in nlp.pipe_names if p.startswith("kg_")] == [
        "kg_gazetteer", "kg_acronyms", "kg_intro_cues", "kg_head_nouns", "kg_orthography",
        "kg_span_scorer", "kg_tagger", "kg_linker"]
    assert load_pipeline() is nlp  # cached per profile


def test_unknown_profile_is_an_error():
    with pytest.raises(ValueError):
        list(extract_entities(["x"], profile="no-such-profile"))


def test_a_pipeline_that_cannot_load_in_the_workers_is_an_error_not_a_hang(monkeypatch):
    import signal

    from kg.extraction import pipeline

    def unreadable(*args, **kwargs):
        raise RuntimeError("the tagger's weights are unreadable")

    monkeypatch.setattr(pipeline, "build_pipeline", unreadable)
    pipeline.load_pipeline.cache_clear()  # the forked workers must load it themselves
    def hung(*_):
        raise TimeoutError("extraction hung: the workers kept failing to load the pipeline")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)  # a pool that restarts failing workers for ever must fail this test
    try:
        with pytest.raises(RuntimeError, match="unreadable"):
            list(extract_entities(["We use BERT.", "We use GPT-2."], n_process=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
        pipeline.load_pipeline.cache_clear()  # drop nothing half-built for the tests after


def test_acronym_definition_found_and_merged_with_long_form():
    text = ("We propose Q-Value Weighted Regression (QWR), a simple actor-critic algorithm. "
            "QWR matches the state of the art.")
    ents = by_name(one(text))
    assert "QWR" in ents
    qwr = ents["QWR"]
    assert qwr["type"] == "METHOD"
    assert "Q-Value Weighted Regression" in qwr["aliases"]
    assert [m["text"] for m in qwr["mentions"]] == ["Q-Value Weighted Regression", "QWR", "QWR"]
    assert qwr["mentions"][0]["component"] == "kg_acronyms"


def test_known_long_form_and_acronym_are_one_entity():
    ents = one("Recurrent neural networks (RNNs) process data one step at a time; RNNs are slow.")
    rnn = [e for e in ents if e["type"] == "MODEL"]
    assert len(rnn) == 1 and rnn[0]["name"] == "RNN"


def test_new_model_found_by_introduction_cue():
    ents = by_name(one("We introduce tsGT, a stochastic time series model built on transformers."))
    assert ents["tsGT"]["type"] == "MODEL"
    assert ents["tsGT"]["role"] == "introduces"


def test_head_noun_types_an_unknown_dataset():
    ents = by_name(one("Results on the Krazy World benchmark show large gains."))
    assert ents["Krazy World"]["type"] == "DATASET"


def test_orthography_finds_versioned_model_names():
    ents = by_name(one("We compare against GPT-4o and ResNet-50 in all settings."))
    assert ents["GPT-4o"]["type"] == "MODEL"
    assert ents["ResNet-50"]["type"] == "MODEL"
    assert ents["GPT-4o"]["role"] == "compares"


def test_case_and_plural_variants_are_one_entity():
    ents = one("The Transformer is strong. Large transformers are slow. Transformers scale.")
    models = [e for e in ents if e["type"] == "MODEL"]
    assert [e["name"] for e in models] == ["Transformer"]
    assert len(models[0]["mentions"]) == 3


def test_offsets_point_into_the_input_text():
    texts = [json.loads(line)["abstract"] for line in open(FIXTURES / "acl_sample_abstracts.jsonl", encoding="utf-8")]
    for text, ents in zip(texts, extract_entities(texts)):
        for e in ents:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
                assert text[m["sentence_start"]:m["sentence_start"] + len(m["sentence"])] == m["sentence"]
                assert 0.0 < m["confidence"] <= 1.0


def test_entity_dicts_have_the_contract_shape():
    ents = one("We evaluate BERT on SQuAD with the BLEU metric and beam search.")
    assert ents
    for e in ents:
        assert set(e) == {"name", "type", "key", "aliases", "ids", "role", "role_evidence", "confidence", "mentions"}
        assert e["type"] in {"MODEL", "DATASET", "METHOD", "TASK", "METRIC"}
        assert e["role"] in {"introduces", "evaluates", "compares", "uses", "mentions"}
        assert e["key"].startswith(e["type"].lower() + "/")
        assert all(c.isascii() and (c.isalnum() or c in "._-/") for c in e["key"])
        assert e["aliases"] == sorted(e["aliases"]) and e["name"] not in e["aliases"]
    starts = [e["mentions"][0]["start"] for e in ents]
    assert starts == sorted(starts)


def test_gazetteer_hit_keeps_external_id():
    bert = by_name(one("We fine-tune BERT."))["BERT"]
    assert bert["ids"].get("pwc") == "bert"


def test_a_catalogue_alias_with_other_numbers_is_not_an_alias():
    # the catalogue lists "CIFAR 100" under CIFAR-10: another data set, not a spelling of it
    [ents] = extract_entities(["We train on CIFAR-10 only."])
    [cifar] = [e for e in ents if e["name"] == "CIFAR-10"]
    assert "CIFAR 10 dataset" in cifar["aliases"]
    assert not [a for a in cifar["aliases"] if "100" in a]


def test_output_is_deterministic():
    texts = [json.loads(line)["abstract"] for line in open(FIXTURES / "acl_sample_abstracts.jsonl", encoding="utf-8")][:10]
    first = json.dumps(list(extract_entities(texts)), sort_keys=True)
    second = json.dumps(list(extract_entities(texts, batch_size=3)), sort_keys=True)
    assert first == second


def test_chinese_text_yields_latin_names_and_no_url():
    text = "使用自由分类指导的扩散模型的样本由人类评估者对来自Dall-E的人青睐。我们在https://github.com/openai/glide-text2im释放代码。"
    ents = one(text)
    names = {e["name"].lower() for e in ents}
    assert "dall-e" in names
    assert not any("github" in m["text"] or "glide" in m["text"] for e in ents for m in e["mentions"])


def test_generic_descriptions_are_not_entities():
    ents = one("Large Language Models (LLMs) and deep neural networks are powerful models.")
    assert not [e for e in ents if e["type"] in ("MODEL", "DATASET", "METHOD")]


def test_empty_text_gives_no_entities():
    assert list(extract_entities(["", "No names here at all."])) == [[], []]


def test_fast_profile_is_the_rules_without_the_trained_tagger():
    assert "kg_tagger" in load_pipeline("default").pipe_names
    assert "kg_tagger" not in load_pipeline("fast").pipe_names


def test_trained_tagger_finds_lower_case_techniques_no_list_holds():
    text = ("We propose gated cross-attention for fusing modalities and train it with nucleus sampling "
            "on the SQuAD dataset.")
    names = {(e["name"], e["type"]) for e in one(text)}
    assert {("nucleus sampling", "METHOD"), ("SQuAD", "DATASET")} <= names
    fast = {e["name"] for e in next(extract_entities([text], profile="fast"))}
    assert "nucleus sampling" not in fast  # what the rules alone miss


def test_longest_name_wins_and_everyday_words_are_not_entities():
    ents = by_name(one("We apply domain-adaptive fine-tuning to toxic span detection. "
                       "This work draws attention to the risks of automatic evaluation."))
    assert "domain-adaptive fine-tuning" in ents and "fine-tuning" not in ents
    assert "toxic span detection" in ents and "span detection" not in ents
    assert "attention" not in {n.lower() for n in ents}


def test_a_descriptive_head_is_not_part_of_the_name_it_follows():
    # the guidelines: "large Transformer models" is the entity Transformer; "SNLI dataset" is SNLI
    from kg.extraction.candidates import Candidate
    from kg.extraction.entities import build_entities
    text = "We build the DailyDialog dataset with a gated attention mechanism on the Penn Treebank."
    spans = [("DailyDialog dataset", "DATASET"), ("gated attention mechanism", "METHOD"), ("Penn Treebank", "DATASET")]
    mentions = [Candidate(text.index(s), text.index(s) + len(s), t, "kg_tagger", 0.9) for s, t in spans]
    names = {e["name"]: e["aliases"] for e in build_entities(text, mentions, [(0, len(text))])}
    assert names == {"DailyDialog dataset": ["DailyDialog"], "gated attention mechanism": ["gated attention"],
                     "Penn Treebank": []}
