"""Who wrote a document, to whom, and in what role: the one place that answers it.

`analyse` turns a RawDocument into a Document once per document (the engine calls
it): the kind (protocheck.language.kinds) and the voices, which `identify` finds.
It reads the evidence in this order, each step built on people.py (titles, names,
the roster) and letters.py (where the letterhead and the signature block are):

1. headers: an e-mail's From, To, Cc and Bcc;
2. letterhead: "From the Office of Councillor ..." in the opening blocks or a page
   header;
3. byline: "Statement from Councillor ...", "Submitted by Cllr ..." at the head or
   foot, a Member named in the page header, or a post opening "Cllr X - role";
4. signature: the name and role lines after the last sign-off ("Yours sincerely, /
   Cllr Priya Shah / Cabinet Member for Housing"), else the short closing lines;
5. inside address: without headers, a memo's "To: / From:" heading, else the
   addressee above "Dear ...";
6. own words: a sender signed with a bare name gets the role the letterhead lines
   give, or the one the writer states ("As your county councillor for ..., I");
7. unsigned Member: a page nobody signs (a blog post, a ward page, a forum post) whose
   writer shows, in words outside any quotation, that they sit on the council ("in my
   ward", "my fellow councillors", "since I was elected") is a Member's, unnamed;
8. unsigned writer: any other unsigned letter or page in the first person may be a
   Member's, and the rules on a Member's own words read it so (Person.presumed_member).

Who the sender is: the From header (a matching signature adds its role, and a
signature stands in for an address that shows no role); else the signature (the
Member, if several sign); else the letterhead's councillor, who also replaces a
sender that is neither Member nor officer; the byline only when nothing above
names anyone; a memo's From only when nothing else does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from protocheck.language import kinds, letters, lexicon, people
from protocheck.model.config import Config
from protocheck.model.document import (
    OPENING_MARKS,
    Document,
    Person,
    RawDocument,
    quoted_passages,
)

MEMO_TO = re.compile(r"^\s*to\s*:\s*\n?\s*([^\n]{3,120})$", re.IGNORECASE | re.MULTILINE)
MEMO_FROM = re.compile(r"^\s*from\s*:\s*\n?\s*([^\n]{3,120})$", re.IGNORECASE | re.MULTILINE)
# How far each step looks. Letterheads, bylines and memo headings sit at the top and
# signatures at the foot, so each step reads only a short stretch there: a name in the
# middle of a letter is someone written about, not its writer.
LETTERHEAD_BLOCKS = 12  # opening blocks that may hold "From the Office of Councillor ..." (address lines, date, refs come first)
LETTERHEAD_ROLE_BLOCKS = (
    6  # opening body blocks where a bare-named writer's role may be printed beside the name
)
HEADING_BLOCKS = 3  # blocks at a statement's head, and at its foot, that may name its author ("Submitted by ...")
BYLINE_BLOCKS = 2  # opening body blocks of a post that may carry its byline
BYLINE_LINES = 3  # opening lines of each such block ("Facebook - public post" may come first)
SIGNATURE_FOLLOW_BLOCKS = 4  # blocks after the sign-off's that a signature block may run on into
CLOSING_LINES = 8  # without a sign-off: the closing short lines that may name the writer
NAME_LINE_WORDS = 7  # a signature line longer than this is prose, not a name
MEMO_HEAD_BLOCKS = (
    16  # opening blocks of a memo whose "To:" / "From:" heading may be a table of cells
)
INSIDE_ADDRESS_LINES = (
    20  # lines before "Dear ..." read for the addressee; further down it is no letter's head
)
TITLE_WORDS = 10  # an inside-address line longer than this is a sentence, not a job title
ADDRESS_LINES_BELOW = (
    3  # the title line and the two below it, where the addressee's organisation is
)
LIST_ITEM_OPENS = re.compile(r"\s*(?:\(\w{1,4}\)|\w{1,3}[.)])\s")  # "(b) ", "2. ", "iv) "
SELF_DESCRIPTION_REACH = 15  # opening paragraphs where a writer may say "as your councillor, I ..."
_CLLR_NAME = (
    r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"  # after "Cllr": one to four capitalised words
)


@dataclass
class Voices:
    """Who a document speaks for and to: its sender, everyone who signs it, and the
    people it is addressed and copied to."""

    sender: Person | None = None
    signatories: list[Person] = field(default_factory=list)
    recipients: list[Person] = field(default_factory=list)
    copies: list[Person] = field(default_factory=list)
    blind_copies: list[Person] = field(default_factory=list)


def analyse(raw: RawDocument, config: Config | None, kind: str | None = None) -> Document:
    """The Document for `raw`: its kind (forced by `kind` or config, else detected) and
    its voices."""
    forced = kind or (config.kind if config and config.kind else None)
    detected = forced or kinds.detect_kind(raw)
    if detected in COMMENTED_KINDS:
        _set_aside_comments(raw)
    doc = Document.assemble(raw)
    doc.config = config
    doc.kind = detected
    doc.kind_forced = forced is not None
    found = identify(raw, config)
    doc.sender, doc.signatories = found.sender, found.signatories
    if found.sender is None and doc.kind in ("letter", "other") and not raw.headers:
        from protocheck.language import rulebook

        if not kinds.council_published(doc) and not rulebook.is_rulebook(doc):
            doc.sender = found.sender = _first_person_writer(
                raw
            )  # 8: the Council's page speaks for it
    doc.recipients, doc.copies, doc.blind_copies = (
        found.recipients,
        found.copies,
        found.blind_copies,
    )
    return doc


COMMENTED_KINDS = ("other", "letter")  # a post or story that may carry readers' comments
COMMENTS_AFTER_BLOCKS = 2  # a comment thread opens after the post's own opening blocks


def _set_aside_comments(raw: RawDocument) -> None:
    """Readers' comments under a post or a story ("Most relevant comments", "5 Responses
    to ...") are other people's words: from that line on, the blocks are set aside as
    quoted, so neither the writer's voice nor the rules on the writer's words read them."""
    rx = lexicon.phrase("comment-thread")
    body = [b for b in raw.blocks if b.in_body]
    for i, block in enumerate(body):
        if i >= COMMENTS_AFTER_BLOCKS and rx.search(block.text.strip()):
            for later in body[i:]:
                later.quoted = True
            return


def identify(raw: RawDocument, config: Config | None) -> Voices:
    """Who wrote `raw`, to whom, in what role: the six steps of the module docstring."""
    found = Voices()
    from_header = _headers(raw, config, found)  # 1
    office = _letterhead(raw, config)  # 2
    byline = _byline(raw, config)  # 3
    found.signatories = _signature(raw, config)  # 4
    found.sender = _sender(from_header, found.signatories, office, byline)
    if not raw.headers:  # 5
        _memo_heading(raw, config, found)
        if not found.recipients:
            _inside_address(raw, config, found)
    if found.sender is None and not raw.headers:  # 7
        found.sender = _unsigned_member(raw)
    sender = found.sender
    if sender is not None and not sender.is_member and not sender.is_officer:  # 6
        _role_from_letterhead(sender, raw)
        if not sender.is_member and not sender.is_officer:
            _role_from_own_words(sender, raw)
    return found


# -- 1. headers ---------------------------------------------------------------


def _headers(raw: RawDocument, config: Config | None, found: Voices) -> Person | None:
    """The To, Cc and Bcc people into `found`; the From person returned."""
    for header, target in (
        ("To", found.recipients),
        ("Cc", found.copies),
        ("Bcc", found.blind_copies),
    ):
        for addr in raw.headers.get(header, []):
            name, _, title = addr.name.partition(
                ","
            )  # "Tracey Moss, Housing Officer" typed in a To line
            target.append(
                people.make_person(
                    name.strip(), title.strip() or None, addr.email, config, header.lower()
                )
            )
    from_list = raw.headers.get("From") or []
    from_hdr = from_list[0] if from_list else None
    if from_hdr is None:
        return None
    return people.make_person(from_hdr.name, None, from_hdr.email, config, "from-header")


# -- 2. letterhead --------------------------------------------------------------


def _letterhead(raw: RawDocument, config: Config | None) -> Person | None:
    """ "From the Office of Councillor Yvonne Pascoe" in the opening blocks or a page header."""
    for b in raw.blocks[:LETTERHEAD_BLOCKS] + [b for b in raw.blocks if b.kind == "header"]:
        named = letters.office_of(b.text)
        if named:
            return people.make_person(named, None, None, config, "letterhead")
    return None


# -- 3. byline ------------------------------------------------------------------


@functools.cache
def _statement_from() -> re.Pattern[str]:
    """ "Statement from Councillor Graham Petts", "Question submitted by Cllr Jo Bloggs",
    "Statement to be read by ...": words/authored-by, words/delivered-by."""
    pieces = lexicon.alternation(lexicon.word_list("words/authored-by"))
    delivered = lexicon.alternation(lexicon.word_list("words/delivered-by"))
    return re.compile(
        rf"\b(?:{pieces})\s+(?:(?:to\s+be\s+)?(?:{delivered})\s+)?(?:from|by)\s+"
        rf"((?:{people.councillor_honorific()})\s+{_CLLR_NAME})",
        re.IGNORECASE,
    )


@functools.cache
def _byline_line() -> re.Pattern[str]:
    """ "Cllr Peter Haddon - Marshside Ward Councillor": a councillor's name, then a role."""
    return re.compile(
        rf"^((?i:{people.councillor_honorific()})\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})"
        r"\s*(?:[-–—|,:]\s*(.{3,200}))?$"
    )


