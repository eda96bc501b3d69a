"""Council resources asked for or used for party political, campaigning or private purposes.

## What it flags
A sentence that asks for, offers or reports the use of Council resources (its
officers and staff, printing and franking, rooms, mailing lists, the
communications team, budgets) for party political, campaigning, electioneering
or private purposes: an officer asked to a ward or constituency party meeting (or
offering to come: "I am happy to come along to the branch meeting"),
staff asked to draft a campaign leaflet, the members' printer used for election
literature, a Council consultation list used for a party survey. A Member's
e-mail from a Council address that asks residents for their vote is flagged too:
the Council's e-mail system is a Council resource.

## Why it matters
Council resources are paid for by every taxpayer and may be used only for Council
business; officers must not be drawn into party politics (Wokingham Premises and
Resources 4-6, 9.3.34.3; North Northamptonshire 7.4; Conwy 10.1; North East
Derbyshire 5.7; Runnymede 2.9).

## What to do
Remove the request for Council staff, money, premises or equipment for party, campaign or private use; use party or personal resources instead.

Council support such as staff time, IT, printing, stationery, rooms and transport is
provided only for Council business and must not be used for party politics,
campaigning, electioneering or private purposes. Officers must not be asked to
attend ward or constituency party meetings or to draft campaign material. Officers
may brief a political group on Council business if the request is made in writing to
the Chief Executive and Monitoring Officer and the same is offered to other groups;
if in doubt, ask the Monitoring Officer.

## Flagged
> Could one of your officers come to our Labour branch meeting on Thursday?
> Can the communications team draft our election leaflet for May?
> I printed the campaign leaflets on the members' printer.
> Could you book the Council Chamber for 14 March? It is our Labour Party fundraising dinner. (a Member's request to officers, its purpose in the next sentence)
> Get the Communications team to draft your leaflet text. (a Member's e-mail about canvassing and the by-election)
> I'd be very grateful for your vote on 7 May. (a Member's e-mail to residents from a .gov.uk address)

## Not flagged
> Could the Director brief the Conservative Group on the budget proposals? (Council business, on request)
> I am afraid I cannot attend your branch meeting. (an officer declining)
> The party paid for these leaflets, printed by Castle Print Ltd. (no Council resource)
> I used my Council laptop to reply to residents about the flooding. (ward casework)
> A news report or decision notice saying council printers were used for election leaflets. (no one here asks; a Member's own words quoted in it, or on a Member's line of a chat, still count)
> We paid for our own leaflets and never used the Council's printers for them. (not used)
> Has the Green group been using Council email addresses for party purposes? (a question about others)


## Known gaps
Outside a Member's letter or email to officers, a request and its purpose in
different sentences are not linked; whether a room was paid for at a commercial
rate cannot be seen.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import lexicon, people, politics, quotes
from protocheck.model.document import Document, Hit, Match
from protocheck.rules.registry import rule

WEAK = (
    "campaign",
    "own-leaflet",
)  # party purposes only with a party or an election in the sentence
CAMPAIGN_SEASON = 2  # distinct campaign words that make a Member's whole document campaign business


def _political(doc: Document, m: Match) -> bool:
    """A campaign or fundraiser is a party's when a party, an election or another party
    purpose is named in the same sentence."""
    if any(
        o is not m and o.id not in WEAK
        for o in doc.matches_of("PARTY_PURPOSE")
        if doc.sentence_at(o.start) == doc.sentence_at(m.start)
    ):
        return True
    sentence = doc.sentence_text(m.start)
    if (
        doc.sender is not None
        and doc.sender.is_member
        and (
            lexicon.phrase("own-campaign").search(sentence)
            or lexicon.phrase("campaign-material").search(sentence)
        )
    ):
        return True  # a Member's "our campaign", a Member's campaign leaflets
    if doc.in_same_sentence(m, ("PARTY",), before=False) or lexicon.phrase(
        "election-context"
    ).search(sentence):
        return True
    return doc.sender is not None and doc.sender.is_member and _campaign_season(doc)


def _campaign_season(doc: Document) -> bool:
    """A Member's document written in an election campaign: canvassing, the by-election,
    the agent, the doorstep (CAMPAIGN_SEASON distinct words, subject line included)."""
    text = f"{doc.raw.subject or ''}\n{doc.text}"
    words = {m.group(0).lower() for m in lexicon.phrase("campaign-season").finditer(text)}
    return len(words) >= CAMPAIGN_SEASON


def _addressee(doc: Document, sentence: tuple[int, int]) -> Match | None:
    """In a letter or email to an officer, a request to "you" asks for that officer's time."""
    if not people.addressed_to_officer(doc):
        return None
    you = lexicon.phrase("request-to-addressee").search(doc.text, *sentence)
    return Match("RESOURCE", "addressee", you.start(), you.end()) if you else None


