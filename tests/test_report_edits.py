"""Report sections and the substance of tracked changes, on .docx files with real w:ins / w:del."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_docx
from protocheck.language import edits, sections, voices
from protocheck.model import config
from protocheck.model.document import Document
from protocheck.read import read
from protocheck.rules import registry

MEMBER = {"author": "Cllr Jo Bloggs", "date": "2026-10-02T14:31:00Z"}
OFFICER = {"author": "treed", "date": "2026-10-02T15:00:00Z"}
ROSTER = '[[members]]\nname = "Jo Bloggs"\naliases = ["jbloggs"]\n[[officers]]\nname = "Tom Reed"\ntitle = "Head of Leisure"\naliases = ["treed"]\n'


def member_changes(doc: Document) -> list[tuple[edits.Edit, str, str]]:
    """(edit, why it is substantive, rule code) for each Member's substantive edit that a
    report rule claims: the report rules' verdicts side by side (each rule's `claims`)."""
    import sys

    claimants = [
        (r.code, claims)
        for r in registry.all_rules()
        if (claims := getattr(sys.modules[r.module], "claims", None)) is not None
    ]
    return [
        (edit, why, code)
        for edit, why in edits.member_edits(doc)
        for code, claims in claimants
        if claims(edit.section, edit.about)
    ]


def _report(
    tmp_path: Path, paragraph: list[object], heading: str = "4. Options considered"
) -> voices.Document:
    (tmp_path / "protocheck.toml").write_text(ROSTER, encoding="utf-8")
    path = build_docx(
        tmp_path / "report.docx",
        {
            "body": [
                {"style": "Heading 1", "text": "2. Recommendations"},
                "2.1 That Cabinet approves option 2.",
                {"style": "Heading 1", "text": heading},
                {"runs": paragraph},
                {"style": "Heading 1", "text": "6. Legal implications"},
                "6.1 The Council has power to close the pool under the Localism Act 2011.",
            ]
        },
    )
    config.discover.cache_clear()
    doc = voices.analyse(read(path), config.for_file(path))
    sections.mark(doc)
    return doc


def _changes(doc: voices.Document) -> list[tuple[str, str, str]]:
    return [(e.deleted, why, code) for e, why, code in member_changes(doc)]


def test_sections_are_recognised(tmp_path: Path) -> None:
    doc = _report(tmp_path, ["4.1 Option 1: keep the pool open."])
    by_text = {b.text: b.meta.get("section") for b in doc.blocks if b.in_body}
    assert by_text["2.1 That Cabinet approves option 2."] == "recommendations"
    assert by_text["4.1 Option 1: keep the pool open."] == "options"
    assert sections.present(doc) == {"recommendations", "options", "legal"}


def test_member_deleting_an_option_is_rpt001(tmp_path: Path) -> None:
    doc = _report(
        tmp_path,
        [
            "4.1 Option 1: keep the pool open. ",
            {"del": "Option 3: close the pool and move lessons to Killamarsh.", **MEMBER},
        ],
    )
    assert _changes(doc) == [
        ("Option 3: close the pool and move lessons to Killamarsh.", "removes text", "RPT001")
    ]


@pytest.mark.parametrize(
    ("runs", "why"),
    [
        (
            ["4.1 The pool is ", {"del": "not ", **MEMBER}, "affordable."],
            "removes a negation, hedge or decision word",
        ),
        (
            [
                "4.1 The pool is ",
                {"del": "not", **MEMBER},
                {"ins": "now", **MEMBER},
                " affordable.",
            ],
            "turns a statement round (a negation added or removed)",
        ),
        (
            [
                "4.1 Officers ",
                {"del": "recommend", **MEMBER},
                {"ins": "may consider", **MEMBER},
                " option 2.",
            ],
            "changes a hedge or decision word",
        ),
        (
            [
                "4.1 The repairs will cost ",
                {"del": "£310,000", **MEMBER},
                {"ins": "£210,000", **MEMBER},
                ".",
            ],
            "changes a figure",
        ),
        (
            [
                "4.1 Option 1: ",
                {"del": "make no changes to the scheme", **MEMBER},
                {"ins": "make changes to the scheme", **MEMBER},
                ".",
            ],
            "turns a statement round (a negation added or removed)",
        ),
    ],
)
def test_substantive_member_edits(tmp_path: Path, runs: list[object], why: str) -> None:
    assert [w for _, w, _ in _changes(_report(tmp_path, runs))] == [why]


@pytest.mark.parametrize(
    "runs",
    [
        [
            "4.1 The pool was built in ",
            {"del": "Febuary", **MEMBER},
            {"ins": "February", **MEMBER},
            " 1974.",
        ],
        ["4.1 Option 1: keep the pool open", {"ins": " and extend its hours", **MEMBER}, "."],
        ["4.1 Option 1: close the pool. ", {"del": "Option 1: close the pool.", **MEMBER}],
        [
            "4.1 The works start on ",
            {"del": "3 March 2027", **MEMBER},
            {"ins": "3/3/2027", **MEMBER},
            ".",
        ],
        [
            "4.1 Option 1: ",
            {"del": "do minimum", **MEMBER},
            {"ins": "make no changes to the current scheme", **MEMBER},
            ".",
        ],
        ["4.1 ", {"del": "Option 3: close the pool and move lessons to Killamarsh.", **OFFICER}],
    ],
)
def test_edits_that_change_no_substance_or_are_an_officers(
    tmp_path: Path, runs: list[object]
) -> None:
    assert _changes(_report(tmp_path, runs)) == []


def test_a_changed_recommendation_is_rpt003(tmp_path: Path) -> None:
    doc = _report(
        tmp_path,
        ["That Cabinet approves option ", {"del": "2", **MEMBER}, {"ins": "3", **MEMBER}, "."],
        heading="3. Recommendations (continued)",
    )
    assert [c for _, _, c in _changes(doc)] == ["RPT003"]


def test_moved_text_is_not_a_deletion(tmp_path: Path) -> None:
    import zipfile

    from lxml import etree

    path = build_docx(
        tmp_path / "moved.docx",
        {
            "body": [
                {"style": "Heading 1", "text": "4. Options considered"},
                "4.1 Option 1: keep the pool open.",
                "4.2 Filler.",
            ]
        },
    )
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    root = etree.fromstring(parts["word/document.xml"])
    paras = root.findall(f".//{{{w}}}p")
    for p, tag in ((paras[1], "moveFrom"), (paras[2], "moveTo")):
        wrap = etree.SubElement(
            p, f"{{{w}}}{tag}", {f"{{{w}}}id": "9", f"{{{w}}}author": "Cllr Jo Bloggs"}
        )
        t = etree.SubElement(etree.SubElement(wrap, f"{{{w}}}r"), f"{{{w}}}t")
        t.text = " Option 3: close the pool and move lessons to Killamarsh."
    parts["word/document.xml"] = etree.tostring(root)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    config.discover.cache_clear()
    doc = voices.analyse(read(path), config.for_file(path))
    sections.mark(doc)
    assert any(c.type == "move" for b in doc.blocks for c in b.changes)
    assert member_changes(doc) == []


@pytest.mark.parametrize(
    ("heading", "runs", "expected"),
    [
        # words inserted into the officers' view that reverse it: altered advice
        (
            "5. Officer comments",
            [
                "5.1 Officers consider the scheme unaffordable",
                {"ins": ", but this concern does not apply now", **MEMBER},
                ".",
            ],
            [("", "inserts words that reverse the officers' advice", "RPT002")],
        ),
        # words added to the same view that leave it standing
        (
            "5. Officer comments",
            [
                "5.1 Officers consider the scheme unaffordable",
                {"ins": " at current prices and will report again in 2028", **MEMBER},
                ".",
            ],
            [],
        ),
        # what residents said, deleted under a heading that is not the consultation's
        (
            "4. Background",
            [
                "4.3 Of 412 responses to the survey, ",
                {"del": "68% opposed the closure", **MEMBER},
                ".",
            ],
            [("68% opposed the closure", "removes text", "RPT005")],
        ),
    ],
)
def test_edits_judged_by_what_they_do_to_the_officers_words(
    tmp_path: Path, heading: str, runs: list[object], expected: list[tuple[str, str, str]]
) -> None:
    assert _changes(_report(tmp_path, runs, heading)) == expected