def _byline(raw: RawDocument, config: Config | None) -> Person | None:
    """The author a statement or post names at its head (or foot): "Statement from
    Councillor Graham Petts", a Member's name and role as the page header, or a post
    opening "Cllr Peter Haddon - Marshside Ward Councillor"."""
    return _named_in_heading(raw, config) or _post_byline(raw, config)


def _named_in_heading(raw: RawDocument, config: Config | None) -> Person | None:
    """ "Statement from Councillor Graham Petts" at the head or foot, or a Member's name and
    role as the page header."""
    body = [b for b in raw.blocks if b.in_body]
    edges = raw.blocks[:HEADING_BLOCKS] + body[:HEADING_BLOCKS] + body[-HEADING_BLOCKS:]
    for b in edges:  # a heading, or "Submitted by Councillor ..." at the foot
        m = _statement_from().search(b.text)
        if m:
            return people.make_person(m.group(1), None, None, config, "letterhead")
    lines = [
        ln.strip()
        for b in raw.blocks
        if b.kind == "header"
        for ln in b.text.split("\n")
        if ln.strip()
    ]
    return next((p for p in signatories(lines, config) if p.is_member), None) if lines else None


def _post_byline(raw: RawDocument, config: Config | None) -> Person | None:
    """A post or column opening with its author: "Cllr Peter Haddon - Marshside Ward Councillor"."""
    for b in [b for b in raw.blocks if b.in_body][:BYLINE_BLOCKS]:
        for line in b.text.strip().split("\n")[:BYLINE_LINES]:
            m = _byline_line().match(line.strip())
            if m and lexicon.phrase("prose-line").search(m.group(2) or ""):
                continue  # "Councillor Jo Hart, who represents ...": a news story's first line
            if m and people.name_line(m.group(1).strip()):
                title = (m.group(2) or "").strip() or None
                return people.make_person(m.group(1).strip(), title, None, config, "byline")
    return None


