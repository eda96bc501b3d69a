"""Who is who: Members and officers recognised by title, councillor e-mail address
and the council's roster (config). Word lists live in lexicons/roles/ and words/."""

from __future__ import annotations

import functools
import re

from protocheck.language import lexicon, politics
from protocheck.model.config import Config, RosterEntry
from protocheck.model.document import Document, Match, Person


@functools.cache
def _honorific() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon.word_list("roles/honorifics"))
    return re.compile(rf"^({words})\s+", re.IGNORECASE)


@functools.cache
def _postnominal() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon.word_list("roles/postnominals"))
    return re.compile(rf",?\s+\b({words})\b\.?", re.IGNORECASE)


@functools.cache
def councillor_honorific() -> str:
    """The honorifics that are a Member's title too ("Cllr", "Cllr.", "Councillor"), as a
    regex alternation: the entries of roles/honorifics.txt that roles/member-titles.txt holds."""
    titles = set(lexicon.word_list("roles/member-titles"))
    return lexicon.alternation(
        [w for w in lexicon.word_list("roles/honorifics") if w.rstrip(".") in titles]
    )


@functools.cache
def _councillor_named() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{councillor_honorific()})(?![\w])", re.IGNORECASE)


def councillor_named(text: str) -> bool:
    """`text` opens with a councillor's honorific: "Cllr Priya Shah", "Councillor Reed"."""
    return bool(_councillor_named().match(text))


@functools.cache
def _phrases(name: str) -> re.Pattern[str]:
    alts = lexicon.alternation(lexicon.word_list(f"roles/{name}"))
    return re.compile(rf"(?<![\w-])({alts})(?![\w-])", re.IGNORECASE)


@functools.cache
def _name_line() -> re.Pattern[str]:
    titles = councillor_honorific()
    mayor = lexicon.alternation(lexicon.word_list("roles/mayor-titles"))
    personal = lexicon.alternation(
        [
            w
            for w in lexicon.word_list("roles/honorifics")
            if w != "the" and not re.fullmatch(titles, w)
        ]
    )
    particles = lexicon.alternation(lexicon.word_list("roles/name-particles"))
    letters = lexicon.alternation([w.upper() for w in lexicon.word_list("roles/postnominals")])
    word = r"[A-Z][\w'’.-]*"
    return re.compile(
        rf"^(?:(?:{titles}|the\s+(?:{mayor}),?)\s+)?(?:(?:{personal})\.?\s+)?"
        rf"{word}(?:\s+(?:{word}|{particles})){{0,4}}(?:\s+(?:{letters}))?,?$"
    )


def name_line(text: str) -> bool:
    """A line that is a person's name and nothing else, as in a signature block: an
    optional councillor's title or "the mayor," (roles/honorifics, roles/mayor-titles),
    an optional personal title ("mr", "dr"), one to five capitalised words with name
    particles between (roles/name-particles: "de", "van"), an optional postnominal
    (roles/postnominals, in capitals: "MBE"). Titles count here in lower case only: a
    capitalised "Cllr" or "Dr" is one of the capitalised words already."""
    return bool(_name_line().match(text))


def has_title(text: str, which: str) -> bool:
    return bool(_phrases(which).search(text))


def mayor_title(text: str) -> bool:
    """The civic Mayor's title in `text` (roles/mayor-titles), not a deputy's (roles/not-mayor-titles)."""
    return has_title(text, "mayor-titles") and not has_title(text, "not-mayor-titles")


CHAIR_BODY_REACH = 60  # characters after "Chair of" in which the council body must be named


def member_title(text: str) -> bool:
    """A Member's title in `text`; a chair's title (roles/chair-titles) only of a council
    body (roles/council-bodies): "Chair of the Planning Committee", not "Chair of Governors".
    Not a title that says the person is no Member now ("Former councillor Jo Hart")."""
    if any(not no_longer(text, m.start()) for m in _phrases("member-titles").finditer(text)):
        return True
    return any(
        _council_body().search(text, m.end(), m.end() + CHAIR_BODY_REACH)
        for m in _phrases("chair-titles").finditer(text)
    )


def no_longer(text: str, at: int) -> bool:
    """The words just before `at` say the title that follows is no longer held:
    "former councillor", "ex-councillor" (roles/no-longer)."""
    before = text[max(0, at - NO_LONGER_REACH) : at].lower()
    return any(
        before.endswith(w if w.endswith("-") else w + " ")
        for w in lexicon.word_list("roles/no-longer")
    )


