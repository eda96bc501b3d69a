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

## What to do
Reinstate the deleted key decision, policy or budget, legal or financial statement word for word, with the Monitoring Officer's and S151 comments.

Statements that a matter is a key decision or contrary to policy or budget, and
comments on legality, fairness or financial prudence, are made by officers carrying
out statutory duties and cannot be removed at a Member's request. Members must have
regard to the advice of the Monitoring Officer and Section 151 Officer when
deciding. If you think a statement is wrong, ask the Monitoring Officer or Section
151 Officer to review it before publication; only they should change it.

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
from protocheck.rules.reports import rpt002_altered_officer_advice as rpt002
from protocheck.rules.reports import rpt003_altered_recommendation as rpt003

SECTIONS = ("key-decision", "statutory-officer", "legal", "financial")
STATEMENTS = ("key-decision", "statutory-officer")
"""Topics (edit-topics.yml) that are a statutory statement wherever they stand."""


def claims(section: str | None, about: str | None) -> bool:
    """Whether a Member's substantive edit touches a statutory statement (`about` is its topic).

    Mine: a passage on a key decision, the policy framework or a statutory officer
    (STATEMENTS) wherever it stands, even in an option or in the officer's advice; otherwise
    an edit in the key-decision, legal or financial sections, or, outside every section a
    report rule watches (edits.REPORT_SECTIONS), words on legality or finance. Not mine in
    the recommendations or their reasons (RPT003, first); and a section's claim yields to the
    officer's advice (RPT002) standing in it, as a statement's does not.
    """
    if rpt003.claims(section, about):
        return False
    if about in STATEMENTS:
        return True
    if about == rpt002.TOPIC:
        return False
    return section in SECTIONS or (about in SECTIONS and section not in edits.REPORT_SECTIONS)


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
    for edit, why in edits.member_edits(doc):
        if claims(edit.section, edit.about):
            yield edits.finding(edit, why, "a statutory statement")