# -- 4. signature ---------------------------------------------------------------


def _signature(raw: RawDocument, config: Config | None) -> list[Person]:
    """The people who sign: the lines after the last sign-off, else (keeping only Members
    and officers) the last short lines of the author's own text."""
    after = letters.after_signoff(raw.blocks, SIGNATURE_FOLLOW_BLOCKS)
    signed = signatories([ln.text for ln in after], config) if after is not None else []
    if signed:
        return signed
    closing = [
        ln.text
        for ln in letters.closing_lines(raw.blocks)
        if not lexicon.phrase("prose-line").search(ln.text)  # "Cllr Jo Hart, who was ...": news
    ][-CLOSING_LINES:]
    return [p for p in signatories(closing, config) if p.is_member or p.is_officer]


# a ward or division named after a Member's name in a sign-off: "Abbey Ward."
_WARD_NAME = re.compile(r"(?:[A-Z][\w'’&-]*\s+){1,4}(?:Ward|Division)\.?")


@functools.cache
def _mid_cllr() -> re.Pattern[str]:
    """The gap before a second councillor's name on one line: "Alun Griffiths Cllr Gwenllian Parry"."""
    return re.compile(rf"(?<=\S)\s+(?=(?:{people.councillor_honorific()})\s+[A-Z])", re.IGNORECASE)


