"""The parts the publicity rules stand on: party mentions, issue dates, quote speakers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_cli
from protocheck.language import dates, quotes, voices
from protocheck.language.politics import mentions
from protocheck.model import config
from protocheck.read import read


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("thanks to the Conservative administration", "Conservative"),
        ("the Labour-run council", "Labour"),
        ("unlike the previous Lib Dem leadership", "Liberal Democrats"),
        ("after years of Tory neglect", "Conservative"),
        ("the Greens have called for", "Green"),
        ("Labour's record on housing", "Labour"),
        ("Reform UK councillors", "Reform UK"),
        ("the Plaid Cymru group", "Plaid Cymru"),
        ("Under Labour, parking will stay free", "Labour"),
        ("elect Labour on Thursday", "Labour"),
        ("the pool reopened thanks to Labour last spring", "Labour"),
        ("Sadly, Labour walked out before the vote", "Labour"),
        ("the budget a Conservative cabinet set", "Conservative"),
        ("Labour cannot even add up their own figures.", "Labour"),
        ("Labour increased the parking charges twice.", "Labour"),
        ("Labour\u2019s choice was to double the charge for bulky waste.", "Labour"),
        # a political word with an apostrophe in it, or a possessive after the party's name
        ("Labour can't be trusted to remember what they did.", "Labour"),
        ("Labour won\u2019t say what the cuts will be.", "Labour"),
        ("Part of the Conservative Council\u2019s drive to clean the streets.", "Conservative"),
    ],
)
def test_party_mentions(text: str, party: str) -> None:
    assert [p for _, _, p in mentions(text)] == [party]


@pytest.mark.parametrize(
    "text",
    [
        "The park kept its Green Flag Award",
        "Labour Market Statistics for March",
        "Labour costs rose sharply in March",
        "Labour costs increased in March",
        "Labour market figures won't be out until May",
        "The village Green\u2019s pond was cleared in May",
        "funded under the Labour Market Fund",
        "an Independent review of the service",
        "Reform of adult social care",
        "a conservative estimate of the cost",
        "green waste collections",
    ],
)
def test_words_that_are_not_parties(text: str) -> None:
    assert mentions(text) == []


def test_local_group_from_config() -> None:
    assert [
        p for _, _, p in mentions("the Riverside Independents say", ("Riverside Independents",))
    ] == ["Riverside Independents"]


def _doc(tmp_path: Path, text: str, cfg: str = "") -> voices.Document:
    (tmp_path / "protocheck.toml").write_text(cfg, encoding="utf-8")
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    config.discover.cache_clear()
    doc = voices.analyse(read(path), config.for_file(path))
    from protocheck.language import nlp

    nlp.annotate(doc)
    return doc


def test_issue_date_from_date_line_then_option(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "PRESS RELEASE\n\nDate: Tuesday 2nd April 2027\n\nThe park reopens.\n")
    assert dates.issue_date(doc) == (dt.date(2027, 4, 2), "its date line")
    doc.issue_date = "2027-05-07"
    assert dates.issue_date(doc) == (dt.date(2027, 5, 7), "--date")


def test_quote_speakers(tmp_path: Path) -> None:
    doc = _doc(
        tmp_path,
        "NEWS RELEASE\n\n"
        "\u201cWe are delighted with the new play area,\u201d said Cllr Jo Bloggs, Cabinet Member for Leisure.\n\n"
        "\u201cIt will be open every day of the year.\u201d\n\n"
        "Tom Reed, the Council's Director of Place, said: \u201cThe works finished on time and on budget.\u201d\n",
    )
    found = quotes.quotes(doc)
    assert len(found) == 3
    assert found[0].speaker is not None and found[0].speaker.is_member
    assert (
        found[1].speaker is found[0].speaker
    )  # a paragraph of quotation continues the last speaker
    assert (
        found[2].speaker is not None
        and found[2].speaker.is_officer
        and found[2].speaker.name == "Tom Reed"
    )


PARTY_ITEM = (
    "News - 18 September 2026\n\n"
    "Thanks to the Conservative administration, recycling rates have doubled since 2022.\n\n"
    "Unlike the previous Lib Dem leadership, we are fixing the roads.\n"
)


@pytest.mark.parametrize(
    ("masthead", "flagged"),
    [
        ("", False),  # a party's web page or a newspaper's: no council shown as publisher
        ("Kestrel Vale Borough Council\nHome > News\n\n", True),
        ("", True),  # the same text with the council's web address below it (added in the test)
    ],
)
def test_party_political_needs_the_council_as_publisher(
    tmp_path: Path, masthead: str, flagged: bool
) -> None:
    from conftest import run_cli

    text = masthead + PARTY_ITEM
    if flagged and not masthead:
        text += "\nMore news at www.kestrelvale.gov.uk/news\n"
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(page))
    codes = [f["code"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert (codes.count("PUB001") == 2) is flagged, out.stdout
    forced = run_cli(
        "--format", "json", "--no-cache", "--select", "PUB001", "--kind", "press-release", str(page)
    )
    assert [f["code"] for f in json.loads(forced.stdout)["files"][0]["findings"]] == [
        "PUB001",
        "PUB001",
    ]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("Under Labour, car parking in our market towns will remain free.", True),
        ("The Tory dominated council has ignored the town centre for years.", True),
        ("Conservative councillors have welcomed £2m for road repairs across the borough.", True),
        ("Next May we will work to remove the Tory majority on this council.", True),
        ("On 4 May, elect your local Green candidate for Eastfield.", True),
        # the same words with no side taken
        ("Car parking in our market towns will remain free, the Cabinet agreed.", False),
        ("Councillors have asked for a report on road repairs across the borough.", False),
        ("Find out how to stand as a candidate in the May elections.", False),
        # a party's councils compared with those other parties run; other parties named beside
        ("Liberal Democrat councils recycle more than councils run by other parties.", True),
        ("Councillors from the Labour group and other parties backed the recycling plan.", False),
        # a short sentence is judged; a short line of a list is not
        ("Labour are getting things done.", True),
        ("Cllr Jo Hart (Labour)", False),
        # a council that declared something, and a result declared
        ("I am proud that this Labour council has declared an ecological emergency.", True),
        ("Jo Hart (Labour) was declared elected for Abbey ward on Friday.", False),
        ("The Conservatives have 9 councillors on the parish council.", False),  # a seat count
        # blame in words of refusal and reversal
        ("The Green and Labour coalition refuse to fund the crossing on Mill Road.", True),
        ("The Tories have backtracked on the bus station yet again.", True),
        ("The Green and Labour members asked for a report on the crossing.", False),
        # a party's council named without a hyphen, a cut blamed, the writer campaigning
        ("Conservative run Kestrel Vale District Council will freeze its council tax.", True),
        ("Year after year the Tories cut our funding for the libraries.", True),
        ("I am standing for re-election as your mayor on 2 May.", True),
        ("The mayor was re-elected in the mayoral election on 2 May.", False),
        # a vote asked for a party's candidate, spelling slips and all
        ("On Thursday, vote for you local Green candidate in Abbey ward.", True),
        ("On Thursday, vote for the best kept garden in Abbey ward.", False),
        # bad faith and abuse of office laid at a party's door
        ("This is nothing but grandstanding from the Alliance group.", True),
        ("Holding up the grant is an abuse of power by the Reform group.", True),
        ("The Reform group asked about the abuse of children in care.", False),
        # an overspend or austerity laid at a party; a vote asked for change, or promised
        ("The Green group ran up an overspend of two million at the depot.", True),
        ("Libraries have borne the brunt of Tory austerity since 2010.", True),
        ("If elected in May, the Greens will scrap the parking charge.", True),
        ("On 4 May residents can vote for a fresh start in Abbey ward.", True),
        ("Members were voting for a 2% increase in the precept.", False),
        ("Once again the Reform group takes our villages for granted.", True),
        ("On polling day you can send them a clear message.", True),
        ("We will send every household a letter about the new bins.", False),
        # an election result told as a rout, and told plainly
        ("The Reform group was routed in the May elections.", True),
        ("The old Reform majority of nine has been wiped out.", True),
        ("In May the Reform group lost two seats in Abbey ward.", False),
    ],
)
def test_party_credit_and_campaign_in_a_release(tmp_path: Path, line: str, flagged: bool) -> None:
    codes = release_codes(tmp_path, line)
    assert ("PUB001" in codes) is flagged, codes


def release_codes(tmp_path: Path, line: str) -> list[str]:
    """The codes protocheck's JSON report gives a press release holding `line`."""
    release = tmp_path / "release.txt"
    release.write_text(f"FOR IMMEDIATE RELEASE\n\n{line}\n\nEnds\n", encoding="utf-8")
    out = run_cli("--format", "json", "--no-cache", "--fail-on", "never", str(release))
    return [f["code"] for f in json.loads(out.stdout)["files"][0]["findings"]]


