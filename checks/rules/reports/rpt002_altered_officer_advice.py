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
    yield from edits.hits_for(doc, "RPT002", "the officer's advice")