NO_LONGER_REACH = 40  # characters before a title read for "former" and the like


def _strip_member_titles(text: str) -> str:
    return _phrases("chair-titles").sub(" ", _phrases("member-titles").sub(" ", text))


@functools.cache
def _council_body() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon.word_list("roles/council-bodies"))
    return re.compile(rf"\b({words})\b", re.IGNORECASE)


def officer_title(text: str) -> bool:
    """An officer's job title, once any member title is discounted."""
    if member_title(text):
        stripped = _strip_member_titles(text)
        # "Cabinet Member for Housing" leaves "for Housing": no officer title in what remains
        return has_title(stripped, "officer-titles") and not re.search(
            r"\bmember\b", text, re.IGNORECASE
        )
    return has_title(text, "officer-titles")


@functools.cache
def _member_email() -> re.Pattern[str]:
    prefixes = "|".join(lexicon.word_list("words/member-email-prefixes"))
    return re.compile(rf"^({prefixes})|councillor", re.IGNORECASE)


def member_email(address: str | None) -> bool:
    if not address or "@" not in address:
        return False
    local, _, domain = address.partition("@")
    return bool(_member_email().search(local)) or "councillor" in domain.lower()


def bare_name(text: str) -> str:
    """'Cllr Priya Shah MBE' -> 'Priya Shah'."""
    name = _postnominal().sub("", text.strip().strip(",").strip())
    prev = None
    while prev != name:
        prev = name
        name = _honorific().sub("", name).strip()
    return name


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", bare_name(name).lower())


def roster_lookup(
    config: Config | None, name: str | None = None, email: str | None = None
) -> tuple[str, RosterEntry] | None:
    """('member' | 'officer', entry) for a name or e-mail address on the roster."""
    if config is None:
        return None
    key = _norm(name) if name else ""
    for kind, roster in (("member", config.members), ("officer", config.officers)):
        for entry in roster:
            if email and entry.email and entry.email.lower() == email.lower():
                return kind, entry
            if key and any(_norm(n) == key for n in entry.names()):
                return kind, entry
            # "Cllr Shah" or "P Shah" against "Priya Shah": surname and initial agree
            if key and name and _surname_match(name, entry):
                return kind, entry
    return None


def _surname_match(name: str, entry: RosterEntry) -> bool:
    parts = bare_name(name).split()
    full = entry.name.split()
    if len(parts) < 1 or len(full) < 2:
        return False
    if parts[-1].lower() != full[-1].lower():
        return False
    if len(parts) == 1:
        return councillor_named(name)
    return parts[0][0].lower() == full[0][0].lower() and len(parts[0].rstrip(".")) == 1


def _member_group(name: str | None, email: str | None) -> bool:
    """ "All Members <allmembers@...>", "Conservative Group Members <conservative.group@...>":
    the Council's Members, or a political group's, as a list."""
    groups = set(lexicon.word_list("roles/member-groups"))
    local = (email or "").partition("@")[0].lower()
    if (name or "").strip().lower() in groups or local in groups:
        return True
    if lexicon.phrase("group-members-list").search(name or ""):
        return True
    return bool(
        lexicon.phrase("group-word").search(f"{name} {local}")
        and politics.mentions(f"{name or ''} {local.replace('.', ' ').title()}")
    )


def make_person(
    name: str, title: str | None, email: str | None, config: Config | None, source: str
) -> Person:
    """A Person from what a document says, completed from the roster."""
    text = " ".join(x for x in (name, title or "") if x)
    person = Person(name=bare_name(name) if name else "", email=email, title=title, source=source)
    person.is_member = (
        member_title(name or "")
        or bool(title and member_title(title))
        or member_email(email)
        or _member_group(name, email)
    )
    person.is_officer = not person.is_member and bool(title and officer_title(title))
    person.is_mayor = bool(title and mayor_title(title))
    person.senior = has_title(text, "senior-member-titles")
    found = roster_lookup(config, name, email)
    if found:
        kind, entry = found
        person.name = entry.name
        if kind == "member":
            person.is_member, person.is_officer = True, False
            person.party, person.standing = entry.party, entry.standing
            person.delegated_authority = entry.delegated_authority
            roles = " ".join(entry.roles)
            person.senior = person.senior or has_title(roles, "senior-member-titles")
            person.is_mayor = person.is_mayor or mayor_title(roles)
            person.title = person.title or (entry.roles[0] if entry.roles else None)
        else:
            person.is_officer, person.is_member = True, False
            person.title = person.title or entry.title
        person.email = person.email or entry.email
    return person


