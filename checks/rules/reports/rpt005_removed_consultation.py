"""A Member's edit removes consultation responses from an officer report.

## What it flags
A tracked change (Word w:del / w:ins, with its author) by a Member that changes
the substance of consultation responses in an officer report. An edit is a Member's when its
author is a Member: "Cllr ...", a Member's title, or a roster name or alias (Word
often records a user name: list it in `aliases`). A change of substance is an
option, a negation or hedge, a figure, a recommendation's verb or choice, or a
passage removed; a typo, punctuation, a date written another way, a duplicate
removed or text added is not.

## Why it matters
A Member may not have consultation responses, comments or representations from the community removed from a report (North East Derbyshire 7.6(5)): decision-makers must weigh what people said.

## What to do
Reinstate the deleted consultation responses and representations in full; add any reply to them as a separate, attributed comment.

Members may not ask officers to leave out reports, comments or representations from
consultation, publicity or information given to the community: the decision-maker
must see what people said. If responses are long, ask the author for a fair summary
with the full text available as a background paper. Answer points you disagree with
in the debate rather than by removing them.

## Flagged
> 62% of respondents opposed the closure. (deleted by Cllr Jo Bloggs from '8. Consultation')

## Not flagged
> the consultation dates corrected by a Member
> a consultation summary added by a Member
> a duplicated table trimmed by an officer

## Known gaps
Responses summarised away ("views were mixed") by a Member are flagged only where words are deleted. Edits between two versions without tracked changes need `protocheck diff`.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import edits, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

SECTIONS = ("consultation",)
TOPIC = "consultation"  # edit-topics.yml: what respondents, objectors or residents said


def claims(section: str | None, about: str | None) -> bool:
    """Whether a Member's substantive edit touches consultation responses (`about` is its topic).

    Mine: words about what people said, in the consultation section or outside every section
    a report rule watches (edits.REPORT_SECTIONS). In the consultation section nothing else
    is mine (its dates or method are not what anyone said). It yields to no rule and none
    yields to it: what people said is no other rule's topic, every other watched section is
    another rule's, and a statement (RPT004) or advice (RPT002) topic is not this one.
    """
    return about == TOPIC and (section in SECTIONS or section not in edits.REPORT_SECTIONS)


@rule(
    "RPT005",
    "removed-consultation",
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
def removed_consultation(doc: Document) -> Iterator[Hit]:
    for edit, why in edits.member_edits(doc):
        if claims(edit.section, edit.about):
            yield edits.finding(edit, why, "consultation responses")
