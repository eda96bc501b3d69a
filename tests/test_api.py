"""The Python API gives what the command line's JSON gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import protocheck
import pytest
from conftest import MEMBER_LETTER, ROOT, SAMPLES, build_docx, run_cli


def test_check_paths_is_the_json_report_for_every_sample(samples_cache: dict[str, str]) -> None:
    cli = json.loads(run_cli(str(SAMPLES), "--format", "json", env=samples_cache).stdout)
    api = json.loads(protocheck.check_paths([SAMPLES], use_cache=False).to_json())
    assert len(api["files"]) == len(cli["files"]) > 700
    assert api == cli
    for entry in cli["files"]:  # and one file at a time
        assert protocheck.check(entry["path"], use_cache=False).as_json() == entry, entry["path"]


def test_check_takes_a_path_bytes_or_text(tmp_path: Path) -> None:
    letter = build_docx(tmp_path / "reply.docx", MEMBER_LETTER)
    by_path = protocheck.check(letter, use_cache=False)
    by_bytes = protocheck.check(letter.read_bytes(), name="reply.docx")
    assert [f.code for f in by_path.findings] == [f.code for f in by_bytes.findings]
    assert "COR001" in {f.code for f in by_path.findings}
    assert json.loads(by_path.to_json())["findings"][0]["fix"]
    text = (
        "Dear Mrs Ellis,\n\nI can confirm that the Council will refund your parking charges "
        "in full.\n\nYours sincerely,\n\nCllr Ann Rees\nCabinet Member for Transport\n"
    )
    assert "COR001" in {f.code for f in protocheck.check(text).findings}
    assert protocheck.check(text, select=["COR002"]).findings == []


def test_an_unreadable_document_raises_with_the_cli_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(protocheck.UnreadableError) as caught:
        protocheck.check(broken)
    cli = json.loads(run_cli(str(broken), "--format", "json", "--no-cache").stdout)
    assert str(caught.value) == cli["files"][0]["error"]


def test_import_is_light() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import protocheck; "
        "print(time.perf_counter() - t, 'spacy' in sys.modules, 'docx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    seconds, spacy, docx = out.stdout.split()
    assert float(seconds) < 0.1 and spacy == "False" and docx == "False"


def test_load_config(tmp_path: Path) -> None:
    cfg = tmp_path / "protocheck.toml"
    cfg.write_text('profile = "conwy"\n', encoding="utf-8")
    assert protocheck.load_config(cfg).profile == "conwy"
