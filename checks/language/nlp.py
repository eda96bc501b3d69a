"""The one place spaCy is built: its English tokenizer, a sentencizer, and
Matchers made from lexicons/patterns/*.yml. No trained model, nothing downloaded.

Each document runs only the pattern files its applicable rules use (a rule's
`uses`), so an agenda pack is not searched for correspondence patterns.
"""

from __future__ import annotations

import functools
import gc
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from protocheck import progress
from protocheck.language import lexicon
from protocheck.model.document import LIST_ITEM, Document, Match

# Same-length substitutions so offsets in the nlp text are offsets in Document.text.
_SAME_LENGTH = str.maketrans(
    {
        "\n": " ",
        "\t": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)


def _import_spacy() -> Any:
    """Import spaCy without its command-line package.

    `spacy/__init__.py` imports `spacy.cli.info` only to expose `spacy.info`; that pulls
    in spacy.cli (requests, httpx, weasel, typer ...), about 0.3 s of a cold run that
    protocheck never uses. A stand-in answers that one import; it is removed again at
    once, so a later `import spacy.cli` loads the real package.

    What this rests on (spaCy 3.8, as pinned; tests/test_throughput.py checks each):
    `spacy/__init__.py` takes only `info` from `spacy.cli.info` and calls nothing from
    `spacy.cli` while it is imported. Should a release import another name from
    `spacy.cli`, `import spacy` here fails with an ImportError naming it (loudly, at
    the first check); should it call `info` at import time, the real `spacy.cli` is
    loaded then and only the time is lost.

    Importing less of spaCy than `spacy/__init__.py` does is not possible without
    standing in for more of its modules: `spacy.tokenizer` itself imports `spacy.util`
    (which imports `thinc.api`: thinc, confection, pydantic, numpy) and `spacy.scorer`,
    whose `spacy.training` imports `spacy.pipeline` and `spacy.language`. Measured with
    `python -X importtime`, thinc (through `spacy.errors`/`spacy.compat`) and
    `spacy.pipeline` are 0.43 of the 0.44 s `import spacy` costs on a 2-core machine.
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


class Pipeline:
    """spaCy's English tokenizer and sentencizer, and a Matcher per pattern entry.

    Built from spaCy's parts rather than `spacy.blank("en")`: the config system that
    assembles a Language costs a cold run about 0.1 s and adds nothing to a tokenizer,
    a sentencizer and matchers. Tokenization is spaCy's English, with the tokenizer
    exceptions protocheck's text can contain (see `_exceptions`).
    """

    def __init__(self) -> None:
        _import_spacy()
        from spacy import util
        from spacy.lang.en import English
        from spacy.pipeline import Sentencizer
        from spacy.tokenizer import Tokenizer
        from spacy.vocab import create_vocab

        defaults = English.Defaults
        self.vocab = create_vocab("en", defaults)
        self.exceptions = _exceptions(defaults.tokenizer_exceptions)
        self.added: set[str] = set()
        self.tokenizer = Tokenizer(
            self.vocab,
            rules={},  # added as texts need them: see `tokenize`
            prefix_search=util.compile_prefix_regex(defaults.prefixes or ()).search,
            suffix_search=util.compile_suffix_regex(defaults.suffixes or ()).search,
            infix_finditer=util.compile_infix_regex(defaults.infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        self.sentencizer = Sentencizer()
        self._entries: dict[
            str, list[tuple[Any, tuple[frozenset[str], ...]]]
        ] = {}  # file -> (entry, anchors)
        self._matchers: dict[str, Any] = {}  # "LABEL/id" -> its Matcher
        self.keys: dict[int, tuple[str, str]] = {}  # match key -> (label, pattern id)
        self._patterns: dict[str, list[dict[str, Any]]] = {}  # "LABEL/id" -> its pattern
        self._gates: dict[tuple[str, ...], _Gate] = {}  # pattern files -> their entries' gate
        # the characters after which the sentencizer starts a new sentence, as string ids
        self._stops = frozenset(self.vocab.strings.add(c) for c in self.sentencizer.punct_chars)

    def tokenize(self, text: str) -> Any:
        """spaCy's tokenizer, given the exceptions this text can use first.

        Loading all 509 exceptions costs a cold run about 0.07 s, and a letter uses a
        handful. Every kept exception has an apostrophe or a full stop in it (or is
        "cannot"), and spaCy tries one on a space-separated chunk of text once prefixes
        (brackets, quotes, currency, digits) and suffixes (punctuation, units) are
        peeled off it; so the chunks with ' or . in them, cut the same ways, hold all
        the exceptions a text can use.
        """
        self.add_exceptions(text)
        return self.tokenizer(text)

    def add_exceptions(self, text: str) -> None:
        """Give the tokenizer the exceptions `text` can use (see `tokenize`): for a whole
        document at once, before its blocks are tokenized one by one."""
        wanted = []
        for chunk in text.split():
            if len(chunk) > _LONGEST or not (
                "'" in chunk or "." in chunk or "annot" in chunk.lower()
            ):
                continue
            for form in _peeled(chunk):
                if form in self.exceptions and form not in self.added:
                    wanted.append(form)
                    self.added.add(form)
        for form in wanted:
            self.tokenizer.add_special_case(form, self.exceptions[form])

    def entries(self, name: str) -> list[tuple[Any, tuple[frozenset[str], ...]]]:
        """Each entry of lexicons/patterns/<name>.yml with its anchors (see `_anchors`)."""
        if name not in self._entries:
            self._entries[name] = [
                (entry, _anchors(entry.pattern)) for entry in lexicon.pattern_file(name)
            ]
        return self._entries[name]

    def matcher(self, entry: Any) -> Any:
        """The Matcher for one pattern entry, built the first time a text has its anchors' words."""
        key = self.register(entry)
        found = self._matchers.get(key)
        if found is None:
            from spacy.matcher import Matcher

            found = self._matchers[key] = Matcher(self.vocab, validate=False)
            found.add(key, [self._patterns[key]])
        return found

    def __call__(
        self, text: str, pattern_files: Iterable[str]
    ) -> tuple[Any, list[tuple[str, str, Any]]]:
        """The tokenized, sentence-split doc and its (label, id, span) matches, deduplicated.

        spaCy's Matcher tries every pattern at every token, in Python for list and regex
        predicates; a pattern is run only on text that has a word for each of its
        anchors, which makes a long document several times faster to match.
        """
        sdoc = self.sentencizer(self.tokenize(text))
        spans = [(*self.keys[k], sdoc[a:b]) for k, a, b in self.match(sdoc, tuple(pattern_files))]
        return sdoc, spans

    def gate(self, names: tuple[str, ...]) -> _Gate:
        """The entries of these pattern files, indexed by their anchors' words."""
        found = self._gates.get(names)
        if found is None:
            found = self._gates[names] = _Gate(
                [e for name in names for e in self.entries(name)], self.vocab.strings.add
            )
        return found

    def match(self, sdoc: Any, names: tuple[str, ...]) -> list[tuple[int, int, int]]:
        """(key, start token, end token) of every match of these pattern files in `sdoc`,
        deduplicated, in order of start, end and key. A pattern is run only on text
        that has a word for each of its anchors, which makes a long document several
        times faster to match: the words are looked up in an index of anchor words,
        not tried against every pattern. Of those, a pattern with two neighbouring
        tokens pinned (`_pair`: "at" then a number) is run only where two neighbouring
        words meet them: on the 496-page pack, a fifth of the patterns that pass the
        anchors find anything."""
        from spacy.attrs import LOWER

        gate = self.gate(names)
        lower = sdoc.to_array(LOWER).tolist()
        chosen = gate.eligible(set(lower))
        if chosen:
            chosen = gate.adjacent(chosen, sdoc, lower)
        if not chosen:
            return []
        found = {(k, a, b) for k, a, b in self.combined(gate, chosen)(sdoc) if b > a}
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))

    def combined(self, gate: _Gate, chosen: tuple[int, ...]) -> Any:
        """One Matcher holding the patterns of the `chosen` entries of `gate`, kept for
        the next text that can match the same entries (a run of letters has a few dozen
        such sets). spaCy's Matcher walks the text once a call, making a Token object
        for each word twice over, whatever the number of patterns: one call with the
        patterns a text can match costs about 60 % of one call a pattern. Its matches
        are those of the separate Matchers: each (key, start, end) a pattern finds."""
        found = gate.matchers.get(chosen)
        if found is None:
            from spacy.matcher import Matcher

            if len(gate.matchers) >= MAX_COMBINED:
                gate.matchers.clear()  # an unusual run of texts: memory stays bounded
            found = Matcher(self.vocab, validate=False)
            for key in dict.fromkeys(self.register(gate.entries[k]) for k in chosen):
                found.add(key, [self._patterns[key]])
            gate.matchers[chosen] = found
        return found

    def register(self, entry: Any) -> str:
        """The match key of a pattern entry ("LABEL/id"), known to `keys` and `_patterns`
        (the first entry to use a key gives its pattern, as `matcher` does)."""
        key = f"{entry.label}/{entry.id}"
        if key not in self._patterns:
            self.keys[self.vocab.strings.add(key)] = (entry.label, entry.id)
            self._patterns[key] = entry.pattern
        return key

    def sentence_spans(self, sdoc: Any) -> list[tuple[int, int]]:
        """(start, end) characters of each sentence of `sdoc`, as spaCy's Sentencizer
        (default punctuation) splits it: a sentence ends after a run of . ! ? (and the
        other stops it knows) and any punctuation that follows. The same decisions as
        `Sentencizer.predict`, read from token arrays rather than Token objects
        (tests/test_throughput.py compares the two)."""
        from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

        if len(sdoc) == 0:
            return []
        rows = sdoc.to_array([ORTH, IS_PUNCT, IDX, LENGTH]).tolist()
        stops, strings, punct = self._stops, self.vocab.strings, self.sentencizer.punct_chars
        starts = [0]
        seen_stop = False
        for i, (orth, is_punct, _, _) in enumerate(rows):
            stop = orth in stops and strings[orth] in punct
            if seen_stop and not is_punct and not stop:
                starts.append(i)
                seen_stop = False
            elif stop:
                seen_stop = True
        ends = [*starts[1:], len(rows)]
        return [
            (rows[a][2], rows[b - 1][2] + rows[b - 1][3]) for a, b in zip(starts, ends, strict=True)
        ]


