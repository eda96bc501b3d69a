"""Build an agenda pack PDF as a council's democratic services team would publish it:
a front sheet listing the items with their pages, then the minutes, officer reports
with numbered sections, appendices and an exempt (Part II) item, each item opening
on a new page with "Agenda Item N" stamped at its head and the pack's page number
at the foot of every page. reportlab draws it; the text is invented.

    python tests/tools/build_pack.py OUT.pdf [--reports N] [--outline]

`build(path, ...)` returns what the pack holds, item by item (number, title, kind,
first and last page): what a test expects the splitter to find.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COUNCIL = "Kestrel Vale Borough Council"
COMMITTEE = "Cabinet"
MEETING = "Thursday 12 March 2027 at 7.00 pm"
TOP, BOTTOM, LEFT = 790, 70, 72
BODY, HEADING, TITLE = (
    ("Helvetica", 10.5, 14),
    ("Helvetica-Bold", 11.5, 18),
    ("Helvetica-Bold", 15, 24),
)


@dataclass
class Item:
    number: str | None
    title: str
    kind: str  # front-sheet, minutes, report, appendix, letter
    lines: list[tuple[str, str]] = field(default_factory=list)  # (style, text)
    exempt: bool = False
    pages: list[list[tuple[tuple[str, float, float], str]]] = field(default_factory=list)


SECTIONS = [
    (
        "Purpose of report",
        "This report asks {committee} to decide how the {topic} should be run from April 2027, and sets out the options officers have considered and what each would cost.",
    ),
    (
        "Recommendations",
        "That {committee} approves option {option} for the {topic}, and delegates the detailed arrangements to the {director} in consultation with the Portfolio Holder.",
    ),
    (
        "Background",
        "The {topic} has been reviewed twice since 2022. Demand has grown by about {growth} per cent a year, while the budget has stayed the same, and the service now has a waiting list in three wards.",
    ),
    (
        "Options considered",
        "Option 1 is to make no change, which would leave the waiting list growing. Option 2 is to extend the current contract for two years. Option 3 is to bring the service in house from April 2027 at a one-off cost of £{cost},000.",
    ),
    (
        "Consultation",
        "Officers consulted residents, the ward Members for the wards most affected and the voluntary groups that use the {topic}. In all {responses} responses were received and are summarised in Appendix A.",
    ),
    (
        "Financial implications",
        "The recommended option costs £{cost},000 in 2027/28, which can be met from the earmarked reserve. The Section 151 Officer has been consulted and agrees the figures.",
    ),
    (
        "Legal implications",
        "The Council has the power to run the {topic} under the Local Government Act 1972. The Monitoring Officer has been consulted and raises no concerns about the recommended option.",
    ),
    (
        "Equality implications",
        "An equality impact assessment has been carried out and finds that the recommended option will improve access for older and disabled residents.",
    ),
]

TOPICS = [
    ("Library opening hours", "library service", "Director of Communities"),
    ("Garden waste collection charges", "garden waste service", "Director of Place"),
    (
        "Community centre lettings policy",
        "community centres lettings scheme",
        "Director of Communities",
    ),
    ("Parking permits in the town centre", "town centre permit scheme", "Director of Place"),
    ("Play area renewal programme", "play area programme", "Director of Place"),
    ("Home adaptations grants", "home adaptations grants scheme", "Director of Adult Services"),
    ("Riverside footbridge repairs", "footbridge repair scheme", "Director of Place"),
    ("Leisure centre opening hours", "leisure centre timetable", "Director of Communities"),
]


def _report(
    number: int, k: int, paragraphs: int = 3, drop: str | None = None, extra: str | None = None
) -> Item:
    title, topic, director = TOPICS[k % len(TOPICS)]
    words = {
        "committee": COMMITTEE,
        "topic": topic,
        "director": director,
        "option": 2 + k % 2,
        "growth": 3 + k % 5,
        "cost": 40 + 15 * k,
        "responses": 120 + 31 * k,
    }
    lines: list[tuple[str, str]] = [
        ("title", title),
        ("body", f"Report to {COMMITTEE}"),
        ("body", f"Report of the {director}"),
        ("body", "Date of meeting: 12 March 2027"),
        ("body", "Key decision: Yes"),
    ]
    section = 0
    for head, text in SECTIONS:
        if head == drop:
            continue
        section += 1
        lines.append(("heading", f"{section}. {head}"))
        for p in range(1, paragraphs + 1):
            sentence = text.format(**words)
            if p > 1:
                sentence = (
                    f"Officers have looked again at the {topic} figures for year {p} of the scheme, "
                    f"and the position set out above still holds: {sentence[0].lower()}{sentence[1:]}"
                )
            lines.append(("body", f"{section}.{p} {sentence}"))
        if extra and head == "Background":
            lines.append(("body", f"{section}.{paragraphs + 1} {extra}"))
    lines.append(("heading", "Background papers"))
    lines.append(("body", "There are no background papers to this report."))
    lines.append(
        ("body", f"Report author: Sam Price, {director.replace('Director of', 'Head of')}")
    )
    return Item(str(number), title, "report", lines)


def _minutes(number: int) -> Item:
    lines: list[tuple[str, str]] = [
        ("title", "Minutes of the meeting of the Cabinet held on 12 February 2027"),
        (
            "body",
            "Present: Councillors Amy Chen (Chair), Ben Jones, Dev Patel, Farid Khan and Grace Wilson.",
        ),
        (
            "body",
            "Officers: Chief Executive, Director of Place, Monitoring Officer, Democratic Services Officer.",
        ),
    ]
    topics = [
        "Apologies for absence",
        "Declarations of interest",
        "Public questions",
        "Budget monitoring, quarter 3",
        "Town centre regeneration",
        "Housing allocations policy",
    ]
    for n, head in enumerate(topics, 41):
        lines.append(("heading", f"{n}. {head}"))
        lines.append(
            (
                "body",
                f"The Cabinet considered the report on {head.lower()}. Members asked about the timetable and the Director of Place answered their questions. RESOLVED: that the report be noted and the recommendations agreed.",
            )
        )
    lines.append(("body", "The meeting closed at 8.42 pm."))
    return Item(str(number), "Minutes of the previous meeting", "minutes", lines)


def _appendix(letter: str, title: str, rows: int) -> Item:
    lines: list[tuple[str, str]] = [("title", f"Appendix {letter} - {title}")]
    for r in range(1, rows + 1):
        lines.append(
            (
                "body",
                f"Response {r}: a resident of ward {r % 9 + 1} supports the proposal and asks that the hours on Saturday mornings are kept as they are, and that the service is advertised better.",
            )
        )
    return Item(None, f"Appendix {letter} - {title}", "appendix", lines)


def _exempt(number: int) -> Item:
    lines: list[tuple[str, str]] = [
        ("body", "NOT FOR PUBLICATION"),
        (
            "body",
            "by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
        ),
        ("title", "Disposal of land at Wharf Street depot"),
        ("body", f"Report to {COMMITTEE}"),
        ("heading", "1. Purpose of report"),
        (
            "body",
            "1.1 This report seeks approval to sell the former depot at Wharf Street to the preferred bidder for £1,240,000, subject to contract.",
        ),
        ("heading", "2. Recommendations"),
        (
            "body",
            "2.1 That the Cabinet agrees the sale to the preferred bidder on the terms set out in this report.",
        ),
        ("heading", "3. Financial implications"),
        ("body", "3.1 The capital receipt will be used to fund the play area renewal programme."),
        ("heading", "4. Legal implications"),
        (
            "body",
            "4.1 The Council must obtain the best consideration reasonably obtainable under section 123 of the Local Government Act 1972.",
        ),
    ]
    return Item(str(number), "Disposal of land at Wharf Street depot", "report", lines, exempt=True)


def agenda(reports: int = 6, paragraphs: int = 3) -> list[Item]:
    """The pack's items after the front sheet: minutes, `reports` reports (one with no
    Legal implications, one quoting a political group's meeting), two appendices, and an
    exempt item last."""
    items: list[Item] = [_minutes(3)]
    for k in range(reports):
        number = 4 + k
        if k == 1:
            items.append(_report(number, k, paragraphs, drop="Legal implications"))
        elif k == 3:
            extra = "The Liberal Democrat Group meeting on 2 March agreed that the permit charge should be frozen, and officers have reflected that in option 2."
            items.append(_report(number, k, paragraphs, extra=extra))
        else:
            items.append(_report(number, k, paragraphs))
        if k == 0:
            items.append(_appendix("A", "Consultation responses", 18))
            items.append(_appendix("B", "Opening hours by branch", 10))
    items.append(_exempt(4 + reports))
    return items


def _layout(item: Item) -> None:
    """Lay the item out in pages: each line wrapped, a new page where the space ends."""
    pages: list[list[tuple[tuple[str, float, float], str]]] = [[]]
    y = TOP - 40  # under the stamp
    for style, text in item.lines:
        font = {"title": TITLE, "heading": HEADING}.get(style, BODY)
        width = 88 if style == "body" else 60
        wrapped = textwrap.wrap(text, width) or [""]
        if style == "heading":
            y -= 12  # space above a heading
            if y - font[2] * (len(wrapped) + 2) < BOTTOM:
                y = BOTTOM - 1  # a heading does not sit alone at the foot of a page
        for line in wrapped:
            if y < BOTTOM:
                pages.append([])
                y = TOP - 20
            pages[-1].append((font, line))
            y -= font[2]
        y -= 6
    item.pages = pages


def build(
    path: Path, reports: int = 6, paragraphs: int = 3, outline: bool = False, part_two: bool = True
) -> list[dict[str, Any]]:
    """Write the pack; return its items as a splitter should find them. Without
    `part_two` the front sheet has no exclusion of the press and public, so the exempt
    item stands in the public part."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    items = agenda(reports, paragraphs)
    for item in items:
        _layout(item)
    # the front sheet lists every item but the appendices (as drawn below)
    sheet_pages, y = 1, TOP - 2 * (TITLE[2] + 4) - 2 * (BODY[2] + 4) - (HEADING[2] + 4)
    for k in range(2 + part_two + sum(1 for i in items if i.kind != "appendix")):
        if y < BOTTOM + 20:
            sheet_pages, y = sheet_pages + 1, TOP
        y -= BODY[2] + 6 + (BODY[2] if k == 2 else 0)
    first = sheet_pages + 1
    truth: list[dict[str, Any]] = [
        {
            "number": None,
            "title": "Agenda front sheet",
            "kind": "front-sheet",
            "first_page": 1,
            "last_page": sheet_pages,
            "exempt": False,
        }
    ]
    parent = None
    for item in items:
        if item.kind != "appendix":
            parent = item.number
        else:
            item.number = parent
        truth.append(
            {
                "number": item.number,
                "title": item.title,
                "kind": item.kind,
                "first_page": first,
                "last_page": first + len(item.pages) - 1,
                "exempt": item.exempt,
            }
        )
        first += len(item.pages)
    listing = [("1", "Apologies for absence", None), ("2", "Declarations of interest", None)]
    for item, t in zip(items, truth[1:], strict=True):
        if item.kind == "appendix":
            continue
        last = next(
            (x["last_page"] for x in reversed(truth) if x["number"] == item.number), t["last_page"]
        )
        listing.append((str(item.number), item.title, (t["first_page"], last)))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(f"Agenda - {COMMITTEE} - 12 March 2027")
    page_no = 1

    def foot() -> None:
        c.setFont("Helvetica", 9)
        c.drawString(280, 40, f"Page {page_no}")

    # the front sheet
    y = TOP
    for font, text in [
        (TITLE, COUNCIL),
        (TITLE, COMMITTEE),
        (BODY, MEETING),
        (BODY, "Council Chamber, Civic Offices, High Street, Kestrel Vale"),
        (HEADING, "AGENDA"),
    ]:
        c.setFont(font[0], font[1])
        c.drawString(LEFT, y, text)
        y -= font[2] + 4
    for number, title, pages in listing:
        if y < BOTTOM + 20:
            foot()
            c.showPage()
            page_no += 1
            y = TOP
        if number == str(items[-1].number) and part_two:
            c.setFont(HEADING[0], HEADING[1])
            c.setFont(HEADING[0], BODY[1])
            c.drawString(LEFT, y, "PART II - Exclusion of the Press and Public")
            y -= BODY[2] + 6
        c.setFont(BODY[0], BODY[1])
        if number == "3" and pages:  # the minutes: the pages on a line of their own
            c.drawString(LEFT, y, f"{number}. {title}")
            c.drawRightString(523, y - BODY[2], f"(Pages {pages[0]} - {pages[1]})")
            y -= BODY[2]
        else:
            text = f"{number}. {title}" + (f" (Pages {pages[0]} - {pages[1]})" if pages else "")
            c.drawString(LEFT, y, text)
        y -= BODY[2] + 6
    foot()
    c.showPage()
    page_no += 1
    assert page_no == sheet_pages + 1, (page_no, sheet_pages)
    stamped: set[str] = set()
    for item in items:
        if outline:
            key = f"p{page_no}"
            c.bookmarkPage(key)
            c.addOutlineEntry(
                f"{item.number}. {item.title}" if item.kind != "appendix" else item.title, key, 0
            )
        for k, page in enumerate(item.pages):
            y = TOP - 20
            if k == 0 and item.kind != "appendix" and str(item.number) not in stamped:
                stamped.add(str(item.number))
                c.setFont("Helvetica-Bold", 11)
                c.drawRightString(523, TOP, f"Agenda Item {item.number}")
                y = TOP - 40
            for font, line in page:
                if font is HEADING:
                    y -= 12
                c.setFont(font[0], font[1])
                c.drawString(LEFT, y, line)
                y -= font[2]
            foot()
            c.showPage()
            page_no += 1
    c.save()
    return truth


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--reports", type=int, default=6)
    ap.add_argument("--paragraphs", type=int, default=3)
    ap.add_argument("--outline", action="store_true")
    args = ap.parse_args()
    for t in build(args.out, args.reports, args.paragraphs, args.outline):
        print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())


