"""Who speaks on a page as real pages are written: an unsigned blog post whose writer
shows they sit on the council, a news report that names a Member once and quotes them
by surname, a criticism that goes on with "he" a few sentences later. Each case has the
hard negative a monitoring officer would expect left alone. (All text invented.)"""

from __future__ import annotations

from pathlib import Path

import protocheck
import pytest
from protocheck.language import quotes, voices
from protocheck.model.config import Config
from protocheck.model.document import Document
from protocheck.model.findings import Finding
from protocheck.read import read


def codes(text: str, **kw: str) -> list[tuple[str, str]]:
    result = protocheck.check(text, use_cache=False, **kw)  # type: ignore[arg-type]
    return [(f.code, f.text) for f in result.findings]


def flags(code: str, text: str) -> bool:
    """Whether protocheck finds `code` in `text`."""
    return code in [c for c, _ in codes(text)]


def analysed(tmp_path: Path, text: str) -> Document:
    """The document protocheck reads from `text` saved as a .txt file (who speaks, who signs)."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return voices.analyse(read(path), Config(), None)


def member_not_resident(story: str, member: str, resident: str, surname: str) -> None:
    """CON001 names the Member (`surname`) quoted in `story`; with `member` (how the
    story introduces them) replaced by `resident`, the same words are no finding."""
    found = [f for f in protocheck.check(story, use_cache=False).findings if f.code == "CON001"]
    assert found and surname in found[0].message, found
    told = story.replace(member, resident)
    assert "CON001" not in [c for c, _ in codes(told)], codes(told)


def county_elections(tmp_path: Path) -> Path:
    """A config whose county elections' period runs from 26 March to 6 May 2027."""
    config = tmp_path / "protocheck.toml"
    config.write_text(
        '[[elections]]\nname = "County elections"\nnotice = 2027-03-26\npoll = 2027-05-06\n',
        encoding="utf-8",
    )
    return config


def pre_election(
    tmp_path: Path, body: str, headline: str = "New bus shelters for Mill Road"
) -> list[Finding]:
    """The PUB002 findings on a release dated 14 April 2027, inside the county elections'
    period, with `headline` and `body`."""
    release = f"PRESS RELEASE\n\n14 April 2027\n\n{headline}\n\n{body}"
    found = protocheck.check(release, config=county_elections(tmp_path), use_cache=False)
    return [f for f in found.findings if f.code == "PUB002"]


# a Member's own post: the line under test is the Member's words
MEMBER_POST = "Our parish council\n\nAs a councillor in my ward I have to say this.\n\n{line}\n"


BLOG = """Saturday, 4 March 2028

Pavements and promises

{opening}

The planning officers have made an appalling mess of the Elm Lane applications, and
residents deserve better.
"""


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        ("I walked round the estate in my ward again this morning.", True),
        ("Since I was elected I have had more letters about Elm Lane than anything else.", True),
        ("Our new clerk has still not circulated the minutes.", True),
        ("We now have a new clerk who has still not circulated the minutes.", True),
        ("As your local councillors, we walked round the estate again this morning.", True),
        ("As your local residents association, we walked round the estate again.", False),
        # a resident's blog: "my councillor" is someone else
        ("I wrote to my councillor about Elm Lane again this morning.", False),
        # the Member's words quoted by someone else are not the writer's own
        ('The leaflet said "in my ward nothing gets past me", which made me laugh.', False),
    ],
)
def test_an_unsigned_post_is_a_members_when_the_writer_says_so(opening: str, flagged: bool) -> None:
    found = codes(BLOG.format(opening=opening))
    assert any(c == "CON001" and "appalling" in t for c, t in found) is flagged, found
    assert not any(c == "COR003" for c, _ in found), found  # no sign-off to mend


NEWS = """Row over Elm Lane report

{intro}

Mr Penhallow said: "The planners were not fit for purpose on this one and everyone
at the council knows it."
"""


@pytest.mark.parametrize(
    ("intro", "flagged"),
    [
        ("Tory councillor Alan Penhallow called for an inquiry on Tuesday.", True),
        ("Alan Penhallow, Chair of the Planning Committee, called for an inquiry.", True),
        # the same words from a resident quoted in the paper
        ("Alan Penhallow, who lives on Elm Lane, called for an inquiry.", False),
    ],
)
def test_a_quoted_member_is_known_by_how_the_report_introduced_him(
    intro: str, flagged: bool
) -> None:
    found = codes(NEWS.format(intro=intro))
    assert any(c == "CON001" for c, _ in found) is flagged, found
    assert not any(c == "COR003" for c, _ in found), found  # the report describes him


def test_he_goes_back_to_the_officer_unless_a_member_was_named_since() -> None:
    about_officer = (
        "I met the Head of Planning about Elm Lane in my ward last week. "
        "We walked the site together. He has shown a complete lack of grip on this case.\n"
    )
    assert [c for c, _ in codes(about_officer, kind="other")] == ["CON001"]
    about_member = (
        "I met the Head of Planning about Elm Lane in my ward last week. "
        "Then Conservative leader Ben Ashdown spoke to residents. "
        "He has shown a complete lack of grip on this case.\n"
    )
    assert "CON001" not in [c for c, _ in codes(about_member, kind="other")]


def test_two_councillors_signing_under_a_plain_text_letter_are_its_senders() -> None:
    letter = (
        "Dear Sir,\nWe want residents of Fern Road to know that the road is in next year's programme.\n"
        "The resurfacing will be carried out in September and residents will be written to.\n"
        "Cllr Mary Oduya\nCllr Tom Pike\nFernside Division\nExample County Council\n"
    )
    found = codes(letter)
    assert [c for c, _ in found] == ["COR001"], found  # a division is a capacity: no COR003


FORUM = """Re: problems with the parish clerk

{body}
"""


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # an unsigned first-person post: read as a Member's words, and the finding says so
        (
            "I have raised this twice now and got nowhere. The clerk is incompetent and "
            "everyone at the meetings knows it. I am not sure what to do next, can anyone help me?",
            True,
        ),
        # the same words told by a reporter, in the third person
        (
            "Residents say the clerk is incompetent and everyone at the meetings knows it. "
            "The parish council has been asked to comment.",
            False,
        ),
    ],
)
def test_an_unsigned_first_person_post_is_read_as_a_members(body: str, flagged: bool) -> None:
    result = protocheck.check(FORUM.format(body=body), use_cache=False)
    found = [f for f in result.findings if f.code == "CON001"]
    assert bool(found) is flagged, result.findings
    if found:
        assert "if a Member" in found[0].message


def test_a_council_page_in_the_first_person_speaks_for_the_council() -> None:
    page = (
        "Kestrel Vale Borough Council\n\nNews\n\n"
        "I am pleased that residents will get their new garden waste bins in May. "
        "I know my neighbours have waited a long time, and I thank the crews.\n"
    )
    result = protocheck.check(page, use_cache=False)
    assert not [f for f in result.findings if f.code == "COR001"], result.findings


def test_a_group_meeting_in_the_news_is_no_public_report() -> None:
    story = (
        "Opposition seeks candidates\n\nAt a group meeting last week, the leader of the Green "
        "group on the county council said officers had briefed them on the budget.\n"
    )
    minutes = "Kestrel Vale Borough Council\n\nMinutes of the Cabinet\n\n" + story.split("\n\n")[1]
    assert "RPT007" not in [c for c, _ in codes(story)]
    assert "RPT007" in [c for c, _ in codes(minutes)]


@pytest.mark.parametrize(
    ("closing", "flagged"),
    [
        ("Cllr Jo Hart", True),
        ("Coun Jo Hart,", True),  # the title as northern papers print it
        ("Cllr Jo Hart\nKestrel First Candidate", False),  # a candidate's capacity
        # a parish councillor, or a chairman of a committee
        ("Jo Hart\nParish Councillor", False),
        ("Cllr Jo Hart\nChairman, Finance and General Purposes", False),
        ("Jo Hart\nCounty Councillor", True),  # which division?
        ("Cllr Jo Hart\nCllr Sam Dee\nAbbey and Marsh East Ward", False),
    ],
)
def test_a_letter_to_the_paper_signed_as_a_candidate_states_a_capacity(
    closing: str, flagged: bool
) -> None:
    letter = (
        "Dear Sir,\n\nThe new chief executive deserves a fair chance, and residents deserve "
        f"a council that plans ahead.\n\nYours faithfully,\n\n{closing}\n"
    )
    found = [c for c, _ in codes(letter)]
    assert ("COR003" in found) is flagged, found


def test_a_news_story_ending_mid_sentence_has_no_signature() -> None:
    story = (
        "Councillor cleared\n\nThe standards panel found no breach of the code.\n\n"
        '"I asked difficult questions, as I was elected to do," he said.\n\n'
        "Cllr Peter Hale, who was"
    )
    result = protocheck.check(story, use_cache=False)
    assert result.sender is None or "who was" not in result.sender, result.sender


def test_an_officer_named_once_in_a_role_is_an_officer_when_named_again() -> None:
    post = (
        "I have written before about the complaint. The council's grants manager, Owen Pryce, "
        "handled it.\n\nMonths later Pryce filed a groundless grievance about me in my ward.\n"
    )
    found = [f for f in protocheck.check(post, use_cache=False).findings if f.code == "CON001"]
    assert found and "Pryce" in found[0].text, found
    resident = post.replace(
        "The council's grants manager, Owen Pryce, handled it.", "Owen Pryce runs the shop."
    )
    assert "CON001" not in [c for c, _ in codes(resident)]


def test_reported_speech_is_the_speaker_before_the_verb() -> None:
    story = (
        "Row at committee\n\nConservative councillor Alan Penhallow accused the chief executive, "
        "Mark Tolley, of bias.\n\n"
        'He added that Tolley "showed no grasp of the planning rules on this site".\n'
    )
    # the same words said by a resident the report names are no Member's
    member_not_resident(
        story,
        "Conservative councillor Alan Penhallow",
        "Local resident Alan Penhallow",
        "Penhallow",
    )


