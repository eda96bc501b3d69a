"""An agenda pack as what it is: a run of documents, each its own item.

`split` reads the pages a PDF reader kept (each page's lines with position, font
size and weight, and the PDF's bookmarks) and finds where each item starts, from,
strongest first:

1. the PDF's outline (bookmarks), where it has one;
2. the front sheet's list of items, with the pages it gives ("(Pages 12 - 19)"),
   or else each listed title found at the head of a page;
3. a title block at the head of a page: an item stamp ("Agenda Item 7", "Cabinet
   8 June - Agenda item 6"), "Report to ..." / "Report of ...", "Minutes of the
   meeting ...", "Appendix B";
4. page numbering that starts again at 1;
5. in a pack with none of the above (documents joined one after another), a page
   whose running header and footer share nothing with the page before it, unless
   the page opens in mid-sentence.

A line that also stands at the edge of the page before is a running header, not a
new item's title. Each item then becomes a RawDocument of its own, assembled from
its pages exactly as the PDF reader assembles a whole file (its own running headers,
paragraphs), keeping the pack's page numbers. The front sheet gives the pack's own
facts: the body that meets, the meeting's date, and which items are taken in
private; a page saying "not for publication" or "Schedule 12A" marks its item exempt.

The cue words are data: lexicons/pack.yml.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from protocheck.language import lexicon
from protocheck.model.document import Block, RawDocument

HEAD_LINES = 8  # lines at the top of a page where an item's title block may stand
EDGE_LINES = 2  # lines at the top and at the foot of a page that may be running headers
EDGE_WORDS = 14  # a running header or footer is short
FRONT_SHEET_PAGES = 4  # pages an agenda's front sheet may run to
STAMP_SHARE = 0.5  # page numbers p + c on this share of pages are the pack's own numbering
TITLE_MATCH_CHARS = 12  # a front-sheet title and a page's heading agree on at least this much
TITLE_SIZE = 1.15  # a title line is set this much larger than the page's body text
TITLE_CHARS = 120  # an item title is shortened to this
EXEMPT_WORDS = 20  # an exempt marker is a line of its own; a sentence naming one is not
OPENING_CHARS = 75  # a document's first line (masthead, letterhead, title) is short
HEADER_SHARED = 0.2  # pages of one document share more of their top and bottom lines than this
TITLE_WORDS = 14  # a title block's line is short; a longer one is a sentence
_SPACES = re.compile(r"\s+")
_NUMBERED = re.compile(r"^\(?\d{1,3}(\.\d{1,3})*[.)]\s|^\d{1,3}(\.\d{1,3})+\s")
_NUMBER_LINE = re.compile(
    r"^\s*(page\s*)?[-–]?\s*(?P<n>\d{1,4})\s*[-–]?(\s*(of|/)\s*(?P<of>\d{1,4}))?\s*$", re.IGNORECASE
)


class Cue:
    """The patterns of one entry of lexicons/pack.yml; the first that matches answers
    (each may name the same groups)."""

    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = patterns

    def search(self, text: str) -> re.Match[str] | None:
        return next((m for rx in self.patterns if (m := rx.search(text))), None)

    def match(self, text: str) -> re.Match[str] | None:
        return next((m for rx in self.patterns if (m := rx.match(text))), None)


@functools.cache
def _cues() -> dict[str, Cue]:
    data: dict[str, Any] = lexicon.yaml_data("pack.yml")
    out = {}
    for name, entry in data.items():
        try:
            out[name] = Cue([re.compile(p, re.IGNORECASE) for p in entry["patterns"]])
        except (re.error, KeyError, TypeError) as exc:
            raise lexicon.LexiconError("lexicons/pack.yml", name, str(exc)) from exc
    return out


def cue(name: str) -> Cue:
    """One named cue of lexicons/pack.yml."""
    return _cues()[name]


def entries() -> dict[str, Any]:
    data: dict[str, Any] = lexicon.yaml_data("pack.yml")
    return data


@dataclass
class Item:
    """One document of a pack: where it is, what it is called, what kind."""

    number: str | None
    title: str
    first_page: int
    last_page: int
    kind: str | None = (
        None  # front-sheet, minutes, appendix, report from the title block; else detected
    )
    exempt: str | None = None  # the words that mark it exempt ("NOT FOR PUBLICATION")
    private: bool = False  # listed after the front sheet's exclusion of the press and public
    # what found its start: outline, front-sheet, item-stamp, title-block, section-break,
    # page-restart, header-change, start
    found_by: str = ""
    blocks: list[Block] = field(default_factory=list, repr=False)  # a Word pack's item: its blocks

    def label(self) -> str:
        """How a finding names the item: its number ("5", "5 Appendix B"), or its title
        where it has none."""
        if self.number and self.kind == "appendix":
            m = cue("appendix").search(self.title)
            return f"{self.number} {m.group(0).strip()}" if m else self.number
        return self.number or self.title

    def heading(self) -> str:
        """'Item 5 - Library opening hours' or 'Library opening hours'."""
        return f"Item {self.number} - {self.title}" if self.number else self.title

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "first_page": self.first_page,
            "last_page": self.last_page,
        }


@dataclass
class Pack:
    items: list[Item] = field(default_factory=list)
    committee: str | None = None
    meeting_date: str | None = None  # ISO
    structured: bool = False  # found by outline, front sheet or title blocks (not headers alone)

    def marked(self) -> int:
        """How many items the pack itself marks as such: listed on a front sheet, stamped
        or titled as an item, report, minutes or appendix (not bookmarks, page numbers
        or running headers alone)."""
        return sum(i.found_by in ("front-sheet", "item-stamp", "title-block") for i in self.items)

    def exempt_items(self) -> list[Item]:
        return [i for i in self.items if i.exempt or i.private]


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


@dataclass
class _Page:
    number: int
    head: list[Any]  # the opening lines (reader Lines), page numbers left out
    edges: set[str]  # normalised top and bottom lines
    numbers: list[int]  # page numbers printed on it
    first_text: str
    body_size: float


def _page(number: int, lines: list[Any], chrome: set[str]) -> _Page:
    numbers = []
    content = []
    for k, ln in enumerate(lines):
        at_edge = k < 3 or k >= len(lines) - 3
        m = _NUMBER_LINE.match(ln.text)
        if at_edge and m:
            numbers.append(int(m.group("n")))
            continue
        if at_edge and _norm(ln.text) in chrome:
            continue
        content.append(ln)
    edges = {
        _norm(ln.text)
        for ln in content[:EDGE_LINES] + content[-EDGE_LINES:]
        if len(ln.text.split()) <= EDGE_WORDS
    }
    sizes = sorted(ln.size for ln in content if ln.size > 0)
    return _Page(
        number,
        content[:HEAD_LINES],
        edges,
        numbers,
        content[0].text if content else "",
        sizes[len(sizes) // 2] if sizes else 0.0,
    )


def _pack_chrome(pages: list[list[Any]]) -> set[str]:
    """Lines at the edge of most of the pack's pages (the council's name, "Page N" stamps
    aside): the pack's own furniture, not any one item's."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_norm(ln.text) for ln in lines[:3] + lines[-3:]})
    with_text = sum(1 for p in pages if p)
    need = max(3, int(0.6 * with_text + 0.5))
    return {k for k, n in counts.items() if n >= need}


