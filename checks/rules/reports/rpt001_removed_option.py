"""A Member's edit removes an option from an officer report.

## What it flags
A tracked change (Word w:del / w:ins, with its author) by a Member that changes
the substance of an option in an officer report. An edit is a Member's when its
author is a Member: "Cllr ...", a Member's title, or a roster name or alias (Word
often records a user name: list it in `aliases`). A change of substance is an
option, a negation or hedge, a figure, a recommendation's verb or choice, or a
passage removed; a typo, punctuation, a date written another way, a duplicate
removed or text added is not.

## Why it matters
A Member may ask for options to be added, points clarified or errors corrected, but may not have options removed from an officer's report (North East Derbyshire 7.5-7.6(1)): Members deciding must see every option officers put forward.

## What to do
Reinstate the deleted option in full; if you favour another course, ask the author to add it as a further option rather than removing one.

A Cabinet Member or chair consulted on a draft may ask officers to add options,
clarify or rephrase wording, correct facts or check costs, but not to exclude an
option the officer has included. Argue against the option in the debate or in your
own covering note, where the decision-maker can weigh it. If you and the report
author cannot agree, refer it to the Head of Paid Service.

## Flagged
> Option 3: close the Station Road library and move the service online. (deleted by Cllr Jo Bloggs from '4. Options considered')

## Not flagged
> Option 4: share the building with the health centre. (inserted by a Member: adding an option is allowed)
> Option 3 was rejected becuase -> because (a typo fixed)
> Option 2 deleted by the report's author, an officer

## Known gaps
An option removed by rewriting it into something else in several small edits may be read as clarification. Edits between two versions without tracked changes need `protocheck diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import edits, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule
from protocheck.rules.reports import rpt002_altered_officer_advice as rpt002
from protocheck.rules.reports import rpt004_removed_statutory_statement as rpt004

SECTIONS = ("options",)
TOPIC = "options"  # edit-topics.yml: a passage that sets out an option ("Option 3: ...")


def claims(section: str | None, about: str | None) -> bool:
    """Whether a Member's substantive edit touches an option (`about` is its topic).

    Mine: an edit in the options section; outside every section a report rule watches
    (edits.REPORT_SECTIONS), a passage that is an option. Not mine when a statutory
    statement (RPT004) or the officer's advice (RPT002) is what the words are about: those
    decide wherever they stand, even inside an option's description. The recommendations
    (RPT003) are another section, so that claim never meets this one.
    """
    if about in rpt004.STATEMENTS or about == rpt002.TOPIC:
        return False
    return section in SECTIONS or (about == TOPIC and section not in edits.REPORT_SECTIONS)


@rule(
    "RPT001",
    "removed-option",
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
def removed_option(doc: Document) -> Iterator[Hit]:
    for edit, why in edits.member_edits(doc):
        if claims(edit.section, edit.about):
            yield edits.finding(edit, why, "an option")