OFFICER_NEWS = """Town hall chief hits out

{intro}

Mrs Garvock told Radio Kestrel: "The Secretary of State is a clown with no idea
what these cuts will do."
"""


@pytest.mark.parametrize(
    ("intro", "flagged"),
    [
        ("Kestrel Vale chief executive Ruth Garvock spoke out on Friday.", True),
        ("Ruth Garvock, the council's Head of Finance, spoke out on Friday.", True),
        # the same words from a resident, and from a Member, are not an officer's view
        ("Local shopkeeper Ruth Garvock spoke out on Friday.", False),
        ("Labour councillor Ruth Garvock spoke out on Friday.", False),
    ],
)
def test_a_quoted_officer_is_known_by_the_title_the_report_gave_her(
    intro: str, flagged: bool
) -> None:
    found = codes(OFFICER_NEWS.format(intro=intro))
    assert any(c == "PUB004" and "clown" in t for c, t in found) is flagged, found


@pytest.mark.parametrize(
    ("post", "flagged"),
    [
        ("Watched the debate. A Tory voter with a conscience. Who knew!", True),
        # "Labour" is the party before "voter" as before "voters"
        ("Watched the debate. A Labour voter with a conscience. Who knew!", True),
        (
            "Watched the debate. A Green councillor with actual principles. Wonders never cease.",
            True,
        ),
        # no party's people: a view of no party
        ("Watched the debate. A resident with a conscience spoke up for the library.", False),
    ],
)
def test_an_officers_surprise_that_a_partys_people_have_a_virtue_is_a_political_view(
    post: str, flagged: bool
) -> None:
    story = (
        "Council chief apologises for post\n\nKestrel Vale chief executive Ruth Garvock "
        f'apologised on Friday.\n\nMrs Garvock wrote on her work account: "{post}"\n'
    )
    assert any(c == "PUB004" for c, _ in codes(story)) is flagged, codes(story)


def test_told_names_the_hearer_not_the_speaker() -> None:
    story = OFFICER_NEWS.format(intro="Kestrel Vale chief executive Ruth Garvock spoke out.")
    found = [f for f in protocheck.check(story, use_cache=False).findings if f.code == "PUB004"]
    assert found and "Garvock" in found[0].message and "Radio" not in found[0].message, found


POST = """Thursday, 9 March 2028

Elm Lane again

The Director of Highways sent me his account of the Elm Lane closure on Monday.
{after}

{comments}
"""


@pytest.mark.parametrize(
    ("after", "flagged"),
    [
        # names no one: it goes on about the director named just before
        ("That account never told the whole truth either.", True),
        # names a Member: the criticism is of them, not of the director
        ("What Cllr Jones told the committee never told the whole truth.", False),
        # two sentences on, with no pronoun: too far to point back
        ("The road reopened on Friday.\n\nIt never told the whole truth.", False),
    ],
)
def test_a_criticism_naming_no_one_is_of_the_officer_named_just_before(
    after: str, flagged: bool
) -> None:
    post = POST.format(after=after, comments="") + "\nI raised it in my ward surgery.\n"
    found = codes(post)
    assert any(c == "CON001" and "whole truth" in t for c, t in found) is flagged, found


def test_readers_comments_under_a_post_are_not_the_writers_words() -> None:
    comments = (
        "3 comments:\n\nPat Norris said...\nThe planning officers are useless and lazy.\n\n"
        "ReplyDelete\n\nGwen Hale\nAgreed."
    )
    post = POST.format(after="We walked the route together.", comments=comments)
    post = post.replace("Elm Lane again\n", "Elm Lane again\n\nIn my ward this week.\n")
    found = codes(post)
    assert not any(c == "CON001" for c, _ in found), found
    # the same sentence in the post itself is the writer's
    own = post.replace("3 comments:\n\n", "")
    assert any(c == "CON001" and "useless" in t for c, t in codes(own)), codes(own)


def test_a_news_report_quoting_speech_in_single_quotes_has_no_first_person_writer() -> None:
    story = (
        "Finance chief rejects claim over briefings\n\n"
        "The council's finance director has rejected a claim that she kept members uninformed.\n\n"
        "Group leader Jo Pike said: 'My group asked for the figures twice and I was told "
        "they were not ready, so my view has not changed.'\n\n"
        "'I would ask my colleagues to read the minutes for themselves.'\n"
    )
    result = protocheck.check(story, use_cache=False)  # type: ignore[arg-type]
    assert result.sender is None, result.sender


def test_speech_opened_without_a_colon_and_quoting_inside_is_no_first_person_writer() -> None:
    """'... rose and said \u201cMay I raise, as the \u201cGazette\u201d asked me ...': the
    speech opens after "said", with no colon, and a title quoted inside it ends nothing."""
    story = (
        "Meeting collapses in row\n\n"
        "The special meeting to decide on the director's suspension has collapsed.\n\n"
        "Cllr Ann Vale rose and said \u201cMay I raise a point first, because the "
        "\u201cGazette\u201d rang me and I told them my view, and I still hold it.\u201d\n"
    )
    result = protocheck.check(story, use_cache=False)  # type: ignore[arg-type]
    assert result.sender is None, result.sender


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("I have ensured the railings by the school are repaired before term.", True),
        ("My ward colleague and I have now commissioned three benches for the green.", True),
        # officers did it: the Member reports the Council's work
        ("Officers have ensured the railings by the school are repaired before term.", False),
        ("I have ensured that residents know how to report a missed collection.", False),
        # reported, expected or awaited: no word given for the Council
        ("We can confirm the portfolio holder has told us the railings will be repaired.", False),
        ("It is now expected that the railings by the school will be repaired.", False),
        ("We will keep you informed as to when the railings will be repaired.", False),
        ("We can confirm that the railings by the school will be repaired.", True),
        # a commitment given in the Member's own name; one to the Member's own errand
        ("I give you my firm assurance that the swimming pool will stay open.", True),
        ("I have a commitment that I will raise the railings with officers.", False),
    ],
)
def test_works_a_member_ordered_commit_the_council(line: str, flagged: bool) -> None:
    post = (
        "Shelters on Mill Road\n\nMany of you asked me about the shelters in my ward, and I "
        f"am glad to give an update.\n\n{line}\n\nI hope this helps.\n"
    )
    found = codes(post)
    assert any(c == "COR001" for c, _ in found) is flagged, found


LINE_NEWS = (
    "Council director says sorry for magazine remarks\n"
    "The council's housing director Dana Reeve said she found some staff hard to manage.\n"
    '{member} said: "The housing director made unprofessional remarks about her own staff."\n'
    "Union officials wrote to Mrs Reeve the same day.\n"
    'Asked about it, she said: "The planning officer has been lazy and careless this year."\n'
)


@pytest.mark.parametrize(
    ("member", "flagged"),
    [
        ("Green group convener Jo Pike", True),
        ("Labour group leader Jo Pike", True),
        ("Local resident Jo Pike", False),
    ],
)
def test_each_line_of_a_news_page_is_its_own_paragraph_for_who_speaks(
    member: str, flagged: bool
) -> None:
    found = [
        f
        for f in protocheck.check(LINE_NEWS.format(member=member), use_cache=False).findings
        if f.code == "CON001"
    ]
    assert any("unprofessional" in f.text for f in found) is flagged, found
    # "she said" after Mrs Reeve was named is the director, not the Member quoted before
    assert not any("lazy" in f.text for f in found), found


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("The clerk has been dishonest with every one of us this year.", True),
        # the clerk is the one accusing: no criticism of the clerk
        ("The clerk then complained online that the councillors were dishonest.", False),
        ("The clerk is now saying the councillors misled the auditors.", False),
        # the clerk's quoted words are over before the writer's own criticism of her
        (
            'The clerk again said, "That is my view", though the papers she conveniently '
            "forgets are the ones we need.",
            True,
        ),
    ],
)
def test_an_officer_who_accuses_is_not_the_one_criticised(line: str, flagged: bool) -> None:
    post = MEMBER_POST.format(line=line)
    found = codes(post)
    assert any(c == "CON001" for c, _ in found) is flagged, found


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        # the councillors named at the top thank those who wrote to "us": the page is theirs
        ("Cllr Jo Hart and Cllr Sam Patel want to thank all the neighbours who emailed us.", True),
        # a resident's page thanking a councillor
        ("I would like to thank Cllr Jo Hart, who came to see us on Saturday.", False),
    ],
)
def test_councillors_who_open_a_page_thanking_those_who_wrote_to_us_are_its_writers(
    opening: str, flagged: bool
) -> None:
    page = f"Play area\n\n{opening}\n\nWe can confirm the broken swings will be replaced before Easter.\n"
    found = codes(page)
    assert any(c == "COR001" for c, _ in found) is flagged, found


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("Eastfield ward councillors have now commissioned three benches for the green.", True),
        ("Green Councillors have arranged with highways to get the footway kerbs lowered.", True),
        # officers did it, or the councillors only asked
        ("Officers have now commissioned three benches for the green.", False),
        ("Eastfield ward councillors have asked officers for three benches on the green.", False),
    ],
)
def test_a_ward_page_in_the_third_person_speaks_for_its_members(line: str, flagged: bool) -> None:
    page = f"Benches for the green\n\n{line}\n\nContact us with other ideas for the ward.\n"
    found = codes(page)
    assert any(c == "COR001" for c, _ in found) is flagged, found
    # the same words in the Council's own news are the Council's
    council = page + "\nPublished by Kestrel Vale Borough Council\n"
    assert not any(c == "COR001" for c, _ in codes(council)), codes(council)


def test_a_speaker_named_before_a_clause_and_a_colon_is_the_one_quoted() -> None:
    story = (
        "Row over planning advice\n\n"
        "Cllr Jo Pike, who had written to the case officer twice without a reply, added: "
        '"That is not how the case officer should treat elected members."\n'
    )
    member_not_resident(story, "Cllr Jo Pike", "Resident Jo Pike", "Pike")


