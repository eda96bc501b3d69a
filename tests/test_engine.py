"""The engine: rules run per document, each apart from the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from protocheck.language import voices
from protocheck.read import read


def test_a_failing_rule_leaves_the_other_rules_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from protocheck import engine
    from protocheck.model import profiles
    from protocheck.rules import registry

    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear Mr Jones,\n\nI can confirm that the Council will refund your parking charges in full.\n\n"
        "Yours sincerely,\n\nCllr Priya Shah\nCabinet Member for Highways\n",
        encoding="utf-8",
    )
    doc = voices.analyse(read(letter), None)
    doc.profile = profiles.get("model")
    rules = [r for r in registry.all_rules() if r.code in ("COR001", "COR003")]
    broken = next(r for r in rules if r.code == "COR003")

    def explode(_doc: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(broken, "check", explode)
    monkeypatch.delenv("PROTOCHECK_DEBUG", raising=False)
    monkeypatch.setattr(broken, "when", None)
    findings = engine.check_document(doc, rules, doc.profile)
    assert [f.code for f in findings] == ["COR001"]
    assert any(
        "COR003 stopped with an internal error (RuntimeError: boom)" in n for n in doc.notices
    )


def test_collection_paused_for_start_up_is_turned_back_on() -> None:
    """The command pauses cyclic garbage collection while it imports spaCy (entry.py);
    building the pipeline turns it back on, so a long batch run still collects."""
    import subprocess
    import sys

    code = (
        "import gc; gc.disable(); from protocheck.language import nlp; nlp.pipeline(); "
        "print(gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True"]