def _stamp_offset(pages: list[_Page]) -> int | None:
    """c where most pages print the number p + c: the pack's own running page numbers."""
    offsets = Counter(n - p.number for p in pages for n in set(p.numbers))
    if not offsets:
        return None
    c, count = offsets.most_common(1)[0]
    return c if count >= STAMP_SHARE * len(pages) and count >= 3 else None


@dataclass
class _Listed:
    number: str
    title: str
    first: int | None = None
    last: int | None = None
    private: bool = False


def _front_sheet(
    pages: list[_Page], layout: list[list[Any]]
) -> tuple[list[_Listed], int, str | None, str | None]:
    """The front sheet's items, the number of pages it runs to, the committee and the
    meeting date; no items where page 1 is no front sheet."""
    from protocheck.language import dates

    if not layout or not any(cue("front-sheet").search(ln.text) for ln in layout[0][:20]):
        return [], 0, None, None
    listed: list[_Listed] = []
    private = False
    sheet_pages = 1
    for index in range(min(FRONT_SHEET_PAGES, len(layout))):
        if index > 0 and _opens_item(pages[index], pages[index - 1]):
            break
        sheet_pages = index + 1
        for ln in layout[index]:
            text = ln.text.strip()
            if cue("exclusion").search(text):
                private = True
            m = cue("item-line").match(text)
            pages_only = cue("item-pages").match(text)
            if pages_only and listed and listed[-1].first is None:
                listed[-1].first = int(pages_only.group("first"))
                listed[-1].last = int(pages_only.group("last"))
                continue
            if not m:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            title = groups.get("title", "").strip().rstrip(".").strip()
            first = groups.get("first") or groups.get("only") or groups.get("dots")
            last = groups.get("last") or first
            listed.append(
                _Listed(
                    groups["number"],
                    title,
                    int(first) if first else None,
                    int(last) if last else None,
                    private,
                )
            )
    opening = [ln.text.strip() for ln in layout[0][:15]]
    committee = next(
        (
            t
            for t in opening
            if cue("committee").match(t)
            and not cue("council-name").search(t)
            and not cue("front-sheet").search(t)
        ),
        None,
    )
    when = None
    for t in opening + [ln.text for ln in layout[0][15:40]]:
        found = dates.parse_dates(t)
        if found:
            when = found[0][1].isoformat()
            break
    return listed, sheet_pages, committee, when