@pytest.mark.parametrize(
    ("attribution", "flagged"),
    [
        # a Member described, not named, before the verb
        ('One councillor said Mr Hale had "gone too far", adding:', True),
        ("Another councillor added:", True),
        # the verb's subject after it is no speaker unless a quotation came first
        ('A resident said Mr Hale had "gone too far", adding:', False),
    ],
)
def test_a_member_described_before_the_verb_is_the_one_quoted(
    attribution: str, flagged: bool
) -> None:
    story = (
        "Director under fire\n\n"
        "Mr Hale, the council's director of housing, spoke at the meeting.\n\n"
        f'{attribution} "Whoever wrote that report is hopeless and the director is to blame."\n'
    )
    assert any(c == "CON001" for c, _ in codes(story)) is flagged, codes(story)


def test_a_person_opening_a_sentence_that_ends_in_a_colon_is_the_one_quoted(tmp_path: Path) -> None:
    # the chief executive quotes a magazine about the Member: not the Member's words
    story = (
        "Leader acts after complaint\n\n"
        "Cllr Jo Pike has been suspended from the cabinet.\n\n"
        "Ms Alder quoted a trade magazine at length: "
        '"Frankly the planning officers were hopeless and the director is incompetent."\n'
    )
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)
    doc = analysed(tmp_path, story)
    speakers = [q.speaker.name if q.speaker else None for q in quotes.quotes(doc)]
    assert speakers == ["Alder"], speakers


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("A senior Kestrel Vale council officer should resign, simple as that.", True),
        ("It calls into question the competence of the CE, frankly.", True),
        ("The planning officer who signed that off should not be employed here.", True),
        # the clerk's own charge against the writer, and an officer not identified
        ("The clerk's complaint of bullying against the chairman was rejected.", False),
        # the officer suffers the wrong, or judges the Member's conduct
        ("The new clerk was manipulated by the chairman into resigning.", False),
        (
            "Cllr Jo Hart was found to have behaved in a rude manner by the monitoring officer.",
            False,
        ),
        ("A council officer will visit the site next week, which is not fit for purpose.", False),
        ("Truth is, the deputy clerk is practically running the council now.", True),
        ("The locum clerk dictates policy to the committee.", True),
        ("Has the town clerk been telling untruths again?", True),
        ("The planning officer has shown clear bias towards the developer.", True),
        ("My complaint was handled very badly by the monitoring officer.", True),
        # a coalition, not an officer, runs the council; an officer's training on bias
        ("The officers running the council's leisure centres were thanked.", False),
        ("The clerk ran a session on unconscious bias for all staff.", False),
        ("Frankly I never had any confidence in the estates department.", True),
        ("Our clerk is now practically running council business alone.", True),
        ("The monitoring officer ignored the advice of residents for months.", True),
        # the officer gave the advice the Leader ignored
        ("The Leader brushed aside the advice of the finance director again.", False),
        ("The planners can't even answer a simple email from residents.", True),
        ("We asked the Head of Legal whether her qualifications were ever checked.", True),
        ("The clerk should have advised the chairman before the meeting.", True),
        ("The trust has gone between members and the chief executive.", True),
        # what residents did not know; letters that have not come
        ("Residents did not even know the officer had visited.", False),
        ("The officer's letters should have arrived by now.", False),
        # the officer, named before, suffers it and makes the complaint
        (
            "The parish clerk resigned in May. In truth Jo Price was manipulated by Cllr Hale "
            "into pursuing her complaint of bullying against me.",
            False,
        ),
        ("The director needs to be reminded who pays his salary.", True),
        ("Whoever drafted this report should be sacked.", True),
        (
            "The chief executive, Ian Pell, took questions. The meeting ran late. I have no "
            "confidence in this individual at all.",
            True,
        ),
        # the clerk as the one bullied, though the sentence names her first
        (
            "The clerk has raised grievances, and rightly: two members of this council keep "
            "bullying the clerk at meetings.",
            False,
        ),
        ("The clerk bullies residents who complain about the hall.", True),
        # a redacted date is no censored swear word
        ("The clerk is away on ********** and back at her desk on **********.", False),
        ("The clerk told me to stop talking b****** at the meeting.", True),
        # what residents need to be told; a candidate, not an officer
        ("Residents need to be told what the scheme will cost.", False),
        ("Whoever wins the seat should be disciplined about spending.", False),
        # bad faith laid at an officer's door, and at a party's
        ("I still think the head of legal made a deliberate effort to silence me.", True),
        ("Call me a cynic, but the clerk only finds the old minutes when it suits her.", True),
        ("Call me a cynic, but the Greens only discover potholes in April.", False),
        ("The deliberate choice of the planning officer was to refuse it.", False),
        # inexperience and not understanding laid at officers' door; volunteers, a change
        ("Too many inexperienced officers took the decisions on the estate.", True),
        ("Our new clerk clearly does not seem to understand our standing orders.", True),
        ("Inexperienced volunteers took the money at the summer fete.", False),
        # a threat laid at an officer's door; an officer threatening to resign
        ("The acting chief executive threatened to report me to the standards board.", True),
        ("Our clerk threatened to resign over the budget in March.", False),
        ("Our new clerk does not appear to mind the change of date.", False),
    ],
)
def test_criticism_of_an_officer_as_members_write_it(line: str, flagged: bool) -> None:
    post = MEMBER_POST.format(line=line)
    assert any(c == "CON001" for c, _ in codes(post)) is flagged, codes(post)


def test_a_quotation_running_over_paragraphs_is_one_speakers(tmp_path: Path) -> None:
    """British news style: each paragraph of a long quotation opens with a quotation mark
    and only the last closes. The middle paragraphs are still the Member's words, and
    "The Northgate representative said:" is the Member the report has just named."""
    story = (
        "Councillor attacks planning report\n\n"
        "Cllr Dana Whitcombe, portfolio holder for resources, spoke at scrutiny on Tuesday.\n"
        'The Northgate representative said: "I was let down by the response from the case officer.\n'
        "\"Frankly the case officer's assessment was far from professional and full of gaps.\n"
        '"Usually we are given a balanced summary of each scheme."\n'
    )
    doc = analysed(tmp_path, story)
    found = quotes.quotes(doc)
    middle = doc.text.index("Frankly")
    speaker = quotes.speaker_at(doc, middle, found)
    assert speaker and speaker.name.endswith("Whitcombe") and speaker.is_member, found
    flagged = [t for c, t in codes(story) if c == "CON001"]
    assert any("far from professional" in t for t in flagged), codes(story)


@pytest.mark.parametrize(
    "lead",
    [
        "The planning manager told the standards panel",  # an officer's words
        "The opposition motion states:",  # a motion's words, not the Member's own
    ],
)
def test_a_quotation_another_introduces_is_not_the_last_members(tmp_path: Path, lead: str) -> None:
    story = (
        "Standards panel clears councillor\n\n"
        "Cllr Owen Fenwick argued against the scheme at committee.\n"
        f'{lead} "it looked as if the planning officer had lied to members.\n'
        '"It was adversarial and the planning officer was treated with contempt."\n'
    )
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)
    doc = analysed(tmp_path, story)
    assert all(q.speaker is None or not q.speaker.is_member for q in quotes.quotes(doc))


@pytest.mark.parametrize(
    ("signoff", "member"),
    [
        ("Cllr Jo Hart, Abbey Fields Ward.", True),
        ("Councillor Jo Hart, Marsh Division", True),
        ("Jo Hart, Abbey Fields Ward.", False),  # no councillor's title: a resident of the ward
    ],
)
def test_a_letter_signed_with_the_members_ward_is_the_members(
    tmp_path: Path, signoff: str, member: bool
) -> None:
    letter = (
        "I write about the hedge planting on Mill Lane, which has taken far too long.\n\n"
        "The tree officer has been hopeless from start to finish.\n\n"
        f"{signoff}\n"
    )
    doc = analysed(tmp_path, letter)
    assert (doc.sender is not None and doc.sender.is_member) is member, doc.sender
    found = [c for c, _ in codes(letter)]
    assert ("CON001" in found) is member, found
    assert "COR003" not in found, found  # the ward is the capacity


def test_a_quotation_closed_by_a_stray_single_mark_keeps_its_speaker() -> None:
    """'... Mr Pell "kept members waiting for months,' and went on to say "he is idle":
    the first quotation ends at the single mark, so the second is the Member's own,
    introduced by the Member's verb (not the officer accusing anyone)."""
    from protocheck.model.document import quoted_passages

    line = (
        "In her emails, Cllr Okafor had said that Mr Pell \"kept members waiting for months,' "
        'and went on to say "he is idle, smug and dismissive of backbench members."'
    )
    assert [line[a:b] for a, b in quoted_passages(line)] == [
        "kept members waiting for months,",
        "he is idle, smug and dismissive of backbench members.",
    ]
    nested = "She said \"he told me 'no,' and left\" then"
    assert [nested[a:b] for a, b in quoted_passages(nested)] == ["he told me 'no,' and left"]
    story = (
        "Councillor apologises to chief executive\n\n"
        "Cllr Ruth Okafor has apologised to the chief executive, Ian Pell, after a standards finding.\n"
        f"{line}\n"
    )
    flagged = [t for c, t in codes(story) if c == "CON001"]
    assert any("Mr Pell" in t for t in flagged), codes(story)
    # the officer's own complaint, reported by a Member: the officer accuses
    story = (
        "Press office row\n\n"
        "The press officer, Ms Ann Pell, has left the council.\n"
        "Cllr Okafor told the meeting that Ms Pell had complained several times about "
        'members issuing statements that were "muddled and misleading to residents".\n'
    )
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)


