"""Council publicity promotes or attacks a party, or is not even-handed.

## What it flags
Council publicity (press releases, statements, newsletters, web news) that
promotes or attacks a political party or group, credits a party or administration
for the Council's work, blames a previous administration, or carries campaign
language: "the Labour-run council", "thanks to the Conservative administration",
"unlike the previous Lib Dem leadership", "after years of Tory neglect", "vote for",
"re-elect", "our manifesto pledge". The finding names the party.

A sentence that names a party in words no listed phrase covers ("The Greens have
proved what a council that listens can achieve") is put to the judge, a classifier
trained on sentences written from the protocols (lexicons/judge); its score and the
party named are kept in the finding. A results table line, a membership list or a
sentence the party-neutral patterns recognise is not put to it.

## Why it matters
Council publicity is paid for by every council taxpayer and must be even-handed:
it must not be party political, must not promote or attack a party, and must not
take sides (Code of Recommended Practice on Local Authority Publicity 2011).

## What to do
Remove the party reference and credit the Council, e.g. replace "the Labour-run council" or "the Conservative administration" with "the Council".

Council publicity must be factual, even-handed and reflect approved Council policy;
it cannot promote or attack a political group or compare administrations. Credit the
Council, the Cabinet or Executive, or the relevant committee rather than a party.
News releases should be issued by the communications team after consulting the
senior officers and portfolio holder concerned, and requests for political comment
should be passed to the group leaders to answer in their own name.

## Flagged
> Thanks to the Conservative administration, recycling rates have doubled.
> The Labour-run council has frozen car park charges.
> Unlike the previous Lib Dem leadership, we are fixing the roads.
> The Greens have proved what a council that listens can achieve. (the judge)

## Not flagged
> The Conservative group's budget amendment was debated and defeated by 28 votes to 19. (procedure, reported factually)
> Priya Shah (Labour) was elected with 1,204 votes. (an election result)
> The play area was paid for from the budget agreed by all groups, including Labour and the Conservatives.
> A councillor's own blog that says it is not a Council publication.
> The park has kept its Green Flag Award. / Labour market statistics. (not a party)
> A party's own leaflet ("Published and promoted by ... on behalf of ..."): not council
> publicity, unless `--kind press-release` is given.
> A party's web page or a newspaper report, read as kind `other`, that shows no council
> as its publisher (no masthead, account or imprint naming a council, no .gov.uk address).

## Known gaps
Praise of an administration that names no party ("this administration has delivered")
and one-sided coverage without party words are not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import judge, lexicon, politics, quotes
from protocheck.language.kinds import council_publicity
from protocheck.model.document import Document, Hit, Match
from protocheck.rules.registry import rule

CUES = ("PARTY_CREDIT", "PARTY_ATTACK")
VOTER_REACH = (
    30  # characters from a party's name to "voted against" for the party to be the one voting
)


# a line of a results table or a membership list: "SMITH, Jo | Green Party | 412"
RESULT_LINE = re.compile(
    r"[|\t]|\s[-\u2013]\s.*\s[-\u2013]\s|\b\d[\d,]*\s*(?:\(?elected\)?)?\s*$", re.I | re.M
)
JUDGED_WORDS = 7  # a shorter line naming a party (a results table, a membership list) is not judged
SENTENCE_WORDS = (
    4  # unless it is a sentence, ending as one does ("Labour are getting things done.")
)
CREDIT_REACH = 25  # characters before a party read for "under the", "thanks to"


def _too_short(sentence: str) -> bool:
    """A line too short to judge (a results line, a list item), unless it ends as a
    sentence does."""
    words = len(sentence.split())
    ends = sentence.rstrip().rstrip("\"'\u201d\u2019)").endswith((".", "!", ":"))
    return words < (SENTENCE_WORDS if ends else JUDGED_WORDS)


def _attribution_line(sentence: str) -> bool:
    """ "Cllr Jo Hart, Lib Dem group leader, said:": a party in a speaker's title, the
    quotation still to come."""
    text = sentence.strip().rstrip("\u201c\"'\u2018 ").rstrip()
    return text.endswith(":") and quotes.speech_verb(text[-30:])


def _under(doc: Document, party: Match) -> Match | None:
    """ "Under Plaid Cymru", "thanks to the Greens": the Council's work credited to a party."""
    before = doc.text[max(0, party.start - CREDIT_REACH) : party.start]
    m = lexicon.phrase("credited-to-party").search(before)
    return (
        Match("PARTY_CREDIT", "under-party", party.start - len(before) + m.start(), party.start)
        if m
        else None
    )


@rule(
    "PUB001",
    "party-political",
    severity="error",
    kinds=("press-release", "other"),
    uses=(
        "patterns/party-credit",
        "patterns/party-attack",
        "patterns/campaign",
        "patterns/party-neutral",
        "patterns/party-publication",
        "phrases",
    ),
    needs=(politics.mark,),
    when=council_publicity,
)
def party_political(doc: Document) -> Iterator[Hit]:
    if doc.find("IMPRINT", scope="all") and not doc.kind_forced:
        return  # a party's own publication, not council publicity
    judged: dict[tuple[int, int], Match] = {}
    for party in doc.find("PARTY"):
        span = doc.sentence_at(party.start)
        if (
            doc.text[party.start] == "#"
            or _too_short(doc.text[span[0] : span[1]])
            or doc.matches_in(span, "PARTY_NEUTRAL")
            or RESULT_LINE.search(doc.text, span[0], span[1])
            or _attribution_line(doc.text[span[0] : span[1]])
        ):
            continue  # a hashtag (below), a list line or a neutral naming: not for the judge
        judged.setdefault(span, party)
    if judged:
        scored = judge.scores(doc, judged)
        for span, party in judged.items():
            score = scored[span].get("PARTY_POLITICAL", 0.0)
            if score >= judge.threshold("PARTY_POLITICAL"):
                yield Hit(
                    span[0],
                    span[1],
                    f"Council publicity is party political: it names {party.id}",
                    pattern="judge",
                    judge={"score": round(score, 3), "cues": [doc.text[party.start : party.end]]},
                )
    for party in doc.find("PARTY"):
        if doc.text[party.start] == "#":
            yield Hit(
                party.start, party.end, f"Council publicity carries a party hashtag ({party.id})"
            )
            continue
        cue = doc.in_same_sentence(party, CUES, before=False) or _under(doc, party)
        if cue is None:
            continue
        if cue.id == "voted-against" and not 0 <= cue.start - party.end <= VOTER_REACH:
            continue  # "with two councillors voting against" does not say the party did
        if doc.in_same_sentence(
            party, ("PARTY_NEUTRAL",), before=False
        ) and not doc.in_same_sentence(party, ("PARTY_ATTACK",), before=False):
            continue
        start, end = min(party.start, cue.start), max(party.end, cue.end)
        yield Hit(
            start,
            doc.clause_end(start, end, 4),
            f"Council publicity is party political: it names {party.id}",
            pattern=cue.id,
        )
    for m in doc.find("PARTY_ATTACK"):
        if m.id == "opposition-attack":
            yield Hit(
                m.start,
                doc.clause_end(m.start, m.end, 4),
                "Council publicity attacks the opposition",
                pattern=m.id,
            )
    for m in doc.find("CAMPAIGN"):  # a Member's words quoted in it are the Council's publicity too
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end, 4),
            "Council publicity carries campaign language",
            pattern=m.id,
        )
