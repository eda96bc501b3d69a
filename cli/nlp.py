"""The one place spaCy is built: blank English, a sentencizer and one span ruler
fed from lexicons/patterns/*.yml. No trained model, nothing downloaded.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from protocheck import lexicon
from protocheck.document import Document, Match

if TYPE_CHECKING:
    from spacy.language import Language

SPANS_KEY = "protocheck"
# Same-length substitutions so offsets in the nlp text are offsets in Document.text.
_SAME_LENGTH = str.maketrans({"\n": " ", "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"',
                              "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


@functools.cache
def pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": SPANS_KEY, "validate": True})
    nlp.initialize()
    patterns: list[dict[str, Any]] = []
    for name in lexicon.pattern_files():
        for entry in lexicon.pattern_file(name):
            patterns.append({"label": entry.label, "pattern": entry.pattern, "id": entry.id})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def prepare(text: str) -> str:
    return text.translate(_SAME_LENGTH)


def annotate(doc: Document) -> None:
    """Fill doc.matches (per label) and doc.sentences from the blocks' text."""
    nlp = pipeline()
    blocks = [b for b in doc.blocks if b.text.strip()]
    matches: dict[str, list[Match]] = {}
    sentences: list[tuple[int, int]] = []
    for block, sdoc in zip(blocks, nlp.pipe(prepare(b.text) for b in blocks), strict=True):
        base = block.start
        for sent in sdoc.sents:
            sentences.append((base + sent.start_char, base + sent.end_char))
        for span in sdoc.spans[SPANS_KEY]:
            matches.setdefault(span.label_, []).append(
                Match(span.label_, span.id_, base + span.start_char, base + span.end_char)
            )
    for found in matches.values():
        found.sort(key=lambda m: (m.start, -m.end))
    doc.matches = matches
    doc.sentences = sorted(sentences)


def spans_in(text: str) -> list[tuple[str, str, str]]:
    """(label, id, text) of every pattern that fires on `text`: for lexicon tests."""
    sdoc = pipeline()(prepare(text))
    return [(s.label_, s.id_, s.text) for s in sdoc.spans[SPANS_KEY]]