def _facility_nearby(doc: Document, sentence: tuple[int, int]) -> Match | None:
    """A Council facility (printer, franking, rooms, accounts) in the sentence before or after,
    in the same paragraph: "Could you put them through the franking machine? They are our election leaflets." """
    before = doc.previous_sentence(sentence, same_paragraph=True)
    after = next(
        (s for s in doc.sentences_near(sentence[0], paragraphs=0) if s[0] > sentence[0]), None
    )
    for near in (before, after):
        found = (
            next((r for r in doc.matches_in(near, "RESOURCE") if r.id != "officers-staff"), None)
            if near
            else None
        )
        if found is not None:
            return found
    return None


CAMPAIGNING = (
    "vote-for",
    "your-vote",
    "standing-as-candidate",
    "electioneering",
    "walk-sheets",
)  # votes, canvassing


def _council_account(doc: Document) -> str | None:
    """A Member's e-mail sent from a Council address (a .gov.uk, .gov.wales or .gov.scot
    domain) to people outside the Council: residents, not officers or other Members."""
    sender = doc.sender
    if doc.kind != "email" or sender is None or not sender.is_member or not sender.email:
        return None
    if not lexicon.phrase("government-mail-domain").search(people.domain(sender)):
        return None
    domains = people.document_domains(doc)
    public = [
        p
        for p in doc.recipients + doc.copies + doc.blind_copies
        if not p.is_member and not people.officer_like(p, domains)
    ]
    return (
        sender.email if public else None
    )  # an appeal to voters, not a note to colleagues or officers


def _purposes(doc: Document) -> Iterator[Match]:
    """Party political or campaign purposes the document states as its own: not quoted,
    not a briefing on Council business or a refusal, a weak one only with a party."""
    for m in doc.find("PARTY_PURPOSE"):
        if doc.in_quotation(m.start) or doc.in_same_sentence(
            m, ("COUNCIL_BUSINESS",), before=False
        ):
            continue
        if m.id in WEAK and not _political(doc, m):
            continue
        if m.id in ("party-meeting", "party-agm") and lexicon.phrase("civic-association").search(
            doc.text, max(0, m.start - WORDS_BEFORE_REACH), m.start
        ):
            continue  # "the residents' association meeting"
        yield m


def _resource_asked(doc: Document, sentence: tuple[int, int]) -> Match | None:
    """A Council facility, team or list that the sentence asks for or says was used (bare
    "officers" or "staff" only in a request to the addressee); not "our mailing list"."""
    if not lexicon.phrase("resource-request").search(doc.text, *sentence):
        return None
    found = [
        r
        for r in doc.matches_in(sentence, "RESOURCE")
        if not lexicon.phrase("own-resource").search(
            doc.text[max(sentence[0], r.start - WORDS_BEFORE_REACH) : r.start]
        )
    ]
    facility = next((r for r in found if r.id != "officers-staff"), None)
    if facility is not None:
        return facility
    return _addressee(doc, sentence) if found else None


def _resource_here(doc: Document, m: Match, sentence: tuple[int, int]) -> Match | None:
    """A Council resource in the purpose's sentence; bare "officer" or "staff" only where
    the sentence asks for or offers something ("could one of your officers attend"), not
    "the campaign cheered as the Returning Officer announced the count"."""
    resource = doc.in_same_sentence(m, ("RESOURCE",), before=False)
    if resource is None or resource.id != "officers-staff":
        return resource
    here = doc.matches_in(sentence, "RESOURCE")
    others = [r for r in here if r.id != "officers-staff"]
    if others:
        return others[0]
    if lexicon.phrase("resource-request").search(doc.text, *sentence) or lexicon.phrase(
        "second-person"
    ).search(doc.text, *sentence):
        return resource
    wanted = lexicon.phrase("officer-wanted")
    return next((r for r in here if wanted.search(doc.text, sentence[0], r.start)), None)