def test_a_long_quote_from_the_leader_in_a_release_is_the_councils_publicity(
    tmp_path: Path,
) -> None:
    filler = (
        "We have kept every library open, filled more potholes than any year before and "
        "balanced the books without touching reserves. "
    )
    quote = (
        f"{filler * 4}Our parks are cleaner and safer than when the Tories ran this council, "
        f"and residents can see it for themselves. {filler * 2}"
    )
    release = tmp_path / "release.txt"
    release.write_text(
        f"FOR IMMEDIATE RELEASE\n\nThe Leader of the Council, Cllr Jo Hart, said: \u201c{quote}\u201d\n\nEnds\n",
        encoding="utf-8",
    )
    assert len(quote.split()) >= 99
    out = run_cli("--format", "json", "--no-cache", "--fail-on", "never", str(release))
    found = json.loads(out.stdout)["files"][0]["findings"]
    assert any(f["code"] == "PUB001" and "Tories" in f["text"] for f in found), found


@pytest.mark.parametrize(
    ("attribution", "flagged"),
    [
        ("Cllr Jo Hart said:", True),
        ("Play area praised\n\nCllr Jo Hart opened it. She said:", True),
        ("Cllr Jo Hart, Convener of the Housing Committee, said:", False),
        ("Depute Provost Jo Hart said:", False),
        # quoted under the party's name: for the political group
        ("Green group councillor Jo Hart said:", False),
        ("Lib Dem County Councillor Jo Hart said:", False),
        ("Chairman of the Kestrel Conservative Group, Cllr Jo Hart, said:", False),
        ("Cllr Jo Hart, speaking on behalf of the Green Party, said:", False),
    ],
)
def test_a_release_quoting_a_member_without_a_capacity_is_flagged_on_the_attribution(
    tmp_path: Path, attribution: str, flagged: bool
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(
        "FOR IMMEDIATE RELEASE\n\nNew play area opens in Eastfield\n\n"
        f'{attribution} "The children of Eastfield have waited a long time for this."\n\nEnds\n',
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--select", "COR003", str(release))
    found = json.loads(out.stdout)["files"][0]["findings"]
    assert bool(found) is flagged, found
    if flagged:  # on the name, or on the quotation when the attribution is only "She"
        assert found[0]["text"].startswith(("Cllr Jo Hart", "The children of Eastfield")), found


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        ("The children of Eastfield have waited a long time for this.", True),
        # a piece that speaks for a party: the Member quoted speaks for their group
        ("The Tories sat on this for years; it took the Lib Dems to get it built.", False),
    ],
)
def test_a_member_quoted_in_a_piece_for_a_party_speaks_for_the_group(
    tmp_path: Path, quote: str, flagged: bool
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(
        f'FOR IMMEDIATE RELEASE\n\nNew play area opens in Eastfield\n\nCllr Jo Hart said: "{quote}"\n\nEnds\n',
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--select", "COR003", str(release))
    found = json.loads(out.stdout)["files"][0]["findings"]
    assert bool(found) is flagged, found


@pytest.mark.parametrize("party", ["the SDLP", "the Ulster Unionists", "the TUV", "Mebyon Kernow"])
def test_parties_of_northern_ireland_and_cornwall_are_parties(tmp_path: Path, party: str) -> None:
    release = tmp_path / "release.txt"
    release.write_text(
        "FOR IMMEDIATE RELEASE\n\nNew play area opens in Eastfield\n\n"
        f"The play area opens on Monday thanks to {party}, the only party that delivers.\n\nEnds\n",
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(release))
    assert json.loads(out.stdout)["files"][0]["findings"], out.stdout


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # a party in capitals, as a headline or an opening word writes it
        ("LIBERAL DEMOCRATS on the borough council voted down the new play area again.", True),
        ("GREEN WASTE COLLECTIONS START AGAIN ON MONDAY ACROSS THE BOROUGH.", False),
        # the councils a party runs, credited together
        ("The hard work of Green run councils across the region shows in the results.", True),
        # a party before its tier and councillor; a market named for a colour and a city
        ("The crossing was secured after lobbying by Labour County Councillor Jo Hart.", True),
        ("The crossing was secured thanks to traders at the Green City Market.", False),
        # a warning against a party; the same words of the weather
        ("Don\u2019t let the Greens in again.", True),
        ("Don't let the cold keep you in.", False),
        # a vote asked for on polling day; support asked for a campaign
        ("I hope you will back me on Thursday.", True),
        ("Please back us in saving the library.", False),
    ],
)
def test_a_party_in_capitals_or_the_councils_it_runs(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(f"FOR IMMEDIATE RELEASE\n\n{line}\n\nEnds\n", encoding="utf-8")
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(release))
    assert bool(json.loads(out.stdout)["files"][0]["findings"]) is flagged, out.stdout


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("Kestrel City Council", True),  # a masthead: the Council publishes it
        # a sentence that opens with a council's name is no masthead
        ("Kestrel City Council, for example, is cutting its own energy use by a quarter.", False),
    ],
)
def test_a_sentence_opening_with_a_councils_name_is_no_masthead(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        f"Cuts will hurt\n\n{line}\n\nThe budget the Tories force through next week means "
        "deep cuts to youth clubs across the county.\n\nJo Hart, Abbey\n",
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(page))
    assert bool(json.loads(out.stdout)["files"][0]["findings"]) is flagged, out.stdout


