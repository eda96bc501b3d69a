"""The Document model: ordered blocks with locations, the people in it, its kind.

Readers produce a `RawDocument` (blocks and metadata, no judgement); `analysis`
turns it into a `Document` (kind, sender, recipients) and `nlp` adds the
lexicon matches and sentences that checks query.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from protocheck.model.findings import Location

if TYPE_CHECKING:
    from protocheck.model.config import Config
    from protocheck.model.profiles import Profile

T = TypeVar("T")

BLOCK_SEPARATOR = "\n\n"
# the start of a list item: a bullet, "1.", "(a)", "iv)" and a space
LIST_ITEM = re.compile(
    r"\s*(?:[-\u2022\u00b7*\u2013\u25cf\u25aa]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s"
)
CLAUSE_BREAK = re.compile(
    r";|,\s+(and|but|so|while|whereas|although)\s(?!that\b)|\s-\s|\u2013|\u2014"
)

# Where a block sits. "body" scope is what the author wrote in the document itself.
BODY_KINDS = frozenset({"paragraph", "heading", "cell", "textbox", "list"})
KINDS = ("letter", "email", "press-release", "report", "agenda-pack", "other")


@dataclass
class Change:
    """A tracked change (w:ins / w:del / move) inside a block."""

    type: str  # "insertion" | "deletion" | "move"
    author: str | None
    date: str | None
    text: str
    start: int = 0  # offsets into Document.text; a deletion is empty there (start == end)
    end: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "author": self.author, "date": self.date}


def _partner(change: Change, block: Block) -> Change | None:
    """The insertion beside a deletion by the same author (or the deletion beside an
    insertion): one replacement, as language.edits pairs them."""
    other = {"deletion": "insertion", "insertion": "deletion"}.get(change.type)
    for c in block.changes:
        if (
            c.type == other
            and c.author == change.author
            and c.text.strip()
            and (abs(c.start - change.end) <= 2 or abs(change.start - c.end) <= 2)
        ):
            return c
    return None


@dataclass
class Block:
    kind: str  # paragraph, heading, cell, textbox, header, footer, footnote, comment, email-header
    text: str
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    style: str | None = None
    changes: list[Change] = field(default_factory=list)
    quoted: bool = False  # part of an earlier message quoted in a reply
    meta: dict[str, Any] = field(default_factory=dict)
    start: int = 0  # set when the Document text is assembled

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def in_body(self) -> bool:
        return self.kind in BODY_KINDS and not self.quoted


@dataclass
class Address:
    name: str
    email: str


@dataclass
class RawDocument:
    """What a reader found in a file, before any judgement."""

    path: str
    format: str  # docx | pdf | eml | txt
    blocks: list[Block]
    properties: dict[str, str] = field(default_factory=dict)  # author, created, modified, title
    headers: dict[str, list[Address]] = field(default_factory=dict)  # email From/To/Cc/Bcc
    subject: str | None = None
    date: str | None = None
    attachments: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    pages: int | None = None
    # a PDF's lines page by page (the reader's Line: text, position, size, weight) and
    # its bookmarks as (level, title, page index): what splits an agenda pack into items
    layout: list[list[Any]] = field(default_factory=list, repr=False)
    outline: list[tuple[int, str, int]] = field(default_factory=list, repr=False)


@dataclass
class Person:
    name: str
    email: str | None = None
    title: str | None = None  # the role as written: "Cabinet Member for Housing", "Head of Parking"
    is_member: bool = False
    is_officer: bool = False
    is_mayor: bool = False
    senior: bool = False  # Leader, Deputy Leader, Cabinet/Executive Member, Portfolio Holder
    delegated_authority: bool = False
    party: str | None = None
    standing: bool = False
    source: str = ""  # signature, from-header, letterhead, roster
    # an unsigned page in the first person: its writer may be a Member, and the rules on a
    # Member's own words (CON001, COR001) read it as one; the others do not
    presumed_member: bool = False

    def short(self) -> str:
        """'Cllr Priya Shah', 'the Mayor', 'Tom Reed', 'the writer (a Member)', 'the Green group'."""
        if self.is_member and self.source == "own-words" and not self.name:
            return "the writer (a Member)"
        if self.presumed_member and not self.name:
            return "the writer (if a Member)"
        if self.source == "group":  # "the Green group", "Labour councillors": Members together
            return self.name[:1].lower() + self.name[1:] if self.name[:4] == "The " else self.name
        name = self.name or (self.email or "unknown")
        if self.is_member and not name.lower().startswith(
            ("cllr", "councillor", "the mayor", "mayor")
        ):
            return f"Cllr {name}"
        return name

    def display(self) -> str:
        if self.is_member and self.source == "own-words" and not self.name:
            return "the writer (a Member, by their own words)"
        if self.presumed_member and not self.name:
            return "the writer (unsigned; read as a Member's words)"
        name = self.name or (self.email or "unknown")
        if self.is_member and not name.lower().startswith(
            ("cllr", "councillor", "the mayor", "mayor")
        ):
            name = f"Cllr {name}"
        return f"{name} ({self.title})" if self.title else name


@dataclass
class Match:
    """A lexicon pattern that fired: its label, pattern id and offsets in Document.text."""

    label: str
    id: str
    start: int
    end: int


@dataclass
class Hit:
    """What a check yields; the engine turns it into a Finding with code, clause and location."""

    start: int
    end: int
    message: str
    pattern: str | None = None
    change: Change | None = None
    text: str | None = None  # override the flagged text (a deleted span is not in Document.text)
    judge: dict[str, Any] | None = None  # the trained judge's score and cues, where it decided


@dataclass
class Document:
    raw: RawDocument
    text: str
    blocks: list[Block]
    kind: str = "other"
    sender: Person | None = None
    signatories: list[Person] = field(default_factory=list)
    recipients: list[Person] = field(default_factory=list)
    copies: list[Person] = field(default_factory=list)  # visible cc
    blind_copies: list[Person] = field(default_factory=list)
    config: Config | None = None
    profile: Profile | None = None
    issue_date: str | None = None  # --date, for the pre-election check
    kind_forced: bool = False  # --kind or config `kind`, not detected
    notices: list[str] = field(default_factory=list)  # said once per file, not per finding
    # label -> matches, for every label a rule asked for (nlp.annotate, people, politics)
    matches: dict[str, list[Match]] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _block_starts: list[int] = field(default_factory=list, repr=False)
    _analyses: dict[Callable[[Document], Any], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def assemble(cls, raw: RawDocument) -> Document:
        parts: list[str] = []
        pos = 0
        for block in raw.blocks:
            block.start = pos
            for change in block.changes:
                change.start += pos
                change.end += pos
            parts.append(block.text)
            pos += len(block.text) + len(BLOCK_SEPARATOR)
        doc = cls(raw=raw, text=BLOCK_SEPARATOR.join(parts), blocks=raw.blocks)
        doc._block_starts = [b.start for b in raw.blocks]
        return doc

    # -- analyses shared by several rules --------------------------------

    def analysis(self, compute: Callable[[Document], T]) -> T:
        """`compute(self)`, worked out the first time anything asks and kept.

        Analyses several rules share (the quotations and who speaks them, whether the
        document is a rulebook, the Member's edits, the sections, the parties named)
        are plain functions of the document; this is the one place their results are
        kept, typed by the function that computes them.
        """
        if compute not in self._analyses:
            self._analyses[compute] = compute(self)
        return cast(T, self._analyses[compute])

    def matches_of(self, label: str) -> list[Match]:
        """The matches of one label, in document order.

        A label no rule asked for (its pattern file in no rule's `uses`, its analysis
        in no rule's `needs`) is an error, not an empty list: a rule that forgot to
        ask would otherwise find nothing, silently.
        """
        try:
            return self.matches[label]
        except KeyError:
            raise LookupError(
                f"label {label} was not computed for this document: "
                "add its pattern file to the rule's uses, or its analysis to its needs"
            ) from None

    # -- where things are -------------------------------------------------

    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        block = self.blocks[i]
        return block if offset <= block.end else None

    def location(self, start: int, end: int, change: Change | None = None) -> Location:
        block = self.block_at(start)
        loc = Location(start=start, end=end, change=change.as_json() if change else None)
        if change is not None and loc.change is not None and block is not None:
            partner = _partner(change, block)
            if partner is not None:  # a replacement: what took the deleted words' place
                key = "replaced_by" if change.type == "deletion" else "replaces"
                loc.change[key] = partner.text
        if block is not None:
            loc.page = block.page
            loc.paragraph = block.paragraph
            # the file's own line: a paragraph's lines are joined with "\n" as in the file
            at = max(0, start - block.start)
            nth = block.text.count("\n", 0, at)  # the paragraph's nth line
            mapped = block.meta.get("file_lines")  # a quoted-printable body's lines in the file
            if mapped:  # the piece of the sent line the offset falls in
                column = at - (block.text.rfind("\n", 0, at) + 1)
                pieces = mapped[min(nth, len(mapped) - 1)]
                loc.line = next(ln for first, ln in reversed(pieces) if first <= column)
            else:
                loc.line = block.line + nth if block.line is not None else None
            loc.where = (
                f"{block.meta['header']} header" if block.kind == "email-header" else block.kind
            )
            if "item" in block.meta:
                loc.item = block.meta["item"]
        return loc

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentences, (offset, 1 << 62)) - 1
        if 0 <= i < len(self.sentences):
            s, e = self.sentences[i]
            if s <= offset < max(e, s + 1):
                return s, e
        block = self.block_at(offset)
        return (block.start, block.end) if block else (offset, offset)

    # -- what checks ask --------------------------------------------------

    def body_blocks(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.in_body)

    def find(self, label: str, scope: str = "body") -> list[Match]:
        """Matches of a lexicon label, in document order, limited to a scope.

        scope: "body" (what the author wrote: paragraphs, headings, cells, text boxes;
        not quoted replies, headers, footers or comments), "all", or a block kind.
        """
        out = []
        for m in self.matches_of(label):
            block = self.block_at(m.start)
            if block is None:
                continue
            if scope == "all" or (scope == "body" and block.in_body) or block.kind == scope:
                out.append(m)
        return out

    def in_same_sentence(
        self, match: Match, labels: Iterable[str], before: bool = True
    ) -> Match | None:
        """The first match of any of `labels` in the sentence of `match`.

        With before=True, only one that comes before `match` in the same clause: a
        new clause (";", ", and", ", but", ", so") in between ends its reach.
        """
        s, e = self.sentence_at(match.start)
        for label in labels:
            for other in self.matches_of(label):
                if other is match or not (s <= other.start < e):
                    continue
                if before:
                    if other.start >= match.start:
                        continue
                    if CLAUSE_BREAK.search(self.text, other.end, match.start):
                        continue
                return other
        return None

    def clause_end(self, start: int, end: int, max_words: int = 10) -> int:
        """Extend a match to the end of its clause: the next , ; : . ! ? or max_words more words."""
        _, s_end = self.sentence_at(start)
        limit = max(s_end, end)
        pos, words = end, 0
        while pos < limit:
            ch = self.text[pos]
            if ch in ",;:.!?()\n" and not (
                ch in ".," and pos + 1 < limit and self.text[pos + 1].isdigit()
            ):
                break
            if ch == " ":
                words += 1
                if words > max_words:
                    break
            pos += 1
        return pos if pos > end else end

    def in_quotation(self, offset: int, min_words: int = 5) -> bool:
        """Is `offset` inside a quoted passage (someone else's words), of at least `min_words`?

        Short quoted terms ("blind" copies) are not passages.
        """
        block = self.block_at(offset)
        if block is None:
            return False
        rel = offset - block.start
        for start, end in quoted_passages(block.text):
            if start <= rel < end and len(block.text[start:end].split()) >= min_words:
                return True
        return False

    def quotation_end(self, offset: int) -> int | None:
        """Where the quoted passage holding `offset` closes, if it does."""
        block = self.block_at(offset)
        if block is None:
            return None
        rel = offset - block.start
        for start, end in quoted_passages(block.text):
            if start <= rel < end:
                return block.start + end if end < len(block.text) else None
        return None

    def matches_in(self, span: tuple[int, int], *labels: str) -> list[Match]:
        """The matches of `labels` that start inside `span` (a sentence, say), in order."""
        found = [
            m for label in labels for m in self.matches_of(label) if span[0] <= m.start < span[1]
        ]
        return sorted(found, key=lambda m: m.start) if len(labels) > 1 else found

    def previous_sentence(
        self, sentence: tuple[int, int], same_paragraph: bool = False
    ) -> tuple[int, int] | None:
        """The sentence before `sentence` in the body (the last of the paragraph above when
        `sentence` opens a paragraph, unless `same_paragraph`), or None."""
        i = bisect.bisect_left(self.sentences, (sentence[0], -1)) - 1
        block = self.block_at(sentence[0])
        while i >= 0:
            prev = self.sentences[i]
            at = self.block_at(prev[0])
            if same_paragraph and at is not block:
                return None
            if at is not None and at.in_body:
                return prev
            i -= 1
        return None

    def sentences_near(self, offset: int, paragraphs: int = 1) -> list[tuple[int, int]]:
        """The sentences of the body paragraph at `offset` and of up to `paragraphs`
        body paragraphs either side of it, in order."""
        block = self.block_at(offset)
        if block is None:
            return []
        body = [b for b in self.blocks if b.in_body and b.text.strip()]
        k = next((i for i, b in enumerate(body) if b is block), None)
        if k is None:
            return []
        lo, hi = body[max(0, k - paragraphs)].start, body[min(len(body) - 1, k + paragraphs)].end
        i = bisect.bisect_left(self.sentences, (lo, -1))
        inside = {id(b) for b in body}
        out = []
        while i < len(self.sentences) and self.sentences[i][0] < hi:
            if id(self.block_at(self.sentences[i][0])) in inside:
                out.append(self.sentences[i])
            i += 1
        return out

    def sentence_text(self, offset: int) -> str:
        s, e = self.sentence_at(offset)
        return self.text[s:e]


OPENING_MARKS = frozenset('"\u201c\u2018')  # marks that open a quotation
_QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019", "\u201d": "\u201d"}


# an opening mark; or a closing double mark typed after a colon, where it can only open
# ('Cllr Hart said:\u201d The report ...')
_QUOTE_OPEN = re.compile('[\u201c"\u2018]|(?<=:)[ \t]?\u201d')
# a single mark closing a double quotation by mistake: after the quotation's last
# punctuation, before a space and more words; unless a single quotation opened inside
_STRAY_SINGLE_CLOSE = re.compile("(?<=[,.!?])['\u2019](?=\\s+[a-z])")
_SINGLE_OPEN = re.compile("(?:^|(?<=[\\s(]))['\u2018]")


def quoted_passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of text between paired quotation marks; an unclosed quote runs to the end.

    A closing single quote must not be followed by a letter: in "the Council’s" it is
    an apostrophe. Rules ask again and again about one block: the answer is kept.
    """
    return list(_quoted_passages(text))


@functools.lru_cache(maxsize=64)
def _quoted_passages(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    i = 0
    while (m := _QUOTE_OPEN.search(text, i)) is not None:
        i = m.end() - 1  # the mark
        close = _QUOTE_PAIRS[text[i]]
        j = text.find(close, i + 1)
        while close == "\u2019" and j != -1 and j + 1 < len(text) and text[j + 1].isalpha():
            j = text.find(close, j + 1)
        if close == '"':  # "... kept us waiting,' and went on to say "...": closed by a '
            stray = _STRAY_SINGLE_CLOSE.search(text, i + 1, len(text) if j == -1 else j)
            if stray is not None and not _SINGLE_OPEN.search(text, i + 1, stray.start()):
                j = stray.start()
        end = len(text) if j == -1 else j
        out.append((i + 1, end))
        i = end + 1
    return tuple(out)
