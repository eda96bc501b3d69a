"""Rulebooks: documents that state the protocol's rules rather than break them.

A council's Member/Officer protocol, its pre-election guidance, a code of conduct or
a report proposing changes to one of them is full of sentences that read like
breaches out of context: "Officers must not relay the content of political group
discussions", "You should not issue photographs which include candidates". A
document holding at least `MIN_STATEMENTS` rule statements about a class of people
("Members", "an Officer", "political group meetings") is a rulebook. In a rulebook,
a finding whose sentence states a rule in general terms, or is an item of a list
that such a statement opens ("You should not:", "Members Don't"), is dropped.

A sentence about a particular occasion is never a rule statement, in a rulebook or
not: one in the first person singular, naming a party, or giving a day or date
("Officers will brief the Labour group on 3 March").

The words are data: lexicons/phrases.yml `rule-modal`, `generic-class`,
`addressed-class`, `rule-lead-in`, `first-person-singular`, `particular-occasion`, `rulebook-self` and
`rulebook-title`.
"""

from __future__ import annotations

from protocheck.language import lexicon, politics
from protocheck.model.document import LIST_ITEM, Document

MIN_STATEMENTS = 3  # rule statements about a class of people that make a document a rulebook
LIST_REACH = 15  # list items walked back to find the statement that opens the list
TITLE_REACH = 8  # opening body paragraphs searched for a title or a "this guidance ..." line
TITLE_WORDS = (
    14  # a title line ("Member/Officer Protocol: Frequently Asked Questions"); longer is prose
)
LEAD_IN_WORDS = 6  # a bare lead-in ("Members Don't", "You should not:") that states no rule itself


def particular(text: str) -> bool:
    """Whether `text` speaks of a particular occasion: first person singular, a party, a date."""
    return bool(
        lexicon.phrase("first-person-singular").search(text)
        or lexicon.phrase("particular-occasion").search(text)
        or politics.mentions(text)
    )


def states_rule(text: str, addressed: bool = False) -> bool:
    """Whether `text` states a rule about a class of people (or, if `addressed`, to its reader)."""
    modal = lexicon.phrase("rule-modal").search(text)
    if modal and lexicon.phrase("generic-class").search(text):
        return not particular(text)
    return (
        addressed
        and bool(lexicon.phrase("addressed-class").search(text))
        and (bool(modal) or bool(lexicon.phrase("rule-lead-in").search(text)))
        and not particular(text)
    )


def is_rulebook(doc: Document) -> bool:
    """Whether the document states rules: it names itself as a protocol, guidance or code
    (in a title line or "this guidance sets out ..."), or it holds at least MIN_STATEMENTS
    rule statements about a class of people."""
    return doc.analysis(_rulebook)


def _rulebook(doc: Document) -> bool:
    return _titled(doc) or _counted(doc)


def _titled(doc: Document) -> bool:
    body = [b for b in doc.blocks if b.in_body and b.text.strip()][:TITLE_REACH]
    title = lexicon.phrase("rulebook-title")
    if any(
        len(ln.split()) <= TITLE_WORDS and title.search(ln)
        for b in body
        for ln in b.text.splitlines()
    ):
        return True
    opening = doc.text[body[0].start : body[-1].end] if body else ""
    return bool(lexicon.phrase("rulebook-self").search(opening))


def _counted(doc: Document) -> bool:
    found = 0
    for s, e in doc.sentences:
        if states_rule(doc.text[s:e]):
            found += 1
            if found >= MIN_STATEMENTS:
                return True
    return False


def describes(doc: Document, sentence: tuple[int, int]) -> bool:
    """Whether `sentence` speaks of rules in general. In a rulebook: a rule statement, a
    sentence about a class of people or about the rulebook itself that names no
    particular occasion, or an item of a list that a rule statement opens. In any
    document: an item of a list that a prohibition opens ("you will not be able to:")."""
    text = doc.text[sentence[0] : sentence[1]]
    if particular(text):
        return False
    if not is_rulebook(doc):
        lead = _lead_in(doc, sentence, text)
        return lead is not None and bool(lexicon.phrase("prohibition-lead-in").search(lead))
    if states_rule(text, addressed=True):
        return True
    if lexicon.phrase("generic-class").search(text) or lexicon.phrase("rulebook-self").search(text):
        return True
    lead = _lead_in(doc, sentence, text)
    return (
        lead is not None
        and bool(lexicon.phrase("rule-lead-in").search(lead))
        and (states_rule(lead, addressed=True) or len(lead.split()) <= LEAD_IN_WORDS)
    )


def _lead_in(doc: Document, sentence: tuple[int, int], text: str) -> str | None:
    """For a list item, the line that opens its list: the nearest sentence before it that
    is not itself an item (at most LIST_REACH items back)."""
    if not LIST_ITEM.match(text):
        return None
    prev = doc.previous_sentence(sentence)
    for _ in range(LIST_REACH):
        if prev is None:
            return None
        lead = doc.text[prev[0] : prev[1]].strip()
        if not LIST_ITEM.match(lead):
            return lead
        prev = doc.previous_sentence(prev)
    return None
