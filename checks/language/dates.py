"""The date a document will be issued: `--date`, else the document's own date line,
else its metadata (RULES.md, PUB002). UK forms: "2 April 2027", "Tuesday 2nd April
2027", "02/04/2027", "2027-04-02", "April 2, 2027"."""

from __future__ import annotations

import datetime as dt
import re

from protocheck.model.document import Document

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_M = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
DATE_PATTERNS = [
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M},?\s+(\d{{4}})\b", re.IGNORECASE
        ),
        ("d", "m", "y"),
    ),
    (
        re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE),
        ("m", "d", "y"),
    ),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "mm", "d")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("d", "mm", "y")),
]
DATE_LINE = re.compile(
    r"^\s*(date|dated|issued|issue date|release date|published|published on|first published|"
    r"posted|posted on|(page\s+)?last\s+updated|updated|for release on|embargoed until)\s*[:\-]?\s*",
    re.IGNORECASE,
)


def parse_dates(text: str) -> list[tuple[int, dt.date]]:
    """(offset, date) of every date in `text`, in order."""
    out = []
    for rx, order in DATE_PATTERNS:
        for m in rx.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            try:
                month = MONTHS[parts["m"].lower().rstrip(".")] if "m" in parts else int(parts["mm"])
                out.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"]))))
            except (ValueError, KeyError):
                continue
    return sorted(out)


def issue_date(doc: Document) -> tuple[dt.date | None, str]:
    """(date, where it came from)."""
    if doc.issue_date:
        return dt.date.fromisoformat(doc.issue_date), "--date"
    body = [b for b in doc.blocks if b.kind in ("paragraph", "heading", "cell", "header")]
    for b in body:  # an explicit "Date: ..." line anywhere
        if DATE_LINE.match(b.text):
            found = parse_dates(b.text)
            if found:
                return found[0][1], "its date line"
    for b in body[
        :10
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