def domain(person: Person) -> str:
    return (person.email or "").rpartition("@")[2].lower()


def council_domains(persons: list[Person]) -> set[str]:
    """Mail domains known to be the council's: those of Members' addresses."""
    return {domain(p) for p in persons if p.is_member and domain(p)}


def officer_like(person: Person, domains: set[str]) -> bool:
    """An officer by title or roster, a non-Member address on the council's domain, or
    one of the council's teams written to by name ("Repairs and Investment Team")."""
    if person.is_officer:
        return True
    if person.is_member:
        return False
    if domain(person):
        return domain(person) in domains
    return bool(_council_team().search(person.name or ""))


@functools.cache
def _council_team() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon.word_list("roles/council-teams"))
    return re.compile(rf"\b({words})\s*$", re.IGNORECASE)


def _capitalised(words: tuple[str, ...] | list[str]) -> str:
    """A word list as a case-sensitive alternation of its capitalised forms ("vice-chair of"
    -> "Vice-Chair of"; "of", "the" and "and" stay lower case; a hyphen may be a space)."""
    small = {"of", "the", "and"}
    forms = [
        re.sub(
            r"[\w']+", lambda m: m.group(0) if m.group(0) in small else m.group(0).capitalize(), w
        )
        for w in words
    ]
    return lexicon.alternation(forms).replace(r"\-", "[- ]")


@functools.cache
def _named_member() -> re.Pattern[str]:
    """ "Cllr Jo Bloggs", "Councillor J. Reed", "SNP councillor Jo Reed": a councillor's
    honorific, capitalised as a title or in lower case after a party or ward, then an
    optional initial and one to three capitalised names."""
    honorifics = [
        w for w in lexicon.word_list("roles/honorifics") if re.fullmatch(councillor_honorific(), w)
    ]
    titles = _capitalised(honorifics) + "|" + lexicon.alternation([w.lower() for w in honorifics])
    return re.compile(rf"\b(?:{titles})\s+(?:[A-Z]\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}")


@functools.cache
def _role_of() -> re.Pattern[str]:
    """ "Chair of the Planning Committee": a chair's title (roles/chair-titles), capitalised,
    then a capitalised name ending in a council body (roles/council-bodies)."""
    chairs = _capitalised(lexicon.word_list("roles/chair-titles"))
    bodies = _capitalised(lexicon.word_list("roles/council-bodies"))
    return re.compile(rf"\b(?:{chairs})\s+(?:the\s+)?[A-Z][\w&' -]{{2,60}}?(?:{bodies})\b")


# Short roster names are ordinary words as often as names ("Lee", "May", "Ed"), so
# they are looked for in the text only from these lengths.
MIN_NAME_CHARS = 4  # a full name or alias
MIN_PART_CHARS = 3  # a first name or surname on its own


_TITLE_NAME = re.compile(r"(?:\s+[A-Z][\w'’-]+){1,3}\b")


def member_mentions(text: str, config: Config | None) -> list[tuple[int, int, str]]:
    """(start, end, who) of each named or specific Member in `text`: "Cllr Jo Bloggs",
    a roster name, "the Leader of the Council", "the Mayor", "Cabinet Member for ...".
    A plural or generic "councillors" is not a mention."""
    out = [(m.start(), m.end(), m.group(0)) for m in _named_member().finditer(text)]
    out += [(m.start(), m.end(), m.group(0)) for m in _role_of().finditer(text)]
    for which in ("senior-member-titles", "mayor-titles"):
        for m in _phrases(which).finditer(text):
            if which == "mayor-titles" and not text[m.start()].isupper():
                continue  # "mayor" in running text, not the Mayor
            end = m.end()
            named = _TITLE_NAME.match(text, end) if which == "mayor-titles" else None
            if named:  # "Provost Brian Boyd": the name that follows is the Member's
                end = named.end()
            out.append((m.start(), end, text[m.start() : end]))
    if config is not None:
        for entry in config.members:
            for name in entry.names():
                if len(name) < MIN_NAME_CHARS:
                    continue
                for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                    out.append((m.start(), m.end(), entry.name))
    return sorted(set(out))


def roster_member(config: Config | None, who: str) -> RosterEntry | None:
    found = roster_lookup(config, who)
    return found[1] if found and found[0] == "member" else None


