"""A Member criticises a named or identifiable officer in public or in writing meant for others.

## What it flags
A sentence in which a Member attacks the conduct, capability or competence of an
officer who can be identified (by name, by "Mr Hart", or by a post one person
holds: "the Director of Finance", "the case officer") in a document that goes
beyond the proper route: a press statement, a newsletter, a letter to the paper,
a letter to residents, or an email copied to other Members or to the public. Also
an officer who publicly impugns a named Member ("Cllr Bloggs misled the committee").

## Why it matters
Officers cannot answer back in public. A Member with a concern about an officer
raises it privately with the officer's manager, the Chief Executive or a Group
Leader, never in public or in front of others (Wokingham 9.3.17(b)-(c), 9.3.28,
9.3.35; North Northamptonshire 1.1, 5.7; Conwy 4.1; North East Derbyshire
Appendix "Members Don't"; Runnymede 2.2, 3.12).

## What to do
Remove the criticism of the named officer; raise the concern privately with the officer's manager, the relevant Director or the Chief Executive.

Councillors should not raise an officer's conduct or capability at public meetings,
in the media or in papers circulated to others, because the officer has no fair way
to reply; scrutiny is for policies and services, not appraising individual staff.
Challenge the service or decision, not the person, and keep any criticism well
founded and constructive. Concerns about a Director go to the Chief Executive; an
officer worried about a councillor should go to their manager or the Monitoring
Officer, not go public.

## Flagged
> The planning officer, Mr Hart, clearly didn't read the file. (a ward newsletter)
> You are not competent to be running a licence review. (an email to an officer copied to six Members)
> The Director of Finance is out of his depth. (a letter to the local paper)

## Not flagged
> An email to the Chief Executive alone raising a concern about an officer's handling of a case (the proper route).
> The Cabinet's decision to close the library is disgraceful. (a decision, not an officer)
> The contractor's work was shoddy. (not an officer)
> I disagree with the officers' recommendation and will say so at committee. (disagreement, not an attack)
> Please send comments to the case officer; I am not able to forward emails while I am away. (the writer of themselves)
> There has been intimidation and abuse of our clerk by the chairman. (the officer suffers it)
> The audit found no evidence of negligence by the planning officers. (cleared, not charged)
> Will he apologise for calling the officers liars? (someone else's charge, condemned)

## Known gaps
Criticism of an officer named in an earlier sentence is found when it goes on
with "he" or "she" within three sentences (further while the sentences between
say "she" again), or names no one and follows the
officer's sentence at once ("That note never told the whole truth."). Sarcasm
and insinuation with no criticism word ("Draw your own conclusions.") are not
recognised.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from protocheck.language import kinds, lexicon, people, politics, quotes
from protocheck.model.document import CLAUSE_BREAK, Document, Hit, Match, Person
from protocheck.rules.registry import rule

DONE_TO_THE_WRITER = (
    "treated-with-contempt",
)  # "I was treated with contempt by officers": the writer is the one wronged
SERVICE_REACH = (
    20  # characters before an officer read for another service ("senior police officers")
)
QUOTE_TAIL = 60  # characters a finding inside a short quotation runs on to close it
PRONOUN_REACH = 3  # sentences back a "he" or "she" may point to the officer named there
CHAIN_REACH = 12  # sentences back a chain of "she ... she ..." may run to the officer it began with
NAMELESS_REACH = (
    1  # sentences back a criticism naming no one ("It never told the whole truth.") may point
)


def _target(doc: Document, m: Match, label: str) -> Match | None:
    """Who is criticised: a reference in the sentence; or the officer named last a few
    sentences before, when this one goes on with a pronoun ("... the case officer. He
    clearly had not read it."); or the officer named in the sentence just before, when
    this one names no one ("... the director's email. It never told the whole truth.")."""
    s, e = doc.sentence_at(m.start)
    for found in _references(doc, label, s, e):
        if found is m:
            continue
        a, b = (
            sorted((found.end, m.start)) if found.start < m.start else sorted((m.end, found.start))
        )
        # named in another clause: the criticism is of them only if it says "he", "her" ...
        if not CLAUSE_BREAK.search(doc.text, a, b) or lexicon.phrase("third-person").search(
            doc.text, min(found.end, m.start), e
        ):
            return found
    if label == "OFFICER_REF" and people.addressed_to_officer(doc):
        you = lexicon.phrase("second-person").search(
            doc.text, s, e
        )  # a Member's email to an officer: "you" is that officer
        if you:
            return Match(label, "addressee", you.start(), you.end())
    other = "MEMBER_REF" if label == "OFFICER_REF" else "OFFICER_REF"
    pronoun = _content_pronoun(doc, s, e)
    if label == "OFFICER_REF" and lexicon.phrase("political-body").search(doc.text, s, e):
        return None  # "shameful how the ruling political group gave in": about the group named here
    if label == "OFFICER_REF" and lexicon.phrase("members-in-general").search(doc.text, s, m.start):
        return None  # "any member who displayed disrespectful behaviour": Members are its subject
    if label == "OFFICER_REF" and lexicon.phrase("outside-body").search(doc.text, s, m.start):
        # "why the Ombudsman refused to look at this scandalous waste": that body's doing
        return None
    named_here = doc.matches_in((s, e), other)
    if named_here and (
        not pronoun
        or (
            named_here[0].start < pronoun.start()
            and lexicon.phrase("one-person-pronoun").fullmatch(pronoun.group(0))
        )
    ):
        # "Cllr Hart's motion was a shambles": about someone else named here; "Cllr
        # Hart misleads, for reasons only she knows": "she" is the one just named
        return None
    here = (s, e)
    reach = PRONOUN_REACH if pronoun else NAMELESS_REACH
    same = people.pronoun_person(pronoun.group(0)) if pronoun else None
    for step in range(CHAIN_REACH):  # "he" is the person named last, a few sentences back
        if step >= reach:
            return None
        before = doc.previous_sentence(here)
        if before is None:
            return None
        named = _references(doc, label, *before)
        others = [r for r in doc.matches_in(before, other) if not _attributes(doc, r)]
        if others and (not named or others[-1].start > named[-1].start):
            return None  # someone of the other side was named last: "he" may be them
        if named:
            return named[-1]
        if same and any(
            people.pronoun_person(p.group(0)) == same
            for p in lexicon.phrase("one-person-pronoun").finditer(doc.text, *before)
        ):
            reach = step + 1 + PRONOUN_REACH  # "she" again: the chain goes on to who she is
        here = before
    return None


ATTRIBUTION_REACH = 20  # characters before a name read for the verb attributing a quotation to it


def _attributes(doc: Document, ref: Match) -> bool:
    """The reference names who said a quotation ('..., Mrs Hart said.', 'said Cllr
    Hart'), not someone the words are about."""
    return bool(
        lexicon.phrase("speaker-then-verb").match(doc.text, ref.end)
        or lexicon.phrase("verb-then-speaker").search(
            doc.text[max(0, ref.start - ATTRIBUTION_REACH) : ref.start]
        )
    )


def _content_pronoun(doc: Document, start: int, end: int) -> re.Match[str] | None:
    """The first "he", "she", "they" ... in the sentence that is part of what it says,
    not the attribution of a quotation ('"... my political career", he said'),
    which names the speaker, not whom the words are about."""
    for found in lexicon.phrase("third-person").finditer(doc.text, start, end):
        if not lexicon.phrase("pronoun-speaks").match(doc.text, found.start(), end):
            return found
    return None


def _references(doc: Document, label: str, start: int, end: int) -> list[Match]:
    """References of `label` between start and end. A bare "Mr Keane" is an officer only
    when the roster says so, or when the document names him with an officer's role
    somewhere ("the Council's engineer, Mr Keith Dunmore"): residents have names too.
    An officer the document has named in a role ("its grants manager, Owen Pryce")
    is an officer wherever the surname comes again ("Evans lodged a baseless ...")."""
    found = [
        ref
        for ref in doc.matches_in((start, end), label)
        if (ref.id != "honorific-name" or _known_in_role(doc, ref))
        and not (
            label == "OFFICER_REF"
            and lexicon.phrase("other-service-officer").search(
                doc.text, max(0, ref.start - SERVICE_REACH), ref.start
            )
        )
    ]
    if label == "OFFICER_REF":
        for surname in doc.analysis(_officer_surnames):
            for m in re.finditer(rf"\b{re.escape(surname)}\b", doc.text[start:end]):
                at = start + m.start()
                if not any(r.start <= at < r.end for r in found):
                    found.append(Match(label, "named-officer", at, at + len(surname)))
        found.sort(key=lambda r: r.start)
    return found


NAME_REACH = 40  # characters after an officer's role read for the name that follows it
ROLE_REACH = 60  # characters either side of a name read for the officer's role given beside it
_NAME_AFTER = re.compile(r"[ \t]*,?[ \t]*((?:[A-Z][a-z][\w'’-]*[ \t]+){1,2}[A-Z][a-z][\w'’-]*)")
_NAME_OPENS = re.compile(r"\s*((?:[A-Z][a-z][\w'’-]*\s+){0,2}[A-Z][a-z][\w'’-]*)(?:['’]s)?\s*,")


def _officer_surnames(doc: Document) -> frozenset[str]:
    """Surnames the document gives an officer's role: "the chief executive, Bryn Jones",
    "Pryce, as the reader will recall, was the authority's monitoring officer"."""
    names: set[str] = set()
    for m in doc.matches_of("OFFICER_REF"):
        if m.id == "honorific-name":
            continue
        after = _NAME_AFTER.match(doc.text, m.end, m.end + NAME_REACH)
        if after and people.name_line(after.group(1)) and not people.member_title(after.group(1)):
            names.add(after.group(1).split()[-1])
        s, _ = doc.sentence_at(m.start)
        opens = _NAME_OPENS.match(doc.text, s, m.start)
        if (
            opens
            and people.name_line(opens.group(1))
            and not people.member_title(opens.group(1))  # "Cllr Hart, who was ...": a Member
            and lexicon.phrase("role-copula").search(doc.text, opens.end(), m.start)
        ):
            names.add(opens.group(1).split()[-1])
    return frozenset(n for n in names if not people.member_title(n) and not people.officer_title(n))


def _known_in_role(doc: Document, ref: Match) -> bool:
    """Some sentence gives the surname an officer's role beside it: "the Council's
    engineer, Mr Keith Dunmore", "Mr Dunmore, the highways engineer". (A roster officer
    needs no such sentence: people.mark_roster adds "Mr Rudd" as a roster reference.)"""
    surname = doc.text[ref.start : ref.end].split()[-1]
    for m in re.finditer(rf"\b{re.escape(surname)}\b", doc.text):
        s, e = doc.sentence_at(m.start())
        before = doc.text[max(s, m.start() - ROLE_REACH) : m.start()]
        after = doc.text[m.end() : min(e, m.end() + ROLE_REACH)]
        if quotes.officer_named_after(before) or (
            after.lstrip().startswith(",") and people.officer_title(after.split(".")[0])
        ):
            return True
    return False


def _criticism_possible(doc: Document) -> bool:
    if doc.kind in ("press-release", "other", "report"):
        return True
    return doc.sender is not None and (
        doc.sender.is_member or doc.sender.is_officer or doc.sender.presumed_member
    )


SUBJECT_WORDS = 4  # words between an officer and a verb of which the officer is the subject


def _subject_of(between: str) -> bool:
    """The officer named just before is the verb's subject: "Ms Pike had repeatedly
    complained", not 'Mr Pike "..." and went on to say'."""
    return len(between.split()) <= SUBJECT_WORDS and not any(c in between for c in '"“”')


def _group_speaks(doc: Document, m: Match) -> Person | None:
    """A page no one signs whose sentence has a party's councillors as its subject ("The
    Plaid group will be tabling no confidence motions in ..."): those Members speak."""
    if kinds.council_published(doc):
        return None
    s, _ = doc.sentence_at(m.start)
    subject = lexicon.phrase("group-subject").match(doc.text[s : m.start])
    if subject is None or not politics.mentions(subject.group(0)):
        return None
    return Person(subject.group(0).strip(), is_member=True, source="group")


def _said_closed(between: str) -> bool:
    """What the verb introduced is a quotation that has closed before the criticism."""
    opens = [i for i, c in enumerate(between) if c in '"“']
    closes = [i for i, c in enumerate(between) if c in '"”']
    return bool(opens) and any(c > opens[0] for c in closes)


SUBJECT_REACH = 30  # characters before a criticism read for its subject ("I am not able to")


def _not_of_the_target(doc: Document, m: Match, target: Match, sentence_start: int) -> bool:
    """The sentence's criticism is not of the officer it names: "the clerk was bullied
    by Cllr Hart" (the officer suffers it), "Cllr Hart was found to have behaved in an
    intimidating manner by the monitoring officer" (the officer makes the charge), "Cllr
    Hart's conduct was described as rude" (a Member's conduct is judged), "the Leader
    brushed aside the advice of the finance director" (the officer gave it)."""
    text = doc.text
    if target.label == "OFFICER_REF" and lexicon.phrase("done-by-a-member").match(text, m.end):
        return True  # "harassment by one senior member": a Member did it
    if target.label == "OFFICER_REF" and _harm_to_officer_next(doc, m):
        return True  # "councillors are breaking the code by bullying the clerk": she suffers it
    if m.end <= target.start and lexicon.phrase("advice-from").search(text, m.start, target.start):
        return True  # "brushed aside the advice of the finance director": the officer advised
    if (
        m.end <= target.start
        and lexicon.phrase("wronged-by").fullmatch(text, m.end, target.start)
        and not (
            lexicon.phrase("fault-noun").search(text, m.start, m.end)
            and lexicon.phrase("of-next").match(text, m.end)
        )
    ):
        return True  # "disingenuous to the planning manager": how someone treats the officer
        # (but "the capitulation of council management": a fault, and the officers' own)
    if m.end <= target.start and _harm_done_to(text, m, target):
        return True  # "claims of bullying and intimidation of our clerk": the clerk suffers it
    if lexicon.phrase("judging-feeling").match(text, m.start):
        # "appalled at how the agenda was rigged, I wrote to the monitoring officer": the
        # feeling is about what follows it, up to the clause's end
        stop = CLAUSE_STOP.search(text, m.end)
        return not m.end <= target.start < (stop.start() if stop else len(text))
    if target.end <= m.start:  # the officer first: "the clerk was bullied by ..."
        return bool(
            (
                lexicon.phrase("passive-be").search(text[target.end : m.start])
                or lexicon.phrase("passive-just-before").search(text, sentence_start, m.start)
            )
            and lexicon.phrase("agent-by").match(text, m.end)
        ) or _suffered(text, sentence_start, m)
    before = text[sentence_start : m.start]
    return bool(lexicon.phrase("member-judged").search(before)) and bool(
        lexicon.phrase("agent-by").search(text, m.end, target.start)
        or lexicon.phrase("member-conduct-was").search(before)
    )


CLAUSE_STOP = re.compile(r"[,;:.!?]")  # where a clause ends ("appalled by X, I wrote to ...")


HARM_JOIN = r"\s*(?:,|and|or)?\s*"  # between harms in a run: "insulted, bullied and intimidated"


@functools.cache
def _harm_run() -> re.Pattern[str]:
    """A run of harms closing the text ("insulted, bullied and "), to reach the passive before it."""
    harm = lexicon.phrase("mistreated").pattern
    return re.compile(rf"(?:(?:{harm}){HARM_JOIN})+$")


@functools.cache
def _harms_then_of() -> re.Pattern[str]:
    """What may stand between a harm and the one it is done to: more harms, then
    phrases.yml harm-done-to ("abuse and intimidation" of our)."""
    harm = lexicon.phrase("mistreated").pattern
    done_to = lexicon.phrase("harm-done-to").pattern
    return re.compile(rf"(?:{HARM_JOIN}(?:{harm}))*(?:{done_to})", re.IGNORECASE)


def _harm_done_to(text: str, m: Match, target: Match) -> bool:
    """ "intimidation and abuse of our clerk": harm named as done to the officer."""
    return bool(lexicon.phrase("mistreated").match(text, m.start)) and bool(
        _harms_then_of().fullmatch(text, m.end, target.start)
    )


OBJECT_REACH = 30  # characters after a harm read for the officer it is done to
OBJECT_WORDS = 2  # words after "of a" read for an officer's title ("council officer")


def _harm_to_officer_next(doc: Document, m: Match) -> bool:
    """ "bullying the clerk", "abuse of our clerk": a harm whose object is an officer,
    whoever else the sentence names."""
    if not lexicon.phrase("mistreated").match(doc.text, m.start):
        return False
    joined = lexicon.phrase("harm-done-to").match(doc.text, m.end)
    if joined and people.officer_title(" ".join(doc.text[joined.end() :].split()[:OBJECT_WORDS])):
        return True  # "intimidation of a council officer": one no pattern names, done to
    return any(
        not doc.text[m.end : ref.start].strip()
        or _harms_then_of().fullmatch(doc.text, m.end, ref.start)
        for ref in doc.matches_in((m.end, m.end + OBJECT_REACH), "OFFICER_REF")
    )


def _suffered(text: str, sentence_start: int, m: Match) -> bool:
    """ "officers have been harassed and intimidated": harm a passive gives its
    subject, who suffers it (phrases.yml mistreated), named or not by whom."""
    if not lexicon.phrase("mistreated").match(text, m.start):
        return False
    before = _harm_run().sub("", text[sentence_start : m.start])
    return bool(lexicon.phrase("passive-just-before").search(before))


@rule(
    "CON001",
    "officer-criticism",
    severity="warning",
    kinds=("letter", "email", "press-release", "other"),
    uses=(
        "patterns/criticism",
        "patterns/officer-reference",
        "patterns/member-reference",
        "phrases",
    ),
    needs=(people.mark_roster,),
    when=_criticism_possible,
)
def officer_criticism(doc: Document) -> Iterator[Hit]:
    if doc.kind in ("email", "letter") and people.officers_only(doc):  # the private route
        return
    found = quotes.quotes(doc)
    writer = doc.sender
    for m in doc.find("CRITICISM"):
        speaker = quotes.speaker_at(doc, m.start, found)
        own = quotes.own_words(doc, m.start)  # the writer's quote for the press
        author = writer if speaker is False or own else speaker
        if author is None and speaker is False:
            # "The Green group will table ...": its Members; "Cllr Reed said at the meeting
            # that ...": the Member's words, reported
            author = _group_speaks(doc, m) or quotes.reported_member(doc, m.start)
        if author is None or not (author.is_member or author.is_officer or author.presumed_member):
            continue
        member = author.is_member or author.presumed_member
        if speaker is False and doc.in_quotation(m.start) and not own:
            continue  # someone else's words, quoted
        if author is not writer and doc.kind in ("letter", "email"):
            continue  # words a letter reports someone said: the writer's account, not publicity
        if (
            m.id not in DONE_TO_THE_WRITER
            and lexicon.phrase("self-subject").search(
                doc.text, max(0, m.start - SUBJECT_REACH), m.start
            )
            and not lexicon.phrase("judging-feeling").match(doc.text, m.start)
        ):
            continue  # "I am not able to forward emails": the writer of themselves
        s, e = doc.sentence_at(m.start)
        if lexicon.phrase("no-evidence-of").search(doc.text, s, m.start):
            continue  # "found no evidence the planners were negligent": cleared, not charged
        if lexicon.phrase("not-meant-as").search(
            doc.text[max(s, m.start - SUBJECT_REACH) : m.start]
        ):
            continue  # "I never meant it in a hostile way": the word disowned
        if lexicon.phrase("charge-reported").search(doc.text, s, m.start):
            continue  # "allegations that officers conspired": a charge reported, not made
        if lexicon.phrase("apology-for").search(doc.text, s, m.start):
            continue  # "will he apologise for calling the officers liars?": someone else's charge, condemned
        if m.id == "in-effect-running" and lexicon.phrase("who-runs-it").search(
            doc.text, max(0, m.start - SUBJECT_REACH), m.start
        ):
            continue  # "you have to ask who really runs this council": no one is named
        label = "OFFICER_REF" if member else "MEMBER_REF"
        target = _target(doc, m, label)
        if target is None or (quotes.term_at(m.start, found) and not s <= target.start < e):
            continue  # 'Cllr Hart described the motion as "stupid"': about the motion
        named = lexicon.phrase("named-as").search(doc.text, s, m.start)
        what = "object" if named and named.group("object") else "bare"
        if named and not doc.matches_in((named.start(what), named.end(what)), label):
            continue  # "described the motion as 'stupid'": about the motion
        if lexicon.phrase("named-by-a-thing").search(doc.text, s, m.start):
            continue  # "a report which rated the department as 'failing'": the report's word
        accuses = (  # in the sentence, after the officer ("... pursued his complaint of")
            lexicon.phrase("accuser-verb").search(doc.text, max(target.end, s), m.start)
            if target.end <= m.start
            else None
        )
        if accuses is not None and _said_closed(doc.text[accuses.end() : m.start]):
            accuses = None  # 'the clerk said "In her opinion", ... as she conveniently forgets':
            # the officer's words are over, quoted, before the writer's criticism
        if accuses is not None and (
            speaker is False
            or doc.in_quotation(accuses.start())
            or _subject_of(doc.text[target.end : accuses.start()])
        ):
            # "the clerk complained that members were misleading": the officer accuses (but
            # 'Cllr Hart said that Mr Pike "..." and went on to say "he is lazy"' is the
            # Member's quotation, the verb introducing it)
            continue
        if _not_of_the_target(doc, m, target, s):
            continue
        if s <= target.start < e:
            start, end = min(m.start, target.start), max(m.end, target.end)
        else:  # named in the sentence before: quote the sentence that goes on about them
            start, end = s, m.end
        who = "an officer" if member else "a Member"
        end = doc.clause_end(start, end, 6)
        close = doc.quotation_end(end - 1)
        if close is not None and close - end <= QUOTE_TAIL:
            end = close  # 'the officer "has to go!! Useless at the job!"': the quotation whole
        yield Hit(
            start,
            end,
            f"{author.short()} criticises {who} ({doc.text[target.start : target.end]}) where others will read it",
            pattern=m.id,
        )
