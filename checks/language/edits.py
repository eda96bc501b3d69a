"""Edits to an officer report: who made them, where, and whether they change substance.

Tracked changes in a block are paired into edits: a deletion with the insertion
beside it by the same author is one replacement. An edit is a Member's when its
author is a Member (title, "Cllr", or a roster name or alias). Whether it changes
substance is the protocol's judgement (North East Derbyshire 7.5-7.6): a typo,
punctuation, a date written another way, a duplicate removed or text added is not;
an option, a negation or hedge, a figure, a recommendation's verb or choice, a
statement on legality or finance, a consultation response removed or changed is.

Which report rule a Member's substantive edit falls under is each rule's own judgement:
`claims(section, about)` in checks/rules/reports/rpt001-rpt005. One edit is one finding,
so where two rules could claim it they yield in one order, each `claims` saying to whom:
1. the recommendations or their reasons (RPT003), whatever the words are about;
2. a statutory statement, key decision or statutory officer (RPT004), wherever it stands;
3. the officer's advice (RPT002), wherever it stands;
4. the section the edit stands in, one of REPORT_SECTIONS (in the consultation section,
   only what people said: RPT005);
5. outside those sections, what the words are about.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from protocheck.language import dates, lexicon, people
from protocheck.model.document import Block, Change, Document, Hit, Person

_WORD = re.compile(r"[a-z0-9£%]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d[\d,.]*")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
NUMBER_WORDS.update(
    {
        w: i
        for i, w in enumerate(
            [
                "zeroth",
                "first",
                "second",
                "third",
                "fourth",
                "fifth",
                "sixth",
                "seventh",
                "eighth",
                "ninth",
                "tenth",
            ]
        )
    }
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*\(?\d+(\.\d+)*\)?\.?\s*")
DRAFTING_NOTE = re.compile(
    r"^\s*\[[^\]]*\]\s*$|^\s*(drafting note|note to (author|officers?|editor))\b", re.IGNORECASE
)


@dataclass
class Edit:
    block: Block
    deleted: str
    inserted: str
    author: str | None
    date: str | None
    offset: int  # where in Document.text the edit sits
    change: Change  # the deletion when there is one, else the insertion
    editor: Person | None = None

    @property
    def kind(self) -> str:
        if self.deleted and self.inserted:
            return "replacement"
        return "deletion" if self.deleted else "insertion"

    @property
    def section(self) -> str | None:
        """The report section the edit stands in (sections.mark), or None."""
        return self.block.meta.get("section")

    @functools.cached_property
    def about(self) -> str | None:
        """What the edit is about (edit-topics.yml): the changed words, else their paragraph."""
        return topic(self.deleted or self.inserted) or topic(self.block.text)


def _editor(author: str | None, doc: Document) -> Person | None:
    if not author:
        return None
    person = people.make_person(author, None, None, doc.config, "tracked change")
    if (
        not person.is_member
        and not person.is_officer
        and re.match(r"^(cllr|councillor)\b", author, re.IGNORECASE)
    ):
        person.is_member = True
    return person


def edits(doc: Document) -> list[Edit]:
    """The tracked changes of every block as edits; a deletion and the insertion beside it
    by the same author are one replacement. A move (w:moveFrom / w:moveTo) is not an edit."""
    out: list[Edit] = []
    for block in doc.blocks:
        changes = [c for c in block.changes if c.text.strip() and c.type != "move"]
        used: set[int] = set()
        for i, c in enumerate(changes):
            if i in used:
                continue
            other = "insertion" if c.type == "deletion" else "deletion"
            j = next(
                (
                    j
                    for j in range(i + 1, min(i + 3, len(changes)))
                    if j not in used
                    and changes[j].type == other
                    and changes[j].author == c.author
                    and abs(changes[j].start - c.end) <= 2
                ),
                None,
            )
            partner = changes[j] if j is not None else None
            if j is not None:
                used.add(j)
            deletion = c if c.type == "deletion" else partner
            insertion = c if c.type == "insertion" else partner
            out.append(
                Edit(
                    block,
                    deletion.text if deletion else "",
                    insertion.text if insertion else "",
                    c.author,
                    c.date,
                    c.start,
                    deletion or c,
                    _editor(c.author, doc),
                )
            )
    return out


@functools.cache
def _substance_words() -> frozenset[str]:
    return frozenset(lexicon.word_list("words/substance-words"))


@functools.cache
def _negations() -> frozenset[str]:
    return frozenset(lexicon.word_list("words/negations"))


def _negation_count(words: list[str]) -> int:
    return sum(w in _negations() or w.endswith("n't") for w in words)


def topic(text: str) -> str | None:
    """What a passage is about (edit-topics.yml), whatever section it is in."""
    for name, patterns in lexicon.regex_table("sections/edit-topics.yml"):
        if any(p.search(text) for p in patterns):
            return name
    return None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def substantive(edit: Edit, doc: Document) -> str | None:
    """Why the edit changes substance, or None when it does not."""
    old, new = _words(edit.deleted), _words(edit.inserted)
    if old == new:
        return None  # punctuation, spacing or capitals only
    key = _substance_words() | _negations()
    if DRAFTING_NOTE.match(edit.deleted) and not edit.inserted.strip():
        return None  # "[Officer note: ... delete before publication]"
    if edit.kind == "insertion" or (
        edit.kind == "replacement" and set(old) <= set(new) and not set(new) - set(old) & key
    ):
        # added text is allowed; a word or two slipped into a sentence can still turn it round
        added = [w for w in new if w not in old]
        if len(added) <= 3 and set(added) & key:
            return "inserts a negation, hedge or decision word"
        advice = edit.section == "advice" or topic(edit.block.text) == "advice"
        if (
            advice
            and set(added) & _negations()
            and lexicon.phrase("contrary-insertion").search(edit.inserted)
        ):
            return "inserts words that reverse the officers' advice"  # ", but this concern no longer applies"
        return None
    if edit.kind == "deletion":
        body = _words(_NUMBERING.sub("", edit.deleted))
        if len(body) >= 3 and " ".join(body) in _flat(doc):
            return None  # the same words stand elsewhere: a duplicate removed
        if len(old) <= 2:
            if set(old) & key:
                return "removes a negation, hedge or decision word"
            return "removes a figure" if _NUMBER.search(edit.deleted) else None  # else a stray word
        return "removes text"
    old_figures, new_figures = _figures(edit.deleted), _figures(edit.inserted)
    if old_figures != new_figures:
        counts = _distinct_figures(doc)
        new_only = new_figures - old_figures
        # the inserted figure is itself in the text once: it must stand somewhere else as well
        if not old_figures or not new_only or any(counts.get(n, 0) < 2 for n in new_only):
            return "changes a figure"
        # a distinctive figure (125,000) that already stands elsewhere in the report: a slip corrected
    baseline = lexicon.phrase("baseline-option")
    if _negation_count(old) != _negation_count(new) and not (
        baseline.search(edit.deleted) and baseline.search(edit.inserted)
    ):  # "do minimum" -> "make no changes"
        return "turns a statement round (a negation added or removed)"
    if len(old) <= 6 and len(new) <= 6 and (set(old) ^ set(new)) & _substance_words():
        return "changes a hedge or decision word"  # "will" -> "may", "approve" -> "note"
    if len(old) <= 3 and not set(old) & key:
        return None  # a short phrase reworded ("do minimum" -> "keep the current service")
    ratio = difflib.SequenceMatcher(None, old, new).ratio()
    chars = difflib.SequenceMatcher(None, " ".join(old), " ".join(new)).ratio()
    if chars >= 0.85 or ratio >= 0.75:
        return None  # a typo fixed or a word or two reworded
    kept = {word_root(w) for w in new}
    gone = [w for w in old if len(w) > 3 and word_root(w) not in kept]
    return "replaces the wording" if len(gone) >= 2 else None


_NEGATIVE_PREFIX = re.compile(r"^(un|in|im|non)(?=[a-z]{5})")
_SUFFIX = re.compile(r"(ability|ibility|able|ible|ation|ings?|ed|es|s|ly)$")


def word_root(word: str) -> str:
    """The word without a negative prefix and one suffix, so that a rewording that keeps
    its words is seen as such: "unaffordable" and "afforded" are both "afford".

    A suffix rule, not a lemmatizer: spaCy's lookup lemmas (spacy-lookups-data) keep
    "unaffordable" whole, and with them an officer's advice reworded in other words
    ("unaffordable" -> "cannot be afforded") reads as replaced. The prefix goes only
    before five letters or more ("index", "unit" stay whole). It is crude ("imports" ->
    "port") and serves one question only: whether a long rewording dropped words.
    """
    return _SUFFIX.sub("", _NEGATIVE_PREFIX.sub("", word))


def _flat(doc: Document) -> str:
    """The document's words, lower case, one space apart (for finding duplicates)."""
    return doc.analysis(_flat_words)