def _opens_item(page: _Page, before: _Page | None) -> bool:
    for ln in page.head:
        text = ln.text.strip()
        if before is not None and _norm(text) in before.edges:
            continue
        for name in ("item-stamp", "minutes", "appendix", "report"):
            if cue(name).search(text):
                return True
    return False


@dataclass
class _Start:
    page: int
    found_by: str
    number: str | None = None
    title: str | None = None
    kind: str | None = None


def _title_block(page: _Page, before: _Page | None) -> _Start | None:
    """What the head of a page says about an item starting there: its number, kind, title."""
    found: _Start | None = None
    for ln in page.head:
        text = ln.text.strip()
        if before is not None and _norm(text) in before.edges:
            continue  # the running header of the item before
        m = cue("item-stamp").search(text)
        if m:
            number = m.groupdict().get("number")
            before_stamp = _stamp_number(before) if before else None
            if before_stamp is not None and before_stamp == number:
                continue
            found = found or _Start(page.number, "item-stamp")
            found.number = found.number or number
            continue
        if len(text.split()) > TITLE_WORDS or text.endswith((".", ",", ";")):
            continue  # a sentence of the body, not a title block
        for kind in ("minutes", "appendix", "report"):
            if cue(kind).search(text):
                found = found or _Start(page.number, "title-block")
                if found.kind is None or kind == "appendix":
                    found.kind = kind
                if kind == "appendix":
                    found.title = found.title or text
                break
    return found


def _stamp_number(page: _Page) -> str | None:
    for ln in page.head:
        m = cue("item-stamp").search(ln.text)
        if m:
            return m.groupdict().get("number")
    return None


def _title(page: _Page, start: _Start) -> str:
    """The item's title: the largest line at the head of its first page (set larger than
    the body), else its first line that is no stamp or 'Report to' line."""
    candidates = [
        ln
        for ln in page.head
        if not cue("item-stamp").search(ln.text)
        and not cue("exempt").search(ln.text)
        and len(ln.text.split()) >= 2
    ]
    if not candidates:
        return page.first_text[:TITLE_CHARS] or f"page {page.number}"
    big = max(candidates, key=lambda ln: (ln.size, ln.weight))
    if page.body_size and big.size >= TITLE_SIZE * page.body_size:
        return _short(big.text)
    bold = [ln for ln in candidates if ln.weight >= 600]
    if bold and not cue("report").search(bold[0].text):
        return _short(bold[0].text)
    plain = [ln for ln in candidates if not cue("report").search(ln.text)]
    return _short((plain or candidates)[0].text)


def _short(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 3].rsplit(" ", 1)[0] + "..."


def _opens_document(page: _Page) -> bool:
    """The page opens as a document's first page does: a short line (a masthead, a
    letterhead, a date, a title), not a sentence running on from the page before, a
    numbered section or paragraph ("3.2 ...", "4. Options") or a paragraph of text."""
    first = page.first_text.lstrip("\"'“‘(")
    return (
        bool(first)
        and not first[0].islower()
        and len(first) <= OPENING_CHARS
        and not _NUMBERED.match(first)
    )