def test_a_quotation_opened_with_a_closing_mark_after_a_colon_is_the_speakers() -> None:
    """'Cllr Hart said:\u201d ...\u201d': the closing mark typed after the colon opens the
    Member's words, which are then the Member's criticism, not the reporter's."""
    from protocheck.model.document import quoted_passages

    line = "Cllr Jo Hart said:\u201d The clerk sprang it on us as an ambush.\u201d Others agreed."
    assert [line[a:b] for a, b in quoted_passages(line)] == [
        " The clerk sprang it on us as an ambush."
    ]
    closing = "She called it \u201cfair\u201d and left: \u201cwe are done.\u201d"
    assert [closing[a:b] for a, b in quoted_passages(closing)] == ["fair", "we are done."]
    story = "Clerk row at parish meeting\n\nThe parish met on Monday.\n\n" + line + "\n"
    assert "CON001" in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("last", "signs"),
    [
        ("\u201cOf course Cllr Wa", False),  # a page cut off inside a quotation: no sign-off
        ("Cllr W", False),  # a page cut off in the middle of a name
        ("(b) failing to treat members of the public with respect", False),  # a list item
        ("Cllr Ann Ware", True),  # the same page signed
    ],
)
def test_a_closing_line_that_opens_a_quotation_signs_nothing(
    tmp_path: Path, last: str, signs: bool
) -> None:
    story = (
        "Town council row over private meeting\n\n"
        "Members voted seven to five on Monday that the item had been confidential.\n\n"
        "\u201cNothing about it was secret,\u201d one member told the meeting.\n\n"
        f"{last}\n"
    )
    doc = analysed(tmp_path, story)
    assert (doc.sender is not None and doc.sender.is_member) is signs, doc.sender


SAID = "Cllr Jo Hart told the meeting: \u201c{}\u201d"  # the Member's words, quoted


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # a Member's short quoted words given by a reporting verb; the same word a resident's
        (
            "Cllr Jo Hart referred to the planning officer, Mr Dan Ure, as \u201cclueless\u201d.",
            True,
        ),
        ("Cllr Jo Hart slammed the planning officer, Mr Dan Ure, as \u201cclueless\u201d.", True),
        ("Cllr Jo Hart heard a resident call the planning officer \u201cclueless\u201d.", False),
        # officers who sat on a report; a Member's own seat; a report no officer kept back
        (
            SAID.format(
                "Officers in this council kept quiet and sat on the audit report for months."
            ),
            True,
        ),
        (SAID.format("I sat on the review panel in this council for a year."), False),
        (SAID.format("The minister sat on that report for a year."), False),
        # a word given to the thing named before "as being", not to the officers after it
        (
            "Cllr Jo Hart described the Cabinet as being \u2018asleep at the wheel\u2019 and "
            "said they should have questioned what the senior staff decided.",
            False,
        ),
        (
            "Cllr Jo Hart described the senior staff as being \u2018asleep at the wheel\u2019.",
            True,
        ),
    ],
)
def test_what_a_report_gives_as_a_members_words(line: str, flagged: bool) -> None:
    story = f"Planning row\n\n{line}\n"
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # officers nobody names, but who can be identified
        ("Whoever was responsible for the new bin bags should resign.", True),
        ("Whichever senior officer signed this off is incompetent.", True),
        ("I was treated with utter contempt by officers at the hearing.", True),
        # the same words of someone who is no officer, and officers who did no wrong
        ("Whoever is elected in May should resign from the quango.", False),
        # insults, and the same words of no one at the council
        ("The interim chief executive is a buffoon with a history of cock ups.", True),
        ("The pantomime had a clown and a buffoon, to the delight of the children.", False),
        # idioms of blame with no judgement word
        ("The planning officers are taking sickies again.", True),
        ("The legal officers dither over every piece of advice.", True),
        ("The clerk has failed to act professionally or impartially.", True),
        ("The housing manager uses the excuse that the budget is fixed.", True),
        ("The clerk's position is now untenable.", True),
        ("Volunteers cleared the dead wood from the churchyard.", False),
        ("The clerk will act impartially at the count.", False),
        # a council's service named as its staff; its committee is Members
        ("Kestrel Council highways had arrogantly ignored every complaint.", True),
        ("Kestrel Council planning committee had arrogantly ignored every complaint.", False),
        ("City planning is now so biased it ignores every objection.", True),
        ("The chief executive is completely out of touch with residents.", True),
        ("Our estate has the worst lettings manager it has ever had.", True),
        ("The planners were ill informed and should be ashamed.", True),
        ("The highways officers produced a badly drafted report.", True),
        ("The clerk did not even have the courtesy to reply.", True),
        ("The badly damaged bridge will reopen in May, the engineer says.", False),
        ("The high street will be closed on Sunday for the fair.", False),
        # officers of another service
        ("The senior police officers have been useless on antisocial driving.", False),
        ("The senior council officers have been useless on antisocial driving.", True),
        ("I was treated with great courtesy by officers at the hearing.", False),
    ],
)
def test_officers_known_only_by_what_they_did(line: str, flagged: bool) -> None:
    post = MEMBER_POST.format(line=line)
    assert ("CON001" in [c for c, _ in codes(post)]) is flagged, codes(post)


def test_a_finding_inside_a_short_quotation_quotes_it_whole() -> None:
    """'... a senior officer "has to go!! Useless at the job!"': the sentence ends at the
    first "!", the finding runs on to the quotation's close."""
    story = (
        "Councillor reprimanded\n\n"
        "Cllr Jo Hart posted on Facebook that a senior council officer \u201chas to go!! "
        "Useless at the job!\u201d and later took it down.\n"
    )
    found = [t for c, t in codes(story) if c == "CON001"]
    assert found and found[0].endswith("Useless at the job!"), codes(story)


@pytest.mark.parametrize("title", ["Councilwoman", "Councilman", "Councilmember"])
def test_a_council_member_titled_as_overseas_councils_title_them_is_a_member(title: str) -> None:
    from protocheck.language import people

    assert people.member_title(f"{title} Jo Hart")
    story = (
        "Council row deepens\n\n"
        "The city manager, Ian Pell, presented the budget.\n\n"
        f'"The city manager is incompetent and arrogant," {title} Jo Hart said.\n'
    )
    assert "CON001" in [c for c, _ in codes(story)], codes(story)


def test_a_reply_below_an_email_does_not_sign_it() -> None:
    """A resident's page shows a Member's email and the officer's reply under it: the
    reply's "Dear Cllr Hart," opens another letter, it is no signature of the first."""
    page = (
        "Original Email\n"
        "Dear Highways Officers,\n"
        "The wall on Mill Close has been leaning for two years and it is dangerous.\n"
        "Can you tell me whether it is a council matter?\n"
        "Thank you\n"
        "Response:\n"
        "Dear Cllr Hart,\n"
        "Officers inspect the wall every month and it is safe.\n"
    )
    found = codes(page)
    assert not any(c == "COR003" and "Dear" in t for c, t in found), found


def test_joining_words_before_a_verb_are_no_speaker(tmp_path: Path) -> None:
    """'The clerk accepts I did not shout at him and said "..."': the pattern for "X said"
    sweeps up "and"; that is no one, least of all a Member named "and"."""
    story = (
        "Minutes row\n\n"
        "It was proposed by Cllr Jo Hart, seconded by Cllr Ann Lee and agreed.\n\n"
        'The clerk agrees I did not shout at him and said "if you had it would be in the notes."\n'
    )
    doc = analysed(tmp_path, story)
    speakers = [q.speaker for q in quotes.quotes(doc)]
    assert speakers and all(s is None or s.name != "and" for s in speakers), speakers
    assert "COR003" not in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("Your parking charges will be refunded by the council next week.", True),
        # a decision a council body has still to take: the Member tells the process
        ("The new play area will be approved by full council in March.", False),
        ("The budget will be decided at the next cabinet meeting.", False),
        # a confirmation the Member has had from someone else, and one the Member gives
        ("I have had it confirmed this week that the footpath will be resurfaced in May.", False),
        ("We have received confirmation that the footpath will be resurfaced in May.", False),
        ("I have confirmed that the footpath will be resurfaced in May.", True),
    ],
)
def test_a_decision_a_council_body_will_take_is_no_commitment(line: str, flagged: bool) -> None:
    letter = f"Dear Mrs Ames,\n\nThank you for your letter.\n\n{line}\n\nYours sincerely,\n\nCllr Jo Hart\n"
    assert ("COR001" in [c for c, _ in codes(letter)]) is flagged, codes(letter)


def test_he_introducing_a_quotation_is_the_member_just_named(tmp_path: Path) -> None:
    """'He tweeted: "..."': the verb is no speech verb protocheck knows, but "he" is the
    Member the report has just named, unlike "The motion states:"."""
    story = (
        "Councillor's post investigated\n\n"
        "Cllr Tom Ashby posted after the meeting.\n\n"
        'He tweeted: "the overpaid planners at the town hall are clueless again."\n'
    )
    doc = analysed(tmp_path, story)
    speakers = [q.speaker for q in quotes.quotes(doc)]
    assert speakers and speakers[0] is not None and speakers[0].is_member, speakers