def _flat_words(doc: Document) -> str:
    return " ".join(_words(doc.text))


def _distinct_figures(doc: Document) -> dict[str, int]:
    """How often each figure of four or more characters stands in the document (125,000; 2027)."""
    return doc.analysis(_figures_counted)


def _figures_counted(doc: Document) -> dict[str, int]:
    from collections import Counter

    return Counter(n.rstrip(".,") for n in _NUMBER.findall(doc.text) if len(n.rstrip(".,")) >= 4)


def _figures(text: str) -> set[str]:
    """The figures in a passage, dates left out (a date corrected or written another way is
    not substance) and numbers written as words or ordinals read as digits ("third", "3rd")."""
    text = dates.without_dates(text)
    text = _ORDINAL.sub(r"\1", text)
    text = _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group(0).lower()]), text)
    return {n.rstrip(".,") for n in _NUMBER.findall(text)}


REPORT_SECTIONS = frozenset(
    {
        "options",
        "advice",
        "recommendations",
        "reasons",
        "key-decision",
        "statutory-officer",
        "legal",
        "financial",
        "consultation",
    }
)
"""The sections of an officer report that one of the report rules (RPT001-RPT005) watches,
each rule its own (its `SECTIONS`). Inside one of them the section decides which rule an
edit falls under; outside them (purpose, risk, equality, no heading) what its words are about
decides. The rules share the list so that a topic never takes an edit from a watched section."""


def member_edits(doc: Document) -> list[tuple[Edit, str]]:
    """(edit, why it changes substance) for each Member's edit that changes substance, in
    document order. Which report rule, if any, an edit falls under is each rule's own
    judgement (its `claims`, from `edit.section` and `edit.about`)."""
    return doc.analysis(_member_edits)


def _member_edits(doc: Document) -> list[tuple[Edit, str]]:
    out = []
    for edit in edits(doc):
        if edit.editor is None or not edit.editor.is_member:
            continue  # officers' own edits are never flagged
        why = substantive(edit, doc)
        if why is not None:
            out.append((edit, why))
    return out


def finding(edit: Edit, why: str, what: str) -> Hit:
    """The finding for a Member's edit: `what` names what the edit touched ("an option")."""
    heading = edit.block.meta.get("heading") or "the report"
    who = edit.editor.short() if edit.editor else (edit.author or "a Member")
    verb = {"deletion": "deletes", "insertion": "inserts", "replacement": "changes"}[edit.kind]
    return Hit(
        edit.offset,
        edit.offset,
        f"{who}'s edit {verb} {what} in '{heading}' ({why})",
        change=edit.change,
        text=edit.deleted or edit.inserted,
    )
