"""Where a letter or email keeps its letterhead and its signature block.

Checks about how correspondence presents itself (in what capacity a Member
writes, whether it looks like an official Council letter) look at these lines
rather than at sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from protocheck.language import lexicon, people
from protocheck.model.document import Block, Document

HEAD_LINES = 8  # a letterhead sits in the first lines, before the salutation
LINE_CHARS = 120  # a letterhead or signature line is short; a longer one is the letter's prose
SIGNATURE_LINES = 10  # lines after a sign-off read as the signature block: name, roles, contacts
CLOSING_BLOCKS = (
    6  # without a sign-off: the last blocks, which may hold a name, a role and an address
)
CLOSING_LINE_CHARS = (
    90  # a closing block with a line longer than this is prose, and ends the search
)
SIGNATURE_FOLLOW_BLOCKS = 5  # blocks after the sign-off's that a signature block may run on into
CLOSING_SIGNATURE_LINES = 6  # without a sign-off: the closing lines kept as the signature


@functools.cache
def _office_of() -> re.Pattern[str]:
    return re.compile(
        rf"\bfrom\s+the\s+office\s+of\s+(?:the\s+)?((?:{people.councillor_honorific()})\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,3}})",
        re.IGNORECASE,
    )


def office_of(text: str) -> str | None:
    """The councillor a "From the Office of Councillor Yvonne Pascoe" heading names: the
    form in which a Member may use Council notepaper (North East Derbyshire 9.3)."""
    m = _office_of().search(text)
    return m.group(1) if m else None


@functools.cache
def signoffs() -> re.Pattern[str]:
    words = sorted(lexicon.word_list("words/sign-offs"), key=len, reverse=True)
    return re.compile(
        r"^\s*(" + "|".join(re.escape(w) for w in words) + r")\s*[,.!]*\s*$", re.IGNORECASE
    )


@functools.cache
def _salutation() -> re.Pattern[str]:
    words = lexicon.alternation(lexicon.word_list("words/salutations"))
    return re.compile(rf"^\s*({words})\b", re.IGNORECASE)


def is_salutation(line: str) -> bool:
    """A line that greets the reader ("Dear Ms Mwangi", "Good morning"): words/salutations."""
    return bool(_salutation().match(line))


GREETING_BLOCKS = 15  # opening paragraphs read for a salutation, after a letterhead of a line each


def addressed(doc: Document) -> bool:
    """A letter or message to someone: recipients in its headers, or a salutation ("Dear
    Mrs Patel") in its opening paragraphs. A blog post or a ward update has neither."""
    return bool(doc.recipients) or any(
        is_salutation(b.text.split("\n", 1)[0]) for b in list(doc.body_blocks())[:GREETING_BLOCKS]
    )


def ends_signature(line: str) -> bool:
    """A line after which a signature block has no more names or roles: contact details,
    a cc list, "- ENDS -", notes to editors (phrases: signature-end)."""
    return bool(lexicon.phrase("signature-end").match(line))


@dataclass
class Line:
    start: int  # offsets in Document.text
    end: int
    text: str


def _lines_of(block: Block) -> list[Line]:
    return list(_split(block.text, block.start))


def _split(text: str, start: int) -> Iterator[Line]:
    pos = start
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def letterhead(doc: Document) -> list[Line]:
    """Header lines of every page, and the body's opening lines before the salutation."""
    out: list[Line] = []
    for block in doc.blocks:
        if block.kind == "header":
            out.extend(_lines_of(block))
    count = 0
    for block in doc.body_blocks():
        for line in _lines_of(block):
            if is_salutation(line.text) or count >= HEAD_LINES or len(line.text) > LINE_CHARS:
                return out
            out.append(line)
            count += 1
    return out


def after_signoff(blocks: list[Block], follow: int) -> list[Line] | None:
    """Up to SIGNATURE_LINES lines after the last sign-off ("Yours sincerely", "Kind regards") in the
    author's own text, reading on into `follow` more blocks, and not into a reply that
    begins below it ("Dear Cllr Hart,"); None without a sign-off."""
    rx = signoffs()
    body = [b for b in blocks if b.in_body]
    for i in range(len(body) - 1, -1, -1):
        lines = _lines_of(body[i])
        for j, line in enumerate(lines):
            if rx.match(line.text):
                after = lines[j + 1 :]
                for b in body[i + 1 : i + 1 + follow]:
                    after.extend(_lines_of(b))
                opens = lexicon.phrase("reply-opens")  # "Response: / Dear Cllr Hart,": a reply
                cut = next((k for k, ln in enumerate(after) if opens.match(ln.text)), len(after))
                return after[: min(cut, SIGNATURE_LINES)]
    return None


def closing_lines(blocks: list[Block]) -> list[Line]:
    """Without a sign-off: the short lines that end the author's own text."""
    body = [b for b in blocks if b.in_body]
    out: list[Line] = []
    for block in reversed(body[-CLOSING_BLOCKS:]):
        lines = _lines_of(block)
        short = len(lines)
        while short and len(lines[short - 1].text) <= CLOSING_LINE_CHARS:
            short -= 1
        out = lines[short:] + out
        if short:  # a long line: the closing lines of a block run on from prose above them
            break
    return out


def signature(doc: Document) -> list[Line]:
    """The signature block: the lines after the last sign-off, up to contact details or
    a cc list; without a sign-off, the short closing lines (a name, a role, a team)."""
    after = after_signoff(doc.blocks, SIGNATURE_FOLLOW_BLOCKS)
    if after is None:
        closing = [ln for ln in closing_lines(doc.blocks) if not ends_signature(ln.text)]
        return closing[-CLOSING_SIGNATURE_LINES:]
    out = []
    for ln in after:
        if ends_signature(ln.text) or len(ln.text) > LINE_CHARS:
            break
        out.append(ln)
    return out


def name_line(doc: Document, lines: list[Line], name: str) -> Line | None:
    """The line of `lines` carrying the person's surname (a signature's name line)."""
    parts = name.split()
    if not parts:
        return None
    surname = re.compile(rf"\b{re.escape(parts[-1])}\b", re.IGNORECASE)
    return next((ln for ln in lines if surname.search(ln.text)), None)