def _officer_offers(doc: Document, sentence: tuple[int, int]) -> Match | None:
    """An officer writing that they will come to or help with a party purpose ("I am happy
    to come along to the branch Labour Party meeting"): the officer's working time is the
    Council's resource."""
    if doc.sender is None or not doc.sender.is_officer:
        return None
    offer = lexicon.phrase("officer-offers").search(doc.text, *sentence)
    return Match("RESOURCE", "officer-offers", offer.start(), offer.end()) if offer else None


WORDS_BEFORE_REACH = (
    30  # characters before a match read for its owner ("our own", "the residents'")
)


@rule(
    "CON004",
    "resources-misuse",
    severity="warning",
    kinds=("letter", "email", "press-release", "other"),
    uses=(
        "patterns/council-resource",
        "patterns/party-purpose",
        "patterns/council-business",
        "phrases",
    ),
    needs=(politics.mark,),
)
def resources_misuse(doc: Document) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    purposes = [m for m in _purposes(doc) if quotes.members_words(doc, m.start)]
    for m in purposes:
        sentence = doc.sentence_at(m.start)
        if sentence in seen:
            continue
        resource = (
            _resource_here(doc, m, sentence)
            or _addressee(doc, sentence)
            or _facility_nearby(doc, sentence)
            or _officer_offers(doc, sentence)
        )
        if resource is None:
            continue
        if lexicon.phrase("question-about-others").match(
            doc.sentence_text(m.start)
        ) or lexicon.phrase("use-denied").search(doc.text, *sentence):
            continue  # "Has the group been using council email?", "we never used the print room"
        seen |= {sentence, doc.sentence_at(resource.start)}
        if (
            not sentence[0] <= resource.start < sentence[1]
        ):  # the facility is asked for in the next sentence
            yield _asked_near(doc, resource, m)
            continue
        start, end = min(m.start, resource.start), max(m.end, resource.end)
        yield Hit(
            start,
            doc.clause_end(start, end, 6),
            f"Council resources ({doc.text[resource.start : resource.end]}) for a party or campaign purpose "
            f"({doc.text[m.start : m.end]})",
            pattern=m.id,
        )
    account = _council_account(doc)
    if account is not None:  # the Council's e-mail system carrying a Member's election appeal
        appeal = next(
            (m for m in purposes if m.id in CAMPAIGNING and doc.sentence_at(m.start) not in seen),
            None,
        )
        if appeal is not None:
            seen.add(doc.sentence_at(appeal.start))
            yield Hit(
                appeal.start,
                doc.clause_end(appeal.start, appeal.end, 8),
                f"An election appeal ({doc.text[appeal.start : appeal.end]}) sent from the Council e-mail "
                f"account {account}",
                pattern=f"{appeal.id}-council-email",
            )
    if not (doc.sender is not None and doc.sender.is_member and people.addressed_to_officer(doc)):
        return
    # A Member's request to officers: the party purpose may be stated in the paragraph
    # before or after the one that asks for the room, the franking or the staff.
    for m in purposes:
        for sentence in doc.sentences_near(m.start):
            if sentence in seen or doc.sentence_at(m.start) == sentence:
                continue
            if doc.matches_in(sentence, "COUNCIL_BUSINESS"):
                continue
            resource = _resource_asked(doc, sentence)
            if resource is None or doc.in_quotation(resource.start):
                continue
            seen.add(sentence)
            yield _asked_near(doc, resource, m)


def _asked_near(doc: Document, resource: Match, purpose: Match) -> Hit:
    return Hit(
        resource.start,
        doc.clause_end(resource.start, resource.end, 8),
        f"Council resources ({doc.text[resource.start : resource.end]}) asked for, next to a party or "
        f"campaign purpose ({doc.text[purpose.start : purpose.end]})",
        pattern=f"{purpose.id}-nearby",
    )
