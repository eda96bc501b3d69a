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

from protocheck.language import lexicon
from protocheck.model.document import Block, Document

STOP_LINE = re.compile(
    r"^\s*(-*\s*ends?\s*-*\s*$|###|media\s+(enquiries|contact)|for\s+(further|more)\s+(comment|information|details)|notes?\s+(to|for)\s+editors?|enc(losure)?s?\b|cc\b|c\.c\.|bcc\b|copy to\b|p\.?s\.?\b|attachments?\b|tel\b|t:|e:|email\b|e-mail\b|phone\b|mobile\b|www\.|https?:)",
    re.IGNORECASE,
)

SALUTATION = re.compile(
    r"^\s*(dear|to whom|hello|hi|good (morning|afternoon|evening))\b", re.IGNORECASE
)
HEAD_LINES = 8  # a letterhead sits in the first lines, before the salutation


@functools.cache
def signoffs() -> re.Pattern[str]:
    words = sorted(lexicon.word_list("words/sign-offs"), key=len, reverse=True)
    return re.compile(
        r"^\s*(" + "|".join(re.escape(w) for w in words) + r")\s*[,.!]*\s*$", re.IGNORECASE
    )


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
            if SALUTATION.match(line.text) or count >= HEAD_LINES or len(line.text) > 120:
                return out
            out.append(line)
            count += 1
    return out


def after_signoff(blocks: list[Block], follow: int) -> list[Line] | None:
    """Up to 10 lines after the last sign-off ("Yours sincerely", "Kind regards") in the
    author's own text, reading on into `follow` more blocks; None without a sign-off."""
    rx = signoffs()
    body = [b for b in blocks if b.in_body]
    for i in range(len(body) - 1, -1, -1):
        lines = _lines_of(body[i])
        for j, line in enumerate(lines):
            if rx.match(line.text):
                after = lines[j + 1 :]
                for b in body[i + 1 : i + 1 + follow]:
                    after.extend(_lines_of(b))
                return after[:10]
    return None


def closing_lines(blocks: list[Block]) -> list[Line]:
    """Without a sign-off: the short lines that end the author's own text."""
    body = [b for b in blocks if b.in_body]
    out: list[Line] = []
    for block in reversed(body[-3:]):
        lines = _lines_of(block)
        if any(len(ln.text) > 90 for ln in lines):
            break
        out = lines + out
    return out


def signature(doc: Document) -> list[Line]:
    """The signature block: the lines after the last sign-off, up to contact details or
    a cc list; without a sign-off, the short closing lines (a name, a role, a team)."""
    after = after_signoff(doc.blocks, 5)
    if after is None:
        return [ln for ln in closing_lines(doc.blocks) if not STOP_LINE.match(ln.text)][-6:]
    out = []
    for ln in after:
        if STOP_LINE.match(ln.text) or len(ln.text) > 120:
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
