"""Build kg/extraction/data/gazetteer.jsonl, the typed dictionary of known names, from the shared lists.

Sources (see kg/extraction/data/CREDITS.md): Papers with Code methods and tasks (CC BY-SA 4.0),
Epoch AI Notable AI Models (CC BY 4.0), NLP-TDMS (Apache-2.0), SciREX (Apache-2.0), a short
curated list of textbook technique/architecture names written for this project, and optionally
the per-dataset folders of a ``tensorflow-datasets`` wheel (Apache-2.0) given with ``--tfds-wheel``.

usage: build_gazetteer.py [--src ../shared/gazetteers] [--tfds-wheel WHEEL] [-o OUT]

Each output line is one entity::

    {"name": "LSTM", "type": "MODEL", "ids": {"pwc": "lstm"}, "sources": ["pwc_methods"],
     "aliases": [["LSTM", "exact"], ["Long Short-Term Memory", "lower"], ...]}

Alias match modes: ``exact`` (case-sensitive; all-caps acronyms such as SAC or MAD), ``name``
(case-insensitive, but the text must show an upper-case letter or digit, so "RoBERTa" never
matches the word "roberta" nor tfds "race" the word "race"), ``lower`` (case-insensitive).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.extraction.normalize import norm_name  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"  # shared material, beside the repository
csv.field_size_limit(10**8)

TYPES = ("MODEL", "DATASET", "METHOD", "TASK", "METRIC")
# Which source wins when one surface form is claimed by two types (first wins).
PRIORITY = ("curated", "pwc_methods", "epoch_models", "nlp_tdms", "scirex", "epoch_datasets", "tfds", "pwc_tasks")

# PwC files whole architectures under "methods"; these collections hold models, the rest techniques.
MODEL_COLLECTION = re.compile(
    r"(Models|Transformers|Neural Networks|Generative Adversarial Networks|Autoencoders|"
    r"Word Embeddings|Sentence Embeddings|Backbone Architectures|Image Representations)$")
NOT_MODEL_COLLECTION = re.compile(r"(Blocks|Modules|Layers|Components)$")

# Words that name no particular thing: dropped whatever list they come from.
GENERIC = {norm_name(w) for w in """
model network method approach data dataset datasets corpus benchmark system framework algorithm
layer layers loss feature features embedding embeddings training learning inference task tasks
memory linear output input encoder decoder module block head heads attention mechanism
language text image images video audio speech graph tree trees word words sentence document
general other none unknown baseline baselines test evaluation accuracy precision recall error
average score scores rate time performance quality size parameters params number mixed
wikipedia github instagram internet web arxiv books news reddit twitter facebook youtube
unspecified unreleased english chinese multilingual human humans pos classification social media
nlp deep learning machine learning artificial intelligence llm llms natural language processing
""".split()} | {norm_name(p) for p in ("deep learning", "machine learning", "artificial intelligence",
                                       "natural language processing", "social media", "large language model")}
GENERIC.discard(norm_name("attention"))  # "attention" is a METHOD in the guidelines


def alias_mode(alias: str, source: str) -> str:
    """How strictly an alias must match: see the module docstring."""
    pieces = [p for p in re.split(r"[\s\-_/]+", alias) if p]
    letters = [re.sub(r"[^A-Za-z]", "", p) for p in pieces]
    if len(pieces) <= 3 and any(2 <= len(x) <= 3 and x.isupper() for x in letters):
        return "exact"  # short acronyms: SAC is not "sac", TOP is not "top"
    if source in ("epoch_models", "epoch_datasets", "tfds", "nlp_tdms", "scirex"):
        return "name"  # proper names from catalogues: "The Stack" is not "the stack"
    if any(any(c.isupper() for c in x[1:]) for x in letters) or any(c.isdigit() for c in alias):
        return "name"
    return "lower"


def keep_alias(alias: str) -> bool:
    """Reject empty, generic, too short or sentence-like aliases."""
    n = norm_name(alias)
    if len(n) < 3 or n in GENERIC or len(alias) > 60 or alias.count(" ") > 5:
        return False
    return not re.search(r"[<>{}\[\]|†*:;=@]|https?", alias)


def initials_match(short: str, long: str) -> bool:
    """True when ``short`` spells the initials of ``long`` ("PTB", "Penn TreeBank")."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    caps = "".join(w[0] for w in re.split(r"[\s\-]+", long) if w).lower()
    inner = re.sub(r"[^A-Z]", "", long).lower()
    return len(letters) >= 2 and letters in (caps, inner)


