"""Mention roles: one sentence per rule family, the role it gives a name."""
import time

import pytest

from kg.extraction.candidates import Candidate
from kg.extraction.entities import build_entities
from kg.extraction.roles import role_of_mention


def role(sentence, name, etype):
    start = sentence.index(name)
    return role_of_mention(sentence, start, start + len(name), None, etype).role


def test_a_coordinated_predicate_shares_the_subject_we():
    s = "We perform an analysis of parameter sharing methods and develop the Subformer."
    assert role(s, "Subformer", "MODEL") == "introduces"
    s = "In this paper, we address issues with existing scripts and propose a stricter metric PriMeSRL."
    assert role(s, "PriMeSRL", "METRIC") == "introduces"


@pytest.mark.parametrize("sentence,name,etype", [
    ("We specially design a Smooth Network to select features.", "Smooth Network", "MODEL"),
    ("We refer to the architecture as a stacked hourglass network.", "stacked hourglass", "MODEL"),
    ("We introduce the task of algorithm class prediction for word problems.", "algorithm class prediction", "TASK"),
])
def test_an_adverb_a_naming_or_the_task_of_leaves_the_introduction_standing(sentence, name, etype):
    assert role(sentence, name, etype) == "introduces"


def test_a_part_of_what_the_paper_introduces_is_still_used():
    assert role("We introduce a variant of BERT for tables.", "BERT", "MODEL") == "uses"


def test_a_coordinated_introduction_in_background_is_not_the_papers():
    assert role("Smith analysed the data and presents MegaNet.", "MegaNet", "MODEL") == "mentions"


@pytest.mark.parametrize("name,etype", [("SQuAD", "DATASET"), ("TriviaQA", "DATASET"),
                                        ("Natural Questions", "DATASET")])
def test_a_list_after_on_is_evaluated(name, etype):
    assert role("Our reader achieves the best scores on SQuAD, TriviaQA and Natural Questions.", name, etype) == \
        "evaluates"


@pytest.mark.parametrize("name", ["image captioning", "VQA", "visual grounding"])
def test_a_colon_list_takes_the_cue_before_the_colon(name):
    assert role("We demonstrate our method on three tasks: image captioning, VQA and visual grounding.",
                name, "TASK") == "evaluates"


def test_training_data_listed_after_on_is_used():
    s = "We pre-train on Wikipedia, BookCorpus and CC-News."
    assert [role(s, n, "DATASET") for n in ("Wikipedia", "BookCorpus", "CC-News")] == ["uses"] * 3
    assert role("We fine-tune on SNLI and test on MNLI.", "SNLI", "DATASET") == "uses"
    assert role("We fine-tune on SNLI and test on MNLI.", "MNLI", "DATASET") == "evaluates"


def test_on_a_split_of_a_dataset_is_evaluated_and_a_gerund_after_on_is_no_data():
    assert role("The model reaches 94.1% accuracy on the test set of SST-2.", "SST-2", "DATASET") == "evaluates"
    assert role("We focus on improving relation extraction for speed.", "relation extraction", "TASK") == "mentions"


def test_a_relative_clause_inside_a_list_does_not_govern_the_next_item():
    s = ("Our model combines sandwich-style parameter sharing, which overcomes naive cross-layer parameter "
         "sharing in generative models, and self-attentive embedding factorization (SAFE).")
    assert role(s, "cross-layer parameter sharing", "METHOD") == "compares"
    assert role(s, "self-attentive embedding factorization", "METHOD") == "uses"


def test_a_relative_clause_before_an_apposition_still_governs_it():
    s = "We curate a dataset for function calling, which we use to fine-tune two small models, TinyAgent-1.1B and 7B."
    assert role(s, "TinyAgent-1.1B", "MODEL") == "uses"


def test_examples_in_parentheses_take_the_cue_of_the_noun_before_them():
    s = "Our student outperforms state-of-the-art cross-lingual methods (e.g., based on multilingual BERT)."
    assert role(s, "multilingual BERT", "MODEL") == "compares"


