"""`make train`: train the judge (lexicons/judge/model) from lexicons/judge/sentences.jsonl.

Deterministic: a fixed seed, a fixed order of batches, one thread. The same machine
gives the same bytes; another CPU's BLAS kernels round differently, so its weights differ
in the last places and a few borderline sentences may fall the other side of a
threshold. The model's meta.json records the digest of the sentences and settings it
was trained from (`trained_from`). Settings are in lexicons/judge/judge.toml. With --check, hold out a fifth of the sentences and print
precision and recall per label on them instead of writing the model.

python tests/tools/train_judge.py [--check] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JUDGE = ROOT / "lexicons" / "judge"


def inputs_digest() -> str:
    """The SHA-256 of what a model is trained from: its settings, then its sentences."""
    h = hashlib.sha256()
    for name in ("judge.toml", "sentences.jsonl"):
        h.update((JUDGE / name).read_bytes())
    return h.hexdigest()


def load() -> tuple[dict[str, object], list[tuple[str, dict[str, float]]]]:
    settings = tomllib.loads((JUDGE / "judge.toml").read_text(encoding="utf-8"))
    data = []
    for line in (JUDGE / "sentences.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            data.append((row["text"], {k: float(v) for k, v in row["cats"].items()}))
    return settings, data


def train(settings: dict[str, object], data: list[tuple[str, dict[str, float]]]):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    seed = int(settings["seed"])  # type: ignore[arg-type]
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    bow = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": settings["ngram_size"],
        "no_output_layer": False,
        "length": settings["length"],
    }
    width = int(settings.get("width", 64))  # type: ignore[call-overload]
    model = bow
    if (
        settings.get("architecture") == "ensemble"
    ):  # words in their context as well as bags of words
        model = {
            "@architectures": "spacy.TextCatEnsemble.v2",
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": width,
                    "rows": [5000, 2500, 2500],
                    "attrs": ["NORM", "PREFIX", "SUFFIX"],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": width,
                    "window_size": 1,
                    "maxout_pieces": 3,
                    "depth": 2,
                },
            },
            "linear_model": bow,
        }
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model})
    for label in settings["labels"]:  # type: ignore[attr-defined]
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text.lower()), {"cats": cats}) for text, cats in data
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(int(settings["epochs"])):  # type: ignore[arg-type]
        order = examples[:]
        rng.shuffle(order)
        for batch in minibatch(order, size=int(settings["batch"])):  # type: ignore[arg-type]
            nlp.update(batch, sgd=optimizer, drop=float(settings["dropout"]))  # type: ignore[arg-type]
    return nlp


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="hold out a fifth and score it")
    ap.add_argument("--out", type=Path, default=JUDGE / "model")
    args = ap.parse_args()
    settings, data = load()
    if args.check:
        rng = random.Random(1)
        order = data[:]
        rng.shuffle(order)
        cut = len(order) // 5
        test, rest = order[:cut], order[cut:]
        nlp = train(settings, rest)
        thresholds = settings["thresholds"]
        for label in settings["labels"]:  # type: ignore[attr-defined]
            tp = fp = fn = 0
            for doc, (_, cats) in zip(nlp.pipe(t.lower() for t, _ in test), test, strict=True):
                said = doc.cats[label] >= thresholds[label]  # type: ignore[index]
                gold = cats[label] >= 0.5
                tp += said and gold
                fp += said and not gold
                fn += gold and not said
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            print(f"{label:18} precision {p:.3f} recall {r:.3f} ({tp + fn} held-out positives)")
        return 0
    nlp = train(settings, data)
    nlp.meta["trained_from"] = inputs_digest()
    if args.out.exists():
        shutil.rmtree(args.out)
    nlp.to_disk(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