def split(raw: RawDocument) -> Pack:
    """Where each item of a pack starts and ends, with its number, title and kind: a
    PDF's pages, or a Word document's (split_docx)."""
    if raw.format == "docx":
        return split_docx(raw)
    return _split(raw)


def _split(raw: RawDocument, breaks: tuple[int, ...] = (), joined: bool = True) -> Pack:
    """The items of `raw.layout`'s pages; `breaks` are the pages a section starts on (a
    Word pack's section breaks); `joined` lets a change of running header start an item."""
    layout = raw.layout
    n = len(layout)
    chrome = _pack_chrome(layout) if n >= 3 else set()
    pages = [_page(i + 1, lines, chrome) for i, lines in enumerate(layout)]
    offset = _stamp_offset(pages)
    if offset is not None:
        for p in pages:
            p.numbers = [k for k in p.numbers if k - p.number != offset]
    listed, sheet_pages, committee, meeting = _front_sheet(pages, layout)
    pack = Pack(committee=committee, meeting_date=meeting)
    starts: dict[int, _Start] = {}
    if listed:
        starts[1] = _Start(1, "front-sheet", None, "Agenda front sheet", "front-sheet")
    # 1. the outline (a report's own section headings, bookmarked, are no items)
    from protocheck.language import sections

    for level, title, index in raw.outline:
        if sections.classify(title) is not None:
            continue
        if level == 0 and 0 <= index < n and index + 1 not in starts:
            m = re.match(r"^\s*(item\s+)?(\d{1,3}[a-z]?)[.)]?\s+(.+)$", title, re.IGNORECASE)
            starts[index + 1] = _Start(
                index + 1,
                "outline",
                m.group(2) if m else None,
                _short(m.group(3) if m else title),
            )
    for page_no in breaks:
        if page_no not in starts:
            starts[page_no] = _Start(page_no, "section-break")
    # 2. the front sheet's pages
    by_number = {x.number: x for x in listed}
    for x in listed:
        if x.first is None:
            continue
        at = x.first - (offset or 0)
        if sheet_pages < at <= n and at not in starts:
            starts[at] = _Start(at, "front-sheet", x.number, x.title)
    # 3.-4. title blocks, listed titles at the head of a page, numbering from 1
    titles = {_norm(x.title): x for x in listed if len(x.title) >= TITLE_MATCH_CHARS}
    for i in range(n):
        page, before = pages[i], pages[i - 1] if i else None
        if page.number <= sheet_pages:
            continue
        found = _title_block(page, before)
        if before is None:  # the pack's first page: only its own title block
            if found is not None:
                starts[1] = found
            continue
        if found is None:
            for ln in page.head:
                key = _norm(ln.text)
                hit = next(
                    (
                        x
                        for t, x in titles.items()
                        if key.startswith(t[:40])
                        or (len(key) >= TITLE_MATCH_CHARS and t.startswith(key))
                    ),
                    None,
                )
                if hit is not None and key not in before.edges:
                    found = _Start(page.number, "front-sheet", hit.number, hit.title)
                    break
        if (
            found is None
            and 1 in page.numbers
            and before.numbers
            and page.numbers != before.numbers
        ):
            found = _Start(page.number, "page-restart")
        if found is not None:
            known = starts.get(page.number)
            if known is None:
                starts[page.number] = found
            else:
                known.kind = known.kind or found.kind
                known.number = known.number or found.number
    pack.structured = bool(listed or raw.outline or breaks)
    # 5. documents joined one after another: a change of running header and footer
    if joined and not pack.structured:
        for i in range(1, n):
            page, before = pages[i], pages[i - 1]
            if page.number in starts or not page.edges or not before.edges:
                continue
            shared = len(page.edges & before.edges) / len(page.edges | before.edges)
            if shared < HEADER_SHARED and _opens_document(page):
                starts[page.number] = _Start(page.number, "header-change")
    if 1 not in starts:
        starts[1] = _Start(1, "start")
    order = sorted(starts)
    current_number: str | None = None
    for k, first in enumerate(order):
        last = order[k + 1] - 1 if k + 1 < len(order) else n
        start = starts[first]
        page = pages[first - 1]
        number = start.number
        if start.kind == "appendix" and number is None:
            number = current_number  # an appendix belongs to the item before it
        elif start.kind != "front-sheet":
            current_number = number
        listed_item = by_number.get(number) if number and start.kind != "appendix" else None
        title = start.title or (listed_item.title if listed_item else None) or _title(page, start)
        exempt = next(
            (
                ln.text.strip()
                for p in pages[first - 1 : min(last, first + 1)]
                for ln in p.head
                if cue("exempt").search(ln.text)
                and len(ln.text.split()) <= EXEMPT_WORDS
                and not ln.text.rstrip().endswith(".")
            ),
            None,
        )
        pack.items.append(
            Item(
                number=number,
                title=_short(title),
                first_page=first,
                last_page=last,
                kind=start.kind,
                exempt=exempt,
                private=bool(listed_item and listed_item.private),
                found_by=start.found_by,
            )
        )
    return pack


