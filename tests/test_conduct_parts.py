"""Conduct and capacity cases found on unseen drafts, each with its hard negative."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

GROUP_EMAIL = """From: Cllr Richard Ainsworth <cllr.richard.ainsworth@example.gov.uk>
To: Group Members <group@example.gov.uk>
Subject: {subject}
Date: Wed, 13 Jan 2027 22:41:09 +0000

Colleagues,

Thank you all for a good group meeting last night.

{body}

Richard

Cllr Richard Ainsworth
Leader, Conservative Group
"""


def findings(path: Path, *args: str) -> list[tuple[str, str]]:
    return [(f["code"], f["text"]) for f in found_by(path, *args)]


def found_by(path: Path, *args: str) -> list[dict[str, Any]]:
    """The findings protocheck reports on `path` in its JSON output, with `args` (e.g. --select)."""
    out = run_cli("--format", "json", "--no-cache", "--fail-on", "never", *args, str(path))
    found: list[dict[str, Any]] = json.loads(out.stdout)["files"][0]["findings"]
    return found


def _by_election(tmp_path: Path) -> None:
    """A protocheck.toml in `tmp_path` with one pre-election period (12 Jan to 18 Feb 2027)."""
    (tmp_path / "protocheck.toml").write_text(
        '[[elections]]\nname = "Moorside by-election"\nnotice = 2027-01-12\npoll = 2027-02-18\n',
        encoding="utf-8",
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        (
            "As agreed last night, the Eastgate charges are going. I have asked Parking Services to switch off the "
            "pay machines at Eastgate from Monday, so you can tell residents.",
            True,
        ),
        (
            "As agreed last night, I have asked officers to look into the Eastgate charges and report back.",
            False,
        ),
        (
            "I have asked Parking Services to switch off the faulty pay machine at Eastgate until it is repaired.",
            False,
        ),
    ],
)
def test_a_group_decision_carried_out_by_officers(tmp_path: Path, body: str, flagged: bool) -> None:
    email = write(tmp_path, "group.eml", GROUP_EMAIL.format(subject="Points from group", body=body))
    found = [t for c, t in findings(email, "--select", "CON002")]
    assert bool(found) is flagged, found
    if flagged:
        assert found[0].startswith("I have asked Parking Services to switch off")


@pytest.mark.parametrize(
    ("subject", "flagged"),
    [
        (
            "Moorside by-election: canvassing and leaflets",
            True,
        ),  # a campaign: the Member's leaflet is the party's
        ("Ward newsletters", False),  # no campaign: a Member's own newsletter may be fine
    ],
)
def test_a_members_own_leaflet_is_campaign_material_in_a_campaign(
    tmp_path: Path, subject: str, flagged: bool
) -> None:
    body = (
        ("Canvassing starts on Saturday from the committee rooms. " if flagged else "")
        + "The quickest way is to get the Communications team to draft your leaflet text on the library."
    )
    email = write(tmp_path, "leaflet.eml", GROUP_EMAIL.format(subject=subject, body=body))
    assert bool([c for c, _ in findings(email, "--select", "CON004")]) is flagged


def test_the_capacity_finding_sits_where_the_member_says_only_councillor(tmp_path: Path) -> None:
    letter = write(
        tmp_path,
        "letter.txt",
        "Dear Editor,\n\nAs a Millbank councillor, I feel I must respond to last week's letter about "
        "housing allocations.\n\nThe backlog is being cleared.\n\nYours faithfully,\n\nCllr Priya Desai\n",
    )
    assert findings(letter, "--select", "COR003") == [
        (
            "COR003",
            "As a Millbank councillor, I feel I must respond to last week's letter about housing allocations.",
        )
    ]
    clear = write(
        tmp_path,
        "clear.txt",
        letter.read_text().replace(
            "As a Millbank councillor", "As one of your ward councillors for Abbey"
        ),
    )
    assert findings(clear, "--select", "COR003") == []


def test_a_list_of_what_is_forbidden_is_no_breach(tmp_path: Path) -> None:
    advert = write(
        tmp_path,
        "advert.txt",
        "Policy Officer\n\nThis post is politically restricted. If you are appointed you will not be able "
        "to:\n\n- stand as a candidate for election to a local authority;\n\n- act as an election agent "
        "for a candidate;\n\n- canvass on behalf of a political party using Council staff time.\n",
    )
    assert findings(advert) == []
    from protocheck.language import lexicon

    assert lexicon.phrase("prohibition-lead-in").search(
        "If you are appointed you will not be able to:"
    )
    assert not lexicon.phrase("prohibition-lead-in").search("Please could you:")


def test_a_pre_election_release_featuring_a_member_on_a_controversial_matter_is_one_finding(
    tmp_path: Path,
) -> None:
    _by_election(tmp_path)
    release = write(
        tmp_path,
        "release.txt",
        "EXAMPLE BOROUGH COUNCIL\nNEWS RELEASE\nFor immediate release\nDate: 28 January 2027\n\n"
        "Library: next steps\n\nA petition opposing the move was presented in December.\n\n"
        'Councillor Anjali Mistry, Cabinet Member for Leisure, said: "We have listened."\n\nENDS\n',
    )
    found = found_by(release, "--select", "PUB002")
    assert len(found) == 1, found
    assert (
        "Anjali Mistry" in found[0]["message"]
        and "controversial matter (petition)" in found[0]["message"]
    )


TO_OFFICER = """From: Cllr Neil Harcourt <cllr.neil.harcourt@example.gov.uk>
To: Alison Treece <alison.treece@example.gov.uk>
Subject: Hollins Farm
Date: Tue, 24 Nov 2026 08:12:19 +0000

