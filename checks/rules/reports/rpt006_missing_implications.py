"""A report for decision without Legal or Financial implications, or a decision record without reasons.

## What it flags
A report whose recommendations ask for a decision (approve, agree, authorise,
adopt, delegate, award ...) that has no Legal implications section or no Financial
implications section (or comments of the Monitoring Officer / Section 151
Officer), and an executive decision record that gives no reasons. For CI on the
council's report templates: no tracked changes are needed.

## Why it matters
Reports to decision-makers must carry the comments of the Monitoring Officer and
the Section 151 Officer, and executive decisions must be recorded with their
reasons (Wokingham 9.3.15, 9.3.22-9.3.23).

## What to do
Add "Legal implications" and "Financial implications" with the Monitoring Officer's and S151's comments; give reasons in any decision record.

Every officer report for Members, except reports on planning applications for the
Planning Committee, should go to the Section 151 Officer and Monitoring Officer for
comment before publication, and the Executive must take their advice before formal
decisions. Decisions with a financial effect also need the relevant Director
consulted. Executive Members must state the reasons for their decisions and the
written record must include them, so build time for these sign-offs into the report
timetable.

## Flagged
> A Cabinet report recommending "That Cabinet approves the disposal of the depot" with
> a Financial implications section and no Legal implications section.
> A Record of Executive Decision with the decision and no reasons.

## Not flagged
> A report with both sections; a report for information ("That the Committee notes ...").
> A report on a planning application to the Planning Committee (exempt: Wokingham 9.3.15).
> A decision record that states its reasons.

## Known gaps
Implications given under an unusual heading ("Resource and governance matters") may
not be recognised: add the heading to lexicons/sections/report.yml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import lexicon, sections
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

OPENING_BLOCKS = 15  # a report's cover: application numbers, "Record of Executive Decision"
TITLE_WORDS = 12  # a decision record's title line is short; a longer one is a sentence about one
MIN_OTHER_SECTIONS = (
    2  # sections besides the recommendations that make a page a report laid out for decision
)


@rule(
    "RPT006",
    "missing-implications",
    severity="warning",
    kinds=("report", "other"),
    uses=("sections/report", "words/decision-verbs-report", "phrases"),
    needs=(sections.mark,),
)
def missing_implications(doc: Document) -> Iterator[Hit]:
    top = list(doc.body_blocks())[:OPENING_BLOCKS]
    if any(lexicon.phrase("planning-application").search(b.text) for b in top):
        return  # planning application reports are exempt (Wokingham 9.3.15)
    have = sections.present(doc)
    record = next(
        (
            b
            for b in top
            if len(b.text.split()) <= TITLE_WORDS
            and lexicon.phrase("decision-record").search(b.text)
        ),
        None,
    )
    if record is not None:
        if "reasons" not in have and not any(
            re.search(r"\breasons?\b", b.text, re.IGNORECASE) for b in doc.body_blocks()
        ):
            yield Hit(record.start, record.end, "Decision record gives no reasons for the decision")
        return
    recs = [b for b in doc.body_blocks() if b.meta.get("section") == "recommendations"]
    verbs = lexicon.alternation(lexicon.word_list("words/decision-verbs-report"))
    asks = [b for b in recs if re.search(rf"\b({verbs})\b", b.text, re.IGNORECASE)]
    if not asks:
        return  # for information only, or no recommendations
    if doc.kind != "report" and len(have - {"recommendations"}) < MIN_OTHER_SECTIONS:
        return  # a web page or summary with recommendations, not a report laid out for decision
    missing = [
        name
        for name, section in (("Legal", "legal"), ("Financial", "financial"))
        if section not in have
    ]
    if missing:
        heading = next((b for b in recs if b.meta.get("is_heading")), asks[0])
        yield Hit(
            heading.start,
            heading.end,
            f"Report for decision has no {' or '.join(missing)} implications",
        )
