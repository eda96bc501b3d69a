"""A public report refers to a political group's meeting or the advice given to it.

## What it flags
A sentence in a public report, agenda or minutes that refers to discussions at a
political group meeting, or to advice officers gave a group: "as discussed at the
Conservative group meeting on 3 March", "officers briefed the Labour group, which
supported option 2", "the Liberal Democrat group has asked officers to ...".

## Why it matters
What is said at, or given to, a political group is confidential to the group and is
not a basis for a public decision; a public report that cites it also tells the other
groups what officers advised one of them (Wokingham 9.3.32(m); North Northamptonshire
6.6; North East Derbyshire 5.5).

## What to do
Delete the reference to the political group meeting and set out the facts and officer advice directly in the report.

Political group discussions are confidential and have no formal status: officers
must not refer to them in public reports, and Members must not refer in public to
advice officers gave a group. Advice given to a group is no substitute for full
advice to the decision-making body, so put everything the committee needs in the
report itself. Raise any difficulty with the Monitoring Officer or Chief Executive
and the relevant group leader.

## Flagged
> As discussed at the Conservative group meeting on 3 March, option 2 is preferred.
> Officers briefed the Labour group, which supported option 2.

## Not flagged
> The cross-party working group met four times. / Councillors from all groups took part.
> The user group meeting asked for longer opening hours. (not a political group)
> The Committee debated the Conservative group's amendment. (a formal meeting)
> Public reports will not refer to discussions held in political group meetings. (no particular group)

## Known gaps
A group referred to only by its leader's name ("the Leader's colleagues agreed") is not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import kinds, lexicon, politics
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

MARKING_BLOCKS = 8  # opening blocks where a report is marked not for publication


def _public_record(doc: Document) -> bool:
    """A report or agenda, or a page the Council publishes (minutes on its website); a
    newspaper's story or a councillor's blog about a group meeting is no public report."""
    return doc.kind != "other" or kinds.council_published(doc)


@rule(
    "RPT007",
    "political-group-reference",
    severity="warning",
    kinds=("report", "agenda-pack", "other"),
    when=_public_record,
    uses=(
        "patterns/group-reference",
        "words/political-group-words",
        "words/private-markers",
        "phrases",
    ),
    needs=(politics.mark,),
)
def political_group_reference(doc: Document) -> Iterator[Hit]:
    private = "|".join(re.escape(w) for w in lexicon.word_list("words/private-markers"))
    if any(
        re.search(rf"\b({private})\b", b.text, re.IGNORECASE)
        for b in doc.blocks[:MARKING_BLOCKS]
        if b.kind != "comment"
    ):
        return  # marked as not a public report
    political = "|".join(re.escape(w) for w in lexicon.word_list("words/political-group-words"))
    for m in doc.find("GROUP_REFERENCE"):
        s, e = doc.sentence_at(m.start)
        sentence = doc.text[s:e]
        if lexicon.phrase("not-a-political-group").search(sentence):
            continue
        party = doc.in_same_sentence(m, ("PARTY",), before=False)
        if party is None and not re.search(rf"\b({political})\b", sentence, re.IGNORECASE):
            continue
        if party is None and lexicon.phrase("generic-group-reference").search(sentence):
            continue  # "reports will not refer to advice given to political group meetings": no particular group
        name = party.id if party else "a political group"
        start, end = (
            (min(m.start, party.start), max(m.end, party.end)) if party else (m.start, m.end)
        )
        yield Hit(
            start,
            doc.clause_end(start, end, 6),
            f"Public report refers to {name}'s group discussions or briefing",
            pattern=m.id,
        )
