"""Dates in text: the one place they are found and read.

`find_dates` finds the date-like spans a UK council writes: "3rd March 2027",
"Tuesday 2nd April 2027", "2 of April, 2027", "April 2, 2027", "March 2027",
"3 March", "03/03/2027", "3/3/27", "3/2027", "2027-03-03", and ranges ("3-5 March
2027", "3 March to 5 April 2027"). A regular expression finds them (python-dateutil
reads a date, it does not find one in running text); dateutil reads each span, day
first as the UK writes, and ISO dates with its strict `isoparse`. `without_dates`
blanks them out (a date is not a figure: checks/language/edits.py). `issue_date` is
the date a document will be issued: `--date`, else the document's own date line, else
its metadata (RULES.md, PUB002). `issue_month` is the month a document names as its
date when it names no day ("Residents' newsletter, April 2027").

dateutil is imported on first use (about 20 ms), so a run that reads no date pays nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from protocheck.model.document import Block, Document

# A month in a date-like span: its first three letters and any letters after, so that a
# misspelt month is still a date ("1st Febuary 2028" corrected is no figure changed);
# March and May as written ("market", "mayor"). The price: a number before "decisions" or
# "junior" is read as a date-like span too (it names no day: dateutil cannot read it).
_MONTH = (
    r"(?:jan[a-z]*|feb[a-z]*|mar(?:ch)?|apr[a-z]*|may|jun[a-z]*|jul[a-z]*|aug[a-z]*"
    r"|sep[a-z]*|oct[a-z]*|nov[a-z]*|dec[a-z]*)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = r"\s*(?:-|\u2013|\u2014|to|until|till)\s*"
_BETWEEN_RANGE = re.compile(rf"^{_RANGE}$", re.IGNORECASE)


@functools.cache
def _uk() -> Any:
    """dateutil's parser settings for UK dates: 3/4/2027 is 3 April. Where the day-first
    reading is no date (04/13/2027) dateutil reads the other way, as a person would."""
    from dateutil import parser

    return parser.parserinfo(dayfirst=True)


@functools.cache
def date_like() -> re.Pattern[str]:
    """The expression that finds date-like spans. A range's start ("3" of "3-5 March") is
    found only before a month as dateutil names it (in full, or "Mar", "Sept")."""
    names = sorted({n for ns in _uk().MONTHS for n in ns}, key=len, reverse=True)
    month_name = "(?:" + "|".join(names) + ")"
    return re.compile(
        rf"""\b(?:
        (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})                                 # 2027-03-03
        | (?P<dm>{_DAY}\s+(?:of\s+)?{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?  # 3rd March 2027, 3 March
        | {_MONTH}\s+(?:(?P<day>{_DAY}),?\s+)?\d{{4}}                     # March 2027, April 2, 2027
        | \d{{1,2}}/\d{{1,2}}/(?P<numeric_year>\d{{2,4}})                 # 03/03/2027, 3/3/27
        | \d{{1,2}}/\d{{4}}                                                # 3/2027
        | (?P<first>{_DAY})(?={_RANGE}{_DAY}\s+(?:of\s+)?{month_name}\b)  # the 3 of "3-5 March"
        )\b""",
        re.IGNORECASE | re.VERBOSE,
    )


@dataclass(frozen=True)
class DateSpan:
    """A date-like span of a text and the day it names."""

    start: int
    end: int
    text: str
    date: dt.date | None
    """None when the span names no day ("March 2027", "3/2027"), no year and is no
    range's start ("3 March"), or a day that does not exist ("31/02/2027")."""


def _names_a_day(m: re.Match[str]) -> bool:
    """Whether the span names a day, a month and a year ("09/01/202" split from its last
    digit by a PDF's line break is date-like, but names no year)."""
    numeric = m["numeric_year"] and len(m["numeric_year"]) != 3
    return bool(m["iso"] or numeric or m["year"] or m["day"])


def _read(text: str, iso: bool = False, default: dt.date | None = None) -> dt.date | None:
    """The day `text` names, the fields it lacks taken from `default` (a range's end)."""
    from dateutil import parser

    try:
        if iso:
            day: dt.date = parser.isoparse(text).date()
            return day
        base = dt.datetime.combine(default, dt.time()) if default else None
        parsed: dt.date = parser.parse(text, parserinfo=_uk(), default=base).date()
        return parsed
    except (ValueError, OverflowError):
        return None


def _range_start(text: str, m: re.Match[str], end: re.Match[str]) -> dt.date | None:
    """The day that `m` ("3", "3 March") names as the start of a range ending at `end`
    ("5 March 2027"): the month and year it lacks are the end's, or the year before
    when that would put the start after the end ("20 December to 3 January 2028")."""
    from dateutil.relativedelta import relativedelta

    if not (m["first"] or (m["dm"] and not m["year"])) or not _names_a_day(end):
        return None
    last = _read(end.group(0), bool(end["iso"]))
    if last is None or not _BETWEEN_RANGE.match(text[m.end() : end.start()]):
        return None
    first = _read(m.group(0), default=last)
    if first is not None and first > last:
        first = _read(m.group(0), default=last - relativedelta(years=1))
    return first


def find_dates(text: str) -> list[DateSpan]:
    """Every date-like span in `text`, in order, with the day it names. The start of a
    range ("3" of "3-5 March 2027", "3 March" of "3 March to 5 April 2027") takes the
    month and year it lacks from the range's end."""
    found = list(date_like().finditer(text))
    out = []
    for i, m in enumerate(found):
        if _names_a_day(m):
            date = _read(m.group(0), bool(m["iso"]))
        else:
            date = _range_start(text, m, found[i + 1]) if i + 1 < len(found) else None
        out.append(DateSpan(m.start(), m.end(), m.group(0), date))
    return out


def parse_dates(text: str) -> list[tuple[int, dt.date]]:
    """(offset, date) of every date in `text` that names a day, in order."""
    return [(d.start, d.date) for d in find_dates(text) if d.date is not None]


def without_dates(text: str) -> str:
    """`text` with each date-like span replaced by a space (for reading its figures)."""
    return date_like().sub(" ", text)


DATE_LINE = re.compile(
    r"^\s*(date|dated|issued|issue date|release date|published|published on|first published|"
    r"posted|posted on|(page\s+)?last\s+updated|updated|for release on|embargoed until)\s*[:\-]?\s*",
    re.IGNORECASE,
)


TOP_BLOCKS = 10  # opening blocks read for a dateline


def _dated_blocks(doc: Document) -> list[Block]:
    """The blocks a document's own date may stand in: text and page headers."""
    return [b for b in doc.blocks if b.kind in ("paragraph", "heading", "cell", "header")]


def issue_date(doc: Document) -> tuple[dt.date | None, str]:
    """(date, where it came from)."""
    if doc.issue_date:
        return dt.date.fromisoformat(doc.issue_date), "--date"
    body = _dated_blocks(doc)
    for b in body:  # an explicit "Date: ..." line anywhere
        if DATE_LINE.match(b.text):
            found = parse_dates(b.text)
            if found:
                return found[0][1], "its date line"
    for b in body[
        :TOP_BLOCKS
    ]:  # a date or a dateline near the top: a short line, or one that opens with it
        found = parse_dates(b.text[:200])
        if found and (found[0][0] <= 40 or len(b.text.split()) <= 12):
            return found[0][1], "its date line"
    if doc.raw.format == "eml" and doc.raw.date:
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(doc.raw.date).date(), "its Date header"
        except (TypeError, ValueError):
            pass
    for key in ("modified", "created", "moddate", "creationdate"):
        value = doc.raw.properties.get(key, "")
        m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "its metadata"
            except ValueError:
                continue
    return None, ""


_MONTH_ONLY = re.compile(rf"^{_MONTH}\s+\d{{4}}$", re.IGNORECASE)
MONTH_LINE_WORDS = (
    3  # "Residents' newsletter, April 2027": the words beside a month that dates a page
)


def _month_of(text: str) -> DateSpan | None:
    """The month-and-year span that dates `text`: a date line's first, or a short line's
    own ("Newsletter - April 2027"), not one in words running into it ("from April 2027")."""
    spans = [d for d in find_dates(text[:200]) if d.date is None and _MONTH_ONLY.match(d.text)]
    if not spans or DATE_LINE.match(text):
        return spans[0] if spans else None
    span = spans[0]
    before = text[: span.start].split()
    if len(before) + len(text[span.end :].split()) > MONTH_LINE_WORDS:
        return None
    return None if before and before[-1].isalpha() and before[-1].islower() else span


def issue_month(doc: Document) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the month a document's date line, or a short line near
    its top, names without a day, for a document whose lines name no day (`issue_date`)."""
    import calendar

    body = _dated_blocks(doc)
    lines = [b.text for b in body if DATE_LINE.match(b.text)] + [b.text for b in body[:TOP_BLOCKS]]
    for text in lines:
        span = _month_of(text)
        first = _read(span.text, default=dt.date(2000, 1, 1)) if span else None
        if first is not None:
            last = calendar.monthrange(first.year, first.month)[1]
            return first.replace(day=1), first.replace(day=last)
    return None
