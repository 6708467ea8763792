"""Train kg's CRF tagger (``kg/extraction/tagger.py``, settings in ``kg/extraction/tagger.cfg``)
on the project's annotations and install the weights into the package.

    python scripts/train_tagger.py                   # train on the training split, install
    python scripts/train_tagger.py --fraction 0.25   # learning curve: the first quarter
    python scripts/train_tagger.py --output m.crfsuite --no-install

The rule layers run first, exactly as in extraction, so the tagger learns from what they say
on each training abstract. The held-back split (``annotations/heldout_ids.txt``) is never
read. Same data and settings give byte-identical weights.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from kg.extraction.extensions import candidates_of, words_of  # noqa: E402
from kg.extraction.pipeline import build_pipeline  # noqa: E402
from kg.extraction.components import create_gazetteer  # noqa: E402
from kg.extraction import annotated_names  # noqa: E402
from kg.extraction.tagger import (MODEL_FILE, RULE_LAYERS, WordFeatures, catalogue_lexicon,  # noqa: E402
                                  names_path, read_clusters, token_features)

ANNOTATIONS = ROOT / "annotations"
CONFIG = ROOT / "kg" / "extraction" / "tagger.cfg"
TRAINED_LAYERS = ["kg_tagger", "kg_linker"]


def heldout_ids() -> set[str]:
    path = ANNOTATIONS / "heldout_ids.txt"
    return {line.strip() for line in open(path) if line.strip() and not line.startswith("#")}


def training_records(fraction: float = 1.0, root: Path = ANNOTATIONS) -> list[dict]:
    """Annotated abstracts outside the held-back split, in file order; the first ``fraction``."""
    held = heldout_ids()
    recs = [json.loads(line) for p in sorted((root / "gold").glob("*.jsonl"))
            for line in open(p, encoding="utf-8") if line.strip()]
    recs = [r for r in recs if r["id"] not in held]
    return recs[: max(1, round(len(recs) * fraction))]


def gold_tags(doc, mentions: list[dict], optional: str) -> list[str]:
    """BIO tags of the gold mentions on the doc's tokens (a mention not on token boundaries
    is widened to them; optional ones as ``optional`` says)."""
    tags = ["O"] * len(doc)
    for m in mentions:
        if m["optional"] and optional == "outside":
            continue
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is None or not len(span) or any(t != "O" for t in tags[span.start:span.end]):
            continue
        for k in range(span.start, span.end):
            tags[k] = ("B-" if k == span.start else "I-") + m["type"]
    return tags


def annotated_phrases(doc, mentions: list[dict]) -> list[tuple[tuple[str, ...], str]]:
    """The (lower-cased tokens, type) of each required gold mention, on the doc's tokens."""
    out = []
    for m in mentions:
        span = None if m["optional"] else doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is not None and len(span):
            out.append((tuple(t.text.lower() for t in span), m["type"]))
    return out


def train(records: list[dict], output: Path, settings: dict, exclude: list[str] = ()) -> None:
    """Train on ``records`` with the rule layers of the default profile, less ``exclude``
    (an ablation: which layers still earn their place); the annotated names go beside the
    weights (:func:`~kg.extraction.tagger.names_path`)."""
    import pycrfsuite

    # the ablation's "trained only" model learns without the rule layers' spans
    left_out = TRAINED_LAYERS + list(exclude) + ([] if settings["rule_features"] else list(RULE_LAYERS))
    rules = build_pipeline(exclude=sorted(set(left_out)))
    words = WordFeatures(catalogue_lexicon(create_gazetteer()), read_clusters() if settings["clusters"] else None)
    docs = list(rules.pipe(r["abstract"] for r in records))
    names = [None] * len(docs)
    if settings["annotated_names"]:
        counts = annotated_names.count_names(
            ([t.text.lower() for t in doc], annotated_phrases(doc, rec["mentions"])) for rec, doc in zip(records, docs))
        names = annotated_names.jackknife(counts)
        annotated_names.build(counts).write(names_path(output))
    else:
        names_path(output).unlink(missing_ok=True)  # weights and lexicon are one model
    trainer = pycrfsuite.Trainer(verbose=False)
    for rec, doc, lexicon in zip(records, docs, names):
        feats = token_features(*words_of(doc), candidates_of(doc), words, lexicon)
        trainer.append(feats, gold_tags(doc, rec["mentions"], settings["optional"]))
    trainer.set_params({"c1": settings["c1"], "c2": settings["c2"], "max_iterations": settings["max_iterations"],
                        "feature.minfreq": settings["min_freq"], "feature.possible_transitions": True})
    trainer.train(str(output))
    print(f"trained on {len(records)} abstracts: {output} ({output.stat().st_size / 1e6:.1f} MB)")


def load_settings(overrides: list[str] = ()) -> dict:
    """The [training] settings of ``tagger.cfg``, with ``KEY=VALUE`` overrides (typed as the default)."""
    settings = dict(spacy.util.load_config(CONFIG)["training"])
    for item in overrides:
        key, value = item.split("=", 1)
        settings[key] = (value.lower() == "true") if isinstance(settings[key], bool) else type(settings[key])(value)
    return settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fraction", type=float, default=1.0, help="share of the training abstracts to use")
    ap.add_argument("--annotations", type=Path, default=ANNOTATIONS, help="folder holding gold/*.jsonl")
    ap.add_argument("--output", type=Path, default=None, help="where to write the weights")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="override a [training] setting, e.g. --set c1=0.1")
    ap.add_argument("--exclude", action="append", default=[], metavar="LAYER",
                    help="train without a rule layer (ablation; implies --no-install)")
    ap.add_argument("--no-install", action="store_true", help="leave the package's weights as they are")
    a = ap.parse_args(argv)
    settings = load_settings(a.set)
    records = training_records(a.fraction, a.annotations)
    with tempfile.TemporaryDirectory() as tmp:
        output = a.output or Path(tmp) / "tagger.crfsuite"
        train(records, output, settings, a.exclude)
        if not (a.no_install or a.exclude or a.fraction < 1 or a.set):
            shutil.copyfile(output, MODEL_FILE)
            print(f"installed {MODEL_FILE.relative_to(ROOT)}")
            installed = names_path(MODEL_FILE)
            if names_path(output).exists():
                shutil.copyfile(names_path(output), installed)
            else:  # weights trained without the lexicon must not meet a stale one
                installed.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