MEETING_NEWS = "Row at the town hall\n\nTempers frayed at Tuesday's full council.\n\n{line}\n"


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # a Member's short quoted words, given by the verb that reports them
        ('Later Tory councillor Dan Ferris accused the chief executive of being "biased".', True),
        (
            "Cllr Ruth Moss accused highways officers of a \u201cshambles\u201d over the bridge.",
            True,
        ),
        # the same words with no Member giving them, or given about a motion
        ('Residents accused the chief executive of being "biased".', False),
        (
            "The finance director spoke first. A cross Coun Ruth Moss described the motion "
            'as "stupid".',
            False,
        ),
        # officers are the ones insulted and threatened, no one says by whom
        (
            'Cllr Ruth Moss said: "Planning officers have been harassed and intimidated at '
            'these meetings for years."',
            False,
        ),
    ],
)
def test_a_members_short_quoted_words_in_a_news_report_are_theirs(line: str, flagged: bool) -> None:
    story = MEETING_NEWS.format(line=line)
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # a censored swear word, hyphenated judgements, a feeling about what an officer did
        ("I told the chief executive to stop talking b****** at the meeting.", True),
        ("The planning officers were high-handed with every objector.", True),
        ("Their report is a half-baked piece of work by the planners.", True),
        ("I am appalled by the conduct of the monitoring officer.", True),
        ("The chief executive enjoys a cosy relationship with the developer.", True),
        # the same words of the writer, of the roads, or of a cafe
        ("I am appalled at the state of the roads in my ward.", False),
        ("I was ill-informed about the bus times, my mistake.", False),
        ("A cosy cafe has opened opposite the council offices.", False),
        ("The rating in the report is *** out of five.", False),
        # insinuated dishonesty; officers as a body trying to mislead
        ("Refusing to publish the accounts shows the clerk has something to hide.", True),
        ("There are clear signs of officers trying to mislead the committee.", True),
        ("Residents have something to celebrate this summer.", False),
        # a judgement named of something is of that thing, or a report's own word
        ("I described the planning officers as clueless at the meeting.", True),
        ("Members called the planning officers incompetent.", True),
        ("The director presented the budget. Members called the budget incompetent.", False),
        (
            "The inspectors wrote a damning report which labelled the housing department "
            "as inadequate.",
            False,
        ),
        # how someone else treats an officer; a feeling about what is not an officer
        ("Cllr Ross has been rather disingenuous towards our planning manager.", False),
        (
            "Appalled at how the agenda was rigged, I wrote to the monitoring officer "
            "straight away.",
            False,
        ),
        # a call to resign in other words, and a forgetting that is too convenient
        ("The group will table no confidence motions in two senior officers.", True),
        ("Frankly the chief executive should consider his position.", True),
        ("If I were the clerk, I would resign before she is sacked.", True),
        ("Residents should consider their options before the deadline.", False),
        ("The leader survived a no confidence vote last year.", False),
        # a question who runs the council names no officer as running it
        (
            "The chief executive spoke at length. You have to ask who really runs this "
            "council now.",
            False,
        ),
        ("Officers trying their best over the winter deserve our thanks.", False),
        # a call to hold officers to account; a meeting held to discuss is no call
        ("The handling was appalling. The director and his staff must be held accountable.", True),
        ("The planners have to be held to account for the mess at Elm Lane.", True),
        ("A meeting will be held to discuss the plans with the planning officers.", False),
        # absenteeism among named posts is a charge of misconduct
        ("We are seeing chronic absenteeism from the planning officers.", True),
        # misconduct alleged; a judgement of what an officer did; the same word of roadworks
        ("I have reported the monitoring officer to the police for misconduct.", True),
        ("It is quite unacceptable for the planning officer to ignore ward members.", True),
        ("The delays on the ring road are unacceptable to everyone who uses it.", False),
        # the council's one clerk, named by what the council has
        ("Sadly the parish council has a rude and obstructive clerk.", True),
        # a charge the sentence clears the officers of
        ("The audit found no evidence of a lack of grip among the planning officers.", False),
        ("The audit found a lack of grip among the planning officers.", True),
        # a charge someone is asked to apologise for; a criticism of a group named here
        ("Will he now apologise for calling the planning officers liars?", False),
        ("He called the planning officers liars and will not apologise.", True),
        ("I make no apology for calling the planning officers liars.", True),
        (
            "The planning officers wrote the report. It is pathetic to watch a whole "
            "political group cave in like that.",
            False,
        ),
        ("The planning officers wrote the report. It is pathetic work.", True),
        # allegations reported, to be cleared up: not the writer's charge
        (
            "We want the allegations that planning officers deliberately "
            "misled residents looked into at once.",
            False,
        ),
        (
            "We want the planning officers who deliberately misled residents "
            "to be held to account.",
            True,
        ),
        # a harm a Member did: the officer named before is not the one blamed
        (
            "The chief executive, Ruth Garvock, wrote to all members about it.\n\nI am relieved "
            "that my complaint about bullying by one senior councillor is over.",
            False,
        ),
        (
            "The chief executive, Ruth Garvock, wrote to all members about it.\n\nI am relieved "
            "that my complaint about her bullying is over.",
            True,
        ),
        # "did not do" the job is criticism, "did not do so" is not
        ("The planning officer simply did not do her job on the Elm Lane file.", True),
        # "did not do so": what the writer chose, nothing about the officer
        (
            "I spoke to the managing director about a motion but, after further advice, did "
            "not do so.",
            False,
        ),
        # an officer's time, qualifications
        ("Our clerk is not really using her time well at all.", True),
        ("When appointed, the new clerk was unqualified for the work of the council.", True),
        # the same words about no officer, or with nothing said of their work
        ("I don't believe that residents are using the new bins.", False),
        ("The new clerk said the scheme was an unqualified success.", False),
        # apologies demanded, emails unread
        ("It is wholly unacceptable for our head of education to blame the schools.", True),
        ("The Director of Housing, Ms Pike, must apologise to the tenants.", True),
        (
            "Every employee of Kestrel Vale Council in planning plainly failed to read the plans.",
            True,
        ),
        # the same verbs with no officer failing
        ("The bus to the civic centre failed to arrive on time again.", False),
        ("I need to apologise to the head of education for my late reply.", False),
        # a criticism word the member disowns
        ("What I said of the planning officer was meant in a rude way.", True),
        # the word disowned
        (
            "What I said of the planning officer was not meant in a hostile or rude way.",
            False,
        ),
        # insinuations of manipulation, bias and obstruction
        ("The legal officers set out to divide and rule the committee.", True),
        ("The planning department has become an agent for developers.", True),
        ("The chief executive has repeatedly declined requests for the legal advice.", True),
        ("A top official is guilty of gagging councillors in this borough.", True),
        # the same words with no officer in them
        ("Residents have repeatedly asked for a crossing on Mill Road.", False),
        ("The new hedges will suppress weeds along the verge by the depot.", False),
        # capitulation, disbelief and strings of errors
        ("We object to the capitulation of senior management to the ruling group.", True),
        ("I cannot believe for a moment that the director knew nothing of it.", True),
        ("The enforcement officers have made a string of costly errors this year.", True),
        # the officer wronged, or the mistakes someone else's
        ("Residents make mistakes on the forms the planning officer sends them.", False),
        ("The chairman was rude to the clerk at the last meeting.", False),
        # deceit, sarcasm and naivety charged to officers
        ("A highly paid public employee wrote that misleading leaflet at our expense.", True),
        ("The clerk's letter is trying to con new councillors into backing the plan.", True),
        ("By remarkable coincidence the clerk could not find the minutes that evening.", True),
        ("The department have been naive about the risks of the scheme from the start.", True),
        # no officer at all
        ("The magician tried to juggle five balls at the fete.", False),
        # inaction, untruth and disappointment in officers
        ("I raised it twice and the planning officer did nothing about it.", True),
        ("The clerk does not tell the truth at our public meetings.", True),
        ("I was disappointed in the planning officer at the site visit.", True),
        ("The arrogance of the trees and highways departments is staggering.", True),
        # the same words of no officer
        ("There is nothing about it in the minutes of the planning meeting.", False),
        ("I was disappointed that the fete was cancelled this year.", False),
    ],
)
def test_criticism_in_more_of_the_ways_members_write_it(line: str, flagged: bool) -> None:
    post = MEMBER_POST.format(line=line)
    assert ("CON001" in [c for c, _ in codes(post)]) is flagged, codes(post)


def test_she_after_an_officer_named_with_her_title_is_that_officer(tmp_path: Path) -> None:
    """'Jo Pike, assistant director for customer services, made the complaint. She said:
    "..."': the officer speaks, so her words about a Member are an officer's, and the
    Member named earlier is not the speaker."""
    story = (
        "Councillor breached code\n\n"
        "The panel found Cllr Dan Ferris had broken the code of conduct.\n\n"
        "Jo Pike, assistant director for customer services, made the complaint. She said: "
        '"I am appalled by Cllr Ferris\'s behaviour towards a member of my team."\n'
    )
    speakers = [q.speaker for q in quotes.quotes(analysed(tmp_path, story))]
    assert speakers and speakers[0] is not None and speakers[0].is_officer, speakers
    found = [f for f in protocheck.check(story, use_cache=False).findings if f.code == "CON001"]
    assert found and "Pike" in found[0].message and "a Member" in found[0].message, found


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("If a bin is missing from your street, I'll get one provided.", True),
        ("I will have the broken bench replaced next week.", True),
        # the Member's own reply, or works the Council may do if they are needed
        ("I will get a reply from officers and let you know.", False),
        ("A grit bin will go in before the cold weather if needed.", False),
        # works the Member announces as scheduled, not a meeting's business
        ("Elm Lane and Mill Road footways are scheduled within the coming fortnight.", True),
        ("Station Road is set to undergo resurfacing works next month.", True),
        ("The bins report is scheduled for the next cabinet meeting.", False),
        ("The local plan is set to undergo consultation in the spring.", False),
    ],
)
def test_what_a_member_says_they_will_get_done_commits_the_council(
    line: str, flagged: bool
) -> None:
    post = (
        "Bins in Mill Road\n\nMany of you asked me about the bins in my ward, and I am glad "
        f"to give an update.\n\n{line}\n\nI hope this helps.\n"
    )
    assert ("COR001" in [c for c, _ in codes(post)]) is flagged, codes(post)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "Your parcels left at the civic offices will be collected by the council each week.",
            True,
        ),
        # the Member's own errand
        ("Parcels left at the civic offices for me will be collected by me each week.", False),
        # a decision about the Member's own doings, put off by an aside
        ("I have decided – after some thought – to publish the letters on my blog.", False),
        ("I have approved your application for the hall.", True),
    ],
)
def test_what_a_member_will_do_themself_is_no_commitment_of_the_council(
    line: str, flagged: bool
) -> None:
    letter = f"Dear Mr Hale,\n\n{line}\n\nYours sincerely,\nCllr Jo Pike\nWard Councillor for Elm\n"
    assert any(c == "COR001" for c, _ in codes(letter)) is flagged, codes(letter)


def test_a_message_a_member_passes_on_is_not_their_commitment() -> None:
    """A Member's page carrying an officer's message below "See below the reply we had
    from the roads team": the works it announces are the officer's to commit."""
    opening = "Mill Road\n\nMany of you asked me about the road in my ward: an update.\n\n"
    works = "We will arrange for the road to be resurfaced between 7 and 10 October.\n"
    passed = "See below the reply we had from the roads team.\n\n"
    assert "COR001" in [c for c, _ in codes(opening + works)]
    assert "COR001" not in [c for c, _ in codes(opening + passed + works)]


