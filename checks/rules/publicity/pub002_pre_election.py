"""Publicity in a pre-election period names, quotes or pictures a councillor.

## What it flags
Council publicity dated inside a configured pre-election period (from the notice
of election to polling day, both included) that quotes, pictures (an image
caption) or names a councillor, especially one marked `standing`; that deals
with a politically controversial matter; that talks of the coming election or its
candidates ("next week's local elections", "we are fielding more candidates than
ever"), electoral administration aside; or that asks for a vote ("vote Labour",
"use your vote to keep ..."). It needs `[[elections]]` in config; the
document's date comes from `--date`, else its own date line, else its metadata; a
date line that names only a month ("April 2027") counts when the whole month is in the
period.
The message says which period, which date and which Member: one finding for each
councillor however often named or quoted ("Cllr Jo Hart", "Cllr Hart's"), and one more
where a caption pictures them.

## Why it matters
In the weeks before an election the Council must not publish anything that could
be seen as supporting a candidate or party: no proactive publicity featuring
candidates, and care with controversial issues (Code of Recommended Practice on
Local Authority Publicity 2011, paras 33-35; Wokingham Media Relations 6(g)).

## What to do
Take out councillors' or candidates' names, quotes and photos (use an officer spokesperson), or hold the item until after polling day.

From the notice of election to polling day, the Council should not publish anything
that could look like electioneering: avoid featuring councillors or candidates and
leave politically controversial matters alone. Ask the press office to check any
publicity planned for this period; essential factual information about services can
still go out, in an officer's name. Councillors approached as candidates or party
activists may speak in that capacity, but not through Council publicity, and should
not hold public meetings on Council business in this period.

## Flagged
> (dated 2 April 2027, notice 26 March, poll 6 May) "We are thrilled," said Cllr Jo Bloggs, Cabinet Member for Leisure.
> (the same period) Photo: Cllr Sam Patel opens the new play area.

## Not flagged
> The same release dated 25 March 2027 (the day before notice) or 7 May 2027 (the day after the poll).
> Bin collections move by one day over the bank holiday. (service information, no councillor)
> A newspaper report or party web page (kind `other`, no council shown as publisher).
> Any release when no `[[elections]]` are configured; with no date to be found the
> file gets one note asking for `--date`, not a finding.

## Known gaps
Photographs without a caption naming the Member cannot be seen. "Controversial" is
a list of topics (lexicons/words/controversial.txt), not a judgement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from protocheck.language import dates, lexicon, people, quotes
from protocheck.language.kinds import council_announcement
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule

OTHER_MATTERS = 4  # further controversial words named in the one finding's message
VOTE_APPEALS = (
    "vote-for",
    "vote-party",
    "use-your-vote-to",
    "re-elect",
    "re-elect-split",
    "remove-the-majority",
    "elect-your-candidate",
    "support-me-on-the-day",
)  # lexicons/patterns/campaign.yml entries that ask for a vote
LISTING_WORDS = 10  # a directory line: a name with party, ward or role ("Councillor Peter Coles, Liberal Democrat")


def _person_key(name: str) -> str:
    """One councillor however named: "Cllr Jo Hart", "Cllr Hart's", "Councillor Hart"."""
    bare = people.bare_name(re.sub(r"['’]s$", "", name.strip())).split()
    return bare[-1].lower() if bare else name.lower()


@rule(
    "PUB002",
    "pre-election",
    severity="warning",
    kinds=("press-release", "other"),
    uses=(
        "words/controversial",
        "words/statutory-notices",
        "words/speech-verbs",
        "phrases",
        "patterns/campaign",
    ),
    when=council_announcement,
)
def pre_election(doc: Document) -> Iterator[Hit]:
    config = doc.config
    if config is None or not config.elections:
        return
    if _phrase(doc, "words/statutory-notices"):
        return  # a statutory notice is not publicity the period restricts
    when, source = dates.issue_date(doc)
    month = dates.issue_month(doc) if when is None else None
    if when is not None:
        first = last = when
        dated = f"{when:%-d %b %Y} ({source})"
    elif month is not None:
        first, last = month
        dated = f"{first:%B %Y} (its date line)"
    else:
        doc.notices.append(
            "pre-election check skipped: no issue date found (pass --date YYYY-MM-DD)"
        )
        return
    period = next((e for e in config.elections if e.notice <= first and last <= e.poll), None)
    if period is None:
        return  # a month only partly in the period is not placed in it
    context = (
        f"Publicity dated {dated} falls in the pre-election period for {period.name} "
        f"({period.notice:%-d %b} to {period.poll:%-d %b %Y})"
    )
    last_named: str | None = None
    named_already: set[tuple[str, bool]] = set()
    featured: list[Hit] = []
    for block in doc.body_blocks():
        verb = "pictures" if lexicon.phrase("image-caption").match(block.text) else "names"
        best: dict[tuple[int, int], tuple[int, int, str]] = {}
        for start, end, who in people.member_mentions(block.text, config):
            if block.text[end : end + 2] in ("'s", "\u2019s") and not _named(who):
                continue  # "the Mayor's charities": the office, not a person
            key = doc.sentence_at(block.start + start)
            named = _named(who) or people.roster_member(config, who) is not None
            if key not in best or (named and not _named(best[key][2])):
                best[key] = (start, end, who)
        for _sentence, (start, end, who) in sorted(best.items()):
            if verb == "names" and _listing(block.text, start, end):
                continue  # "Councillor Peter Coles, Liberal Democrat": a directory line, not publicity about him
            entry = people.roster_member(config, who)
            name = f"Cllr {entry.name}" if entry else who
            standing = ", who is standing" if entry and entry.standing else ""
            said = "quotes" if _attributed(doc, block.start + start) else verb
            person = (_person_key(name), said == "pictures")
            if person in named_already:
                continue  # a councillor named or quoted again ("Cllr Jo Hart", "Cllr Hart's"): one
                # finding, and one more where a caption pictures them
            named_already.add(person)
            last_named = name
            featured.append(
                Hit(
                    block.start + start, block.start + end, f"{context} and {said} {name}{standing}"
                )
            )
        pronoun = lexicon.phrase("pronoun-quote").match(block.text)
        if not best and last_named and pronoun:
            featured.append(
                Hit(
                    block.start,
                    block.start + len(pronoun.group(0)),
                    f"{context} and quotes {last_named}",
                )
            )
    rx = _phrase_regex("words/controversial")
    found = [(block, m) for block in doc.body_blocks() for m in rx.finditer(block.text)]
    if found:  # one finding for the document: the matter is the release's, not each word's
        block, m = found[0]
        others = sorted({x.group(1).lower() for _, x in found} - {m.group(1).lower()})
        matter = f"a controversial matter ({m.group(1).lower()}{'; also ' + ', '.join(others[:OTHER_MATTERS]) if others else ''})"
        if featured:  # the Member is featured on that matter: one finding says both
            featured[0].message += f", on {matter}"
        else:
            featured.append(
                Hit(
                    block.start + m.start(),
                    block.start + m.end(),
                    f"{context} and deals with {matter}",
                )
            )
    yield from featured
    yield from _election_talk(doc, context)
    for appeal in doc.find("CAMPAIGN"):  # "Vote Conservative on Thursday": electioneering itself
        if appeal.id not in VOTE_APPEALS:
            continue  # a manifesto named: party material, PUB001's
        yield Hit(
            appeal.start,
            doc.clause_end(appeal.start, appeal.end, 4),
            f"{context} and carries campaign language",
            pattern=appeal.id,
        )


def _election_talk(doc: Document, context: str) -> Iterator[Hit]:
    """Publicity in the period that talks of the coming election or its candidates ("next
    week's local elections matter", "we are fielding more candidates than ever"); not
    electoral administration (polling stations, poll cards, postal votes)."""
    talk, admin = lexicon.phrase("election-talk"), lexicon.phrase("election-admin")
    seen: set[tuple[int, int]] = set()
    for block in doc.body_blocks():
        for m in talk.finditer(block.text):
            sentence = doc.sentence_at(block.start + m.start())
            if sentence in seen or admin.search(doc.text, sentence[0], sentence[1]):
                continue
            seen.add(sentence)
            yield Hit(
                block.start + m.start(),
                doc.clause_end(block.start + m.start(), block.start + m.end(), 6),
                f"{context} and talks of the election ({m.group(0)})",
                pattern="election-talk",
            )


def _listing(text: str, start: int, end: int) -> bool:
    """A line that is only a name with its party, ward or role, as in a list of councillors."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    rest = (
        text[line_start:start] + " " + text[end : len(text) if line_end < 0 else line_end]
    ).strip(" ,;:-\u2013()")
    return (
        len(line.split()) <= LISTING_WORDS
        and not rest.endswith((".", "!", "?", '"', "\u201d"))
        and not lexicon.phrase("councillor-in-action").search(rest)
    )


def _named(who: str) -> bool:
    return people.councillor_named(who)


def _phrase_regex(name: str) -> re.Pattern[str]:
    words = "|".join(re.escape(t) for t in sorted(lexicon.word_list(name), key=len, reverse=True))
    return re.compile(rf"\b({words})\b", re.IGNORECASE)


def _phrase(doc: Document, name: str) -> bool:
    rx = _phrase_regex(name)
    return any(
        rx.search(b.text)
        for b in doc.blocks
        if b.kind in ("paragraph", "heading", "cell", "header")
    )


def _attributed(doc: Document, offset: int) -> bool:
    """The sentence attributes a quotation to the Member."""
    s, e = doc.sentence_at(offset)
    sentence = doc.text[s:e]
    return bool(re.search(r"[\"“”‘’]", sentence) and quotes.speech_verb(sentence))