_Need = frozenset[int] | str  # a token's word (string ids of its lower-case forms) or flag
_FLAGS = ("LIKE_NUM", "IS_TITLE")  # flags a required token may be pinned by


def _required(token: dict[str, Any]) -> bool:
    """Whether a pattern token must match at least one word ("?", "*", "{0,..}",
    "{,..}" let it be absent; "!" negates it)."""
    op = str(token.get("OP", ""))
    return not (op in ("?", "*", "!") or op.startswith("{0") or op.startswith("{,"))


def _pinned(token: dict[str, Any]) -> frozenset[str] | str | None:
    """What a required token needs of the word it matches, if it is one thing a text can
    be searched for: its lower-case forms (LOWER, ORTH or TEXT, a string or an IN list),
    else a flag set to true (LIKE_NUM, IS_TITLE)."""
    for attr in ("LOWER", "ORTH", "TEXT"):
        value = token.get(attr)
        if isinstance(value, str):
            return frozenset({value.lower()})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(str(v).lower() for v in value["IN"])
    for flag in _FLAGS:
        if token.get(flag) is True:
            return flag
    return None


def _pair(
    pattern: list[dict[str, Any]],
) -> tuple[frozenset[str] | str, frozenset[str] | str] | None:
    """The first two neighbouring tokens of `pattern` that are both required and pinned,
    one of them by words: a match has two neighbouring words that meet them (the last
    repeat of the first, the first repeat of the second), so a text without such a
    pair cannot match."""
    for a, b in itertools.pairwise(pattern):
        if not (_required(a) and _required(b)):
            continue
        first, second = _pinned(a), _pinned(b)
        if (
            first is not None
            and second is not None
            and not (isinstance(first, str) and isinstance(second, str))
        ):
            return first, second
    return None