Alison

Writing as Portfolio Holder for Planning.

{line}

Neil

Cllr Neil Harcourt
Portfolio Holder for Planning
"""


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "I have told your enforcement team this morning to stop all enforcement action at Hollins Farm.",
            True,
        ),
        ("I have asked your enforcement team to send me the file on Hollins Farm.", False),
        ("I have asked the enforcement team to look into the complaint about Hollins Farm.", False),
    ],
)
def test_an_instruction_given_to_staff(tmp_path: Path, line: str, flagged: bool) -> None:
    email = write(tmp_path, "to-officer.eml", TO_OFFICER.format(line=line))
    assert bool(findings(email, "--select", "CON002")) is flagged


@pytest.mark.parametrize(
    ("name", "email", "group"),
    [
        ("Conservative Group Members", "conservative.group@example.gov.uk", True),
        ("Group Members", "group@example.gov.uk", True),
        ("Labour Group", "labour.group@example.gov.uk", True),
        ("Steering Group", "steering.group@example.gov.uk", False),
        ("Alison Treece", "alison.treece@example.gov.uk", False),
    ],
)
def test_a_political_groups_list_is_members(name: str, email: str, group: bool) -> None:
    from protocheck.language import people

    assert people.make_person(name, None, email, None, "to-header").is_member is group


@pytest.mark.parametrize(
    ("address", "media"),
    [
        ("katie.lomas@ashbourneadvertiser.co.uk", True),
        ("newsdesk@bbc.co.uk", True),
        ("jo.whitcombe@gmail.com", False),
        ("news.letters@example.gov.uk", True),  # a news desk's own address counts as the press
    ],
)
def test_a_newspapers_address_is_the_press(address: str, media: bool) -> None:
    from protocheck.language import lexicon

    assert bool(lexicon.phrase("media-outlet").search(address)) is media


def test_an_officer_saying_how_they_will_vote_is_a_political_view(tmp_path: Path) -> None:
    email = write(
        tmp_path,
        "officer.eml",
        "From: Marcus Bell <marcus.bell@example.gov.uk>\nTo: Jo Whitcombe <jo@gmail.com>\n"
        "Subject: RE: Noise\nDate: Thu, 22 Oct 2026 15:32:40 +0100\n\nDear Ms Whitcombe,\n\n"
        "I know you're frustrated. For what it's worth, I'll be voting Green in May myself.\n\n"
        "Kind regards,\n\nMarcus Bell\nEnvironmental Health Officer\n",
    )
    assert [c for c, _ in findings(email, "--select", "PUB004")] == ["PUB004"]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("The only cure is voters not voting for them when they next stand.", True),
        ("Members can vote for them as chair at the annual meeting.", False),
    ],
)
def test_an_officer_telling_voters_how_to_vote_in_a_letter_to_the_paper(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    letter = write(
        tmp_path,
        "letter.txt",
        "Standards at the town hall\n\nA few councillors keep bringing the council into "
        f"disrepute.\n\n{line}\n\nJan Pryor\n\nChief Executive\n\nKestrel Vale Council\n",
    )
    assert bool([c for c, _ in findings(letter, "--select", "PUB004")]) is flagged


def test_an_out_of_office_note_and_a_residents_association_are_no_breach(tmp_path: Path) -> None:
    email = write(
        tmp_path,
        "ooo.eml",
        "From: Cllr Gareth Pryce <cllr.gareth.pryce@example.gov.uk>\nTo: Yvonne Bland <y@btinternet.com>\n"
        "Subject: Automatic reply\nDate: Thu, 22 Oct 2026 15:32:40 +0100\n\n"
        "Please send comments to planning@example.gov.uk so that the case officer receives them; "
        "I am not able to forward emails while I am away.\n\nAs promised after the residents' association "
        "meeting, could officers send me the notes of the briefing?\n\nCllr Gareth Pryce\n"
        "Ward Councillor for Abbey\n",
    )
    assert findings(email, "--select", "CON001,CON004") == []


def test_a_report_about_misuse_asks_for_nothing(tmp_path: Path) -> None:
    """CON004 judges who asks for the Council's resources: a news report or a decision
    notice that says a printer was used for election leaflets asks for nothing; the
    same words on a Member's line of a group chat are the Member's own."""
    news = write(
        tmp_path,
        "news.txt",
        "Council printers used for party leaflets, returning officer warns\n\n"
        "The returning officer for Brackley Vale has written to all candidates after hearing "
        "that council printing equipment had been used to produce election leaflets at the "
        "taxpayer's expense. She reminded candidates of the rules in a letter sent on Monday.\n",
    )
    chat = write(
        tmp_path,
        "chat.txt",
        'WhatsApp export - "Brackley Vale Greens campaign team" group\n'
        "[02/04/2027, 20:01] Cllr Rosa Fenn: I printed the walk sheets for the by-election on "
        "the Members' Room printer this afternoon, 90 pages, ready to collect.\n"
        "[02/04/2027, 20:03] Tom: Great, I can pick them up tomorrow.\n",
    )
    assert [c for c, _ in findings(news, "--select", "CON004")] == []
    assert [c for c, _ in findings(chat, "--select", "CON004")] == ["CON004"]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "I asked the Director of Leisure to print 500 leaflets so people vote for me on Thursday.",
            True,
        ),
        # support asked for a community event is no election purpose
        (
            "I asked the Director of Leisure for more support for a summer fair by the river.",
            False,
        ),
    ],
)
def test_support_for_an_event_is_no_vote_for_a_party(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    assert _chat_con004(tmp_path, "Brackley Vale ward team", line) is flagged


def _chat_con004(tmp_path: Path, group: str, line: str) -> bool:
    """Whether CON004 flags a Member's `line` in a group chat export."""
    chat = write(
        tmp_path,
        "chat.txt",
        f'WhatsApp export - "{group}" group\n'
        f"[02/04/2027, 20:01] Cllr Rosa Fenn: {line}\n[02/04/2027, 20:03] Tom: Thanks.\n",
    )
    return bool([c for c, _ in findings(chat, "--select", "CON004")])


