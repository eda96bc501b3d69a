"""Member's letter or email commits the Council or gives an instruction on its behalf.

## What it flags
A letter or email sent in a Member's name that creates an obligation or gives an
instruction on behalf of the Council: a commitment of money, works, services, a
decision or a deadline ("the Council will refund your charges", "I can confirm we
will resurface the road by March", "your application has been approved", "you are
required to remove the fence"). The sender is whoever signs or sends it: a
signature block with "Cllr" or a Member's role, a councillor's e-mail address, a
"From the Office of Councillor ..." letterhead, or a name on the council's roster.

## Why it matters
Only officers, or Members with delegated authority, can bind the Council. A
Member's letter that promises a refund or orders a resident to act creates an
obligation no one authorised, and the complaint that follows names the Council.

## What to do
Send it from the responsible officer, or write it as your own action: "I have asked officers to ..."

Letters or emails that commit the Council to money, works, services, a decision or a
deadline, or that give instructions on its behalf, should go out in the name of the
officer who has authority for the matter. A councillor can still reply personally to
an enquiry or complaint sent to them, saying what they will do themselves or what
officers have told them. If a councillor's name is wanted on it, consider a joint
letter with a senior officer (in Conwy, a senior Member with delegated authority may
sign). Even the Mayor, who may write in their own name, should not commit the
Council.

## Flagged
> I can confirm that the Council will refund your parking charges in full. (signed Cllr Priya Shah, Cabinet Member for Highways)
> You are required to remove the fence within 14 days. (signed Councillor Jo Bloggs, Chairman of Planning Committee)
> I have instructed that the fine be cancelled. (an e-mail from cllr.sam.patel@council.gov.uk)
> The Council will meet the cost of the marquee. (signed the Mayor, wokingham profile: para 4 has no carve-out)
> Eastfield ward councillors have commissioned three benches for the green. (a ward page in the third person, not the Council's)

## Not flagged
> I will raise this with officers and let you know. (the Member's own action)
> Officers have told me that the Council will repair the road in March. (a report of what officers said)
> I hope the Council will replace the bins. / I have asked whether the Council can help. (a hope or a question)
> The pothole on Mill Lane will be repaired next week. (a Member's blog or ward update, addressed to no one: news of what the Council will do; flagged in a letter to a resident, or given as "I can confirm ...")
> The Council will refund your charges. (signed Tom Reed, Head of Parking Services: an officer)
> The Council's policy is that damaged bins will be replaced free of charge. (policy, not a commitment)
> Under the conwy profile: a Leader or Cabinet Member with delegated authority (roster
> `delegated-authority = true`, or the letter says so), and a joint letter signed by a
> senior officer and the Member (Conwy 10.2).

## Known gaps
Commitments with an unusual verb ("the Council will look after your garden") and
obligations spread over two sentences ("Officers recommended a refund. I agree, and
it is done.") are not found. A reported commitment whose source is a sentence
earlier ("I spoke to the Head of Highways. The Council will resurface the road.")
is flagged: say who said it in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import kinds, letters, lexicon, people, quotes
from protocheck.model.document import Document, Hit, Match, Person
from protocheck.rules.registry import rule

NOT_A_COMMITMENT_BEFORE = ("ATTRIBUTION", "MEMBER_OWN_ACTION")
# commitments whose subject is the Council or the works ("the pothole will be repaired",
# "the Council will refund"): on a page addressed to no one, with no "I" or "we" giving
# them in the sentence ("I can tell you that ..."), news relayed
RELAYED = ("will-be-done", "council-will-act", "council-has-agreed")
NOT_A_COMMITMENT_ANYWHERE = ("HEDGE",)


def _exempt(doc: Document) -> bool:
    sender, profile = doc.sender, doc.profile
    if sender is None or profile is None:
        return False
    joint = any(s.is_officer for s in doc.signatories) and any(s.is_member for s in doc.signatories)
    if joint and profile.exempts("COR001", "joint-letter"):
        return True
    delegated = sender.delegated_authority or bool(doc.find("DELEGATED_AUTHORITY", scope="all"))
    return sender.senior and delegated and profile.exempts("COR001", "delegated-authority")


def _internal(doc: Document) -> bool:
    """An e-mail from a Member to officers only: not sent on behalf of the Council (CON002's ground)."""
    domains = people.document_domains(doc)
    return (
        bool(doc.recipients)
        and all(people.officer_like(p, domains) or p.is_member for p in doc.recipients + doc.copies)
        and any(people.officer_like(p, domains) for p in doc.recipients)
    )


def _given_by_writer(doc: Document, m: Match) -> bool:
    """An "I" or "we" in the sentence up to the commitment gives it in the writer's name:
    "I can tell you now that the lane will be resurfaced", "we will refund the fee"."""
    s, _ = doc.sentence_at(m.start)
    return bool(lexicon.phrase("first-person-subject").search(doc.text, s, m.end))


def _from_member(doc: Document) -> bool:
    return doc.sender is not None and (doc.sender.is_member or doc.sender.presumed_member)


# obligation entries whose subject is whoever arranged the works ("X and Y have arranged ...")
SUBJECT_ARRANGED = ("member-arranged-done", "arranged-for-the-work", "member-ordered-works")


def _members_own_page(doc: Document) -> bool:
    """A page with no Member as its sender that may still speak for its Members: a ward
    councillors' page written in the third person ("Ward councillors have ordered ...")."""
    return doc.kind in ("other", "letter") and not kinds.council_published(doc)


def _member_subject(doc: Document, m: Match) -> str | None:
    """The Members who are the subject of "... have arranged for ...": "Ward councillors",
    "Labour Councillors", or names the page gives a councillor's title elsewhere."""
    s, _ = doc.sentence_at(m.start)
    subject = doc.text[s : m.start + len(doc.text[m.start : m.end].split()[0])]
    if lexicon.phrase("councillors-subject").search(subject):
        return "the councillors"
    named = {
        people.bare_name(who).split()[-1]
        for _, _, who in people.member_mentions(doc.text, doc.config)
        if people.bare_name(who)
    }
    words = set(re.findall(r"[A-Z][\w'’-]+", subject))
    return "the councillors named" if named & words else None


@rule(
    "COR001",
    "member-obligation",
    severity="error",
    kinds=("letter", "email", "other"),
    when=lambda doc: _from_member(doc) or _members_own_page(doc),
    uses=(
        "patterns/obligation",
        "patterns/attribution",
        "patterns/member-own-action",
        "patterns/hedge",
        "patterns/delegated-authority",
    ),
)
def member_obligation(doc: Document) -> Iterator[Hit]:
    sender = doc.sender
    if sender is None or not (sender.is_member or sender.presumed_member):
        yield from _third_person(doc)
        return
    if _exempt(doc) or _internal(doc):
        return
    kind = "Email" if doc.kind == "email" else "Letter"
    entries = {("OBLIGATION", e.id): e for e in lexicon.pattern_file("obligation")}
    passed = lexicon.phrase("passed-on").search(doc.text)  # read once: the message passed on
    passed_at = passed.end() if passed else len(doc.text) + 1
    posted = doc.kind in ("letter", "other") and not letters.addressed(doc)
    for m in doc.find("OBLIGATION"):
        if doc.sentence_text(m.start).rstrip().rstrip("\"')").endswith("?"):
            continue  # a question
        if posted and m.id in RELAYED and not _given_by_writer(doc, m):
            continue  # a blog or ward update telling what the Council will do: news, not a promise
        if doc.in_quotation(m.start) and not quotes.own_words(doc, m.start):
            continue  # someone else's words quoted (not the Member's own quote for the press)
        if passed_at <= m.start:
            continue  # "See below the update I have received": someone else's message
        if (
            doc.in_same_sentence(m, NOT_A_COMMITMENT_BEFORE)
            or doc.in_same_sentence(m, NOT_A_COMMITMENT_ANYWHERE, before=False)
            or doc.matches_in((m.start + 1, m.end), "ATTRIBUTION")
        ):  # "we can confirm, as the portfolio holder tells us, that it will be done": reported
            continue
        last = doc.text.rfind(" ", m.start, m.end) + 1  # the participle: "approved"
        if lexicon.phrase("decided-by-body").match(doc.text, last):
            continue  # "the scheme will be approved by full council": a decision still to come
        if lexicon.phrase("done-by-the-writer").match(doc.text, last):
            continue  # "post will be collected by me": the Member's own errand, not the Council's
        entry = entries.get(("OBLIGATION", m.id))
        what = entry.message if entry and entry.message else "commits the Council"
        what = what.replace("{last}", doc.text[m.start : m.end].split()[-1].lower())
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end),
            f"{kind} in {sender.short()}'s name {what}",
            pattern=m.id,
        )


