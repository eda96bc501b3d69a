"""Publicity accepts liability or promises compensation on a matter open to claims.

## What it flags
A statement that accepts responsibility or fault, or commits the Council to pay
compensation, on a matter that may be subject to third-party claims or insurance:
"the Council accepts full responsibility for the flooding and will compensate all
affected residents", "we will pay for all the damage caused by the burst main".
It reads the Council's publicity (a release, a council news page, a letter to the
press), not a newspaper's report or minutes that tell of someone accepting
responsibility.

## Why it matters
An admission or promise in a press statement can prejudice the Council's position
with its insurers and in any claim (Wokingham Media Relations 6(e)): liability is
for the insurers and the courts, not the press office.

## What to do
Remove the admission or promise and say instead: "The Council is looking into what happened and will deal with any claims through its usual process."

Never give a commitment on a matter that may lead to claims from third parties or be
an insurance matter: accepting blame or promising compensation in public can
prejudice the Council's position with claimants and insurers. Check the wording with
the relevant Director and the Council's insurance or legal officers before anything
is issued. You can still express concern, explain what is being done and tell people
how to make a claim.

## Flagged
> The Council accepts full responsibility for the flooding and will compensate all affected residents.
> We will pay for all the damage caused by the burst main.

## Not flagged
> We are sorry for the disruption and are investigating the cause. (an apology, no admission)
> Residents who have suffered loss can make a claim through the Council's insurers.
> The contractor's insurers are dealing with claims.
> The contractor must accept the blame for the delays. (demanded of someone else)
> The Leader accepts full responsibility for the wording of this message. (for words, not harm)
> Members feared paying for the works could be seen as the Council accepting responsibility. (a fear, not an admission)

Letters and emails count when they go to the press (a newspaper's or a
broadcaster's address): a quote given to a reporter is publicity.

## Known gaps
Liability admitted indirectly ("this should never have happened on our watch") is not found.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import kinds, lexicon, people
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule


def _publicity(doc: Document) -> bool:
    """Press releases and other publicity (a page the Council announces on), and letters
    or emails to the press; not a news report, a blog or minutes that tell of someone
    accepting responsibility."""
    return (
        doc.kind == "press-release"
        or (doc.kind == "other" and kinds.council_announcement(doc))
        or people.to_media(doc)
    )


@rule(
    "PUB003",
    "insurance-commitment",
    severity="warning",
    kinds=("press-release", "other", "email", "letter"),
    uses=("patterns/liability", "patterns/no-liability", "phrases"),
    when=_publicity,
)
def insurance_commitment(doc: Document) -> Iterator[Hit]:
    for m in doc.find("LIABILITY"):
        if doc.in_same_sentence(m, ("NO_LIABILITY",), before=False):
            continue
        if doc.sentence_text(m.start).rstrip().endswith("?"):
            continue
        s, _ = doc.sentence_at(m.start)
        if lexicon.phrase("responsibility-demanded").search(doc.text, s, m.start):
            continue  # "the Tories must accept responsibility": demanded of someone, not taken
        if lexicon.phrase("construed-as").search(doc.text, s, m.start):
            continue  # "might be read as us admitting fault": feared, not said
        if lexicon.phrase("responsibility-for-words").match(doc.text, m.end):
            continue  # "responsibility for the wording of this message": no harm open to claims
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end, 8),
            "Publicity accepts liability or promises compensation on a matter open to claims",
            pattern=m.id,
        )