@pytest.mark.parametrize("sentence,name,etype,expected", [
    ("Existing approaches use LSTMs for this.", "LSTMs", "MODEL", "mentions"),
    ("Recently, Sun and Miceli-Barone (2024) proposed a class of PIAs against machine translation.",
     "PIAs", "METHOD", "mentions"),
    ("Traditional metrics like Exact Match poorly reflect model performance, so we train evaluators.",
     "Exact Match", "METRIC", "mentions"),
    ("We use existing resources such as WordNet.", "WordNet", "DATASET", "uses"),
    ("Unlike previous work, we use a Transformer encoder.", "Transformer", "MODEL", "uses"),
    ("Compared with existing methods such as DrQA, our model is faster.", "DrQA", "MODEL", "compares"),
    ("We build on the recently proposed Reformer.", "Reformer", "MODEL", "uses"),
])
def test_earlier_work_only_mentions_unless_a_cue_of_the_paper_governs(sentence, name, etype, expected):
    assert role(sentence, name, etype) == expected


def test_x_based_is_a_part_of_what_the_paper_builds():
    assert role("We propose a BERT-based model for NER.", "BERT", "MODEL") == "uses"
    assert role("Transformer-based models, specifically BART variants, are utilized to summarize.",
                "BART", "MODEL") == "uses"
    assert role("Transformer-based models, specifically BART variants, are utilized to summarize.",
                "Transformer", "MODEL") == "uses"


def test_the_papers_system_as_subject_speaks_of_the_paper():
    assert role("The system employs two multimodal models, Claude Sonnet 3.5 and GPT-4o.", "GPT-4o", "MODEL") == "uses"
    assert role("This architecture uses subword attention.", "subword attention", "METHOD") == "uses"
    assert role("Comparisons are offered against traditional models such as TFIDF.", "TFIDF", "METHOD") == "compares"


@pytest.mark.parametrize("sentence,name,expected", [
    ("We present a dilated LSTM with attention for document-level classification.",
     "document-level classification", "mentions"),
    ("Our approach improves language modeling performance by 10%.", "language modeling", "evaluates"),
    ("It positively impacts performance at a downstream information extraction task.",
     "information extraction", "mentions"),
    ("Our method positively impacts performance at a downstream information extraction task.",
     "information extraction", "evaluates"),
    ("For evaluation, the proposed method is applied to two labelling tasks: text classification and "
     "textual entailment.", "textual entailment", "evaluates"),
    ("This paper describes our quality estimation systems submitted to the WMT 2021 shared task.",
     "quality estimation", "evaluates"),
    ("Our model achieves new state-of-the-art results on dependency SRL benchmarks.", "SRL", "mentions"),
    ("In this paper, we study relation extraction.", "relation extraction", "mentions"),
])
def test_a_task_is_evaluated_only_when_results_are_reported_on_it(sentence, name, expected):
    assert role(sentence, name, "TASK") == expected


@pytest.mark.parametrize("sentence,name", [
    ("Using 10% of the labels, our method is on par with fully supervised BERT.", "BERT"),
    ("We achieve competitive results with ResNet-50 while using fewer parameters.", "ResNet-50"),
    ("Our single model matches the performance of a 12-layer BERT.", "BERT"),
    ("We compare our parser with the Stanford parser.", "Stanford parser"),
])
def test_comparative_constructions_compare(sentence, name):
    assert role(sentence, name, "MODEL") == "compares"


def test_with_inside_a_compared_name_is_not_a_comparison():
    s = "We achieve 87% compared to baselines of 82% (Bi-directional LSTM with Attention)."
    assert role(s, "Attention", "METHOD") == "uses"


def test_names_listed_after_including_are_parts_unless_a_cue_governs_them():
    assert role("Our system has three modules, including a retriever and DPR.", "DPR", "MODEL") == "uses"
    assert role("We compare against strong baselines, including BERT.", "BERT", "MODEL") == "compares"


def test_a_whole_and_its_parts():
    assert role("Our encoder consists of a BiLSTM and a CRF.", "CRF", "METHOD") == "uses"
    assert role("Our model is a variant of the Transformer.", "Transformer", "MODEL") == "uses"


def test_a_noun_like_benchmark_is_no_cue():
    assert role("To this end, we build a new benchmark, CLUE, covering nine tasks.", "CLUE", "DATASET") == \
        "introduces"


