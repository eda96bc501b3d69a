"""The judge: a small trained text classifier for the questions a word list cannot
cover ("does this sentence criticise an officer?", "does it promote a party?").

It is a spaCy `textcat_multilabel` pipeline (bag of words and a small convolutional
layer, no pretrained vectors), trained by `make train` on the sentences in
lexicons/judge/sentences.jsonl, written for the project from the protocols. The
model is package data (lexicons/judge/model) loaded the first time a rule asks, so a
document with no candidate sentence never pays for it. Rules keep their patterns to
find candidates and their targets (which officer, which party, whose words) and ask
the judge only whether a candidate sentence says the thing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from protocheck.language import lexicon
from protocheck.model.document import Document

JUDGE_WORDS = 120  # words of a sentence the judge reads: a run-on page line is cut


@functools.cache
def settings() -> dict[str, Any]:
    data: dict[str, Any] = lexicon.toml_data("judge/judge.toml")
    return data


def model_dir() -> Path:
    return lexicon.root() / "judge" / "model"


def available() -> bool:
    return (model_dir() / "meta.json").is_file()


@functools.cache
def _model() -> Any:
    import spacy

    return spacy.load(model_dir())


def threshold(label: str) -> float:
    return float(settings()["thresholds"][label])


def _cache(doc: Document) -> dict[tuple[int, int], dict[str, float]]:
    return {}


def scores(
    doc: Document, spans: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], dict[str, float]]:
    """Each span's score per label, worked out once per document and span."""
    kept = doc.analysis(_cache)
    todo = [s for s in dict.fromkeys(spans) if s not in kept]
    if todo and available():
        texts = [" ".join(doc.text[a:b].split()[:JUDGE_WORDS]).lower() for a, b in todo]
        for span, parsed in zip(todo, _model().pipe(texts), strict=True):
            kept[span] = {k: float(v) for k, v in parsed.cats.items()}
    return {s: kept.get(s, {}) for s in spans}
