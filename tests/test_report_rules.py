"""Which report rule (RPT001-RPT005) a Member's substantive edit falls under: each rule's
`claims`, and the order in which they yield to one another (checks/language/edits.py)."""

from __future__ import annotations

import itertools
import sys

import pytest
from protocheck.language import edits, lexicon
from protocheck.rules import registry

# Through the registry, which imports every rule module once: importing one rule module
# first would leave the registry with that module's rules only.
RULES = {
    r.code: sys.modules[r.module]
    for r in registry.all_rules()
    if r.code in ("RPT001", "RPT002", "RPT003", "RPT004", "RPT005")
}


def _before(section: str | None, about: str | None) -> str | None:
    """The decision as one table and one function, before each rule held its own: the
    reference the rules' claims must reproduce."""
    table = {
        "options": "RPT001",
        "advice": "RPT002",
        "recommendations": "RPT003",
        "reasons": "RPT003",
        "key-decision": "RPT004",
        "statutory-officer": "RPT004",
        "legal": "RPT004",
        "financial": "RPT004",
        "consultation": "RPT005",
    }
    if section in ("recommendations", "reasons"):
        return "RPT003"
    if about in ("key-decision", "statutory-officer"):
        return "RPT004"
    if about == "advice":
        return "RPT002"
    if section == "consultation":
        return "RPT005" if about == "consultation" else None
    return table.get(section or "") or table.get(about or "")


def _names(table: str) -> list[str]:
    return [name for name, _ in lexicon.regex_table(table)]


SECTIONS = [None, "statutory-officer", "no-such-section", *_names("sections/report.yml")]
TOPICS = [None, "recommendations", "reasons", "other", *_names("sections/edit-topics.yml")]


def _claimants(section: str | None, about: str | None) -> list[str]:
    return [code for code, module in RULES.items() if module.claims(section, about)]


@pytest.mark.parametrize(("section", "about"), list(itertools.product(SECTIONS, TOPICS)))
def test_one_rule_at_most_claims_an_edit_as_before(section: str | None, about: str | None) -> None:
    expected = _before(section, about)
    assert _claimants(section, about) == ([expected] if expected else [])


def test_every_section_and_topic_is_tried() -> None:
    assert sorted(RULES) == ["RPT001", "RPT002", "RPT003", "RPT004", "RPT005"]
    assert {"options", "advice", "legal", "consultation", "purpose"} <= set(SECTIONS)
    assert {"options", "advice", "key-decision", "statutory-officer", "consultation"} <= set(TOPICS)


def test_the_watched_sections_are_the_rules_sections() -> None:
    owned = [s for module in RULES.values() for s in module.SECTIONS]
    assert len(owned) == len(set(owned))  # each watched section is one rule's
    assert set(owned) == edits.REPORT_SECTIONS


@pytest.mark.parametrize(
    ("section", "about", "code"),
    [
        ("recommendations", "key-decision", "RPT003"),  # the recommendations come first
        ("options", "key-decision", "RPT004"),  # a statement, wherever it stands
        ("advice", "statutory-officer", "RPT004"),
        ("options", "advice", "RPT002"),  # advice inside an option's description
        ("legal", "advice", "RPT002"),
        ("consultation", "options", None),  # in consultation, only what people said
        ("consultation", "consultation", "RPT005"),
        ("purpose", "consultation", "RPT005"),  # outside the watched sections, the topic
        (None, "financial", "RPT004"),
        ("options", "financial", "RPT001"),  # inside a watched section, the section
    ],
)
def test_precedence_examples(section: str | None, about: str | None, code: str | None) -> None:
    assert _claimants(section, about) == ([code] if code else [])