@functools.cache
def _cllr_then_name() -> re.Pattern[str]:
    return re.compile(rf"^(?:{people.councillor_honorific()})\s+[A-Z]", re.IGNORECASE)


def signatories(lines: list[str], config: Config | None) -> list[Person]:
    """People in a signature block: a name line, then the role lines that follow it."""
    found: list[tuple[str, list[str]]] = []
    expanded: list[str] = []
    for line in lines:
        # two signatures side by side: "Alun Griffiths Cllr Gwenllian Parry"
        split = _mid_cllr().search(line)
        if (
            split
            and people.name_line(line[: split.start()].strip())
            and people.name_line(line[split.start() :].strip())
        ):
            expanded += [line[: split.start()].strip(), line[split.start() :].strip()]
        else:
            expanded.append(line)
    last_was_role = False
    last_roles: list[str] = []
    for line in expanded:
        if letters.ends_signature(line):
            break
        line = line.rstrip(",")
        if line.lstrip()[:1] in OPENING_MARKS:
            continue  # '“Of course Cllr Wright knew': someone's words, quoted, not a signature
        if len(people.bare_name(line).strip(" .")) == 1:
            continue  # "Cllr C": a page cut off in the middle of a name, no one's sign-off
        if LIST_ITEM_OPENS.match(line):
            continue  # "(b) failing to treat the public with respect": a list item
        if last_was_role and last_roles and re.fullmatch(r"[A-Z][\w&'-]*", line):
            last_roles[-1] += (
                " " + line
            )  # a role wrapped onto a second line: "... Economy and" / "Place"
            continue
        # "Cllr Priya Shah, Cabinet Member for Housing" on one line; "Cllr Priya Shah,
        # Abbey Ward." (a Member signing with their ward)
        head, sep, tail = line.partition(",")
        if (
            sep
            and people.name_line(head.strip())
            and (
                people.member_title(tail)
                or people.officer_title(tail)
                or (_cllr_then_name().match(head.strip()) and _WARD_NAME.fullmatch(tail.strip()))
            )
        ):
            found.append((head.strip(), [tail.strip()]))
            last_was_role, last_roles = True, found[-1][1]
            continue
        is_role = people.member_title(line) or people.officer_title(line)
        named = _cllr_then_name().match(line)
        last_was_role = False
        if (
            (named or not is_role)
            and people.name_line(line)
            and len(line.split()) <= NAME_LINE_WORDS
            and not _names_a_post(line)
        ):
            if not named and found and not found[-1][1] and len(found[-1][0].split()) == 1:
                found[-1] = (line, [])  # "Priya" then "Priya Shah": keep the full name
                continue
            found.append((line, []))
        elif is_role and found:
            last_roles = _attach_role(found, line)
            last_was_role = True
        elif is_role and not found and not lexicon.phrase("not-a-signatory").search(line):
            found.append(("", [line]))
            last_was_role, last_roles = True, found[-1][1]
    out = []
    for name, roles in found:
        title = "; ".join(roles) if roles else None
        if not name and not title:
            continue
        person = people.make_person(name, title, None, config, "signature")
        if person.is_member or person.is_officer or name:
            out.append(person)
    return [p for p in out if p.is_member or p.is_officer] or out[:1]


def _names_a_post(line: str) -> bool:
    """ "New Chairman", "Town Clerk": a heading or a post, not a signatory's name."""
    words = line.split()
    return bool(words) and words[-1].lower().strip(".,:") in lexicon.word_list("roles/role-nouns")


def _attach_role(found: list[tuple[str, list[str]]], line: str) -> list[str]:
    """A role line belongs to the last name, unless it plainly fits an earlier, role-less one
    (side-by-side signatures: an officer's title under a councillor's name)."""
    member_role = people.member_title(line)
    for name, roles in reversed(found):
        is_cllr = people.councillor_named(name)
        if not roles and is_cllr == member_role:
            roles.append(line)
            return roles
    found[-1][1].append(line)
    return found[-1][1]


# -- who the sender is ------------------------------------------------------------


