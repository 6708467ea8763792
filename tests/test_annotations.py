"""The project's annotations: spans that point at their text, a held-back split kept out of training."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "annotations" / "gold"
sys.path.insert(0, str(ROOT / "scripts"))

import annotation  # noqa: E402
import train_tagger  # noqa: E402


def gold():
    return [json.loads(line) for p in sorted(GOLD.glob("*.jsonl")) for line in open(p, encoding="utf-8")]


def test_every_mention_span_is_the_text_it_names():
    records = gold()
    assert len(records) >= 1050
    for r in records:
        for m in r["mentions"]:
            assert r["abstract"][m["start"]:m["end"]] == m["text"], r["id"]


def test_held_back_abstracts_are_never_training_data():
    held = train_tagger.heldout_ids()
    assert len(held) == 260
    assert not held & {r["id"] for r in train_tagger.training_records()}


def test_a_name_inside_a_longer_word_is_no_mention():
    text = "We use co-attention and attention; BERT-based models and RoBERTa."
    assert annotation.occurrences(text, "attention") == [(24, 33)]
    assert annotation.occurrences(text, "BERT") == [(35, 39)]


def test_compiled_gold_is_what_the_raw_annotations_say(tmp_path):
    root = tmp_path / "annotations"
    for sub in ("raw", "texts", "adjudicated"):
        (root / sub).mkdir(parents=True)
    text = {"id": "x1", "title": None, "abstract": "We apply label propagation (LP) to graphs."}
    (root / "texts" / "A1.jsonl").write_text(json.dumps(text) + "\n")
    ann = {"id": "x1", "entities": [{"type": "METHOD", "forms": ["label propagation", "LP"], "optional": False}]}
    (root / "raw" / "A1.jsonl").write_text(json.dumps(ann) + "\n")
    assert annotation.build(root) == {"acl": 1, "scirex": 0}
    [rec] = [json.loads(x) for x in open(root / "gold" / "acl.jsonl")]
    assert rec["entities"] == {"METHOD": [["label propagation", "LP"]]}
    assert [(m["text"], m["type"]) for m in rec["mentions"]] == [("label propagation", "METHOD"), ("LP", "METHOD")]
