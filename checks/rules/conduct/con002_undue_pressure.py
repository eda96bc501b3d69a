"""A Member presses an officer: an instruction outside the formal process, changed advice, out-of-hours work, a queue jumped.

## What it flags
In a Member's letter or email to an officer, a sentence that:
- instructs the officer outside the formal decision-making process ("I want you
  to grant this licence by Friday", "I am instructing you to withdraw the notice",
  "I have told your enforcement team to stop all action");
- insists that the officer change professional advice or a report's
  recommendation ("please remove paragraph 4.3", "change your recommendation");
- demands work outside the officer's duties or hours ("I expect you to come to my
  surgery on Saturday");
- asks for a constituent to jump the queue ("move the family to the top of the list");
- asks staff to implement a party group decision, or to go round their manager.
In any document a Member writes (a group e-mail, say), a sentence that reports
having had officers act on a decision the group took ("As agreed last night, the
charges are going. I have asked Parking Services to switch off the machines").
In a news report or decision, a Member's threat to an officer that it quotes ("I
shall put you through the mincer", "we will get you"), taken as the words of the
councillor the report is about when it names no one else as the speaker.

## Why it matters
Officers work to the instructions of their senior officers and give impartial
professional advice; a Member may ask, inform and disagree, but not direct an
officer outside the formal process or lean on them to change their advice
(Wokingham 9.3.10, 9.3.13, 9.3.34.5; Conwy 5.3; North East Derbyshire 4.1(4)(vi),
5.2; Runnymede 2.4).

## What to do
Turn the instruction into a request to the responsible Director or Head of Service, e.g. "Please could you advise whether ...", and drop any demand.

Councillors cannot instruct officers outside the formal decision-making process,
insist that officers change their professional advice, ask for work outside normal
duties or hours, or ask for a constituent to jump the queue; casework follows the
Council's normal procedures and service standards. A political group's decision
cannot be acted on until it has been properly taken under the Constitution. Send
contentious or complex requests to the Director or Head of Service, who sets
officers' priorities; unresolved disputes go to the Head of Paid Service or
Monitoring Officer.

## Flagged
> I want you to grant this licence by Friday.
> There is no need to put it on the booking system; I will square it with your manager.
> Please take paragraph 5.2 out of the report before it goes to Cabinet.
> I expect you to answer your phone out of hours when my residents call.
> Could you move the Hussain family to the top of the list? I want this done this week.

## Not flagged
> Could you let me know when the licence application will be decided? (a request for information)
> I would be grateful if officers could look into the fly-tipping on Mill Lane. (reporting a problem)
> I disagree with the recommendation and will say so at committee. (disagreement through the process)
> I fully accept that this is your professional judgement, but residents have sent new photographs. (new facts)
> As agreed at group, I have asked officers to prepare a briefing on the options. (information, not action)

## Known gaps
Pressure by implication is found only in set phrases ("residents will draw their
own conclusions", "it will look bad for the team", "I would rather not have to
raise this with ..."); a demand and its subject in different sentences are not
linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import letters, lexicon, people, quotes
from protocheck.model.document import Document, Hit, Person
from protocheck.rules.registry import rule

OFFICER_OPENING = 12  # lines at the top of a letter or memo that may name the officer it goes to


def _member_writes(doc: Document) -> bool:
    """A Member's own document, or a report (kind other) that may quote a Member."""
    return (doc.sender is not None and doc.sender.is_member) or doc.kind == "other"


THREATS = (
    "threat-get-you",
    "threat-mincer",
    "threat-your-job",
    "threat-regret",
    "threat-better-or-else",
)
UNNAMED = ("", "it", "this", "that")  # an attribution to a thing: 'It read: "..."'
LEAD_BLOCKS = 3  # paragraphs at the top of a report read for the Members it is about


def _member_the_report_is_about(doc: Document) -> Person | None:
    """A report whose headline or opening paragraphs are about a councillor or
    councillors ("Councillor suspended for email threat"): the Members whose words a
    threat it quotes with no one named as speaker are taken to be."""
    lead = [b for b in doc.blocks if b.in_body or b.kind == "heading"][:LEAD_BLOCKS]
    for block in lead:
        if lexicon.phrase("councillors-named").search(block.text):
            return Person("a councillor", is_member=True, source="report")
    return None


def _quoted_threats(doc: Document) -> Iterator[Hit]:
    """A report quoting a Member's threat to an officer ("... to put you through the
    mincer", "we will get you"): the Member's own words, whoever reports them."""
    found = quotes.quotes(doc)
    for m in doc.find("PRESSURE"):
        if m.id not in THREATS or not doc.in_quotation(m.start):
            continue
        speaker = quotes.speaker_at(doc, m.start, found)
        if not speaker or people.bare_name(speaker.name).lower() in UNNAMED:
            speaker = _member_the_report_is_about(
                doc
            )  # 'It read: "... stuff you through the mincer"'
        if not speaker or not (speaker.is_member or speaker.presumed_member):
            continue
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end, 8),
            f"{speaker.short()} threatens an officer",
            pattern=m.id,
        )


def _member_to_officer(doc: Document) -> bool:
    sender = doc.sender
    if sender is None or not sender.is_member:
        return False
    if people.addressed_to_officer(doc):
        return True
    if doc.recipients:
        return False
    lines = [ln for ln in doc.text.split("\n")[: OFFICER_OPENING * 2] if ln.strip()]
    for i, line in enumerate(
        lines
    ):  # the addressee block and "Dear ...": "Head of Planning", "Dear Ms Moss"
        if letters.is_salutation(line):
            found = people.roster_lookup(
                doc.config, re.sub(r"^\s*dear\s+", "", line, flags=re.IGNORECASE).strip(" ,")
            )
            block = "\n".join(
                ln
                for ln in lines[max(0, i - 4) : i + 1]
                if not lexicon.phrase("company-name").search(ln)
            )
            return people.officer_title(block) or (found is not None and found[0] == "officer")
    return False


