"""Layer functions used by the kg components: coordination typing, plural acronyms."""
from kg.extraction import extract_entities
from kg.extraction.components import coordination_type


def test_untyped_name_listed_with_datasets_is_a_dataset():
    t = "setting a new state of the art for density modeling of Enwik8, CIFAR-10, and ImageNet-64."
    ents = {e["name"]: e["type"] for e in next(extract_entities([t]))}
    assert ents.get("Enwik8") == "DATASET"


def test_coordination_needs_agreeing_neighbours():
    t = "A, B and C"
    assert coordination_type(t, 3, 4, {9: "MODEL"}, {1: "DATASET"}) is None
    assert coordination_type(t, 3, 4, {9: "MODEL"}, {1: "MODEL"}) == "MODEL"


def test_plural_acronym_matches_the_dictionary_entry():
    t = "Autoregressive models based on deep neural networks, such as RNNs, Wavenet and the Transformer."
    ents = {e["name"]: e["type"] for e in next(extract_entities([t]))}
    assert ents.get("RNN") == "MODEL"