class _Gate:
    """Pattern entries indexed by the words of their anchors (see `_anchors`): the
    entries a text can match are found from its words, each word looked up once,
    rather than by trying every entry's anchors against the text."""

    def __init__(
        self,
        entries: list[tuple[Any, tuple[frozenset[str], ...]]],
        string_id: Callable[[str], int],
    ) -> None:
        self.entries = [entry for entry, _ in entries]
        self.always = [k for k, (_, anchors) in enumerate(entries) if not anchors]
        self.full = [(1 << len(anchors)) - 1 for _, anchors in entries]
        self.index: dict[int, list[tuple[int, int]]] = {}
        self.matchers: dict[tuple[int, ...], Any] = {}  # chosen entries -> their Matcher
        for k, (_, anchors) in enumerate(entries):
            for n, words in enumerate(anchors):
                for word in words:
                    self.index.setdefault(string_id(word), []).append((k, 1 << n))
        # per entry, two neighbouring tokens it requires (see `_pair`), as string ids
        self.pairs: list[tuple[_Need, _Need] | None] = []
        for entry, _ in entries:
            pair = _pair(entry.pattern)
            if pair is None:
                self.pairs.append(None)
                continue
            first, second = (
                need if isinstance(need, str) else frozenset(map(string_id, need)) for need in pair
            )
            self.pairs.append((first, second))

    def eligible(self, words: set[int]) -> tuple[int, ...]:
        """The entries (their positions in `entries`) with a word of `words` (lower-case
        string ids) for each anchor."""
        hits: dict[int, int] = {}
        index = self.index
        for word in words:
            for k, bit in index.get(word, ()):
                hits[k] = hits.get(k, 0) | bit
        full = self.full
        return tuple(sorted([*self.always, *(k for k, got in hits.items() if got == full[k])]))

    def adjacent(self, chosen: tuple[int, ...], sdoc: Any, lower: list[int]) -> tuple[int, ...]:
        """Those of `chosen` whose pair of neighbouring tokens (`_pair`) the text has."""
        flags: dict[str, list[int]] = {}
        where: dict[int, list[int]] | None = None
        kept = []
        for k in chosen:
            pair = self.pairs[k]
            if pair is None:
                kept.append(k)
                continue
            if where is None:
                where = {}
                for i, word in enumerate(lower):
                    where.setdefault(word, []).append(i)
            first, second = pair
            if isinstance(first, str):  # a flag, then words: look from the words back
                assert not isinstance(second, str)  # (`_pair` pins one of the two by words)
                starts = [i - 1 for w in second for i in where.get(w, ()) if i > 0]
                ok = _flag(flags, sdoc, first)
                found = any(ok[i] for i in starts)
            else:
                starts = [i for w in first for i in where.get(w, ()) if i + 1 < len(lower)]
                if isinstance(second, str):
                    ok = _flag(flags, sdoc, second)
                    found = any(ok[i + 1] for i in starts)
                else:
                    found = any(lower[i + 1] in second for i in starts)
            if found:
                kept.append(k)
        return tuple(kept)