@pytest.mark.parametrize(
    ("opener", "member"),
    [
        ("Cllr Ann Hale opened the debate, she said", True),
        # a resident opens the sentence; a Member named only after the pronoun's sentence
        ("Mrs Ann Hale opened the debate, she said", False),
        ("Cllr Ann Hale listened. Mrs Ruth Dale opened the debate, she said", False),
    ],
)
def test_a_pronoun_goes_on_the_member_who_opens_its_sentence(
    tmp_path: Path, opener: str, member: bool
) -> None:
    """'Cllr Ann Hale opened the debate, she said that Mr Pike's pay was high and "..."': the
    Member the sentence opens with, though an officer was named after her."""
    story = (
        "Chief executive survives vote\n\n"
        f"{opener} that Mr Pike's pay was far above a minister's and \"we have had "
        'four years of problems, all of them handled very badly".\n'
    )
    speakers = [q.speaker for q in quotes.quotes(analysed(tmp_path, story))]
    assert speakers, speakers
    assert bool(speakers[0] is not None and speakers[0].is_member) is member, speakers


@pytest.mark.parametrize("verb", ["claimed", "insisted", "argued", "admitted", "replied"])
def test_more_verbs_of_attribution_name_the_speaker(tmp_path: Path, verb: str) -> None:
    """'"...," claimed councillor Jo Hanna.': the verbs news reports use besides "said"."""
    story = (
        "Planning delays\n\n"
        f'"Applicants are waiting months for their decision notices," {verb} councillor '
        "Jo Hanna.\n"
    )
    speakers = [q.speaker for q in quotes.quotes(analysed(tmp_path, story))]
    assert speakers and speakers[0] is not None and speakers[0].is_member, speakers


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # a party's councillors as the subject of an unsigned page: Members speak
        ("The Green group says it has lost all confidence in the chief executive.", True),
        ("Labour councillors say the planning officers are clueless.", True),
        # a residents' group is no party's Members
        ("The residents' group say the planning officers are clueless.", False),
    ],
)
def test_a_partys_councillors_as_subject_of_an_unsigned_page_speak(
    line: str, flagged: bool
) -> None:
    page = f"Group statement on the town hall\n\n{line}\n"
    assert ("CON001" in [c for c, _ in codes(page)]) is flagged, codes(page)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # "she" after a Member named in the sentence is that Member, not the officer before
        ("Coun Hale is adept at misleading people, for reasons only she knows.", False),
        ("She is adept at misleading people, and Coun Hale knows it.", True),
        # "they" may still be the officers when a Member is named before it
        ('Cllr Hale said: "Had they not lied to us, the scheme would have failed."', True),
    ],
)
def test_a_pronoun_after_a_member_named_in_the_sentence_is_that_member(
    line: str, flagged: bool
) -> None:
    post = MEMBER_POST.format(
        line=f"I met the planning officers about the Elm Lane plans last week. {line}"
    )
    assert ("CON001" in [c for c, _ in codes(post)]) is flagged, codes(post)


def test_a_heading_that_names_a_post_is_no_signatory(tmp_path: Path) -> None:
    page = (
        "Parish Council News June 2027\n\nThank you\n\nAt the annual meeting we thanked "
        "Chairman Ann Voss, who has stepped down. Ann sat on the Parish Council a long time, "
        "first as Councillor, then as its Chairman from 2024.\n\nNew Chairman\n\n"
        "A vote was held and Councillor Ben Tull was elected to the chair. We wish him well.\n\n"
        "Footpaths\n\nThe footpath group met in May and thanks all its volunteers.\n"
    )
    doc = analysed(tmp_path, page)
    assert doc.sender is None or doc.sender.name != "New Chairman", doc.sender
    assert "COR003" not in [c for c, _ in codes(page)], codes(page)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ('Cllr Dan Ferris said: "The planning officers are guilty of bullying residents."', True),
        # harm named as done to the officer: the officer suffers it
        (
            'Cllr Dan Ferris said: "There has been intimidation and abuse of the planning '
            'officers by the leader."',
            False,
        ),
        # quoted words of a complaint the council made about the Member
        (
            "Cllr Dan Ferris spoke at the meeting.\n\nThe council complained that Cllr Ferris "
            "had given a \u201cmisleading and provocative account\u201d of the chief executive\u2019s pay.",
            False,
        ),
        (
            "Cllr Dan Ferris accused the chief executive of giving a \u201cmisleading and "
            "provocative account\u201d of her pay.",
            True,
        ),
    ],
)
def test_harm_done_to_an_officer_and_a_complaints_words_are_no_members_criticism(
    line: str, flagged: bool
) -> None:
    page = MEETING_NEWS.format(line=line)
    assert ("CON001" in [c for c, _ in codes(page)]) is flagged, codes(page)


def test_a_letter_to_the_paper_signed_above_an_address_is_its_signers(tmp_path: Path) -> None:
    letter = (
        "Standards matter\n\nI am writing about last week's letters on conduct at the town hall.\n\n"
        "Most people here are well served and I want to thank them for their patience.\n\n"
        "Jan Pryor\n\nChief Executive\n\nKestrel Vale Council\n\nCivic Offices\n\nMarket Street\n"
    )
    doc = analysed(tmp_path, letter)
    assert doc.sender is not None and doc.sender.is_officer, doc.sender
    assert doc.sender.name == "Jan Pryor"


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        ("Without the papers, our job as ward councillors is impossible.", True),
        ("As councillors we were never shown the draft.", True),
        # a resident's post: the councillors' job is someone else's
        ("How are the councillors meant to do their job without the papers?", False),
    ],
)
def test_a_writer_who_speaks_of_our_job_as_councillors_is_a_member(
    opening: str, flagged: bool
) -> None:
    found = codes(BLOG.format(opening=opening))
    assert any(c == "CON001" and "appalling" in t for c, t in found) is flagged, found


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        # officers picked out by what they did, then "they"
        (
            "Officers who attended the flood meeting came with no list of homes.\n\n"
            "It was shameful that they could not answer a single question.",
            True,
        ),
        ("The failings of the whole sorry saga come down to officer incompetence.", True),
        ("Then a Director of a department turned up and made a complete shambles of it.", True),
        # the failings named are a politician's
        (
            "The officer failings are plain.\n\nThe political failings of the former "
            "leader, who refused an inquiry, are appalling.",
            False,
        ),
        # officers who will do something: no one identified by what they did
        ("Officers that will visit next week may find it a shambles.", False),
    ],
)
def test_officers_picked_out_by_what_they_did_or_by_their_failings(
    line: str, flagged: bool
) -> None:
    found = codes(MEMBER_POST.format(line=line))
    hits = [t for c, t in found if c == "CON001"]
    if "political failings" in line:
        assert not any("appalling" in t for t in hits), found
    else:
        assert bool(hits) is flagged, found


THREAT_NEWS = """{headline}

{lead}

The message was later passed to the council's monitoring officer.

It read: "I have said from the start that the forum will not pay for this.

"{threat}"
"""


@pytest.mark.parametrize(
    ("headline", "lead", "threat", "flagged"),
    [
        (
            "Councillor suspended over email to engineer",
            "A ward councillor has been suspended after an email to a highways engineer.",
            "When I am back from leave I shall put you through the mincer at committee.",
            True,
        ),
        (
            "Councillors accused of bullying staff",
            "An inspection heard that staff were told 'we will get you' by some members.",
            "Mark my words, we will get you.",
            True,
        ),
        # a resident's threat, reported: no Member in the story's opening
        (
            "Man fined over email to engineer",
            "A Kestrel man has been fined after an email to a highways engineer.",
            "When I am back from leave I shall put you through the mincer at the hearing.",
            False,
        ),
        # a Member's promise, not a threat
        (
            "Councillor suspended over email to engineer",
            "A ward councillor has been suspended after an email to a highways engineer.",
            "We will get you an answer on the crossing by Friday.",
            False,
        ),
    ],
)
def test_a_report_quoting_a_members_threat_to_an_officer(
    headline: str, lead: str, threat: str, flagged: bool
) -> None:
    story = THREAT_NEWS.format(headline=headline, lead=lead, threat=threat)
    assert any(c == "CON002" for c, _ in codes(story)) is flagged, codes(story)


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("A message from the Mayor: Jo Hart writes for Kestrel Vale.", "press-release"),
        ("The Leader's column", "press-release"),
        # a resident's letter that mentions the mayor is no message from them
        ("A message to the Mayor from the residents of Elm Lane.", "other"),
    ],
)
def test_a_message_from_the_mayor_or_leader_is_council_publicity(
    tmp_path: Path, opening: str, kind: str
) -> None:
    page = (
        f"{opening}\n\nI am pleased to write to you in this edition about what your council "
        "has delivered this year.\n\nThe new library opens in June.\n"
    )
    assert analysed(tmp_path, page).kind == kind


def test_he_said_after_a_quotation_does_not_point_back_to_an_officer() -> None:
    story = (
        "Day centre to close\n\nCouncillor Alan Penhallow said he disagreed with the chief "
        "executive, Ruth Garvock, over the closure.\n\nHe said the lunch club would move and that it would affect "
        "the lunch club.\n\n\u201cThe whole consultation was a shambles from start to "
        "finish\u201d, he said.\n"
    )
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)
    # the same words going on about her with a pronoun of their own are the Member's criticism
    about_her = story.replace("The whole consultation was", "What she did to the consultation was")
    assert "CON001" in [c for c, _ in codes(about_her)], codes(about_her)


@pytest.mark.parametrize(
    ("opening", "closing", "flagged"),
    [
        # a ward post signed with the Member's name: no letter whose sign-off would carry it
        ("Footpath 12 resurfaced", "My thanks to everyone who pushed for it.", False),
        # a letter to the paper signed the same way: the sign-off should say in what capacity
        ("Letters to the Editor\n\nSir,", "Yours faithfully,", True),
    ],
)
def test_a_members_own_post_needs_no_capacity_but_a_letter_to_the_paper_does(
    opening: str, closing: str, flagged: bool
) -> None:
    page = (
        f"{opening}\n\nOfficers told me last week that the path by the "
        "station would be resurfaced, and the works are now done.\n\n"
        f"{closing}\n\nCllr Sam Okafor\n"
    )
    assert ("COR003" in [c for c, _ in codes(page)]) is flagged, codes(page)


