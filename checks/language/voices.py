"""From a RawDocument to a Document: its kind, who sent it, to whom.

The sender is whoever signs or sends the document: the signature block after a
sign-off ("Yours sincerely, / Cllr Priya Shah / Cabinet Member for Housing"), the
From header of an e-mail, or a "From the Office of Councillor ..." letterhead.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from protocheck.language import letters, lexicon, people
from protocheck.model.config import Config
from protocheck.model.document import KINDS, Block, Document, Person, RawDocument

MEMO_TO = re.compile(r"^\s*to\s*:\s*\n?\s*([^\n]{3,120})$", re.IGNORECASE | re.MULTILINE)
MEMO_FROM = re.compile(r"^\s*from\s*:\s*\n?\s*([^\n]{3,120})$", re.IGNORECASE | re.MULTILINE)
BYLINE_LINES = 3  # opening lines of a post that may carry its author
SELF_DESCRIPTION_REACH = 15  # opening paragraphs where a writer may say "as your councillor, I ..."
_CLLR_NAME = (
    r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}"  # after "Cllr": one to four capitalised words
)


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


@functools.cache
def _mid_cllr() -> re.Pattern[str]:
    """The gap before a second councillor's name on one line: "Alun Griffiths Cllr Gwenllian Parry"."""
    return re.compile(rf"(?<=\S)\s+(?=(?:{people.councillor_honorific()})\s+[A-Z])", re.IGNORECASE)


@functools.cache
def _cllr_then_name() -> re.Pattern[str]:
    return re.compile(rf"^(?:{people.councillor_honorific()})\s+[A-Z]", re.IGNORECASE)


@functools.cache
def _kind_cues() -> dict[str, tuple[int, list[tuple[re.Pattern[str], int]]]]:
    data: dict[str, Any] = lexicon.yaml_data("kinds.yml")
    out = {}
    for kind, spec in data.items():
        if kind not in KINDS:
            raise lexicon.LexiconError(
                "lexicons/kinds.yml", kind, f"unknown kind (one of {', '.join(KINDS)})"
            )
        cues = [
            (re.compile(c["re"], re.IGNORECASE | re.MULTILINE), int(c.get("weight", 1)))
            for c in spec["cues"]
        ]
        out[kind] = (int(spec.get("override", 99)), cues)
    return out


def detect_kind(raw: RawDocument) -> str:
    scores = dict.fromkeys(_kind_cues(), 0)
    texts = [
        b.text
        for b in raw.blocks
        if b.kind in ("paragraph", "heading", "cell", "header", "textbox")
    ]
    for kind, (_, cues) in _kind_cues().items():
        for rx, weight in cues:
            if any(rx.search(t[:300]) for t in texts):
                scores[kind] += weight
    is_email = raw.format == "eml" or bool(raw.headers.get("From") or raw.headers.get("To"))
    best = max(scores, key=lambda k: scores[k])
    if is_email:
        for kind, (override, _) in _kind_cues().items():
            if scores[kind] >= override:
                return kind
        return "email"
    if scores["report"] >= 4 and (raw.pages or 1) >= 10 and _report_starts(texts) >= 3:
        return "agenda-pack"
    if scores[best] >= 3:
        return best
    return "other"


def _report_starts(texts: list[str]) -> int:
    rx = lexicon.phrase("report-start")
    return sum(1 for t in texts if rx.search(t))


def _signature_lines(blocks: list[Block]) -> list[str] | None:
    """The lines after the last sign-off in the author's own text."""
    after = letters.after_signoff(blocks, 4)
    return None if after is None else [ln.text for ln in after]


def _trailing_lines(blocks: list[Block]) -> list[str]:
    """Without a sign-off: the last short lines of the author's own text."""
    return [ln.text for ln in letters.closing_lines(blocks)][-8:]


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
        if last_was_role and last_roles and re.fullmatch(r"[A-Z][\w&'-]*", line):
            last_roles[-1] += (
                " " + line
            )  # a role wrapped onto a second line: "... Economy and" / "Place"
            continue
        # "Cllr Priya Shah, Cabinet Member for Housing" on one line
        head, sep, tail = line.partition(",")
        if (
            sep
            and people.name_line(head.strip())
            and (people.member_title(tail) or people.officer_title(tail))
        ):
            found.append((head.strip(), [tail.strip()]))
            last_was_role, last_roles = True, found[-1][1]
            continue
        is_role = people.member_title(line) or people.officer_title(line)
        named = _cllr_then_name().match(line)
        last_was_role = False
        if (named or not is_role) and people.name_line(line) and len(line.split()) <= 7:
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


