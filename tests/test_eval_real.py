"""`make eval-real` scores labelled pages: a finding on an expected span is right, one on
no labelled span wrong; page precision counts each page a rule flags once."""

from __future__ import annotations

import json
from pathlib import Path

import evaluate_real

RELEASE = """Kestrel Vale Borough Council - News release

Library hours extended

The Greens have proved what a council that listens can achieve for families in every ward.

Vote Labour on Thursday to keep the library open.

Ends
"""


def _folder(tmp_path: Path, pages: list[tuple[str, str, list[dict[str, str]]]]) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    lines = []
    for name, text, expected in pages:
        (folder / name).write_text(text, encoding="utf-8")
        lines.append(
            json.dumps({"file": name, "force_kind": "press-release", "expected": expected})
        )
    (folder / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_page_precision_counts_pages_not_findings(tmp_path: Path) -> None:
    labelled = [{"rule": "party-political", "quote": "Vote Labour on Thursday"}]
    folder = _folder(tmp_path, [("a.txt", RELEASE, labelled), ("b.txt", RELEASE, [])])
    tallies, pages = evaluate_real.evaluate([folder])
    party = tallies["party-political"]
    # the same two findings on each page: on a, one is on the labelled span and one is
    # not; on b, a clean page, both are wrong
    assert party.tp == 1 and party.fp == 3, (party.tp, party.fp)
    assert (party.pages_flagged, party.pages_right) == (2, 1)
    assert (party.docs, party.docs_hit) == (1, 1)
    assert (pages["clean"], pages["clean_flagged"]) == (1, 1)
