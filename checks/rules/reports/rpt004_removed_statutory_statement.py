"""A Member's edit removes a statement on legality, finance, policy or a key decision.

## What it flags
A tracked change (Word w:del / w:ins, with its author) by a Member that changes
the substance of a statutory statement in an officer report. An edit is a Member's when its
author is a Member: "Cllr ...", a Member's title, or a roster name or alias (Word
often records a user name: list it in `aliases`). A change of substance is an
option, a negation or hedge, a figure, a recommendation's verb or choice, or a
passage removed; a typo, punctuation, a date written another way, a duplicate
removed or text added is not.

## Why it matters
A Member may not have removed a statement that the matter is a key decision, that it is contrary to the policy framework or budget, or a statement on legality, fairness or financial prudence (North East Derbyshire 7.6(4)): the Monitoring Officer and the Section 151 Officer must be heard.

## Flagged
> This is a key decision. (deleted by Cllr Jo Bloggs)
> The Section 151 Officer advises that the proposal is not affordable within the approved budget. (deleted by a Member)

## Not flagged
> a figure in the Financial implications updated by the Section 151 Officer
> a typo fixed in the Legal implications by a Member
> a Member adding to the Financial implications

## Known gaps
A statement moved to an appendix by a Member is read as removed. Edits between two versions without tracked changes need `protocheck diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import edits, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule


@rule(
    "RPT004",
    "removed-statutory-statement",
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
def removed_statutory_statement(doc: Document) -> Iterator[Hit]:
    yield from edits.hits_for(doc, "RPT004", "a statutory statement")
