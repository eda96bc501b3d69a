"""The one place spaCy is built: blank English, a sentencizer, and one span ruler
per lexicons/patterns/*.yml file. No trained model, nothing downloaded.

Each document runs only the rulers its applicable rules use (a rule's `uses`), so
an agenda pack is not searched for correspondence patterns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from protocheck import lexicon, progress
from protocheck.document import Document, Match

if TYPE_CHECKING:
    from spacy.language import Language

SPANS_KEY = "protocheck"
# Same-length substitutions so offsets in the nlp text are offsets in Document.text.
_SAME_LENGTH = str.maketrans({"\n": " ", "\t": " ", "\u2019": "'", "\u2018": "'", "\u201c": '"',
                              "\u201d": '"', "\u00a0": " ", "\u2013": "-", "\u2014": "-"})


def ruler_name(pattern_file: str) -> str:
    return f"ruler:{pattern_file}"


def _import_spacy() -> Any:
    """Import spaCy without its command-line package.

    `spacy/__init__.py` imports `spacy.cli.info` only to expose `spacy.info`; that pulls
    in spacy.cli (requests, httpx, weasel, typer ...), about 0.3 s of a cold run that
    protocheck never uses. A stand-in answers that one import; it is removed again at
    once, so a later `import spacy.cli` loads the real package.
    """
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def lazy_info(*args: Any, **kwargs: Any) -> Any:
        import importlib

        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    info.info = lazy_info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


@functools.cache
def pipeline() -> Language:
    """Blank English and a sentencizer; span rulers are added on demand by `rulers`."""
    spacy = _import_spacy()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.initialize()  # before any ruler gets patterns: initialising afterwards clears them
    return nlp


def rulers(names: Iterable[str]) -> Language:
    """The pipeline with a span ruler for each named pattern file (built once each)."""
    nlp = pipeline()
    for name in sorted(names):
        if ruler_name(name) in nlp.pipe_names:
            continue
        patterns = [{"label": e.label, "pattern": e.pattern, "id": e.id} for e in lexicon.pattern_file(name)]
        ruler = nlp.add_pipe("span_ruler", name=ruler_name(name),
                             config={"spans_key": SPANS_KEY, "overwrite": False, "validate": False})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def prepare(text: str) -> str:
    return text.translate(_SAME_LENGTH)


def annotate(doc: Document, pattern_files: Iterable[str] | None = None) -> None:
    """Fill doc.matches (per label) and doc.sentences from the blocks' text.

    pattern_files: the lexicon pattern files to run (names without .yml); None runs all.
    """
    names = lexicon.pattern_files() if pattern_files is None else list(pattern_files)
    nlp = rulers(names)
    wanted = {ruler_name(n) for n in names}
    enable = [p for p in nlp.pipe_names if not p.startswith("ruler:") or p in wanted]
    blocks = [b for b in doc.blocks if b.text.strip()]
    matches: dict[str, list[Match]] = {}
    sentences: list[tuple[int, int]] = []
    with nlp.select_pipes(enable=enable):
        for k, (block, sdoc) in enumerate(zip(blocks, nlp.pipe(prepare(b.text) for b in blocks), strict=True)):
            if len(blocks) >= 500 and k % 100 == 0:
                progress.step("paragraphs", k, len(blocks))
            base = block.start
            for sent in sdoc.sents:
                sentences += [(base + a, base + b) for a, b in _split_lines(block.text, sent.start_char, sent.end_char)]
            for span in sdoc.spans.get(SPANS_KEY, []):
                matches.setdefault(span.label_, []).append(
                    Match(span.label_, span.id_, base + span.start_char, base + span.end_char)
                )
    for found in matches.values():
        found.sort(key=lambda m: (m.start, -m.end))
    doc.matches = matches
    doc.sentences = sorted(sentences)


_LINE_END = re.compile(r"(?<=[.!?:])[\"'\u201d\u2019)]?\n")


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence that runs over a line break after . ! ? or : is two sentences
    (the newline is hidden from spaCy to keep wrapped lines whole)."""
    out = []
    for m in _LINE_END.finditer(text, start, end):
        out.append((start, m.end() - 1))
        start = m.end()
    out.append((start, end))
    return [(a, b) for a, b in out if b > a]


def spans_in(text: str) -> list[tuple[str, str, str]]:
    """(label, id, text) of every pattern that fires on `text`: for lexicon tests."""
    sdoc = rulers(lexicon.pattern_files())(prepare(text))
    return [(s.label_, s.id_, s.text) for s in sdoc.spans.get(SPANS_KEY, [])]
