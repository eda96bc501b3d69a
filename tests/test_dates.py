"""Dates in text (checks/language/dates.py): the spans found, the day each names, and the
issue date of a document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from protocheck.language import dates, voices
from protocheck.model import config
from protocheck.read import read


def _found(text: str) -> list[tuple[str, dt.date | None]]:
    return [(d.text, d.date) for d in dates.find_dates(text)]


@pytest.mark.parametrize(
    ("text", "span", "day"),
    [
        ("The works start on 3rd March 2027.", "3rd March 2027", dt.date(2027, 3, 3)),
        ("Tuesday 2nd April 2027", "2nd April 2027", dt.date(2027, 4, 2)),
        ("on the 2nd of April, 2027", "2nd of April, 2027", dt.date(2027, 4, 2)),
        ("Sent: Tuesday, January 13, 2026 8:02 AM", "January 13, 2026", dt.date(2026, 1, 13)),
        ("by 2 Sept. 2027", "2 Sept. 2027", dt.date(2027, 9, 2)),
        ("Dated 03/03/2027", "03/03/2027", dt.date(2027, 3, 3)),
        ("Dated 02/04/2027", "02/04/2027", dt.date(2027, 4, 2)),  # day first, as the UK writes
        ("signed 3/3/27", "3/3/27", dt.date(2027, 3, 3)),
        ("modified 2027-04-02", "2027-04-02", dt.date(2027, 4, 2)),  # ISO: year, month, day
        ("Last updated: 12 Feb 2026", "12 Feb 2026", dt.date(2026, 2, 12)),
    ],
)
def test_a_date_and_the_day_it_names(text: str, span: str, day: dt.date) -> None:
    assert _found(text) == [(span, day)]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The Plan runs to March 2027.", "March 2027"),  # no day
        ("from 3/2027", "3/2027"),
        ("on 3 March", "3 March"),  # no year
        ("on 31/02/2027", "31/02/2027"),  # no such day
        ("on 2027-13-01", "2027-13-01"),
        ("by 1st Febuary 2028", "1st Febuary 2028"),  # misspelt: date-like, but not read
    ],
)
def test_date_like_spans_that_name_no_day(text: str, span: str) -> None:
    assert _found(text) == [(span, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The consultation ran from 3 March to 5 April 2027.",
            [("3 March", dt.date(2027, 3, 3)), ("5 April 2027", dt.date(2027, 4, 5))],
        ),
        (
            "Drop-in sessions on 3-5 March 2027",
            [("3", dt.date(2027, 3, 3)), ("5 March 2027", dt.date(2027, 3, 5))],
        ),
        (
            "open from 3rd to 5th March 2027",
            [("3rd", dt.date(2027, 3, 3)), ("5th March 2027", dt.date(2027, 3, 5))],
        ),
        (
            "closed 20 December \u2013 3 January 2028",
            [("20 December", dt.date(2027, 12, 20)), ("3 January 2028", dt.date(2028, 1, 3))],
        ),
    ],
)
def test_a_date_range_gives_both_days(
    text: str, expected: list[tuple[str, dt.date | None]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 2026/27 budget",
        "2 to 3 Marchmont Road",
        "3 married couples",
        "Maybe 12 mayors",
        "Option 3 costs £125,000 a year.",
    ],
)
def test_no_date(text: str) -> None:
    assert dates.find_dates(text) == []


def test_parse_dates_gives_offsets_of_the_days_named() -> None:
    text = "Published 2 April 2027; the survey ran in March 2027; reviewed 2027-05-01."
    assert dates.parse_dates(text) == [(10, dt.date(2027, 4, 2)), (63, dt.date(2027, 5, 1))]


def test_without_dates_leaves_the_figures() -> None:
    text = "Option 3 from 1st Febuary 2028 to 3/2029 costs £125,000 (was 3-5 March 2027)."
    assert dates.without_dates(text).split() == [
        "Option",
        "3",
        "from",
        "to",
        "costs",
        "£125,000",
        "(was",
        "-",
        ").",
    ]


def _doc(tmp_path: Path, text: str) -> voices.Document:
    (tmp_path / "protocheck.toml").write_text("", encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    config.discover.cache_clear()
    return voices.analyse(read(path), config.for_file(path))


def test_issue_date_from_a_last_updated_line(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "Garden waste collections\n\n"
        "Collections move to fortnightly from 3rd March 2027 across the district.\n\n"
        "Last updated: 12 Feb 2026\n",
    )
    assert dates.issue_date(doc) == (dt.date(2026, 2, 12), "its date line")


def test_issue_date_near_the_top(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "NEWS RELEASE\n\n03/03/2027\n\nThe park reopens on 3-5 April 2027.\n")
    assert dates.issue_date(doc) == (dt.date(2027, 3, 3), "its date line")