def document_domains(doc: Document, blind: bool = False) -> set[str]:
    """The council's mail domains as a document shows them: its Members' addresses among
    the sender, the recipients and the copies (and the blind copies, if asked)."""
    everyone = [doc.sender, *doc.recipients, *doc.copies, *(doc.blind_copies if blind else ())]
    return council_domains([p for p in everyone if p is not None])


def addressed_to_officer(doc: Document) -> bool:
    """A letter or email whose recipients include an officer (by title, roster or council address)."""
    domains = document_domains(doc)
    return any(officer_like(p, domains) for p in doc.recipients)


def officers_only(doc: Document) -> bool:
    """Correspondence addressed to officers alone, and copied (openly or blind) to no Member or
    resident: the private route for a concern, or casework put to the officers who handle it."""
    if not doc.recipients:
        return False
    domains = document_domains(doc, blind=True)
    return all(officer_like(p, domains) for p in doc.recipients + doc.copies + doc.blind_copies)


def mark_roster(doc: Document) -> None:
    """Add the roster's people, named in the text, to doc.matches: officers as OFFICER_REF
    and Members as MEMBER_REF (id "roster"), beside what the patterns found by title.
    A full name or alias, a surname after an honorific ("Mr Rudd", "Cllr Shah"), or the
    first name alone once the full name appears in the document.

    Only names that occur in the text (a plain substring test) go into the three
    patterns, so a long agenda pack is scanned three times, not three times per person."""
    config = doc.config
    if config is None or not (config.officers or config.members):
        return
    text = doc.text
    full: dict[str, set[str]] = {}  # a name as written -> labels
    surnames: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}
    for label, roster in (("OFFICER_REF", config.officers), ("MEMBER_REF", config.members)):
        for entry in roster:
            present = [n for n in entry.names() if len(n) >= MIN_NAME_CHARS and n in text]
            for name in present:
                full.setdefault(name, set()).add(label)
            parts = entry.name.split()
            if len(parts) > 1 and entry.name in present and len(parts[0]) >= MIN_PART_CHARS:
                firsts.setdefault(parts[0], set()).add(
                    label
                )  # "Simon" once "Simon Achebe" is named
            if parts and len(parts[-1]) >= MIN_PART_CHARS and parts[-1] in text:
                surnames.setdefault(parts[-1], set()).add(label)
    spans: set[tuple[str, int, int]] = set()

    def scan(rx: re.Pattern[str], table: dict[str, set[str]]) -> None:
        for m in rx.finditer(text):
            for label in table.get(m.group("name"), ()):
                spans.add((label, m.start(), m.end()))

    def alternation(names: dict[str, set[str]]) -> str:
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))

    if full:
        scan(re.compile(rf"(?<![\w])(?P<name>{alternation(full)})(?![\w])"), full)
    if firsts:
        scan(re.compile(rf"(?<![\w])(?P<name>{alternation(firsts)})(?![\w]|\s+[A-Z])"), firsts)
    if surnames:
        titles = "|".join(re.escape(w) for w in lexicon.word_list("roles/honorifics") if w != "the")
        scan(
            re.compile(rf"(?<![\w])(?i:{titles})\s+(?P<name>{alternation(surnames)})(?![\w])"),
            surnames,
        )
    for label in ("OFFICER_REF", "MEMBER_REF"):
        found = doc.matches.setdefault(label, [])
        have = {(m.start, m.end) for m in found}
        found += [
            Match(label, "roster", a, b)
            for lab, a, b in sorted(spans)
            if lab == label and (a, b) not in have
        ]
        found.sort(key=lambda m: (m.start, -m.end))


def to_media(doc: Document) -> bool:
    """A letter or email to the press: a recipient outside the council whose name or
    address names a newspaper, broadcaster or news desk (phrases: media-outlet)."""
    domains = document_domains(doc)
    outlet = lexicon.phrase("media-outlet")
    return any(
        outlet.search(f"{p.name} {p.email or ''}")
        for p in doc.recipients
        if not p.is_member and not officer_like(p, domains)
    )


def pronoun_person(word: str) -> str | None:
    """Whom a pronoun stands for: "he" (he, his, him), "she" (she, her), or None ("they")."""
    for person in ("he", "she"):
        if lexicon.phrase(f"pronoun-{person}").fullmatch(word.strip()):
            return person
    return None


def cannot_be(pronoun: str, named: str) -> bool:
    """A "he" is not "Ms Dale", nor a "she" "Mr Dale": the title before the name says so
    (phrases.yml not-he, not-she)."""
    person = pronoun_person(pronoun)
    return person is not None and bool(lexicon.phrase(f"not-{person}").match(named))
