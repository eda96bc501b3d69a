"""Outputs never write over an input: -o, --annotate, diff -o and baseline -o are checked
against every input by device and inode; an existing document needs --force."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from conftest import MEMBER_LETTER, build_docx, run_cli

LETTER = (
    "Dear Mrs Ellis,\n\nThank you for your email about the bins on Larch Row. "
    "I will raise this with officers.\n\nYours sincerely,\n\nCllr Ann Rees\n"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_report_never_replaces_an_input(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    before = digest(letter)
    linked = tmp_path / "linked.json"
    os.link(letter, linked)
    for target in (letter, linked, tmp_path / "." / "letter.txt"):
        out = run_cli("check", str(letter), "--format", "json", "-o", str(target), "--force")
        assert out.returncode == 2, target
        assert "would overwrite the input" in out.stderr and out.stderr.count("\n") == 1
    assert digest(letter) == before


def test_an_existing_report_is_replaced_but_a_document_needs_force(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    assert run_cli("check", str(letter), "--format", "json", "-o", str(report)).returncode == 0
    assert report.read_text(encoding="utf-8").startswith("{")
    other = tmp_path / "other-draft.txt"
    other.write_text("a draft", encoding="utf-8")
    refused = run_cli("check", str(letter), "--format", "json", "-o", str(other))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert other.read_text(encoding="utf-8") == "a draft"
    forced = run_cli("check", str(letter), "--format", "json", "-o", str(other), "--force")
    assert forced.returncode == 0 and other.read_text(encoding="utf-8").startswith("{")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_annotate_never_writes_over_an_input_or_an_existing_copy(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    first = build_docx(folder / "reply.docx", MEMBER_LETTER)
    second = build_docx(folder / "reply.annotated.docx", MEMBER_LETTER)
    before = digest(second)
    out = run_cli("check", str(folder), "--annotate", str(folder), "--fail-on", "never")
    assert out.returncode == 2 and "would overwrite the input" in out.stderr
    assert digest(second) == before
    copy = tmp_path / "copy.docx"
    copy.write_bytes(b"keep me")
    refused = run_cli("check", str(first), "--annotate", str(copy), "--fail-on", "never")
    assert refused.returncode == 2 and copy.read_bytes() == b"keep me"
    forced = run_cli("check", str(first), "--annotate", str(copy), "--fail-on", "never", "--force")
    assert forced.returncode == 0 and copy.read_bytes()[:2] == b"PK"


def test_two_inputs_with_one_name_get_two_annotated_copies(tmp_path: Path) -> None:
    for sub in ("north", "south"):
        (tmp_path / sub).mkdir()
        build_docx(tmp_path / sub / "letter.docx", MEMBER_LETTER)
    target = tmp_path / "checked"
    out = run_cli(
        "check",
        str(tmp_path / "north"),
        str(tmp_path / "south"),
        "--annotate",
        str(target),
        "--fail-on",
        "never",
    )
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in target.iterdir()) == [
        "north__letter.annotated.docx",
        "south__letter.annotated.docx",
    ]


def test_diff_and_baseline_never_write_over_an_input(tmp_path: Path) -> None:
    draft = build_docx(tmp_path / "draft.docx", MEMBER_LETTER)
    revised = build_docx(tmp_path / "revised.docx", MEMBER_LETTER)
    before = digest(revised)
    out = run_cli("diff", str(draft), str(revised), "-o", str(revised), "--force")
    assert out.returncode == 2 and digest(revised) == before
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    base = run_cli("baseline", str(letter), "-o", str(letter))
    assert base.returncode == 2 and letter.read_text(encoding="utf-8") == LETTER


def test_rough_edges_of_writing(tmp_path: Path) -> None:
    """A text report sent to -o is not also printed; init writes into a new folder and
    refuses a folder, --force or not; several documents annotated into one .docx name
    are refused rather than making a folder called x.docx."""
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    out = run_cli("check", str(letter), "-o", str(tmp_path / "report.txt"))
    assert out.stdout == "" and "letter.txt" in (tmp_path / "report.txt").read_text(
        encoding="utf-8"
    )
    made = run_cli("init", str(tmp_path / "sub" / "protocheck.toml"))
    assert made.returncode == 0 and (tmp_path / "sub" / "protocheck.toml").is_file()
    folder = run_cli("init", str(tmp_path / "sub"), "--force")
    assert folder.returncode == 2 and "folder" in folder.stderr and "internal" not in folder.stderr
    for name in ("a.docx", "b.docx"):
        build_docx(tmp_path / name, MEMBER_LETTER)
    many = run_cli(
        "check",
        str(tmp_path / "a.docx"),
        str(tmp_path / "b.docx"),
        "--annotate",
        str(tmp_path / "x.docx"),
    )
    assert many.returncode == 2 and not (tmp_path / "x.docx").exists()