def test_a_party_in_a_speakers_title_is_no_party_politics(tmp_path: Path) -> None:
    release = tmp_path / "release.txt"
    intro = "Leader of the Labour councillors on the borough council, Cllr Jo Hart, said:"
    release.write_text(
        f"FOR IMMEDIATE RELEASE\n\nNew play area opens in Eastfield\n\n{intro}\n\n"
        '"The new play area on Mill Road opens on Monday and we hope families enjoy it."\n\n'
        "Ends\n",
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(release))
    assert json.loads(out.stdout)["files"][0]["findings"] == []
    # the same speaker crediting the party is party politics
    credit = release.read_text(encoding="utf-8").replace(
        "opens on Monday and we hope families enjoy it",
        "opens on Monday thanks to Labour, the only party that delivers for Eastfield",
    )
    release.write_text(credit, encoding="utf-8")
    out = run_cli("--format", "json", "--no-cache", "--select", "PUB001", str(release))
    assert json.loads(out.stdout)["files"][0]["findings"], out.stdout


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("The Council accepts full responsibility for the flooding on Mill Road.", True),
        ("We accept total liability for the damage the burst main caused.", True),
        # responsibility demanded of someone else, or taken for words, not for harm
        ("The contractor must accept responsibility for the delays, the Leader said.", False),
        ("The panel noted his refusal to admit responsibility for the flooding.", False),
        ("The Leader accepts full responsibility for the wording of this message.", False),
        # how paying might be read: a fear, not an admission
        (
            "Members feared that paying for the drains might be seen as us, the town "
            "council, accepting full responsibility for every flood.",
            False,
        ),
    ],
)
def test_liability_accepted_is_not_liability_demanded_or_words_owned(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    codes = release_codes(tmp_path, line)
    assert ("PUB003" in codes) is flagged, codes