def test_a_first_name_signing_under_the_councillors_full_name_is_that_councillor(
    tmp_path: Path,
) -> None:
    page = (
        "Mill Lane will be closed for two days next week.\n"
        'Councillor Jo Hartley said "I can tell you now that Mill Lane will be '
        'resurfaced in the week after Easter."\n'
        "Comments\n"
        "Is the car park included?\n"
        "Not this time, I am afraid.\n"
        "Kind regards,\n"
        "Jo\n"
    )
    doc = analysed(tmp_path, page)
    assert doc.sender is not None and doc.sender.name == "Jo Hartley", doc.sender
    assert "COR001" in [c for c, _ in codes(page)], codes(page)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("Until the meetings resume we will make the payments for the bills we agreed.", True),
        ("Hopefully the wall will be repaired in the spring.", False),
        ("The wall will be repaired in the spring.", True),
    ],
)
def test_payments_promised_and_works_hoped_for_in_a_members_letter(
    line: str, flagged: bool
) -> None:
    letter = (
        "Dear Residents,\n\nI am writing about the parish council's arrangements this spring.\n\n"
        f"{line}\n\nKind regards\n\nCllr Sam Okafor\nChairman\n"
    )
    assert ("COR001" in [c for c, _ in codes(letter)]) is flagged, codes(letter)


REPORTED_CHARGES = """Inquiry into depot errors

Council leader Cllr Dan Ferris said the inquiry should now be put behind everyone.

{middle}

{line}
"""


@pytest.mark.parametrize(
    ("middle", "line", "flagged"),
    [
        # "She said:" after an MP was named goes to the MP, not back to the leader
        (
            "Jo Marsh, Conservative MP for the Vale, called the affair a scandal.",
            'She said: "The planning officers have behaved in a careless and unprofessional manner."',
            False,
        ),
        (
            "The leader spoke again after the meeting.",
            'He said: "The planning officers have behaved in a careless and unprofessional manner."',
            True,
        ),
        # the Member accused: the words quoted are the accuser's
        (
            "Cllr Ann Pike spoke at the meeting.",
            "Cllr Pike was accused of compromising the impartiality of planning officers and "
            "asking a question that was \u201cintimidating, insulting and humiliating\u201d.",
            False,
        ),
    ],
)
def test_a_charge_someone_else_made_is_no_members_criticism(
    middle: str, line: str, flagged: bool
) -> None:
    page = REPORTED_CHARGES.format(middle=middle, line=line)
    assert ("CON001" in [c for c, _ in codes(page)]) is flagged, codes(page)


def test_a_report_quoting_a_members_you_had_better_or_else() -> None:
    story = THREAT_NEWS.format(
        headline="Councillor suspended over call to housing manager",
        lead="A ward councillor has been suspended after a call to a housing manager.",
        threat="You and your team had better get down here today, otherwise residents will know why.",
    )
    assert "CON002" in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("officers", "flagged"),
    [
        ("some of the [highways] officers", True),
        ("some of the highways officers", True),
        # no officers named before "they": the residents are whom it is about
        ("some of the residents", False),
    ],
)
@pytest.mark.parametrize("said", ["Mrs Hart said", "Cllr Hart said"])
def test_they_goes_back_past_the_member_who_said_it_to_the_officers(
    officers: str, flagged: bool, said: str
) -> None:
    story = (
        "Flood meeting row\n\nJo Hart, a district councillor for Abbey ward, spoke at the "
        "council meeting last week.\n\n"
        f"\u201cThe attitude of {officers} at the drop-in was surprising,\u201d {said}.\n\n"
        "\u201cIt was unbelievable that they could not tell us which streets were under water.\u201d\n"
    )
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("Kestrel Vale Council News - Spring 2027", "press-release"),
        ("Residents' Magazine", "press-release"),
        # a report about a party's newsletter is no council newsletter
        (
            "The Focus newsletter the Kestrel Green group delivered last week has been "
            "criticised for using the council's logo.",
            "other",
        ),
    ],
)
def test_a_newsletter_title_makes_publicity_but_a_sentence_about_one_does_not(
    tmp_path: Path, opening: str, kind: str
) -> None:
    page = f"{opening}\n\nThe new library opens in June and the pool reopens in July.\n"
    assert analysed(tmp_path, page).kind == kind


def test_a_news_story_ending_on_what_a_councillor_revealed_has_no_signature(
    tmp_path: Path,
) -> None:
    story = (
        "Newsletter row\n\nCouncillors have asked why the council newsletter went out "
        "without their knowledge.\n\nThe leader said officers had been told.\n\n"
        "Cllr Hart disclosed that the leaflet had cost \u00a38,000"
    )
    doc = analysed(tmp_path, story)
    assert doc.sender is None, doc.sender
    assert "COR002" not in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("lead", "flagged"),
    [
        # the opening gives the capacity of the one Member the release goes on to quote
        ("The Leader of Kestrel Vale Council had his first jab this week.", False),
        ("Cllr Jo Hart, of Abbey and Marsh ward, had her first jab this week.", False),
        # nothing says in what capacity the Member speaks
        ("A councillor had a first jab this week at the health centre.", True),
    ],
)
def test_a_release_that_opens_with_the_members_capacity_needs_no_more(
    lead: str, flagged: bool
) -> None:
    release = (
        "Vaccine call\n\nPRESS RELEASE\n\n"
        f"{lead}\n\nCllr Jo Hart went to the health centre on Monday.\n\n"
        'Cllr Jo Hart said: "I am glad to have had my jab and I urge everyone to have theirs."\n'
    )
    assert ("COR003" in [c for c, _ in codes(release)]) is flagged, codes(release)


@pytest.mark.parametrize(
    ("intro", "flagged"),
    [
        ("District councillor Alan Penhallow spoke to the protesters.", True),
        # no Member now: a former councillor's words, or a resident's who shouted them
        ("Former district councillor Alan Penhallow spoke to the protesters.", False),
        ("Ex-councillor Alan Penhallow spoke to the protesters.", False),
    ],
)
def test_a_former_councillor_is_no_member(intro: str, flagged: bool) -> None:
    story = (
        f"Planning row\n\n{intro}\n\nHe said: \u201cThis proves how useless and utterly "
        "incompetent the planning department has become.\u201d\n"
    )
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


def test_a_resident_who_shouted_is_the_speaker(tmp_path: Path) -> None:
    story = (
        "Stormy meeting\n\nThe first motion was ruled out of order, and council leader Cllr "
        "Dan Ferris tried to calm the public gallery.\n\n"
        'Local businessman Tom Reed shouted: "You are a disgrace, especially you, the '
        "council's solicitor.\"\n"
    )
    doc = analysed(tmp_path, story)
    speaker = quotes.speaker_at(doc, doc.text.index("a disgrace"), quotes.quotes(doc))
    assert speaker and speaker.name == "Tom Reed" and not speaker.is_member, speaker
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        # the Council's own news page
        ("Kestrel Vale Council will be writing to every household on Mill Road this week.", True),
        # a newspaper's report of the same
        ("Residents of Mill Road told the Gazette the council had been slow to act.", False),
    ],
)
def test_liability_accepted_on_a_council_page_not_in_a_news_report(
    opening: str, flagged: bool
) -> None:
    page = (
        f"Burst main on Mill Road\n\n{opening}\n\n"
        "The Council accepts full responsibility for the flooding and will compensate every "
        "household affected.\n"
    )
    assert ("PUB003" in [c for c, _ in codes(page)]) is flagged, codes(page)


def test_a_councillor_named_then_quoted_by_surname_is_one_pre_election_finding(
    tmp_path: Path,
) -> None:
    found = pre_election(
        tmp_path,
        "Cllr Jo Hart, Cabinet Member for Transport, opened the first shelter on Monday.\n\n"
        'Cllr Hart said: "Residents asked for these and they are here."\n\n'
        "Cllr Hart's team will add two more in May.\n",
    )
    assert len(found) == 1 and "Hart" in found[0].message, found


@pytest.mark.parametrize(
    ("before", "flagged"),
    [
        ("Cllr Alan Penhallow was angry that a trade paper had called the scheme settled.", True),
        # a resident named since: "He" is the resident
        (
            "Cllr Alan Penhallow spoke first.\n\nLocal builder Mr Tom Reed was angry that a "
            "trade paper had called the scheme settled.",
            False,
        ),
    ],
)
def test_he_accused_the_officer_of_quoted_words_is_the_member_named_before(
    before: str, flagged: bool
) -> None:
    story = (
        f"Planning row\n\n{before}\n\n"
        'He accused Mr Pryce, the planning director, of "giving away free advice to the developers".\n'
    )
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


@pytest.mark.parametrize(
    ("after", "flagged"),
    [
        ("That account was a shameful distortion of the facts.", True),
        # a body outside the council is the one the sentence is about
        ("Readers ask why the Ombudsman would not look at this shameful distortion.", False),
        # Members are the subject: the criticism is of them, not the director
        ("I hope any member who was shamefully rude to our staff will reflect on it.", False),
    ],
)
def test_a_criticism_of_an_outside_body_or_of_members_is_not_of_the_officer_named_before(
    after: str, flagged: bool
) -> None:
    post = POST.format(after=after, comments="") + "\nI raised it in my ward surgery.\n"
    assert ("CON001" in [c for c, _ in codes(post)]) is flagged, codes(post)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("I have posted the Part II report on the depot sale here for residents to read.", True),
        # a blog series in parts is no exempt paper
        (
            "I have posted Part 2 of my story about the depot sale here for residents to read.",
            False,
        ),
    ],
)
def test_part_two_is_an_exempt_paper_not_the_second_part_of_a_blog(
    line: str, flagged: bool
) -> None:
    found = codes(MEMBER_POST.format(line=line))
    assert ("CON003" in [c for c, _ in found]) is flagged, found


