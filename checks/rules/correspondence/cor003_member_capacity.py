"""A Member writes, or is quoted to the media, without saying in what capacity.

## What it flags
A letter or email from a Member, or a Member's statement or quotation for the
media, that never makes clear in what capacity the Member writes or speaks: as a
ward Member, as a Cabinet or Executive Member, as a committee chair, in a
personal capacity, or on behalf of a political group. The capacity may be given
anywhere in the Member's own text: the letterhead, the body ("writing as one of
your ward councillors"), the signature block ("Councillor for Abbey Ward") or the
attribution of a quote ("said Cllr Jo Bloggs, Executive Member for Highways").
The finding points at the sentence where the Member calls themselves only "a
councillor" ("speaking as a councillor"), else at the signature's name line, or at
the Member's first quoted sentence. A Member's own blog or ward post is not judged
(it has no letter or release whose sign-off would carry the capacity), unless it is
a letter to the paper ("Sir,", "Letters to the Editor", "Yours faithfully").

## Why it matters
A reader must be able to tell whether a Member speaks for the Council, for a
group, for a ward or only for themselves; a ward Member's letter that reads as
the Council's view misleads residents and commits no one (Wokingham Supporting
Guidance on Correspondence 5; Media Relations 6(a)).

## What to do
Say in what capacity you write or speak, e.g. "As ward councillor for [ward]" or "As Executive Member for [portfolio]".

Readers and journalists need to know whether you speak as ward councillor, Cabinet
or Executive Member, committee chair, for the Council, for a political group or
personally; when writing as an individual ward Member you must make that clear. Put
the capacity in the opening line or the sign-off, and keep group or personal views
separate from Council positions. If you want a Council press release, ask the
communications team and the relevant Director for help; party political statements
should not go through them.

## Flagged
> Yours sincerely, / Cllr Tom Hardacre (a letter objecting to a planning application)
> Cllr Dev Mistry said: "Closing Hartley Library would rip the heart out of this community." (a statement to the paper)
> Yours sincerely, / Councillor Lydia Okonjo, Marshfield District Council (the Council's name is not a capacity)

## Not flagged
> I am writing as one of your ward councillors for Hillside. (capacity stated)
> Kind regards, / Cllr Priti Varma / Councillor for Abbey Fields Ward (the signature gives it)
> "...," said Cllr Jo Bloggs, Cabinet Member for Leisure. (the attribution gives it)
> A letter signed by the Waste Services Manager that names the ward councillor (an officer writes)
> "Labour have let the town down," said Cllr Dev Mistry. (a piece that speaks for a party,
> naming parties twice or more: the Member quoted speaks for their group)
> Minutes: ... Cllr Jo Hart said: "..." (the minutes of a meeting record what was said there)

## Known gaps
A capacity known only from the roster does not count: the reader must see it.
Mixed capacities (a Cabinet Member backing a ward objection "as planning is my
portfolio") are not recognised, and a Member writing without a sign-off is
found only when quoted.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import kinds, letters, lexicon, packs, people, politics, quotes
from protocheck.model.document import Document, Hit, Person
from protocheck.rules.registry import rule


def _states_capacity(text: str) -> bool:
    return bool(lexicon.phrase("member-capacity").search(text))


def _party_capacity(text: str) -> bool:
    """ "Lib Dem Councillor Jo Hart said": a Member quoted under their party's name
    speaks for their political group, a capacity RULES.md names."""
    return any(
        lexicon.phrase("party-member-title").match(text, end)
        for _, end, _ in politics.mentions(text)
    )


def _own_text(doc: Document) -> str:
    """What the Member wrote, with the letterhead: body blocks and page headers, not quoted replies."""
    return "\n".join(b.text for b in doc.blocks if b.in_body or b.kind == "header")


def _member_speaks(doc: Document) -> bool:
    return doc.kind in ("press-release", "other") or (
        doc.sender is not None and doc.sender.is_member
    )


def _signs(doc: Document, line: str, sender: Person) -> bool:
    """Whether the closing line signs for the sender: any line of a letter or e-mail, else
    one naming the sender (by surname, or the very line the sender was read from)."""
    surname = people.bare_name(sender.name).split()[-1:] if sender.name else []
    return (
        doc.kind in ("letter", "email")
        or bool(surname and surname[0] in line)
        or bool(sender.title and line.strip() in sender.title)
    )


def _mentions(doc: Document, person: Person) -> str:
    """Every sentence that names the person (by surname), and the quote attributions."""
    surname = person.name.split()[-1] if person.name else ""
    if not surname:
        return ""
    out = []
    for s, e in doc.sentences:
        if surname in doc.text[s:e]:
            out.append(doc.text[s:e])
    return "\n".join(out)


@rule(
    "COR003",
    "member-capacity",
    severity="warning",
    kinds=("letter", "email", "press-release", "other"),
    uses=("phrases",),
    when=_member_speaks,
)
def member_capacity(doc: Document) -> Iterator[Hit]:
    sender = doc.sender
    if sender is not None and sender.is_member and sender.source == "own-words" and not sender.name:
        return  # an unsigned page whose writer is a Member only by their own words: no sign-off to mend
    if (
        doc.kind == "other"
        and sender is not None
        and sender.is_member
        and not kinds.cue_score(doc.raw, "letter")
        and not lexicon.phrase("letter-for-publication").search(doc.text)
    ):
        return  # a Member's blog or post, not a letter to the paper: no sign-off to mend
    if sender is not None and sender.is_member:
        if _states_capacity(_own_text(doc)):
            return
        what = "Email" if doc.kind == "email" else "Letter" if doc.kind == "letter" else "Statement"
        message = f"{what} from {sender.short()} does not say in what capacity the Member writes"
        vague = next(
            (
                v
                for v in lexicon.phrase("vague-capacity").finditer(doc.text)
                if (b := doc.block_at(v.start())) is not None and b.in_body
            ),
            None,
        )
        if vague is not None:  # "speaking as a councillor": the place to say which capacity
            s, e = doc.sentence_at(vague.start())
            yield Hit(s, e, message + f' ("{vague.group(0)}" does not say which)')
            return
        sign = letters.signature(doc)
        line = letters.name_line(doc, sign, sender.name) or next(
            (ln for ln in sign if people.name_line(ln.text)),
            # a letter's last line is its sign-off; a post's only if it names the writer
            sign[-1] if sign and _signs(doc, sign[-1].text, sender) else None,
        )
        if line is not None:
            yield Hit(line.start, line.end, message)
            return
    if doc.kind == "other" and not (
        kinds.cue_score(doc.raw, "press-release") or kinds.council_published(doc)
    ):
        return  # a news report or a blog describes the Members it quotes in its own words
    if len(politics.mentions(doc.text)) >= PARTY_PAGE_MENTIONS:
        return  # a piece that speaks for a party: the Members it quotes speak for their group
    if any(packs.cue("minutes").search(b.text) for b in doc.blocks):
        return  # minutes record what Members said at a meeting: no statement to the media
    found = quotes.quotes(doc)
    said: set[str] = set()
    lead = _lead_capacity(doc)
    for q in found:
        who = q.speaker
        if who is None or not who.is_member or who.name in said:
            continue
        said.add(who.name)
        mentions = _mentions(doc, who)
        if _states_capacity(q.attribution) or _states_capacity(mentions):
            continue
        if lead and len(said) == 1:
            continue  # "The Council Leader visited the clinic ...": the one Member quoted
        if _party_capacity(q.attribution) or _party_capacity(mentions):
            continue  # "Labour Councillor Jo Hart": on behalf of the group
        message = f"{who.short()} is quoted without saying in what capacity the Member speaks"
        at = _attribution_at(doc, q)
        if at is not None:  # on "Cllr Jo Hart said:", where the capacity belongs
            yield Hit(at, at + len(q.attribution.strip(" ,;:")), message)
            continue
        s, e = doc.sentence_at(q.start)
        end = min(e, q.end)
        yield Hit(max(s, q.start), end if end > q.start else e, message)


PARTY_PAGE_MENTIONS = 2  # party names on a page that reads as a party's own piece
LEAD_BLOCKS = (
    2  # opening paragraphs (after the headline) read for the capacity of the Member quoted
)


def _lead_capacity(doc: Document) -> bool:
    """The headline or opening paragraphs give a capacity and name no Member ("Council
    Leader backs clinic", "The Leader of the City Council visited the clinic"): the
    capacity of the Member the piece goes on to quote."""
    heads = [b for b in doc.blocks if b.kind == "heading"][:1]
    body = [b for b in doc.blocks if b.in_body and b.kind == "paragraph"][:LEAD_BLOCKS]
    text = "\n".join(b.text for b in heads + body)
    return _states_capacity(text) and not people.member_mentions(text, doc.config)


ATTRIBUTION_REACH = 300  # characters before a quotation (or after it) read for its attribution


def _attribution_at(doc: Document, q: quotes.Quote) -> int | None:
    """Where the quotation's attribution ("Cllr Jo Hart", "Mrs Hart") stands: before
    the quotation, in its paragraph or the line that introduces it, else just after."""
    who = q.attribution.strip(" ,;:")
    if not who or lexicon.phrase("subject-pronoun").fullmatch(who):
        return None  # "he said": the quotation itself is the place to point at
    at = doc.text.rfind(who, max(0, q.start - ATTRIBUTION_REACH), q.start)
    if at < 0:
        at = doc.text.find(who, q.end, q.end + ATTRIBUTION_REACH)
    return at if at >= 0 else None