def _sender(
    from_header: Person | None,
    signed: list[Person],
    office: Person | None,
    byline: Person | None,
) -> Person | None:
    """The sender from steps 1-4, by the precedence in the module docstring."""
    named_at_head = office
    if named_at_head is None and not signed and from_header is None:
        named_at_head = byline
    sender: Person | None = None
    if from_header is not None:
        sender = from_header
        # the signature adds the role an address lacks
        for s in signed:
            if s.is_member == from_header.is_member or not (
                from_header.is_member or from_header.is_officer
            ):
                if not from_header.is_member and not from_header.is_officer:
                    sender = s
                    sender.email = from_header.email
                elif _same_person(s, from_header):
                    from_header.title = from_header.title or s.title
                    from_header.senior = from_header.senior or s.senior
                    from_header.is_mayor = from_header.is_mayor or s.is_mayor
                break
    elif signed:
        sender = (
            signed[0] if len(signed) == 1 else next((s for s in signed if s.is_member), signed[0])
        )
    elif named_at_head is not None:
        sender = named_at_head
    if (
        sender is not None
        and named_at_head is not None
        and not sender.is_member
        and not sender.is_officer
    ):
        sender = named_at_head
    return sender


# -- 5. inside address -------------------------------------------------------------


def _memo_heading(raw: RawDocument, config: Config | None, found: Voices) -> None:
    """A memo's "To: ... From: ..." heading (often a table): its addressee, and its author
    when no signature names one."""
    opening = "\n".join(b.text for b in raw.blocks[:MEMO_HEAD_BLOCKS] if b.in_body)
    for field_name, person_of in (("To", MEMO_TO), ("From", MEMO_FROM)):
        m = person_of.search(opening)
        if not m:
            continue
        name, _, title = m.group(1).strip().partition(",")
        person = people.make_person(
            name.strip(), title.strip() or None, None, config, field_name.lower()
        )
        if field_name == "To" and not found.recipients:
            found.recipients.append(person)
        elif (
            field_name == "From"
            and found.sender is None
            and (person.is_member or person.is_officer)
        ):
            found.sender = person


def _inside_address(raw: RawDocument, config: Config | None, found: Voices) -> None:
    """A letter's addressee from the inside address above "Dear ...": the last line before
    the salutation that is an officer's or a Member's title ("Corporate Head of Housing"),
    with the name on the line above it ("Ms Sarah Mwangi"). Lines naming the sender, and
    names the salutation contradicts ("Dear Mr Reed" above "Ms Sarah Mwangi"), are not it."""
    lines: list[str] = []
    salutation = None
    for block in (b for b in raw.blocks if b.in_body):
        for line in block.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if letters.is_salutation(line):
                salutation = line
                break
            lines.append(line)
        if salutation is not None or len(lines) > INSIDE_ADDRESS_LINES:
            break
    if salutation is None:
        return
    sender = found.sender
    own = people.bare_name(sender.name).lower().split()[-1:] if sender and sender.name else []
    greeted = set(re.findall(r"[a-z'’-]+", re.sub(r"^\W*\w+\s+", "", salutation.lower())))
    greeted -= {w.rstrip(".") for w in lexicon.word_list("roles/honorifics")}
    for i in range(len(lines) - 1, -1, -1):
        title = lines[i]
        if len(title.split()) > TITLE_WORDS or not (
            people.officer_title(title) or people.member_title(title)
        ):
            continue
        name = (
            lines[i - 1]
            if i > 0 and people.name_line(lines[i - 1]) and not people.officer_title(lines[i - 1])
            else ""
        )
        words = set(people.bare_name(name).lower().split()) if name else set()
        if (own and own[0] in (words or set(title.lower().split()))) or letters.office_of(title):
            return  # the sender's own lines
        if (
            words
            and greeted
            and not (words & greeted)
            and not greeted <= set(lexicon.word_list("roles/generic-greetings"))
        ):
            continue
        person = people.make_person(name.rstrip(","), title, None, config, "address")
        if (
            person.is_officer
            and not people.roster_lookup(config, name)
            and not lexicon.phrase("council-address").search(
                " ".join(lines[i : i + ADDRESS_LINES_BELOW])
            )
        ):
            person.is_officer = (
                False  # "Director, Beddoe Leisure Ltd, Unit 4 ...": not the council's
            )
        found.recipients.append(person)
        return


# -- 6. own words ------------------------------------------------------------------