def find_sender(raw: RawDocument, config: Config | None) -> tuple[Person | None, list[Person]]:
    signed = _signature_lines(raw.blocks)
    sigs = signatories(signed, config) if signed is not None else []
    if not sigs:
        sigs = [
            p
            for p in signatories(_trailing_lines(raw.blocks), config)
            if p.is_member or p.is_officer
        ]
    from_hdr = (raw.headers.get("From") or [None])[0]
    header_person = (
        people.make_person(from_hdr.name, None, from_hdr.email, config, "from-header")
        if from_hdr
        else None
    )
    office = None
    for b in raw.blocks[:12] + [b for b in raw.blocks if b.kind == "header"]:
        named = letters.office_of(b.text)
        if named:
            office = people.make_person(named, None, None, config, "letterhead")
            break
    if office is None and not sigs and header_person is None:
        office = _named_in_heading(raw, config) or _byline(raw, config)
    sender: Person | None = None
    if header_person is not None:
        sender = header_person
        # the signature adds the role an address lacks
        for s in sigs:
            if s.is_member == header_person.is_member or not (
                header_person.is_member or header_person.is_officer
            ):
                if not header_person.is_member and not header_person.is_officer:
                    sender = s
                    sender.email = header_person.email
                elif _same_person(s, header_person):
                    header_person.title = header_person.title or s.title
                    header_person.senior = header_person.senior or s.senior
                    header_person.is_mayor = header_person.is_mayor or s.is_mayor
                break
    elif sigs:
        sender = sigs[0] if len(sigs) == 1 else next((s for s in sigs if s.is_member), sigs[0])
    elif office is not None:
        sender = office
    if sender is not None and office is not None and not sender.is_member and not sender.is_officer:
        sender = office
    if sender is not None and not sender.is_member and not sender.is_officer:
        _role_from_letterhead(sender, raw)
    if sender is not None and not sender.is_member and not sender.is_officer:
        _role_from_own_words(sender, raw)
    return sender, sigs


def _named_in_heading(raw: RawDocument, config: Config | None) -> Person | None:
    """A statement's author named at its head: "Statement from Councillor Graham Petts",
    or a Member's name and role as the page header."""
    body = [b for b in raw.blocks if b.in_body]
    for b in (
        raw.blocks[:3] + body[:3] + body[-3:]
    ):  # a heading, or "Submitted by Councillor ..." at the foot
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


def _byline(raw: RawDocument, config: Config | None) -> Person | None:
    """A post or column opening with its author: "Cllr Peter Haddon - Marshside Ward Councillor"."""
    for b in [b for b in raw.blocks if b.in_body][:2]:
        for line in b.text.strip().split("\n")[
            :BYLINE_LINES
        ]:  # "Facebook - public post" may come first
            m = _byline_line().match(line.strip())
            if m and people.name_line(m.group(1).strip()):
                title = (m.group(2) or "").strip() or None
                return people.make_person(m.group(1).strip(), title, None, config, "byline")
    return None


def _role_from_letterhead(sender: Person, raw: RawDocument) -> None:
    """A signature with a bare name: the letterhead may carry the role ("Councillor Rhian
    Mottram | Portfolio Holder for Housing")."""
    surname = people.bare_name(sender.name).split()[-1:] if sender.name else []
    if not surname:
        return
    places = [b for b in raw.blocks if b.kind == "header"] + [b for b in raw.blocks if b.in_body][
        :6
    ]
    for block in places:
        for line in block.text.split("\n"):
            if not re.search(rf"\b{re.escape(surname[0])}\b", line):
                continue
            if people.member_title(line):
                sender.is_member, sender.source = True, "letterhead"
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


def _same_person(a: Person, b: Person) -> bool:
    an, bn = people.bare_name(a.name).lower(), people.bare_name(b.name).lower()
    if not an or not bn:
        return True
    return an.split()[-1] == bn.split()[-1]


