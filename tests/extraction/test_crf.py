"""The numpy CRF decoder gives what crfsuite's own C tagger gives, on real abstracts.

The abstracts are the 50 ACL abstracts of ``fixtures/`` (CC BY 4.0, see its README) run
through the shipped rule layers and tagger weights.
"""
import json
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from kg.extraction import load_pipeline
from kg.extraction.crf import CRFWeights
from kg.extraction.extensions import candidates_of, text_of, words_of
from kg.extraction.tagger import MODEL_FILE, token_features

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tagged_inputs():
    """The shipped tagger, and each fixture abstract's words, spaces and rule candidates."""
    nlp = load_pipeline("default")
    upstream = nlp.pipe_names[:nlp.pipe_names.index("kg_tagger")]
    texts = [json.loads(line)["abstract"] for line in (FIXTURES / "acl_sample_abstracts.jsonl").open(encoding="utf-8")]
    docs = []
    for doc in nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in upstream]):
        docs.append((text_of(doc), *words_of(doc), list(candidates_of(doc))))
    return nlp.get_pipe("kg_tagger").tagger, docs


def test_emissions_are_the_summed_weights_of_the_training_features(tagged_inputs):
    tagger, docs = tagged_inputs
    weights = tagger.weights
    for _, words, spaces, candidates in docs:
        features = token_features(words, spaces, candidates, tagger.words, tagger.names)
        expected = np.array([weights.state[weights.rows(f)].sum(axis=0) for f in features])
        assert np.allclose(tagger.emissions(words, spaces, candidates), expected, rtol=0, atol=1e-9)


def test_paths_and_marginals_are_crfsuites(tagged_inputs):
    tagger, docs = tagged_inputs
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL_FILE))
    labels = tagger.weights.labels
    emissions = [tagger.emissions(words, spaces, candidates) for _, words, spaces, candidates in docs]
    named = 0
    for (_, words, spaces, candidates), (path, marginals) in zip(docs, tagger.weights.decode(emissions)):
        expected = reference.tag(token_features(words, spaces, candidates, tagger.words, tagger.names))
        assert [labels[k] for k in path] == expected
        named += sum(tag != "O" for tag in expected)
        c_marginals = [[reference.marginal(label, t) for label in labels] for t in range(len(words))]
        assert np.allclose(marginals, c_marginals, rtol=0, atol=1e-9)
    assert named > 100  # the abstracts do exercise the names' labels


def test_a_sequence_decodes_alike_alone_and_in_any_batch(tagged_inputs):
    tagger, docs = tagged_inputs
    emissions = [tagger.emissions(words, spaces, candidates) for _, words, spaces, candidates in docs]
    emissions.insert(7, np.zeros((0, len(tagger.weights.labels))))  # an empty text among them
    together = tagger.weights.decode(emissions)
    for e, (path, marginals) in zip(emissions, together):
        [(alone_path, alone_marginals)] = tagger.weights.decode([e])
        assert alone_path.tolist() == path.tolist() and len(path) == len(e)
        assert np.allclose(alone_marginals, marginals, rtol=0, atol=1e-12)


def test_a_file_that_is_no_crfsuite_model_is_refused(tmp_path):
    with pytest.raises((ValueError, OSError)):
        CRFWeights.from_crfsuite(b"not a model" * 10)