TALK = "talks of the election"  # PUB002's message for election talk
APPEAL = "campaign language"  # and for a vote asked for


@pytest.mark.parametrize(
    ("dated", "line", "says", "flagged"),
    [
        # publicity in the period that talks of the election or its candidates
        (
            "28 January 2027",
            "That is why next month's by-election matters so much to us.",
            TALK,
            True,
        ),
        (
            "28 January 2027",
            "We are fielding more candidates than ever in the Moorside ward.",
            TALK,
            True,
        ),
        (
            "28 January 2027",
            "The pool plans stay hidden until after the local elections.",
            TALK,
            True,
        ),
        # after the poll; electoral administration in the period
        (
            "3 March 2027",
            "That is why next month's by-election matters so much to us.",
            TALK,
            False,
        ),
        (
            "28 January 2027",
            "Polling stations for the coming by-election open at 7am.",
            TALK,
            False,
        ),
        # a vote asked for in the period
        ("28 January 2027", "The choice on 18 February is simple: vote Labour.", APPEAL, True),
        ("28 January 2027", "Use your vote on 18 February to keep the pool open.", APPEAL, True),
        ("28 January 2027", "So please back me on Thursday 18 February.", APPEAL, True),
        # after the poll, and a manifesto named without asking for a vote
        ("3 March 2027", "The choice on 18 February is simple: vote Labour.", APPEAL, False),
        ("28 January 2027", "The pool was a promise in the last manifesto.", APPEAL, False),
    ],
)
def test_publicity_in_the_period_that_talks_of_the_election_or_asks_for_a_vote(
    tmp_path: Path, dated: str, line: str, says: str, flagged: bool
) -> None:
    _by_election(tmp_path)
    release = write(
        tmp_path,
        "release.txt",
        f"EXAMPLE BOROUGH COUNCIL\nNEWS RELEASE\nDate: {dated}\n\nPool opening hours\n\n{line}\n\nENDS\n",
    )
    found = found_by(release, "--select", "PUB002")
    assert any(says in f["message"] for f in found) is flagged, found