def split_paren(name: str) -> list[str]:
    """'Stable Diffusion XL (SDXL)' -> ['Stable Diffusion XL', 'SDXL']; other brackets are dropped."""
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", name)
    if not m:
        return [name.strip()]
    main, inner = m.group(1).strip(), m.group(2).strip()
    if initials_match(inner, main) or initials_match(main, inner):
        return [main, inner]
    return [main]


def entry(name, typ, aliases, source, ids=None):
    return {"name": name.strip(), "type": typ, "aliases": [a.strip() for a in aliases if a and a.strip()],
            "ids": dict(ids or {}), "sources": [source]}


def read_pwc_methods(src: Path):
    for r in csv.DictReader(open(src / "pwc_methods/pwc_methods_gazetteer.tsv", encoding="utf-8"), delimiter="\t"):
        cols = [c for c in r["collections"].split("|") if c]
        is_model = any(MODEL_COLLECTION.search(c) and not NOT_MODEL_COLLECTION.search(c) for c in cols)
        names = [r["name"], r["full_name"]]
        yield entry(r["name"], "MODEL" if is_model else "METHOD", names, "pwc_methods", {"pwc": r["pwc_id"]})


def read_pwc_tasks(src: Path):
    for line in open(src / "pwc_tasks/all_tasks.txt", encoding="utf-8"):
        t = line.strip().strip('"').strip()
        if " " in t and not re.search(r"\d|\(", t) and t.count(" ") <= 4:
            yield entry(t, "TASK", [t], "pwc_tasks", {"pwc_task": re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")})


def read_epoch(src: Path):
    rows = csv.DictReader(open(src / "epoch_ai_models/epoch_notable_ai_models_gazetteer.tsv", encoding="utf-8"), delimiter="\t")
    datasets = Counter()
    for r in rows:
        name = r["Model"].strip()
        if name and not re.search(r"[+†]| - |\bfor\b", name):
            words = name.split()
            namelike = len(words) == 1 or any(re.search(r"[A-Z].*[A-Z]|\d", w) for w in words)
            if namelike:
                parts = split_paren(name)
                yield entry(parts[0], "MODEL", parts, "epoch_models", {"epoch": name})
        for d in re.split(r",\s*(?![^()]*\))", r["Training dataset"]):
            if d.strip():
                datasets[d.strip()] += 1
    for d in sorted(datasets):
        parts = split_paren(d)
        yield entry(parts[0], "DATASET", parts, "epoch_datasets")


def read_tdms(src: Path):
    for line in open(src / "nlp_tdms_kb/datasetKB.tsv", encoding="utf-8"):
        did, name = line.split("\t")[:2]
        forms = [p for f in name.split(" / ") for p in split_paren(f)]
        forms = [f for f in forms if not re.search(r"version|anonymi", f, re.I)]
        if forms:
            yield entry(forms[0], "DATASET", forms, "nlp_tdms", {"nlp_tdms": did})
    for line in open(src / "nlp_tdms_kb/taskKB.tsv", encoding="utf-8"):
        tid, name = line.split("\t")[:2]
        name = name.replace("_", " ")
        yield entry(name, "TASK", [name], "nlp_tdms", {"nlp_tdms": tid})
    for line in open(src / "nlp_tdms_kb/evaMatrixKB.tsv", encoding="utf-8"):
        eid, name = line.split("\t")[:2]
        if not re.search(r"\bon\b|\(|Number|Split|Avg|Average|Matched|Micro|Macro", name):
            yield entry(name, "METRIC", [name], "nlp_tdms", {"nlp_tdms": eid})


def read_scirex(src: Path):
    typemap = {"Material": "DATASET", "Metric": "METRIC", "Task": "TASK"}
    for r in csv.DictReader(open(src / "scirex/scirex_salient_entity_aliases.tsv", encoding="utf-8"), delimiter="\t"):
        typ = typemap.get(r["type"])
        if not typ:
            continue  # SciREX "Method" mixes models and techniques: not typed reliably enough
        name = r["entity_name"].replace("_", " ").strip()
        forms = [f.strip().replace(" - ", "-") for f in r["surface_forms"].split("|")]
        if typ == "DATASET" and not re.search(r"[A-Z]{2}|\d|[a-z][A-Z]", name):
            continue  # keep name-like datasets only ("CIFAR-10", not "news articles")
        same = {norm_name(name) + tail for tail in ("", "dataset", "benchmark", "corpus")}
        forms = [f for f in forms if norm_name(f) in same or initials_match(f, name) or initials_match(name, f)]
        yield entry(name, typ, [name] + forms, "scirex", {"scirex": r["entity_name"]})


def read_tfds(wheel: Path):
    """Dataset names from the per-dataset folders of a tensorflow-datasets wheel."""
    names = set()
    with zipfile.ZipFile(wheel) as z:
        for n in z.namelist():
            parts = n.split("/")
            if len(parts) >= 4 and parts[0] == "tensorflow_datasets" and parts[-1] == "__init__.py" and len(parts) == 4:
                if parts[1] not in ("core", "testing", "scripts", "public_api", "proto", "rlds", "robotics"):
                    names.add(parts[2])
    for folder in sorted(names):
        base = re.sub(r"_?(dataset|subset|cropped|small|full|wiki)$", "", folder)
        joined = base.replace("_", "")
        if len(joined) < 4 or folder.startswith("_"):
            continue
        yield entry(joined, "DATASET", [joined], "tfds", {"tfds": folder})


CURATED = """
MODEL	CNN	convolutional neural network|ConvNet|convolutional network
MODEL	RNN	recurrent neural network
MODEL	MLP	multilayer perceptron|multi-layer perceptron
MODEL	GNN	graph neural network
MODEL	GCN	graph convolutional network
MODEL	BiLSTM	bidirectional LSTM|Bi-LSTM
MODEL	CRF	conditional random field
MODEL	HMM	hidden Markov model
MODEL	SVM	support vector machine
MODEL	word2vec	Word2Vec
MODEL	fastText	FastText
MODEL	Skip-gram	skip-gram model|skipgram
MODEL	CBOW	continuous bag-of-words
MODEL	Transformer	transformer architecture|transformer model
METHOD	reinforcement learning	RL
METHOD	deep reinforcement learning	deep RL
METHOD	self-attention	self attention
METHOD	attention	attention mechanism
METHOD	beam search
METHOD	negative sampling
METHOD	backpropagation	back-propagation
METHOD	gradient descent
METHOD	fine-tuning	finetuning|fine tuning
METHOD	pre-training	pretraining
METHOD	few-shot learning
METHOD	zero-shot learning
METHOD	in-context learning	ICL
METHOD	active learning
METHOD	self-supervised learning	SSL
METHOD	semi-supervised learning
METHOD	transfer learning
METHOD	meta-learning	meta learning
METHOD	multi-task learning	multitask learning|MTL
METHOD	contrastive learning
METHOD	knowledge distillation
METHOD	data augmentation
METHOD	curriculum learning
METHOD	adversarial training
METHOD	adversarial learning
METHOD	imitation learning
METHOD	self-play
METHOD	prompt tuning
METHOD	prefix tuning
METHOD	instruction tuning
METHOD	chain-of-thought prompting	chain-of-thought|CoT
METHOD	retrieval-augmented generation	RAG
METHOD	RLHF	reinforcement learning from human feedback
METHOD	LoRA	low-rank adaptation
METHOD	maximum likelihood estimation	MLE
METHOD	dynamic programming
METHOD	Monte Carlo tree search	MCTS
METHOD	locality-sensitive hashing	LSH
METHOD	hierarchical softmax
METHOD	residual connections	residual connection
METHOD	nearest-neighbor search	nearest neighbor search
METHOD	ensembling	model ensembling
METHOD	dropout
METHOD	label smoothing
METHOD	distant supervision
METHOD	word embeddings	word embedding
METHOD	TF-IDF	tf-idf
METHOD	bag-of-words	bag of words
METHOD	byte-pair encoding	BPE|byte pair encoding
METHOD	quantization
METHOD	pruning
METRIC	BLEU	BLEU score
METRIC	ROUGE	ROUGE score
METRIC	METEOR
METRIC	chrF
METRIC	TER	translation edit rate
METRIC	BERTScore
METRIC	perplexity
METRIC	F1	F1 score|F1-score|F-score|F-measure
METRIC	word error rate	WER
METRIC	character error rate	CER
METRIC	RMSE	root mean squared error|root mean square error
METRIC	MAE	mean absolute error
METRIC	mean squared error	MSE
METRIC	MRR	mean reciprocal rank
METRIC	NDCG	nDCG
METRIC	AUC	area under the curve
METRIC	exact match	EM
METRIC	LAS	labeled attachment score
METRIC	UAS	unlabeled attachment score
METRIC	cross-entropy	cross-entropy loss|cross entropy
METRIC	negative log-likelihood	NLL
METRIC	KL divergence	Kullback-Leibler divergence
METRIC	Spearman correlation	Spearman's rank correlation
METRIC	Pearson correlation
TASK	machine translation	MT
TASK	neural machine translation	NMT
TASK	language modeling	language modelling
TASK	question answering	QA
TASK	summarization	summarisation
TASK	translation
TASK	named entity recognition	NER
TASK	natural language inference	NLI
TASK	sentiment analysis
TASK	speech recognition
TASK	automatic speech recognition	ASR
TASK	image classification
TASK	image captioning
TASK	image generation
TASK	text classification
TASK	semantic parsing
TASK	dependency parsing
TASK	code generation
TASK	fact-checking	fact checking
TASK	relation extraction
TASK	dialogue state tracking
TASK	part-of-speech tagging	POS tagging
TASK	coreference resolution
TASK	paraphrase generation
"""


def read_curated():
    for line in CURATED.strip().splitlines():
        typ, name, *rest = line.split("\t")
        aliases = rest[0].split("|") if rest else []
        yield entry(name, typ, [name, *aliases], "curated", {})


def variants(alias: str, mode: str) -> list[str]:
    """Hyphen/space and plural spellings the tokenizer would otherwise miss."""
    out = {alias}
    if "-" in alias and mode != "exact":
        out.add(alias.replace("-", " "))
    if " " in alias and mode == "lower" and len(alias.split()) <= 3:
        out.add(alias.replace(" ", "-"))
    for a in list(out):
        if re.search(r"[a-z]{3}$", a) and not a.endswith("s"):
            out.add(a + "s")
    return sorted(out)


def merge(entries):
    """One entry per (type, normalised name); a surface form belongs to one type only."""
    entries = sorted(entries, key=lambda e: PRIORITY.index(e["sources"][0]))
    by_key, owner = {}, {}
    for e in entries:
        aliases = [a for a in dict.fromkeys(e["aliases"]) if keep_alias(a)]
        aliases = [a for a in aliases if owner.get(norm_name(a), e["type"]) == e["type"]]
        if not aliases:
            continue
        k = (e["type"], norm_name(e["name"]) if keep_alias(e["name"]) else norm_name(aliases[0]))
        k = next(((e["type"], norm_name(a)) for a in aliases if (e["type"], norm_name(a)) in by_key), k)
        if k not in by_key:
            by_key[k] = {"name": e["name"] if keep_alias(e["name"]) else aliases[0], "type": e["type"],
                         "ids": {}, "sources": [], "aliases": {}}
        tgt = by_key[k]
        for idk, idv in e["ids"].items():
            tgt["ids"].setdefault(idk, idv)
        if e["sources"][0] not in tgt["sources"]:
            tgt["sources"].append(e["sources"][0])
        for a in aliases:
            mode = alias_mode(a, e["sources"][0])
            for v in variants(a, mode):
                if owner.setdefault(norm_name(v), e["type"]) == e["type"]:
                    tgt["aliases"].setdefault(v, mode)
    out = []
    for e in by_key.values():
        e["aliases"] = sorted([a, m] for a, m in e["aliases"].items())
        e["sources"] = sorted(e["sources"])
        out.append(e)
    return sorted(out, key=lambda e: (e["type"], e["name"].casefold(), e["name"]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=SHARED / "gazetteers", type=Path)
    ap.add_argument("--tfds-wheel", type=Path, help="a tensorflow-datasets wheel (pip download tensorflow-datasets --no-deps)")
    ap.add_argument("-o", "--out", type=Path, default=Path(__file__).resolve().parents[1] / "kg/extraction/data/gazetteer.jsonl")
    a = ap.parse_args(argv)
    entries = [*read_curated(), *read_pwc_methods(a.src), *read_epoch(a.src), *read_tdms(a.src),
               *read_scirex(a.src), *read_pwc_tasks(a.src)]
    if a.tfds_wheel:
        entries += list(read_tfds(a.tfds_wheel))
    merged = merge(entries)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        for e in merged:
            f.write(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n")
    counts = Counter(e["type"] for e in merged)
    by_src = Counter(s for e in merged for s in e["sources"])
    print(f"{len(merged)} entities, {sum(len(e['aliases']) for e in merged)} aliases -> {a.out}")
    print("by type:", dict(sorted(counts.items())))
    print("by source:", dict(sorted(by_src.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
