"""Who says each quoted passage in a press release or article.

"..." said Cllr Jo Bloggs, Cabinet Member for Environment.
Cllr Jo Bloggs, Leader of the Council, said: "..."
"...", added Tom Reed, the Council's Director of Housing.
A paragraph that is all quotation, with no attribution, continues the last speaker's quote.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from protocheck.language import lexicon, people
from protocheck.model.document import OPENING_MARKS, Block, Document, Person, quoted_passages

# An attribution's speaker: capitalised words, with "the", "of", "for", "and" between
# ("Cllr Jo Bloggs, Leader of the Council").
_WHO = r"(?P<who>(?:[A-Z][\w'’.-]*+|the|of|for|and|&|,|\s)+?)"
# a clause set off after a speaker's name: "Cllr Jo Hart, who represents Abbey ward, said"
_ASIDE = r"(?:\s*,\s+(?:who|whose)\s[^,.;:\"“”]{1,100},)?"
LEADING = re.compile(r"^(?:the\s+)?(?:council'?s?\s+)?", re.IGNORECASE)
ATTRIBUTION_WORDS = 20  # a longer "speaker" is a clause the patterns swept up, not a name and title
QUOTE_MIN_WORDS = 3  # shorter quoted words are terms ("blind" copies), not something said
INTRO_REACH = 200  # characters at a paragraph's end read for "Cllr Dev Mistry said:"


@functools.cache
def _say() -> str:
    return f"(?:{lexicon.alternation(lexicon.word_list('words/speech-verbs'))})"


@functools.cache
def _after() -> re.Pattern[str]:
    """'"...," said Cllr Jo Bloggs': the verb, then the speaker (any case)."""
    return re.compile(rf"\b{_say()}\s+(?P<who>[^.:;\"“”]{{2,140}})", re.IGNORECASE)


@functools.cache
def _before() -> re.Pattern[str]:
    """'"...," Cllr Jo Bloggs said': the speaker, then the verb in lower case ("Cllr Jo
    Bloggs had said that ...", with an auxiliary between)."""
    return re.compile(
        rf"{_WHO}{_ASIDE}\s*,?(?:\s+(?:had|has|also|later|then|previously)){{0,2}}\s+{_say()}\b",
        re.UNICODE,
    )


@functools.cache
def _colon_verb() -> re.Pattern[str]:
    """A speech verb and a colon ending the words before a quotation: "..., added:"."""
    return re.compile(rf"\b{_say()}\s*:$")


_SUBJECT = re.compile(r"^\W*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*,")
SUBJECT_CLAUSE_WORDS = 40  # a longer sentence before the colon is not "X, who ..., added:"


def _sentence_before_colon(outside: str) -> str | None:
    """The sentence that ends in a colon just before the paragraph's first quotation,
    if it is short enough to be an attribution."""
    first = outside.find('"')
    lead = outside[:first].rstrip() if first > 0 else ""
    if not lead.endswith(":"):
        return None
    sentence = lead[max(lead.rfind(". "), lead.rfind("\n")) + 1 :]
    return sentence if len(sentence.split()) <= SUBJECT_CLAUSE_WORDS else None


def _subject_before_colon(outside: str) -> str | None:
    """ "Cllr Hart, who had written to officers twice, added: "...": the sentence's
    subject, named before a clause that sits between it and the verb."""
    sentence = _sentence_before_colon(outside)
    if sentence is None or "," not in sentence or not _colon_verb().search(sentence):
        return None
    m = _SUBJECT.match(sentence)
    if (
        m is None
        or not lexicon.phrase("relative-clause").match(sentence, m.end())
        or not (people.member_title(m.group(1)) or people.officer_title(m.group(1)))
    ):
        return (
            None  # "Cllr Hart, Cabinet Member for Housing, said:": the whole title is its speaker
        )
    return m.group(1)


@functools.cache
def _pronoun_said() -> re.Pattern[str]:
    """ "Asked about it, she said:": a pronoun speaker in lower case, mid-sentence."""
    pronoun = lexicon.phrase("subject-pronoun").pattern
    return re.compile(rf"\b(?P<who>(?i:{pronoun}))\s+{_say()}\b")


@functools.cache
def _described_said() -> re.Pattern[str]:
    """ "One councillor said ...", "another councillor added": a Member described, not
    named, in lower case (the words of phrases.yml described-member)."""
    member = lexicon.phrase("described-member").pattern
    return re.compile(
        rf"\b(?P<who>(?i:one|another|a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?i:{member}))\s*,?\s+{_say()}\b"
    )


@functools.cache
def _named_subject() -> re.Pattern[str]:
    """An honorific (roles/honorifics, not "the") and a name opening a sentence, a verb next."""
    titles = lexicon.alternation([w for w in lexicon.word_list("roles/honorifics") if w != "the"])
    return re.compile(
        rf"^\W*(?P<who>(?i:{titles})\.?\s+(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})\s+[a-z]"
    )


def _named_before_colon(outside: str) -> str | None:
    """ "Ms Alder quoted a trade magazine: "...": a sentence that opens with a
    person's honorific and name and ends in a colon just before the quotation."""
    sentence = _sentence_before_colon(outside)
    m = _named_subject().match(sentence) if sentence else None
    return m.group("who") if m else None


@functools.cache
def _intro() -> re.Pattern[str]:
    """ "Cllr Dev Mistry said:" ending a paragraph: the quotation follows."""
    return re.compile(rf"(?:^|[.,]\s+){_WHO}\s*,?\s+{_say()}\s*:\s*$", re.UNICODE)


def speech_verb(text: str) -> bool:
    """A verb of attribution (words/speech-verbs) in `text`, in lower case as in running text."""
    return bool(re.search(rf"\b{_say()}\b", text))


@dataclass
class Quote:
    start: int  # offsets in Document.text of the quoted words
    end: int
    speaker: Person | None
    attribution: str
    term: bool = False  # a Member's short words a report gives ("branded it "a shambles"")


def _person(who: str, doc: Document) -> Person | None:
    """A Person from an attribution: "Cllr Jo Bloggs, Cabinet Member for ...",
    "Director of Housing, Tom Reed", "the Leader of the Council"."""
    who = who.strip(" ,")
    if not who or len(who.split()) > ATTRIBUTION_WORDS:
        return None
    if not any(w[:1].isupper() for w in who.split()) and not _pronoun(who):
        return None  # "... at him and said": only the joining words the pattern swept up
    first, _, rest = who.partition(",")
    first, rest = first.strip(), rest.strip(" ,")
    is_title = (
        people.member_title(first) or people.officer_title(first)
    ) and not people.councillor_named(first)
    title: str | None
    if is_title:  # a title first: the name, if any, follows it
        name, title = (
            (rest, first)
            if rest and not (people.member_title(rest) or people.officer_title(rest))
            else ("", who)
        )
    else:
        name, title = first, (rest or None)
    person = people.make_person(name, title, None, doc.config, "quote")
    if not (person.is_member or person.is_officer or person.name):
        return None
    return person


TITLE_REACH = 90  # characters around a name read for the title a report gives it
_NAME_WORD = r"[A-Z][\w'’-]*"


@functools.cache
def _member_before() -> re.Pattern[str]:
    """A councillor's title just before a name: "Tory councillor |Ann Dorrell"."""
    return re.compile(
        rf"(?<![\w-])(?i:{people.councillor_honorific()})\s+(?:{_NAME_WORD}\s+){{0,3}}$"
    )


@functools.cache
def _member_named() -> re.Pattern[str]:
    """A councillor named with their title: "Cllr Ann Dorrell", "group leader Ann Dorrell"
    (roles/member-titles)."""
    titles = lexicon.alternation(lexicon.word_list("roles/member-titles"))
    # not "former councillor Jo Hart" nor "ex-councillor ...": no Member now (roles/no-longer);
    # one look-behind for each, as a look-behind has a fixed width
    no_longer = "".join(
        rf"(?<!(?i:{re.escape(w)}){'' if w.endswith('-') else ' '})"
        for w in lexicon.word_list("roles/no-longer")
    )
    return re.compile(
        rf"(?<![\w-]){no_longer}"
        rf"(?i:{people.councillor_honorific()}|{titles})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    )


@functools.cache
def _someone_else() -> re.Pattern[str]:
    """A person named as no Member: "Mrs Holden", "chief executive Jo Pike", "Jo
    Marsh, Green MP for the Vale" (roles/not-member-roles)."""
    councillor = re.compile(people.councillor_honorific(), re.IGNORECASE)
    personal = lexicon.alternation(
        [
            w
            for w in lexicon.word_list("roles/honorifics")
            if w != "the" and not councillor.fullmatch(w)
        ]
    )
    officers = lexicon.alternation(lexicon.word_list("roles/officer-titles"))
    others = lexicon.alternation(lexicon.word_list("roles/not-member-roles"))
    return re.compile(
        rf"(?<![\w-])(?i:{personal}\.?|{officers})\s+{_NAME_WORD}"
        # "Jo Marsh, Green MP for the Vale": a name, then a role no Member has
        rf"|\b{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}},\s+(?:[\w'’-]+\s+){{0,4}}?(?:{others})\b"
    )


def _pronoun(word: str) -> bool:
    return bool(lexicon.phrase("subject-pronoun").fullmatch(word))


def _known_speaker(doc: Document, speaker: Person, last: Quote | None, at: int) -> Person:
    """A speaker the attribution names only in part: "he said" is the last speaker;
    "Mr Dorrell said" is the Member the report named before as "Cllr Ann Dorrell"."""
    words = people.bare_name(speaker.name).split()
    if speaker.is_member or speaker.is_officer or not words:
        return speaker
    if _pronoun(words[-1]):  # the last speaker, unless someone has been named since
        if (
            last is not None
            and last.speaker is not None
            and not _others_named(doc.text, last.end, at, words[-1])
            and not _member_named().search(doc.text, last.end, at)
        ):
            return last.speaker
        return speaker
    for m in re.finditer(rf"\b{re.escape(words[-1])}\b", doc.text):
        before = doc.text[max(0, m.start() - TITLE_REACH) : m.start()]
        after = doc.text[m.end() : m.end() + TITLE_REACH]
        after = after[: after.find(".")] if "." in after else after
        titled = _member_before().search(before)
        if (titled and not people.no_longer(before, titled.start())) or (
            after.startswith(",") and people.member_title(after)
        ):  # "Tory councillor Ann Dorrell", "Ann Dorrell, Chair of the Planning Committee"
            # (not "former councillor Ann Dorrell")
            speaker.is_member, speaker.source = True, "quote"
            break
        if _title_before(before, "member-titles"):  # "Green group convener Ann Dorrell"
            speaker.is_member, speaker.source = True, "quote"
            break
        if _title_before(before, "officer-titles") or (
            after.startswith(",") and people.officer_title(after)
        ):  # "Barnsley's chief executive Ann Dorrell", "Ann Dorrell, the council's director"
            speaker.is_officer, speaker.source = True, "quote"
            break
    return speaker


TITLE_NAME_WORDS = 4  # capitalised words after an officer's title: its department, then given names


@functools.cache
def _title_ends(which: str) -> re.Pattern[str]:
    """A title from roles/`which` closing the text, with capitalised words after it (a
    department, then given names): "the county's chief executive Jo", "Director of
    Housing,", "Head of Planning, Jo", "Green group convener Jo"."""
    alts = lexicon.alternation(lexicon.word_list(f"roles/{which}"))
    return re.compile(
        rf"(?<![\w-])(?:{alts})(?:\s+(?:of|for)(?:\s+the)?)?(?:,?\s+(?-i:[A-Z])[\w'’&-]*){{0,{TITLE_NAME_WORDS}}},?\s*$",
        re.IGNORECASE,
    )


def officer_named_after(before: str) -> bool:
    """An officer's title just before a name: "the Council's engineer, Mr", "chief
    executive Jo"."""
    return _title_before(before, "officer-titles")


def _title_before(before: str, which: str) -> bool:
    """A title from roles/`which` just before a name, in the same sentence."""
    clause = re.split(r"[.;:!?\n\"“”]", before)[-1]
    m = _title_ends(which).search(clause)
    if m is None:
        return False
    if which == "officer-titles":  # "Cabinet Member for Housing" is no officer's title
        return not people.member_title(clause[max(0, m.start() - 20) :])
    return not people.no_longer(clause, m.start())  # not "former councillor Jo"


# "said that ...": reported speech follows, not a name
REPORTED = re.compile(r"\s*that\b", re.IGNORECASE)
MEMBER_REACH_BLOCKS = 2  # paragraphs before a quotation read for the Member it is by


def _nearest_member(
    doc: Document, paragraphs: list[Block], block: Block, before: int, pronoun: str = ""
) -> Person | None:
    """The Member named last before a quotation (which opens at `before` in `block`), in
    its paragraph or the ones just before: news puts "Cllr Dorrell, portfolio holder for
    housing, explained ..." before "The Eastfield representative said: ..."."""
    lead = block.text[:before]
    if not _member_named().search(lead) and people.officer_title(lead):
        return None  # "The planning manager told the panel: ...": an officer's words
    if _complaints_words(lead):
        return None  # "The council complained that Cllr Hart gave a "misleading" account"
    body = [b for b in paragraphs if b.start < block.start]
    near = body[-MEMBER_REACH_BLOCKS:]
    while near and any(b.kind == "heading" for b in near):
        near = near[1:]  # not across a heading ("Proposed response, attributed to ...")
    texts = [b.text for b in near] + [block.text[:before]]
    for text in reversed(texts):
        names = list(_member_named().finditer(text))
        since = names[-1].end() if names else 0
        if _others_named(text, since, len(text), pronoun):
            return None  # someone else was named since ("Mrs Holden ... she said:"), whom
            # the pronoun can be (not "Ms Dale" for a "he said:")
        if names:
            return _titled_member(doc, names[-1].group(0))
    return None


def _titled_member(doc: Document, named: str) -> Person:
    """The Member a report names with their title ("Cllr Ann Dorrell"), as a speaker."""
    person = people.make_person(named, None, None, doc.config, "quote")
    person.is_member = True
    return person


def _complaints_words(lead: str) -> bool:
    """The sentence before a quotation reports a complaint or allegation that no Member
    named before it makes ("The council complained that Cllr Hart gave a "misleading
    and provocative" account"): the quoted words are the complaint's."""
    sentence = lead[_sentence_start(lead, len(lead)) :]
    complaint = lexicon.phrase("complaint-lead").search(sentence)
    if complaint is None:
        return False
    return not _member_named().search(sentence, 0, complaint.start())


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` begins in `text` (a paragraph): after the last
    full stop, question or exclamation mark, or line break before it."""
    return max(text.rfind(mark, 0, at) for mark in (". ", "! ", "? ", "\n")) + 1


TERM_VERB_WORDS = 3  # words between a Member and the verb giving their quoted term


@functools.cache
def _term_giver() -> re.Pattern[str]:
    """ "Cllr Ann Dorrell accused ...", "councillor Jo Hart later branded ...", "a
    councillor was heard to accuse ...": a Member, named or not, then a verb that gives
    their words (phrases.yml naming-verb)."""
    verb = lexicon.phrase("naming-verb").pattern
    described = lexicon.phrase("described-member").pattern
    return re.compile(
        rf"(?:{_member_named().pattern}|(?i:{described})){_ASIDE}"
        rf"\s+(?:[a-z]+\s+){{0,{TERM_VERB_WORDS}}}?(?i:{verb})"
    )


PRONOUN_TERM_REACH = 600  # characters before a paragraph read for the Member "He accused ..." is


@functools.cache
def _pronoun_term_giver() -> re.Pattern[str]:
    """ "He accused Mr Pryce of ...": a pronoun opening the sentence, then a verb that
    gives the words quoted (phrases.yml naming-verb)."""
    verb = lexicon.phrase("naming-verb").pattern
    return re.compile(rf"(?:He|She)\s+(?:[a-z]+\s+){{0,{TERM_VERB_WORDS}}}?(?i:{verb})")


def _others_named(text: str, start: int, end: int, pronoun: str = "") -> bool:
    """Someone not a Member named between start and end whom `pronoun` can be: not
    "Ms Dale" for a "he"."""
    return any(
        not people.cannot_be(pronoun, m.group(0))
        for m in _someone_else().finditer(text, start, end)
    )


def _pronoun_member(doc: Document, before: int, pronoun: str = "") -> Person | None:
    """The Member named last before `before` (a paragraph or two back), when no one else
    has been named since: whom "He accused ..." is about."""
    window = doc.text[max(0, before - PRONOUN_TERM_REACH) : before]
    names = list(_member_named().finditer(window))
    if not names or _others_named(window, names[-1].end(), len(window), pronoun):
        return None
    return _titled_member(doc, names[-1].group(0))


def _term_speaker(doc: Document, text: str, at: int, offset: int = 0) -> Person | None:
    """The Member whose short quoted words ("biased", "a shambles") a report gives in the
    sentence holding `at`: "Cllr Hart accused the planners of a "cock-up"", or "He
    accused Mr Pryce of ..." after the report named Cllr Hart. Short quoted words in any
    other sentence are terms, not something said. `offset` is where `text` starts in
    the document."""
    start = _sentence_start(text, at)
    found = list(_term_giver().finditer(text, start, at))
    if not found:
        if _pronoun_term_giver().match(text, start):
            return _pronoun_member(doc, offset + start)
        return None
    named = _member_named().match(text, found[-1].start())
    person = people.make_person(
        named.group(0) if named else "", None if named else "councillor", None, doc.config, "quote"
    )
    person.is_member = True
    return person


_APPOSITIVE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?P<title>[^,.;:\"“”]{3,90}?),"
)


def _officer_just_named(doc: Document, lead: str) -> Person | None:
    """ "Jo Pike, assistant director for customer services, made the complaint. She said:":
    the officer the paragraph opens with, named with a title, before the pronoun that
    introduces the quotation, with no Member named after."""
    found = list(_APPOSITIVE.finditer(lead))
    if not found or not people.officer_title(found[-1].group("title")):
        return None
    if _member_named().search(lead, found[-1].end()):
        return None
    m = found[-1]
    return people.make_person(m.group("name"), m.group("title"), None, doc.config, "quote")


def _member_opening(doc: Document, lead: str) -> Person | None:
    """ "Cllr Bob Hale opened the debate, he said that the director's pay ... and "...": the Member
    who opens the sentence that the pronoun introducing the quotation goes on."""
    start = _sentence_start(lead, len(lead))
    m = _member_named().match(lead[start:].lstrip(' "“‘'))
    if m is None:
        return None
    person = people.make_person(m.group(0), None, None, doc.config, "quote")
    person.is_member = True
    return person


def quotes(doc: Document) -> list[Quote]:
    """Every quoted passage of three words or more in the body, with its speaker
    (worked out once per document)."""
    return doc.analysis(_find_quotes)


# A line that ends a sentence, then a line that opens one: a paragraph break in a page
# whose paragraphs are single lines (a news page stored as text), not a wrapped line.
_LINE_PARAGRAPH = re.compile(r"(?<=[.!?\"”’:])[ \t]*\n(?=[ \t]*[A-Z\"“‘])")


def _runs_on(head: str) -> bool:
    """A double quotation opened in `head` is not closed by its end."""
    passages = quoted_passages(head)
    return bool(passages) and passages[-1][1] == len(head) and head[passages[-1][0] - 1] in '"“'


def _paragraphs(doc: Document) -> list[Block]:
    """The body's paragraphs, each line its own where a block's lines are whole
    paragraphs (every quotation closed before the break), so that one line's
    attribution is not read for another line's quotation."""
    out: list[Block] = []
    for block in doc.blocks:
        if not block.in_body:
            continue
        pos = 0
        for m in _LINE_PARAGRAPH.finditer(block.text):
            head = block.text[pos : m.start()]
            if _runs_on(head) and block.text[m.end() :].lstrip(" \t")[:1] not in OPENING_MARKS:
                continue  # a quotation runs on over the break (a quotation that runs on
                # into a paragraph opening with a quotation mark is closed at the break)
            out.append(Block(block.kind, head, start=block.start + pos))
            pos = m.end()
        out.append(
            block if pos == 0 else Block(block.kind, block.text[pos:], start=block.start + pos)
        )
    return out


def _attributed_to_another(lead: str) -> bool:
    """The words before a quotation introduce it ("The motion states:") and name no
    speaker a pronoun or the report's last Member could be ("He tweeted:")."""
    lead = lead.rstrip(' "“‘')
    return lead.endswith(":") and not lexicon.phrase("singular-pronoun").search(lead)


def _find_quotes(doc: Document) -> list[Quote]:
    out: list[Quote] = []
    last: Quote | None = None
    paragraphs = _paragraphs(doc)
    for block in paragraphs:
        passages = []
        for s, e in quoted_passages(block.text):
            if len(block.text[s:e].split()) >= QUOTE_MIN_WORDS:
                passages.append((s, e))
            elif term := _term_speaker(doc, block.text, s, block.start):
                out.append(Quote(block.start + s, block.start + e, term, term.name, term=True))
        if not passages:
            tail = block.text.rstrip()[-INTRO_REACH:]  # "Cllr Dev Mistry said:", the quotation next
            intro = _intro().search(tail) if tail.endswith(":") else None
            if intro:
                who = intro.group("who")
                speaker = _person(LEADING.sub("", who), doc)
                last = Quote(block.end, block.end, speaker, who.strip()) if speaker else None
            else:
                last = None if block.kind == "heading" else last
            continue
        # the words around the quotations, each quotation cut down to one mark (long runs
        # of blanks in its place would make the attribution patterns backtrack badly)
        outside, pos = "", 0
        for s, e in passages:
            outside += block.text[pos : max(pos, s - 1)] + ' " '
            pos = e + 1
        outside += block.text[pos:]
        who = _subject_before_colon(outside)  # "Cllr Hart, who ..., added: "..."
        m = None if who else _after().search(outside)
        if m and lexicon.phrase("hearer-verb").match(m.group(0)):
            m = None  # "Mr Coppard told BBC Radio Kestrel:": the speaker stands before the verb
        if m and not outside[: m.start()].rstrip(" ,").endswith('"'):
            # "One councillor said Mr Hale had "...": the speaker follows the verb only
            # after a quotation ("..., said Cllr Hart"); here it stands before it
            m = None
        if m and not REPORTED.match(m.group("who")):
            who = m.group("who")
        elif who is None:  # "He added that Williams ...": the speaker stands before the verb
            m = (
                _before().search(outside)
                or _pronoun_said().search(outside)
                or _described_said().search(outside)
            )
            # "..., she said:" mid-sentence: a pronoun in lower case; else "Ms Alder quoted a
            # trade magazine: "...": the sentence's subject
            who = m.group("who") if m else _named_before_colon(outside)
        speaker = _person(LEADING.sub("", who), doc) if who else None
        if speaker is not None:
            speaker = _known_speaker(doc, speaker, last, block.start)
            if _pronoun(speaker.name) or (  # "He added ...", no speaker before it
                not (speaker.is_member or speaker.is_officer)
                and lexicon.phrase("described-member").search(who or "")
            ):  # or "The Northgate representative said:": the Member the report just named
                lead = block.text[: passages[0][0]]
                speaker = (
                    (_pronoun(speaker.name) and _officer_just_named(doc, lead))
                    or (_pronoun(speaker.name) and _member_opening(doc, lead))
                    or _nearest_member(doc, paragraphs, block, passages[0][0], speaker.name)
                    or speaker
                )
        elif block.text.lstrip()[:1] in OPENING_MARKS and last is not None:
            # a paragraph opening a quotation goes on with the last, and its attribution
            speaker, who = last.speaker, (last.attribution or None)
        elif (
            who is None
            and doc.kind == "other"
            and not _attributed_to_another(block.text[: passages[0][0]])
        ) or (who and lexicon.phrase("described-member").search(who)):
            # "The Eastfield representative said:", or no attribution at all (not "The
            # motion states:"): the Member the report has just named, if any
            speaker = _nearest_member(doc, paragraphs, block, passages[0][0])
        for s, e in passages:
            given = None if speaker is not None else _term_speaker(doc, block.text, s, block.start)
            if given is not None:  # 'He accused Mr Pryce of "giving advice to developers"'
                q = Quote(block.start + s, block.start + e, given, given.name)
            elif (
                speaker is None
                and last is not None
                and not who
                and not _complaints_words(block.text[:s])
            ):
                q = Quote(block.start + s, block.start + e, last.speaker, last.attribution)
            else:
                q = Quote(block.start + s, block.start + e, speaker, (who or "").strip())
            out.append(q)
            last = q
    return sorted(out, key=lambda q: q.start)


def speaker_at(doc: Document, offset: int, found: list[Quote]) -> Person | Literal[False] | None:
    """The speaker of the quote holding `offset`; False when `offset` is not in a quote."""
    for q in found:
        if q.start <= offset < q.end:
            return q.speaker
    return False


def term_at(offset: int, found: list[Quote]) -> bool:
    """Whether `offset` is in a Member's short quoted words ("biased"), which are about
    what their own sentence names, not someone named sentences before."""
    return any(q.term and q.start <= offset < q.end for q in found)


def own_words(doc: Document, offset: int) -> bool:
    """Is the quotation holding `offset` the writer's own words? Attributed to the sender,
    or unattributed in a letter or email that offers the writer's quote to the press
    ("Please use the following and attribute it to me")."""
    sender = doc.sender
    if sender is None:
        return False
    speaker = speaker_at(doc, offset, quotes(doc))
    if isinstance(speaker, Person):
        a, b = (
            people.bare_name(speaker.name).lower().split(),
            people.bare_name(sender.name).lower().split(),
        )
        return bool(a and b and a[-1] == b[-1])
    return doc.kind in ("letter", "email") and bool(
        lexicon.phrase("offered-quote").search(doc.text, 0, offset)
    )


# a line of a chat export or a transcript: "[07/04/2026, 21:15] Cllr Helen Tranter: I have ..."
SPEAKER_LINE = re.compile(r"\s*(?:\[[^\]]{1,40}\]\s*)?(?P<who>[^:\n]{2,60}):\s")


def members_words(doc: Document, offset: int) -> bool:
    """Whether the words at `offset` can be a Member's own: anything in a letter, email,
    release or report, and in a Member's document (signed by one, or a file a councillor
    is the author of); in any other page (a news report, a decision notice, a post by
    someone not known) only a Member's quoted words, a line a Member speaks in a chat or
    transcript, or a paragraph in the writer's own first-person voice."""
    if doc.kind != "other" or (doc.sender is not None and doc.sender.is_member):
        return True
    if people.member_title(doc.raw.properties.get("author", "")):
        return True  # the file's own author is a councillor ("Cllr Ian Stroud")
    speaker = speaker_at(doc, offset, quotes(doc))
    if speaker is not False:
        return speaker is not None and speaker.is_member
    line_start = doc.text.rfind("\n", 0, offset) + 1
    said = SPEAKER_LINE.match(doc.text, line_start)
    if said:
        return people.councillor_named(said.group("who").strip())
    return reported_member(doc, offset) is not None or _first_person(doc, offset)


REPORTED_REACH = 80  # characters between the speech verb and its "that"


@functools.cache
def _reported_lead() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<aux>\w+\s+)?\b{_say()}\b[^.;:!?\"“”]{{0,{REPORTED_REACH}}}?\bthat\b",
        re.IGNORECASE,
    )


def reported_member(doc: Document, offset: int) -> Person | None:
    """The Member whose words a report gives without quotation marks: "Councillor Reed,
    a member for thirty years, said at the meeting that ...". What follows "that" is the
    Member's, as a quotation would be; not when the Member was the one told ("Cllr Reed
    was told that ...")."""
    start, _ = doc.sentence_at(offset)
    lead = doc.text[start:offset]
    m = _reported_lead().search(lead)
    if m is None or lexicon.phrase("passive-be").search(m.group("aux") or ""):
        return None
    named = _member_named().match(lead.lstrip(" \"'“‘("))
    if named is None:
        return None
    return _titled_member(doc, named.group(0))


def _first_person(doc: Document, offset: int) -> bool:
    """The writer speaks for themselves in the paragraph at `offset`, outside quotation
    marks ("I'm told by housing ...", "our ward"): a post or newsletter in the writer's own
    voice, which a news report in the third person is not."""
    block = doc.block_at(offset)
    if block is None:
        return False
    text = block.text
    for a, b in reversed(quoted_passages(text)):
        text = text[:a] + " " * (b - a) + text[b:]
    return bool(lexicon.phrase("first-person-singular").search(text))