def item_document(raw: RawDocument, pack: Pack, item: Item) -> RawDocument:
    """The item as a document of its own: its pages assembled as the PDF reader assembles
    a file, numbered as in the pack, each block naming its item; the pack's meeting date
    stands in for a date the item does not give."""
    from protocheck.read import pdf

    if raw.format == "docx":
        blocks = item.blocks
        count = item.last_page - item.first_page + 1
    else:
        pages = raw.layout[item.first_page - 1 : item.last_page]
        blocks = pdf.assemble(pages, item.first_page)
        count = len(pages)
    for b in blocks:
        b.meta["item"] = item.label()
    properties = {"title": item.title}
    if pack.meeting_date:
        properties["moddate"] = pack.meeting_date
    elif "moddate" in raw.properties:
        properties["moddate"] = raw.properties["moddate"]
    if pack.committee:
        properties["committee"] = pack.committee
    if item.exempt and not item.private:
        properties["exempt-in-public"] = item.exempt
    return RawDocument(
        raw.path,
        raw.format,
        blocks,
        properties=properties,
        pages=count,
        date=properties.get("moddate"),
    )


@dataclass
class _WordLine:
    """A Word paragraph's line as the splitter reads a PDF's: text, and a size and weight
    from its style."""

    text: str
    size: float
    weight: int


STYLE_SIZES = {"title": 20.0, "heading 1": 16.0}  # Word's built-in styles, roughly
HEADING_SIZE, BODY_SIZE = 13.0, 11.0


def split_docx(raw: RawDocument) -> Pack:
    """A pack built in Word: its body cut into runs at each page and section break, read
    as pages (a heading's style gives its size and weight) and split as a PDF's pages are,
    each section break starting an item; each item then takes its runs' blocks, the
    comments anchored in them, and the pages they are on."""
    runs: list[list[Block]] = []
    for b in (b for b in raw.blocks if b.in_body):
        if not runs or b.page != runs[-1][-1].page or b.meta.get("section_start"):
            runs.append([])
        runs[-1].append(b)
    layout: list[list[Any]] = [
        [
            _WordLine(
                line,
                STYLE_SIZES.get(
                    (b.style or "").lower(), HEADING_SIZE if b.kind == "heading" else BODY_SIZE
                ),
                700 if b.kind == "heading" else 400,
            )
            for b in run
            for line in b.text.splitlines()
            if line.strip()
        ]
        for run in runs
    ]
    breaks = tuple(i + 1 for i, run in enumerate(runs) if i and run[0].meta.get("section_start"))
    pack = _split(RawDocument(raw.path, "docx", [], layout=layout), breaks, joined=False)
    comments = [b for b in raw.blocks if b.kind == "comment"]
    for item in pack.items:
        item.blocks = [b for run in runs[item.first_page - 1 : item.last_page] for b in run]
        item.first_page = item.blocks[0].page or 1
        item.last_page = item.blocks[-1].page or item.first_page
        text = " ".join(b.text for b in item.blocks)
        item.blocks += [c for c in comments if c.meta.get("anchor") and c.meta["anchor"] in text]
    return pack
