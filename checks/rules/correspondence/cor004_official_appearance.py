"""A Member's own letter or email is dressed as an official Council communication.

## What it flags
A letter or email sent by a Member in the Member's own name that looks like it
comes from the Council itself:
- Council headed notepaper (the Council's name as the letterhead) without the
  words "From the Office of Councillor ...";
- a corporate sign-off: "For and on behalf of Kettleby District Council",
  "Customer Services", "Streetscene Services, ... Council", "Issued by ... Council";
- a signature that gives the Council's name and address but no councillor title.

## Why it matters
Members may send their own correspondence on Council notepaper only when it is
headed "from the Office of [Name of Councillor]", and their emails must not
appear to be official communications from the Council (North East Derbyshire
9.3). A resident who reads a Member's view as the Council's decision is misled,
and official letters belong in an officer's name (9.2).

## What to do
Head it "From the Office of Councillor [Name]" and sign in your own name, removing any corporate Council sign-off.

Councillors may use Council headed paper for their own letters only when it is
clearly headed as coming from their office, and their emails must not look like
official communications from the Council. Drop corporate signature blocks, service
or team names and anything that reads as the Council's formal position. If the
Council itself needs to write, ask the relevant officer to send the letter in their
own name.

## Flagged
> RAVENSMOOR DISTRICT COUNCIL (the letterhead of a ward Member's casework letter)
> Customer Services, on behalf of Ashvale Borough Council (an email from a councillor's address)
> For and on behalf of Kettleby District Council (a councillor's letter of support)

## Not flagged
> From the Office of Councillor Yvonne Pascoe (on Council notepaper: the form 9.3 allows)
> Cllr Priti Varma / Councillor for Abbey Fields Ward / Kettleby District Council (the Council named as affiliation)
> A letter on Council letterhead signed by the Parking Services Manager (an officer: genuinely official)
> A representation to a Government Minister sent in the Portfolio Holder's name on behalf of the Council (9.2 allows it)

## Known gaps
Council branding carried only by an image (a logo) is not seen, and an email
whose corporate footer is an automatic disclaimer is not told apart from a
sign-off the Member wrote.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import letters, lexicon, people
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

OPENING_CHARS = 1500  # a letter's opening, where it names the Minister it is written to
ADDRESS_LINES = 3  # lines under the Council's name that may be its address, telephone, web


def _from_member(doc: Document) -> bool:
    return doc.sender is not None and doc.sender.is_member


def _official_representation(doc: Document) -> bool:
    """A letter to a Minister on behalf of the Council: an official letter 9.2 allows in a Member's name."""
    head = " ".join(line.text for line in letters.letterhead(doc))
    opening = doc.text[:OPENING_CHARS]
    return bool(lexicon.phrase("representation-to-government").search(head + "\n" + opening))


@rule(
    "COR004",
    "official-appearance",
    severity="warning",
    kinds=("letter", "email"),
    uses=("phrases",),
    when=_from_member,
)
def official_appearance(doc: Document) -> Iterator[Hit]:
    sender = doc.sender
    if sender is None or not sender.is_member or _official_representation(doc):
        return
    who = sender.short()
    what = "Email" if doc.kind == "email" else "Letter"
    council_line = lexicon.phrase("council-name-line")
    office_of = any(
        letters.office_of(b.text) for b in doc.blocks if b.in_body or b.kind == "header"
    )
    letterhead_hit = None
    if not office_of:
        head = letters.letterhead(doc)
        for i, line in enumerate(head):
            if council_line.search(line.text):
                end = line.end
                # the Council's address under its name is letterhead too
                for more in head[i + 1 : i + 1 + ADDRESS_LINES]:
                    if not lexicon.phrase("address-line").search(more.text):
                        break
                    end = more.end
                letterhead_hit = Hit(
                    line.start,
                    end,
                    f"{what} from {who} is on Council letterhead without "
                    '"From the Office of Councillor ..."',
                )
                break
    sign = letters.signature(doc)
    corporate = lexicon.phrase("corporate-signoff")
    titled = any(people.member_title(ln.text) for ln in sign)
    for line in sign:
        if corporate.search(line.text) or (not titled and council_line.search(line.text)):
            also = " and on Council letterhead" if letterhead_hit is not None else ""
            yield Hit(
                line.start, line.end, f"{what} from {who} is signed in the Council's name{also}"
            )
            return  # one finding for the document: the sign-off says most plainly whose letter it is
    if letterhead_hit is not None:
        yield letterhead_hit
