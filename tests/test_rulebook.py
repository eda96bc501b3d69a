"""Rulebooks: a protocol or guidance states the rules; it does not break them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, run_cli
from protocheck.language import rulebook

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


@pytest.mark.skipif(not SEEDS, reason="../shared is not beside the checkout")
def test_the_councils_own_protocols_break_none_of_their_rules() -> None:
    """Each of the five protocols, checked as a document, is a rulebook: its sentences
    on group meetings, politically restricted posts and criticism are rules, not breaches.
    (The Wokingham file is a 2014 Standards Committee report that has no Legal
    implications section, which RPT006 rightly reports.)"""
    out = run_cli("--format", "json", "--no-cache", "--fail-on", "never", *map(str, SEEDS))
    files = json.loads(out.stdout)["files"]
    assert len(files) == len(SEEDS)
    found = [(Path(f["path"]).name, x["code"], x["text"]) for f in files for x in f["findings"]]
    assert [c for _, c, _ in found if c != "RPT006"] == [], found


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers must respect the confidentiality of any political group discussions at which they are present.",
        "5.2 Political group meetings form part of the preliminaries to Council decision making and are not "
        "empowered to make decisions on behalf of the Council.",
        "- k) an Officer who is not a Director shall not be invited to attend a party group meeting.",
        "(iii) Some employees who are normally those in more senior positions are in politically restricted posts "
        "and by law are prevented from taking part in certain political activities outside their work.",
        "Members should not criticise officers in public or on social media.",
    ],
)
def test_rule_statements(sentence: str) -> None:
    assert rulebook.states_rule(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officers will brief the Labour group on the options before the meeting.",  # a party: a particular group
        "I expect officers to attend our group meeting on Thursday.",  # first person, a day
        "Officers should attend the briefing on 3 March.",  # a date
        "The Committee approved the revised protocol.",  # no class of people under a rule
    ],
)
def test_particular_occasions_are_not_rule_statements(sentence: str) -> None:
    assert not rulebook.states_rule(sentence)


GUIDANCE = (
    "Pre-election period: guidance for councillors and staff\n\n"
    "Officers must remain politically neutral throughout the period.\n\n"
    "Members should not use Council premises or equipment for campaigning.\n\n"
    "Council publicity must not feature candidates.\n\n"
    "You should not:\n\n"
    "- arrange photographs of candidates for Council press releases\n\n"
    "- ask officers to help with leaflets for a political party\n\n"
    "Political group meetings are not empowered to make decisions on behalf of the Council.\n\n"
)


def test_guidance_is_quiet_but_a_particular_breach_inside_it_is_still_found(tmp_path: Path) -> None:
    quiet = tmp_path / "guidance.txt"
    quiet.write_text(GUIDANCE, encoding="utf-8")
    out = run_cli("--format", "json", "--no-cache", "--kind", "report", str(quiet))
    assert json.loads(out.stdout)["files"][0]["findings"] == [], out.stdout
    assert out.returncode == 0

    breach = tmp_path / "guidance-with-breach.txt"
    breach.write_text(
        GUIDANCE
        + "As discussed at the Conservative group meeting on 3 March, option 2 is preferred.\n",
        encoding="utf-8",
    )
    out = run_cli("--format", "json", "--no-cache", "--kind", "report", str(breach))
    findings = json.loads(out.stdout)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["RPT007"], out.stdout
    assert "Conservative group meeting" in findings[0]["text"]


def test_a_titled_guidance_page_is_a_rulebook_from_its_title(tmp_path: Path) -> None:
    """One rule statement is too few to count as a rulebook, but a page titled as guidance
    is one: its sentences about candidates, resources and Members describe the rules."""
    page = tmp_path / "faq.txt"
    page.write_text(
        "Pre-election period: frequently asked questions\n\n"
        "Can a councillor use the Council's meeting rooms during the election?\n\n"
        "The use by a Member of any Council resources for party political purposes, including printing "
        "election leaflets on Council printers, is a breach of the Code.\n\n"
        "Further information on how to stand for election and information for candidates will be "
        "available on the Council's website.\n",
        encoding="utf-8",
    )
    from protocheck.language import nlp, voices
    from protocheck.read import read

    doc = voices.analyse(read(page), None)
    nlp.annotate(doc, set())
    assert rulebook.is_rulebook(doc)
    out = run_cli("--format", "json", "--no-cache", str(page))
    assert json.loads(out.stdout)["files"][0]["findings"] == [], out.stdout
