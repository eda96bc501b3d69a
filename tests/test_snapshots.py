"""Output snapshots: the text, JSON and SARIF formats for a few samples.

They guard the formats, not accuracy. `make snapshots` rewrites them; review the diff.
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT, run_cli

SNAPSHOTS = ROOT / "tests" / "snapshots"
CASES = {
    "parking-refund": "samples/COR001/flag-parking-refund.docx",
    "bcc-ward-member": "samples/COR002/flag-officer-reply-bcc-ward-member.eml",
    "officer-refund": "samples/COR001/ok-officer-parking-refund.docx",
}
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif.json"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_snapshot(name: str, fmt: str) -> None:
    out = run_cli(
        CASES[name], "--format", fmt, "--no-color", "--no-cache", cwd=ROOT, env={"COLUMNS": "100"}
    )
    assert out.returncode in (0, 1), out.stderr
    target = SNAPSHOTS / f"{name}.{FORMATS[fmt]}"
    if os.environ.get("PROTOCHECK_UPDATE_SNAPSHOTS"):
        target.write_text(out.stdout, encoding="utf-8")
    assert target.exists(), f"no snapshot {target.name}: run `make snapshots`"
    assert out.stdout == target.read_text(encoding="utf-8"), (
        f"{target.name} changed: run `make snapshots` and review"
    )