LETTERHEAD_TITLE_WORDS = 16  # a longer line naming the Member is a sentence, not a title


def _full_name(line: str, first: str) -> str | None:
    """The full name of a councillor the line names whose first name is `first` (a
    signature with a first name only: "Sam" under "Councillor Sam Okafor")."""
    m = re.search(
        rf"(?i:{people.councillor_honorific()})\s+({re.escape(first)}(?:\s+[A-Z][\w'’-]+){{1,2}})\b",
        line,
    )
    return m.group(1) if m else None


def _role_from_letterhead(sender: Person, raw: RawDocument) -> None:
    """A signature with a bare name: the letterhead may carry the role ("Councillor Rhian
    Mottram | Portfolio Holder for Housing")."""
    surname = people.bare_name(sender.name).split()[-1:] if sender.name else []
    if not surname:
        return
    places = [b for b in raw.blocks if b.kind == "header"] + [b for b in raw.blocks if b.in_body][
        :LETTERHEAD_ROLE_BLOCKS
    ]
    for block in places:
        for line in block.text.split("\n"):
            if not re.search(rf"\b{re.escape(surname[0])}\b", line):
                continue
            if people.member_title(line):
                sender.is_member, sender.source = True, "letterhead"
                full = _full_name(line, surname[0])
                if full:  # "Sam" signing under "Councillor Sam Okafor": the full name
                    sender.name = full
                if len(line.split()) <= LETTERHEAD_TITLE_WORDS:
                    sender.title = sender.title or re.sub(r"^\W+|\W+$", "", line)
                sender.senior = people.has_title(line, "senior-member-titles")
                sender.is_mayor = people.mayor_title(line)
                return
            if people.officer_title(line):
                sender.is_officer, sender.source = True, "letterhead"
                sender.title = sender.title or line.strip()
                return


def _role_from_own_words(sender: Person, raw: RawDocument) -> None:
    """A writer who signs with a bare name but says in the letter who they are: "As your
    county councillor for the Orton Vale division, I share your concern"."""
    said = lexicon.phrase("member-self-description")
    for block in [b for b in raw.blocks if b.in_body][:SELF_DESCRIPTION_REACH]:
        m = said.search(block.text)
        if m:
            sender.is_member, sender.source = True, "own-words"
            sender.title = sender.title or (m.group("role") or m.group("role2") or "").strip()
            return


# -- 7. unsigned writer -------------------------------------------------------------


def _unsigned_member(raw: RawDocument) -> Person | None:
    """The writer of an unsigned page, when their own words (not words they quote) show
    they are a Member: "the pavements in my ward", "my fellow councillors"."""
    said = lexicon.phrase("member-self-evidence")
    if any(_unquoted(said, b.text) for b in raw.blocks if b.in_body):
        return Person("", is_member=True, source="own-words")
    return None


def _unquoted(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of `rx` in `text` outside quotation marks: the writer's own words."""
    quoted = quoted_passages(text)
    return [m for m in rx.finditer(text) if not any(a <= m.start() < b for a, b in quoted)]


FIRST_PERSON_MIN = 3  # "I", "me", "my" outside quotations that make a page its writer's own words


def _first_person_writer(raw: RawDocument) -> Person | None:
    """An unsigned letter or page written in the first person (a forum post, a blog post
    with no byline): whoever wrote it may be a Member, and is read as one by the rules
    on a Member's own words, which say so in their message."""
    said = lexicon.phrase("first-person")
    speech = lexicon.phrase("speech-opens")
    resident = lexicon.phrase("resident-self-evidence")
    body = [b for b in raw.blocks if b.in_body]
    if any(_unquoted(resident, b.text) for b in body):
        return None  # "I asked my ward councillor ...": a resident writes, not a Member
    count = 0
    for block in body:
        opens = speech.search(block.text)  # "She said: 'You quoted me ...'": a speaker's words
        count += len(_unquoted(said, block.text[: opens.start()] if opens else block.text))
        if count >= FIRST_PERSON_MIN:
            return Person("", presumed_member=True, source="first-person")
    return None


def _same_person(a: Person, b: Person) -> bool:
    an, bn = people.bare_name(a.name).lower(), people.bare_name(b.name).lower()
    if not an or not bn:
        return True
    return an.split()[-1] == bn.split()[-1]