def _flag(cache: dict[str, list[int]], sdoc: Any, name: str) -> list[int]:
    """A flag's value for each token of `sdoc`, read once a text."""
    if name not in cache:
        from spacy import attrs

        cache[name] = sdoc.to_array(getattr(attrs, name)).tolist()
    return cache[name]


def _anchors(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """For each token `pattern` requires that is pinned to a word or a list of words,
    those words lower-cased: a text can match only if it has one word of each.

    A token is required unless its OP lets it be absent ("?", "*", "{0,..}", "{,..}")
    or negates it ("!"); it is pinned when LOWER, ORTH or TEXT is a string or an IN list.
    """
    anchors = []
    for token in pattern:
        op = str(token.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith("{0") or op.startswith("{,"):
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = token.get(attr)
            if isinstance(value, str):
                anchors.append(frozenset({value.lower()}))
                break
            if isinstance(value, dict) and set(value) == {"IN"}:
                anchors.append(frozenset(str(v).lower() for v in value["IN"]))
                break
    return tuple(anchors)


_LONGEST = 40  # no exception, with the punctuation around it, is longer
_TRAILING = "\"'.,;:!?)]}>\u201d\u2019*_-"


def _peeled(chunk: str) -> set[str]:
    """`chunk` cut after any character that is not a letter (spaCy splits off prefixes
    such as brackets, quotes, "£" and digits) and with any run of closing punctuation
    taken off, in every combination: "(Mr.," gives "Mr.", "£1.8m." gives "m."."""
    heads = [chunk] + [chunk[i:] for i in range(1, len(chunk)) if not chunk[i - 1].isalpha()]
    out = set()
    for head in heads:
        form = head
        out.add(form)
        while form and form[-1] in _TRAILING:
            form = form[:-1]
            out.add(form)
    return out


def _exceptions(rules: dict[str, Any]) -> dict[str, Any]:
    """spaCy's English tokenizer exceptions that can occur in prepared text.

    Kept: contractions written with a straight apostrophe ("won't", "I'll": `prepare`
    has already straightened curly ones), abbreviations with a full stop ("Mr.",
    "a.m.") and "cannot" (as "can" + "not"). Dropped: the curly-apostrophe twins, emoticons, and apostrophe-less
    forms ("dont", "wed", "Wed" split as "We" + "d"), which in council letters are
    more often words or day names than contractions. That keeps 509 of 1,347
    entries and saves most of the tokenizer's set-up time.
    """
    return {
        k: v
        for k, v in rules.items()
        if (("'" in k or "." in k) and "\u2019" not in k and any(c.isalpha() for c in k))
        or k.lower() == "cannot"
    }


@functools.cache
def pipeline() -> Pipeline:
    built = Pipeline()
    if not gc.isenabled():  # the command paused collection for start-up (entry.py)
        gc.freeze()
        gc.enable()
    return built


def prepare(text: str) -> str:
    return text.translate(_SAME_LENGTH)


PROGRESS_MIN_BLOCKS = 500  # documents this long (agenda packs) report progress while matched
PROGRESS_EVERY = 100  # paragraphs between progress steps


def annotate(doc: Document, pattern_files: Iterable[str] | None = None) -> None:
    """Fill doc.matches (per label) and doc.sentences from the blocks' text.

    pattern_files: the lexicon pattern files to run (names without .yml); None runs all.
    """
    names = sorted(lexicon.pattern_files() if pattern_files is None else pattern_files)
    nlp = pipeline()
    blocks = [b for b in doc.blocks if b.text.strip()]
    # every label asked for is present, found or not: a rule that reads a label nobody
    # asked for gets an error (Document.matches_of), not silently nothing
    matches: dict[str, list[Match]] = {
        e.label: [] for n in names for e in lexicon.pattern_file(n)[:1]
    }
    sentences: list[tuple[int, int]] = []
    files = tuple(names)
    pieces = [list(_chunks(block.text)) for block in blocks]
    # the exceptions of every piece spaCy is given, as `tokenize` adds them, all at once
    nlp.add_exceptions(
        "\n".join(
            prepare(block.text[a:b])
            for block, cut in zip(blocks, pieces, strict=True)
            for a, b in cut
        )
    )
    for k, (block, cut) in enumerate(zip(blocks, pieces, strict=True)):
        if len(blocks) >= PROGRESS_MIN_BLOCKS and k % PROGRESS_EVERY == 0:
            progress.step("paragraphs", k, len(blocks))
        for a, b in cut:
            text = block.text[a:b]
            sdoc = nlp.tokenizer(prepare(text))
            base = block.start + a
            for start, end in nlp.sentence_spans(sdoc):
                sentences += [(base + x, base + y) for x, y in _split_lines(text, start, end)]
            for key, first, last in nlp.match(sdoc, files):
                label, pid = nlp.keys[key]
                span = sdoc[first:last]
                matches.setdefault(label, []).append(
                    Match(label, pid, base + span.start_char, base + span.end_char)
                )
    for found in matches.values():
        found.sort(key=lambda m: (m.start, -m.end))
    doc.matches.update(matches)
    doc.sentences = sorted(sentences)


MAX_COMBINED = 1024  # Matchers kept for sets of patterns (see Pipeline.combined)
CHUNK = 50_000  # characters of one block given to spaCy at a time: bounded memory


def _chunks(text: str, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters, cut after a line break, a
    sentence's stop or a space where there is one: a paragraph this long is a page's
    worth of text run together, not a sentence."""
    start = 0
    while len(text) - start > size:
        end = start + size
        for sep in ("\n", ". ", " "):
            cut = text.rfind(sep, start + size // 2, end)
            if cut > 0:
                end = cut + len(sep)
                break
        yield start, end
        start = end
    yield start, len(text)


_LINE_END = re.compile(r"(?<=[.!?:;])[\"'\u201d\u2019)]?\n")
_NEXT_CHAR = re.compile(r"[ \t]*(\S)")
SHORT_LINE = 50  # characters: a line this short that ends without a stop is a heading or an item


HEADING_LINE = 100  # characters: the longest line read as a heading over a paragraph
PARAGRAPH_RATIO = 2  # the line after a heading is at least this many times as long


def _heading_over_paragraph(text: str, line_start: int, pos: int, end: int) -> bool:
    """A line of a headline's length ("Greens can't be trusted with the finances")
    over a line at least twice as long, the paragraph it heads: a hard-wrapped
    paragraph's lines are of a length."""
    if pos - line_start > HEADING_LINE:
        return False
    after = text.find("\n", pos + 1, end)
    following = (after if after >= 0 else end) - pos - 1
    return following >= PARAGRAPH_RATIO * (pos - line_start)


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence that runs over a line break is two sentences when the line ends with
    . ! ? : or ;, when the next line is a list item, or when the line is a short one
    (SHORT_LINE) and the next opens with a capital: web pages copied as text put
    headings, menus and list items on lines of their own. The newline is hidden from
    spaCy to keep a hard-wrapped paragraph's lines whole."""
    cuts = {m.end() - 1 for m in _LINE_END.finditer(text, start, end)}
    pos = text.find("\n", start, end)
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        following = _NEXT_CHAR.match(text, pos + 1)
        if LIST_ITEM.match(text, pos + 1) or (
            following is not None
            and following.group(1).isupper()
            and (
                pos - line_start <= SHORT_LINE
                or _heading_over_paragraph(text, line_start, pos, end)
            )
        ):
            cuts.add(pos)
        pos = text.find("\n", pos + 1, end)
    out = []
    for cut in sorted(cuts):
        out.append((start, cut))
        start = cut + 1
    out.append((start, end))
    return [(a, b) for a, b in out if b > a]


def spans_in(text: str) -> list[tuple[str, str, str]]:
    """(label, id, text) of every pattern that fires on `text`: for lexicon tests."""
    _, spans = pipeline()(prepare(text), lexicon.pattern_files())
    return [(label, pid, span.text) for label, pid, span in spans]