CON003_POSTS = {  # a Member's posts and letters that may pass on what they should not
    "part-two": "Council meeting\n\nThe Part II item was discussed in private.\n\n{line}\n\n"
    "I raised it in my ward surgery on Saturday.\n",
    "appeal": "Appeal row\n\n{line}\n\n"
    'Cllr Dawn Ilsley said: "The appeal will fail and the bill will be £80,000."\n',
    "ward-news": "Ward news\n\nAs your ward councillor I want to update you.\n\n{line} "
    "The owner is asking £90,000 for the site.\n\nI will keep residents posted.\n",
    "letter": "Dear Colin,\n\nI raised the state of the estate with the housing team.\n\n{line}"
    "\n\nKind regards,\nCllr Jo Pike\nWard Councillor for Elm\n",
}


@pytest.mark.parametrize(
    ("post", "line", "flagged"),
    [
        # what follows a Part II item is its content only when it says what the item holds
        (
            "part-two",
            "The advice given is that the pool will close in May and 14 staff will go.",
            True,
        ),
        (
            "part-two",
            "My view, having read the briefing note, is that it ought to remain exempt.",
            False,
        ),
        ("part-two", "The advice given is that the item should be taken in private.", False),
        # legal advice given passes on its content; named as a ground, sought or paid for, none
        ("appeal", "The committee was given counsel's advice on the appeal in private.", True),
        ("appeal", "The chairman said the hearing was cancelled following legal advice.", False),
        ("appeal", "The council has sought independent legal advice on the appeal.", False),
        ("appeal", "The decision to appeal was taken with clear legal advice.", False),
        # a named person's sick leave, and accounts signed off
        ("ward-news", "Mr Hale, the school caretaker, has been signed off sick for a month.", True),
        ("ward-news", "The school's accounts were signed off by the auditor in May.", False),
        ("appeal", "We spent £40,000 last year on outside legal advice for the depot case.", False),
        # "in private" is a closed meeting, not who owns a field
        ("ward-news", "The committee met in private on Tuesday.", True),
        ("ward-news", "The green by the shops is in private ownership.", False),
        # a pension is personal data as a benefit, not as an officer's published pay
        (
            "letter",
            "Mr Dean Okafor at number 12 lives on pension credit and owes £900 in rent.",
            True,
        ),
        ("letter", "Ms Jane Marchbank earns £120,000 plus a pension top-up worth £15,000.", False),
        # a grievance or a police inquiry: told to one person in a letter, it is theirs to
        # keep; on a ward page, the kind of thing the news reports of people in public life
        ("letter", "Mr Dean Okafor has raised a grievance against his manager.", True),
        ("ward-news", "Mr Dean Okafor has raised a grievance against his manager.", False),
        ("ward-news", "Mr Dean Okafor is behind on his rent by £900.", True),
        # a confidential report the writer says they published, whoever's name is on it
        (
            "ward-news",
            "Last week I posted one page of a confidential Kestrel Vale Council report here.",
            True,
        ),
        ("ward-news", "The extract I posted here contains no confidential material.", False),
    ],
)
def test_what_a_member_passes_on_is_confidential_only_when_it_tells_content(
    tmp_path: Path, post: str, line: str, flagged: bool
) -> None:
    page = write(tmp_path, "post.txt", CON003_POSTS[post].format(line=line))
    found = found_by(page, "--select", "CON003")
    assert bool(found) is flagged, found


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        # a council news page with no masthead: the Council, by name, announces what it does
        ("Kestrel Vale District Council will be marking Armed Forces Day on Monday.", True),
        ("Ashvale Town Council is hosting a coffee morning for carers on Friday.", True),
        # a newspaper's report of the same day: a reporter's words, no release
        (
            "Kestrel Vale District Council will be marking Armed Forces Day, "
            "the council's leader told the Gazette.",
            False,
        ),
        # a page that names the council only as a fact
        ("The flag was raised outside the civic offices on Monday.", False),
        # the Council as the page's own actor, with its capital; a paper's lower-case council
        ("Every summer the Council is hosting a picnic on the green for veterans.", True),
        ("Every summer the council is hosting a picnic on the green for veterans.", False),
    ],
)
def test_a_council_news_page_in_the_period_that_quotes_the_provost(
    tmp_path: Path, opening: str, flagged: bool
) -> None:
    _by_election(tmp_path)
    page = write(
        tmp_path,
        "page.txt",
        f"Flag raised for Armed Forces Day\n\n28 January 2027\n\n{opening}\n\n"
        'Provost Moira Kerr said: "We owe our service people a great deal."\n',
    )
    _pre_election_found(page, flagged, "Provost Moira Kerr")


