"""Blind ("silent") copy on Member/Officer correspondence.

## What it flags
A Bcc header (in an e-mail, a draft or a pasted message) or a "bcc:" line on
correspondence between a Member and an officer, or copied blind to a Member; and
text saying a copy was sent without the addressee knowing ("I have blind copied
Cllr Whitfield", "I am copying this to the Leader without letting Cllr Yates know").

## Why it matters
Correspondence between a Member and an officer is copied to another Member only
openly: "there should be no 'blind' copies" (Wokingham), "a system of 'silent
copies' should not be employed" (North East Derbyshire). A Member who finds out
later that a reply went elsewhere stops trusting the officer who wrote it.

## What to do
Make the copy visible (cc) or remove it, and tell the recipient who else has seen it.

Correspondence between a councillor and an officer should not be passed to another
councillor unless the author has said so or agrees, and any copy must be open: no
'blind' or 'silent' copies. If a councillor asked for confidentiality on a delicate
matter, do not copy the reply to another Member without their permission, unless a
legal or professional duty requires it. Where an officer thinks another Member
genuinely needs to see it, tell the original Member first.

## Flagged
> Bcc: Cllr Sam Patel <cllr.sam.patel@council.gov.uk> (on an officer's reply to Cllr Bloggs)
> I have blind copied Cllr Whitfield so that he is aware.
> bcc: Councillor Karen Baxter, Portfolio Holder for Growth and Assets (at the foot of a file copy)

## Not flagged
> Cc: Cllr Sam Patel (a visible copy)
> I have not blind copied anyone; Cllr Patel is copied openly above. (a blind copy denied)
> A residents' newsletter sent Bcc to protect addresses (not Member/Officer correspondence)
> Blind copies should not be used. (guidance about the rule)

## Known gaps
A copy sent later by forwarding, with nothing in the text or headers saying so,
cannot be seen in the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from protocheck.language import people
from protocheck.model.document import Document, Hit
from protocheck.rules.registry import rule


def member_officer(doc: Document) -> bool:
    """Is this correspondence a Member and an officer (or copied blind to a Member)?"""
    if any(p.is_member for p in doc.blind_copies):
        return True
    parties = [p for p in [doc.sender, *doc.recipients, *doc.copies] if p is not None]
    domains = people.document_domains(doc, blind=True)
    has_member = any(p.is_member for p in parties)
    has_officer = any(people.officer_like(p, domains) for p in parties)
    blind_council = any(p.is_member or people.officer_like(p, domains) for p in doc.blind_copies)
    return has_member and (has_officer or blind_council)


NAMES_SHOWN = 3  # blind copies named in the message: a long list is cut short


@rule(
    "COR002",
    "blind-copy",
    severity="error",
    kinds=("letter", "email", "other"),
    uses=("patterns/blind-copy", "patterns/not-blind-copy"),
)
def blind_copy(doc: Document) -> Iterator[Hit]:
    if doc.blind_copies and member_officer(doc):
        for header in doc.blocks:
            if header.kind == "email-header" and header.meta.get("header") == "Bcc":
                names = ", ".join(p.short() for p in doc.blind_copies[:NAMES_SHOWN])
                yield Hit(
                    header.start,
                    header.end,
                    f"Blind copy to {names} on Member/Officer correspondence",
                )
                break
    if doc.kind not in ("letter", "email") and doc.sender is None and not doc.recipients:
        return  # guidance, a policy or a protocol that talks about blind copies is not correspondence
    denials = doc.matches_of("NOT_BLIND_COPY")
    for m in doc.find("BLIND_COPY", scope="all"):
        block = doc.block_at(m.start)
        if block is None or block.kind in ("email-header", "comment") or block.quoted:
            continue
        if any(d.start < m.end and m.start < d.end for d in denials):
            continue
        if doc.sentence_text(m.start).rstrip().rstrip("\"')").endswith("?") or doc.in_quotation(
            m.start
        ):
            continue  # asking whether a copy was sent is not sending one; nor is quoting someone
        if m.id == "bcc-line":
            line_end = doc.text.find("\n", m.start)
            end = block.end if line_end == -1 or line_end > block.end else line_end
            line = doc.text[m.start : end]
            if not (
                people.member_title(line)
                or people.officer_title(line)
                or member_officer_text(doc, line)
            ):
                continue
            yield Hit(
                m.start, end, "Blind copy line on Member/Officer correspondence", pattern=m.id
            )
            continue
        yield Hit(
            m.start,
            doc.clause_end(m.start, m.end, 6),
            "Text says a copy was sent without the addressee knowing",
            pattern=m.id,
        )


def member_officer_text(doc: Document, line: str) -> bool:
    from protocheck.language.people import roster_lookup

    names = [w.strip(" ,;") for w in line.split(":", 1)[-1].split(",")]
    return any(roster_lookup(doc.config, n) for n in names if n)