def build_docx(path: Path, reports: int = 5) -> list[dict[str, Any]]:
    """The same agenda as a Word document, as a council that builds its pack in Word has
    it: the front sheet, then each item in a section of its own (a section break starting
    a new page), "Agenda Item N" above its title (style Title), headings in Heading 1.
    Returns the items as a splitter should find them (each item's page is its section's)."""
    from docx import Document
    from docx.enum.section import WD_SECTION

    items = agenda(reports, paragraphs=1)
    d = Document()
    d.add_paragraph(COUNCIL, style="Title")
    d.add_paragraph(COMMITTEE, style="Heading 1")
    d.add_paragraph(MEETING)
    d.add_paragraph("AGENDA", style="Heading 1")
    d.add_paragraph("1. Apologies for absence")
    d.add_paragraph("2. Declarations of interest")
    for item in items:
        if item.kind == "appendix":
            continue
        if item.exempt:
            d.add_paragraph("PART II - Exclusion of the Press and Public")
        d.add_paragraph(f"{item.number}. {item.title}")
    truth: list[dict[str, Any]] = [
        {
            "number": None,
            "title": "Agenda front sheet",
            "kind": "front-sheet",
            "first_page": 1,
            "last_page": 1,
            "exempt": False,
        }
    ]
    parent = None
    for page, item in enumerate(items, 2):
        d.add_section(WD_SECTION.NEW_PAGE)
        if item.kind != "appendix":
            parent = item.number
            d.add_paragraph(f"Agenda Item {item.number}")
        else:
            item.number = parent
        for style, text in item.lines:
            d.add_paragraph(
                text, style={"title": "Title", "heading": "Heading 1"}.get(style, "Normal")
            )
        truth.append(
            {
                "number": item.number,
                "title": item.title,
                "kind": item.kind,
                "first_page": page,
                "last_page": page,
                "exempt": item.exempt,
            }
        )
    d.save(str(path))
    return truth