def _pre_election_found(page: Path, flagged: bool, says: str) -> None:
    """PUB002 finds the page (its first finding's message saying `says`), or finds nothing."""
    found = found_by(page, "--select", "PUB002")
    assert bool(found) is flagged, found
    if flagged:
        assert says in found[0]["message"], found


@pytest.mark.parametrize(
    ("dateline", "flagged"),
    [
        ("Residents' newsletter, April 2027", True),  # the whole month in the period
        ("Published: April 2027", True),
        ("Residents' newsletter, March 2027", False),  # the period opens on 26 March
        ("Residents' newsletter, May 2027", False),  # and ends with the poll on 6 May
        ("New bin rounds from April 2027", False),  # a month in the news, not the page's date
    ],
)
def test_a_release_dated_by_month_only_is_placed_when_the_whole_month_is_in_the_period(
    tmp_path: Path, dateline: str, flagged: bool
) -> None:
    (tmp_path / "protocheck.toml").write_text(
        '[[elections]]\nname = "County elections"\nnotice = 2027-03-26\npoll = 2027-05-06\n',
        encoding="utf-8",
    )
    release = write(
        tmp_path,
        "release.txt",
        f"EXAMPLE COUNTY COUNCIL\n\n{dateline}\n\nThe Council has reopened the Brook Lane library.\n\n"
        'Cllr Priya Das, Cabinet Member for Libraries, said: "Readers are back."\n',
    )
    _pre_election_found(release, flagged, "dated April 2027 (its date line)")


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # the Council's room, and a place in town that belongs to no one
        ("The party's leaflet surveys were sorted in the town hall meeting room on Monday.", True),
        ("Our party surveys found people wanted more benches in the town centre.", False),
        # an officer in a campaign's sentence, asked for nothing
        (
            "The Labour Party campaign cheered as the returning officer announced the count.",
            False,
        ),
        ("Could one of the planning officers speak at our Labour Party branch meeting?", True),
    ],
)
def test_the_town_centre_is_no_council_facility(tmp_path: Path, line: str, flagged: bool) -> None:
    # a group not called a "team", which would itself name staff
    assert _chat_con004(tmp_path, "Brackley Vale volunteers", line) is flagged


OFFICER_REPLY = """From: Dan Ure <dan.ure@example.gov.uk>
To: Cllr Rosa Fenn <cllr.rosa.fenn@example.gov.uk>
Subject: RE: Riverside plans
Date: Tue, 2 Feb 2027 09:12:00 +0000

Dear Cllr Fenn

{line}

Regards

Dan Ure
Principal Planning Officer
"""


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # the officer's working time offered to a party's meeting
        (
            "I am happy to come along to the Riverside branch Labour Party meeting to go through the plans.",
            True,
        ),
        # an officer's view of a party's campaign (PUB004's), offering nothing
        ("I think the Green group's campaign against the plans is pure electioneering.", False),
    ],
)
def test_an_officer_offering_to_come_to_a_party_meeting_gives_council_time(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    email = write(tmp_path, "reply.eml", OFFICER_REPLY.format(line=line))
    assert bool([c for c, _ in findings(email, "--select", "CON004")]) is flagged


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "I printed the walk sheets for the by-election on the Members' Room printer "
            "this afternoon.",
            True,
        ),
        # the printer not used, or asked about others
        (
            "I printed the walk sheets for the by-election this afternoon, instead of making "
            "use of the Members' Room printer.",
            False,
        ),
        (
            "Has the Green group been using the Members' Room printer for by-election walk sheets?",
            False,
        ),
        # the clerk's rule that it must not be done
        ("- No election leaflets may be printed on the Members' Room printer.", False),
    ],
)
def test_resources_not_used_or_asked_about_are_no_misuse(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    assert _chat_con004(tmp_path, "Brackley Vale Greens campaign team", line) is flagged