def analyse(raw: RawDocument, config: Config | None, kind: str | None = None) -> Document:
    doc = Document.assemble(raw)
    doc.config = config
    forced = kind or (config.kind if config and config.kind else None)
    doc.kind = forced or detect_kind(raw)
    doc.kind_forced = forced is not None
    doc.sender, doc.signatories = find_sender(raw, config)
    for header, target in (("To", doc.recipients), ("Cc", doc.copies), ("Bcc", doc.blind_copies)):
        for addr in raw.headers.get(header, []):
            name, _, title = addr.name.partition(
                ","
            )  # "Tracey Moss, Housing Officer" typed in a To line
            target.append(
                people.make_person(
                    name.strip(), title.strip() or None, addr.email, config, header.lower()
                )
            )
    if not raw.headers:
        _memo_heading(doc, config)
        if not doc.recipients:
            _inside_address(doc, config)
    return doc


def council_published(doc: Document) -> bool:
    """Whether the document shows the Council as its publisher: a masthead, account or
    imprint line naming a council ("Kestrel Vale Borough Council", "Published by ...
    District Council"), the council's name from config, or a council web or e-mail
    domain. A party's site or a newspaper report about the council shows none of these.
    """
    if "council_published" not in doc.cache:
        masthead = lexicon.phrase("council-masthead")
        name = (doc.config.council or "").lower() if doc.config else ""
        body = [b for b in doc.blocks if b.in_body and b.text.strip()]
        edges = [b for b in doc.blocks if b.kind in ("header", "footer")] + body[:8] + body[-5:]
        lines = [ln.strip() for b in edges for ln in b.text.splitlines() if ln.strip()]
        doc.cache["council_published"] = any(
            len(ln.split()) <= 16 and (masthead.search(ln) or (name and name in ln.lower()))
            for ln in lines
        ) or bool(lexicon.phrase("council-web-address").search(doc.text))
    return bool(doc.cache["council_published"])


def council_publicity(doc: Document) -> bool:
    """Whether the document is the Council's publicity: a press release, a document
    forced to a kind, or any other document that shows the Council as its publisher."""
    return doc.kind != "other" or doc.kind_forced or council_published(doc)


def _inside_address(doc: Document, config: Config | None) -> None:
    """A letter's addressee from the inside address above "Dear ...": the last line before
    the salutation that is an officer's or a Member's title ("Corporate Head of Housing"),
    with the name on the line above it ("Ms Sarah Mwangi"). Lines naming the sender, and
    names the salutation contradicts ("Dear Mr Reed" above "Ms Sarah Mwangi"), are not it."""
    lines: list[str] = []
    salutation = None
    for block in doc.body_blocks():
        for line in block.text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if letters.is_salutation(line):
                salutation = line
                break
            lines.append(line)
        if salutation is not None or len(lines) > 20:
            break
    if salutation is None:
        return
    own = (
        people.bare_name(doc.sender.name).lower().split()[-1:]
        if doc.sender and doc.sender.name
        else []
    )
    greeted = set(re.findall(r"[a-z'’-]+", re.sub(r"^\W*\w+\s+", "", salutation.lower())))
    greeted -= {w.rstrip(".") for w in lexicon.word_list("roles/honorifics")}
    for i in range(len(lines) - 1, -1, -1):
        title = lines[i]
        if len(title.split()) > 10 or not (
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
            and not lexicon.phrase("council-address").search(" ".join(lines[i : i + 3]))
        ):
            person.is_officer = (
                False  # "Director, Beddoe Leisure Ltd, Unit 4 ...": not the council's
            )
        doc.recipients.append(person)
        return


def _memo_heading(doc: Document, config: Config | None) -> None:
    """A memo's "To: ... From: ..." heading (often a table): its addressee, and its author
    when no signature names one."""
    opening = "\n".join(b.text for b in doc.blocks[:16] if b.in_body)
    for field, person_of in (("To", MEMO_TO), ("From", MEMO_FROM)):
        m = person_of.search(opening)
        if not m:
            continue
        name, _, title = m.group(1).strip().partition(",")
        person = people.make_person(
            name.strip(), title.strip() or None, None, config, field.lower()
        )
        if field == "To" and not doc.recipients:
            doc.recipients.append(person)
        elif field == "From" and doc.sender is None and (person.is_member or person.is_officer):
            doc.sender = person