# obligation entries where the Member gives the Council's money or works in the first
# person ("I will pay the contractor out of my ward budget")
FIRST_PERSON_GRANT = ("member-will-grant", "member-agreed-to-act", "i-will-get-it-done")


def _third_person(doc: Document) -> Iterator[Hit]:
    """Works Members arranged, announced on their page in the third person; and the
    Council's money or works a Member gave in words a report quotes ("I will pay the firm
    out of my locality budget", a post the news quotes)."""
    if not _members_own_page(doc):
        return
    found = quotes.quotes(doc)
    for m in doc.find("OBLIGATION"):
        speaker = quotes.speaker_at(doc, m.start, found)
        if (
            m.id in FIRST_PERSON_GRANT
            and isinstance(speaker, Person)
            and speaker.is_member
            and not doc.in_same_sentence(m, NOT_A_COMMITMENT_ANYWHERE, before=False)
            and not doc.in_same_sentence(m, NOT_A_COMMITMENT_BEFORE)
        ):
            yield Hit(
                m.start,
                doc.clause_end(m.start, m.end),
                f"{speaker.short()}'s words, quoted, commit the Council",
                pattern=m.id,
            )
            continue
        if m.id not in SUBJECT_ARRANGED or doc.in_quotation(m.start):
            continue
        who = _member_subject(doc, m)
        if who is None:
            continue
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end),
            f"Page in the name of {who} announces works they have arranged for the Council",
            pattern=m.id,
        )