@pytest.mark.parametrize("sentence", [
    "on " + "a " * 200 + "X",
    "on " + "A, " * 100 + "X",
    "on " + "A B C D E, " * 30 + "X",
    "we use A" + ", which b" * 40 + ", and X",
    "we compare (e.g., " + "a " * 150 + "X",
    "X" + " a" * 200 + " are used",
])
def test_work_per_mention_is_bounded_on_adversarial_text(sentence):
    start = sentence.rindex("X")
    t = time.process_time()
    for etype in ("DATASET", "TASK", "MODEL", "METRIC"):
        role_of_mention(sentence, start, start + 1, None, etype)
    assert time.process_time() - t < 0.5


def _entity_roles(text, names_types):
    """Roles through the extractor's path (whole-sentence facts, the span the rules read)."""
    mentions = [Candidate(text.index(n), text.index(n) + len(n), t, "kg_tagger", 0.9) for n, t in names_types]
    sentences = [(0, len(text))]
    return {e["name"]: e["role"] for e in build_entities(text, mentions, sentences)}


def test_a_long_sentence_keeps_its_we_for_a_mention_far_from_it():
    text = ("We train a parser on treebanks of " + "many different languages and domains, " * 8 +
            "and the parser relies on BiLSTM encoders.")
    assert len(text) > 300 and text.index("BiLSTM") > 300
    assert _entity_roles(text, [("BiLSTM", "MODEL")]) == {"BiLSTM": "uses"}


def test_each_part_of_a_sentence_between_semicolons_speaks_of_the_paper_or_not():
    text = "Balancing quality with watermarking is crucial; therefore this paper proposes a framework using BLEU."
    assert _entity_roles(text, [("watermarking", "METHOD"), ("BLEU", "METRIC")]) == \
        {"watermarking": "mentions", "BLEU": "uses"}


def test_a_comparison_with_earlier_work_is_the_papers():
    s = "Overall, existing systems and baselines such as BERT trail our parser."
    assert role(s, "BERT", "MODEL") == "compares"


@pytest.mark.parametrize("sentence,name,etype", [
    ("We present two systems that competed at SemEval-2017 Task 4 “Sentiment Analysis in Twitter”.",
     "Sentiment Analysis in Twitter", "TASK"),
    ("This paper describes our system used in the WNUT shared task.", "WNUT", "DATASET"),
    ("We apply our method to problems including digit classification and depth estimation.",
     "depth estimation", "TASK"),
    ("The proposed methods are applied to the image generation tasks on CIFAR-10.", "image generation", "TASK"),
])
def test_shared_tasks_and_problems_the_method_is_applied_to_are_evaluated(sentence, name, etype):
    assert role(sentence, name, etype) == "evaluates"


def test_a_task_naming_the_kind_of_a_list_of_tasks_is_only_mentioned():
    s = "We evaluate our framework on two NLU tasks: dialog state tracking and question answering."
    assert role(s, "NLU", "TASK") == "mentions"
    assert role(s, "question answering", "TASK") == "evaluates"


def test_a_model_or_method_the_paper_names_without_a_cue_is_used():
    assert role("Our experiments show that jailbreaking attacks increase the output.", "jailbreaking attacks",
                "METHOD") == "uses"
    assert role("Jailbreaking attacks are a growing concern.", "Jailbreaking attacks", "METHOD") == "mentions"


@pytest.mark.parametrize("sentence,name,expected", [
    ("The results show our response model, ‘PlatoLM‘, achieves SoTA performance.", "PlatoLM", "introduces"),
    ("Our neural variational document model combines two representations.", "neural variational document model",
     "introduces"),
    ("Our BERT model is fast.", "BERT", "uses"),
    ("Our approach adapts MAML, an optimization-based meta-learning approach, to new languages.",
     "meta-learning", "mentions"),
    ("Our approach adapts MAML, an optimization-based meta-learning approach, to new languages.", "MAML", "uses"),
    ("We propose APOLLO, a simple adaptive pretraining approach.", "adaptive pretraining", "uses"),
    ("We present START, a Self-Taught AttRibuTion framework.", "Self-Taught AttRibuTion", "introduces"),
    ("Our system includes a browser extension, a fine-tuned BERT model and an API.", "BERT", "uses"),
])
def test_an_apposition_names_the_papers_own_thing_or_the_kind_of_a_thing(sentence, name, expected):
    assert role(sentence, name, "METHOD") == expected


def test_a_name_after_the_verb_of_the_proposed_thing_is_not_introduced():
    assert role("The proposed methods achieve an FID score of 16.21.", "FID", "METRIC") == "uses"


