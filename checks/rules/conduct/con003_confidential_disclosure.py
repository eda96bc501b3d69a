"""Exempt or confidential material passed on in a document meant for the public or for other Members.

## What it flags
A sentence that passes on what confidential material says: the content of a
"Part II" or exempt report or appendix, "yellow papers", a confidential briefing,
legal advice, or what was said at a private political group meeting ("the Part II
report shows that the lowest bid was £1.2 million", "at our group meeting the
Director told us reserves could fall to £3 million"); and personal data about a
named third party (a resident's arrears, benefits, health or record) in a
document that goes to others.

## Why it matters
Members and officers receive exempt and confidential information to do their
jobs, not to publish it; disclosing it can breach the law, prejudice the Council's
position and harm the people it is about (Wokingham Access to Information 7, 9,
10; North Northamptonshire 6.6, 8.6; Conwy 9.1-9.6; North East Derbyshire 6.4,
6.11; Runnymede 3.6).

## What to do
Remove the exempt, confidential or personal details, or refer to them only as "a confidential matter" until the Monitoring Officer agrees.

Exempt or Part II reports (Conwy's 'yellow papers') stay confidential unless the
committee decides otherwise, and personal details about individuals, advice given to
one Member at their request and group discussions must not be passed on. Information
given to a councillor may be used only for the purpose for which it was provided. If
you think disclosure is in the public interest, consult the Monitoring Officer
first; if unsure, ask the officer and treat it as confidential meanwhile.

## Flagged
> I can reveal that the confidential tender report shows the lowest bid was £1.2 million.
> Counsel's advice to the Council is that we would lose the appeal.
> Mrs Patel at number 14 is £2,000 in rent arrears. (an email to other Members)
> The Cabinet took the tender report in private. Greenline bid £4.2 million. (the content, in the next sentence)

## Not flagged
> The item will be considered in private because the report contains exempt information. (the statutory notice)
> I cannot share the details, as the report is exempt. (kept back)
> A confidential report sent by an officer, marked confidential, to the Members entitled to it.
> Your own arrears, in a reply to the tenant about her case. (the person's own data)
> A news report, in the third person, that a confidential report said ... (the reporter's account; a Member's words quoted in it still count)
> Mr Okafor has raised a grievance against his manager. (a ward page or post, not a letter to someone: a grievance or police inquiry is the kind of matter the news reports)

## Known gaps
Content is linked to a confidential marking only in the two sentences after it (or
the first of the next paragraph), and only when it gives figures or findings; a
heading naming the Part II report does not mark what follows it, nor is a
confidential reply forwarded without comment found. A disclosure with consent or
in the public interest cannot be seen: suppress it with that reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import letters, lexicon, people, quotes
from protocheck.model.document import Document, Hit, Match
from protocheck.rules.registry import rule

MARKING_BLOCKS = 6  # opening blocks where a paper is marked confidential (its heading)
SALUTATION_LINES = 30  # opening lines where a letter greets the person it is about
POSSESSIVE_REACH = 40  # characters before "view is that" read for "my" / "our"
REASON_REACH = 40  # characters before "legal advice" read for "following", "sought"
SENTENCES_AFTER_MARKING = 2  # sentences of the marking's paragraph that pass its content on


def _restricted_circulation(doc: Document) -> bool:
    """An officer's paper marked confidential at its head: it is the confidential material,
    going to those entitled to it, not a disclosure of it."""
    head = "\n".join(b.text for b in doc.blocks[:MARKING_BLOCKS]) + "\n" + (doc.raw.subject or "")
    return (
        doc.sender is not None
        and doc.sender.is_officer
        and bool(lexicon.phrase("confidential-marking").search(head))
    )


def _heading(doc: Document, m: Match) -> bool:
    """E-mail headers, page headers and footers: a subject line says what a message is about."""
    block = doc.block_at(m.start)
    return block is None or block.kind in ("email-header", "header", "footer", "comment")


def _own_case(doc: Document, name: str) -> bool:
    """Personal data sent to the person it is about ("Dear Mrs Patel ... your arrears")."""
    surname = name.split()[-1].lower()
    addressed = [p.name.lower() for p in doc.recipients]
    opening = doc.text.split("\n")[:SALUTATION_LINES]
    addressed += [ln.lower() for ln in opening if letters.is_salutation(ln)]
    return any(surname in a for a in addressed if a)


def _named_just_before(doc: Document, sentence: tuple[int, int]) -> Match | None:
    """A person named in the previous sentence of the same paragraph, when this one goes on
    about them ("Mrs Doyle has three children. She is in hospital with ...")."""
    if not lexicon.phrase("third-person").search(doc.text, *sentence):
        return None
    before = doc.previous_sentence(sentence, same_paragraph=True)
    if before is None:
        return None
    return next(iter(doc.matches_in(before, "NAMED_PERSON")), None)


def _advice_named_only(doc: Document, m: Match) -> bool:
    """Legal advice named as the ground of a decision ("cancelled following legal advice"),
    as sought, or as paid for ("bills for outside legal advice"): what was done about
    the advice, none of what it said."""
    return m.id == "legal-advice" and bool(
        lexicon.phrase("advice-as-reason").search(
            doc.text[max(0, m.start - REASON_REACH) : m.start]
        )
    )


def _tells(doc: Document, d: Match, sentence: tuple[int, int]) -> bool:
    """A disclosure that stands alone in a sentence after the marking: figures, findings,
    "I can reveal"; not an attachment, "according to", "I am happy to", or the writer's
    own view ("My view is that residents are entitled to the facts")."""
    if d.id in ("attached", "according-to"):
        return False
    if lexicon.phrase("confidential-marking").search(doc.text, d.end, sentence[1]):
        return (
            False  # "the advice is that the item stays in Part II": its handling, not its content
        )
    said = doc.text[d.start : d.end].lower()
    if d.id == "i-can-reveal":
        return any(w in said for w in lexicon.word_list("words/disclosure-verbs"))
    if d.id == "view-is-that":
        return not lexicon.phrase("writer-possessive").search(
            doc.text[max(sentence[0], d.start - POSSESSIVE_REACH) : d.start].lower()
        ) and not lexicon.phrase("writer-view-opens").match(doc.text[sentence[0] : d.start])
    return True


def _content_after_marking(
    doc: Document, seen: set[tuple[int, int]], internal: bool
) -> Iterator[Hit]:
    """What follows a confidential marking: "The Cabinet considered the tender report in
    private. ... Greenline bid £4.2 million." The next two sentences of the paragraph, or
    the opening sentence of the next one, when they give figures or findings. Not in
    reports and agenda packs (the public report gives totals its exempt annex details)."""
    if doc.kind in ("report", "agenda-pack") or internal:
        return
    for m in doc.find("CONFIDENTIAL"):
        marked = doc.sentence_at(m.start)
        if doc.in_same_sentence(m, ("NON_DISCLOSURE",), before=False) and m.id not in (
            "part-two",
            "exempt-paper",
        ):
            continue  # "I cannot share counsel's advice": kept back
        if _advice_named_only(doc, m):
            continue
        after = [s for s in doc.sentences_near(m.start) if s[0] > marked[0]]
        block = doc.block_at(m.start)
        near = [s for s in after if doc.block_at(s[0]) is block][:SENTENCES_AFTER_MARKING] or after[
            :1
        ]
        for sentence in near:
            if sentence in seen:
                continue
            told = next(
                (d for d in doc.matches_in(sentence, "DISCLOSURE") if _tells(doc, d, sentence)),
                None,
            )
            if told is None or doc.matches_in(sentence, "NON_DISCLOSURE"):
                continue
            seen.add(sentence)
            yield Hit(
                told.start,
                doc.clause_end(told.start, told.end, 10),
                f"Passes on the content of {doc.text[m.start : m.end]} material (named in the sentence before)",
                pattern=f"{m.id}-after",
            )


@rule(
    "CON003",
    "confidential-disclosure",
    severity="warning",
    kinds=("letter", "email", "press-release", "report", "agenda-pack", "other"),
    uses=(
        "patterns/confidential-source",
        "patterns/disclosure",
        "patterns/non-disclosure",
        "patterns/sensitive-data",
        "patterns/named-person",
        "words/disclosure-verbs",
        "phrases",
    ),
)
def confidential_disclosure(doc: Document) -> Iterator[Hit]:
    if _restricted_circulation(doc):
        return
    for hit in _disclosures(doc):
        if quotes.members_words(doc, hit.start):  # not a reporter's account of a leak
            yield hit


# what a post or a news page may tell of a named person without a confidence broken: a
# grievance, a disciplinary or a police inquiry of the kind reported in the news
PUBLIC_RECORD = ("employment-matter", "record")


def _correspondence(doc: Document) -> bool:
    """A message to someone: an email, or a letter with a salutation or recipients."""
    if doc.kind in ("email", "press-release"):
        return True
    return doc.kind == "letter" and letters.addressed(doc)


def _disclosures(doc: Document) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    internal = people.officers_only(doc)
    # forwarded or quoted text is what a Member passes on: search it too, not the headers
    for m in doc.find("CONFIDENTIAL", scope="all"):
        sentence = doc.sentence_at(m.start)
        if (
            sentence in seen
            or _heading(doc, m)
            or doc.in_same_sentence(m, ("NON_DISCLOSURE",), before=False)
        ):
            continue
        if _advice_named_only(doc, m):
            continue
        block = doc.block_at(m.start)
        if internal and block is not None and not block.in_body:
            continue  # an officer's confidential reply quoted back to officers: passed to no one else
        told = doc.in_same_sentence(m, ("DISCLOSURE",), before=False)
        if told is None or (told.id == "money" and doc.kind in ("report", "agenda-pack")):
            continue  # a public report may give a total while its confidential annex holds the detail
        seen.add(sentence)
        start, end = min(m.start, told.start), max(m.end, told.end)
        what = doc.text[m.start : m.end]
        yield Hit(
            start,
            doc.clause_end(start, end, 8),
            f"Passes on the content of {what} material",
            pattern=m.id,
        )
    yield from _content_after_marking(doc, seen, internal)
    if lexicon.phrase("consent-given").search(doc.text) or internal:
        return  # shared with the person's consent, or casework put to the officers who handle it
    public = not _correspondence(doc)
    for m in doc.find("SENSITIVE", scope="all"):
        sentence = doc.sentence_at(m.start)
        if (
            sentence in seen
            or _heading(doc, m)
            or doc.in_same_sentence(m, ("NON_DISCLOSURE",), before=False)
        ):
            continue
        person = doc.in_same_sentence(m, ("NAMED_PERSON",), before=False) or _named_just_before(
            doc, sentence
        )
        if person is None:
            continue
        named = doc.text[person.start : person.end]
        if _own_case(doc, named) or doc.kind == "report":
            continue
        if public and m.id in PUBLIC_RECORD:
            continue  # a post or report on a grievance or a police inquiry into someone in public life
        seen.add(sentence)
        if sentence[0] <= person.start < sentence[1]:
            start, end = min(m.start, person.start), max(m.end, person.end)
        else:  # named in the sentence before: the finding is this sentence, which goes on about them
            start, end = sentence[0], m.end
        yield Hit(
            start,
            doc.clause_end(start, end, 6),
            f"Personal data about {named} in a document meant for others",
            pattern=m.id,
        )
