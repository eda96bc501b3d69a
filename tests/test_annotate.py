"""--annotate: a copy with a Word comment on each finding, on the right words; the input untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import MEMBER_LETTER, build_docx, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _anchors(path: Path) -> list[str]:
    import docx

    body = docx.Document(str(path)).element.body
    out = []
    for p in body.iter(f"{W}p"):
        inside, text = False, ""
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                inside = True
            elif el.tag == f"{W}commentRangeEnd":
                inside = False
            elif el.tag == f"{W}t" and inside:
                text += el.text or ""
        if text:
            out.append(text)
    return out


def test_comment_sits_on_the_flagged_words_and_the_input_is_untouched(tmp_path: Path) -> None:
    import docx

    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    before = hashlib.sha256(letter.read_bytes()).hexdigest()
    out = run_cli(str(letter), "--select", "COR001", "--annotate", str(tmp_path / "annotated.docx"))
    assert out.returncode == 1 and "wrote" in out.stderr
    assert hashlib.sha256(letter.read_bytes()).hexdigest() == before
    copy = docx.Document(str(tmp_path / "annotated.docx"))
    (comment,) = list(copy.comments)
    assert comment.author == "protocheck"
    assert comment.text.startswith("COR001 member-obligation (error)")
    assert (
        "Letters which create legally enforceable obligations" in comment.text
        or "10.2" in comment.text
    )
    assert _anchors(tmp_path / "annotated.docx") == [
        "the Council will refund your parking charges in full by 31 March"
    ]
    # the copy's text is the letter's text: only comments were added
    assert [p.text for p in copy.paragraphs] == [
        p.text for p in docx.Document(str(letter)).paragraphs
    ]


def test_tracked_deletion_is_annotated_on_its_paragraph(tmp_path: Path) -> None:
    report = build_docx(
        tmp_path / "report.docx",
        {
            "body": [
                {"style": "Heading 1", "text": "4. Options considered"},
                {
                    "runs": [
                        "4.1 Option 1: keep the pool open. ",
                        {
                            "del": "Option 3: close the pool and move lessons to Killamarsh.",
                            "author": "Cllr Jo Bloggs",
                        },
                    ]
                },
            ]
        },
    )
    out = run_cli(
        str(report),
        "--kind",
        "report",
        "--select",
        "RPT001",
        "--annotate",
        str(tmp_path / "out.docx"),
    )
    assert out.returncode == 1, out.stderr
    assert _anchors(tmp_path / "out.docx") == ["4.1 Option 1: keep the pool open. "]


def test_annotate_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    before = letter.read_bytes()
    out = run_cli(str(letter), "--annotate", str(letter))
    assert out.returncode == 2 and "overwrite" in out.stderr
    assert letter.read_bytes() == before


def test_libreoffice_opens_the_copy_with_its_comment(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import zipfile

    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    letter = build_docx(tmp_path / "letter.docx", MEMBER_LETTER)
    run_cli(str(letter), "--annotate", str(tmp_path / "annotated.docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "annotated.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml").decode()
    assert "office:annotation" in content and "protocheck" in content and "COR001" in content
