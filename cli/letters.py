"""Where a letter or email keeps its letterhead and its signature block.

Checks about how correspondence presents itself (in what capacity a Member
writes, whether it looks like an official Council letter) look at these lines
rather than at sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from protocheck.analysis import STOP_LINE, signoffs
from protocheck.document import Block, Document

SALUTATION = re.compile(r"^\s*(dear|to whom|hello|hi|good (morning|afternoon|evening))\b", re.IGNORECASE)
HEAD_LINES = 8  # a letterhead sits in the first lines, before the salutation


@dataclass
class Line:
    start: int  # offsets in Document.text
    end: int
    text: str


def _lines_of(block: Block) -> list[Line]:
    return list(_split(block.text, block.start))


def _lines(doc: Document, start: int, end: int) -> Iterator[Line]:
    return _split(doc.text[start:end], start)


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
            out.extend(_lines(doc, block.start, block.end))
    count = 0
    for block in doc.body_blocks():
        for line in _lines(doc, block.start, block.end):
            if SALUTATION.match(line.text) or count >= HEAD_LINES or len(line.text) > 120:
                return out
            out.append(line)
            count += 1
    return out


def signature(doc: Document) -> list[Line]:
    """The lines after the last sign-off ("Yours sincerely", "Kind regards") in the
    author's own text, up to contact details or a cc list. Without a sign-off: the
    short lines that end the text (a name, a role, a team)."""
    rx = signoffs()
    body = list(doc.body_blocks())
    for i in range(len(body) - 1, -1, -1):
        lines = list(_lines(doc, body[i].start, body[i].end))
        for j, line in enumerate(lines):
            if rx.match(line.text):
                after = lines[j + 1 :]
                for b in body[i + 1 : i + 6]:
                    after.extend(_lines(doc, b.start, b.end))
                out = []
                for ln in after[:10]:
                    if STOP_LINE.match(ln.text) or len(ln.text) > 120:
                        break
                    out.append(ln)
                return out
    return _closing_lines(body)


def _closing_lines(body: list[Block]) -> list[Line]:
    out: list[Line] = []
    for block in reversed(body[-3:]):
        lines = _lines_of(block)
        if any(len(ln.text) > 90 for ln in lines):
            break
        out = lines + out
    return [ln for ln in out if not STOP_LINE.match(ln.text)][-6:]


def name_line(doc: Document, lines: list[Line], name: str) -> Line | None:
    """The line of `lines` carrying the person's surname (a signature's name line)."""
    parts = name.split()
    if not parts:
        return None
    surname = re.compile(rf"\b{re.escape(parts[-1])}\b", re.IGNORECASE)
    return next((ln for ln in lines if surname.search(ln.text)), None)