@pytest.mark.parametrize("sentence,name", [
    ("Our model achieves SoTA performance among LLaMA-based 7B models.", "LLaMA"),
    ("The final compressed model also significantly outperforms T5-base.", "T5-base"),
    ("In addition, even the fine-tuned BERT model is still lagging behind human performance.", "BERT"),
])
def test_rankings_results_without_we_and_results_below_compare(sentence, name):
    assert role(sentence, name, "MODEL") == "compares"


def test_the_subject_of_its_own_verb_is_not_the_object_of_the_cue_before_it():
    s = "We find that GPT-4 is more factual than public models, and Vicuna and Alpaca are the best open models."
    assert role(s, "Vicuna", "MODEL") == "uses"
    assert role("We compare BERT, which is pre-trained, and ELMo.", "BERT", "MODEL") == "compares"


def test_metrics_set_against_each_other_are_compared():
    s = "For evaluation, results showed that cosine similarity relates better to human ranks than the Dice coefficient."
    assert role(s, "cosine similarity", "METRIC") == "compares"
    assert role(s, "Dice coefficient", "METRIC") == "compares"
    assert role("Our model achieves better BLEU than the baselines.", "BLEU", "METRIC") == "uses"


def test_a_baseline_the_paper_presents_as_its_own_uses_what_it_is_built_of():
    assert role("We present a baseline sequence-to-sequence model with attention.", "sequence-to-sequence model",
                "MODEL") == "uses"
    assert role("We compare against a strong baseline LSTM.", "LSTM", "MODEL") == "compares"


def test_a_long_sentence_is_read_once_not_once_per_mention():
    names = [f"Net{i}" for i in range(4000)]
    text = "We use " + "; ".join(f"{x} and a b c d e f" for x in names) + "."
    mentions, pos = [], 0
    for x in names:
        pos = text.index(x + " ", pos)
        mentions.append(Candidate(pos, pos + len(x), "MODEL", "kg_tagger", 0.9))
    t = time.process_time()
    build_entities(text, mentions, [(0, len(text))])
    assert time.process_time() - t < 3.0  # about 0.2 s: a regex over the whole sentence per mention is far slower


def test_a_but_between_two_adjectives_ends_no_clause():
    assert role("We propose a simple but effective framework ReSee.", "ReSee", "MODEL") == "introduces"
    assert role("We propose X, but previous work used BERT.", "BERT", "MODEL") == "mentions"


def test_a_name_after_our_with_its_head_noun_after_it_is_introduced():
    s = "With negligible overhead, our Past Decode Regularization (PDR) method achieves a perplexity of 55.6."
    assert role(s, "Past Decode Regularization", "METHOD") == "introduces"
    assert role("With negligible overhead, our Past Decode Regularization improves.", "Past Decode Regularization",
                "METHOD") == "uses"


@pytest.mark.parametrize("name", ["aligner ensembling", "batch filtering"])
def test_the_items_of_a_list_of_what_is_proposed_are_introduced(name):
    s = "We propose two novel methods for parallel corpus creation: aligner ensembling and batch filtering."
    assert role(s, name, "METHOD") == "introduces"
    s = "We design (1) a propagation approach to estimate importance and (2) a partition-then-rewrite method."
    assert role(s, "partition-then-rewrite", "METHOD") == "introduces"


def test_a_collection_of_new_things_is_introduced_and_a_comma_coordinates_the_verb():
    assert role("We introduce a novel suite of probing tasks.", "probing tasks", "METHOD") == "introduces"
    s = "We introduce a suite of probing tasks, propose general-purpose structure infusion and evaluate it."
    assert role(s, "structure infusion", "METHOD") == "introduces"
    assert role("Smith analysed the data, proposes MegaNet.", "MegaNet", "MODEL") == "mentions"


def test_a_colon_after_what_the_new_thing_is_evaluated_on_opens_no_list_of_new_things():
    s = "We evaluate the proposed confidence penalty on 6 common benchmarks: image classification (MNIST and CIFAR-10)."
    assert role(s, "MNIST", "DATASET") == "evaluates"
    s = "We propose Scaling Transformers, a family of next-generation Transformer models."
    at = s.rindex("Transformer")
    assert role_of_mention(s, at, at + len("Transformer"), None, "MODEL").role != "introduces"
