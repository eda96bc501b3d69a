"""Party and group mentions: lexicons/parties.txt plus `[parties] names` in config.

Forms that are also ordinary words ("Green", "Labour", "Independent") count as a
party only next to a political word from words/party-context.txt ("the Green
group", "Labour-run", "years of Labour neglect"), or as a plural after "the"
("the Greens"). Matching is case-sensitive: "green waste" is never a party.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from protocheck.language import lexicon
from protocheck.model.document import Document, Match

LABEL = "PARTY"


@dataclass(frozen=True)
class Form:
    party: str
    text: str
    ambiguous: bool  # "Green?": the party only next to a political word
    capitalised: bool = False  # "Labour~": the party when capitalised inside a sentence


@functools.cache
def forms() -> tuple[Form, ...]:
    out = []
    for line in lexicon.word_list("parties"):
        name, sep, variants = line.partition(":")
        if not sep:
            raise lexicon.LexiconError(
                "lexicons/parties.txt", line, "expected 'Party: form, form, ...'"
            )
        for v in variants.split(","):
            v = v.strip()
            if v:
                out.append(
                    Form(name.strip(), v.rstrip("?~"), v.endswith(("?", "~")), v.endswith("~"))
                )
    return tuple(sorted(out, key=lambda f: -len(f.text)))


@functools.cache
def _context() -> frozenset[str]:
    return frozenset(lexicon.word_list("words/party-context"))


@functools.cache
def _regex(extra: tuple[str, ...]) -> re.Pattern[str]:
    texts = [f.text for f in forms()] + list(_shouted()) + list(extra)
    alts = "|".join(re.escape(t) for t in sorted(set(texts), key=len, reverse=True))
    return re.compile(rf"(?<![\w'-])({alts})(?![\w])")


@functools.cache
def _context_after_only() -> frozenset[str]:
    return frozenset(lexicon.word_list("words/party-context-after-only"))


CONTEXT_REACH = (
    40  # characters after a party form read for the next word ("Green group", "Labour-run")
)
CONTEXT_REACH_BEFORE = 30  # characters before it read for the word before ("the Greens")
HASHTAG_FORM_CHARS = 3  # a form inside a hashtag counts only if longer: "Con", "Lab" hide in "#Consultation", "#Labs"
_HASHTAG = re.compile(r"#\w+")
_NEXT_WORD = re.compile(r"^(?:'s|’s)?[\s-]*([A-Za-z]+(?:['’][a-z]+)?)")
_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z]")  # "Labour Market Fund": a name, not the party


SHOUTED_MIN = 4  # letters a form needs before its capitals count ("TORIES", not "LIB")


@functools.cache
def _shouted() -> dict[str, Form]:
    """Forms as a headline or an opening word writes them in capitals ("CONSERVATIVES on
    the council voted ..."), for forms that are not already capitals ("SNP")."""
    return {
        f.text.upper(): f
        for f in forms()
        if len(f.text) >= SHOUTED_MIN and f.text.upper() != f.text
    }


@functools.cache
def _by_text() -> dict[str, Form]:
    """Each form by the text it is written in, capitals included."""
    return {**_shouted(), **{f.text: f for f in forms()}}


def mentions(text: str, extra: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, party) of each party mention in `text`."""
    by_text = _by_text()
    out = []
    for m in _regex(extra).finditer(text):
        form = by_text.get(m.group(1))
        if form is None:  # a local group from config
            out.append((m.start(), m.end(), m.group(1)))
            continue
        if (
            form.ambiguous
            and not (form.capitalised and _capitalised_in_sentence(text, m.start(), m.end()))
            and not _political_context(text, m.start(), m.end(), form.text)
        ):
            continue
        out.append((m.start(), m.end(), form.party))
    for tag in _HASHTAG.finditer(text):  # "#LabourDelivers", "#VoteGreen"
        for form in forms():
            if (
                len(form.text) > HASHTAG_FORM_CHARS
                and " " not in form.text
                and form.text.lower() in tag.group(0).lower()
            ):
                out.append((tag.start(), tag.end(), form.party))
                break
    return out


_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\"“”‘(\n\u2013\u2014-])\s*$")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’]*\s+$")


def _capitalised_in_sentence(text: str, start: int, end: int) -> bool:
    """ "Disappointingly, Labour sat ...": a capital inside a sentence, in no longer name
    ("Labour Market Fund", "Minister of Labour"), is the party's."""
    before = text[max(0, start - CONTEXT_REACH_BEFORE) : start]
    return not (
        _SENTENCE_OPENS.search(before)
        or _CAPITALISED_BEFORE.search(before)
        or _NAME_GOES_ON.match(text, end)
        or (text[end : end + 1] in ("'", "’", "-") and _NAME_GOES_ON.match(text, end + 2))
    )


def _political_context(text: str, start: int, end: int, form: str) -> bool:
    nxt = _NEXT_WORD.match(text[end : end + CONTEXT_REACH])
    if nxt and lexicon.phrase("council-tier").fullmatch(nxt.group(1)):
        # "Labour County Councillor": the tier, then the political word
        nxt = _NEXT_WORD.match(text[end + nxt.end() : end + nxt.end() + CONTEXT_REACH])
    word = nxt.group(1).lower().replace("’", "'") if nxt else ""
    if word in _context() or word.removesuffix("'s") in _context():
        # "Labour neglect", "Labour can't be trusted", "the Conservative Council's drive"
        return True
    if lexicon.phrase("credited-to-party").search(
        text[max(0, start - CONTEXT_REACH_BEFORE) : start]
    ) and not _NAME_GOES_ON.match(text, end):
        return True  # "thanks to Labour", not "under the Labour Market Fund"
    prev = _PREV_WORD.search(text[max(0, start - CONTEXT_REACH_BEFORE) : start])
    prev_word = prev.group(1).lower() if prev else ""
    if form.endswith("s") and prev_word == "the":
        return True  # "the Greens", "the Independents"
    if text[end : end + 2] in ("'s", "\u2019s") and _SENTENCE_OPENS.search(
        text[max(0, start - CONTEXT_REACH_BEFORE) : start]
    ):
        return (
            True  # "Labour's choice was to ..." opening a sentence, not "the village Green's pond"
        )
    return prev_word in _context() and prev_word not in _context_after_only()


def mark(doc: Document) -> None:
    """Add PARTY matches to the document (after the language pipeline has run)."""
    extra = tuple(doc.config.parties) if doc.config else ()
    found = []
    for block in doc.blocks:
        for s, e, party in mentions(block.text, extra):
            found.append(Match(LABEL, party, block.start + s, block.start + e))
    doc.matches[LABEL] = found
