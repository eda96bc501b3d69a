"""A Member's edit removes or changes the officer's professional advice.

## What it flags
A tracked change (Word w:del / w:ins, with its author) by a Member that changes
the substance of the officer's advice in an officer report. An edit is a Member's when its
author is a Member: "Cllr ...", a Member's title, or a roster name or alias (Word
often records a user name: list it in `aliases`). A change of substance is an
option, a negation or hedge, a figure, a recommendation's verb or choice, or a
passage removed; a typo, punctuation, a date written another way, a duplicate
removed or text added is not.

## Why it matters
A Member must not seek to alter an officer's professional opinion or advice (North East Derbyshire 7.6(2); Wokingham 9.3.13): a report put to a decision-maker must carry the officer's own judgement.

## What to do
Restore the officers' words; put the Member's view in the Member's own section or covering note.

Officers remain fully responsible for their professional opinion even when a report
goes out in a Member's name, and Members must not insist that an officer changes
their advice. You may ask for wording to be simplified or clarified, or a factual
error corrected, as long as the substance stays the same. If you disagree with the
advice, say so openly at the meeting; unresolved disputes go to the Head of Paid
Service.

## Flagged
> Officers do not recommend this option because the building is not affordable to maintain. (deleted by Cllr Jo Bloggs)
> is not affordable -> is affordable (a negation removed by a Member)

## Not flagged
> officers consider -> officers considered (a tense fixed)
> a sentence of advice added by a Member
> advice reworded by its author, an officer

## Known gaps
Advice softened by added words that change no negation or figure ("some officers consider") is not found. Edits between two versions without tracked changes need `protocheck diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import edits, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule
from protocheck.rules.reports import rpt003_altered_recommendation as rpt003
from protocheck.rules.reports import rpt004_removed_statutory_statement as rpt004

SECTIONS = ("advice",)
TOPIC = "advice"  # edit-topics.yml: "officers recommend / consider ...", "in our professional view"


def claims(section: str | None, about: str | None) -> bool:
    """Whether a Member's substantive edit touches the officer's advice (`about` is its topic).

    Mine: the officer's opinion wherever it stands, even inside an option's description or
    the implications (those rules yield to it), and any edit in an advice section. Not mine
    in the recommendations or their reasons (RPT003), nor when the words are a statutory
    statement (RPT004's STATEMENTS): those come first.
    """
    if rpt003.claims(section, about) or about in rpt004.STATEMENTS:
        return False
    return about == TOPIC or section in SECTIONS


@rule(
    "RPT002",
    "altered-officer-advice",
    severity="error",
    kinds=("report", "agenda-pack", "other"),
    uses=(
        "sections/report",
        "sections/edit-topics",
        "words/substance-words",
        "words/negations",
    ),
    needs=(sections.mark,),
)
def altered_officer_advice(doc: Document) -> Iterator[Hit]:
    for edit, why in edits.member_edits(doc):
        if claims(edit.section, edit.about):
            yield edits.finding(edit, why, "the officer's advice")
