"""A Member's edit changes the substance of the officer recommendations.

## What it flags
A tracked change (Word w:del / w:ins, with its author) by a Member that changes
the substance of a recommendation in an officer report. An edit is a Member's when its
author is a Member: "Cllr ...", a Member's title, or a roster name or alias (Word
often records a user name: list it in `aliases`). A change of substance is an
option, a negation or hedge, a figure, a recommendation's verb or choice, or a
passage removed; a typo, punctuation, a date written another way, a duplicate
removed or text added is not.

## Why it matters
Members will not direct officers in the framing of recommendations (Wokingham 9.3.22), and may not change the substance of an officer's recommendations (North East Derbyshire 7.6(3)).

## What to do
Restore the officers' recommendations as drafted; propose your alternative as an amendment at the meeting or in your own covering note.

Members must not direct officers in framing recommendations or change their
substance before publication. The decision-maker is still free to amend or reject
the recommendations at the meeting, with reasons recorded, after taking the advice
of the Monitoring Officer and Section 151 Officer. Raise concerns with the report
author early; if you cannot agree, refer it to the Head of Paid Service.

## Flagged
> That Cabinet approves option 2 -> That Cabinet approves option 3 (by Cllr Jo Bloggs)
> That the decision be deferred (deleted by a Member)

## Not flagged
> That Cabinet approve -> That Cabinet approves (grammar)
> a recommendation changed by the report's author, an officer

## Known gaps
A recommendation made empty by deleting what it refers to elsewhere in the report is found only where the deleted text is. Edits between two versions without tracked changes need `protocheck diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import edits, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

SECTIONS = ("recommendations", "reasons")


def claims(section: str | None, about: str | None) -> bool:
    """Whether a Member's substantive edit touches a recommendation (`about` is its topic).

    Mine: anything in the recommendations or the reasons for them, whatever its words are
    about; this claim comes first and yields to no other report rule. Outside every section
    a report rule watches (edits.REPORT_SECTIONS), words about a recommendation.
    """
    return section in SECTIONS or (about in SECTIONS and section not in edits.REPORT_SECTIONS)


@rule(
    "RPT003",
    "altered-recommendation",
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
def altered_recommendation(doc: Document) -> Iterator[Hit]:
    for edit, why in edits.member_edits(doc):
        if claims(edit.section, edit.about):
            yield edits.finding(edit, why, "a recommendation")