def _polite(doc: Document, sentence: tuple[int, int]) -> bool:
    """A request or deference in the sentence; not "if you cannot make it", which is a condition."""
    negated = lexicon.phrase("negated-next")
    return any(
        not negated.match(doc.text, p.end) for p in doc.matches_in(sentence, "POLITE_REQUEST")
    )


DISCLAIMER_REACH = 30  # characters before a demand read for "please don't feel you have to"
SENTENCES_AFTER_GROUP_DECISION = 2  # "The group met on Monday ... So please stop the letters."
SENTENCES_AFTER_AS_AGREED = 3  # "As agreed last night" and the two sentences that carry it out


@rule(
    "CON002",
    "undue-pressure",
    severity="warning",
    kinds=("letter", "email", "other"),
    uses=(
        "patterns/pressure",
        "patterns/pressure-topic",
        "patterns/demand",
        "patterns/polite-request",
        "phrases",
    ),
    when=_member_writes,
)
def undue_pressure(doc: Document) -> Iterator[Hit]:
    if doc.kind == "other":
        yield from _quoted_threats(doc)  # a report quoting a Member's threat
        if doc.sender is None or not doc.sender.is_member:
            return
    yield from _group_decision_carried_out(doc)
    if not _member_to_officer(doc):
        return
    seen: set[tuple[int, int]] = set()
    candidates = [(m, True) for m in doc.find("PRESSURE")] + [
        (m, False) for m in doc.find("PRESSURE_TOPIC")
    ]
    for m, strong in sorted(candidates, key=lambda c: c[0].start):
        sentence = doc.sentence_at(m.start)
        if sentence in seen or doc.in_quotation(m.start):
            continue
        if lexicon.phrase("not-a-demand").search(doc.text, doc.sentence_at(m.start)[0], m.end):
            continue  # "I am not asking you to change the recommendation"
        if strong and _polite(doc, sentence):
            continue  # a request or deference; a topic (changed advice, a queue jumped) is pressure however put
        demand = m if strong else doc.in_same_sentence(m, ("PRESSURE", "DEMAND"), before=False)
        if demand is None:
            continue
        if demand is not m and lexicon.phrase("not-a-demand").search(
            doc.text, max(sentence[0], demand.start - DISCLAIMER_REACH), demand.end
        ):
            continue  # "please don't feel you have to stay"
        if not strong and doc.sentence_text(m.start).rstrip().rstrip("\"')").endswith("?"):
            continue
        seen.add(sentence)
        start, end = min(m.start, demand.start), max(m.end, demand.end)
        yield Hit(
            start,
            doc.clause_end(start, end, 8),
            f"{doc.sender.short() if doc.sender else 'A Member'} presses an officer outside the formal process",
            pattern=m.id,
        )
    # "I have told your enforcement team to stop all action": an instruction given to staff
    for told in lexicon.phrase("instruction-passed-on").finditer(doc.text):
        sentence = doc.sentence_at(told.start())
        block = doc.block_at(told.start())
        if sentence in seen or block is None or not block.in_body or doc.in_quotation(told.start()):
            continue
        if not lexicon.phrase("instruction-verb").search(told.group(0)):
            continue  # "I have asked Parking Services to switch off the faulty machine": a request
        seen.add(sentence)
        yield Hit(
            told.start(),
            doc.clause_end(told.start(), told.end(), 8),
            f"{doc.sender.short() if doc.sender else 'A Member'} has instructed officers outside the formal process",
            pattern="instruction-given",
        )
    # "The group met on Monday and the view was overwhelming. So please stop the letters."
    for m in doc.find("PRESSURE_TOPIC"):
        if m.id != "group-decision" or doc.in_quotation(m.start):
            continue
        here = doc.sentence_at(m.start)
        following = [s for s in doc.sentences_near(m.start, paragraphs=0) if s[0] > here[0]]
        following = following[:SENTENCES_AFTER_GROUP_DECISION]
        for sentence in following:
            if sentence in seen:
                continue
            demand = next(iter(doc.matches_in(sentence, "DEMAND", "PRESSURE")), None)
            if demand is None or _polite(doc, sentence):
                continue
            seen.add(sentence)
            yield Hit(
                demand.start,
                doc.clause_end(demand.start, demand.end, 8),
                f"{doc.sender.short() if doc.sender else 'A Member'} asks an officer to act on a party "
                f"group's decision ({doc.text[m.start : m.end]})",
                pattern="group-decision-nearby",
            )
            break


def _group_decision_carried_out(doc: Document) -> Iterator[Hit]:
    """A Member reports having had officers act on what the group agreed: "As agreed last
    night, the charges are going. I have asked Parking Services to switch off the machines."
    The decision is the group's when the document speaks of a group meeting."""
    if not lexicon.phrase("group-met").search(doc.text):
        return
    for agreed in lexicon.phrase("as-agreed").finditer(doc.text):
        here = doc.sentence_at(agreed.start())
        for sentence in [
            s for s in doc.sentences_near(agreed.start(), paragraphs=0) if s[0] >= here[0]
        ][:SENTENCES_AFTER_AS_AGREED]:
            told = lexicon.phrase("instruction-passed-on").search(doc.text, *sentence)
            if told is not None and not doc.in_quotation(told.start()):
                yield Hit(
                    told.start(),
                    doc.clause_end(told.start(), told.end(), 8),
                    f"{doc.sender.short() if doc.sender else 'A Member'} has officers carry out a group "
                    f"decision ({agreed.group(0)})",
                    pattern="group-decision-carried-out",
                )
                return