@pytest.mark.parametrize(
    ("stamp", "flagged"),
    [
        # a news site's page: its timestamp says so, a council's name line on it or not
        ("Updated Thursday, 15th April 2027, 10:32 am\n\n", False),
        ("", True),
    ],
)
def test_a_news_page_with_a_council_name_line_is_no_council_publicity(
    tmp_path: Path, stamp: str, flagged: bool
) -> None:
    config = county_elections(tmp_path)
    page = (
        "Holiday clubs well used, cabinet hears\n\nKestrel Vale County Council\n\n"
        f"Thursday, 15th April 2027\n{stamp}"
        "Cabinet member for children Cllr Jo Hart said the clubs had been a success.\n"
    )
    found = protocheck.check(page, config=config, use_cache=False).findings
    assert ("PUB002" in [f.code for f in found]) is flagged, found


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # "she" again and again back to the clerk the post began with, past three sentences
        (
            "I have been a town councillor since 2019. Our clerk came to us from the county "
            "council. There are several problems. The office is a mess and she has been told "
            "to tidy it. The agendas go out late. She is obstructive whenever she is asked "
            "for a document she would rather keep.",
            True,
        ),
        # the same, with the chain broken: four sentences with no "she" in them
        (
            "I have been a town councillor since 2019. Our clerk came to us from the county "
            "council. There are several problems. The office is a mess. The agendas go out "
            "late. The hall roof leaks. She is obstructive whenever she is asked for a document.",
            False,
        ),
    ],
)
def test_she_runs_on_to_the_officer_the_chain_began_with(body: str, flagged: bool) -> None:
    result = protocheck.check(FORUM.format(body=body), use_cache=False)
    assert any(f.code == "CON001" for f in result.findings) is flagged, result.findings


def test_a_question_closing_a_post_signs_nothing() -> None:
    """A post's last line asking "Who does the finance manager report to, then" names a
    role, not who wrote it: the writer who says they are a councillor still speaks."""
    body = (
        "I am now vice chair of the Eastfield town council. The clerk is obstructive "
        "whenever she is asked for a document she would rather keep.\n\n"
        "Who does the finance manager report to, then"
    )
    result = protocheck.check(FORUM.format(body=body), use_cache=False)
    assert [f.code for f in result.findings if f.code == "CON001"] == ["CON001"], result.findings


@pytest.mark.parametrize(
    "line",
    [
        "Cllr Jo Hart, who represents Abbey ward, told the housing officer \u201cStalin "
        "would be proud\u201d of that memo.",
        "Cllr Jo Hart, whose ward includes the depot, said the council officer was \u201cuseless "
        "at the job and should go\u201d.",
        "\u201cThe planning officer is useless at the job and should go,\u201d Cllr Jo Hart, who "
        "represents Abbey ward, said.",
        "The Green councillor said she \u201cdidn\u2019t like the licensing manager\u2019s "
        "attitude\u201d at the hearing.",
        "Cllr Jo Hart said: \u201cI blame the director of finance and I want her gone by "
        "the spring.\u201d",
    ],
)
def test_a_members_words_after_an_aside_about_who_they_are(line: str) -> None:
    story = f"Planning row\n\n{line}\n"
    assert "CON001" in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(("minutes", "flagged"), [("Minutes:\n\n", False), ("", True)])
def test_minutes_record_a_members_words_without_a_capacity_to_mend(
    minutes: str, flagged: bool
) -> None:
    """A council page quoting a Member with no capacity is a statement for the media,
    unless it is the minutes of a meeting, which record what was said there."""
    page = (
        "Kestrel Vale District Council\n\nAgenda item\n\nLibrary opening hours\n\n"
        f"{minutes}The Head of Libraries introduced the report.\n\n"
        "Cllr Jo Hart said: \u201cClosing on Saturdays would hurt the families who use the "
        "library most.\u201d\n"
    )
    assert ("COR003" in [c for c, _ in codes(page)]) is flagged, codes(page)


def test_an_alderman_is_a_member() -> None:
    """Northern Ireland's councils elect aldermen: "Alderman Hart said" quotes a Member."""
    story = (
        "Planning row\n\nAlderman Jo Hart said: \u201cThe planning officer is useless at the "
        "job and should go.\u201d\n"
    )
    assert "CON001" in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(("named_since", "flagged"), [("Ms Dale", True), ("Mr Dale", False)])
def test_he_said_is_not_the_woman_named_since(named_since: str, flagged: bool) -> None:
    """ "He said:" goes back to the councillor named before, past a Ms named since (a
    "he" cannot be her), but not past a Mr, who may be the one speaking."""
    story = (
        "Care report row\n\n"
        "Cllr Ray Hart said the director had offered the \u201csame old story\u201d in 2019.\n\n"
        f"{named_since} left the council in 2020.\n\n"
        "He said: \u201cThe director always blames her lack of training in social care and "
        "is clearly out of her depth.\u201d\n"
    )
    assert ("CON001" in [c for c, _ in codes(story)]) is flagged, codes(story)


@pytest.mark.parametrize(
    ("opening", "works", "flagged"),
    [
        # a ward update addressed to no one: news of what the Council will do, or has agreed
        ("Ward update from your councillor", "The pothole by the school will be repaired", False),
        (
            "Ward update from your councillor",
            "The council has agreed to resurface the lane by the school",
            False,
        ),
        # the same words in a letter to the resident who asked: a promise in the Member's name
        ("Dear Mrs Patel", "The pothole by the school will be repaired", True),
        ("Dear Mrs Patel", "The council has agreed to resurface the lane by the school", True),
        # "it has been agreed": someone else's agreement, reported, even with an "I" before it
        (
            "Dear Mrs Patel",
            "After my enquiry, it was agreed that the pothole will be repaired",
            False,
        ),
    ],
)
def test_works_the_council_will_do_are_news_on_a_post_and_a_promise_in_a_letter(
    opening: str, works: str, flagged: bool
) -> None:
    text = (
        f"{opening}\n\nThank you for your note about Mill Lane. I walked the lane with the "
        f"highways team on Friday. {works} next week.\n\n"
        "Cllr Jo Hart\nWard Councillor for Abbey\n"
    )
    assert ("COR001" in [c for c, _ in codes(text)]) is flagged, codes(text)


REPORTED_NEWS = """Housing row reaches standards panel

A complaint about remarks made at last autumn's full council will be heard on Friday.

{line}

The panel's decision is expected next week.
"""


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "Councillor Ann Reed, a member for thirty years, said at the October meeting "
            "that Eastfield had the most useless housing manager in the county.",
            True,
        ),
        # the Member is the one told; a resident, and a former Member, say it
        (
            "Councillor Ann Reed was told at the October meeting that Eastfield had the most "
            "useless housing manager in the county.",
            False,
        ),
        (
            "A resident, Ann Reed, said at the October meeting that Eastfield had the most "
            "useless housing manager in the county.",
            False,
        ),
        (
            "Former councillor Ann Reed said at the October meeting that Eastfield had the "
            "most useless housing manager in the county.",
            False,
        ),
    ],
)
def test_a_members_words_reported_without_quotation_marks_are_hers(
    line: str, flagged: bool
) -> None:
    assert flags("CON001", REPORTED_NEWS.format(line=line)) is flagged


QUOTED_POST_NEWS = """Garden waste: ward budget row

Brown bin collections in Northgate were suspended for three weeks in October.

{who} posted on a community page, saying: "I have found a firm to empty the brown bins on three days next week.

"I will pay the firm out of my ward budget for the collections."

The district council said the payment had not been approved.
"""


@pytest.mark.parametrize(
    ("who", "flagged"),
    [
        ("Cllr Jo Hart", True),
        # a resident, and a former Member, giving their own money
        ("Resident Jo Hart", False),
        ("Former councillor Jo Hart", False),
    ],
)
def test_council_money_a_member_gave_in_a_post_the_news_quotes(who: str, flagged: bool) -> None:
    assert flags("COR001", QUOTED_POST_NEWS.format(who=who)) is flagged


def test_a_councillor_titled_in_lower_case_after_a_party_is_named_where_first_named(
    tmp_path: Path,
) -> None:
    found = pre_election(
        tmp_path,
        "Abbey ward Green councillor Jo Hart has welcomed the new shelters.\n\n"
        "The shelters were paid for from the transport budget.\n\n"
        "Photo: Cllr Jo Hart at the first shelter.\n",
    )
    assert [f.text for f in found] == ["councillor Jo Hart", "Cllr Jo Hart"], found


RESIDENT_OR_MEMBER = """Emailing the council about the bins

{line}

I have to say the head of waste services is useless, and I told him so on Friday.

I will keep trying and report back here.
"""


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("I wrote to my ward councillors last week, and copied in the head of waste.", False),
        ("Like the rest of us residents, I pay for a service that does not come.", False),
        # a Member's own words about their colleagues and their ward
        ("I raised it with my fellow ward councillors last week, and the head of waste.", True),
        ("I wrote to the head of waste on Monday about the bins in my ward.", True),
    ],
)
def test_an_unsigned_writer_who_writes_to_their_councillors_is_a_resident(
    line: str, flagged: bool
) -> None:
    assert flags("CON001", RESIDENT_OR_MEMBER.format(line=line)) is flagged


def test_a_charge_a_report_says_a_councillor_faces_is_not_an_officers_criticism() -> None:
    story = (
        "Parish councillor to face hearing\n\n"
        "A parish councillor faces a standards hearing next month, a council "
        "spokesman said.\n\n"
        'The parish councillor is further accused of "rude and aggressive behaviour" towards '
        "the clerk at a meeting in May.\n"
    )
    assert "CON001" not in [c for c, _ in codes(story)], codes(story)


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        (
            "Residents not registered to vote in the county elections on 6 May "
            "have until midnight on Friday.",
            False,
        ),
        ("The county elections on 6 May will decide who runs the county.", True),
    ],
)
def test_a_reminder_to_register_to_vote_is_electoral_administration(
    tmp_path: Path, line: str, flagged: bool
) -> None:
    found = pre_election(tmp_path, f"{line}\n", headline="Elections in May")
    assert bool(found) is flagged, found
