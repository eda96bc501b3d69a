"""An officer, quoted or writing, expresses a political view or party preference.

## What it flags
A sentence in which an officer (a quoted officer, or the officer who writes the
document) gives a personal view on a party, the Government, Ministers or the
opposition, or says how they vote: "speaking personally, I hope Labour wins in
May", "the Government's policy is disastrous", "the opposition's plan is far better".

## Why it matters
Officers serve the whole Council and must be, and be seen to be, politically
impartial; some posts are politically restricted by law. A quoted political
opinion from an officer undermines the trust of every Member (Wokingham 9.3.16(a);
North Northamptonshire 5.4; Conwy 12.1; North East Derbyshire Principle 3;
Runnymede 3.2-3.3).

## What to do
Delete the personal or political opinion and keep only factual, professional advice, e.g. "Officers' professional assessment is ...".

Officers serve the whole Council and must be, and be seen to be, politically
neutral: their advice must not be coloured by personal or party views. Officers
should not be asked for political views, for example at scrutiny, and may politely
decline and leave the political judgement to Members. Staff in politically
restricted posts are barred by law from party political activity, including on
social media; media requests for political comment should go to the group leaders.

## Flagged
> "Speaking personally, I hope Labour wins in May," said Tom Reed, Director of Housing.
> (an article by the Head of Planning) The Government's housing policy is disastrous.

## Not flagged
> "The new policy means tenants can apply online," said Tom Reed, Director of Housing. (factual)
> "The Government's policy is disastrous," said Cllr Jo Bloggs, Leader of the Opposition. (a Member)
> Officers will advise Cabinet on the options. (professional advice)

## Known gaps
Views expressed without an evaluative word, and officers recognised neither by title
nor by the roster, are not found.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import politics, quotes
from protocheck.model.document import Document, Hit, Person
from protocheck.rules.registry import rule

PREFERENCES = ("i-hope-party", "vote-party")
SELF_EVIDENT = (
    "polls-hint",
    "vote-out",
    "not-voting-for",
)  # a hint at how to vote needs no party named


def _officer_may_speak(doc: Document) -> bool:
    """Correspondence speaks for its sender: only an officer's letter can carry an officer's view."""
    if doc.kind in ("letter", "email"):
        return doc.sender is not None and doc.sender.is_officer
    return True


@rule(
    "PUB004",
    "officer-political-view",
    severity="warning",
    kinds=("press-release", "other", "letter", "email", "report"),
    uses=("patterns/political-view", "patterns/political-target"),
    needs=(politics.mark,),
    when=_officer_may_speak,
)
def officer_political_view(doc: Document) -> Iterator[Hit]:
    found = quotes.quotes(doc)
    # an officer report is written by officers even when no one signs it
    writer_is_officer = (doc.sender is not None and doc.sender.is_officer) or (
        doc.sender is None and doc.kind == "report"
    )
    for view in doc.find("POLITICAL_VIEW"):
        speaker = quotes.speaker_at(doc, view.start, found)
        if speaker is False:
            officer = (
                (doc.sender or Person("the report's author", is_officer=True))
                if writer_is_officer
                else None
            )
        else:
            officer = speaker if speaker is not None and speaker.is_officer else None
        if officer is None:
            continue
        # a preference ("I hope", "voting") must name a party; a judgement may be on the Government
        targets = ("PARTY",) if view.id in PREFERENCES else ("PARTY", "POLITICAL_TARGET")
        target = (
            view if view.id in SELF_EVIDENT else doc.in_same_sentence(view, targets, before=False)
        )
        if target is None:
            continue
        who = officer.display()
        start, end = min(view.start, target.start), max(view.end, target.end)
        yield Hit(
            start,
            doc.clause_end(start, end, 6),
            f"Officer {who} expresses a political view",
            pattern=view.id,
        )
