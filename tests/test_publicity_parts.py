"""The parts the publicity rules stand on: party mentions, issue dates, quote speakers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from protocheck import analysis, config, dates, quotes
from protocheck.politics import mentions
from protocheck.readers import read


@pytest.mark.parametrize(("text", "party"), [
    ("thanks to the Conservative administration", "Conservative"),
    ("the Labour-run council", "Labour"),
    ("unlike the previous Lib Dem leadership", "Liberal Democrats"),
    ("after years of Tory neglect", "Conservative"),
    ("the Greens have called for", "Green"),
    ("Labour's record on housing", "Labour"),
    ("Reform UK councillors", "Reform UK"),
    ("the Plaid Cymru group", "Plaid Cymru"),
])
def test_party_mentions(text: str, party: str) -> None:
    assert [p for _, _, p in mentions(text)] == [party]


@pytest.mark.parametrize("text", [
    "The park kept its Green Flag Award", "Labour Market Statistics for March", "an Independent review of the service",
    "Reform of adult social care", "a conservative estimate of the cost", "green waste collections",
])
def test_words_that_are_not_parties(text: str) -> None:
    assert mentions(text) == []


def test_local_group_from_config() -> None:
    assert [p for _, _, p in mentions("the Riverside Independents say", ("Riverside Independents",))] == ["Riverside Independents"]


def _doc(tmp_path: Path, text: str, cfg: str = "") -> analysis.Document:
    (tmp_path / "protocheck.toml").write_text(cfg, encoding="utf-8")
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    config.discover.cache_clear()
    doc = analysis.analyse(read(path), config.for_file(path))
    from protocheck import nlp

    nlp.annotate(doc)
    return doc


def test_issue_date_from_date_line_then_option(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "PRESS RELEASE\n\nDate: Tuesday 2nd April 2027\n\nThe park reopens.\n")
    assert dates.issue_date(doc) == (dt.date(2027, 4, 2), "its date line")
    doc.issue_date = "2027-05-07"
    assert dates.issue_date(doc) == (dt.date(2027, 5, 7), "--date")


def test_quote_speakers(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "NEWS RELEASE\n\n"
               "\u201cWe are delighted with the new play area,\u201d said Cllr Jo Bloggs, Cabinet Member for Leisure.\n\n"
               "\u201cIt will be open every day of the year.\u201d\n\n"
               "Tom Reed, the Council's Director of Place, said: \u201cThe works finished on time and on budget.\u201d\n")
    found = quotes.quotes(doc)
    assert len(found) == 3
    assert found[0].speaker is not None and found[0].speaker.is_member
    assert found[1].speaker is found[0].speaker  # a paragraph of quotation continues the last speaker
    assert found[2].speaker is not None and found[2].speaker.is_officer and found[2].speaker.name == "Tom Reed"

